import ReliefCore
import Testing

/// `people.md` in the what-if changes and the case's warnings: a volunteer never supervises.
@Suite("Volunteers in scenarios and warnings")
struct VolunteerScenarioTests {
    @Test("removing the employee of a locked visit left with a trainee and a volunteer unlocks it")
    func removeSupervisorUnlocks() throws {
        var base = try CaseFixture.smallCase()
        let v4 = try #require(base.visits.firstIndex { $0.id == "V4" })
        // S2 and S3 as S1 is (eligible for V4), S2 a trainee, S3 a volunteer.
        for (i, id) in [(1, "S2"), (2, "S3")] {
            base.sitters[i] = base.sitters[0]
            base.sitters[i].id = id
            base.sitters[i].onCall = nil
        }
        base.sitters[1].trainee = true
        base.sitters[2].kind = .volunteer
        base.visits[v4].sitters = 3
        base.visits[v4].volunteers = true
        base.visits[v4].assigned = ["S1", "S2", "S3"]
        base.visits[v4].locked = true
        let s = try ScenarioFixture.scenario(#"[ { "op": "remove-sitter", "sitter": "S1" } ]"#)
        let c = try ScenarioApplier.apply(s, index: 0, to: base).get()
        let after = try #require(c.visits.first { $0.id == "V4" })
        #expect(after.assigned == ["S2", "S3"])
        #expect(after.locked == false)
        // With S3 an employee, S3 supervises S2: the lock stays.
        base.sitters[2].kind = .employee
        let kept = try ScenarioApplier.apply(s, index: 0, to: base).get()
        #expect(kept.visits.first { $0.id == "V4" }?.locked == true)
    }

    @Test("a volunteer with onCall eligible is warned about, at the place")
    func volunteerOnCallWarning() throws {
        var c = try CaseFixture.smallCase()
        c.sitters[0].kind = .volunteer
        c.sitters[0].onCall = OnCallProfile(eligible: true)
        let warnings = CaseValidator.check(c).filter { $0.severity != .error }
        #expect(warnings.contains { $0.message.contains("volunteer") && "\($0.location)".contains("onCall") })
    }
}
