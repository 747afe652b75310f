import Foundation
import Testing

@testable import ReliefCore

/// The prologue every JSON reader shares (`JSONDocument.parse`, `CaseReader.format`):
/// the same broken document gets the same words, at the same place, from each
/// reader; only the head (what was read, and its name) differs.
@Suite("JSON document prologue")
struct JSONDocumentTests {
    let clock = CaseClock(identifier: "America/Toronto")!

    /// The refusal of `text` as a case, an event and a scenarios file.
    func refusals(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [InputError] {
        let data = Data(text.utf8)
        var out: [InputError] = []
        do { _ = try CaseReader.read(data: data, file: "c.json") } catch { out.append(error) }
        do { _ = try EventReader.read(data: data, file: "e.json", clock: clock) } catch { out.append(error) }
        do { _ = try ScenarioReader.read(data: data, file: "s.json", clock: clock) } catch { out.append(error) }
        #expect(out.count == 3, "every reader refuses \(text)", sourceLocation: sourceLocation)
        return out
    }

    @Test func aSyntaxErrorIsTheSameDiagnosticThroughEveryReader() throws {
        let refused = refusals("{\n  \"format\": 1,\n  nope\n}")
        #expect(refused.map(\.document) == [.theCase, .event, .scenarios])
        #expect(refused.map(\.file) == ["c.json", "e.json", "scenarios"])
        let expected = Diagnostic(
            .error, "$", "not valid JSON: line 3, column 3: expected a quoted field name",
            fix: "correct the JSON syntax at that place")
        for e in refused { #expect(e.diagnostics == [expected]) }
    }

    @Test func aWrongFormatIsToldAlikeByEveryReader() {
        let refused = refusals(#"{"format": "relief.other/9"}"#)
        let formats = [Case.format, Event.format, Scenario.format]
        for (e, format) in zip(refused, formats) {
            let d = e.errors.first { $0.location == .json("$.format") }
            #expect(d?.message == "is \"relief.other/9\", this relief reads \(format)")
            #expect(d?.fix == "set \"format\": \"\(format)\"")
        }
    }

    @Test func aDocumentOverItsLimitIsRefusedBeforeParsing() {
        let limit = JSONDocument.Limit(bytes: 4, noun: "the thing", fix: "make it smaller")
        let refuse = { (d: Diagnostic) in InputError(.event, file: "x", diagnostics: [d]) }
        #expect(throws: Never.self) { try JSONDocument.parse(Data("[1]".utf8), limit: limit, refuse: refuse) }
        do {
            _ = try JSONDocument.parse(Data("not json".utf8), limit: limit, refuse: refuse)
            Issue.record("read")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["the thing is 8 bytes, over the limit of 4"])
            #expect(error.diagnostics.map(\.fix) == ["make it smaller"])
        }
    }
}
