// The fields of `weeks.md`: programs, what families and visits say of them,
// ledgers, standing requests, and locks that already break a budget.
extension CaseValidator {
    public static let maxBudgetMinutes = 10_000_000
    public static let maxLedgerWeeks = 520
    public static let maxEveryWeeks = 52

    mutating func checkWeeks(_ c: Case, familyIDs: Set<String>) {
        let programIDs = Set(c.programs.map(\.id))
        for (i, p) in c.programs.enumerated() {
            let path = CasePath.program(i)
            id(p.id, path.key("id"))
            _ = int(p.budgetMinutes, path.key("budgetMinutes"), 0...CaseValidator.maxBudgetMinutes)
            _ = int(p.familyMinutesPerWeek, path.key("familyMinutesPerWeek"), 0...CaseValidator.maxBudgetMinutes)
        }
        unique(c.programs.enumerated().map { ($1.id, CasePath.program($0).key("id")) }, what: "program")
        _ = int(c.rules.ledgerWeeks, CasePath.root.key("rules").key("ledgerWeeks"), 0...CaseValidator.maxLedgerWeeks)
        var enrolled: [String: [String]] = [:]
        for (i, f) in c.families.enumerated() {
            let p = CasePath.family(i)
            references(f.programs, p.key("programs"), known: programIDs, what: "program")
            enrolled[f.id] = f.programs
            var weeks: [LocalDate: Int] = [:]
            for (j, e) in f.ledger.enumerated() {
                let lp = p.key("ledger").index(j)
                _ = int(e.requestedMinutes, lp.key("requestedMinutes"), 0...CaseValidator.maxBudgetMinutes)
                _ = int(e.servedMinutes, lp.key("servedMinutes"), 0...CaseValidator.maxBudgetMinutes)
                if e.servedMinutes > e.requestedMinutes {
                    error(
                        lp.key("servedMinutes"),
                        "\(e.servedMinutes) served minutes is more than the \(e.requestedMinutes) requested that week",
                        fix: "served minutes are at most the requested ones: correct one of them")
                }
                if let first = weeks[e.weekStart] {
                    error(
                        lp.key("weekStart"),
                        "week \(e.weekStart) is already in the ledger at \(p.key("ledger").index(first))",
                        fix: "keep one entry per week")
                } else {
                    weeks[e.weekStart] = j
                }
            }
        }
        for (i, v) in c.visits.enumerated() {
            guard let prog = v.program else { continue }
            billed(prog, family: v.family, at: CasePath.visit(i).key("program"), programIDs, enrolled)
        }
        for (i, r) in c.standing.enumerated() {
            let p = CasePath.standing(i)
            id(r.id, p.key("id"))
            if !familyIDs.contains(r.family) {
                error(
                    p.key("family"), "unknown family \(CaseReader.quoted(r.family))", fix: "use an id from $.families")
            }
            if r.end == r.start {
                error(
                    p.key("end"), "end equals start (\(r.start)): the request would last no time",
                    fix: "give an end after the start (an end before the start ends the next day)")
            }
            _ = int(r.every, p.key("every"), 1...CaseValidator.maxEveryWeeks)
            _ = int(r.sitters, p.key("sitters"), 1...CaseValidator.maxSittersPerVisit)
            if let until = r.until, until < r.from {
                error(p.key("until"), "\(until) is before from (\(r.from))", fix: "give an until on or after from")
            }
            if let prog = r.program { billed(prog, family: r.family, at: p.key("program"), programIDs, enrolled) }
        }
        unique(c.standing.enumerated().map { ($1.id, CasePath.standing($0).key("id")) }, what: "standing request")
    }

    /// A visit (or a standing request) billed to `program`: a known one, and one of its family's.
    mutating func billed(
        _ program: String, family: String, at p: CasePath, _ programIDs: Set<String>, _ enrolled: [String: [String]]
    ) {
        if !programIDs.contains(program) {
            error(p, "unknown program \(CaseReader.quoted(program))", fix: "use an id from $.programs")
        } else if let programs = enrolled[family], !programs.contains(program) {
            error(
                p,
                "program \(CaseValidator.name(program)) is not one of family \(CaseValidator.name(family))'s programs",
                fix: "enrol the family in it ($.families[].programs) or bill the visit to one of its programs")
        }
    }

    /// Locks that already use more of a budget than it allows.
    mutating func checkLockedBudgets() {
        let c = draft.theCase
        guard c.programs.contains(where: { $0.budgetMinutes != nil || $0.familyMinutesPerWeek != nil }) else { return }
        var locked: [Assignment] = []
        for v in c.visits where v.locked { locked += Set(v.assigned).map { Assignment(visit: v.id, sitter: $0) } }
        let (total, perFamily) = ServiceShare(c).use(assignments: locked)
        for (i, p) in c.programs.enumerated() {
            if let cap = p.budgetMinutes, let used = total[p.id], used > cap {
                error(
                    CasePath.program(i).key("budgetMinutes"),
                    "the locked assignments already use \(used) served minutes of program \(CaseValidator.name(p.id)), over its budget of \(cap)",
                    fix: "raise the budget or unlock visits billed to it")
            }
            guard let cap = p.familyMinutesPerWeek else { continue }
            for (key, used) in perFamily.sorted(by: { $0.key.family < $1.key.family })
            where key.program == p.id && used > cap {
                error(
                    CasePath.program(i).key("familyMinutesPerWeek"),
                    "the locked assignments already give family \(CaseValidator.name(key.family)) \(used) served minutes of program \(CaseValidator.name(p.id)), over its \(cap) a week",
                    fix: "raise familyMinutesPerWeek or unlock some of that family's visits")
            }
        }
    }
}
