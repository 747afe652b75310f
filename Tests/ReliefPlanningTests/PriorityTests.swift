import ReliefCore
import ReliefTestSupport
import Testing

/// The lexicographic levels: on-call minutes, then urgent, high and normal
/// positions; a lower level only breaks ties of the levels above.
@Suite("Lexicographic order of the levels")
struct PriorityTests {
    static func oneSitter(onCall: Bool = false) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", onCall: onCall ? OnCallSpec() : nil)]
        return b
    }

    @Test("30 on-call minutes beat an urgent visit")
    func onCallBeatsUrgent() throws {
        var b = Self.oneSitter(onCall: true)
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T10:00", end: "2026-11-24T10:30")]
        b.visits = [VisitSpec(id: "U1", start: "2026-11-24T09:00", end: "2026-11-24T12:00", priority: "urgent")]
        let s = try solve(b)
        // Level 1 decides alone, however short the shift: S1 on call, U1 empty.
        #expect(s.levels == levels(onCall: 30))
        #expect(s.people(on: "OC1") == ["S1"])
        #expect(s.assignments.isEmpty)
    }

    @Test("one urgent position beats two high ones")
    func urgentBeatsHigh() throws {
        var b = Self.oneSitter()
        // H1 and H2 fit together; U1 overlaps both.
        b.visits = [
            VisitSpec(id: "H1", start: "2026-11-24T08:00", end: "2026-11-24T10:30", priority: "high"),
            VisitSpec(id: "U1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", priority: "urgent"),
            VisitSpec(id: "H2", start: "2026-11-24T11:30", end: "2026-11-24T14:00", priority: "high"),
        ]
        let s = try solve(b)
        #expect(s.levels == levels(urgent: 1))
        #expect(s.sitters(on: "U1") == ["S1"])
    }

    @Test("one high position beats two normal ones")
    func highBeatsNormal() throws {
        var b = Self.oneSitter()
        b.visits = [
            VisitSpec(id: "N1", start: "2026-11-24T08:00", end: "2026-11-24T10:30"),
            VisitSpec(id: "H1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", priority: "high"),
            VisitSpec(id: "N2", start: "2026-11-24T11:30", end: "2026-11-24T14:00", priority: "normal"),
        ]
        let s = try solve(b)
        #expect(s.levels == levels(high: 1))
        #expect(s.sitters(on: "H1") == ["S1"])
    }

    @Test("an urgent visit needing 2 counts 2 positions: both sitters go there, not 1 urgent + 1 high")
    func positionsCount() throws {
        var b = Self.oneSitter()
        b.sitters.append(SitterSpec(id: "S2"))
        b.visits = [
            VisitSpec(id: "U2", start: "2026-11-24T10:00", end: "2026-11-24T12:00", sitters: 2, priority: "urgent"),
            VisitSpec(id: "H1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", priority: "high"),
        ]
        let s = try solve(b)
        #expect(s.levels == levels(urgent: 2))
        #expect(s.sitters(on: "U2") == ["S1", "S2"])
    }

    @Test("lower levels still count once the higher ones are settled")
    func lowerLevelsBreakTies() throws {
        var b = Self.oneSitter(onCall: true)
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T00:00", end: "2026-11-24T08:00")]
        b.visits = [
            VisitSpec(id: "U1", start: "2026-11-24T08:00", end: "2026-11-24T10:00", priority: "urgent"),
            VisitSpec(id: "H1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", priority: "high"),
            VisitSpec(id: "N1", start: "2026-11-24T12:00", end: "2026-11-24T14:00"),
            VisitSpec(id: "N2", start: "2026-11-24T13:00", end: "2026-11-24T15:00"),
        ]
        let s = try solve(b)
        // Everything chains except N1/N2, which overlap: one of them.
        #expect(s.levels == levels(onCall: 480, urgent: 1, high: 1, normal: 1))
    }

    @Test("a high visit is filled before a longer normal one, whatever the minutes")
    func priorityNotMinutes() throws {
        var b = Self.oneSitter()
        b.visits = [
            VisitSpec(id: "N1", start: "2026-11-24T08:00", end: "2026-11-24T20:00"),
            VisitSpec(id: "H1", start: "2026-11-24T19:00", end: "2026-11-24T19:30", priority: "high"),
        ]
        #expect(try solve(b).levels == levels(high: 1))
    }
}
