import Foundation
import LinearProgramming
import ReliefCore

extension ColumnBound {
    /// Dive: fix the most used column to 1, re-generate, repeat; backtrack a
    /// little when the LP can no longer reach the target. The first dive runs to
    /// an integral schedule whatever its value (pruning early makes it backtrack
    /// before it ever finishes); after that, any schedule better than the best so
    /// far is worth reaching. Leaves the master's bounds as it found them.
    func dive(
        master: ColumnMaster, run: inout Generation, bound: Int, seedValue: Int, best: Best,
        control: SolveControl, consider: ([Int]) -> Void
    ) -> StopReason? {
        var dive = Dive(master: master)
        defer { dive.release() }
        var target = Double(seedValue + 1)
        var steps = 0
        var stop: StopReason?
        while best.value < bound {
            if let why = control.stopReason { return why }
            if steps >= work.diveSteps {
                stop = .workLimit
                break
            }
            steps += 1
            let lpValue = run.generate(skip: dive.fixedSitters, proving: false, stopAt: target)
            if let why = control.stopReason { return why }
            var next: Int?
            if let lpValue, floor(lpValue + Tolerance.integrality) >= target {
                let lp = dive.read()
                if lp.usable && lp.integral {
                    consider(lp.chosen)
                    if best.value >= bound { break }
                    target = Double(best.value + 1)
                } else if lp.usable {
                    next = lp.next
                }
            }
            if let j = next {
                dive.fix(j)
                continue
            }
            // Backtrack: undo the last fixing and forbid that column in its parent.
            guard dive.backtrack(within: work.diveBacktracks) else {
                if dive.backtracks > work.diveBacktracks { stop = .workLimit }
                break
            }
        }
        return stop
    }

    /// The fixings of a dive, each with the columns forbidden below it, and the
    /// columns forbidden at its root.
    struct Dive {
        struct Fixing {
            var column: Int
            var forbidden: [Int] = []
        }
        let master: ColumnMaster
        var stack: [Fixing] = []
        var fixedSitters = Set<Int>()
        var backtracks = 0
        var forbiddenAtRoot: [Int] = []

        /// The master's LP point: the columns at 1, whether it is integral, whether it
        /// uses only feasible weeks, and the fractional column to fix next (the largest,
        /// of a sitter not fixed yet).
        func read() -> (chosen: [Int], integral: Bool, usable: Bool, next: Int?) {
            var usable = true
            var integral = true
            var candidate: (Int, Double)?
            var chosen: [Int] = []
            for j in master.columns.indices where !master.columns[j].isLevel {
                let x = master.primal(j)
                if x > Tolerance.integrality && !master.columns[j].feasible { usable = false }
                if x > 1 - Tolerance.integrality {
                    chosen.append(j)
                } else if x > Tolerance.integrality {
                    integral = false
                    if !fixedSitters.contains(master.columns[j].sitter) && (candidate == nil || x > candidate!.1) {
                        candidate = (j, x)
                    }
                }
            }
            return (chosen, integral, usable, candidate?.0)
        }

        /// Fixes column `j` to 1, and the columns at (nearly) 1 along with it.
        mutating func fix(_ j: Int) {
            master.setBounds(j, lower: 1, upper: 1)
            stack.append(Fixing(column: j))
            fixedSitters.insert(master.columns[j].sitter)
            // Columns at (nearly) 1 go along: fewer re-generations per dive. Where
            // every visit needs one sitter and every shift one person, every column
            // above one half (two such columns share no sitter and no item).
            let along = master.singlePositions ? 0.5 : 0.9
            for i in master.columns.indices
            where i != j && master.columns[i].feasible && !master.columns[i].isLevel
                && !fixedSitters.contains(master.columns[i].sitter)
                && master.primal(i) > along
            {
                master.setBounds(i, lower: 1, upper: 1)
                stack.append(Fixing(column: i))
                fixedSitters.insert(master.columns[i].sitter)
            }
        }

        /// Counts a backtrack, undoes the last fixing and forbids its column in its
        /// parent; false when there is none, or the backtracks are past `limit` (the
        /// last fixing is then taken off the stack all the same).
        mutating func backtrack(within limit: Int) -> Bool {
            backtracks += 1
            guard let last = stack.popLast(), backtracks <= limit else { return false }
            for f in last.forbidden { master.setBounds(f, lower: 0, upper: .infinity) }
            fixedSitters.remove(master.columns[last.column].sitter)
            master.setBounds(last.column, lower: 0, upper: 0)
            if stack.isEmpty {
                forbiddenAtRoot.append(last.column)
            } else {
                stack[stack.count - 1].forbidden.append(last.column)
            }
            return true
        }

        /// The master's bounds as the dive found them (for the fixings still on the stack).
        func release() {
            for l in stack { master.setBounds(l.column, lower: 0, upper: .infinity) }
            for l in stack { for f in l.forbidden { master.setBounds(f, lower: 0, upper: .infinity) } }
            for f in forbiddenAtRoot { master.setBounds(f, lower: 0, upper: .infinity) }
        }
    }
}
