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
        if eligible.allSatisfy(index.isTrainee) {
            return [reason(.traineeOnly, [staticRule(.traineeOnly, vi, eligible)])]
        }
        return whatFreeSittersDo(vi, onThis: onThis, free: free, assignments: assignments, onCall: onCall)
    }

    func staticRule(_ code: ReasonCode, _ vi: Int, _ rejected: [Int]) -> ReasonFact {
        let v = c.visits[vi]
        return rule(
            code, rejected: rejected, competencies: v.competencies,
            credentials: c.requiredCredentials + v.credentials.sorted(), end: v.span.end,
            territory: index.territoryIDs[index.visitTerritory[vi]], minutes: v.minutes)
    }

    /// Nobody passes the funnel, or everyone who does is already on the visit: the
    /// rules that stop the others, the one that stops the most first; then, if not
    /// among them, the rule that stops the sitters who came nearest (the latest in the funnel).
    func ruledOut(_ vi: Int) -> [Reason] {
        let eligible = index.visitEligible[vi]
        var rejections = index.visitRejections[vi]
        // `people.md`: volunteers passed every other rule; nobody else is left to take it.
        var volunteerOnly: [Reason] = []
        if let volunteers = rejections.removeValue(forKey: .notForVolunteers) {
            volunteerOnly = [
                reason(
                    .volunteerOnly,
                    [.lead(eligible: eligible.count), staticRule(.notForVolunteers, vi, volunteers)])
            ]
        }
        var reasons =
            volunteerOnly
            + ranked(rejections).prefix(2).map { code, sitters in
                reason(code, [.lead(eligible: eligible.count)] + nearestFacts(vi, code, sitters))
            }
        if let nearest = rejections.keys.max(), !ranked(rejections).prefix(2).contains(where: { $0.key == nearest }) {
            reasons.append(
                reason(
                    nearest, [.lead(eligible: eligible.count)] + nearestFacts(vi, nearest, rejections[nearest] ?? [])))
        }
        if reasons.isEmpty {
            reasons.append(
                eligible.isEmpty ? reason(.notAvailable, [.noSitters]) : reason(.capacity, [.allOnIt]))
        }
        return reasons
    }

    /// The rule `code` that stops `sitters`; for the day or week limit, each one's limit when few.
    func nearestFacts(_ vi: Int, _ code: ReasonCode, _ sitters: [Int]) -> [ReasonFact] {
        let v = c.visits[vi]
        guard code == .overLimit, sitters.count <= ReasonFact.namedWhenAtMost else {
            return [staticRule(code, vi, sitters)]
        }
        return sitters.map { si in
            let limits = index.rules.limits[si]
            let perDay = v.minutes > limits.day
            return .longerThanLimit(
                sitter: c.sitters[si].id, minutes: v.minutes, cap: perDay ? limits.day : limits.week, perDay: perDay)
        }
    }

    /// What stops free sitter `si` from visit `vi`, or nil when nothing does.
    func blocker(_ vi: Int, _ si: Int, assignments: [Int: Set<Int>], onCall: [Int: Set<Int>]) -> ReasonFact? {
        let v = c.visits[vi]
        let sid = c.sitters[si].id
        switch week(si, assignments, onCall).breaches(adding: .visit(vi), index.rules).first {
        case .conflict(.visit(let other), _, let overlap)?: return busy(sid, on: other, of: si, travel: !overlap)
        case .conflict(.shift(let o), _, _)?: return .onCallThen(sitter: sid, shift: c.onCallShifts[o].id)
        case .dayLimit(_, let minutes, let cap)?:
            return .limit(sitter: sid, worked: minutes - v.minutes, minutes: v.minutes, cap: cap, perDay: true)
        case .weekLimit(let minutes, let cap)?:
            return .limit(sitter: sid, worked: minutes - v.minutes, minutes: v.minutes, cap: cap, perDay: false)
        case .shiftLimit(_, let cap)?: return .shiftLimit(sitter: sid, cap: cap)
        case .runLimit(_, let cap)?: return .runLimit(sitter: sid, cap: cap)
        case .rest(let longest, let need)?: return .rest(sitter: sid, longest: longest, need: need)
        case nil: return nil
        }
    }

    /// The budget rows of visit `vi` with no room left for one more sitter on it, as facts
    /// (the first naming the free `sitters`); empty when every row has room (or the visit has none).
    func budgetFacts(_ vi: Int, sitters: [String], assignments: [Int: Set<Int>]) -> [ReasonFact] {
        guard !budgets.rowsOf[vi].isEmpty else { return [] }
        let pairs = assignments.flatMap { s, vs in vs.map { PlanningIndex.Pair(s, $0) } }
        let used = budgets.used(pairs, minutes: index.visitMinutes)
        let minutes = index.visitMinutes[vi]
        // The free sitters named once, with the first full row.
        return budgets.rowsOf[vi].filter { used[$0] + minutes > budgets.rows[$0].cap }.enumerated().map { k, r in
            let row = budgets.rows[r]
            return .budget(
                sitters: k == 0 ? sitters : [], program: row.program, family: row.family, used: used[r],
                minutes: minutes,
                cap: row.cap)
        }
    }

    /// Eligible sitters exist and some are free: say what keeps each free one from it.
    func whatFreeSittersDo(
        _ vi: Int, onThis: Set<Int>, free: [Int], assignments: [Int: Set<Int>], onCall: [Int: Set<Int>]
    ) -> [Reason] {
        let v = c.visits[vi]
        let eligible = index.visitEligible[vi]
        var facts: [ReasonFact] = [
            .candidates(
                count: eligible.count, competencies: v.competencies.sorted(),
                territory: index.territoryIDs[index.visitTerritory[vi]])
        ]
        if !onThis.isEmpty { facts.append(.onIt(count: onThis.count)) }
        var unused: [Int] = []
        for si in free {
            if let f = blocker(vi, si, assignments: assignments, onCall: onCall) {
                facts.append(f)
            } else {
                unused.append(si)
            }
        }
        let spent = unused.isEmpty ? [] : budgetFacts(vi, sitters: ids(unused), assignments: assignments)
        if !spent.isEmpty { return [reason(.budget, facts + spent)] }
        if !unused.isEmpty {
            facts.append(.freeUnused(sitters: ids(unused), trainees: free.contains(where: index.isTrainee)))
        }
        let allTrainees = !unused.isEmpty && unused.allSatisfy(index.isTrainee)
        var reasons = [reason(allTrainees ? .traineeOnly : .capacity, facts)]
        if !allTrainees, let trainees = index.visitRejections[vi][.traineeOnly], !trainees.isEmpty {
            reasons.append(reason(.traineeOnly, [staticRule(.traineeOnly, vi, trainees)]))
        }
        return reasons
    }
}
