import Foundation

/// Reads a `relief.scenarios/1` file: JSON syntax and types, with `CaseReader`'s
/// typed readers (a malformed time or a string where a number belongs gets the
/// same words as in a case). What the values mean against the base case (an
/// unknown sitter, a visit outside the horizon) is `ScenarioApplier`'s.
///
/// Every diagnostic is located at the file's JSON path (`$.scenarios[2].changes[0].sitter`).
/// Unknown fields are warnings, as in a case; a scenario that reads keeps none of them.
public enum ScenarioReader {
    /// Max size of a scenarios file (bytes); larger files are refused before parsing.
    public static let maxBytes = 16 << 20
    static let limit = JSONDocument.Limit(
        bytes: maxBytes, noun: "the file", fix: "split the scenarios into several files")
    /// Max `count` of one `add-sitter` (the generator's largest roster).
    public static let maxAddedSitters = 2000
    /// Max `factor` of `scale-demand`.
    public static let maxFactor = 10.0
    /// Max `seed` of `scale-demand`: every whole number a JSON reader keeps exactly is below 2^53.
    public static let maxSeed = 999_999_999_999_999

    /// The fields of each `op`, besides `op`.
    static let fields: [String: [String]] = [
        "remove-sitter": ["sitter", "sitters"],
        "add-sitter": ["sitter", "count", "like"],
        "grant-competency": ["sitters", "competency"],
        "revoke-competency": ["sitters", "competency"],
        "set-credential": ["sitters", "kind", "validUntil"],
        "absence": ["sitter", "start", "end"],
        "set-availability": ["sitter", "availability"],
        "set-rules": ["rules", "sitters"],
        "cancel-visits": ["visits", "family", "territory"],
        "add-visit": ["visit"],
        "scale-demand": ["factor", "seed"],
    ]

    /// File-level problems (not JSON, wrong format, no scenarios, duplicate or bad names) throw; a scenario
    /// whose own changes are unreadable comes back as `.failure` in its slot, so the others still run.
    public static func read(data: Data, file: String, clock: CaseClock) throws(InputError)
        -> [(name: String, scenario: Result<Scenario, InputError>)]
    {
        let json = try JSONDocument.parse(data, limit: limit) { InputError(scenario: nil, diagnostics: [$0]) }
        var top = CaseReader()
        let entries = readFile(json, &top)
        if top.diagnostics.contains(where: { $0.severity == .error }) {
            throw InputError(scenario: nil, diagnostics: top.diagnostics)
        }
        return entries.map { e in
            var r = CaseReader()
            let changes = readChanges(e.value, at: e.path, &r, clock: clock)
            guard let changes, !r.diagnostics.contains(where: { $0.severity == .error }) else {
                return (e.name, .failure(InputError(scenario: e.name, diagnostics: r.diagnostics)))
            }
            return (e.name, .success(Scenario(name: e.name, changes: changes)))
        }
    }

    // MARK: - The file

