import ReliefCore
import ReliefTestSupport
import Testing

/// Hard rule 1, trainee part: on every visit a trainee is on, at least one
/// assigned sitter is not a trainee; trainees are never on call.
@Suite("Trainees never alone, never on call")
struct TraineeTests {
    static func pair(visitNeeds: Int?) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "T1", trainee: true), SitterSpec(id: "M1")]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", sitters: visitNeeds)]
        return b
    }

    @Test("a trainee and a mentor fill a 2-sitter visit together")
    func traineeWithMentor() throws {
        let s = try solve(Self.pair(visitNeeds: 2))
        // T1 may take the second position because M1 is on the visit too.
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") == ["M1", "T1"])
    }

    @Test("two trainees cannot fill a 2-sitter visit on their own")
    func twoTraineesAlone() throws {
        var b = Self.pair(visitNeeds: 2)
        b.sitters[1].trainee = true
        let s = try solve(b)
        // Without a non-trainee, neither trainee may be on the visit: 0 instead of 2.
        #expect(s.levels == levels())
        #expect(s.missing("V1") == 2)
        #expect(s.unfilledCodes("V1") == ["trainee-only"])
    }

    @Test("a trainee alone cannot take a 1-sitter visit")
    func traineeAloneOnSingleVisit() throws {
        var b = Self.pair(visitNeeds: nil)
        b.sitters.removeLast()
        let s = try solve(b)
        // Without the rule T1 would fill it (normal 1).
        #expect(s.levels == levels())
        #expect(s.assignments.isEmpty)
        #expect(s.unfilledCodes("V1") == ["trainee-only"])
    }

    @Test("with one mentor and two overlapping 1-sitter visits, the trainee fills neither")
    func mentorBusyElsewhere() throws {
        var b = Self.pair(visitNeeds: nil)
        b.visits.append(VisitSpec(id: "V2", start: "2026-11-24T11:00", end: "2026-11-24T13:00", priority: "high"))
        let s = try solve(b)
        // M1 takes the high visit V2; T1 would be alone on V1 (and a 1-sitter visit has no room for two).
        #expect(s.levels == levels(high: 1))
        #expect(s.sitters(on: "V2") == ["M1"])
        // Capacity (M1 is on V2) and trainee-only (T1 could not go alone).
        #expect(Set(s.unfilledCodes("V1") ?? []) == ["capacity", "trainee-only"])
    }

    @Test("an urgent visit takes the only mentor, so the 2-sitter visit stays empty although a trainee is free")
    func urgentTakesMentor() throws {
        var b = Self.pair(visitNeeds: 2)
        b.visits.append(VisitSpec(id: "U1", start: "2026-11-24T11:00", end: "2026-11-24T13:00", priority: "urgent"))
        let s = try solve(b)
        // Level 2 first: M1 on U1. V1 (10:00-12:00) overlaps U1, so it could only get T1, alone: 0 normal slots.
        #expect(s.levels == levels(urgent: 1))
        #expect(s.missing("V1") == 2)
        #expect(s.unfilledCodes("V1") == ["trainee-only"])
    }

    @Test("a trainee is never on call, even with an onCall profile")
    func traineeNeverOnCall() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "T1", trainee: true, onCall: OnCallSpec(eligible: true))]
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00")]
        let s = try solve(b)
        // Without the rule T1 would cover 480 minutes.
        #expect(s.levels == levels())
        #expect(s.onCall.isEmpty)
        #expect(s.unstaffedCodes("OC1") == ["not-on-call"])

        b.sitters[0].trainee = false
        #expect(try solve(b).levels == levels(onCall: 480))
    }
}
