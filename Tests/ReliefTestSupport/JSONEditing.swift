import Foundation
import ReliefCore

/// One step of a JSON path: `.key` or `[index]`.
public enum JSONPathStep: Equatable {
    case key(String)
    case index(Int)

    /// Parses `$.visits[2].end`; the leading `$` and the `.` before the first key are
    /// optional (`visits[2].end`). Keys run to the next `.` or `[`.
    public static func parse(_ path: String) -> [JSONPathStep] {
        var steps: [JSONPathStep] = []
        var s = Substring(path)
        if s.hasPrefix("$") { s = s.dropFirst() }
        while let c = s.first {
            if c == "[" {
                let close = s.firstIndex(of: "]")!
                steps.append(.index(Int(s[s.index(after: s.startIndex)..<close])!))
                s = s[s.index(after: close)...]
            } else {
                if c == "." { s = s.dropFirst() }
                let end = s.firstIndex { $0 == "." || $0 == "[" } ?? s.endIndex
                precondition(end > s.startIndex, "bad path \(path)")
                steps.append(.key(String(s[..<end])))
                s = s[end...]
            }
        }
        return steps
    }
}

extension JSONValue {
    /// A copy with the value at `path` replaced, added (a missing object key) or,
    /// for `nil`, removed.
    public func setting(_ path: String, to new: JSONValue?) -> JSONValue {
        setting(JSONPathStep.parse(path)[...], to: new)
    }

    private func setting(_ steps: ArraySlice<JSONPathStep>, to new: JSONValue?) -> JSONValue {
        guard let step = steps.first else { return new ?? .null }
        let rest = steps.dropFirst()
        switch (self, step) {
        case (.object(var members), .key(let k)):
            if let i = members.firstIndex(where: { $0.0 == k }) {
                if rest.isEmpty && new == nil {
                    members.remove(at: i)
                } else {
                    members[i].1 = members[i].1.setting(rest, to: new)
                }
            } else if let new {
                precondition(rest.isEmpty, "no field \(k) to descend into")
                members.append((k, new))
            }
            return .object(members)
        case (.array(var items), .index(let i)):
            if i == items.count, let new, rest.isEmpty {
                items.append(new)
            } else if rest.isEmpty && new == nil {
                items.remove(at: i)
            } else {
                items[i] = items[i].setting(rest, to: new)
            }
            return .array(items)
        default:
            preconditionFailure("path step \(step) does not fit \(typeName)")
        }
    }

    /// The value at `path`, if any.
    public func at(_ path: String) -> JSONValue? {
        var v: JSONValue? = self
        for step in JSONPathStep.parse(path) {
            switch (v, step) {
            case (.object?, .key(let k)): v = v?[k]
            case (.array(let items)?, .index(let i)): v = i < items.count ? items[i] : nil
            default: return nil
            }
        }
        return v
    }

    /// A copy with `element` appended to the array at `path`.
    public func appending(_ path: String, _ element: JSONValue) -> JSONValue {
        guard case .array(let items)? = at(path) else { preconditionFailure("\(path) is not an array") }
        return setting(path, to: .array(items + [element]))
    }

    /// Shorthand for tests: a JSON value from its text.
    public static func json(_ text: String) -> JSONValue {
        try! JSONParser.parse(text)
    }

    /// The members of an object, else nil (for `try #require`).
    public var members: [(String, JSONValue)]? {
        if case .object(let m) = self { return m }
        return nil
    }

    /// The elements of an array, else nil (for `try #require`).
    public var elements: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// A number, else nil (for `try #require`).
    public var number: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    /// Pretty text, two spaces per level, members in the order given (arrays of
    /// strings on one line): how a test prints the case it built.
    public func prettyText(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                return "[" + items.map { $0.serialized() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.prettyText(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n"
                + members.map { "\(inner)\(JSONValue.string($0.0).serialized()): \($0.1.prettyText(indent: inner))" }
                .joined(separator: ",\n")
                + "\n\(indent)}"
        default:
            return serialized()
        }
    }
}
