/// What a case means, checked once for every way a case is built: the JSON
/// reader, a spreadsheet import, the daemon's events, what-if scenarios, or a
/// caller that builds a `Case` in memory. Readers report syntax and types;
/// everything here is about the values: identifiers, references, times,
/// ranges, travel pairs, locks that break a hard rule (through `WeekRules` and
/// `Eligibility`, never a rule of its own), and the warnings (on-call gaps,
/// visits nobody could take).
///
/// A case built in memory with the default sources gets exactly the
/// diagnostics the same case read from JSON gets, at the same JSON paths.
public struct CaseValidator {
    public static let maxMinutes = 100_000
    public static let maxSittersPerVisit = 50
    /// Two days: a visit counts on the day it starts, so one day's visits may run into
    /// the next (a limit of 1440 could still bind there; 2880 never can for visits of at
    /// most a day).
    public static let maxMinutesPerDay = 2880
    public static let maxTravelMinutes = 1440
    public static let maxShifts = 10_000
    /// Steps of the search that finds a mentor for every visit locked to trainees;
    /// past it the check gives up without an error (the planner still decides).
    public static let mentorSearchSteps = 100_000

    public private(set) var diagnostics: [Diagnostic] = []
    /// The same findings located through `also`, when a caller asked for two ways (in one pass).
    private(set) var alsoDiagnostics: [Diagnostic] = []
    /// How many of `diagnostics` are about values (the rest are about the week).
    private(set) var valueCount = 0
    let draft: CaseDraft
    let also: CaseSources?
    var sources: CaseSources { draft.sources }

    init(_ draft: CaseDraft, also: CaseSources? = nil) {
        self.draft = draft
        self.also = also
    }

    // MARK: - Entry points

    /// Every error and warning of a case built in memory, located as JSON paths.
    /// What the planner calls before it trusts a case it did not read itself.
    public static func check(_ c: Case) -> [Diagnostic] { validate(CaseDraft(c)) }

    /// Every error and warning of a case, located through `sources`.
    public static func validate(_ c: Case, sources: CaseSources) -> [Diagnostic] {
        validate(CaseDraft(c, sources: sources))
    }

    /// Every error and warning of a reader's draft. The checks that need a whole
    /// case (locks, warnings about the week) run only when nothing else is wrong.
    public static func validate(_ draft: CaseDraft) -> [Diagnostic] {
        let (values, week) = stages(draft)
        return values + week
    }

    /// The diagnostics about values (in the order of the case), then those about
    /// the week (locks, on-call gaps, visits nobody could take), which need a
    /// case without any other error.
    static func stages(_ draft: CaseDraft) -> (values: [Diagnostic], week: [Diagnostic]) {
        let v = pass(draft)
        return (Array(v.diagnostics[..<v.valueCount]), Array(v.diagnostics[v.valueCount...]))
    }

    /// One validation (the one `CheckCount` counts): the values, then, on a case without
    /// any other error, the week. With `also`, every finding is located a second way too
    /// (`alsoDiagnostics`, in the same order), in the same pass.
    static func pass(_ draft: CaseDraft, also: CaseSources? = nil) -> CaseValidator {
        CheckCount.count(.validation)
        var v = CaseValidator(draft, also: also)
        v.checkValues()
        v.valueCount = v.diagnostics.count
        guard !draft.unread.readerFailed && v.diagnostics.allSatisfy({ $0.severity != .error }) else { return v }
        v.checkLocks()
        v.checkLockedBudgets()
        // Mentors are searched among weeks that hold: a broken lock is named first.
        if v.diagnostics.count == v.valueCount { v.checkMentors() }
        v.warnAboutIdleSitters()
        v.warnAboutTheWeek()
        return v
    }

    /// The error of a span whose end is not after its start, located at its `end`.
    /// For builders that must check a span before `Sitter.init` merges it away.
    public static func spanError(_ s: TimeSpan, at p: CasePath, sources: CaseSources = .json) -> Diagnostic? {
        s.start < s.end
            ? nil
            : Diagnostic(.error, sources(p.key("end")), "end is not after start", fix: "make end later than start")
    }

