/// Where a problem is: in a JSON document, a row of a spreadsheet file, an
/// event of the daemon's inbox, or a change of a what-if scenario. Rendered in
/// messages as `$.visits[3].end`, `visits.csv:12:4 (fin)`, `event evt-7 visit.end`,
/// `scenario flu-week changes[1].sitter`.
public enum Location: Sendable, Hashable, CustomStringConvertible {
    /// A JSON path such as `$.visits[3].end`, already rendered.
    case json(String)
    /// A cell of a text file (1-based line and column), with its column's header when known.
    case file(path: String, line: Int, column: Int, header: String?)
    /// An event of `relief watch`, and the field of it (`visit.end`).
    case event(id: String, field: String?)
    /// A change (0-based) of a what-if scenario, and the field of it (`sitter`).
    case scenario(id: String, change: Int?, field: String?)

    public var description: String {
        switch self {
        case .json(let p):
            return p
        case .file(let path, let line, let column, let header):
            let cell = "\(Location.safe(path)):\(line):\(column)"
            return header.map { "\(cell) (\(Location.safe($0)))" } ?? cell
        case .event(let id, let field):
            return "event \(Location.safe(id))" + (field.map { " \(Location.safe($0))" } ?? "")
        case .scenario(let id, let change, let field):
            var s = "scenario \(Location.safe(id))"
            if let change { s += " changes[\(change)]" }
            if let field { s += (change == nil ? " " : ".") + Location.safe(field) }
            return s
        }
    }

    /// The index of the case's visit a JSON location points into (`$.visits[3]`,
    /// `$.visits[3].end`), as `CasePath.visit(3)` renders it; nil for any other place.
    public var visitIndex: Int? {
        let prefix = CasePath.root.key("visits").description + "["
        guard case .json(let path) = self, path.hasPrefix(prefix),
            let close = path.firstIndex(of: "]")
        else { return nil }
        return Int(path[path.index(path.startIndex, offsetBy: prefix.count)..<close])
    }

    /// Text from the input as is when it is plain, else quoted and escaped.
    static func safe(_ s: String) -> String {
        let plain =
            !s.isEmpty && s.utf8.count <= 200
            && s.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" && $0 != "\\" }
        return plain ? s : CaseReader.quoted(s)
    }
}

/// A place inside a `Case` value, in the case's own coordinates: `visits[3].end`
/// is the `end` of `c.visits[3]`. Rendered like a JSON path of the contract.
public struct CasePath: Hashable, Sendable, CustomStringConvertible {
    public enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
    }
    public var steps: [Step]

    public init(_ steps: [Step] = []) { self.steps = steps }

    public static let root = CasePath()

    public func key(_ k: String) -> CasePath { CasePath(steps + [.key(k)]) }
    public func index(_ i: Int) -> CasePath { CasePath(steps + [.index(i)]) }
    /// `key("onCall").key("maxShifts")` from `"onCall.maxShifts"`.
    public func field(_ dotted: String) -> CasePath {
        CasePath(steps + dotted.split(separator: ".").map { .key(String($0)) })
    }

    public static func territory(_ i: Int) -> CasePath { root.key("territories").index(i) }
    public static func travel(_ i: Int) -> CasePath { root.key("travel").index(i) }
    public static func sitter(_ i: Int) -> CasePath { root.key("sitters").index(i) }
    public static func family(_ i: Int) -> CasePath { root.key("families").index(i) }
    public static func visit(_ i: Int) -> CasePath { root.key("visits").index(i) }
    public static func shift(_ i: Int) -> CasePath { root.key("onCallShifts").index(i) }
    public static func program(_ i: Int) -> CasePath { root.key("programs").index(i) }
    public static func standing(_ i: Int) -> CasePath { root.key("standing").index(i) }

    /// `$.visits[3].end`; a key that is not plain is written `["..."]`, escaped.
    public var description: String {
        var s = "$"
        for step in steps {
            switch step {
            case .index(let i): s += "[\(i)]"
            case .key(let k):
                if CasePath.isPlainKey(k) {
                    s += ".\(k)"
                } else {
                    s += "["
                    JSONValue.quote(k.count > 40 ? String(k.prefix(40)) + "…" : k, into: &s)
                    s += "]"
                }
            }
        }
        return s
    }

    static func isPlainKey(_ k: String) -> Bool {
        !k.isEmpty && k.utf8.count <= 64
            && k.utf8.allSatisfy { b in
                (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 45
            }
    }
}

/// Where each part of a case came from, for the validator's messages. The
/// default (`.json`) renders the case's own coordinates as a JSON path, so a
/// case built in memory gets the messages the same case read from a file gets.
/// A spreadsheet import maps `visits[3].end` to its cell, an event to its id.
public struct CaseSources: Sendable {
    public let locate: @Sendable (CasePath) -> Location

    public init(_ locate: @escaping @Sendable (CasePath) -> Location) { self.locate = locate }

    public static let json = CaseSources { .json($0.description) }

    public func callAsFunction(_ p: CasePath) -> Location { locate(p) }

    /// JSON paths of a document whose elements do not all sit at their case
    /// index (the reader skipped an unreadable one): `moved` maps a case path
    /// to the document's path; the longest mapped prefix wins.
    static func json(moved: [CasePath: CasePath]) -> CaseSources {
        if moved.isEmpty { return .json }
        return CaseSources { p in
            var n = p.steps.count
            while n > 0 {
                if let doc = moved[CasePath(Array(p.steps[..<n]))] {
                    return .json(CasePath(doc.steps + p.steps[n...]).description)
                }
                n -= 1
            }
            return .json(p.description)
        }
    }
}
