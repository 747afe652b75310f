import ReliefCore

/// Adds assignments to a schedule that keeps every hard rule, never removing
/// one: on-call shifts first, then urgent, high and normal visits, the scarcest
/// first, each to the least loaded sitter who can still take it. Adding never
/// lowers a level, so this only improves a point; it gives large cases a sound
/// floor before the exact machinery runs.
public struct GreedyFill: Sendable {
    public let index: PlanningIndex

    public init(_ index: PlanningIndex) { self.index = index }

    struct SitterState {
        var visits: [Int] = []
        var shifts: [Int] = []
        var week = 0
        var day: [Int: Int] = [:]
    }

    public func fill(assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) -> (
        assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>
    ) {
        let c = index.theCase
        var state = [SitterState](repeating: SitterState(), count: c.sitters.count)
        var onVisit = [[Int]](repeating: [], count: c.visits.count)
        var onShift = [Int](repeating: 0, count: c.onCallShifts.count)
        var asg = assignments
        var oc = onCall
        for p in assignments {
            state[p.sitter].visits.append(p.item)
            state[p.sitter].week += index.visitMinutes[p.item]
            state[p.sitter].day[index.visitDay[p.item], default: 0] += index.visitMinutes[p.item]
            onVisit[p.item].append(p.sitter)
        }
        for p in onCall {
            state[p.sitter].shifts.append(p.item)
            onShift[p.item] += 1
        }

        func canTakeShift(_ s: Int, _ o: Int) -> Bool {
            let span = c.onCallShifts[o].span
            let st = state[s]
            if let m = index.maxShifts(s), st.shifts.count >= m { return false }
            if st.shifts.contains(where: { $0 == o || c.onCallShifts[$0].span.overlaps(span) }) { return false }
            if st.visits.contains(where: { c.visits[$0].span.overlaps(span) }) { return false }
            return true
        }
        func canTakeVisit(_ s: Int, _ v: Int) -> Bool {
            let st = state[s]
            let m = index.visitMinutes[v]
            if st.week + m > index.maxWeek(s) { return false }
            if (st.day[index.visitDay[v]] ?? 0) + m > index.maxDay(s) { return false }
            if st.visits.contains(where: { $0 == v || index.visitsConflict($0, v) }) { return false }
            if st.shifts.contains(where: { c.onCallShifts[$0].span.overlaps(c.visits[v].span) }) { return false }
            return true
        }

        // On-call: longest shifts first.
        for o in c.onCallShifts.indices.sorted(by: { (index.shiftMinutes[$0], -$0) > (index.shiftMinutes[$1], -$1) }) {
            while onShift[o] < c.onCallShifts[o].staff {
                let candidates = index.shiftEligible[o].filter { !oc.contains(.init($0, o)) && canTakeShift($0, o) }
                guard let s = candidates.min(by: { (state[$0].shifts.count, $0) < (state[$1].shifts.count, $1) }) else {
                    break
                }
                oc.insert(.init(s, o))
                state[s].shifts.append(o)
                onShift[o] += 1
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
            while onVisit[v].count < c.visits[v].sitters {
                let hasMentor = onVisit[v].contains { !index.isTrainee($0) }
                let room = c.visits[v].sitters - onVisit[v].count
                let candidates = index.visitEligible[v].filter { s in
                    if onVisit[v].contains(s) { return false }
                    // A trainee only beside a non-trainee, or with room left for one.
                    if index.isTrainee(s) && !hasMentor { return false }
                    if !index.isTrainee(s) || hasMentor || room >= 2 { return canTakeVisit(s, v) }
                    return false
                }
                // Non-trainees first; then the least loaded relative to their week.
                guard
                    let s = candidates.min(by: {
                        (index.isTrainee($0) ? 1 : 0, Double(state[$0].week) / Double(max(1, index.maxWeek($0))), $0)
                            < (
                                index.isTrainee($1) ? 1 : 0, Double(state[$1].week) / Double(max(1, index.maxWeek($1))),
                                $1
                            )
                    })
                else { break }
                asg.insert(.init(s, v))
                state[s].visits.append(v)
                state[s].week += index.visitMinutes[v]
                state[s].day[index.visitDay[v], default: 0] += index.visitMinutes[v]
                onVisit[v].append(s)
            }
        }
        return (asg, oc)
    }
}
