import ReliefCore

/// Adds assignments to a schedule that keeps every hard rule, never removing
/// one: on-call shifts first, then urgent, high and normal visits, the scarcest
/// first, each to the least loaded sitter who can still take it. Adding never
/// lowers a level, so this only improves a point; it gives large cases a sound
/// floor before the exact machinery runs.
public struct GreedyFill: Sendable {
    public let index: PlanningIndex

    public init(_ index: PlanningIndex) { self.index = index }

    public func fill(assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) -> (
        assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>
    ) {
        let c = index.theCase
        var weeks = SitterWeeks(index, assignments, onCall)
        func week(_ s: Int) -> Int { weeks.weekMinutes(s) }

        // On-call: longest shifts first.
        for o in c.onCallShifts.indices.sorted(by: { (index.shiftMinutes[$0], -$0) > (index.shiftMinutes[$1], -$1) }) {
            while weeks.onShift[o].count < c.onCallShifts[o].staff {
                let candidates = index.shiftEligible[o].filter { weeks.fits($0, .shift(o)) }
                guard let s = candidates.min(by: { (weeks.shifts($0).count, $0) < (weeks.shifts($1).count, $1) })
                else { break }
                weeks.add(s, .shift(o))
            }
        }
        // Visits by priority, then length, scarcity and start.
        let order = c.visits.indices.sorted {
            let a = c.visits[$0]
            let b = c.visits[$1]
            // Positions count, not minutes: shorter visits first leave room for more.
            return (a.priority.rank, a.minutes, index.visitEligible[$0].count, a.span.start, a.id)
                < (b.priority.rank, b.minutes, index.visitEligible[$1].count, b.span.start, b.id)
        }
        for v in order {
            while weeks.onVisit[v].count < c.visits[v].sitters {
                let hasMentor = weeks.onVisit[v].contains(where: index.canSupervise)
                let candidates = index.visitEligible[v].filter { s in
                    // A trainee only beside a non-trainee already on the visit.
                    if weeks.onVisit[v].contains(s) || (index.isTrainee(s) && !hasMentor) { return false }
                    return weeks.fits(s, .visit(v))
                }
                // Non-trainees first; then the least loaded relative to their week.
                guard
                    let s = candidates.min(by: {
                        (index.isTrainee($0) ? 1 : 0, Double(week($0)) / Double(max(1, index.maxWeek($0))), $0)
                            < (index.isTrainee($1) ? 1 : 0, Double(week($1)) / Double(max(1, index.maxWeek($1))), $1)
                    })
                else { break }
                weeks.add(s, .visit(v))
            }
        }
        return weeks.pairs
    }
}
