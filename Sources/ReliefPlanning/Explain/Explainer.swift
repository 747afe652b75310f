import ReliefCore

/// Turns empty positions into reasons a coordinator can act on: the contract's
/// code plus a sentence with the numbers and ids behind it (never names or needs
/// of families beyond what the case's ids say).
public struct Explainer: Sendable {
    public let index: PlanningIndex

    public init(_ index: PlanningIndex) { self.index = index }

    var c: Case { index.theCase }

    /// Rules that stopped sitters, the one that stopped the most first (ties: earlier in the funnel).
    func ranked(_ rejections: [ReasonCode: [Int]]) -> [(key: ReasonCode, value: [Int])] {
        rejections.sorted { ($0.value.count, -$0.key.funnelRank) > ($1.value.count, -$1.key.funnelRank) }
    }

    func list(_ ids: [String], max: Int = 4) -> String {
        let shown = ids.prefix(max).joined(separator: ", ")
        return ids.count > max ? "\(shown) and \(ids.count - max) more" : shown
    }

    func ruleSentence(_ code: ReasonCode, visit v: Visit, territory: String, rejected: [Int]) -> String {
        let count = rejected.count
        let who = count == 1 ? "1 sitter" : "\(count) sitters"
        let s = count == 1 ? "s" : ""
        let does = count == 1 ? "does" : "do"
        let are = count == 1 ? "is" : "are"
        switch code {
        case .noCompetency:
            return "\(who) lack\(s) \(v.competencies.sorted().joined(separator: " and "))"
        case .noCredential:
            // Name only the credentials these sitters lack, not every one the visit needs.
            let elig = Eligibility(c)
            let kinds = (c.requiredCredentials + v.credentials.sorted()).filter { k in
                rejected.contains { !elig.hasValidCredentials(c.sitters[$0], kinds: [k], endingAt: v.span.end) }
            }
            let what =
                kinds.count == 1 ? "a valid \(kinds[0]) credential" : "a credential (\(kinds.joined(separator: ", ")))"
            return "\(who) lack\(s) \(what) through \(c.clock.localDate(v.span.end))"
        case .noTerritory: return "\(who) \(does) not serve \(territory)"
        case .excluded: return "\(who) \(are) excluded by the family"
        case .notAvailable: return "\(who) \(are) not available for the whole visit"
        case .notOnCall: return "\(who) \(are) not on-call eligible"
        case .traineeOnly:
            return count == 1
                ? "1 sitter is a trainee, who never works a visit alone"
                : "\(who) are trainees, who never work a visit alone"
        case .overLimit: return "\(who) may not work that long in a day or a week (the visit lasts \(v.minutes) min)"
        case .capacity: return "\(who) \(are) busy"
        }
    }

    /// A sitter's week in the schedule being explained, on the one rule kernel.
    func week(_ si: Int, _ assignments: [Int: Set<Int>], _ onCall: [Int: Set<Int>]) -> WeekRules.Week {
        var w = WeekRules.Week(sitter: si)
        for v in (assignments[si] ?? []).sorted() { w.add(.visit(v), index.rules) }
        for o in (onCall[si] ?? []).sorted() { w.add(.shift(o), index.rules) }
        return w
    }

    /// Reasons for an on-call shift that lacks `missing` people.
    public func explainShift(_ oi: Int, missing: Int, assignments: [Int: Set<Int>], onCall: [Int: Set<Int>]) -> [Reason]
    {
        let o = c.onCallShifts[oi]
        let eligible = index.shiftEligible[oi]
        if eligible.isEmpty {
            var reasons: [Reason] = []
            for (code, sitters) in ranked(index.shiftRejections[oi]).prefix(2) {
                let one = sitters.count == 1
                let who = one ? "1 sitter" : "\(sitters.count) sitters"
                let what: String
                switch code {
                case .notOnCall:
                    what =
                        "\(who) \(one ? "is" : "are") not on-call eligible (or \(one ? "is a trainee" : "are trainees"))"
                case .noCompetency:
                    what = "\(who) lack\(one ? "s" : "") \(o.competencies.sorted().joined(separator: " and "))"
                case .noCredential:
                    what =
                        "\(who) lack\(one ? "s" : "") a required credential valid through \(c.clock.localDate(o.span.end))"
                case .notAvailable: what = "\(who) \(one ? "is" : "are") not available for the whole shift"
                default: what = "\(who) fail\(one ? "s" : "") the \(code.rawValue) rule"
                }
                reasons.append(Reason(code: code.rawValue, detail: "no one can take this shift: " + what))
            }
            if reasons.isEmpty {
                reasons.append(Reason(code: ReasonCode.notOnCall.rawValue, detail: "the case has no sitters"))
            }
            return reasons
        }
        var parts: [String] = []
        var busy: [String] = []
        var limit: [String] = []
        var free: [String] = []
        for si in eligible where !(onCall[si]?.contains(oi) ?? false) {
            let sid = c.sitters[si].id
            switch week(si, assignments, onCall).breaches(adding: .shift(oi), index.rules).first {
            case .conflict(.visit(let v), _, _)?: busy.append("\(sid) on \(c.visits[v].id)")
            case .conflict(.shift(let other), _, _)?: busy.append("\(sid) on call \(c.onCallShifts[other].id)")
            case .shiftLimit(_, let cap)?: limit.append("\(sid) (\(cap) shifts)")
            default: free.append(sid)
            }
        }
        parts.append("\(eligible.count) sitter\(eligible.count == 1 ? "" : "s") could be on call")
        if !busy.isEmpty { parts.append("busy then: \(list(busy))") }
        if !limit.isEmpty { parts.append("at their shift limit: \(list(limit))") }
        if !free.isEmpty { parts.append("free but not used: \(list(free))") }
        return [Reason(code: ReasonCode.capacity.rawValue, detail: parts.joined(separator: "; "))]
    }
}
