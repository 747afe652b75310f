import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// `maxConsecutiveShifts` (people.md) read, validated, resolved (the sitter's own
/// value, else the rule's, else none) and written back only when present.
@Suite("Consecutive on-call shifts: reading and validating")
struct OnCallRunCaseTests {
    let base: JSONValue

    init() throws {
        base = try CaseFixture.small()
            .setting("$.rules.maxConsecutiveShifts", to: .number(2))
            .setting("$.sitters[3].onCall.maxConsecutiveShifts", to: .number(3))
    }

    func read(_ v: JSONValue) throws -> Case {
        try CaseReader.read(data: Data(v.serialized().utf8), file: "case.json").0
    }

    @Test("the sitter's own value, else the rule's, else no limit")
    func resolved() throws {
        let c = try read(base)
        #expect(c.rules.maxConsecutiveShifts == 2)
        #expect(c.sitters[3].onCall?.maxConsecutiveShifts == 3)
        #expect(c.maxConsecutiveShifts(c.sitters[3]) == 3)
        #expect(c.maxConsecutiveShifts(c.sitters[0]) == 2)
        let none = try CaseFixture.smallCase()
        #expect(none.rules.maxConsecutiveShifts == nil)
        #expect(none.sitters.allSatisfy { none.maxConsecutiveShifts($0) == nil })
    }

    @Test("written back where it was, read again the same; absent, not written")
    func roundTrip() throws {
        let c = try read(base)
        let text = CaseWriter.json(c).serialized()
        let again = try CaseReader.read(data: Data(text.utf8), file: "again.json").0
        #expect(again.rules.maxConsecutiveShifts == 2)
        #expect(again.sitters[3].onCall?.maxConsecutiveShifts == 3)
        #expect(text.components(separatedBy: "\"maxConsecutiveShifts\"").count == 3)
        #expect(!CaseWriter.json(try CaseFixture.smallCase()).serialized().contains("maxConsecutiveShifts"))
    }

    @Test("0 is out of range, in JSON and in memory alike, at its path")
    func outOfRange() {
        let rule = CaseFixture.twin(base.setting("$.rules.maxConsecutiveShifts", to: .number(0))) {
            $0.rules.maxConsecutiveShifts = 0
            $0.sitters[3].onCall?.maxConsecutiveShifts = 3
        }
        #expect(rule.map(\.path) == ["$.rules.maxConsecutiveShifts"], "\(rule)")
        #expect(rule.first?.message.contains("0 is out of range") == true)
        let own = CaseFixture.twin(base.setting("$.sitters[3].onCall.maxConsecutiveShifts", to: .number(0))) {
            $0.rules.maxConsecutiveShifts = 2
            $0.sitters[3].onCall?.maxConsecutiveShifts = 0
        }
        #expect(own.map(\.path) == ["$.sitters[3].onCall.maxConsecutiveShifts"], "\(own)")
        let text = CaseFixture.diagnostics(base.setting("$.rules.maxConsecutiveShifts", to: .string("two")))
        #expect(text.map(\.path) == ["$.rules.maxConsecutiveShifts"], "\(text)")
    }
}

extension OnCallRunCaseTests {
    @Test("a sitter added by a scenario may carry her own run limit")
    func scenarioSitter() throws {
        let s = try ScenarioFixture.scenario(
            #"[ { "op": "add-sitter", "like": "S05", "sitter": { "onCall": { "maxConsecutiveShifts": 2 } } } ]"#)
        guard case .addSitter(let template, _, _) = s.changes.first else {
            Issue.record("\(s.changes)")
            return
        }
        #expect(template.onCall?.maxConsecutiveShifts == 2)
    }
}
