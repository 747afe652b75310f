import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// The trainee-only explanation when the only others eligible are volunteers: a volunteer never
/// supervises a trainee (`people.md`, `Sitter.canSupervise`), so the trainees are never on it.
@Suite("Trainee-only explanations: volunteers are not supervisors")
struct TraineeVolunteerExplanationTests {
    /// A two-sitter visit open to volunteers, a trainee and a volunteer: the volunteer takes one place.
    static func pair() -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "T1", trainee: true), SitterSpec(id: "B1")]
        b.sitters[1].kind = "volunteer"
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T09:00", end: "2026-11-24T12:00", sitters: 2)]
        b.visits[0].volunteers = true
        return b
    }

    @Test func aVolunteerOnTheVisitIsNotTheTraineesSupervisor() throws {
        let s = try solve(Self.pair())
        #expect(s.sitters(on: "V1") == ["B1"])
        #expect(s.unfilledCodes("V1") == ["trainee-only"])
        // Before: "... 1 already on it; free but not used: T1 (trainees need an experienced sitter on the visit)".
        #expect(
            s.unfilled.first?.reasons.map(\.detail) == [
                "2 sitters serving north could take it; 1 already on it; "
                    + "1 sitter is a trainee, who never works a visit alone (T1)"
            ])
    }

    /// Explaining a schedule where the volunteer is free too: the volunteer's capacity, then the trainee.
    @Test func aFreeVolunteerAndATraineeAreExplainedApart() throws {
        let c = try Self.pair().read()
        let reasons = Explainer(PlanningIndex(c)).explainVisit(0, missing: 2, assignments: [:], onCall: [:])
        // Before: one capacity reason naming T1 and B1 as free but not used.
        #expect(reasons.map(\.code) == ["capacity", "trainee-only"])
        #expect(
            reasons.map(\.detail) == [
                "2 sitters serving north could take it; free but not used: B1",
                "1 sitter is a trainee, who never works a visit alone (T1)",
            ])
    }

    /// Without volunteers the explanation is the one of before: the trainee alone, by the static rule.
    @Test func aTraineeAloneIsExplainedAsBefore() throws {
        var b = Self.pair()
        b.sitters.removeLast()
        let s = try solve(b)
        #expect(
            s.unfilled.first?.reasons.map(\.detail) == ["1 sitter is a trainee, who never works a visit alone (T1)"])
    }
}
