import Foundation

// The ops whose fields take more than a line to read, and the small readers they share.
extension ScenarioReader {
    static func addSitter(_ v: JSONValue, _ p: CasePath, _ r: inout CaseReader, clock: CaseClock) -> ScenarioChange? {
        var count = 1
        if let n = r.int(v["count"], p.key("count"), range: 1...maxAddedSitters) {
            guard (1...maxAddedSitters).contains(n) else {
                outOfRange(n, 1...maxAddedSitters, p.key("count"), &r)
                return nil
            }
            count = n
        }
        let like = r.string(v["like"], p.key("like"), required: false)
        var template = ScenarioSitter()
        if let sv = v["sitter"], sv != .null {
            guard let t = sitter(sv, p.key("sitter"), &r, clock: clock) else { return nil }
            template = t
        } else if like == nil {
            r.error(
                p.key("sitter"), "missing, and no like",
                fix: "give the new sitter's fields as \"sitter\": { ... }, or copy a sitter with \"like\": ID")
            return nil
        }
        if template.id != nil && count > 1 {
            r.error(
                p.key("sitter").key("id"), "one id for \(count) sitters",
                fix: "leave id out (relief names them NEW-1, NEW-2, ...), or add them one by one")
            return nil
        }
        return .addSitter(template: template, count: count, like: like)
    }

    /// A sitter object whose every field is optional; the case's types and words.
    static func sitter(_ v: JSONValue, _ p: CasePath, _ r: inout CaseReader, clock: CaseClock) -> ScenarioSitter? {
        guard let o = r.object(v, p, known: CaseReader.sitterFields) else { return nil }
        func given(_ k: String) -> Bool { o[k] != nil && o[k] != .null }
        var s = ScenarioSitter()
        s.id = r.string(o["id"], p.key("id"), required: false)
        s.name = r.string(o["name"], p.key("name"), required: false)
        s.homeTerritory = r.string(o["homeTerritory"], p.key("homeTerritory"), required: false)
        if given("territories") { s.territories = r.strings(o["territories"], p.key("territories")) }
        if given("competencies") { s.competencies = Set(r.strings(o["competencies"], p.key("competencies"))) }
        if given("credentials") {
            guard case .object(let members) = o["credentials"]! else {
                r.error(
                    p.key("credentials"), "is \(o["credentials"]!.typeName), expected an object",
                    fix: "write { \"kind\": \"YYYY-MM-DD\" }")
                return nil
            }
            var creds: [String: LocalDate?] = [:]
            for (k, d) in members {
                guard let date = date(d, p.key("credentials").key(k), &r) else { continue }
                creds[k] = .some(date)
            }
            s.credentials = creds
        }
        if given("trainee") { s.trainee = r.bool(o["trainee"], p.key("trainee"), default: false) }
        if given("availability") {
            s.availability = availability(o["availability"], p.key("availability"), &r, clock: clock, required: true)
        }
        s.maxMinutesPerDay = r.int(
            o["maxMinutesPerDay"], p.key("maxMinutesPerDay"), range: 0...CaseValidator.maxMinutesPerDay)
        s.maxMinutesPerWeek = r.int(
            o["maxMinutesPerWeek"], p.key("maxMinutesPerWeek"), range: 0...CaseValidator.maxMinutes)
        s.targetMinutesPerWeek = r.int(
            o["targetMinutesPerWeek"], p.key("targetMinutesPerWeek"), range: 0...CaseValidator.maxMinutes)
        if given("onCall"),
            let ob = r.object(
                o["onCall"], p.key("onCall"), known: ["eligible", "maxShifts", "competencies", "maxConsecutiveShifts"])
        {
            s.onCall = OnCallProfile(
                eligible: r.bool(ob["eligible"], p.field("onCall.eligible"), default: true),
                maxShifts: r.int(ob["maxShifts"], p.field("onCall.maxShifts"), range: 0...CaseValidator.maxShifts),
                competencies: Set(r.strings(ob["competencies"], p.field("onCall.competencies"))),
                maxConsecutiveShifts: r.int(
                    ob["maxConsecutiveShifts"], p.field("onCall.maxConsecutiveShifts"),
                    range: 1...CaseValidator.maxShifts))
        }
        if given("kind") { s.kind = r.sitterKind(o["kind"], p.key("kind")) }
        s.weeklyRestMinutes = r.int(
            o["weeklyRestMinutes"], p.key("weeklyRestMinutes"), range: 0...CaseValidator.maxMinutes)
        return s
    }