    /// The error of a whole number outside `range`, as the validator words it.
    public static func outOfRange(_ value: String, _ range: ClosedRange<Int>, at l: Location) -> Diagnostic {
        Diagnostic(
            .error, l, "\(value) is out of range",
            fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
    }

    /// 1 to 64 characters from `A-Z a-z 0-9 . _ -`, and not `.` or `..` (ids become file names).
    public static func isValidID(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 64, s != ".", s != ".." else { return false }
        return s.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 45
        }
    }

    /// An id as a message shows it: as is when it is a valid id, else quoted and escaped.
    static func name(_ id: String) -> String {
        isValidID(id) || isValidID(id.replacingOccurrences(of: ":", with: "-")) ? id : CaseReader.quoted(id)
    }

    // MARK: - Small checks

    /// A finding, located through `sources` (and through `also` when asked): `make` builds
    /// it from the sources, since some messages name another place of the case.
    mutating func add(_ make: (CaseSources) -> Diagnostic) {
        diagnostics.append(make(sources))
        if let also { alsoDiagnostics.append(make(also)) }
    }

    mutating func error(_ p: CasePath, _ message: String, fix: String) {
        add { Diagnostic(.error, $0(p), message, fix: fix) }
    }

    mutating func warning(_ p: CasePath, _ message: String, fix: String) {
        add { Diagnostic(.warning, $0(p), message, fix: fix) }
    }

    // MARK: - Values

    mutating func checkValues() {
        let c = draft.theCase
        let unread = draft.unread
        let horizonOK = !unread.horizon && span(c.horizon, .root.key("horizon"))

        for (i, t) in c.territories.enumerated() { id(t.id, CasePath.territory(i).key("id")) }
        unique(c.territories.enumerated().map { ($1.id, CasePath.territory($0).key("id")) }, what: "territory")
        let territoryIDs = Set(c.territories.map(\.id)).union(unread.territories)
        checkTravel(c, territoryIDs: territoryIDs)

        let rules = CasePath.root.key("rules")
        _ = int(c.rules.maxMinutesPerDay, rules.key("maxMinutesPerDay"), 0...CaseValidator.maxMinutesPerDay)
        _ = int(c.rules.maxMinutesPerWeek, rules.key("maxMinutesPerWeek"), 0...CaseValidator.maxMinutes)
        if let v = c.rules.volunteerMaxMinutesPerWeek {
            _ = int(v, rules.key("volunteerMaxMinutesPerWeek"), 0...CaseValidator.maxMinutes)
        }
        _ = int(c.rules.maxConsecutiveShifts, rules.key("maxConsecutiveShifts"), 1...CaseValidator.maxShifts)
        _ = int(c.rules.weeklyRestMinutes, rules.key("weeklyRestMinutes"), 0...CaseValidator.maxMinutes)

        let sitterIDs = Set(c.sitters.map(\.id)).union(unread.sitters)
        checkSitters(c, territoryIDs: territoryIDs)
        let familyIDs = checkFamilies(c, territoryIDs: territoryIDs, sitterIDs: sitterIDs)
        checkVisits(c, familyIDs: familyIDs, sitterIDs: sitterIDs, horizonOK: horizonOK)
        checkShifts(c, sitterIDs: sitterIDs, horizonOK: horizonOK)
        checkWeeks(c, familyIDs: familyIDs)
    }

