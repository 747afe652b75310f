import Foundation

// The files as tables (a header mapped to the columns, ragged rows left out) and
// their cells as values, each problem located at its cell.
extension CSVCaseReader {
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

    /// An optional contact cell (a family's address or phone), checked as the JSON reader checks it.
    mutating func contact(_ t: Table, _ row: CSV.Row, _ key: String, max: Int) -> String? {
        guard let s = text(t, row, key) else { return nil }
        if let problem = Family.contactProblem(s, max: max) {
            error(t.location(row, key), problem, fix: "write it on one line, at most \(max) characters")
            return nil
        }
        return s
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
            let skipped = CaseReader.skipped(s, clock)
            error(l, skipped.message, fix: skipped.fix)
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
}
