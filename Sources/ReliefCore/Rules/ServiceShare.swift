/// The service a schedule gives each family and each program, as `weeks.md`
/// counts it: served minutes are minutes × sitters assigned; a family's
/// `requested` minutes are those of its **servable** visits (some sitter could
/// take the visit in a schedule holding only the locked assignments and that
/// one); its share adds the counted ledger weeks; the fair-share level is
/// `floor(1000 × min share)` over the families with something requested.
///
/// Written once, from the case alone: the verifier recomputes a schedule's
/// level with it, and the planner builds the level's rows from `requested`.
public struct ServiceShare: Sendable {
    public let theCase: Case
    /// Per visit (case order): some sitter could take it beside the locks alone.
    public let servable: [Bool]
    /// Per family id with visits whose requested minutes are above 0.
    public let requested: [String: Int]
    /// The program each visit is billed to (`Case.billedProgram`), by visit index.
    public let billed: [String?]

    public init(_ c: Case) {
        theCase = c
        let families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        billed = c.visits.map { c.billedProgram($0, family: families[$0.family]) }
        let locks = Locks(c, billed: billed, families: families)
        var servable: [Bool] = []
        var requested: [String: Int] = [:]
        for (vi, v) in c.visits.enumerated() {
            let ok = locks.servable(vi)
            servable.append(ok)
            if ok { requested[v.family, default: 0] += v.minutes * v.sitters }
        }
        self.servable = servable
        self.requested = requested.filter { $0.value > 0 }
    }

    /// One row per family with requested minutes, in the case's family order.
    public func rows(assignments: [Assignment]) -> [FamilyShare] {
        let c = theCase
        let visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var served: [String: Int] = [:]
        for a in Set(assignments) {
            guard let v = visits[a.visit] else { continue }
            served[v.family, default: 0] += v.minutes
        }
        var seen = Set<String>()
        return c.families.compactMap { f in
            guard let req = requested[f.id], seen.insert(f.id).inserted else { return nil }
            let past = c.pastService(f)
            return FamilyShare(
                family: f.id, requestedMinutes: req, servedMinutes: served[f.id] ?? 0,
                pastRequestedMinutes: past.requested, pastServedMinutes: past.served)
        }
    }

    /// `floor(1000 × min share)`, 1000 when no family asked for anything.
    public static func permille(_ rows: [FamilyShare]) -> Int {
        rows.map(\.permille).min() ?? 1000
    }

