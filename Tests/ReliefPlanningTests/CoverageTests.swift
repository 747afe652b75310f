import ReliefCore
import ReliefTestSupport
import Testing

/// Hard rule 6: no visit gets more sitters than `sitters`, no shift more people
/// than `staff`; and each position counts in the levels.
@Suite("Coverage: sitters per visit, staff per shift")
struct CoverageTests {
    static let tuesday = ("2026-11-24T10:00", "2026-11-24T12:00")

    static func threeSitters(visitNeeds: Int?) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1"), SitterSpec(id: "S2"), SitterSpec(id: "S3")]
        b.visits = [VisitSpec(id: "V1", start: tuesday.0, end: tuesday.1, sitters: visitNeeds)]
        return b
    }

    @Test("a visit needing 2 sitters gets 2 of 3 free sitters, never 3")
    func doubleStaffedVisit() throws {
        let s = try solve(Self.threeSitters(visitNeeds: 2))
        // Two positions, three free sitters: both positions are filled, the third sitter stays home.
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1").count == 2)
        #expect(s.unfilled.isEmpty)
    }

    @Test("the same visit needing 1 sitter gets exactly 1")
    func singleStaffedVisit() throws {
        let s = try solve(Self.threeSitters(visitNeeds: nil))
        // `sitters` defaults to 1: one position, so one sitter, though three are free.
        #expect(s.levels == levels(normal: 1))
        #expect(s.sitters(on: "V1").count == 1)
    }

    @Test("a 2-sitter visit with one eligible sitter is half filled and reported missing 1")
    func doubleStaffedVisitHalfFilled() throws {
        var b = Self.threeSitters(visitNeeds: 2)
        b.visits[0].competencies = ["autism"]
        b.sitters[0].competencies = ["autism"]
        let s = try solve(b)
        // Only S1 has autism: one of the two positions is filled.
        #expect(s.levels == levels(normal: 1))
        #expect(s.sitters(on: "V1") == ["S1"])
        #expect(s.missing("V1") == 1)
    }

    @Test("two double-staffed visits at the same time share 3 sitters: 3 positions")
    func twoDoubleStaffedVisitsShareSitters() throws {
        var b = Self.threeSitters(visitNeeds: 2)
        b.visits.append(VisitSpec(id: "V2", start: Self.tuesday.0, end: Self.tuesday.1, sitters: 2, priority: "high"))
        let s = try solve(b)
        // Four positions, three sitters, each on one visit at a time. High first: V2 gets 2, V1 the last one.
        #expect(s.levels == levels(high: 2, normal: 1))
        #expect(s.missing("V1") == 1)
        #expect(s.unfilledCodes("V1") == ["capacity"])
    }

    static func shift(staff: Int?, eligible: Int) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = (1...3).map { SitterSpec(id: "S\($0)", onCall: $0 <= eligible ? OnCallSpec() : nil) }
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00", staff: staff)]
        return b
    }

    @Test("a shift with staff 2 gets 2 of 3 eligible people: 2 x 480 minutes")
    func shiftStaffTwo() throws {
        let s = try solve(Self.shift(staff: 2, eligible: 3))
        // 00:00-08:00 is 480 minutes; two staffed positions count 960, a third person is not allowed.
        #expect(s.levels == levels(onCall: 960))
        #expect(s.people(on: "OC1").count == 2)
        #expect(s.unstaffedShifts.isEmpty)
    }

    @Test("a shift with default staff gets 1 person")
    func shiftStaffDefault() throws {
        let s = try solve(Self.shift(staff: nil, eligible: 3))
        #expect(s.levels == levels(onCall: 480))
        #expect(s.people(on: "OC1").count == 1)
    }

    @Test("a shift with staff 2 and one eligible person is reported missing 1")
    func shiftStaffTwoHalfStaffed() throws {
        let s = try solve(Self.shift(staff: 2, eligible: 1))
        // S2 and S3 have no onCall profile: only S1 can be on call.
        #expect(s.levels == levels(onCall: 480))
        #expect(s.people(on: "OC1") == ["S1"])
        #expect(s.missingStaff("OC1") == 1)
    }
}