    mutating func checkSitters(_ c: Case, territoryIDs: Set<String>) {
        for (i, s) in c.sitters.enumerated() {
            let p = CasePath.sitter(i)
            id(s.id, p.key("id"))
            let homeKnown = territoryIDs.contains(s.homeTerritory)
            if !homeKnown {
                error(
                    p.key("homeTerritory"), "unknown territory \(CaseReader.quoted(s.homeTerritory))",
                    fix: "use an id from $.territories")
            }
            references(s.territories, p.key("territories"), known: territoryIDs, what: "territory")
            if homeKnown && !s.territories.contains(s.homeTerritory) {
                let home = CaseValidator.name(s.homeTerritory)
                error(
                    p.key("territories"), "does not include the home territory \(home)",
                    fix: "add \(home) to territories")
            }
            for (k, a) in s.availability.enumerated() { _ = span(a, p.key("availability").index(k)) }
            _ = int(s.maxMinutesPerDay, p.key("maxMinutesPerDay"), 0...CaseValidator.maxMinutesPerDay)
            _ = int(s.maxMinutesPerWeek, p.key("maxMinutesPerWeek"), 0...CaseValidator.maxMinutes)
            _ = int(s.targetMinutesPerWeek, p.key("targetMinutesPerWeek"), 0...CaseValidator.maxMinutes)
            _ = int(s.onCall?.maxShifts, p.field("onCall.maxShifts"), 0...CaseValidator.maxShifts)
            if s.isVolunteer && s.onCall?.eligible == true {
                warning(
                    p.key("onCall"), "sitter \(CaseValidator.name(s.id)) is a volunteer, who is never on call",
                    fix: "remove onCall, or make the sitter an employee")
            }
            _ = int(
                s.onCall?.maxConsecutiveShifts, p.field("onCall.maxConsecutiveShifts"), 1...CaseValidator.maxShifts)
            _ = int(s.weeklyRestMinutes, p.key("weeklyRestMinutes"), 0...CaseValidator.maxMinutes)
        }
        unique(c.sitters.enumerated().map { ($1.id, CasePath.sitter($0).key("id")) }, what: "sitter")
        sameFileName(c.sitters.enumerated().map { ($1.id, CasePath.sitter($0).key("id")) })
    }

    /// The families' checks; the family ids references may use.
    mutating func checkFamilies(_ c: Case, territoryIDs: Set<String>, sitterIDs: Set<String>) -> Set<String> {
        for (i, f) in c.families.enumerated() {
            let p = CasePath.family(i)
            id(f.id, p.key("id"))
            if !territoryIDs.contains(f.territory) {
                error(
                    p.key("territory"), "unknown territory \(CaseReader.quoted(f.territory))",
                    fix: "use an id from $.territories")
            }
            references(f.preferredSitters, p.key("preferredSitters"), known: sitterIDs, what: "sitter")
            references(f.excludedSitters, p.key("excludedSitters"), known: sitterIDs, what: "sitter")
            references(f.previousSitters, p.key("previousSitters"), known: sitterIDs, what: "sitter")
        }
        unique(c.families.enumerated().map { ($1.id, CasePath.family($0).key("id")) }, what: "family")
        return Set(c.families.map(\.id)).union(draft.unread.families)
    }

    mutating func checkVisits(_ c: Case, familyIDs: Set<String>, sitterIDs: Set<String>, horizonOK: Bool) {
        for (i, v) in c.visits.enumerated() {
            let p = CasePath.visit(i)
            id(v.id, p.key("id"))
            if !familyIDs.contains(v.family) {
                error(
                    p.key("family"), "unknown family \(CaseReader.quoted(v.family))", fix: "use an id from $.families")
            }
            let spanOK = span(v.span, p)
            let needOK = int(v.sitters, p.key("sitters"), 1...CaseValidator.maxSittersPerVisit)
            references(v.assigned, p.key("assigned"), known: sitterIDs, what: "sitter")
            if horizonOK && spanOK && !c.horizon.contains(v.span) {
                error(
                    p, "visit \(CaseValidator.name(v.id)) lies outside the horizon",
                    fix: "keep start and end inside $.horizon, or move it to another week's case")
            }
            let locked = Set(v.assigned).count
            if v.locked && needOK && locked > v.sitters {
                error(
                    p.key("assigned"), "locks \(locked) sitters on a visit that needs \(v.sitters)",
                    fix: "raise sitters or lock fewer")
            }
        }
        unique(c.visits.enumerated().map { ($1.id, CasePath.visit($0).key("id")) }, what: "visit")
    }