    static func setRules(_ v: JSONValue, _ p: CasePath, _ r: inout CaseReader) -> ScenarioChange? {
        let rp = p.key("rules")
        let known = ["maxMinutesPerDay", "maxMinutesPerWeek", "maxConsecutiveShifts", "weeklyRestMinutes"]
        guard let o = r.object(v["rules"], rp, known: known) else { return nil }
        let rules = ScenarioRules(
            maxMinutesPerDay: r.int(
                o["maxMinutesPerDay"], rp.key("maxMinutesPerDay"), range: 0...CaseValidator.maxMinutesPerDay),
            maxMinutesPerWeek: r.int(
                o["maxMinutesPerWeek"], rp.key("maxMinutesPerWeek"), range: 0...CaseValidator.maxMinutes),
            maxConsecutiveShifts: r.int(
                o["maxConsecutiveShifts"], rp.key("maxConsecutiveShifts"), range: 1...CaseValidator.maxShifts),
            weeklyRestMinutes: r.int(
                o["weeklyRestMinutes"], rp.key("weeklyRestMinutes"), range: 0...CaseValidator.maxMinutes))
        if rules == ScenarioRules() {
            r.error(rp, "sets no limit", fix: "give one or more of \(known.joined(separator: ", "))")
            return nil
        }
        let sitters = sitterList(v["sitters"], p.key("sitters"), &r, required: false)
        return .setRules(rules: rules, sitters: sitters)
    }

    static func cancelVisits(_ v: JSONValue, _ p: CasePath, _ r: inout CaseReader) -> ScenarioChange? {
        let given = ["visits", "family", "territory"].filter { v[$0] != nil && v[$0] != .null }
        guard given.count == 1 else {
            r.error(
                given.isEmpty ? p : p.key(given[1]),
                given.isEmpty ? "says no visits to cancel" : "gives both \(given[0]) and \(given[1])",
                fix: "give exactly one of visits (a list of ids), family or territory")
            return nil
        }
        switch given[0] {
        case "visits":
            return sitterList(v["visits"], p.key("visits"), &r, required: true, what: "visit")
                .map { .cancelVisits(visits: $0, family: nil, territory: nil) }
        case "family":
            return nonEmpty(v["family"], p.key("family"), &r).map {
                .cancelVisits(visits: nil, family: $0, territory: nil)
            }
        default:
            return nonEmpty(v["territory"], p.key("territory"), &r)
                .map { .cancelVisits(visits: nil, family: nil, territory: $0) }
        }
    }

    static func setProgram(_ v: JSONValue, _ p: CasePath, _ r: inout CaseReader) -> ScenarioChange? {
        let program = nonEmpty(v["program"], p.key("program"), &r)
        let budget = budgetLimit(v["budgetMinutes"], p.key("budgetMinutes"), &r)
        let perFamily = budgetLimit(v["familyMinutesPerWeek"], p.key("familyMinutesPerWeek"), &r)
        guard let program, let budget, let perFamily else { return nil }
        if budget == .unset && perFamily == .unset {
            r.error(
                p.key("budgetMinutes"), "missing, and no familyMinutesPerWeek",
                fix: "give budgetMinutes, familyMinutesPerWeek or both: a number of minutes, or null for no limit")
            return nil
        }
        return .setProgram(program: program, budgetMinutes: budget.value, familyMinutesPerWeek: perFamily.value)
    }

    /// A budget of `set-program` as the file gives it.
    enum BudgetLimit: Equatable {
        /// Absent: the program keeps its limit.
        case unset
        /// A number, or `null` (no limit).
        case set(Int?)

        var value: Int?? {
            if case .set(let n) = self { return .some(n) }
            return nil
        }
    }

    /// A number of minutes or `null`; nil when it cannot be read (the problem is in `r`).
    static func budgetLimit(_ v: JSONValue?, _ p: CasePath, _ r: inout CaseReader) -> BudgetLimit? {
        guard let v else { return .unset }
        if v == .null { return .set(nil) }
        let range = 0...CaseValidator.maxBudgetMinutes
        // A value that is not a whole number is reported by `int`.
        guard let n = r.int(v, p, range: range) else { return nil }
        guard range.contains(n) else {
            outOfRange(n, range, p, &r)
            return nil
        }
        return .set(n)
    }

