import Foundation
import Testing

@testable import ReliefCore

/// `people.md` in what-if changes: `add-sitter` adds volunteers (`kind`), `set-rules` sets the
/// on-call run limit for the case or for named sitters.
@Suite("Scenarios: add-sitter kind, set-rules maxConsecutiveShifts")
struct ScenarioPeopleTests {
    static func applied(_ changes: String) throws -> Case {
        let s = try ScenarioFixture.scenario(changes)
        return try ScenarioApplier.apply(s, index: 0, to: try CaseFixture.smallCase()).get()
    }

    @Test func addSitterAddsAVolunteerNeverOnCall() throws {
        let base = try CaseFixture.smallCase()
        let s4 = try #require(base.sitters.first { $0.id == "S4" })
        #expect(s4.onCall?.eligible == true)
        let c = try Self.applied(
            #"[ { "op": "add-sitter", "like": "S4", "count": 2, "sitter": { "kind": "volunteer" } } ]"#)
        let added = c.sitters.filter { $0.id.hasPrefix("NEW-") }
        #expect(added.map(\.id) == ["NEW-1", "NEW-2"])
        #expect(added.allSatisfy { $0.isVolunteer && $0.onCall == nil && $0.availability == s4.availability })
        #expect(CaseValidator.check(c).filter { $0.message.contains("volunteer") }.isEmpty)
        // Like a volunteer: a volunteer; without kind, like an employee: an employee, on call as before.
        let like = try Self.applied(
            #"[ { "op": "add-sitter", "like": "S4" }, { "op": "add-sitter", "sitter": { "homeTerritory": "limoilou", "kind": "employee" } } ]"#
        )
        #expect(like.sitters.suffix(2).map(\.kind) == [.employee, .employee])
        #expect(like.sitters.suffix(2).first?.onCall == s4.onCall)
    }

    @Test func anUnknownKindIsAnErrorAtItsPlace() throws {
        let r = try ScenarioFixture.read(
            ScenarioFixture.file([#"[ { "op": "add-sitter", "like": "S1", "sitter": { "kind": "intern" } } ]"#]))
        guard case .failure(let e) = r[0].scenario else {
            Issue.record("an unknown kind read")
            return
        }
        #expect(e.errors.map(\.path) == ["$.scenarios[0].changes[0].sitter.kind"])
        #expect(e.errors.first?.fix == "use employee or volunteer")
    }

    @Test func setRulesSetsTheRunLimitOfTheCaseOrOfSitters() throws {
        let c = try Self.applied(#"[ { "op": "set-rules", "rules": { "maxConsecutiveShifts": 2 } } ]"#)
        #expect(c.rules.maxConsecutiveShifts == 2)
        #expect(c.rules.maxMinutesPerDay == (try CaseFixture.smallCase()).rules.maxMinutesPerDay)
        let own = try Self.applied(
            #"[ { "op": "set-rules", "rules": { "maxConsecutiveShifts": 3 }, "sitters": ["S4", "S1"] } ]"#)
        #expect(own.rules.maxConsecutiveShifts == nil)
        #expect(own.sitters.first { $0.id == "S4" }?.onCall?.maxConsecutiveShifts == 3)
        #expect(own.maxConsecutiveShifts(own.sitters.first { $0.id == "S4" }!) == 3)
        // S1 has no on-call profile: nothing to limit.
        #expect(own.sitters.first { $0.id == "S1" }?.onCall == nil)
        // 0 reads, and the changed case is refused as a case with that rule would be.
        let zero = try ScenarioFixture.scenario(#"[ { "op": "set-rules", "rules": { "maxConsecutiveShifts": 0 } } ]"#)
        guard case .failure(let e) = ScenarioApplier.apply(zero, index: 0, to: try CaseFixture.smallCase()) else {
            Issue.record("a run limit of 0 applied")
            return
        }
        #expect("\(e)".contains("maxConsecutiveShifts"), "\(e)")
    }

    @Test func addSitterCarriesItsOwnWeeklyRest() throws {
        let c = try Self.applied(
            #"[ { "op": "add-sitter", "like": "S4", "sitter": { "weeklyRestMinutes": 2000 } } ]"#)
        #expect(c.sitters.first { $0.id == "NEW-1" }?.weeklyRestMinutes == 2000)
        let plain = try Self.applied(#"[ { "op": "add-sitter", "like": "S4" } ]"#)
        #expect(plain.sitters.first { $0.id == "NEW-1" }?.weeklyRestMinutes == nil)
    }

    @Test func setRulesSetsTheWeeklyRestOfTheCaseOrOfSitters() throws {
        let c = try Self.applied(#"[ { "op": "set-rules", "rules": { "weeklyRestMinutes": 1920 } } ]"#)
        #expect(c.rules.weeklyRestMinutes == 1920)
        #expect(c.sitters.allSatisfy { c.weeklyRestMinutes($0) == 1920 })
        let own = try Self.applied(
            #"[ { "op": "set-rules", "rules": { "weeklyRestMinutes": 600 }, "sitters": ["S1"] } ]"#)
        #expect(own.rules.weeklyRestMinutes == nil)
        #expect(own.weeklyRestMinutes(own.sitters.first { $0.id == "S1" }!) == 600)
        #expect(own.weeklyRestMinutes(own.sitters.first { $0.id == "S4" }!) == nil)
        // -1 reads, and the changed case is refused as a case with that rule would be.
        let bad = try ScenarioFixture.scenario(#"[ { "op": "set-rules", "rules": { "weeklyRestMinutes": -1 } } ]"#)
        guard case .failure(let e) = ScenarioApplier.apply(bad, index: 0, to: try CaseFixture.smallCase()) else {
            Issue.record("a negative weekly rest applied")
            return
        }
        #expect("\(e)".contains("weeklyRestMinutes"), "\(e)")
    }
}
