import ReliefCore
import ReliefTestSupport
import Testing

/// Hard rules 2 and 3 without travel: one sitter is in one place at a time;
/// touching ends are fine.
@Suite("Overlaps: visit/visit, visit/on-call, on-call/on-call")
struct OverlapTests {
    static func oneSitter(onCall: Bool = false) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", onCall: onCall ? OnCallSpec() : nil)]
        return b
    }

    @Test("two overlapping visits: one sitter takes one")
    func visitsOverlap() throws {
        var b = Self.oneSitter()
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-24T11:59", end: "2026-11-24T14:00"),
        ]
        let s = try solve(b)
        // One minute of overlap is enough to forbid both.
        #expect(s.levels == levels(normal: 1))
        #expect(s.assignments.count == 1)
    }

    @Test("two visits touching end to start: one sitter takes both")
    func visitsTouch() throws {
        var b = Self.oneSitter()
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-24T12:00", end: "2026-11-24T14:00"),
        ]
        let s = try solve(b)
        // Same territory, no from==to travel entry: travel 0, 12:00 + 0 <= 12:00.
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") == ["S1"])
        #expect(s.sitters(on: "V2") == ["S1"])
    }

    @Test("a visit inside an on-call shift: the on-call person cannot take it")
    func visitOverlapsShift() throws {
        var b = Self.oneSitter(onCall: true)
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T08:00", end: "2026-11-24T16:00")]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00")]
        let s = try solve(b)
        // Level 1 first: S1 on call for 480 minutes, so V1 stays empty.
        #expect(s.levels == levels(onCall: 480))
        #expect(s.assignments.isEmpty)
        #expect(s.unfilledCodes("V1") == ["capacity"])
    }

    @Test("a visit touching an on-call shift: one sitter does both")
    func visitTouchesShift() throws {
        var b = Self.oneSitter(onCall: true)
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T00:00", end: "2026-11-24T08:00")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T10:00"),
            VisitSpec(id: "V0", start: "2026-11-23T22:00", end: "2026-11-24T00:00"),
        ]
        let s = try solve(b)
        // V0 ends when the shift starts, V1 starts when it ends.
        #expect(s.levels == levels(onCall: 480, normal: 2))
    }

    @Test("two overlapping shifts: one person takes the longer one")
    func shiftsOverlap() throws {
        var b = Self.oneSitter(onCall: true)
        b.shifts = [
            ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00"),
            ShiftSpec(id: "OC2", start: "2026-11-23T07:00", end: "2026-11-23T19:00"),
        ]
        let s = try solve(b)
        // 480 or 720 minutes, not both (1200).
        #expect(s.levels == levels(onCall: 720))
        #expect(s.people(on: "OC2") == ["S1"])
        #expect(s.unstaffedCodes("OC1") == ["capacity"])
    }

    @Test("two touching shifts: one person takes both")
    func shiftsTouch() throws {
        var b = Self.oneSitter(onCall: true)
        b.shifts = [
            ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00"),
            ShiftSpec(id: "OC2", start: "2026-11-23T08:00", end: "2026-11-23T20:00"),
        ]
        let s = try solve(b)
        #expect(s.levels == levels(onCall: 1200))
    }

    @Test("two sitters cover two overlapping visits")
    func twoSittersTwoVisits() throws {
        var b = Self.oneSitter()
        b.sitters.append(SitterSpec(id: "S2"))
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-24T11:00", end: "2026-11-24T13:00"),
        ]
        let s = try solve(b)
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") != s.sitters(on: "V2"))
    }
}
