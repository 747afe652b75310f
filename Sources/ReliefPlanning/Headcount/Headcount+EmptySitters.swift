import LinearProgramming
import ReliefCore

extension Headcount {
    /// A local search that empties sitters: the sitter with the fewest items hands
    /// each of them to another sitter already working (directly, or by moving the
    /// one item in the way to a third working sitter); kept only when all of them
    /// find a place. Levels do not change (every item stays covered). Locked items
    /// and trainees are left where they are (a trainee needs a mentor beside them).
    /// Deterministic: ties go to the lower index. `steps` bounds the work.
    public static func emptySitters(
        _ ix: PlanningIndex, assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>,
        control: SolveControl, steps: Int = 200_000
    ) -> (assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) {
        var search = Emptying(ix: ix, weeks: SitterWeeks(ix, assignments, onCall), budget: steps)
        search.run(control: control)
        return search.weeks.pairs
    }

    /// The state of `emptySitters`: the weeks being changed, the work left, the
    /// sitters that could not be emptied since the last one that was.
    struct Emptying {
        typealias Item = WeekRules.Item
        let ix: PlanningIndex
        var weeks: SitterWeeks
        var budget: Int
        var failed = Set<Int>()

        /// Empties the working sitter with the fewest items, again and again, until
        /// none is left to try or the work runs out.
        mutating func run(control: SolveControl) {
            let c = ix.theCase
            while budget > 0 && !control.shouldStop {
                let working = c.sitters.indices.filter { !weeks.items($0).isEmpty }
                guard
                    let s = working.filter({ !failed.contains($0) }).min(by: {
                        (weeks.items($0).count, $0) < (weeks.items($1).count, $1)
                    })
                else { break }
                let mine = weeks.items(s)
                guard mine.allSatisfy({ weeks.movable(s, $0) }) else {
                    failed.insert(s)
                    continue
                }
                let saved = weeks
                var ok = true
                for it in mine {
                    guard hand(it, from: s) else {
                        ok = false
                        break
                    }
                }
                if ok {
                    failed.removeAll()
                } else {
                    weeks = saved
                    failed.insert(s)
                }
            }
        }

        /// Takes `it` from `s` and gives it to another working sitter, directly or by
        /// moving the one item in the way; whether it found a place.
        mutating func hand(_ it: Item, from s: Int) -> Bool {
            weeks.remove(s, it)
            var placed = false
            let others = weeks.ix.eligible(it).filter {
                $0 != s && !weeks.items($0).isEmpty && weeks.mayTake($0, it) && !weeks.holders(it).contains($0)
            }
            // Fullest first: keeps the emptier ones for the next round.
            let targets = others.sorted { (weeks.items($0).count, $1) > (weeks.items($1).count, $0) }
            for t in targets where weeks.fits(t, it) {
                weeks.add(t, it)
                placed = true
                break
            }
            if !placed { placed = moveBlocking(it, from: s, to: targets) }
            budget -= targets.count
            return placed
        }

        /// Gives `it` to one of `targets` after moving the one item that blocks them
        /// to a third working sitter; whether it could.
        mutating func moveBlocking(_ it: Item, from s: Int, to targets: [Int]) -> Bool {
            for t in targets {
                budget -= 1
                let blocking = weeks.conflicts(t, it)
                guard blocking.count == 1, let b = blocking.first, weeks.movable(t, b) else { continue }
                weeks.remove(t, b)
                guard weeks.fits(t, it) else {
                    weeks.add(t, b)
                    continue
                }
                for u in weeks.ix.eligible(b)
                where u != s && u != t && !weeks.items(u).isEmpty && weeks.mayTake(u, b)
                    && !weeks.holders(b).contains(u) && weeks.fits(u, b)
                {
                    weeks.add(u, b)
                    weeks.add(t, it)
                    return true
                }
                weeks.add(t, b)
            }
            return false
        }
    }
}

extension SitterWeeks {
    /// A sitter's items, visits then shifts, each in index order.
    func items(_ s: Int) -> [Item] {
        visits(s).sorted().map { .visit($0) } + shifts(s).sorted().map { .shift($0) }
    }

    /// A non-trainee, and one who may supervise where a trainee stays on the visit.
    func mayTake(_ u: Int, _ it: Item) -> Bool {
        if ix.isTrainee(u) { return false }
        return !holders(it).contains(where: ix.isTrainee) || ix.canSupervise(u)
    }

    /// Whether `s` may give `it` up: not a locked assignment, not a trainee's.
    func movable(_ s: Int, _ it: Item) -> Bool {
        if case .visit(let v) = it, ix.locked.contains(.init(s, v)) { return false }
        return !ix.isTrainee(s)
    }
}
