import Foundation

/// Reads a `relief.case/1` document. Every problem is collected (with its JSON
/// path and a fix) before anything is solved; a case comes back only when
/// there is no error.
public struct CaseReader {
    public static let maxMinutes = 100_000
    public static let maxSittersPerVisit = 50

    public private(set) var diagnostics: [Diagnostic] = []

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

    // MARK: - Small typed readers

    mutating func error(_ path: String, _ message: String, fix: String) {
        diagnostics.append(Diagnostic(.error, path, message, fix: fix))
    }

    mutating func warning(_ path: String, _ message: String, fix: String) {
        diagnostics.append(Diagnostic(.warning, path, message, fix: fix))
    }

    /// Returns the object's members, warning about any field not in `known`.
    mutating func object(_ v: JSONValue?, _ path: String, known: [String], required: Bool = true) -> JSONValue? {
        guard let v else {
            if required {
                error(
                    path, "missing", fix: "add \(path.split(separator: ".").last.map(String.init) ?? "it") as an object"
                )
            }
            return nil
        }
        guard case .object(let members) = v else {
            error(path, "is \(v.typeName), expected an object", fix: "write it as { ... }")
            return nil
        }
        for (k, _) in members where !known.contains(k) {
            warning(
                "\(path).\(k)", "unknown field, ignored",
                fix: "remove it or check its spelling (known: \(known.joined(separator: ", ")))")
        }
        return v
    }

