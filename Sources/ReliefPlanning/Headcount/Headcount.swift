import LinearProgramming
import ReliefCore

/// The model pieces of the headcount stage.
public enum Headcount {
    /// The compact model (levels held) plus `used[s]` per sitter with an eligible
    /// item, and the rows tying each x / y to it. Returns the model and the used columns.
    public static func model(_ cm: CompactModel) -> (LinearModel, [Int: Int]) {
        var m = cm.model
        let c = cm.index.theCase
        var used: [Int: Int] = [:]
        for si in c.sitters.indices {
            let visits = cm.index.sitterVisits[si]
            let shifts = cm.index.sitterShifts[si]
            guard !visits.isEmpty || !shifts.isEmpty else { continue }
            let sid = c.sitters[si].id
            let u = m.addColumn("used[\(sid)]")
            used[si] = u
            func column(_ it: CompactModel.Item) -> Int {
                it.isVisit ? cm.x[.init(si, it.index)]! : cm.y[.init(si, it.index)]!
            }
            var covered = Set<CompactModel.Item>()
            for (t, members) in cm.cliques(sitter: si) {
                covered.formUnion(members)
                m.addRow("headcount_clique[\(sid),\(t)]", members.map { (column($0), 1.0) } + [(u, -1)], upper: 0)
            }
            let items =
                visits.map { CompactModel.Item(isVisit: true, index: $0) }
                + shifts.map { CompactModel.Item(isVisit: false, index: $0) }
            for it in items where !covered.contains(it) {
                let id = it.isVisit ? c.visits[it.index].id : c.onCallShifts[it.index].id
                m.addRow("headcount[\(sid),\(id)]", [(column(it), 1), (u, -1)], upper: 0)
            }
        }
        return (m, used)
    }

    /// A lower bound on the sitters needed at the held levels: a level at its
    /// largest possible value (every position of its visits filled, every on-call
    /// minute staffed) forces all those positions filled in any schedule reaching
    /// it, and positions open at one instant need distinct sitters (no sitter
    /// holds two overlapping items). So the most forced positions open at once
    /// is a bound. Levels short of full force nothing and add nothing.
    public static func overlapBound(_ ix: PlanningIndex, levels found: [Int]) -> Int {
        let c = ix.theCase
        let contract = PlanningLevel.contract
        var events: [(Int64, Int)] = []
        for (k, level) in contract.enumerated() {
            var full = 0.0
            var spans: [(TimeSpan, Int)] = []
            for (vi, v) in c.visits.enumerated() {
                let w = level.value(ix, 0, .visit(vi))
                guard w > 0 else { continue }
                full += w * Double(v.sitters)
                spans.append((v.span, v.sitters))
            }
            for (oi, o) in c.onCallShifts.enumerated() {
                let w = level.value(ix, 0, .shift(oi))
                guard w > 0 else { continue }
                full += w * Double(o.staff)
                spans.append((o.span, o.staff))
            }
            guard !spans.isEmpty, Double(found[k]) >= full - Tolerance.integrality else { continue }
            for (s, n) in spans {
                events.append((s.start.seconds, n))
                events.append((s.end.seconds, -n))
            }
        }
        // Half-open spans: at equal times, ends come before starts.
        events.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var open = 0
        var most = 0
        for (_, d) in events {
            open += d
            most = max(most, open)
        }
        return most
    }
}
