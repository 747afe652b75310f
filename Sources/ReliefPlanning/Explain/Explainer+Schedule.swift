import ReliefCore

extension Explainer {
    /// `s` with the facts of its reasons, written again from `c` and the schedule's own
    /// assignments (a schedule read from its file has only the English `detail`). A
    /// position whose reasons come out different (another case or version) keeps its own.
    public static func withFacts(_ s: Schedule, of c: Case) -> Schedule {
        let index = PlanningIndex(c)
        let explainer = Explainer(index)
        let visitIndex = Dictionary(c.visits.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shiftIndex = Dictionary(c.onCallShifts.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var bySitter: [Int: Set<Int>] = [:]
        var onCall: [Int: Set<Int>] = [:]
        for a in s.assignments {
            if let si = index.sitterIndex[a.sitter], let vi = visitIndex[a.visit] {
                bySitter[si, default: []].insert(vi)
            }
        }
        for a in s.onCall {
            if let si = index.sitterIndex[a.sitter], let oi = shiftIndex[a.shift] { onCall[si, default: []].insert(oi) }
        }
        func again(_ u: Unfilled, _ made: [Reason]) -> Unfilled {
            guard made.map(\.detail) == u.reasons.map(\.detail), made.map(\.code) == u.reasons.map(\.code) else {
                return u
            }
            return Unfilled(id: u.id, missing: u.missing, reasons: made)
        }
        var out = s
        out.unfilled = s.unfilled.map { u in
            guard let vi = visitIndex[u.id] else { return u }
            return again(u, explainer.explainVisit(vi, missing: u.missing, assignments: bySitter, onCall: onCall))
        }
        out.unstaffedShifts = s.unstaffedShifts.map { u in
            guard let oi = shiftIndex[u.id] else { return u }
            return again(u, explainer.explainShift(oi, missing: u.missing, assignments: bySitter, onCall: onCall))
        }
        return out
    }
}
