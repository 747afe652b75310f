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

    public internal(set) var diagnostics: [Diagnostic] = []
    /// Case paths whose element sits elsewhere in the document (an unreadable one before it was skipped).
    var moved: [CasePath: CasePath] = [:]
    var unread = CaseDraft.Unread()

    public init() {}

    /// Reads a file; throws `InputError` listing every error.
    public static func read(file path: String) throws -> (Case, [Diagnostic]) {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CaseFileMissing(file: path)
        }
        return try read(data: data, file: path)
    }

    public static func read(data: Data, file: String) throws(InputError) -> (Case, [Diagnostic]) {
        let json = try JSONDocument.parse(data) { InputError(.theCase, file: file, diagnostics: [$0]) }
        var reader = CaseReader()
        let c = reader.read(json)
        let errors = reader.diagnostics.filter { $0.severity == .error }
        guard let c, errors.isEmpty else { throw InputError(.theCase, file: file, diagnostics: reader.diagnostics) }
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

    /// The document's `format` member, which must be `expected` (`relief.case/1`, ...).
    mutating func format(_ doc: JSONValue, _ expected: String) {
        let path = CasePath.root.key("format")
        if doc["format"] == nil || doc["format"] == .null {
            error(path, "missing", fix: "add \"format\": \"\(expected)\"")
        } else if let format = string(doc["format"], path, required: true), format != expected {
            error(
                path, "is \(CaseReader.quoted(format)), this relief reads \(expected)",
                fix: "set \"format\": \"\(expected)\"")
        }
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

    /// A local time the clocks skip (they spring forward): the same words in a JSON document and a spreadsheet cell.
    static func skipped(_ s: String, _ clock: CaseClock) -> (message: String, fix: String) {
        (
            "local time \(CaseReader.quoted(s)) does not exist in \(clock.identifier) (clocks spring forward)",
            "use a time after the change, or give an explicit offset"
        )
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
            let skipped = CaseReader.skipped(s, clock)
            error(path, skipped.message, fix: skipped.fix)
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
}

/// The case file could not be opened.
public struct CaseFileMissing: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var description: String { "\(file): cannot read the file (does it exist, is it readable?)" }
}
