import ReliefCore
import ReliefTestSupport
import Testing

/// Times without an offset are wall time in the case's zone; durations are real
/// elapsed time; a wall time in the spring-forward gap is an error; an ambiguous
/// fall-back time means its first occurrence. America/Toronto, 2026: clocks go
/// back on 2026-11-01 at 02:00 EDT, forward on 2026-03-08 at 02:00 EST.
@Suite("Daylight saving time in America/Toronto")
struct DaylightSavingTests {
    static func fallBack(day: Int? = nil, week: Int? = nil, visits: [(String, String)]) -> CaseBuilder {
        var b = CaseBuilder()
        b.timeZone = "America/Toronto"
        b.horizon = ("2026-10-31T00:00", "2026-11-03T00:00")
        b.sitters = [SitterSpec(id: "S1", maxMinutesPerDay: day, maxMinutesPerWeek: week)]
        b.visits = visits.enumerated().map {
            VisitSpec(id: "V\($0.offset + 1)", start: $0.element.0, end: $0.element.1)
        }
        return b
    }

    /// 00:00-04:00 on the fall-back night (300 real minutes), then 10:00-13:00 the same day (180).
    static let fallBackDay = [("2026-11-01T00:00", "2026-11-01T04:00"), ("2026-11-01T10:00", "2026-11-01T13:00")]

    @Test("a visit from 00:00 to 04:00 on the fall-back night lasts 300 minutes")
    func fallBackDuration() throws {
        let c = try Self.fallBack(visits: Self.fallBackDay).read()
        #expect(c.visits[0].minutes == 300)
        #expect(c.visits[1].minutes == 180)
    }

    @Test("the fall-back visit counts 300 minutes against the day limit")
    func fallBackDayLimit() throws {
        // 300 + 180 = 480 > 450: one visit only (wall-clock hours, 240 + 180 = 420, would have fit).
        #expect(try solve(Self.fallBack(day: 450, visits: Self.fallBackDay)).levels == levels(normal: 1))
        #expect(try solve(Self.fallBack(day: 480, visits: Self.fallBackDay)).levels == levels(normal: 2))
    }

    @Test("the fall-back visit counts 300 minutes against the week limit")
    func fallBackWeekLimit() throws {
        let twoDays = [("2026-11-01T00:00", "2026-11-01T04:00"), ("2026-11-02T10:00", "2026-11-02T13:00")]
        #expect(try solve(Self.fallBack(week: 479, visits: twoDays)).levels == levels(normal: 1))
        #expect(try solve(Self.fallBack(week: 480, visits: twoDays)).levels == levels(normal: 2))
    }

    @Test("an on-call shift over the fall-back night counts its real minutes")
    func fallBackShift() throws {
        var b = Self.fallBack(visits: [])
        b.sitters[0].onCall = OnCallSpec()
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-01T00:00", end: "2026-11-01T08:00")]
        // Eight wall-clock hours, nine real ones.
        #expect(try solve(b).levels == levels(onCall: 540))
    }

    @Test("an ambiguous fall-back time means its first occurrence (EDT)")
    func ambiguousMeansFirst() throws {
        // V1 is the second 01:00-02:00 (EST, explicit offset); V2 is 01:30-01:45 without offset,
        // i.e. the first occurrence, 30 minutes before V1 starts: one sitter does both.
        var b = Self.fallBack(visits: [
            ("2026-11-01T01:00-05:00", "2026-11-01T02:00-05:00"), ("2026-11-01T01:30", "2026-11-01T01:45"),
        ])
        let c = try b.read()
        #expect(c.visits[1].span.start == (try c.clock.parse("2026-11-01T01:30-04:00").get()))
        #expect(c.visits[1].span.start == (try c.clock.parse("2026-11-01T05:30Z").get()))
        #expect(try solve(c).levels == levels(normal: 2))

        // Had it meant the second occurrence, V2 would lie inside V1.
        b.visits[1].start = "2026-11-01T01:30-05:00"
        b.visits[1].end = "2026-11-01T01:45-05:00"
        #expect(try solve(b).levels == levels(normal: 1))
    }

    @Test("an ambiguous end time is its first occurrence too: 00:30 to 01:30 lasts 60 minutes")
    func ambiguousEnd() throws {
        let c = try Self.fallBack(visits: [("2026-11-01T00:30", "2026-11-01T01:30")]).read()
        #expect(c.visits[0].minutes == 60)
    }

    static func springForward(start: String, end: String) -> CaseBuilder {
        var b = CaseBuilder()
        b.horizon = ("2026-03-07T00:00", "2026-03-10T00:00")
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [VisitSpec(id: "V1", start: start, end: end)]
        return b
    }

    @Test("a local time in the spring-forward gap is a validation error at its JSON path")
    func springForwardGap() throws {
        let error = #expect(throws: InputError.self) {
            try Self.springForward(start: "2026-03-08T02:30", end: "2026-03-08T04:00").read()
        }
        #expect(error?.errors.map(\.path) == ["$.visits[0].start"])
        #expect(error?.errors.first?.message.contains("does not exist") == true)
    }

    @Test("a spring-forward night visit from 00:00 to 04:00 lasts 180 minutes")
    func springForwardDuration() throws {
        let b = Self.springForward(start: "2026-03-08T00:00", end: "2026-03-08T04:00")
        #expect(try b.read().visits[0].minutes == 180)
        var tight = b
        tight.sitters[0].maxMinutesPerDay = 180
        #expect(try solve(tight).levels == levels(normal: 1))
    }
}