    static func scaleDemand(_ v: JSONValue, _ p: CasePath, _ r: inout CaseReader) -> ScenarioChange? {
        var factor: Double?
        switch v["factor"] {
        case nil, .null?:
            r.error(p.key("factor"), "missing", fix: "add the factor, e.g. 1.2 for 20 % more visits")
        case .number(let x)?:
            if x > 0 && x <= maxFactor {
                factor = x
            } else {
                r.error(
                    p.key("factor"), "\(JSONValue.format(x)) is out of range",
                    fix: "write a number above 0 and at most \(JSONValue.format(maxFactor))")
            }
        case let other?:
            r.error(p.key("factor"), "is \(other.typeName), expected a number", fix: "write a number such as 1.2")
        }
        var seed: UInt64?
        if v["seed"] == nil || v["seed"] == .null {
            r.error(p.key("seed"), "missing", fix: "add a whole number seed; the same seed gives the same case")
        } else if let s = r.int(v["seed"], p.key("seed"), range: 0...maxSeed) {
            if (0...maxSeed).contains(s) {
                seed = UInt64(s)
            } else {
                outOfRange(s, 0...maxSeed, p.key("seed"), &r)
            }
        }
        guard let factor, let seed else { return nil }
        return .scaleDemand(factor: factor, seed: seed)
    }

    // MARK: - Small readers

    /// The validator's words for a number out of its range.
    static func outOfRange(_ n: Int, _ range: ClosedRange<Int>, _ p: CasePath, _ r: inout CaseReader) {
        r.error(p, "\(n) is out of range", fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
    }

    /// `sitter` (one id) or `sitters` (a list), not both.
    static func sitterOrSitters(_ v: JSONValue, _ p: CasePath, _ r: inout CaseReader) -> [String]? {
        let one = v["sitter"] != nil && v["sitter"] != .null
        let many = v["sitters"] != nil && v["sitters"] != .null
        if one && many {
            r.error(p.key("sitters"), "given with sitter", fix: "give either sitter (one id) or sitters (a list)")
            return nil
        }
        if one { return r.string(v["sitter"], p.key("sitter"), required: true).map { [$0] } }
        if many { return sitterList(v["sitters"], p.key("sitters"), &r, required: true) }
        r.error(p.key("sitter"), "missing", fix: "give sitter (one id) or sitters (a list of ids)")
        return nil
    }

    /// A non-empty list of ids.
    static func sitterList(
        _ v: JSONValue?, _ p: CasePath, _ r: inout CaseReader, required: Bool, what: String = "sitter"
    ) -> [String]? {
        guard let items = r.array(v, p, required: required) else { return nil }
        if items.isEmpty {
            r.error(p, "is empty", fix: "name at least one \(what) by id")
            return nil
        }
        let before = r.diagnostics.count
        let ids = r.strings(v, p)
        return r.diagnostics.count == before ? ids : nil
    }

    static func nonEmpty(_ v: JSONValue?, _ p: CasePath, _ r: inout CaseReader) -> String? {
        guard let s = r.string(v, p, required: true) else { return nil }
        if s.isEmpty {
            r.error(p, "is empty", fix: "write the name")
            return nil
        }
        return s
    }

    /// A date or `null` (no expiry): `.some(nil)` is null; nil when missing or unreadable.
    static func date(_ v: JSONValue?, _ p: CasePath, _ r: inout CaseReader) -> LocalDate?? {
        switch v {
        case nil:
            r.error(p, "missing", fix: "write the last valid day as YYYY-MM-DD, or null for no expiry")
        case .null?:
            return .some(nil)
        case .string(let s)?:
            if let d = LocalDate.parse(s) { return .some(d) }
            r.error(
                p, "\(CaseReader.quoted(s)) is not a date",
                fix: "write the last valid day as YYYY-MM-DD, or null for no expiry")
        case let other?:
            r.error(
                p, "is \(other.typeName), expected a date or null",
                fix: "write the last valid day as \"YYYY-MM-DD\", or null for no expiry")
        }
        return nil
    }

    /// Availability intervals; an inverted one is an error here, before they are merged.
    static func availability(
        _ v: JSONValue?, _ p: CasePath, _ r: inout CaseReader, clock: CaseClock, required: Bool
    ) -> [TimeSpan]? {
        guard let items = r.array(v, p, required: required) else { return nil }
        var out: [TimeSpan] = []
        var failed = false
        for (i, a) in items.enumerated() {
            let ap = p.index(i)
            guard let s = r.span(a, ap, clock: clock) else {
                failed = true
                continue
            }
            if s.start >= s.end {
                r.error(ap.key("end"), "end is not after start", fix: "make end later than start")
                failed = true
                continue
            }
            out.append(s)
        }
        return failed ? nil : out
    }
}
