import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// The small valid case of `Fixtures/small-case.json` and ways to break copies
/// of it: every test starts from a case that reads without a warning and
/// changes one thing.
enum CaseFixture {
    static let directory = PackageTree.url("Tests/ReliefCoreTests/Fixtures")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// The small case as a JSON tree.
    static func small() throws -> JSONValue {
        try JSONParser.parse(data("small-case.json"))
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
