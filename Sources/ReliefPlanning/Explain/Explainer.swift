import ReliefCore

/// Turns empty positions into reasons a coordinator can act on: the contract's
/// code plus facts (the rule, the sitters' ids and the numbers behind it; never
/// names or needs) from which each language writes its sentence.
public struct Explainer: Sendable {
    public let index: PlanningIndex
    /// The budget rows of `weeks.md` (none without programs).
    let budgets: ProgramBudgets

    public init(_ index: PlanningIndex) {
        self.index = index
        budgets = ProgramBudgets(index)
    }

    var c: Case { index.theCase }

    /// A reason whose English `detail` is written from its facts.
    func reason(_ code: ReasonCode, _ facts: [ReasonFact]) -> Reason {
        let r = Reason(code: code.rawValue, detail: "", facts: facts)
        return Reason(code: r.code, detail: r.sentence(separator: "; ") { $0.english }, facts: facts)
    }

    /// Rules that stopped sitters, the one that stopped the most first (ties: earlier in the funnel).
    func ranked(_ rejections: [ReasonCode: [Int]]) -> [(key: ReasonCode, value: [Int])] {
        rejections.sorted { ($0.value.count, -$0.key.funnelRank) > ($1.value.count, -$1.key.funnelRank) }
    }

    func ids(_ sitters: [Int]) -> [String] { sitters.map { c.sitters[$0].id } }

    /// The static rule `code` that stops `rejected` from an item needing `competencies` and
    /// `credentials`, ending at `end`, in `territory` (nil: a shift) and lasting `minutes`.
    func rule(
        _ code: ReasonCode, rejected: [Int], competencies: Set<String>, credentials: [String], end: Instant,
        territory: String?, minutes: Int
    ) -> ReasonFact {
        let what: ReasonFact.RuleWhat
        switch code {
        case .noCompetency: what = .competencies(competencies.sorted())
        case .noCredential:
            // Name only the credentials these sitters lack, not every one the item needs.
            let elig = Eligibility(c)
            let day = c.clock.localDate(end)
            let kinds = credentials.filter { k in
                rejected.contains { !elig.hasValidCredentials(c.sitters[$0], kinds: [k], endingAt: end) }
            }
            var expired: [String: LocalDate] = [:]
            for si in rejected {
                let lapsed = kinds.compactMap { c.sitters[si].credentials[$0] ?? nil }.filter { $0 < day }
                if let first = lapsed.min() { expired[c.sitters[si].id] = first }
            }
            what = .credentials(kinds: kinds, through: day, expired: expired)
        case .noTerritory: what = territory.map { .territory($0) } ?? .shift
        case .overLimit: what = .minutes(minutes)
        default: what = territory == nil ? .shift : .none
        }
        return .rule(code, sitters: ids(rejected), what: what)
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
            let reasons = ranked(index.shiftRejections[oi]).prefix(2).map { code, sitters in
                reason(
                    code,
                    [
                        .lead(eligible: 0),
                        rule(
                            code, rejected: sitters, competencies: o.competencies, credentials: c.requiredCredentials,
                            end: o.span.end, territory: nil, minutes: o.minutes),
                    ])
            }
            return reasons.isEmpty ? [reason(.notOnCall, [.noSitters])] : reasons
        }
        var facts: [ReasonFact] = [.candidates(count: eligible.count, competencies: [], territory: nil)]
        var free: [String] = []
        for si in eligible where !(onCall[si]?.contains(oi) ?? false) {
            let sid = c.sitters[si].id
            switch week(si, assignments, onCall).breaches(adding: .shift(oi), index.rules).first {
            case .conflict(.visit(let v), _, _)?:
                facts.append(busy(sid, on: v, of: si, travel: false))
            case .conflict(.shift(let other), _, _)?:
                facts.append(.onCallThen(sitter: sid, shift: c.onCallShifts[other].id))
            case .shiftLimit(_, let cap)?: facts.append(.shiftLimit(sitter: sid, cap: cap))
            case .runLimit(_, let cap)?: facts.append(.runLimit(sitter: sid, cap: cap))
            case .rest(let longest, let need)?: facts.append(.rest(sitter: sid, longest: longest, need: need))
            default: free.append(sid)
            }
        }
        if !free.isEmpty { facts.append(.freeUnused(sitters: free, trainees: false)) }
        return [reason(.capacity, facts)]
    }

    func busy(_ sid: String, on v: Int, of si: Int, travel: Bool) -> ReasonFact {
        let b = c.visits[v]
        return .busy(
            sitter: sid, visit: b.id, priority: b.priority, locked: index.locked.contains(.init(si, v)), travel: travel)
    }
}
