import ReliefCore

/// Why a visit lacks sitters.
extension Explainer {
    /// Reasons for a visit that lacks `missing` sitters in the given schedule.
    public func explainVisit(_ vi: Int, missing: Int, assignments: [Int: Set<Int>], onCall: [Int: Set<Int>]) -> [Reason]
    {
        let eligible = index.visitEligible[vi]
        let onThis = Set(eligible.filter { assignments[$0]?.contains(vi) ?? false })
        let free = eligible.filter { !onThis.contains($0) }
        if eligible.isEmpty || free.isEmpty { return ruledOut(vi) }
        let mentors = eligible.filter { !index.isTrainee($0) }
        if mentors.isEmpty {
            return [
                Reason(
                    code: ReasonCode.traineeOnly.rawValue,
                    detail:
                        "only trainees (\(list(eligible.map { c.sitters[$0].id }))) could take it, and a trainee never works a visit alone"
                )
            ]
        }
        return whatFreeSittersDo(vi, onThis: onThis, free: free, assignments: assignments, onCall: onCall)
    }

    /// Nobody passes the funnel, or everyone who does is already on the visit: the
    /// rules that stop the others, the one that stops the most first.
    func ruledOut(_ vi: Int) -> [Reason] {
        let v = c.visits[vi]
        let territory = index.territoryIDs[index.visitTerritory[vi]]
        let eligible = index.visitEligible[vi]
        let ranking = ranked(index.visitRejections[vi]).prefix(2)
        var reasons: [Reason] = []
        if eligible.isEmpty {
            for (code, sitters) in ranking {
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
        for (code, sitters) in ranking {
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

    /// The free eligible sitters of a visit, by what keeps each of them from it.
    struct FreeSitters {
        var busy: [String] = []
        var dayLimit: [String] = []
        var weekLimit: [String] = []
        var onCallNow: [String] = []
        var other: [String] = []
    }

    /// What each of `free` is doing instead of visit `vi`.
    func freeSitters(_ vi: Int, free: [Int], assignments: [Int: Set<Int>], onCall: [Int: Set<Int>]) -> FreeSitters {
        let v = c.visits[vi]
        var out = FreeSitters()
        for si in free {
            let sid = c.sitters[si].id
            let week = week(si, assignments, onCall)
            switch week.breaches(adding: .visit(vi), index.rules).first {
            case .conflict(.visit(let blocking), _, let overlap)?:
                let b = c.visits[blocking]
                let locked = index.locked.contains(.init(si, blocking)) ? ", locked" : ""
                out.busy.append("\(sid) on \(b.id) (\(b.priority.rawValue)\(locked)\(overlap ? "" : ", with travel"))")
            case .conflict(.shift(let o), _, _)?:
                out.onCallNow.append("\(sid) on call \(c.onCallShifts[o].id)")
            case .dayLimit(_, let minutes, let cap)?:
                out.dayLimit.append("\(sid) (\(minutes - v.minutes) of \(cap) min that day)")
            case .weekLimit(let minutes, let cap)?:
                out.weekLimit.append("\(sid) (\(minutes - v.minutes) of \(cap) min)")
            case .shiftLimit?, nil:
                out.other.append(sid)
            }
        }
        return out
    }

    /// Eligible sitters exist and some are free: say what each free one is doing instead.
    func whatFreeSittersDo(
        _ vi: Int, onThis: Set<Int>, free: [Int], assignments: [Int: Set<Int>], onCall: [Int: Set<Int>]
    ) -> [Reason] {
        let v = c.visits[vi]
        let territory = index.territoryIDs[index.visitTerritory[vi]]
        let eligible = index.visitEligible[vi]
        let f = freeSitters(vi, free: free, assignments: assignments, onCall: onCall)
        var parts: [String] = []
        let comps = v.competencies.isEmpty ? "" : " with \(v.competencies.sorted().joined(separator: " and "))"
        parts.append(
            "\(eligible.count) sitter\(eligible.count == 1 ? "" : "s")\(comps) serving \(territory) could take it")
        if !onThis.isEmpty { parts.append("\(onThis.count) already on it") }
        if !f.busy.isEmpty { parts.append("busy around that time: \(list(f.busy))") }
        if !f.onCallNow.isEmpty { parts.append("on call then: \(list(f.onCallNow))") }
        if !f.dayLimit.isEmpty { parts.append("at the daily limit: \(list(f.dayLimit))") }
        if !f.weekLimit.isEmpty { parts.append("at the weekly limit: \(list(f.weekLimit))") }
        if !f.other.isEmpty {
            parts.append(
                "free but not used: \(list(f.other.map { $0 }))"
                    + (free.contains(where: index.isTrainee)
                        ? " (trainees need an experienced sitter on the visit)" : ""))
        }
        let allTrainees = !f.other.isEmpty && f.other.allSatisfy { index.isTrainee(index.sitterIndex[$0]!) }
        var reasons = [
            Reason(
                code: allTrainees ? ReasonCode.traineeOnly.rawValue : ReasonCode.capacity.rawValue,
                detail: parts.joined(separator: "; "))
        ]
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
}