    /// The scenarios' names, objects and paths; every file-level problem reported in `r`.
    static func readFile(_ root: JSONValue, _ r: inout CaseReader) -> [(name: String, value: JSONValue, path: CasePath)]
    {
        let top = CasePath.root
        guard let doc = r.object(root, top, known: ["format", "scenarios"]) else { return [] }
        r.format(doc, Scenario.format)
        guard let items = r.array(doc["scenarios"], top.key("scenarios"), required: true) else { return [] }
        if items.isEmpty {
            r.error(
                top.key("scenarios"), "no scenarios",
                fix: "add at least one { \"name\": ..., \"changes\": [ ... ] }")
        }
        var out: [(name: String, value: JSONValue, path: CasePath)] = []
        var seen: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let p = top.key("scenarios").index(i)
            guard case .object = item else {
                r.error(
                    p, "is \(item.typeName), expected an object", fix: "write { \"name\": ..., \"changes\": [ ... ] }")
                continue
            }
            guard let name = r.string(item["name"], p.key("name"), required: true) else { continue }
            guard CaseValidator.isValidID(name) else {
                r.error(
                    p.key("name"), "name \(CaseReader.quoted(name)) is not an identifier",
                    fix: "use 1 to 64 characters from A-Z a-z 0-9 . _ -, not . or ..")
                continue
            }
            if let first = seen[name] {
                r.error(
                    p.key("name"), "duplicate scenario name \(name) (also $.scenarios[\(first)])",
                    fix: "give each scenario its own name")
                continue
            }
            seen[name] = i
            out.append((name, item, p))
        }
        return out
    }

    // MARK: - One scenario

    /// The changes of one scenario, nil when they cannot be read (the problems are in `r`).
    static func readChanges(_ v: JSONValue, at p: CasePath, _ r: inout CaseReader, clock: CaseClock)
        -> [ScenarioChange]?
    {
        guard let o = r.object(v, p, known: ["name", "changes"]) else { return nil }
        guard let items = r.array(o["changes"], p.key("changes"), required: true) else { return nil }
        var out: [ScenarioChange] = []
        var failed = false
        for (k, item) in items.enumerated() {
            if let c = change(item, p.key("changes").index(k), &r, clock: clock) {
                out.append(c)
            } else {
                failed = true
            }
        }
        return failed ? nil : out
    }

    /// One change, nil when it cannot be read (the problems are in `r`).
    static func change(_ v: JSONValue, _ p: CasePath, _ r: inout CaseReader, clock: CaseClock) -> ScenarioChange? {
        guard case .object = v else {
            r.error(p, "is \(v.typeName), expected an object", fix: "write { \"op\": ..., ... }")
            return nil
        }
        guard let op = r.string(v["op"], p.key("op"), required: true) else { return nil }
        guard let own = fields[op] else {
            r.error(
                p.key("op"), "unknown op \(CaseReader.quoted(op))",
                fix: "use one of \(ScenarioChange.ops.joined(separator: ", "))")
            return nil
        }
        _ = r.object(v, p, known: ["op"] + own)
        let before = r.diagnostics.count
        let c: ScenarioChange?
        switch op {
        case "remove-sitter":
            c = sitterOrSitters(v, p, &r).map { .removeSitters($0) }
        case "add-sitter":
            c = addSitter(v, p, &r, clock: clock)
        case "grant-competency", "revoke-competency":
            let sitters = sitterList(v["sitters"], p.key("sitters"), &r, required: true)
            let comp = nonEmpty(v["competency"], p.key("competency"), &r)
            guard let sitters, let comp else { return nil }
            c =
                op == "grant-competency"
                ? .grantCompetency(sitters: sitters, competency: comp)
                : .revokeCompetency(sitters: sitters, competency: comp)
        case "set-credential":
            let sitters = sitterList(v["sitters"], p.key("sitters"), &r, required: true)
            let kind = nonEmpty(v["kind"], p.key("kind"), &r)
            let until = date(v["validUntil"], p.key("validUntil"), &r)
            guard let sitters, let kind, let until else { return nil }
            c = .setCredential(sitters: sitters, kind: kind, validUntil: until)
        case "absence":
            let sitter = r.string(v["sitter"], p.key("sitter"), required: true)
            let span = r.startEnd(v, p, clock: clock)
            if let s = span, s.start >= s.end {
                r.error(p.key("end"), "end is not after start", fix: "make end later than start")
                return nil
            }
            guard let sitter, let span else { return nil }
            c = .absence(sitter: sitter, span: span)
        case "set-availability":
            let sitter = r.string(v["sitter"], p.key("sitter"), required: true)
            let spans = availability(v["availability"], p.key("availability"), &r, clock: clock, required: true)
            guard let sitter, let spans else { return nil }
            c = .setAvailability(sitter: sitter, availability: spans)
        case "set-rules":
            c = setRules(v, p, &r)
        case "cancel-visits":
            c = cancelVisits(v, p, &r)
        case "add-visit":
            guard let ov = v["visit"], ov != .null else {
                r.error(p.key("visit"), "missing", fix: "add the visit as an object with the case's visit fields")
                return nil
            }
            c = r.readVisit(ov, p.key("visit"), at: p.key("visit"), clock: clock).map { .addVisit($0) }
        case "scale-demand":
            c = scaleDemand(v, p, &r)
        default:
            c = nil
        }
        let failed = r.diagnostics[before...].contains { $0.severity == .error }
        return failed ? nil : c
    }

    // MARK: - Ops

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
            let ob = r.object(o["onCall"], p.key("onCall"), known: ["eligible", "maxShifts", "competencies"])
        {
            s.onCall = OnCallProfile(
                eligible: r.bool(ob["eligible"], p.field("onCall.eligible"), default: true),
                maxShifts: r.int(ob["maxShifts"], p.field("onCall.maxShifts"), range: 0...CaseValidator.maxShifts),
                competencies: Set(r.strings(ob["competencies"], p.field("onCall.competencies"))))
        }
        return s
    }

    static func setRules(_ v: JSONValue, _ p: CasePath, _ r: inout CaseReader) -> ScenarioChange? {
        let rp = p.key("rules")
        guard let o = r.object(v["rules"], rp, known: ["maxMinutesPerDay", "maxMinutesPerWeek"]) else { return nil }
        let rules = ScenarioRules(
            maxMinutesPerDay: r.int(
                o["maxMinutesPerDay"], rp.key("maxMinutesPerDay"), range: 0...CaseValidator.maxMinutesPerDay),
            maxMinutesPerWeek: r.int(
                o["maxMinutesPerWeek"], rp.key("maxMinutesPerWeek"), range: 0...CaseValidator.maxMinutes))
        if rules.maxMinutesPerDay == nil && rules.maxMinutesPerWeek == nil {
            r.error(rp, "sets no limit", fix: "give maxMinutesPerDay, maxMinutesPerWeek or both")
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
