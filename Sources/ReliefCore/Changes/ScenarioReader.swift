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
        "set-program": ["program", "budgetMinutes", "familyMinutesPerWeek"],
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
        case "set-program":
            c = setProgram(v, p, &r)
        case "scale-demand":
            c = scaleDemand(v, p, &r)
        default:
            c = nil
        }
        let failed = r.diagnostics[before...].contains { $0.severity == .error }
        return failed ? nil : c
    }
}
