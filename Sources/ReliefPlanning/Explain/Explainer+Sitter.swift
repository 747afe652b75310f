import ReliefCore

/// Why one sitter may never take one visit (`relief suggest`'s `ineligible`).
extension Explainer {
    /// The rule of the funnel that keeps sitter `si` from visit `vi` on their own terms
    /// (the first failing one, as the unfilled reasons name it), or nil when they may take it.
    public func ineligibility(visit vi: Int, sitter si: Int) -> Reason? {
        guard let code = index.visitRejections[vi].first(where: { $0.value.contains(si) })?.key else { return nil }
        return reason(code, nearestFacts(vi, code, [si]))
    }
}
