import Foundation

/// Reads a `relief.case/1` document: JSON syntax and types here (a string
/// where a number belongs, a malformed time, an unknown field), into a
/// `CaseDraft`; what the values mean is `CaseValidator`'s, the one check every
/// way of building a case goes through. Every problem is collected (with its
/// JSON path and a fix) before anything is solved; a case comes back only
/// when there is no error.
public struct CaseReader {
    public static let maxMinutes = CaseValidator.maxMinutes
    public static let maxSittersPerVisit = CaseValidator.maxSittersPerVisit

    public private(set) var diagnostics: [Diagnostic] = []
    /// Case paths whose element sits elsewhere in the document (an unreadable one before it was skipped).
    var moved: [CasePath: CasePath] = [:]
    var unread = CaseDraft.Unread()

    public init() {}

    /// Reads a file; throws `CaseInputError` listing every error.
    public static func read(file path: String) throws -> (Case, [Diagnostic]) {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CaseFileMissing(file: path)
        }
        return try read(data: data, file: path)
    }

    public static func read(data: Data, file: String) throws(CaseInputError) -> (Case, [Diagnostic]) {
        let json: JSONValue
        do { json = try JSONParser.parse(data) } catch {
            throw CaseInputError(
                file: file,
                diagnostics: [
                    Diagnostic(.error, "$", "not valid JSON: \(error)", fix: "correct the JSON syntax at that place")
                ])
        }
        var reader = CaseReader()
        let c = reader.read(json)
        let errors = reader.diagnostics.filter { $0.severity == .error }
        guard let c, errors.isEmpty else { throw CaseInputError(file: file, diagnostics: reader.diagnostics) }
        return (c, reader.diagnostics)
    }

    /// Reads and validates a document: the case when there is no error, every
    /// diagnostic (the reader's and the validator's, in document order) in `diagnostics`.
    public mutating func read(_ root: JSONValue) -> Case? {
        guard let draft = draft(root) else { return nil }
        let (values, week) = CaseValidator.stages(draft)
        diagnostics = CaseReader.documentOrder(diagnostics + values) + week
        guard diagnostics.allSatisfy({ $0.severity != .error }) else { return nil }
        return draft.theCase.deduplicated()
    }

    /// Diagnostics sorted by the part of the document they are about (stable):
    /// the root, then each top-level field in the contract's order, each list's
    /// elements before what is said about the list as a whole.
    static func documentOrder(_ ds: [Diagnostic]) -> [Diagnostic] {
        func key(_ d: Diagnostic) -> (Int, Int) {
            guard case .json(let p) = d.location, p.hasPrefix("$.") else { return (-2, 0) }
            let rest = p.dropFirst(2)
            let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
            let rank = caseFields.firstIndex(of: String(rest[..<end])) ?? -1
            guard end < rest.endIndex, rest[end] == "[", let close = rest[end...].firstIndex(of: "]"),
                let i = Int(rest[rest.index(after: end)..<close])
            else { return (rank, Int.max) }
            return (rank, i)
        }
        return ds.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }

    // MARK: - Small typed readers

    mutating func error(_ path: CasePath, _ message: String, fix: String) {
        diagnostics.append(Diagnostic(.error, .json(path.description), message, fix: fix))
        unread.readerFailed = true
    }

    mutating func warning(_ path: CasePath, _ message: String, fix: String) {
        diagnostics.append(Diagnostic(.warning, .json(path.description), message, fix: fix))
    }

    /// Records that case element `casePath` is the document's `docPath`.
    mutating func place(_ casePath: CasePath, at docPath: CasePath) {
        if casePath != docPath { moved[casePath] = docPath }
    }

    /// Returns the object's members, warning about any field not in `known`.
    mutating func object(_ v: JSONValue?, _ path: CasePath, known: [String], required: Bool = true) -> JSONValue? {
        guard let v else {
            if required {
                var last = "it"
                if case .key(let k)? = path.steps.last { last = k }
                error(path, "missing", fix: "add \(last) as an object")
            }
            return nil
        }
        guard case .object(let members) = v else {
            error(path, "is \(v.typeName), expected an object", fix: "write it as { ... }")
            return nil
        }
        for (k, _) in members where !known.contains(k) {
            warning(
                path.key(k), "unknown field, ignored",
                fix: "remove it or check its spelling (known: \(known.joined(separator: ", ")))")
        }
        return v
    }

    mutating func array(_ v: JSONValue?, _ path: CasePath, required: Bool) -> [JSONValue]? {
        guard let v, v != .null else {
            if required { error(path, "missing", fix: "add it as an array, [] if empty") }
            return nil
        }
        guard case .array(let items) = v else {
            error(path, "is \(v.typeName), expected an array", fix: "write it as [ ... ]")
            return nil
        }
        return items
    }

    mutating func string(_ v: JSONValue?, _ path: CasePath, required: Bool) -> String? {
        guard let v, v != .null else {
            if required { error(path, "missing", fix: "add it as a string") }
            return nil
        }
        guard case .string(let s) = v else {
            error(path, "is \(v.typeName), expected a string", fix: "write it in double quotes")
            return nil
        }
        return s
    }

    /// 1 to 64 characters from `A-Z a-z 0-9 . _ -`, and not `.` or `..`.
    public static func isValidID(_ s: String) -> Bool { CaseValidator.isValidID(s) }

    /// A string shortened and escaped for a message: never dumps a whole hostile value.
    static func quoted(_ s: String) -> String {
        let short = s.count > 40 ? String(s.prefix(40)) + "…" : s
        var out = ""
        JSONValue.quote(short, into: &out)
        return out
    }

    /// A whole number; its range is the validator's, except for numbers no `Int` can hold.
    mutating func int(_ v: JSONValue?, _ path: CasePath, range: ClosedRange<Int>) -> Int? {
        guard let v, v != .null else { return nil }
        let fix = "write a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard case .number(let x) = v else {
            error(
                path, "is \(v.typeName), expected a whole number",
                fix: "write a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard x.isFinite else {
            error(path, "the number is too large", fix: fix)
            return nil
        }
        guard x == x.rounded() else {
            error(path, "\(JSONValue.format(x)) is not a whole number", fix: fix)
            return nil
        }
        guard abs(x) < 1e15 else {
            diagnostics.append(CaseValidator.outOfRange(JSONValue.format(x), range, at: .json(path.description)))
            unread.readerFailed = true
            return nil
        }
        return Int(x)
    }

    mutating func bool(_ v: JSONValue?, _ path: CasePath, default d: Bool) -> Bool {
        guard let v, v != .null else { return d }
        guard case .bool(let b) = v else {
            error(path, "is \(v.typeName), expected true or false", fix: "write true or false without quotes")
            return d
        }
        return b
    }

    /// The strings of a list; `at` is where the list goes in the case, for items after a skipped one.
    mutating func strings(_ v: JSONValue?, _ path: CasePath, at casePath: CasePath? = nil) -> [String] {
        guard let items = array(v, path, required: false) else { return [] }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            if let s = string(item, path.index(i), required: true) {
                if let casePath { place(casePath.index(out.count), at: path.index(i)) }
                out.append(s)
            }
        }
        return out
    }

    mutating func time(_ v: JSONValue?, _ path: CasePath, clock: CaseClock) -> Instant? {
        guard let s = string(v, path, required: true) else { return nil }
        switch clock.parse(s) {
        case .success(let t): return t
        case .failure(.malformed):
            error(
                path, "\(CaseReader.quoted(s)) is not an ISO 8601 time",
                fix: "write YYYY-MM-DDTHH:MM, optionally with Z or an offset such as -05:00")
        case .failure(.nonexistentLocalTime):
            error(
                path,
                "local time \(CaseReader.quoted(s)) does not exist in \(clock.identifier) (clocks spring forward)",
                fix: "use a time after the change, or give an explicit offset")
        }
        return nil
    }

    mutating func span(_ v: JSONValue?, _ path: CasePath, clock: CaseClock) -> TimeSpan? {
        guard let o = object(v, path, known: ["start", "end"]) else { return nil }
        return startEnd(o, path, clock: clock)
    }

    /// Reads `start` and `end` of an object already checked; their order is the validator's.
    mutating func startEnd(_ o: JSONValue, _ path: CasePath, clock: CaseClock) -> TimeSpan? {
        let a = time(o["start"], path.key("start"), clock: clock)
        let b = time(o["end"], path.key("end"), clock: clock)
        guard let a, let b else { return nil }
        return TimeSpan(start: a, end: b)
    }

    // MARK: - The document

    static let caseFields = [
        "format", "name", "timeZone", "horizon", "territories", "travel", "requiredCredentials", "rules", "sitters",
        "families", "visits", "onCallShifts",
    ]
    static let sitterFields = [
        "id", "name", "homeTerritory", "territories", "competencies", "credentials", "trainee", "availability",
        "maxMinutesPerDay", "maxMinutesPerWeek", "targetMinutesPerWeek", "onCall",
    ]
    static let familyFields = ["id", "name", "territory", "preferredSitters", "excludedSitters", "previousSitters"]
    static let visitFields = [
        "id", "family", "start", "end", "sitters", "competencies", "credentials", "priority", "assigned", "locked",
    ]
    static let shiftFields = ["id", "start", "end", "staff", "competencies", "assigned"]

    /// The document as a case draft, with what could not be read reported;
    /// nil when there is nothing to check (not an object, unknown time zone).
    public mutating func draft(_ root: JSONValue) -> CaseDraft? {
        let r = CasePath.root
        guard let doc = object(root, r, known: CaseReader.caseFields) else { return nil }
        let format = string(doc["format"], r.key("format"), required: false)
        if doc["format"] == nil || doc["format"] == .null {
            error(r.key("format"), "missing", fix: "add \"format\": \"relief.case/1\"")
        } else if let format, format != Case.format {
            error(
                r.key("format"), "is \(CaseReader.quoted(format)), this relief reads \(Case.format)",
                fix: "set \"format\": \"relief.case/1\"")
        }
        let name = string(doc["name"], r.key("name"), required: false) ?? ""
        let tzName = string(doc["timeZone"], r.key("timeZone"), required: false) ?? "America/Toronto"
        guard let clock = CaseClock(identifier: tzName) else {
            error(
                r.key("timeZone"), "unknown time zone \(CaseReader.quoted(tzName))",
                fix: "use an IANA name such as America/Toronto")
            return nil
        }
        let horizon = span(doc["horizon"], r.key("horizon"), clock: clock)
        if horizon == nil { unread.horizon = true }

        var territories: [Territory] = []
        for (i, t) in (array(doc["territories"], r.key("territories"), required: true) ?? []).enumerated() {
            let p = CasePath.territory(i)
            guard let o = object(t, p, known: ["id", "name"]), let tid = string(o["id"], p.key("id"), required: true)
            else { continue }
            place(.territory(territories.count), at: p)
            territories.append(Territory(id: tid, name: string(o["name"], p.key("name"), required: false) ?? tid))
        }
        var travel: [TravelEntry] = []
        for (i, t) in (array(doc["travel"], r.key("travel"), required: false) ?? []).enumerated() {
            let p = CasePath.travel(i)
            guard let o = object(t, p, known: ["from", "to", "minutes"]) else {
                unread.travel.append((nil, nil))
                continue
            }
            let from = string(o["from"], p.key("from"), required: true)
            let to = string(o["to"], p.key("to"), required: true)
            let minutes = int(o["minutes"], p.key("minutes"), range: 0...CaseValidator.maxTravelMinutes)
            if o["minutes"] == nil { error(p.key("minutes"), "missing", fix: "add the travel time in minutes") }
            guard let from, let to, let minutes else {
                unread.travel.append((from, to))
                continue
            }
            place(.travel(travel.count), at: p)
            travel.append(TravelEntry(from: from, to: to, minutes: minutes))
        }

        let required = strings(doc["requiredCredentials"], r.key("requiredCredentials"))
        var rules = Rules()
        let rp = r.key("rules")
        if let o = object(doc["rules"], rp, known: ["maxMinutesPerDay", "maxMinutesPerWeek"], required: false) {
            rules.maxMinutesPerDay =
                int(o["maxMinutesPerDay"], rp.key("maxMinutesPerDay"), range: 0...CaseValidator.maxMinutesPerDay)
                ?? rules.maxMinutesPerDay
            rules.maxMinutesPerWeek =
                int(o["maxMinutesPerWeek"], rp.key("maxMinutesPerWeek"), range: 0...CaseValidator.maxMinutes)
                ?? rules.maxMinutesPerWeek
        }

        var sitters: [Sitter] = []
        for (i, s) in (array(doc["sitters"], r.key("sitters"), required: true) ?? []).enumerated() {
            if let sitter = readSitter(s, .sitter(i), at: .sitter(sitters.count), clock: clock) {
                sitters.append(sitter)
            }
        }

        var families: [Family] = []
        for (i, f) in (array(doc["families"], r.key("families"), required: true) ?? []).enumerated() {
            let p = CasePath.family(i)
            let at = CasePath.family(families.count)
            guard let o = object(f, p, known: CaseReader.familyFields) else { continue }
            let fid = string(o["id"], p.key("id"), required: true)
            let territory = string(o["territory"], p.key("territory"), required: true)
            let fam = Family(
                id: fid ?? "", name: string(o["name"], p.key("name"), required: false) ?? "",
                territory: territory ?? "",
                preferredSitters: strings(
                    o["preferredSitters"], p.key("preferredSitters"), at: at.key("preferredSitters")),
                excludedSitters: strings(o["excludedSitters"], p.key("excludedSitters"), at: at.key("excludedSitters")),
                previousSitters: strings(o["previousSitters"], p.key("previousSitters"), at: at.key("previousSitters")))
            guard fid != nil, territory != nil else {
                if let fid { unread.families.insert(fid) }
                continue
            }
            place(at, at: p)
            families.append(fam)
        }

        var visits: [Visit] = []
        for (i, v) in (array(doc["visits"], r.key("visits"), required: true) ?? []).enumerated() {
            if let visit = readVisit(v, .visit(i), at: .visit(visits.count), clock: clock) { visits.append(visit) }
        }

        var shifts: [OnCallShift] = []
        for (i, o) in (array(doc["onCallShifts"], r.key("onCallShifts"), required: false) ?? []).enumerated() {
            let p = CasePath.shift(i)
            guard let ob = object(o, p, known: CaseReader.shiftFields) else { continue }
            let oid = string(ob["id"], p.key("id"), required: true)
            let sp = startEnd(ob, p, clock: clock)
            let staff = int(ob["staff"], p.key("staff"), range: 1...CaseValidator.maxSittersPerVisit)
            let comps = Set(strings(ob["competencies"], p.key("competencies")))
            let assigned = strings(ob["assigned"], p.key("assigned"), at: CasePath.shift(shifts.count).key("assigned"))
            guard let oid, let sp else { continue }
            place(.shift(shifts.count), at: p)
            shifts.append(OnCallShift(id: oid, span: sp, staff: staff ?? 1, competencies: comps, assigned: assigned))
        }

        let c = Case(
            name: name, clock: clock,
            horizon: horizon ?? TimeSpan(start: Instant(seconds: 0), end: Instant(seconds: 0)),
            territories: territories, travel: travel, requiredCredentials: required, rules: rules, sitters: sitters,
            families: families, visits: visits, onCallShifts: shifts)
        return CaseDraft(c, sources: .json(moved: moved), unread: unread)
    }

    mutating func readSitter(_ v: JSONValue, _ p: CasePath, at: CasePath, clock: CaseClock) -> Sitter? {
        guard let o = object(v, p, known: CaseReader.sitterFields) else { return nil }
        let sid = string(o["id"], p.key("id"), required: true)
        let home = string(o["homeTerritory"], p.key("homeTerritory"), required: true)
        var serves: [String]? = nil
        if o["territories"] != nil && o["territories"] != .null {
            serves = strings(o["territories"], p.key("territories"), at: at.key("territories"))
        }
        var creds: [String: LocalDate?] = [:]
        if let c = o["credentials"], c != .null {
            if case .object(let members) = c {
                for (k, d) in members {
                    let cp = p.key("credentials").key(k)
                    switch d {
                    case .null: creds[k] = .some(nil)
                    case .string(let s):
                        if let date = LocalDate.parse(s) {
                            creds[k] = .some(date)
                        } else {
                            error(
                                cp, "\(CaseReader.quoted(s)) is not a date",
                                fix: "write the last valid day as YYYY-MM-DD, or null for no expiry")
                        }
                    default:
                        error(
                            cp, "is \(d.typeName), expected a date or null",
                            fix: "write the last valid day as \"YYYY-MM-DD\", or null for no expiry")
                    }
                }
            } else {
                error(
                    p.key("credentials"), "is \(c.typeName), expected an object",
                    fix: "write { \"kind\": \"YYYY-MM-DD\" }")
            }
        }
        var avail: [TimeSpan] = []
        for (i, a) in (array(o["availability"], p.key("availability"), required: false) ?? []).enumerated() {
            let ap = p.key("availability").index(i)
            guard let s = span(a, ap, clock: clock) else { continue }
            // Sitter.init merges the intervals: an inverted one must be caught before it is merged away.
            if let d = CaseValidator.spanError(s, at: ap) {
                diagnostics.append(d)
                unread.readerFailed = true
                continue
            }
            avail.append(s)
        }
        var onCall: OnCallProfile?
        if let oc = o["onCall"], oc != .null,
            let ob = object(oc, p.key("onCall"), known: ["eligible", "maxShifts", "competencies"])
        {
            onCall = OnCallProfile(
                eligible: bool(ob["eligible"], p.field("onCall.eligible"), default: true),
                maxShifts: int(ob["maxShifts"], p.field("onCall.maxShifts"), range: 0...CaseValidator.maxShifts),
                competencies: Set(strings(ob["competencies"], p.field("onCall.competencies"))))
        }
        let maxDay = int(o["maxMinutesPerDay"], p.key("maxMinutesPerDay"), range: 0...CaseValidator.maxMinutesPerDay)
        let maxWeek = int(o["maxMinutesPerWeek"], p.key("maxMinutesPerWeek"), range: 0...CaseValidator.maxMinutes)
        let target = int(
            o["targetMinutesPerWeek"], p.key("targetMinutesPerWeek"), range: 0...CaseValidator.maxMinutes)
        let name = string(o["name"], p.key("name"), required: false) ?? ""
        let competencies = Set(strings(o["competencies"], p.key("competencies")))
        let trainee = bool(o["trainee"], p.key("trainee"), default: false)
        guard let sid, let home else {
            if let sid { unread.sitters.insert(sid) }
            return nil
        }
        place(at, at: p)
        return Sitter(
            id: sid, name: name, homeTerritory: home, territories: serves, competencies: competencies,
            credentials: creds, trainee: trainee, availability: avail, maxMinutesPerDay: maxDay,
            maxMinutesPerWeek: maxWeek, targetMinutesPerWeek: target, onCall: onCall)
    }

    mutating func readVisit(_ v: JSONValue, _ p: CasePath, at: CasePath, clock: CaseClock) -> Visit? {
        guard let o = object(v, p, known: CaseReader.visitFields) else { return nil }
        let vid = string(o["id"], p.key("id"), required: true)
        let fam = string(o["family"], p.key("family"), required: true)
        let sp = startEnd(o, p, clock: clock)
        let need = int(o["sitters"], p.key("sitters"), range: 1...CaseValidator.maxSittersPerVisit)
        var priority = Priority.normal
        if let ps = string(o["priority"], p.key("priority"), required: false) {
            if let pr = Priority(rawValue: ps) {
                priority = pr
            } else {
                error(p.key("priority"), "unknown priority \(CaseReader.quoted(ps))", fix: "use urgent, high or normal")
            }
        }
        let assigned = strings(o["assigned"], p.key("assigned"), at: at.key("assigned"))
        let locked = bool(o["locked"], p.key("locked"), default: false)
        let comps = Set(strings(o["competencies"], p.key("competencies")))
        let creds = Set(strings(o["credentials"], p.key("credentials")))
        guard let vid, let fam, let sp else { return nil }
        place(at, at: p)
        return Visit(
            id: vid, family: fam, span: sp, sitters: need ?? 1, competencies: comps, credentials: creds,
            priority: priority, assigned: assigned, locked: locked)
    }
}

/// The case file could not be opened.
public struct CaseFileMissing: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var description: String { "\(file): cannot read the file (does it exist, is it readable?)" }
}