    /// Served minutes per program (all its visits) and per (family, program), from assignments.
    public func use(assignments: [Assignment]) -> (total: [String: Int], perFamily: [FamilyProgram: Int]) {
        let c = theCase
        let byID = Dictionary(c.visits.indices.map { (c.visits[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var total: [String: Int] = [:]
        var perFamily: [FamilyProgram: Int] = [:]
        for a in Set(assignments) {
            guard let vi = byID[a.visit], let p = billed[vi] else { continue }
            total[p, default: 0] += c.visits[vi].minutes
            perFamily[FamilyProgram(family: c.visits[vi].family, program: p), default: 0] += c.visits[vi].minutes
        }
        return (total, perFamily)
    }

    /// One row per program, in the case's order.
    public func programRows(assignments: [Assignment]) -> [ProgramUse] {
        let total = use(assignments: assignments).total
        return theCase.programs.map {
            ProgramUse(program: $0.id, servedMinutes: total[$0.id] ?? 0, budgetMinutes: $0.budgetMinutes)
        }
    }

    /// Every budget the assignments break, in words.
    public func budgetViolations(assignments: [Assignment]) -> [String] {
        let (total, perFamily) = use(assignments: assignments)
        var errs: [String] = []
        for p in theCase.programs {
            if let cap = p.budgetMinutes, let used = total[p.id], used > cap {
                errs.append("program \(p.id): \(used) served minutes > budget \(cap)")
            }
        }
        let caps = Dictionary(
            theCase.programs.map { ($0.id, $0.familyMinutesPerWeek) }, uniquingKeysWith: { a, _ in a })
        for (key, used) in perFamily.sorted(by: { ($0.key.family, $0.key.program) < ($1.key.family, $1.key.program) }) {
            if let cap = caps[key.program] ?? nil, used > cap {
                errs.append("family \(key.family) in program \(key.program): \(used) served minutes > \(cap) a week")
            }
        }
        return errs
    }

    /// The locked assignments alone, to ask of one more whether it keeps every hard rule.
    struct Locks {
        let c: Case
        let billed: [String?]
        let families: [String: Family]
        let elig: Eligibility
        /// Per visit index: its locked sitters.
        var lockedOn: [[String]] = []
        /// Per sitter id: the locked visits' indices.
        var weekOf: [String: [Int]] = [:]
        var programTotal: [String: Int] = [:]
        var familyTotal: [FamilyProgram: Int] = [:]
        /// Visits locked to trainees without a supervisor: the locks alone break the trainee rule there.
        var traineeOnly = Set<Int>()
        let sitters: [String: Sitter]

        init(_ c: Case, billed: [String?], families: [String: Family]) {
            self.c = c
            self.billed = billed
            self.families = families
            elig = Eligibility(c)
            sitters = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for (vi, v) in c.visits.enumerated() {
                let locked = v.locked ? Array(Set(v.assigned.filter { sitters[$0] != nil })).sorted() : []
                lockedOn.append(locked)
                for s in locked {
                    weekOf[s, default: []].append(vi)
                    if let p = billed[vi] {
                        programTotal[p, default: 0] += v.minutes
                        familyTotal[FamilyProgram(family: v.family, program: p), default: 0] += v.minutes
                    }
                }
                if CaseValidator.unsupervised(locked.map { sitters[$0]! }) { traineeOnly.insert(vi) }
            }
        }

        func servable(_ vi: Int) -> Bool {
            if !lockedOn[vi].isEmpty { return true }
            // A visit locked to trainees alone breaks a rule in every such small schedule but its own.
            guard traineeOnly.isEmpty else { return false }
            let v = c.visits[vi]
            guard let f = families[v.family], v.sitters >= 1, budgetAllows(vi) else { return false }
            return c.sitters.contains { s in
                !s.trainee && elig.check(s, visit: v, family: f) == nil && weekAllows(s, vi)
            }
        }

        func budgetAllows(_ vi: Int) -> Bool {
            guard let p = billed[vi], let program = c.programs.first(where: { $0.id == p }) else { return true }
            let m = c.visits[vi].minutes
            if let cap = program.budgetMinutes, (programTotal[p] ?? 0) + m > cap { return false }
            let key = FamilyProgram(family: c.visits[vi].family, program: p)
            if let cap = program.familyMinutesPerWeek, (familyTotal[key] ?? 0) + m > cap { return false }
            return true
        }

        /// The sitter's locked week with the visit added keeps conflicts and limits.
        func weekAllows(_ s: Sitter, _ vi: Int) -> Bool {
            let v = c.visits[vi]
            let week = weekOf[s.id] ?? []
            let minutes = week.reduce(v.minutes) { $0 + c.visits[$1].minutes }
            if minutes > c.maxMinutesPerWeek(s) { return false }
            let day = c.clock.localDate(v.span.start)
            let dayMinutes = week.filter { c.clock.localDate(c.visits[$0].span.start) == day }
                .reduce(v.minutes) { $0 + c.visits[$1].minutes }
            if dayMinutes > c.maxMinutesPerDay(s) { return false }
            let territory = families[v.family]?.territory ?? ""
            for u in week {
                let other = c.visits[u]
                if c.conflictTravel(v, in: territory, other, in: families[other.family]?.territory ?? "") != nil {
                    return false
                }
            }
            return true
        }
    }
}

/// A family and a program it is billed under.
public struct FamilyProgram: Hashable, Sendable {
    public var family: String
    public var program: String
    public init(family: String, program: String) {
        self.family = family
        self.program = program
    }
}

/// One family's row of a schedule (`families[]` in `weeks.md`).
public struct FamilyShare: Sendable, Hashable {
    public var family: String
    public var requestedMinutes: Int
    public var servedMinutes: Int
    public var pastRequestedMinutes: Int
    public var pastServedMinutes: Int
    /// For a family at the fair-share level: why (its unfilled visits' first reasons, or
    /// its earlier weeks). Not part of the contract's numbers (`sameNumbers`).
    public var reasons: [FamilyReason] = []
    public init(
        family: String, requestedMinutes: Int, servedMinutes: Int, pastRequestedMinutes: Int, pastServedMinutes: Int
    ) {
        self.family = family
        self.requestedMinutes = requestedMinutes
        self.servedMinutes = servedMinutes
        self.pastRequestedMinutes = pastRequestedMinutes
        self.pastServedMinutes = pastServedMinutes
    }
    /// (past served + served) / (past requested + requested).
    public var share: Double {
        Double(pastServedMinutes + servedMinutes) / Double(max(1, pastRequestedMinutes + requestedMinutes))
    }
    /// `floor(1000 × share)`, in whole numbers.
    public var permille: Int {
        (1000 * (pastServedMinutes + servedMinutes)) / max(1, pastRequestedMinutes + requestedMinutes)
    }
    /// This week alone.
    public var weekShare: Double { Double(servedMinutes) / Double(max(1, requestedMinutes)) }

    /// The four numbers of `weeks.md` agree (the reasons aside).
    public func sameNumbers(_ o: FamilyShare) -> Bool {
        (family, requestedMinutes, servedMinutes, pastRequestedMinutes, pastServedMinutes)
            == (o.family, o.requestedMinutes, o.servedMinutes, o.pastRequestedMinutes, o.pastServedMinutes)
    }
}

/// Why a family sits at the fair-share level: one of its visits left unfilled, with
/// that visit's first reason (`visit` set), or, when every visit it asked this week is
/// filled, its earlier weeks (`visit` nil, code `ledger`).
public struct FamilyReason: Sendable, Hashable {
    public var visit: String?
    public var reason: Reason
    public init(visit: String?, reason: Reason) {
        self.visit = visit
        self.reason = reason
    }

    /// The code of a family whose visits this week are all filled: its share is low from earlier weeks.
    public static let ledgerCode = "ledger"
    /// At most this many unfilled visits are given for one family.
    public static let shownVisits = 3

    /// The reasons of `row`'s family, from the schedule's unfilled visits (`visitFamily`: visit id -> family).
    public static func of(_ row: FamilyShare, unfilled: [Unfilled], visitFamily: [String: String]) -> [FamilyReason] {
        let mine = unfilled.filter { visitFamily[$0.id] == row.family }
        guard mine.isEmpty else {
            return mine.prefix(shownVisits).compactMap { u in
                u.reasons.first.map { FamilyReason(visit: u.id, reason: $0) }
            }
        }
        return [
            FamilyReason(
                visit: nil,
                reason: Reason(
                    code: ledgerCode,
                    detail:
                        "every visit it asked this week is filled; its share is low from earlier weeks (\(row.pastServedMinutes) of \(row.pastRequestedMinutes) minutes served)"
                ))
        ]
    }
}

/// One program's row of a schedule (`programs[]` in `weeks.md`).
public struct ProgramUse: Sendable, Hashable {
    public var program: String
    public var servedMinutes: Int
    public var budgetMinutes: Int?
    public init(program: String, servedMinutes: Int, budgetMinutes: Int?) {
        self.program = program
        self.servedMinutes = servedMinutes
        self.budgetMinutes = budgetMinutes
    }
}
