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

    /// Reasons for a visit that lacks `missing` sitters in the given schedule.
    public func explainVisit(_ vi: Int, missing: Int, assignments: [Int: Set<Int>], onCall: [Int: Set<Int>]) -> [Reason]
    {
        let v = c.visits[vi]
        let territory = index.territoryIDs[index.visitTerritory[vi]]
        let eligible = index.visitEligible[vi]
        let onThis = Set(eligible.filter { assignments[$0]?.contains(vi) ?? false })
        let free = eligible.filter { !onThis.contains($0) }
        var reasons: [Reason] = []
        let rejections = index.visitRejections[vi]
        if eligible.isEmpty {
            // Nobody passes the funnel: the rule that stops the most sitters first leads.
            for (code, sitters) in ranked(rejections).prefix(2) {
                reasons.append(
                    Reason(
                        code: code.rawValue,
                        detail: "no sitter can take it: "
                            + ruleSentence(code, visit: v, territory: territory, rejected: sitters)))
            }
            if reasons.isEmpty {
                reasons.append(Reason(code: ReasonCode.notAvailable.rawValue, detail: "the case has no sitters"))
            }
            return reasons
        }
        if free.isEmpty {
            // Everyone who may take it is already on it: the rules stop the others.
            for (code, sitters) in ranked(rejections).prefix(2) {
                reasons.append(
                    Reason(
                        code: code.rawValue,
                        detail:
                            "only \(eligible.count) sitter\(eligible.count == 1 ? "" : "s") may take it and \(eligible.count == 1 ? "is" : "are") on it; of the others, "
                            + ruleSentence(code, visit: v, territory: territory, rejected: sitters)))
            }
            if reasons.isEmpty {
                reasons.append(
                    Reason(code: ReasonCode.capacity.rawValue, detail: "every sitter of the case is already on it"))
            }
            return reasons
        }
        let mentors = eligible.filter { !index.isTrainee($0) }
        if mentors.isEmpty {
            reasons.append(
                Reason(
                    code: ReasonCode.traineeOnly.rawValue,
                    detail:
                        "only trainees (\(list(eligible.map { c.sitters[$0].id }))) could take it, and a trainee never works a visit alone"
                ))
            return reasons
        }
        // Eligible sitters exist: say what each free one is doing instead.
        var busy: [String] = []
        var dayLimit: [String] = []
        var weekLimit: [String] = []
        var onCallNow: [String] = []
        var other: [String] = []
        for si in free {
            let sid = c.sitters[si].id
            let week = week(si, assignments, onCall)
            switch week.breaches(adding: .visit(vi), index.rules).first {
            case .conflict(.visit(let blocking), _, let overlap)?:
                let b = c.visits[blocking]
                let locked = index.locked.contains(.init(si, blocking)) ? ", locked" : ""
                busy.append("\(sid) on \(b.id) (\(b.priority.rawValue)\(locked)\(overlap ? "" : ", with travel"))")
            case .conflict(.shift(let o), _, _)?:
                onCallNow.append("\(sid) on call \(c.onCallShifts[o].id)")
            case .dayLimit(_, let minutes, let cap)?:
                dayLimit.append("\(sid) (\(minutes - v.minutes) of \(cap) min that day)")
            case .weekLimit(let minutes, let cap)?:
                weekLimit.append("\(sid) (\(minutes - v.minutes) of \(cap) min)")
            case .shiftLimit?, nil:
                other.append(sid)
            }
        }
        var parts: [String] = []
        let comps = v.competencies.isEmpty ? "" : " with \(v.competencies.sorted().joined(separator: " and "))"
        parts.append(
            "\(eligible.count) sitter\(eligible.count == 1 ? "" : "s")\(comps) serving \(territory) could take it")
        if !onThis.isEmpty { parts.append("\(onThis.count) already on it") }
        if !busy.isEmpty { parts.append("busy around that time: \(list(busy))") }
        if !onCallNow.isEmpty { parts.append("on call then: \(list(onCallNow))") }
        if !dayLimit.isEmpty { parts.append("at the daily limit: \(list(dayLimit))") }
        if !weekLimit.isEmpty { parts.append("at the weekly limit: \(list(weekLimit))") }
        if !other.isEmpty {
            parts.append(
                "free but not used: \(list(other.map { $0 }))"
                    + (free.contains(where: index.isTrainee)
                        ? " (trainees need an experienced sitter on the visit)" : ""))
        }
        let allTrainees = !other.isEmpty && other.allSatisfy { index.isTrainee(index.sitterIndex[$0]!) }
        reasons.append(
            Reason(
                code: allTrainees ? ReasonCode.traineeOnly.rawValue : ReasonCode.capacity.rawValue,
                detail: parts.joined(separator: "; ")))
        if !allTrainees, let trainees = index.visitRejections[vi][.traineeOnly], !trainees.isEmpty {
            reasons.append(
                Reason(
                    code: ReasonCode.traineeOnly.rawValue,
                    detail:
                        "\(list(trainees.map { c.sitters[$0].id })) could take it but \(trainees.count == 1 ? "is a trainee" : "are trainees"), and a trainee never works a one-sitter visit alone"
                ))
        }
        return reasons
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
