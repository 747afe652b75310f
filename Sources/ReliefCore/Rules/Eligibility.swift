/// Why a sitter cannot take a visit or an on-call shift, or why a position stays
/// empty. The raw values are the contract's reason codes.
public enum ReasonCode: String, Sendable, CaseIterable, Comparable {
    case noCompetency = "no-competency"
    case noCredential = "no-credential"
    case noTerritory = "no-territory"
    case excluded = "excluded"
    case notAvailable = "not-available"
    /// `people.md`: a volunteer, and the visit does not allow volunteers.
    case notForVolunteers = "not-for-volunteers"
    case notOnCall = "not-on-call"
    /// `people.md`: only volunteers could have taken the visit, and it does not allow them.
    case volunteerOnly = "volunteer-only"
    case traineeOnly = "trainee-only"
    /// relief's addition: the visit alone is longer than the sitter's daily or weekly limit.
    case overLimit = "over-limit"
    case capacity = "capacity"
    /// relief's addition (`weeks.md`): a free sitter could take it, but a program's budget
    /// or a family's weekly cap in it has no room left for its minutes.
    case budget = "budget"

    /// Order of the eligibility funnel: the first failing rule is the one reported.
    public var funnelRank: Int { ReasonCode.allCases.firstIndex(of: self)! }
    public static func < (a: ReasonCode, b: ReasonCode) -> Bool { a.funnelRank < b.funnelRank }
}

/// The eligibility funnel of the contract, rule by rule.
public struct Eligibility: Sendable {
    public let theCase: Case
    private let required: [String]

    public init(_ c: Case) {
        theCase = c
        required = c.requiredCredentials
    }

    /// A credential is valid for an assignment when its last valid date is on or
    /// after the local date on which the assignment ends.
    public func hasValidCredentials(_ s: Sitter, kinds: some Sequence<String>, endingAt end: Instant) -> Bool {
        let day = theCase.clock.localDate(end)
        for k in kinds {
            guard let entry = s.credentials[k] else { return false }
            if let until = entry, until < day { return false }
        }
        return true
    }

    /// `nil` if `s` may take `v`, else the first rule that fails.
    public func check(_ s: Sitter, visit v: Visit, family f: Family) -> ReasonCode? {
        if !v.competencies.isSubset(of: s.competencies) { return .noCompetency }
        if !hasValidCredentials(s, kinds: required, endingAt: v.span.end)
            || !hasValidCredentials(s, kinds: v.credentials, endingAt: v.span.end)
        {
            return .noCredential
        }
        if !s.territories.contains(f.territory) { return .noTerritory }
        if f.excludedSitters.contains(s.id) { return .excluded }
        if !s.isAvailable(v.span) { return .notAvailable }
        if s.isVolunteer && !v.volunteers { return .notForVolunteers }
        return nil
    }

    /// `nil` if `s` may be on call for `o`, else the first rule that fails.
    public func check(_ s: Sitter, shift o: OnCallShift) -> ReasonCode? {
        guard s.isOnCallEligible, let profile = s.onCall else { return .notOnCall }
        if !o.competencies.isSubset(of: s.competencies.union(profile.competencies)) { return .noCompetency }
        if !hasValidCredentials(s, kinds: required, endingAt: o.span.end) { return .noCredential }
        if !s.isAvailable(o.span) { return .notAvailable }
        return nil
    }
}
