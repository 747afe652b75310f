import Foundation

/// Builds a case from the spreadsheet files of `../shared/contract/csv.md`.
/// The cells are read here (a number that is not one, a bad time, an unknown
/// priority word), each problem located at its cell; what the case means is
/// `CaseValidator`'s, handed a `CaseSources` that maps every part of the case
/// to the cell it came from, so a spreadsheet gets the errors a JSON file gets.
public struct CSVCaseReader {
    /// The files in the order they are read and reported.
    public static let files = [
        "settings.csv", "territories.csv", "travel.csv", "sitters.csv", "credentials.csv", "availability.csv",
        "families.csv", "visits.csv", "oncall.csv",
    ]
    /// Rows under the header that one file may hold: 100 000 is five times the largest case
    /// `relief generate` writes (20 000 visits, 20 000 families) and keeps a case of plain rows far
    /// under the 64 MiB the commands read (a visit row is about 190 bytes of case JSON); a file
    /// past it is refused at the first row over, before the rest is read.
    public static let maxRowsPerFile = 100_000

    public static let requiredFiles: Set<String> = [
        "settings.csv", "territories.csv", "travel.csv", "sitters.csv", "families.csv", "visits.csv",
    ]

    /// One column a file may have: its key (the contract's English name), other names, and whether it must be there.
    struct Column {
        let key: String
        let aliases: [String]
        let required: Bool
        init(_ key: String, _ aliases: [String] = [], required: Bool = false) {
            self.key = key
            self.aliases = aliases
            self.required = required
        }
    }

    static let columns: [String: [Column]] = [
        "settings.csv": [Column("key", ["cle"], required: true), Column("value", ["valeur"], required: true)],
        "territories.csv": [Column("id", required: true), Column("name", ["nom"])],
        "travel.csv": [
            Column("from", ["de"], required: true), Column("to", ["a"], required: true),
            Column("minutes", required: true),
        ],
        "sitters.csv": [
            Column("id", required: true), Column("name", ["nom"]),
            Column("homeTerritory", ["territoireDomicile"], required: true), Column("territories", ["territoires"]),
            Column("competencies", ["competences"]), Column("trainee", ["stagiaire"]),
            Column("maxMinutesPerDay", ["maxMinutesJour"]), Column("maxMinutesPerWeek", ["maxMinutesSemaine"]),
            Column("targetMinutesPerWeek", ["cibleMinutesSemaine"]), Column("onCall", ["garde"]),
            Column("maxShifts", ["maxGardes"]), Column("onCallCompetencies", ["competencesGarde"]),
        ],
        "credentials.csv": [
            Column("sitter", ["intervenant"], required: true), Column("kind", ["type"], required: true),
            Column("validUntil", ["valideJusquau"]),
        ],
        "availability.csv": [
            Column("sitter", ["intervenant"], required: true), Column("day", ["jour"], required: true),
            Column("from", ["de"], required: true), Column("to", ["a"], required: true),
        ],
        "families.csv": [
            Column("id", required: true), Column("name", ["nom"]), Column("territory", ["territoire"], required: true),
            Column("preferredSitters", ["intervenantsPreferes"]), Column("excludedSitters", ["intervenantsExclus"]),
            Column("previousSitters", ["intervenantsPrecedents"]),
        ],
        "visits.csv": [
            Column("id", required: true), Column("family", ["famille"], required: true),
            Column("start", ["debut"], required: true), Column("end", ["fin"], required: true),
            Column("sitters", ["intervenants"]), Column("competencies", ["competences"]),
            Column("credentials", ["certifications"]), Column("priority", ["priorite"]),
            Column("assigned", ["assignes"]), Column("locked", ["verrouille"]),
        ],
        "oncall.csv": [
            Column("id", required: true), Column("start", ["debut"], required: true),
            Column("end", ["fin"], required: true), Column("staff", ["personnel"]),
            Column("competencies", ["competences"]),
        ],
    ]

    /// Keys of `settings.csv`, with the French names relief also accepts.
    static let settingKeys: [(key: String, aliases: [String])] = [
        ("name", ["nom"]), ("timeZone", ["fuseauHoraire"]), ("horizonStart", ["debutHorizon", "horizonDebut"]),
        ("horizonEnd", ["finHorizon", "horizonFin"]), ("requiredCredentials", ["certificationsRequises"]),
        ("maxMinutesPerDay", ["maxMinutesJour"]), ("maxMinutesPerWeek", ["maxMinutesSemaine"]),
    ]