    mutating func checkShifts(_ c: Case, sitterIDs: Set<String>, horizonOK: Bool) {
        for (i, o) in c.onCallShifts.enumerated() {
            let p = CasePath.shift(i)
            id(o.id, p.key("id"), colonTolerated: true)
            let spanOK = span(o.span, p)
            let staffOK = int(o.staff, p.key("staff"), 1...CaseValidator.maxSittersPerVisit)
            references(o.assigned, p.key("assigned"), known: sitterIDs, what: "sitter")
            let told = Set(o.assigned.filter(sitterIDs.contains)).count
            if staffOK && told > o.staff {
                warning(
                    p.key("assigned"), "names \(told) sitters for a shift staffed by \(o.staff)",
                    fix: "raise staff or keep only the people who hold the shift")
            }
            if horizonOK && spanOK && !c.horizon.contains(o.span) {
                error(
                    p, "shift \(CaseValidator.name(o.id)) lies outside the horizon",
                    fix: "keep start and end inside $.horizon")
            }
        }
        unique(c.onCallShifts.enumerated().map { ($1.id, CasePath.shift($0).key("id")) }, what: "on-call shift")
    }

    /// Each entry names known territories and sensible minutes; entries for one pair
    /// agree; every pair of distinct territories has one. A pair an entry names,
    /// even a broken one, is not also reported missing: the entry's error is the problem.
    mutating func checkTravel(_ c: Case, territoryIDs: Set<String>) {
        var named = Set<TravelKey>()
        var halfNamed = Set<String>()
        var unnamed = false
        func name(_ from: String?, _ to: String?) {
            let ends = [from, to].compactMap { $0 }.filter { territoryIDs.contains($0) }
            if ends.count == 2, let from, let to {
                named.insert(TravelKey(from, to))
            } else if ends.isEmpty {
                unnamed = true
            } else {
                halfNamed.formUnion(ends)
            }
        }
        var seen: [TravelKey: (Int, CasePath)] = [:]
        for (i, e) in c.travel.enumerated() {
            let p = CasePath.travel(i)
            var ok = true
            for (field, t) in [("from", e.from), ("to", e.to)] where !territoryIDs.contains(t) {
                error(p.key(field), "unknown territory \(CaseReader.quoted(t))", fix: "use an id from $.territories")
                ok = false
            }
            let minutesOK = int(e.minutes, p.key("minutes"), 0...CaseValidator.maxTravelMinutes)
            name(e.from, e.to)
            guard ok, minutesOK else { continue }
            let key = TravelKey(e.from, e.to)
            if let (m, first) = seen[key] {
                if m != e.minutes {
                    let pair = "\(CaseValidator.name(e.from))-\(CaseValidator.name(e.to))"
                    add {
                        Diagnostic(
                            .error, $0(p), "travel \(pair) is \(e.minutes) min here but \(m) min at \($0(first))",
                            fix: "keep one entry per pair (travel is symmetric)")
                    }
                }
                continue
            }
            seen[key] = (e.minutes, p)
        }
        for e in draft.unread.travel { name(e.from, e.to) }
        guard !unnamed else { return }
        var ids: [String] = []
        var distinct = Set<String>()
        for t in c.territories where distinct.insert(t.id).inserted { ids.append(t.id) }
        var missing: [String] = []
        for (i, a) in ids.enumerated() {
            for b in ids[(i + 1)...]
            where !named.contains(TravelKey(a, b)) && !halfNamed.contains(a) && !halfNamed.contains(b) {
                missing.append("\(CaseValidator.name(a))-\(CaseValidator.name(b))")
            }
        }
        guard !missing.isEmpty else { return }
        let shown = missing.prefix(10).joined(separator: ", ")
        let more = missing.count > 10 ? " and \(missing.count - 10) more" : ""
        error(
            .root.key("travel"), "no travel time for \(missing.count) territory pair(s): \(shown)\(more)",
            fix:
                "add { \"from\": A, \"to\": B, \"minutes\": N } for each pair (keep a sitter out of a territory through their territories instead)"
        )
    }
}
