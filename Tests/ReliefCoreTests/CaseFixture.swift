import Foundation
import Testing

@testable import ReliefCore

/// The small valid case of `Fixtures/small-case.json` and ways to break copies
/// of it: every test starts from a case that reads without a warning and
/// changes one thing.
enum CaseFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// The small case as a JSON tree.
    static func small() throws -> JSONValue {
        try JSONParser.parse(data("small-case.json"))
    }
}

/// One step of a JSON path: `.key` or `[index]`.
enum JSONPathStep: Equatable {
    case key(String)
    case index(Int)

    /// Parses `$.visits[2].end` (the leading `$` is optional). Keys run to the next `.` or `[`.
    static func parse(_ path: String) -> [JSONPathStep] {
        var steps: [JSONPathStep] = []
        var s = Substring(path)
        if s.hasPrefix("$") { s = s.dropFirst() }
        while let c = s.first {
            if c == "." {
                s = s.dropFirst()
                let end = s.firstIndex { $0 == "." || $0 == "[" } ?? s.endIndex
                steps.append(.key(String(s[..<end])))
                s = s[end...]
            } else if c == "[" {
                let close = s.firstIndex(of: "]")!
                steps.append(.index(Int(s[s.index(after: s.startIndex)..<close])!))
                s = s[s.index(after: close)...]
            } else {
                preconditionFailure("bad path \(path)")
            }
        }
        return steps
    }
}

extension JSONValue {
    /// A copy with the value at `path` replaced, added (a missing object key) or,
    /// for `nil`, removed.
    func setting(_ path: String, to new: JSONValue?) -> JSONValue {
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
    func at(_ path: String) -> JSONValue? {
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
    func appending(_ path: String, _ element: JSONValue) -> JSONValue {
        guard case .array(let items)? = at(path) else { preconditionFailure("\(path) is not an array") }
        return setting(path, to: .array(items + [element]))
    }

    /// Shorthand for tests: a JSON value from its text.
    static func json(_ text: String) -> JSONValue {
        try! JSONParser.parse(text)
    }
}
