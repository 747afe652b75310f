import ReliefCore
import ReliefTestSupport
import Testing

/// Hard rule 2: for two visits `a` then `b` of one sitter,
/// `a.end + travel(a, b) <= b.start`, travel between the families' territories.
@Suite("Travel: exact chaining between visits")
struct TravelTests {
    /// north and south, 30 minutes apart; F1 in north, F2 in south; S1 serves both.
    static func northSouth(secondStart: String) -> CaseBuilder {
        var b = CaseBuilder()
        b.territories = ["north", "south"]
        b.travel = [("north", "south", 30)]
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2", territory: "south")]
        b.sitters = [SitterSpec(id: "S1", territories: ["north", "south"])]
        b.visits = [
            VisitSpec(id: "V1", family: "F1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", family: "F2", start: secondStart, end: "2026-11-24T14:00"),
        ]
        return b
    }

    @Test("a.end + travel == b.start is allowed")
    func exactTravelFits() throws {
        let s = try solve(Self.northSouth(secondStart: "2026-11-24T12:30"))
        // 12:00 + 30 min = 12:30: S1 does both.
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") == ["S1"])
        #expect(s.sitters(on: "V2") == ["S1"])
    }

    @Test("one minute less than the travel time is not")
    func oneMinuteShort() throws {
        let s = try solve(Self.northSouth(secondStart: "2026-11-24T12:29"))
        // 12:00 + 30 min > 12:29: only one of the two.
        #expect(s.levels == levels(normal: 1))
        #expect(s.assignments.count == 1)
    }

    @Test("travel is symmetric: one north-south entry serves south to north")
    func symmetric() throws {
        var b = Self.northSouth(secondStart: "2026-11-24T12:30")
        // South first, 08:00-09:30, then north at 10:00 (09:30 + 30 = 10:00).
        b.visits[1].start = "2026-11-24T08:00"
        b.visits[1].end = "2026-11-24T09:30"
        #expect(try solve(b).levels == levels(normal: 2))
        b.visits[1].end = "2026-11-24T09:31"
        #expect(try solve(b).levels == levels(normal: 1))
    }

    /// Two visits in one territory; `inside` is its from==to travel entry, if any.
    static func oneTerritory(inside: Int?, secondStart: String) -> CaseBuilder {
        var b = CaseBuilder()
        if let inside { b.travel = [("north", "north", inside)] }
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2")]
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [
            VisitSpec(id: "V1", family: "F1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", family: "F2", start: secondStart, end: "2026-11-24T14:00"),
        ]
        return b
    }

    @Test("inside one territory, an explicit from==to entry is the travel time")
    func insideTerritoryEntry() throws {
        // north-north 20 min: 12:00 + 20 = 12:20 fits, 12:19 does not.
        #expect(try solve(Self.oneTerritory(inside: 20, secondStart: "2026-11-24T12:20")).levels == levels(normal: 2))
        #expect(try solve(Self.oneTerritory(inside: 20, secondStart: "2026-11-24T12:19")).levels == levels(normal: 1))
        // Without the entry travel inside north is 0, so 12:19 fits.
        #expect(try solve(Self.oneTerritory(inside: nil, secondStart: "2026-11-24T12:19")).levels == levels(normal: 2))
    }

    @Test("the rule holds between every pair of visits, not only consecutive ones")
    func nonConsecutivePair() throws {
        // a-b 5, b-c 5, a-c 60 (no triangle inequality): a 10:00-11:00, b 11:05-11:15, c 11:20-12:00.
        // a->b and b->c fit, but a.end + 60 = 12:00 > 11:20: a and c never go to one sitter.
        var b = CaseBuilder()
        b.territories = ["a", "b", "c"]
        b.travel = [("a", "b", 5), ("b", "c", 5), ("a", "c", 60)]
        b.families = [
            FamilySpec(id: "FA", territory: "a"), FamilySpec(id: "FB", territory: "b"),
            FamilySpec(id: "FC", territory: "c"),
        ]
        b.sitters = [SitterSpec(id: "S1", home: "a", territories: ["a", "b", "c"])]
        b.visits = [
            VisitSpec(id: "VA", family: "FA", start: "2026-11-24T10:00", end: "2026-11-24T11:00"),
            VisitSpec(id: "VB", family: "FB", start: "2026-11-24T11:05", end: "2026-11-24T11:15"),
            VisitSpec(id: "VC", family: "FC", start: "2026-11-24T11:20", end: "2026-11-24T12:00"),
        ]
        let s = try solve(b)
        #expect(s.levels == levels(normal: 2))
        #expect(!(s.sitters(on: "VA") == ["S1"] && s.sitters(on: "VC") == ["S1"]))
    }

    @Test("travel between two visits still holds with an on-call shift between them")
    func travelAcrossShift() throws {
        // V1 south 10:00-12:00, on call 12:00-12:10, V2 north 12:10-13:00: each touches the shift,
        // but 12:00 + 30 > 12:10, so V1 and V2 never go together.
        var b = Self.northSouth(secondStart: "2026-11-24T12:10")
        b.sitters[0].onCall = OnCallSpec()
        b.visits = [
            VisitSpec(id: "V1", family: "F2", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", family: "F1", start: "2026-11-24T12:10", end: "2026-11-24T13:00"),
        ]
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T12:00", end: "2026-11-24T12:10")]
        let s = try solve(b)
        // Level 1: the 10 on-call minutes; then one visit.
        #expect(s.levels == levels(onCall: 10, normal: 1))
        #expect(s.people(on: "OC1") == ["S1"])
    }

    @Test("on-call shifts need no travel from a visit")
    func noTravelToShift() throws {
        var b = Self.northSouth(secondStart: "2026-11-24T12:30")
        b.sitters[0].onCall = OnCallSpec()
        b.visits.removeFirst()
        // V2 south 12:30-14:00, on call from 14:00: touching is fine whatever the territory.
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T14:00", end: "2026-11-24T22:00")]
        #expect(try solve(b).levels == levels(onCall: 480, normal: 1))
    }
}