    /// A header name as matched: no case, no accents, no spaces, `-`, `_` or apostrophes.
    public static func normalized(_ s: String) -> String {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { !" \t-_'’".unicodeScalars.contains($0) }.map(Character.init))
    }

    public private(set) var diagnostics: [Diagnostic] = []
    var places: [CasePath: Location] = [:]
    var unread = CaseDraft.Unread()

    init() {}

    /// Reads the files (name -> bytes; a missing optional file is no rows) into a
    /// case. The case comes back only when there is no error; `diagnostics` holds
    /// every error and warning, the reader's and the validator's, in file order.
    public static func read(_ files: [String: Data]) -> (theCase: Case?, diagnostics: [Diagnostic]) {
        var r = CSVCaseReader()
        let draft = r.draft(files)
        var all = r.diagnostics
        if let draft { all += CaseValidator.validate(draft) }
        let sorted = fileOrder(all)
        guard let draft, sorted.allSatisfy({ $0.severity != .error }) else { return (nil, sorted) }
        return (draft.theCase.deduplicated(), sorted)
    }

    /// Diagnostics by file (in `files` order), line and column; stable.
    static func fileOrder(_ ds: [Diagnostic]) -> [Diagnostic] {
        func key(_ d: Diagnostic) -> [Int] {
            guard case .file(let path, let line, let column, _) = d.location else { return [-1, 0, 0] }
            return [files.firstIndex(of: path) ?? files.count, line, column]
        }
        return ds.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka != kb ? ka.lexicographicallyPrecedes(kb) : a.offset < b.offset
        }.map(\.element)
    }

    // MARK: - Tables

    /// A file's rows with their header: cells by column key.
    struct Table {
        let file: String
        let headerLine: Int
        /// Column key -> (0-based index, header as written).
        var index: [String: (Int, String)] = [:]
        var rows: [CSV.Row] = []
        /// Rows left out for having too few or too many cells (already reported).
        var ragged: [CSV.Row] = []
        var header: CSV.Row?
        var matrix = false
        var firstHeader: String = ""

        func has(_ key: String) -> Bool { index[key] != nil }

        func cell(_ row: CSV.Row, _ key: String) -> CSV.Cell? {
            guard let (i, _) = index[key], i < row.cells.count else { return nil }
            return row.cells[i]
        }

        /// The cell of `key` in `row`; the row's first cell when the file has no such column.
        func location(_ row: CSV.Row, _ key: String) -> Location {
            if let (i, h) = index[key], i < row.cells.count {
                let c = row.cells[i]
                return .file(path: file, line: c.line, column: c.column, header: h)
            }
            return .file(path: file, line: row.line, column: 1, header: firstHeader)
        }

        var headerLocation: Location { .file(path: file, line: headerLine, column: 1, header: nil) }
    }

    mutating func error(_ l: Location, _ message: String, fix: String) {
        diagnostics.append(Diagnostic(.error, l, message, fix: fix))
        unread.readerFailed = true
    }

    mutating func warning(_ l: Location, _ message: String, fix: String) {
        diagnostics.append(Diagnostic(.warning, l, message, fix: fix))
    }

    /// Parses a file and maps its header to `columns` (the file's own by default); nil when it
    /// cannot be read at all, has no header line or lacks a required column.
    /// `travel.csv` whose first header cell is empty or `travel` is a matrix: its header is not mapped.
    mutating func table(_ file: String, _ data: Data?) -> Table? {
        guard let data else { return nil }
        var doc: CSV.Document
        do { doc = try CSV.parse(data, maxRows: CSVCaseReader.maxRowsPerFile + 1) } catch {
            self.error(
                .file(path: file, line: error.line, column: error.column, header: nil), error.message, fix: error.fix)
            return nil
        }
        // The `'` that relief (and OWASP-minded tools) put before a formula character is not data.
        for r in doc.rows.indices {
            for c in doc.rows[r].cells.indices {
                doc.rows[r].cells[c].text = CSV.formulaUnescaped(doc.rows[r].cells[c].text)
            }
        }
        guard let header = doc.rows.first else {
            // No header: an empty save or a truncated copy, not a list of nothing (a header-only file is that).
            error(
                .file(path: file, line: 1, column: 1, header: nil),
                "has no header line (the file is empty, or holds only empty and # comment lines)",
                fix: CSVCaseReader.headerFix(file))
            return nil
        }
        var t = Table(file: file, headerLine: header.line)
        t.header = header
        t.firstHeader = header.cells.first?.text ?? ""
        t.rows = Array(doc.rows.dropFirst())
        t.matrix = file == "travel.csv" && CSVCaseReader.matrixCorner.contains(CSVCaseReader.normalized(t.firstHeader))
        if !t.matrix, let columns = CSVCaseReader.columns[file] {
            var byName: [String: String] = [:]
            for c in columns {
                byName[CSVCaseReader.normalized(c.key)] = c.key
                for a in c.aliases { byName[CSVCaseReader.normalized(a)] = c.key }
            }
            for (i, cell) in header.cells.enumerated() {
                let at = Location.file(path: file, line: cell.line, column: cell.column, header: cell.text)
                guard let key = byName[CSVCaseReader.normalized(cell.text)] else {
                    let known = columns.map(\.key).joined(separator: ", ")
                    warning(
                        at, cell.text.isEmpty ? "column without a name, ignored" : "unknown column, ignored",
                        fix: "remove it or check its spelling (known: \(known), or their French names)")
                    continue
                }
                if let (first, _) = t.index[key] {
                    error(
                        at, "column \(key) is given twice (first in column \(first + 1))",
                        fix: "keep one column for \(key)")
                    continue
                }
                t.index[key] = (i, cell.text)
            }
            var complete = true
            for c in columns where c.required && t.index[c.key] == nil {
                let names = ([c.key] + c.aliases).joined(separator: " or ")
                error(
                    .file(path: file, line: header.line, column: 1, header: nil), "missing column \(names)",
                    fix: "add a column named \(c.key) to the header line")
                complete = false
            }
            if !complete { return nil }
        }
        // Ragged rows: a missing or extra delimiter would shift every cell after it.
        t.ragged = t.rows.filter { $0.cells.count != header.cells.count }
        t.rows = t.rows.filter { row in
            guard row.cells.count != header.cells.count else { return true }
            error(
                .file(path: file, line: row.line, column: min(row.cells.count, header.cells.count) + 1, header: nil),
                "row has \(row.cells.count) cells, the header has \(header.cells.count)",
                fix: "give the row one cell per column (an empty cell is fine); quote a cell that holds the delimiter")
            return false
        }
        return t
    }

    static let matrixCorner: Set<String> = ["", "travel", "trajet", "trajets"]

    /// What to write in a file that has no header line: its columns, required first.
    static func headerFix(_ file: String) -> String {
        let cs = columns[file] ?? []
        let required = cs.filter(\.required).map(\.key).joined(separator: ";")
        let optional = cs.filter { !$0.required }.map(\.key).joined(separator: ";")
        var fix = "write the header line first: \(required)" + (optional.isEmpty ? "" : " (and any of \(optional))")
        if file == "travel.csv" { fix += ", or a matrix whose first header cell is empty or travel" }
        if !requiredFiles.contains(file) { fix += "; or delete the file when it has no rows" }
        return fix + " (relief export-csv writes a complete set to start from)"
    }

    /// A warning for a required file with a header and no rows, where that leaves the week without
    /// anything to plan: most often a copy that lost its rows.
    mutating func warnIfHeaderOnly(_ t: Table, _ what: String) {
        guard t.rows.isEmpty, t.ragged.isEmpty else { return }
        warning(
            t.headerLocation, "has a header line and no rows: the case has no \(what)",
            fix: "add one row per \(what.dropLast()) under the header, if the week is not meant to be empty")
    }

    /// Ids of the rows left out as ragged, so that references to them are not called unknown.
    func raggedIDs(_ t: Table) -> [String] {
        guard let (i, _) = t.index["id"] else { return [] }
        return t.ragged.compactMap { i < $0.cells.count && !$0.cells[i].text.isEmpty ? $0.cells[i].text : nil }
    }

    // MARK: - Cells

    /// The cell's text, or nil when the column is absent or the cell empty.
    func text(_ t: Table, _ row: CSV.Row, _ key: String) -> String? {
        guard let c = t.cell(row, key), !c.text.isEmpty else { return nil }
        return c.text
    }

    mutating func required(_ t: Table, _ row: CSV.Row, _ key: String, _ what: String) -> String? {
        if let s = text(t, row, key) { return s }
        error(t.location(row, key), "missing", fix: "write \(what)")
        return nil
    }

    mutating func int(_ t: Table, _ row: CSV.Row, _ key: String, _ range: ClosedRange<Int>) -> Int? {
        guard let s = text(t, row, key) else { return nil }
        return int(s, at: t.location(row, key), range)
    }

    mutating func int(_ s: String, at l: Location, _ range: ClosedRange<Int>) -> Int? {
        if let n = Int(s) { return n }
        let digits = s.drop { $0 == "-" || $0 == "+" }
        if !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber) {
            diagnostics.append(CaseValidator.outOfRange(s, range, at: l))
            unread.readerFailed = true
            return nil
        }
        error(
            l, "\(CaseReader.quoted(s)) is not a whole number",
            fix: "write a whole number from \(range.lowerBound) to \(range.upperBound)")
        return nil
    }

    static let trueWords: Set<String> = ["yes", "oui", "true", "vrai", "1", "x"]
    static let falseWords: Set<String> = ["no", "non", "false", "faux", "0"]

    /// nil when the cell is empty (the caller's default).
    mutating func bool(_ t: Table, _ row: CSV.Row, _ key: String) -> Bool? {
        guard let s = text(t, row, key) else { return nil }
        let w = CSVCaseReader.normalized(s)
        if CSVCaseReader.trueWords.contains(w) { return true }
        if CSVCaseReader.falseWords.contains(w) { return false }
        error(
            t.location(row, key), "\(CaseReader.quoted(s)) is not yes or no",
            fix: "write yes or no (oui/non, true/false, 1/0, or x for yes and an empty cell for no)")
        return nil
    }

    /// Items separated by `,` or `|`, trimmed; empty items are left out.
    static func list(_ s: String?) -> [String] {
        guard let s else { return [] }
        return s.split(whereSeparator: { $0 == "," || $0 == "|" }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    func list(_ t: Table, _ row: CSV.Row, _ key: String) -> [String] { CSVCaseReader.list(text(t, row, key)) }

    /// `2026-11-24 18:00` or `2026-11-24T18:00`, seconds and an offset optional; an hour of one digit is accepted.
    static func timeText(_ s: String) -> String {
        let u = Array(s.utf8)
        if u.count >= 15, u[10] == UInt8(ascii: " ") || u[10] == UInt8(ascii: "T"), u[12] == UInt8(ascii: ":") {
            return String(s.prefix(11)) + "0" + String(s.dropFirst(11))
        }
        return s
    }

    mutating func time(_ s: String, at l: Location, clock: CaseClock) -> Instant? {
        switch clock.parse(CSVCaseReader.timeText(s)) {
        case .success(let t): return t
        case .failure(.malformed):
            error(
                l, "\(CaseReader.quoted(s)) is not a date and time",
                fix: "write YYYY-MM-DD HH:MM (a T for the space, seconds and an offset such as -05:00 are accepted)")
        case .failure(.nonexistentLocalTime):
            error(
                l, "local time \(CaseReader.quoted(s)) does not exist in \(clock.identifier) (clocks spring forward)",
                fix: "use a time after the change, or give an explicit offset")
        }
        return nil
    }

    mutating func time(_ t: Table, _ row: CSV.Row, _ key: String, clock: CaseClock, what: String) -> Instant? {
        guard let s = required(t, row, key, what) else { return nil }
        return time(s, at: t.location(row, key), clock: clock)
    }

    /// Remembers that `p` came from `l`.
    mutating func place(_ p: CasePath, _ l: Location) { places[p] = l }

    /// The row and each of its columns, as the parts of element `p`; `fields` maps case fields to column keys.
    mutating func place(_ p: CasePath, _ t: Table, _ row: CSV.Row, _ fields: [String: String]) {
        place(p, t.location(row, "id"))
        for (field, key) in fields where t.has(key) { place(p.field(field), t.location(row, key)) }
    }

    // MARK: - The case

    mutating func draft(_ files: [String: Data]) -> CaseDraft? {
        let root = CasePath.root
        // Settings first: the time zone reads every time.
        var settings: [String: (String, Location)] = [:]
        var settingsAt = Location.file(path: "settings.csv", line: 1, column: 1, header: nil)
        var settingsRead = false
        if let t = table("settings.csv", files["settings.csv"]) {
            settingsAt = t.headerLocation
            settingsRead = true
            var byName: [String: String] = [:]
            for (k, aliases) in CSVCaseReader.settingKeys {
                for n in [k] + aliases { byName[CSVCaseReader.normalized(n)] = k }
            }
            for row in t.rows {
                guard let name = text(t, row, "key") else {
                    error(t.location(row, "key"), "missing", fix: "write the setting's name")
                    continue
                }
                guard let key = byName[CSVCaseReader.normalized(name)] else {
                    warning(
                        t.location(row, "key"), "unknown setting \(CaseReader.quoted(name)), ignored",
                        fix: "use one of \(CSVCaseReader.settingKeys.map(\.key).joined(separator: ", "))")
                    continue
                }
                let at = t.location(row, "value")
                if let (_, first) = settings[key] {
                    error(at, "setting \(key) is given twice (first at \(first))", fix: "keep one row for \(key)")
                    continue
                }
                settings[key] = (text(t, row, "value") ?? "", at)
            }
        }
        place(root, settingsAt)
        for (k, (_, l)) in settings { place(root.key(k), l) }

        let tzName = settings["timeZone"].map { $0.0.isEmpty ? "America/Toronto" : $0.0 } ?? "America/Toronto"
        var clock = CaseClock(identifier: tzName)
        var clockOK = true
        if clock == nil {
            error(
                settings["timeZone"]?.1 ?? settingsAt, "unknown time zone \(CaseReader.quoted(tzName))",
                fix: "use an IANA name such as America/Toronto")
            // Keep reading the other cells (times as UTC, so no false daylight-saving errors); no validation after.
            clock = CaseClock(identifier: "UTC")
            clockOK = false
        }
        let zone = clock!

        var horizon: TimeSpan?
        if let (sv, sl) = settings["horizonStart"], let (ev, el) = settings["horizonEnd"] {
            place(root.key("horizon"), sl)
            place(root.key("horizon").key("start"), sl)
            place(root.key("horizon").key("end"), el)
            let a = sv.isEmpty ? nil : time(sv, at: sl, clock: zone)
            let b = ev.isEmpty ? nil : time(ev, at: el, clock: zone)
            if sv.isEmpty { error(sl, "missing", fix: "write the first instant of the week as YYYY-MM-DD HH:MM") }
            if ev.isEmpty { error(el, "missing", fix: "write the end of the week as YYYY-MM-DD HH:MM") }
            if let a, let b { horizon = TimeSpan(start: a, end: b) }
        } else if settingsRead {
            for k in ["horizonStart", "horizonEnd"] where settings[k] == nil {
                error(settingsAt, "missing setting \(k)", fix: "add a row \(k);YYYY-MM-DD HH:MM")
            }
        }
        if horizon == nil { unread.horizon = true }
        var rules = Rules()
        if let (s, l) = settings["maxMinutesPerDay"], !s.isEmpty {
            rules.maxMinutesPerDay = int(s, at: l, 0...CaseValidator.maxMinutesPerDay) ?? rules.maxMinutesPerDay
            place(root.key("rules").key("maxMinutesPerDay"), l)
        }
        if let (s, l) = settings["maxMinutesPerWeek"], !s.isEmpty {
            rules.maxMinutesPerWeek = int(s, at: l, 0...CaseValidator.maxMinutes) ?? rules.maxMinutesPerWeek
            place(root.key("rules").key("maxMinutesPerWeek"), l)
        }
        let requiredCredentials = CSVCaseReader.list(settings["requiredCredentials"]?.0)

        // Territories and travel.
        var territories: [Territory] = []
        if let t = table("territories.csv", files["territories.csv"]) {
            place(root.key("territories"), t.headerLocation)
            unread.territories.formUnion(raggedIDs(t))
            for row in t.rows {
                guard let id = required(t, row, "id", "the territory's id") else { continue }
                place(.territory(territories.count), t, row, ["id": "id", "name": "name"])
                territories.append(Territory(id: id, name: text(t, row, "name") ?? id))
            }
        }
        let travel = readTravel(files["travel.csv"])

        // Sitters, then their credentials and availability.
        var sitters: [Sitter] = []
        var sitterAt: [String: Int] = [:]
        if let t = table("sitters.csv", files["sitters.csv"]) {
            place(root.key("sitters"), t.headerLocation)
            warnIfHeaderOnly(t, "sitters")
            unread.sitters.formUnion(raggedIDs(t))
            for row in t.rows {
                if let s = readSitter(t, row, at: .sitter(sitters.count)) {
                    if sitterAt[s.id] == nil { sitterAt[s.id] = sitters.count }
                    sitters.append(s)
                }
            }
        }
        readCredentials(files["credentials.csv"], into: &sitters, sitterAt)
        readAvailability(files["availability.csv"], into: &sitters, sitterAt, clock: zone, horizon: horizon)

        var families: [Family] = []
        if let t = table("families.csv", files["families.csv"]) {
            place(root.key("families"), t.headerLocation)
            unread.families.formUnion(raggedIDs(t))
            for row in t.rows {
                let id = required(t, row, "id", "the family's id")
                let territory = required(t, row, "territory", "the id of the family's territory")
                guard let id, let territory else {
                    if let id { unread.families.insert(id) }
                    continue
                }
                place(
                    .family(families.count), t, row,
                    [
                        "id": "id", "name": "name", "territory": "territory", "preferredSitters": "preferredSitters",
                        "excludedSitters": "excludedSitters", "previousSitters": "previousSitters",
                    ])
                families.append(
                    Family(
                        id: id, name: text(t, row, "name") ?? "", territory: territory,
                        preferredSitters: list(t, row, "preferredSitters"),
                        excludedSitters: list(t, row, "excludedSitters"),
                        previousSitters: list(t, row, "previousSitters")))
            }
        }

        var visits: [Visit] = []
        if let t = table("visits.csv", files["visits.csv"]) {
            place(root.key("visits"), t.headerLocation)
            warnIfHeaderOnly(t, "visits")
            for row in t.rows {
                if let v = readVisit(t, row, at: .visit(visits.count), clock: zone) { visits.append(v) }
            }
        }

        var shifts: [OnCallShift] = []
        place(root.key("onCallShifts"), .file(path: "oncall.csv", line: 1, column: 1, header: nil))
        if let t = table("oncall.csv", files["oncall.csv"]) {
            place(root.key("onCallShifts"), t.headerLocation)
            for row in t.rows {
                let id = required(t, row, "id", "the shift's id")
                let a = time(t, row, "start", clock: zone, what: "the start as YYYY-MM-DD HH:MM")
                let b = time(t, row, "end", clock: zone, what: "the end as YYYY-MM-DD HH:MM")
                let staff = int(t, row, "staff", 1...CaseValidator.maxSittersPerVisit)
                guard let id, let a, let b else { continue }
                place(
                    .shift(shifts.count), t, row,
                    ["id": "id", "start": "start", "end": "end", "staff": "staff", "competencies": "competencies"])
                shifts.append(
                    OnCallShift(
                        id: id, span: TimeSpan(start: a, end: b), staff: staff ?? 1,
                        competencies: Set(list(t, row, "competencies"))))
            }
        }

        guard clockOK else { return nil }
        let c = Case(
            name: settings["name"]?.0 ?? "", clock: zone,
            horizon: horizon ?? TimeSpan(start: Instant(seconds: 0), end: Instant(seconds: 0)),
            territories: territories, travel: travel, requiredCredentials: requiredCredentials, rules: rules,
            sitters: sitters,
            families: families, visits: visits, onCallShifts: shifts)
        let places = self.places
        let fallback = settingsAt
        let sources = CaseSources { p in
            var n = p.steps.count
            while n >= 0 {
                if let l = places[CasePath(Array(p.steps[..<n]))] { return l }
                n -= 1
            }
            return fallback
        }
        return CaseDraft(c, sources: sources, unread: unread)
    }

    mutating func readTravel(_ data: Data?) -> [TravelEntry] {
        let file = "travel.csv"
        guard let data else { return [] }
        guard let t = table(file, data) else { return [] }
        place(.root.key("travel"), t.headerLocation)
        guard t.matrix, let header = t.header else {
            var out: [TravelEntry] = []
            for row in t.rows {
                let from = required(t, row, "from", "a territory id")
                let to = required(t, row, "to", "a territory id")
                let minutes = text(t, row, "minutes").flatMap {
                    int($0, at: t.location(row, "minutes"), 0...CaseValidator.maxTravelMinutes)
                }
                if text(t, row, "minutes") == nil {
                    error(t.location(row, "minutes"), "missing", fix: "write the travel time in minutes")
                }
                guard let from, let to, let minutes else {
                    unread.travel.append((from, to))
                    continue
                }
                let p = CasePath.travel(out.count)
                place(p, t.location(row, "minutes"))
                place(p.key("from"), t.location(row, "from"))
                place(p.key("to"), t.location(row, "to"))
                place(p.key("minutes"), t.location(row, "minutes"))
                out.append(TravelEntry(from: from, to: to, minutes: minutes))
            }
            return out
        }
        let across = header.cells.dropFirst()
        var out: [TravelEntry] = []
        for row in t.rows {
            let down = row.cells[0]
            let fromAt = Location.file(path: file, line: down.line, column: 1, header: header.cells[0].text)
            if down.text.isEmpty {
                error(fromAt, "missing", fix: "write the territory id of this row")
                continue
            }
            for (k, h) in across.enumerated() {
                let cell = row.cells[k + 1]
                guard !cell.text.isEmpty else { continue }
                let at = Location.file(path: file, line: cell.line, column: cell.column, header: h.text)
                let toAt = Location.file(path: file, line: h.line, column: h.column, header: h.text)
                guard let m = int(cell.text, at: at, 0...CaseValidator.maxTravelMinutes) else {
                    unread.travel.append((down.text, h.text.isEmpty ? nil : h.text))
                    continue
                }
                if h.text.isEmpty {
                    error(toAt, "missing", fix: "write the territory id of this column")
                    continue
                }
                let p = CasePath.travel(out.count)
                place(p, at)
                place(p.key("from"), fromAt)
                place(p.key("to"), toAt)
                place(p.key("minutes"), at)
                out.append(TravelEntry(from: down.text, to: h.text, minutes: m))
            }
        }
        return out
    }

    mutating func readSitter(_ t: Table, _ row: CSV.Row, at p: CasePath) -> Sitter? {
        let id = required(t, row, "id", "the sitter's id")
        let home = required(t, row, "homeTerritory", "the id of the sitter's home territory")
        let maxDay = int(t, row, "maxMinutesPerDay", 0...CaseValidator.maxMinutesPerDay)
        let maxWeek = int(t, row, "maxMinutesPerWeek", 0...CaseValidator.maxMinutes)
        let target = int(t, row, "targetMinutesPerWeek", 0...CaseValidator.maxMinutes)
        let trainee = bool(t, row, "trainee") ?? false
        let onCall = bool(t, row, "onCall")
        let maxShifts = int(t, row, "maxShifts", 0...CaseValidator.maxShifts)
        let onCallComps = list(t, row, "onCallCompetencies")
        guard let id, let home else {
            if let id { unread.sitters.insert(id) }
            return nil
        }
        place(
            p, t, row,
            [
                "id": "id", "name": "name", "homeTerritory": "homeTerritory", "territories": "territories",
                "competencies": "competencies", "trainee": "trainee", "maxMinutesPerDay": "maxMinutesPerDay",
                "maxMinutesPerWeek": "maxMinutesPerWeek", "targetMinutesPerWeek": "targetMinutesPerWeek",
                "onCall": "onCall", "onCall.eligible": "onCall", "onCall.maxShifts": "maxShifts",
                "onCall.competencies": "onCallCompetencies",
            ])
        // An empty onCall cell with nothing else about on-call is no onCall at all (as an absent JSON field).
        var profile: OnCallProfile?
        if onCall != nil || maxShifts != nil || !onCallComps.isEmpty {
            profile = OnCallProfile(eligible: onCall ?? false, maxShifts: maxShifts, competencies: Set(onCallComps))
        }
        let serves = list(t, row, "territories")
        return Sitter(
            id: id, name: text(t, row, "name") ?? "", homeTerritory: home, territories: serves.isEmpty ? nil : serves,
            competencies: Set(list(t, row, "competencies")), trainee: trainee, maxMinutesPerDay: maxDay,
            maxMinutesPerWeek: maxWeek, targetMinutesPerWeek: target, onCall: profile)
    }

    /// The sitter named in a row of credentials.csv or availability.csv, reported when unknown.
    mutating func sitter(_ t: Table, _ row: CSV.Row, _ at: [String: Int]) -> Int? {
        guard let id = required(t, row, "sitter", "the sitter's id") else { return nil }
        if let i = at[id] { return i }
        if !unread.sitters.contains(id) {
            error(
                t.location(row, "sitter"), "unknown sitter \(CaseReader.quoted(id))",
                fix: "use the id of a sitter listed in sitters.csv, or remove the row")
        }
        return nil
    }

    mutating func readCredentials(_ data: Data?, into sitters: inout [Sitter], _ at: [String: Int]) {
        guard let t = table("credentials.csv", data) else { return }
        var seen: [String: Location] = [:]
        for row in t.rows {
            let si = sitter(t, row, at)
            let kind = required(t, row, "kind", "the kind of credential (first-aid, record-check, ...)")
            var date: LocalDate?
            let until = text(t, row, "validUntil")
            if let until {
                date = LocalDate.parse(until)
                if date == nil {
                    error(
                        t.location(row, "validUntil"), "\(CaseReader.quoted(until)) is not a date",
                        fix: "write the last valid day as YYYY-MM-DD, or leave the cell empty for no expiry")
                }
            }
            guard let si, let kind, until == nil || date != nil else { continue }
            let p = CasePath.sitter(si).key("credentials").key(kind)
            let key = "\(si)\u{0}\(kind)"
            if let first = seen[key] {
                if sitters[si].credentials[kind] != .some(date) {
                    error(
                        t.location(row, "validUntil"),
                        "credential \(CaseReader.quoted(kind)) of \(CaseValidator.name(sitters[si].id)) is given twice with different dates (first at \(first))",
                        fix: "keep one row per sitter and credential")
                }
                continue
            }
            seen[key] = t.location(row, "kind")
            place(p, t.location(row, t.has("validUntil") ? "validUntil" : "kind"))
            sitters[si].credentials[kind] = .some(date)
        }
    }

    static let weekdays: [String: Int] = [
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
        "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    ]

    /// `HH:MM`, seconds and an offset optional, `H:MM` and `24:00` accepted: the text after a date's `T`,
    /// and the seconds into the day it names on the wall clock.
    static func timeOfDay(_ s: String) -> (text: String, seconds: Int)? {
        var s = s
        if s.utf8.count >= 4, Array(s.utf8)[1] == UInt8(ascii: ":") { s = "0" + s }
        if s.hasPrefix("24:00") && s.dropFirst(5).allSatisfy({ $0 == ":" || $0 == "0" }) { s = "00:00" }
        guard let p = ISOTime.split("1970-01-01T" + s), p.wall >= 0, p.wall < 86400 else { return nil }
        return (s, Int(p.wall))
    }

    mutating func readAvailability(
        _ data: Data?, into sitters: inout [Sitter], _ at: [String: Int], clock: CaseClock, horizon: TimeSpan?
    ) {
        guard let t = table("availability.csv", data) else { return }
        // Spans by sitter, each with the row it came from, to locate the merged intervals.
        var spans: [Int: [(TimeSpan, CSV.Row)]] = [:]
        for row in t.rows {
            let si = sitter(t, row, at)
            let dayText = required(t, row, "day", "a date (YYYY-MM-DD) or a weekday (monday, lundi, ...)")
            let fromText = required(t, row, "from", "the start as HH:MM")
            let toText = required(t, row, "to", "the end as HH:MM")
            var days: [LocalDate] = []
            var weekday: Int?
            if let dayText {
                if let d = LocalDate.parse(dayText) {
                    days = [d]
                } else if let w = CSVCaseReader.weekdays[CSVCaseReader.normalized(dayText)] {
                    weekday = w
                } else {
                    error(
                        t.location(row, "day"), "\(CaseReader.quoted(dayText)) is not a date or a weekday",
                        fix: "write YYYY-MM-DD, or a weekday (monday..sunday, lundi..dimanche) for every such day")
                }
            }
            let from = fromText.flatMap { CSVCaseReader.timeOfDay($0) }
            let to = toText.flatMap { CSVCaseReader.timeOfDay($0) }
            for (key, text, value) in [("from", fromText, from), ("to", toText, to)] where text != nil && value == nil {
                error(
                    t.location(row, key), "\(CaseReader.quoted(text!)) is not a time of day",
                    fix: "write HH:MM (24-hour clock)")
            }
            guard let si, let from, let to, !days.isEmpty || weekday != nil else { continue }
            if let weekday {
                // Every such day whose period touches the horizon (the day before its start included, for nights).
                guard let horizon else { continue }
                let first = clock.localDate(horizon.start).day - 1
                let last = clock.localDate(horizon.end).day
                days = (first...last).filter { LocalDate(day: $0).weekday == weekday }.map { LocalDate(day: $0) }
            }
            for d in days {
                let next = LocalDate(day: d.day + 1)
                let endDay = to.seconds <= from.seconds ? next : d
                let a = time("\(d)T\(from.text)", at: t.location(row, "from"), clock: clock)
                let b = time("\(endDay)T\(to.text)", at: t.location(row, "to"), clock: clock)
                guard let a, let b else { continue }
                let span = TimeSpan(start: a, end: b)
                if weekday != nil, let horizon, !span.overlaps(horizon) { continue }
                guard a < b else {
                    error(t.location(row, "to"), "end is not after start", fix: "make end later than start")
                    continue
                }
                spans[si, default: []].append((span, row))
            }
        }
        for (si, list) in spans {
            sitters[si].availability = mergeSpans(list.map(\.0))
            for (k, merged) in sitters[si].availability.enumerated() {
                guard let (_, row) = list.filter({ $0.0.start == merged.start }).first else { continue }
                let p = CasePath.sitter(si).key("availability").index(k)
                place(p, t.location(row, "day"))
                place(p.key("start"), t.location(row, "from"))
                if let (_, endRow) = list.filter({ $0.0.end == merged.end }).first {
                    place(p.key("end"), t.location(endRow, "to"))
                }
            }
        }
    }

    mutating func readVisit(_ t: Table, _ row: CSV.Row, at p: CasePath, clock: CaseClock) -> Visit? {
        let id = required(t, row, "id", "the visit's id")
        let family = required(t, row, "family", "the id of the visit's family")
        let a = time(t, row, "start", clock: clock, what: "the start as YYYY-MM-DD HH:MM")
        let b = time(t, row, "end", clock: clock, what: "the end as YYYY-MM-DD HH:MM")
        let need = int(t, row, "sitters", 1...CaseValidator.maxSittersPerVisit)
        var priority = Priority.normal
        if let s = text(t, row, "priority") {
            switch CSVCaseReader.normalized(s) {
            case "urgent", "urgente": priority = .urgent
            case "high", "haute", "elevee": priority = .high
            case "normal", "normale": priority = .normal
            default:
                error(
                    t.location(row, "priority"), "unknown priority \(CaseReader.quoted(s))",
                    fix: "use urgent, high or normal (urgente, haute, normale)")
            }
        }
        let locked = bool(t, row, "locked") ?? false
        guard let id, let family, let a, let b else { return nil }
        place(
            p, t, row,
            [
                "id": "id", "family": "family", "start": "start", "end": "end", "sitters": "sitters",
                "competencies": "competencies", "credentials": "credentials", "priority": "priority",
                "assigned": "assigned", "locked": "locked",
            ])
        return Visit(
            id: id, family: family, span: TimeSpan(start: a, end: b), sitters: need ?? 1,
            competencies: Set(list(t, row, "competencies")), credentials: Set(list(t, row, "credentials")),
            priority: priority, assigned: list(t, row, "assigned"), locked: locked)
    }
}
