import Foundation

/// A small RFC 4180 reader and writer for the spreadsheet files of a case
/// (`../shared/contract/csv.md`): UTF-8 with or without a byte-order mark, `;`
/// or `,` detected from the header line, LF or CRLF line ends, fields quoted
/// with `"` (inside quotes `""` is a quote, delimiters and line breaks are
/// data). Every cell keeps its position: the line it starts on and its column
/// (the field number, as a spreadsheet counts columns), both 1-based.
public enum CSV {
    /// One cell: its text (unquoted; surrounding spaces trimmed unless it was quoted) and where it starts.
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var line: Int
        public var column: Int
        public var quoted: Bool
        public init(_ text: String, line: Int, column: Int, quoted: Bool = false) {
            self.text = text
            self.line = line
            self.column = column
            self.quoted = quoted
        }
    }

    /// One record: its cells and the line it starts on.
    public struct Row: Sendable, Equatable {
        public var cells: [Cell]
        public var line: Int
        public var texts: [String] { cells.map(\.text) }
        public init(cells: [Cell], line: Int) {
            self.cells = cells
            self.line = line
        }
    }

    /// A file read: the delimiter found, whether it began with a byte-order mark,
    /// and its records, empty and `#` comment lines already left out.
    public struct Document: Sendable {
        public var delimiter: UInt8
        public var byteOrderMark: Bool
        public var rows: [Row]
    }

    /// A file that is not readable CSV, with the place of the problem.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var fix: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    static let quote = UInt8(ascii: "\"")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let semicolon = UInt8(ascii: ";")
    static let comma = UInt8(ascii: ",")
    static let hash = UInt8(ascii: "#")

    // MARK: - Reading

    /// Parses a whole file. Empty lines, lines of empty cells and lines whose first
    /// cell starts with an unquoted `#` are left out; the first remaining row is the header.
    /// `maxRows` (header included) stops the reading at the first record past it, with its line.
    public static func parse(_ data: Data, maxRows: Int? = nil) throws(SyntaxError) -> Document {
        var bytes = [UInt8](data)
        var bom = false
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            bytes.removeFirst(3)
            bom = true
        }
        if let bad = firstInvalidUTF8(bytes) {
            let line = 1 + bytes[..<bad].reduce(0) { $0 + ($1 == lf ? 1 : 0) }
            throw SyntaxError(
                line: line, column: 1, message: "is not UTF-8 text",
                fix: "save the file as CSV UTF-8 (in a spreadsheet: Save As, CSV UTF-8)")
        }
        let delimiter = detectDelimiter(bytes)
        let rows = try records(bytes, delimiter: delimiter, maxRows: maxRows)
        return Document(delimiter: delimiter, byteOrderMark: bom, rows: rows)
    }

    /// `;` or `,`, whichever the header line (the first line that is not empty or a
    /// comment) holds more of outside quotes; `;` on a tie with some, `,` with none.
    static func detectDelimiter(_ b: [UInt8]) -> UInt8 {
        var i = 0
        while i < b.count {
            var end = i
            while end < b.count && b[end] != lf && b[end] != cr { end += 1 }
            let line = b[i..<end]
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) || line.first == hash {
                i = end + 1
                continue
            }
            var semis = 0
            var commas = 0
            var inQuotes = false
            // The header may hold a quoted line break: count up to the end of its record.
            var j = i
            while j < b.count {
                let c = b[j]
                if c == quote {
                    inQuotes.toggle()
                } else if !inQuotes {
                    if c == lf || c == cr { break }
                    if c == semicolon { semis += 1 }
                    if c == comma { commas += 1 }
                }
                j += 1
            }
            return semis > 0 && semis >= commas ? semicolon : (commas > 0 ? comma : semicolon)
        }
        return semicolon
    }

    /// Splits into records, with the line and column of each cell.
    static func records(_ b: [UInt8], delimiter: UInt8, maxRows: Int? = nil) throws(SyntaxError) -> [Row] {
        var rows: [Row] = []
        var cells: [Cell] = []
        var field: [UInt8] = []
        var line = 1
        var rowLine = 1
        var cellLine = 1
        var quoted = false
        var i = 0
        let n = b.count

        func finishCell() {
            var text = String(decoding: field, as: UTF8.self)
            if !quoted { text = text.trimmingCharacters(in: .whitespaces) }
            cells.append(Cell(text, line: cellLine, column: cells.count + 1, quoted: quoted))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        func finishRow() {
            finishCell()
            let blank = cells.allSatisfy { $0.text.isEmpty && !$0.quoted }
            let comment = cells.first.map { !$0.quoted && $0.text.hasPrefix("#") } ?? false
            if !blank && !comment { rows.append(Row(cells: cells, line: rowLine)) }
            cells.removeAll()
        }
        func checkLimit() throws(SyntaxError) {
            guard let maxRows, rows.count > maxRows else { return }
            throw SyntaxError(
                line: rows[rows.count - 1].line, column: 1,
                message: "more than \(maxRows - 1) rows under the header, far more than a week's case",
                fix: "split the data into smaller cases (by week or by territory) and import each")
        }

        var atCellStart = true
        while i < n {
            let c = b[i]
            if atCellStart {
                cellLine = line
                if cells.isEmpty { rowLine = line }
                atCellStart = false
                // Spaces before an opening quote are allowed (trimmed), as spreadsheets read them.
                var k = i
                while k < n && (b[k] == 32 || b[k] == 9) { k += 1 }
                if k < n && b[k] == quote {
                    quoted = true
                    i = try quotedCell(
                        b, open: k, column: cells.count + 1, delimiter: delimiter, line: &line, into: &field)
                    continue
                }
                continue
            }
            if c == delimiter {
                finishCell()
                atCellStart = true
                i += 1
            } else if c == cr || c == lf {
                finishRow()
                try checkLimit()
                line += 1
                i += (c == cr && i + 1 < n && b[i + 1] == lf) ? 2 : 1
                atCellStart = true
            } else {
                if !quoted { field.append(c) }
                i += 1
            }
        }
        // The last record, unless the file ended with a line break.
        if !atCellStart || !cells.isEmpty {
            finishRow()
            try checkLimit()
        }
        return rows
    }

    /// A quoted cell whose opening quote is at `open`: its text appended to `field` (a doubled
    /// quote is one quote, a line break inside is data, CRLF kept as LF, `line` counting it), then
    /// the spaces after the closing quote. Returns where the delimiter or line end is.
    static func quotedCell(
        _ b: [UInt8], open: Int, column startColumn: Int, delimiter: UInt8, line: inout Int, into field: inout [UInt8]
    ) throws(SyntaxError) -> Int {
        let n = b.count
        let startLine = line
        var i = open + 1
        var closed = false
        while i < n {
            let q = b[i]
            if q == quote {
                if i + 1 < n && b[i + 1] == quote {
                    field.append(quote)
                    i += 2
                    continue
                }
                closed = true
                i += 1
                break
            }
            if q == cr && i + 1 < n && b[i + 1] == lf {
                // A line break inside a cell is data; CRLF is kept as LF.
                field.append(lf)
                line += 1
                i += 2
                continue
            }
            if q == lf || q == cr { line += 1 }
            field.append(q == cr ? lf : q)
            i += 1
        }
        guard closed else {
            throw SyntaxError(
                line: startLine, column: startColumn,
                message: "the quote opened here is never closed",
                fix: "close the cell with \" (write a quote inside a cell as \"\")")
        }
        // Only spaces may follow the closing quote before the delimiter or line end.
        while i < n && (b[i] == 32 || b[i] == 9) { i += 1 }
        if i < n && b[i] != delimiter && b[i] != cr && b[i] != lf {
            throw SyntaxError(
                line: line, column: startColumn,
                message: "text after the closing quote of a quoted cell",
                fix: "put the whole cell inside the quotes, writing a quote inside it as \"\"")
        }
        return i
    }

    /// The offset of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        var i = 0
        while i < b.count {
            let c = b[i]
            var need = 0
            var min: UInt32 = 0
            var v = UInt32(0)
            switch c {
            case 0x00...0x7F:
                i += 1
                continue
            case 0xC2...0xDF: (need, min, v) = (1, 0x80, UInt32(c & 0x1F))
            case 0xE0...0xEF: (need, min, v) = (2, 0x800, UInt32(c & 0x0F))
            case 0xF0...0xF4: (need, min, v) = (3, 0x10000, UInt32(c & 0x07))
            default: return i
            }
            guard i + need < b.count else { return i }
            for k in 1...need {
                let d = b[i + k]
                guard d & 0xC0 == 0x80 else { return i }
                v = v << 6 | UInt32(d & 0x3F)
            }
            if v < min || v > 0x10FFFF || (0xD800...0xDFFF).contains(v) { return i }
            i += need + 1
        }
        return nil
    }

    // MARK: - Formulas

    /// First characters that make a spreadsheet run a cell as a formula (OWASP's list:
    /// `=`, `+`, `-`, `@`, tab, carriage return), and line feed, which a quoted carriage
    /// return reads back as.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n"]

    /// The cell as every CSV relief writes holds it: a value a spreadsheet would run as a
    /// formula gets a leading `'`, which spreadsheets show as text (OWASP's advice for CSV
    /// meant for spreadsheets). A value that already starts with `'`s before such a
    /// character gets one more, so that `formulaUnescaped` gives back exactly the value.
    public static func formulaSafe(_ s: String) -> String {
        guard let first = s.unicodeScalars.first(where: { $0 != "'" }), formulaStarts.contains(first) else { return s }
        return "'" + s
    }

    /// The value `formulaSafe` was given: one leading `'` less when `'`s stand before a
    /// formula character, the cell unchanged otherwise (`'tit Jean` stays as it is).
    public static func formulaUnescaped(_ s: String) -> String {
        guard s.unicodeScalars.first == "'", let first = s.unicodeScalars.first(where: { $0 != "'" }),
            formulaStarts.contains(first)
        else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.dropFirst()))
    }

    // MARK: - Writing

    /// How a file is written: delimiter, byte-order mark, line end.
    public struct Style: Sendable, Equatable {
        public var delimiter: Character
        public var byteOrderMark: Bool
        public var lineEnd: String
        public init(delimiter: Character = ";", byteOrderMark: Bool = true, lineEnd: String = "\r\n") {
            self.delimiter = delimiter
            self.byteOrderMark = byteOrderMark
            self.lineEnd = lineEnd
        }
        /// What a French-locale spreadsheet writes and opens with its accents intact.
        public static let spreadsheet = Style()
    }

    /// The rows as CSV text. A cell is quoted when it holds the delimiter, a quote,
    /// a line break or surrounding spaces, is empty text that must stay a cell of its
    /// own, or is a first cell starting with `#` (which would read as a comment).
    public static func write(_ rows: [[String]], style: Style = .spreadsheet) -> String {
        var out = style.byteOrderMark ? "\u{FEFF}" : ""
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out.append(style.delimiter) }
                out += field(cell, first: i == 0 && row.count > 0, style: style)
            }
            // A row of one empty cell would read as an empty line, and be left out.
            if row.count == 1 && row[0].isEmpty { out += "\"\"" }
            out += style.lineEnd
        }
        return out
    }

    static func field(_ s: String, first: Bool, style: Style) -> String {
        let needs =
            s.contains(style.delimiter) || s.contains("\"") || s.contains("\n") || s.contains("\r")
            || s.first?.isWhitespace == true || s.last?.isWhitespace == true || (first && s.hasPrefix("#"))
        return needs ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
