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

extension CaseFixture {
    /// The small case as `CaseReader` gives it.
    static func smallCase() throws -> Case {
        try CaseReader.read(data: data("small-case.json"), file: "small-case.json").0
    }

    /// A time of the small case's clock (America/Toronto).
    static func t(_ s: String) -> Instant {
        guard case .success(let i) = CaseClock(identifier: "America/Toronto")!.parse(s) else {
            preconditionFailure("bad time \(s)")
        }
        return i
    }

    /// Every diagnostic of a document: all of them when it is refused, the warnings when it is read.
    static func diagnostics(_ v: JSONValue) -> [Diagnostic] {
        do { return try CaseReader.read(data: Data(v.serialized().utf8), file: "case.json").1 } catch {
            return error.diagnostics
        }
    }

    /// The same damage done twice: to the JSON document (`json`, read by
    /// `CaseReader`) and to the small case as a `Case` value (`change`, checked
    /// by `CaseValidator.check`). Both must give the same diagnostics: severity,
    /// rendered location, message and fix. Returns them.
    static func twin(
        _ json: JSONValue, _ change: (inout Case) -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [Diagnostic] {
        let fromJSON = diagnostics(json)
        guard var c = try? smallCase() else {
            Issue.record("the small case does not read", sourceLocation: sourceLocation)
            return fromJSON
        }
        change(&c)
        let inMemory = CaseValidator.check(c)
        #expect(
            fromJSON.map(\.description).sorted() == inMemory.map(\.description).sorted(),
            "read from JSON:\n\(fromJSON.map(\.description).joined(separator: "\n"))\nbuilt in memory:\n\(inMemory.map(\.description).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
        return fromJSON
    }
}
