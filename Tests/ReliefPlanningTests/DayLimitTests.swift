import ReliefCore
import ReliefTestSupport
import Testing

/// Hard rule 4: visit minutes per local calendar day (a visit counts on the day
/// it starts) and in the whole horizon, sitter values over `rules`.
@Suite("Day and week minutes")
struct DayLimitTests {
    /// One sitter and the given visits (start, end), all normal.
    static func sitter(day: Int? = nil, week: Int? = nil, visits: [(String, String)]) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", maxMinutesPerDay: day, maxMinutesPerWeek: week)]
        b.visits = visits.enumerated().map {
            VisitSpec(id: "V\($0.offset + 1)", start: $0.element.0, end: $0.element.1)
        }
        return b
    }

    /// Two 180-minute visits on Tuesday.
    static let sameDay = [("2026-11-24T09:00", "2026-11-24T12:00"), ("2026-11-24T13:00", "2026-11-24T16:00")]

    @Test("rules.maxMinutesPerDay: 2 x 180 > 300 on one day, fine on two days")
    func rulesDayLimit() throws {
        var b = Self.sitter(visits: Self.sameDay)
        b.maxMinutesPerDay = 300
        #expect(try solve(b).levels == levels(normal: 1))
        b.visits[1].start = "2026-11-25T13:00"
        b.visits[1].end = "2026-11-25T16:00"
        #expect(try solve(b).levels == levels(normal: 2))
    }

    @Test("the default day limit is 720")
    func defaultDayLimit() throws {
        // 09:00-15:00 and 15:00-21:01: 360 + 361 = 721 > 720.
        var b = Self.sitter(visits: [
            ("2026-11-24T09:00", "2026-11-24T15:00"), ("2026-11-24T15:00", "2026-11-24T21:01"),
        ])
        #expect(try solve(b).levels == levels(normal: 1))
        b.visits[1].end = "2026-11-24T21:00"
        #expect(try solve(b).levels == levels(normal: 2))
    }

    @Test("a sitter's maxMinutesPerDay overrides rules, tighter or looser")
    func sitterDayOverride() throws {
        // Rules allow 720, the sitter 300: 360 does not fit.
        #expect(try solve(Self.sitter(day: 300, visits: Self.sameDay)).levels == levels(normal: 1))
        // Rules allow 300, the sitter 400: 360 fits.
        var b = Self.sitter(day: 400, visits: Self.sameDay)
        b.maxMinutesPerDay = 300
        #expect(try solve(b).levels == levels(normal: 2))
    }

    @Test("a visit from 22:00 to 02:00 counts on the day it starts, not the next")
    func overnightCountsOnStartDay() throws {
        // Mon 22:00-Tue 02:00 (240) and Tue 10:00-13:00 (180), limit 300: Mon 240, Tue 180, both fit.
        // Counted on Tuesday (or split across days) Tuesday would hold 420 or 300+ and one would go.
        let b = Self.sitter(
            day: 300, visits: [("2026-11-23T22:00", "2026-11-24T02:00"), ("2026-11-24T10:00", "2026-11-24T13:00")])
        let s = try solve(b)
        #expect(s.levels == levels(normal: 2))
        #expect(s.assignments.count == 2)
    }

    @Test("a visit from 22:00 to 02:00 fills the day it starts")
    func overnightFillsStartDay() throws {
        // Mon 08:00-11:00 (180) and Mon 22:00-Tue 02:00 (240), limit 300: 420 on Monday, one must go.
        let b = Self.sitter(
            day: 300, visits: [("2026-11-23T08:00", "2026-11-23T11:00"), ("2026-11-23T22:00", "2026-11-24T02:00")])
        #expect(try solve(b).levels == levels(normal: 1))
    }

    /// Three 240-minute visits on Monday, Tuesday and Wednesday.
    static let threeDays = [
        ("2026-11-23T10:00", "2026-11-23T14:00"), ("2026-11-24T10:00", "2026-11-24T14:00"),
        ("2026-11-25T10:00", "2026-11-25T14:00"),
    ]

    @Test("rules.maxMinutesPerWeek counts the whole horizon")
    func rulesWeekLimit() throws {
        var b = Self.sitter(visits: Self.threeDays)
        b.maxMinutesPerWeek = 600
        // 3 x 240 = 720 > 600, 2 x 240 = 480 fits.
        #expect(try solve(b).levels == levels(normal: 2))
        b.maxMinutesPerWeek = 720
        #expect(try solve(b).levels == levels(normal: 3))
    }

    @Test("a sitter's maxMinutesPerWeek overrides rules, tighter or looser")
    func sitterWeekOverride() throws {
        // Rules default 3000, sitter 479: one 240-minute visit only.
        #expect(try solve(Self.sitter(week: 479, visits: Self.threeDays)).levels == levels(normal: 1))
        // Rules 300, sitter 720: all three.
        var b = Self.sitter(week: 720, visits: Self.threeDays)
        b.maxMinutesPerWeek = 300
        #expect(try solve(b).levels == levels(normal: 3))
    }

    @Test("on-call minutes do not count as visit minutes")
    func onCallNotCounted() throws {
        var b = Self.sitter(day: 180, week: 180, visits: [("2026-11-24T10:00", "2026-11-24T13:00")])
        b.sitters[0].onCall = OnCallSpec()
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T14:00", end: "2026-11-24T22:00")]
        // 180 visit minutes reach both limits; the 480 on-call minutes do not count against them.
        #expect(try solve(b).levels == levels(onCall: 480, normal: 1))
    }

    @Test("the day limit makes a second sitter take the second visit")
    func limitSharesWork() throws {
        var b = Self.sitter(day: 300, visits: Self.sameDay)
        b.sitters.append(SitterSpec(id: "S2", maxMinutesPerDay: 300))
        let s = try solve(b)
        #expect(s.levels == levels(normal: 2))
        #expect(Set(s.assignments.map(\.sitter)) == ["S1", "S2"])
    }
}
