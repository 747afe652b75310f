import ReliefCore

/// Why sitters may never take one visit (`relief suggest`'s `ineligible`).
extension Explainer {
    /// Those of `sitters` the funnel keeps from visit `vi` on their own terms, grouped by the
    /// rule that stops them first (in the funnel's order), each group with its reason as the
    /// unfilled reasons write it (the sitters named when few).
    public func ineligibility(visit vi: Int, among sitters: [Int]) -> [(sitters: [Int], reason: Reason)] {
        let wanted = Set(sitters)
        return index.visitRejections[vi].sorted { $0.key < $1.key }.compactMap { code, rejected in
            let these = rejected.filter(wanted.contains)
            return these.isEmpty ? nil : (these, reason(code, nearestFacts(vi, code, these)))
        }
    }
}