    mutating func array(_ v: JSONValue?, _ path: String, required: Bool) -> [JSONValue]? {
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

    mutating func string(_ v: JSONValue?, _ path: String, required: Bool) -> String? {
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

    mutating func id(_ v: JSONValue?, _ path: String, colonTolerated: Bool = false) -> String? {
        guard let s = string(v, path, required: true) else { return nil }
        if colonTolerated, s.contains(":"), CaseReader.isValidID(s.replacingOccurrences(of: ":", with: "-")) {
            // The contract's own example names shifts "OC-2026-11-23T00:00"; accepted, but flagged.
            warning(
                path, "identifier \(CaseReader.quoted(s)) contains ':', outside A-Z a-z 0-9 . _ -",
                fix: "rename it (for example with '-' instead of ':') before it is used in file names")
            return s
        }
        guard CaseReader.isValidID(s) else {
            error(
                path, "identifier \(CaseReader.quoted(s)) is not allowed",
                fix: "use 1 to 64 characters from A-Z a-z 0-9 . _ - (identifiers appear in file names)")
            return nil
        }
        return s
    }

    public static func isValidID(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 64 else { return false }
        return s.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 45
        }
    }

    /// A string shortened and escaped for a message: never dumps a whole hostile value.
    static func quoted(_ s: String) -> String {
        let short = s.count > 40 ? String(s.prefix(40)) + "…" : s
        var out = ""
        JSONValue.quote(short, into: &out)
        return out
    }

    mutating func int(_ v: JSONValue?, _ path: String, range: ClosedRange<Int>, default d: Int?) -> Int? {
        guard let v, v != .null else {
            if d == nil { return nil }
            return d
        }
        guard case .number(let x) = v else {
            error(
                path, "is \(v.typeName), expected a whole number",
                fix: "write a number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard x.isFinite else {
            error(
                path, "the number is too large",
                fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        guard x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            error(
                path, "\(JSONValue.format(x)) is out of range",
                fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return Int(x)
    }

    mutating func bool(_ v: JSONValue?, _ path: String, default d: Bool) -> Bool {
        guard let v, v != .null else { return d }
        guard case .bool(let b) = v else {
            error(path, "is \(v.typeName), expected true or false", fix: "write true or false without quotes")
            return d
        }
        return b
    }

    mutating func strings(_ v: JSONValue?, _ path: String) -> [String] {
        guard let items = array(v, path, required: false) else { return [] }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            if let s = string(item, "\(path)[\(i)]", required: true) { out.append(s) }
        }
        return out
    }

    mutating func ids(_ v: JSONValue?, _ path: String, known: Set<String>, what: String) -> [String] {
        guard let items = array(v, path, required: false) else { return [] }
        var out: [String] = []
        for (i, item) in items.enumerated() {
            let p = "\(path)[\(i)]"
            guard let s = string(item, p, required: true) else { continue }
            if !known.contains(s) {
                error(
                    p, "unknown \(what) \(CaseReader.quoted(s))",
                    fix: "use the id of a \(what) listed in the case, or remove it")
                continue
            }
            if out.contains(s) {
                warning(p, "\(what) \(s) is listed twice", fix: "list it once")
                continue
            }
            out.append(s)
        }
        return out
    }

    mutating func time(_ v: JSONValue?, _ path: String, clock: CaseClock) -> Instant? {
        guard let s = string(v, path, required: true) else { return nil }
        switch clock.parse(s) {
        case .success(let t): return t
        case .failure(.malformed):
            error(
                path, "\(CaseReader.quoted(s)) is not an ISO 8601 time",
                fix: "write YYYY-MM-DDTHH:MM, optionally with Z or an offset such as -05:00")
        case .failure(.nonexistentLocalTime):
            error(
                path, "local time \(s) does not exist in \(clock.identifier) (clocks spring forward)",
                fix: "use a time after the change, or give an explicit offset")
        }
        return nil
    }

    mutating func span(_ v: JSONValue?, _ path: String, clock: CaseClock) -> TimeSpan? {
        guard let o = object(v, path, known: ["start", "end"]) else { return nil }
        return startEnd(o, path, clock: clock)
    }

    /// Reads `start` and `end` of an object already checked.
    mutating func startEnd(_ o: JSONValue, _ path: String, clock: CaseClock) -> TimeSpan? {
        let a = time(o["start"], "\(path).start", clock: clock)
        let b = time(o["end"], "\(path).end", clock: clock)
        guard let a, let b else { return nil }
        guard a < b else {
            error("\(path).end", "end is not after start", fix: "make end later than start")
            return nil
        }
        return TimeSpan(start: a, end: b)
    }

    /// Checks that ids are unique within a list.
    mutating func unique(_ ids: [(String, String)], what: String) {
        var seen: [String: String] = [:]
        for (id, path) in ids {
            if let first = seen[id] {
                error(path, "duplicate \(what) id \(id) (first at \(first))", fix: "give each \(what) its own id")
            } else {
                seen[id] = path
            }
        }
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
    static let shiftFields = ["id", "start", "end", "staff", "competencies"]

    public mutating func read(_ root: JSONValue) -> Case? {
        guard let doc = object(root, "$", known: CaseReader.caseFields) else { return nil }
        let format = string(doc["format"], "$.format", required: false)
        if doc["format"] == nil || doc["format"] == .null {
            error("$.format", "missing", fix: "add \"format\": \"relief.case/1\"")
        } else if let format, format != Case.format {
            error(
                "$.format", "is \(CaseReader.quoted(format)), this relief reads \(Case.format)",
                fix: "set \"format\": \"relief.case/1\"")
        }
        let name = string(doc["name"], "$.name", required: false) ?? ""
        let tzName = string(doc["timeZone"], "$.timeZone", required: false) ?? "America/Toronto"
        guard let clock = CaseClock(identifier: tzName) else {
            error(
                "$.timeZone", "unknown time zone \(CaseReader.quoted(tzName))",
                fix: "use an IANA name such as America/Toronto")
            return nil
        }
        let horizon = span(doc["horizon"], "$.horizon", clock: clock)

        // Territories and travel.
        var territories: [Territory] = []
        var idPaths: [(String, String)] = []
        for (i, t) in (array(doc["territories"], "$.territories", required: true) ?? []).enumerated() {
            let p = "$.territories[\(i)]"
            guard let o = object(t, p, known: ["id", "name"]), let tid = id(o["id"], "\(p).id") else { continue }
            idPaths.append((tid, "\(p).id"))
            territories.append(Territory(id: tid, name: string(o["name"], "\(p).name", required: false) ?? tid))
        }
        unique(idPaths, what: "territory")
        let territoryIDs = Set(territories.map(\.id))
        var travel: [TravelEntry] = []
        var travelSeen: [TravelKey: (Int, String)] = [:]
        for (i, t) in (array(doc["travel"], "$.travel", required: false) ?? []).enumerated() {
            let p = "$.travel[\(i)]"
            guard let o = object(t, p, known: ["from", "to", "minutes"]) else { continue }
            let from = string(o["from"], "\(p).from", required: true)
            let to = string(o["to"], "\(p).to", required: true)
            let minutes = int(o["minutes"], "\(p).minutes", range: 0...1440, default: nil)
            if o["minutes"] == nil { error("\(p).minutes", "missing", fix: "add the travel time in minutes") }
            var ok = true
            for (field, v) in [("from", from), ("to", to)] {
                if let v, !territoryIDs.contains(v) {
                    error(
                        "\(p).\(field)", "unknown territory \(CaseReader.quoted(v))",
                        fix: "use an id from $.territories")
                    ok = false
                }
            }
            guard ok, let from, let to, let minutes else { continue }
            let key = TravelKey(from, to)
            if let (m, first) = travelSeen[key] {
                if m != minutes {
                    error(
                        p, "travel \(from)-\(to) is \(minutes) min here but \(m) min at \(first)",
                        fix: "keep one entry per pair (travel is symmetric)")
                }
                continue
            }
            travelSeen[key] = (minutes, p)
            travel.append(TravelEntry(from: from, to: to, minutes: minutes))
        }
        var missingPairs: [String] = []
        for (i, a) in territories.enumerated() {
            for b in territories[(i + 1)...] where travelSeen[TravelKey(a.id, b.id)] == nil {
                missingPairs.append("\(a.id)-\(b.id)")
            }
        }
        if !missingPairs.isEmpty {
            let shown = missingPairs.prefix(10).joined(separator: ", ")
            let more = missingPairs.count > 10 ? " and \(missingPairs.count - 10) more" : ""
            error(
                "$.travel", "no travel time for \(missingPairs.count) territory pair(s): \(shown)\(more)",
                fix:
                    "add { \"from\": A, \"to\": B, \"minutes\": N } for each pair (keep a sitter out of a territory through their territories instead)"
            )
        }

        let required = strings(doc["requiredCredentials"], "$.requiredCredentials")
        var rules = Rules()
        if let r = object(doc["rules"], "$.rules", known: ["maxMinutesPerDay", "maxMinutesPerWeek"], required: false) {
            rules.maxMinutesPerDay =
                int(r["maxMinutesPerDay"], "$.rules.maxMinutesPerDay", range: 0...1440, default: 720) ?? 720
            rules.maxMinutesPerWeek =
                int(
                    r["maxMinutesPerWeek"], "$.rules.maxMinutesPerWeek", range: 0...CaseReader.maxMinutes, default: 3000
                ) ?? 3000
        }

        // Sitters.
        let sitterItems = array(doc["sitters"], "$.sitters", required: true) ?? []
        var sitterIDs: [(String, String)] = []
        for (i, s) in sitterItems.enumerated() {
            if case .object = s, let sid = s["id"], case .string(let x) = sid {
                sitterIDs.append((x, "$.sitters[\(i)].id"))
            }
        }
        let knownSitters = Set(sitterIDs.map(\.0))
        var sitters: [Sitter] = []
        for (i, s) in sitterItems.enumerated() {
            if let sitter = readSitter(s, "$.sitters[\(i)]", clock: clock, territories: territoryIDs) {
                sitters.append(sitter)
            }
        }
        unique(sitters.enumerated().map { ($0.element.id, "$.sitters[\($0.offset)].id") }, what: "sitter")

        // Families.
        var families: [Family] = []
        for (i, f) in (array(doc["families"], "$.families", required: true) ?? []).enumerated() {
            let p = "$.families[\(i)]"
            guard let o = object(f, p, known: CaseReader.familyFields) else { continue }
            let fid = id(o["id"], "\(p).id")
            let territory = string(o["territory"], "\(p).territory", required: true)
            if let territory, !territoryIDs.contains(territory) {
                error(
                    "\(p).territory", "unknown territory \(CaseReader.quoted(territory))",
                    fix: "use an id from $.territories")
            }
            let fam = Family(
                id: fid ?? "", name: string(o["name"], "\(p).name", required: false) ?? "", territory: territory ?? "",
                preferredSitters: ids(
                    o["preferredSitters"], "\(p).preferredSitters", known: knownSitters, what: "sitter"),
                excludedSitters: ids(o["excludedSitters"], "\(p).excludedSitters", known: knownSitters, what: "sitter"),
                previousSitters: ids(o["previousSitters"], "\(p).previousSitters", known: knownSitters, what: "sitter"))
            if fid != nil && territory != nil { families.append(fam) }
        }
        unique(families.enumerated().map { ($0.element.id, "$.families[\($0.offset)].id") }, what: "family")
        let familyByID = Dictionary(families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Visits.
        var visits: [Visit] = []
        var visitPaths: [String] = []
        for (i, v) in (array(doc["visits"], "$.visits", required: true) ?? []).enumerated() {
            let p = "$.visits[\(i)]"
            if let visit = readVisit(v, p, clock: clock, families: familyByID, sitters: knownSitters, horizon: horizon)
            {
                visits.append(visit)
                visitPaths.append(p)
            }
        }
        unique(zip(visits, visitPaths).map { ($0.id, "\($1).id") }, what: "visit")

        // On-call shifts.
        var shifts: [OnCallShift] = []
        for (i, o) in (array(doc["onCallShifts"], "$.onCallShifts", required: false) ?? []).enumerated() {
            let p = "$.onCallShifts[\(i)]"
            guard let ob = object(o, p, known: CaseReader.shiftFields) else { continue }
            let oid = id(ob["id"], "\(p).id", colonTolerated: true)
            let sp = startEnd(ob, p, clock: clock)
            let staff = int(ob["staff"], "\(p).staff", range: 1...CaseReader.maxSittersPerVisit, default: 1)
            let comps = Set(strings(ob["competencies"], "\(p).competencies"))
            guard let oid, let sp, let staff else { continue }
            if let horizon, !horizon.contains(sp) {
                error(p, "shift \(oid) lies outside the horizon", fix: "keep start and end inside $.horizon")
            }
            shifts.append(OnCallShift(id: oid, span: sp, staff: staff, competencies: comps))
        }
        unique(shifts.enumerated().map { ($0.element.id, "$.onCallShifts[\($0.offset)].id") }, what: "on-call shift")

        guard let horizon, diagnostics.allSatisfy({ $0.severity != .error }) else { return nil }
        let c = Case(
            name: name, clock: clock, horizon: horizon, territories: territories, travel: travel,
            requiredCredentials: required, rules: rules, sitters: sitters, families: families, visits: visits,
            onCallShifts: shifts)
        checkLocks(c, visitPaths: visitPaths)
        warnings(c, visitPaths: visitPaths)
        return c
    }

    mutating func readSitter(_ v: JSONValue, _ p: String, clock: CaseClock, territories: Set<String>) -> Sitter? {
        guard let o = object(v, p, known: CaseReader.sitterFields) else { return nil }
        let sid = id(o["id"], "\(p).id")
        let home = string(o["homeTerritory"], "\(p).homeTerritory", required: true)
        if let home, !territories.contains(home) {
            error(
                "\(p).homeTerritory", "unknown territory \(CaseReader.quoted(home))",
                fix: "use an id from $.territories")
        }
        var serves = ids(o["territories"], "\(p).territories", known: territories, what: "territory")
        if o["territories"] == nil || o["territories"] == .null, let home { serves = [home] }
        if let home, territories.contains(home), !serves.contains(home) {
            error("\(p).territories", "does not include the home territory \(home)", fix: "add \(home) to territories")
        }
        var creds: [String: LocalDate?] = [:]
        if let c = o["credentials"], c != .null {
            if case .object(let members) = c {
                for (k, d) in members {
                    let cp = "\(p).credentials.\(k)"
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
                    "\(p).credentials", "is \(c.typeName), expected an object",
                    fix: "write { \"kind\": \"YYYY-MM-DD\" }")
            }
        }
        var avail: [TimeSpan] = []
        for (i, a) in (array(o["availability"], "\(p).availability", required: false) ?? []).enumerated() {
            if let s = span(a, "\(p).availability[\(i)]", clock: clock) { avail.append(s) }
        }
        var onCall: OnCallProfile?
        if let oc = o["onCall"], oc != .null,
            let ob = object(oc, "\(p).onCall", known: ["eligible", "maxShifts", "competencies"])
        {
            onCall = OnCallProfile(
                eligible: bool(ob["eligible"], "\(p).onCall.eligible", default: true),
                maxShifts: int(ob["maxShifts"], "\(p).onCall.maxShifts", range: 0...10_000, default: nil),
                competencies: Set(strings(ob["competencies"], "\(p).onCall.competencies")))
        }
        let maxDay = int(o["maxMinutesPerDay"], "\(p).maxMinutesPerDay", range: 0...1440, default: nil)
        let maxWeek = int(
            o["maxMinutesPerWeek"], "\(p).maxMinutesPerWeek", range: 0...CaseReader.maxMinutes, default: nil)
        let target = int(
            o["targetMinutesPerWeek"], "\(p).targetMinutesPerWeek", range: 0...CaseReader.maxMinutes, default: nil)
        guard let sid, let home else { return nil }
        return Sitter(
            id: sid, name: string(o["name"], "\(p).name", required: false) ?? "", homeTerritory: home,
            territories: serves, competencies: Set(strings(o["competencies"], "\(p).competencies")), credentials: creds,
            trainee: bool(o["trainee"], "\(p).trainee", default: false), availability: avail, maxMinutesPerDay: maxDay,
            maxMinutesPerWeek: maxWeek, targetMinutesPerWeek: target, onCall: onCall)
    }

    mutating func readVisit(
        _ v: JSONValue, _ p: String, clock: CaseClock, families: [String: Family], sitters: Set<String>,
        horizon: TimeSpan?
    ) -> Visit? {
        guard let o = object(v, p, known: CaseReader.visitFields) else { return nil }
        let vid = id(o["id"], "\(p).id")
        let fam = string(o["family"], "\(p).family", required: true)
        if let fam, families[fam] == nil {
            error("\(p).family", "unknown family \(CaseReader.quoted(fam))", fix: "use an id from $.families")
        }
        let sp = startEnd(o, p, clock: clock)
        let need = int(o["sitters"], "\(p).sitters", range: 1...CaseReader.maxSittersPerVisit, default: 1)
        var priority = Priority.normal
        if let ps = string(o["priority"], "\(p).priority", required: false) {
            if let pr = Priority(rawValue: ps) {
                priority = pr
            } else {
                error("\(p).priority", "unknown priority \(CaseReader.quoted(ps))", fix: "use urgent, high or normal")
            }
        }
        let assigned = ids(o["assigned"], "\(p).assigned", known: sitters, what: "sitter")
        let locked = bool(o["locked"], "\(p).locked", default: false)
        let comps = Set(strings(o["competencies"], "\(p).competencies"))
        let creds = Set(strings(o["credentials"], "\(p).credentials"))
        guard let vid, let fam, families[fam] != nil, let sp, let need else { return nil }
        if let horizon, !horizon.contains(sp) {
            error(
                p, "visit \(vid) lies outside the horizon",
                fix: "keep start and end inside $.horizon, or move it to another week's case")
        }
        if locked && assigned.count > need {
            error(
                "\(p).assigned", "locks \(assigned.count) sitters on a visit that needs \(need)",
                fix: "raise sitters or lock fewer")
        }
        return Visit(
            id: vid, family: fam, span: sp, sitters: need, competencies: comps, credentials: creds, priority: priority,
            assigned: assigned, locked: locked)
    }

    /// A locked assignment that breaks a hard rule is an input error naming the rule.
    mutating func checkLocks(_ c: Case, visitPaths: [String]) {
        let elig = Eligibility(c)
        let sitterByID = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let familyByID = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var lockedBySitter: [String: [(Visit, String)]] = [:]
        for (v, p) in zip(c.visits, visitPaths) where v.locked {
            guard let f = familyByID[v.family] else { continue }
            for (j, sid) in v.assigned.enumerated() {
                guard let s = sitterByID[sid] else { continue }
                if s.trainee && v.sitters < 2 {
                    error(
                        "\(p).assigned[\(j)]",
                        "locked sitter \(sid) is a trainee on \(v.id), a one-sitter visit: a trainee never works alone",
                        fix: "set the visit's sitters to 2 and add an experienced sitter, or unlock it")
                } else if let why = elig.check(s, visit: v, family: f) {
                    error(
                        "\(p).assigned[\(j)]", "locked sitter \(sid) breaks the \(why.rawValue) rule on visit \(v.id)",
                        fix: "unlock the visit, assign an eligible sitter, or correct the sitter's record")
                }
                lockedBySitter[sid, default: []].append((v, p))
            }
            let lockedSitters = v.assigned.compactMap { sitterByID[$0] }
            if v.sitters >= 2 && lockedSitters.count >= v.sitters && lockedSitters.allSatisfy(\.trainee) {
                error(
                    "\(p).assigned",
                    "every position of \(v.id) is locked to a trainee, leaving no room for an experienced sitter",
                    fix: "unlock one trainee or raise sitters (trainees never work alone)")
            }
            if !lockedSitters.isEmpty && lockedSitters.allSatisfy(\.trainee) {
                let anyMentor = c.sitters.contains { !$0.trainee && elig.check($0, visit: v, family: f) == nil }
                if !anyMentor {
                    error(
                        "\(p).assigned",
                        "only trainees are locked on \(v.id) and no non-trainee sitter is eligible for it",
                        fix: "lock an experienced sitter too, or unlock the visit (trainees never work alone)")
                }
            }
        }
        for (sid, list) in lockedBySitter {
            guard let s = sitterByID[sid] else { continue }
            let sorted = list.sorted { ($0.0.span.start, $0.0.id) < ($1.0.span.start, $1.0.id) }
            for i in 0..<sorted.count {
                for j in (i + 1)..<max(i + 1, sorted.count) {
                    let (a, pa) = sorted[i]
                    let (b, _) = sorted[j]
                    let ta = familyByID[a.family]?.territory ?? ""
                    let tb = familyByID[b.family]?.territory ?? ""
                    if let t = c.conflictTravel(a, in: ta, b, in: tb) {
                        error(
                            "\(pa).assigned",
                            "locked sitter \(sid) cannot do both \(a.id) and \(b.id) (they overlap or travel \(t) min does not fit)",
                            fix: "unlock one of the two visits")
                    }
                }
            }
            var byDay: [LocalDate: Int] = [:]
            var week = 0
            for (v, _) in list {
                byDay[c.clock.localDate(v.span.start), default: 0] += v.minutes
                week += v.minutes
            }
            for (d, m) in byDay.sorted(by: { $0.key < $1.key }) where m > c.maxMinutesPerDay(s) {
                error(
                    "$.visits",
                    "locked visits give \(sid) \(m) minutes on \(d), over the daily limit \(c.maxMinutesPerDay(s))",
                    fix: "unlock some of them")
            }
            if week > c.maxMinutesPerWeek(s) {
                error(
                    "$.visits",
                    "locked visits give \(sid) \(week) minutes in the week, over the limit \(c.maxMinutesPerWeek(s))",
                    fix: "unlock some of them")
            }
        }
    }

    /// Gaps in the on-call tiling and visits no sitter could ever take.
    mutating func warnings(_ c: Case, visitPaths: [String]) {
        if !c.onCallShifts.isEmpty {
            var cursor = c.horizon.start
            for s in c.onCallShifts.map(\.span).sorted(by: { $0.start < $1.start }) {
                if s.start > cursor {
                    warning(
                        "$.onCallShifts",
                        "no on-call shift covers \(c.clock.formatLocal(cursor)) to \(c.clock.formatLocal(s.start))",
                        fix: "add a shift for that time so that sitters in the field can reach someone")
                }
                cursor = max(cursor, s.end)
            }
            if cursor < c.horizon.end {
                warning(
                    "$.onCallShifts",
                    "no on-call shift covers \(c.clock.formatLocal(cursor)) to \(c.clock.formatLocal(c.horizon.end))",
                    fix: "add a shift for that time so that sitters in the field can reach someone")
            }
        } else {
            warning(
                "$.onCallShifts", "the case has no on-call shift",
                fix: "add shifts that tile the horizon (24/7 support line)")
        }
        let elig = Eligibility(c)
        let familyByID = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (v, p) in zip(c.visits, visitPaths) {
            guard let f = familyByID[v.family] else { continue }
            var best: ReasonCode?
            var eligible = 0
            for s in c.sitters {
                if let why = elig.check(s, visit: v, family: f) {
                    if best == nil || why > best! { best = why }
                } else {
                    eligible += 1
                }
            }
            if eligible == 0 {
                warning(
                    p,
                    "no sitter could ever take visit \(v.id) (furthest rule reached: \(best?.rawValue ?? "no sitters"))",
                    fix: "check the visit's competencies, credentials and time, or the sitters' records")
            }
        }
    }
}

/// The case file could not be opened.
public struct CaseFileMissing: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var description: String { "\(file): cannot read the file (does it exist, is it readable?)" }
}
