import Foundation
import Testing

@testable import ReliefCore

/// The contract's clock: ISO 8601 with and without offsets, local wall time in
/// the case's zone, the spring-forward gap, the fall-back fold, real durations.
@Suite("Time")
struct TimeTests {
    let toronto = CaseClock(identifier: "America/Toronto")!
    let utc = CaseClock(identifier: "UTC")!

    /// The instant of a UTC wall time.
    func utcInstant(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> Instant {
        let day = LocalDate(year: y, month: mo, dayOfMonth: d)!.day
        return Instant(seconds: Int64(day) * 86400 + Int64(h * 3600 + mi * 60 + s))
    }

    func parse(_ text: String, _ clock: CaseClock? = nil) -> Instant? {
        if case .success(let t) = (clock ?? toronto).parse(text) { return t }
        return nil
    }

    // MARK: - ISO 8601

    @Test func explicitOffsetZAndLocalWallTimeAgree() {
        let expected = utcInstant(2026, 11, 24, 23, 0)
        #expect(parse("2026-11-24T18:00-05:00") == expected)
        #expect(parse("2026-11-24T23:00Z") == expected)
        #expect(parse("2026-11-24T23:00+00:00") == expected)
        #expect(parse("2026-11-25T04:30+05:30") == expected)
        #expect(parse("2026-11-24T18:00") == expected)  // EST in Toronto
        #expect(parse("2026-11-24T18:00:00") == expected)
        #expect(parse("2026-11-24 18:00") == expected)
        #expect(parse("2026-11-24T18:00-0500") == expected)
        #expect(parse("2026-11-24T18:00-05") == expected)
    }

    @Test func summerLocalTimeUsesDaylightOffset() {
        #expect(parse("2026-07-01T12:00") == utcInstant(2026, 7, 1, 16, 0))
        #expect(toronto.format(utcInstant(2026, 7, 1, 16, 0)) == "2026-07-01T12:00-04:00")
    }

    @Test func secondsAndFractions() {
        #expect(parse("2026-11-24T18:00:30Z") == utcInstant(2026, 11, 24, 18, 0, 30))
        #expect(parse("2026-11-24T18:00:30.999Z") == utcInstant(2026, 11, 24, 18, 0, 30))
        #expect(parse("2026-11-24T18:00:59") == utcInstant(2026, 11, 24, 23, 0, 59))
    }

    @Test(arguments: [
        "", "2026-11-24", "2026-11-24T18", "2026-11-24T18:0", "2026-13-01T00:00", "2026-00-10T00:00",
        "2026-02-29T00:00", "2026-04-31T00:00", "2026-11-24T24:00", "2026-11-24T18:60", "2026-11-24T18:00:60",
        "2026-11-24T18:00+5", "2026-11-24T18:00+19:00", "2026-11-24T18:00+05:60", "2026-11-24T18:00 ",
        "2026-11-24T18:00Z0", "2026-11-24T18:00.5", "2026-11-24T18:00:30.", "2026-11-24t18:00", "2026/11/24T18:00",
        "0000-01-01T00:00", "+2026-11-24T18:00", "２０２６-11-24T18:00", "2026-11-24T18:00\u{0}",
        "2026-11-24T18:00\u{200F}",
        "2026-11-24T18:00-05:00Z", "2026-1-24T18:00", "-2026-11-24T18:00",
    ])
    func malformedTimesAreRefused(_ text: String) {
        #expect(toronto.parse(text) == .failure(.malformed))
    }

    @Test func formatsWithTheZoneOffset() {
        let t = utcInstant(2026, 11, 24, 23, 0)
        #expect(toronto.format(t) == "2026-11-24T18:00-05:00")
        #expect(toronto.formatLocal(t) == "2026-11-24T18:00")
        #expect(utc.format(t) == "2026-11-24T23:00Z")
        #expect(t.description == "2026-11-24T23:00Z")
        #expect(utc.format(utcInstant(2026, 11, 24, 23, 0, 7)) == "2026-11-24T23:00:07Z")
        #expect(CaseClock(identifier: "Asia/Kolkata")!.format(t) == "2026-11-25T04:30+05:30")
    }

    @Test func formattedTimesParseBack() {
        for clock in [
            toronto, utc, CaseClock(identifier: "Asia/Kolkata")!, CaseClock(identifier: "Australia/Lord_Howe")!,
        ] {
            var t = utcInstant(2026, 1, 1, 0, 0)
            while t < utcInstant(2027, 1, 1, 0, 0) {
                #expect(parse(clock.format(t), clock) == t, "\(clock.identifier) \(clock.format(t))")
                t = t.adding(minutes: 60 * 24 * 3 + 17)
            }
        }
    }

    @Test func unknownZoneIsRefused() {
        #expect(CaseClock(identifier: "Mars/Olympus_Mons") == nil)
        #expect(CaseClock(identifier: "America/Toronto")?.identifier == "America/Toronto")
    }

    // MARK: - DST in America/Toronto (2026: spring forward March 8, fall back November 1)

    @Test(arguments: ["2026-03-08T02:00", "2026-03-08T02:30", "2026-03-08T02:59", "2026-03-08T02:59:59"])
    func springForwardGapDoesNotExist(_ text: String) {
        #expect(toronto.parse(text) == .failure(.nonexistentLocalTime))
    }

    @Test func aroundTheSpringForwardGap() {
        #expect(parse("2026-03-08T01:59") == utcInstant(2026, 3, 8, 6, 59))
        #expect(parse("2026-03-08T03:00") == utcInstant(2026, 3, 8, 7, 0))
        // With an explicit offset the same wall time is a plain instant.
        #expect(parse("2026-03-08T02:30-05:00") == utcInstant(2026, 3, 8, 7, 30))
        #expect(parse("2026-03-08T02:30Z") == utcInstant(2026, 3, 8, 2, 30))
    }

    @Test func fallBackAmbiguousTimeMeansTheFirstOccurrence() {
        // 01:30 happens twice: first in EDT (05:30Z), then in EST (06:30Z).
        #expect(parse("2026-11-01T01:30") == utcInstant(2026, 11, 1, 5, 30))
        #expect(parse("2026-11-01T01:00") == utcInstant(2026, 11, 1, 5, 0))
        #expect(parse("2026-11-01T01:59") == utcInstant(2026, 11, 1, 5, 59))
        #expect(parse("2026-11-01T01:30-05:00") == utcInstant(2026, 11, 1, 6, 30))
        #expect(parse("2026-11-01T02:00") == utcInstant(2026, 11, 1, 7, 0))
    }

    @Test func durationsAreRealElapsedTime() throws {
        let fallStart = try #require(parse("2026-11-01T00:00"))
        let fallEnd = try #require(parse("2026-11-01T04:00"))
        #expect(TimeSpan(start: fallStart, end: fallEnd).minutes == 300)
        let springStart = try #require(parse("2026-03-08T00:00"))
        let springEnd = try #require(parse("2026-03-08T04:00"))
        #expect(TimeSpan(start: springStart, end: springEnd).minutes == 180)
        let plain = TimeSpan(start: parse("2026-11-24T18:00")!, end: parse("2026-11-24T22:00")!)
        #expect(plain.minutes == 240)
        // A whole local fall-back day lasts 25 hours.
        #expect(parse("2026-11-01T00:00")!.minutes(to: parse("2026-11-02T00:00")!) == 25 * 60)
    }

    @Test func minutesRoundToTheNearestMinute() {
        let t = Instant(seconds: 1_000_000)
        #expect(t.minutes(to: Instant(seconds: 1_000_029)) == 0)
        #expect(t.minutes(to: Instant(seconds: 1_000_031)) == 1)
        #expect(t.minutes(to: Instant(seconds: 1_000_089)) == 1)
        #expect(t.minutes(to: Instant(seconds: 999_940)) == -1)
        #expect(t.adding(minutes: 90).seconds == 1_005_400)
    }

    @Test func halfMinutesRoundLikeTheContractChecker() {
        // relief_check.py counts minutes as Python's round(seconds / 60), which rounds
        // halves to even: 30 s is 0 minutes, 150 s is 2. With a different rule the
        // same on-call shifts give different levels (two shifts of 00:00-00:00:30 and
        // 00:00:30-24:00 make 1441 minutes here, 1440 there).
        let t = Instant(seconds: 0)
        #expect(t.minutes(to: Instant(seconds: 90)) == 2)
        #expect(t.minutes(to: Instant(seconds: 30)) == 0)
        #expect(t.minutes(to: Instant(seconds: 150)) == 2)
    }

    @Test func onlyIANANamesAreTimeZones() {
        #expect(CaseClock(identifier: "Etc/GMT+5") != nil)
        #expect(CaseClock(identifier: "america/toronto") == nil)
        // Foundation also takes "GMT+5" (UTC+5, where IANA's Etc/GMT+5 is UTC-5) and
        // "UTC+3"; the contract names IANA zones, and relief_check.py refuses these.
        #expect(CaseClock(identifier: "GMT+5") == nil)
        #expect(CaseClock(identifier: "UTC+3") == nil)
        #expect(CaseClock(identifier: "GMT+05:30") == nil)
    }

    // MARK: - Local dates

    @Test func localDateAroundMidnight() {
        #expect(toronto.localDate(parse("2026-11-24T23:59")!).description == "2026-11-24")
        #expect(toronto.localDate(parse("2026-11-25T00:00")!).description == "2026-11-25")
        // 04:59Z is still the evening before in Toronto; 05:00Z is midnight.
        #expect(toronto.localDate(utcInstant(2026, 11, 25, 4, 59)).description == "2026-11-24")
        #expect(toronto.localDate(utcInstant(2026, 11, 25, 5, 0)).description == "2026-11-25")
        // In summer the day changes at 04:00Z.
        #expect(toronto.localDate(utcInstant(2026, 7, 2, 3, 59)).description == "2026-07-01")
        #expect(toronto.localDate(utcInstant(2026, 7, 2, 4, 0)).description == "2026-07-02")
    }

    @Test func localDateWithOtherOffsets() {
        let kolkata = CaseClock(identifier: "Asia/Kolkata")!
        #expect(kolkata.localDate(utcInstant(2026, 11, 24, 18, 29)).description == "2026-11-24")
        #expect(kolkata.localDate(utcInstant(2026, 11, 24, 18, 30)).description == "2026-11-25")
        let kiritimati = CaseClock(identifier: "Pacific/Kiritimati")!
        #expect(kiritimati.localDate(utcInstant(2026, 11, 24, 10, 0)).description == "2026-11-25")
        let pagoPago = CaseClock(identifier: "Pacific/Pago_Pago")!
        #expect(pagoPago.localDate(utcInstant(2026, 11, 24, 10, 0)).description == "2026-11-23")
        // An instant written with an offset still falls on the case's local date.
        #expect(toronto.localDate(parse("2026-11-25T01:00+02:00")!).description == "2026-11-24")
    }

    @Test func localDateBeforeTheEpoch() {
        #expect(utc.localDate(Instant(seconds: -1)).description == "1969-12-31")
        #expect(utc.localDate(Instant(seconds: -86400)).description == "1969-12-31")
        #expect(utc.localDate(Instant(seconds: -86401)).description == "1969-12-30")
        #expect(utc.localDate(Instant(seconds: 0)).description == "1970-01-01")
        #expect(toronto.localDate(Instant(seconds: 3600)).description == "1969-12-31")
    }

    @Test(arguments: [
        "1970-01-01", "2026-11-23", "2000-02-29", "2028-02-29", "1999-12-31", "0001-01-01", "9999-12-31", "1600-03-01",
    ])
    func localDateRoundTrips(_ text: String) throws {
        let d = try #require(LocalDate.parse(text))
        #expect(d.description == text)
        #expect(LocalDate(day: d.day).description == text)
        let c = d.components
        #expect(LocalDate(year: c.year, month: c.month, dayOfMonth: c.day) == d)
    }

    @Test func localDateDaysAreConsecutive() {
        #expect(LocalDate(year: 1970, month: 1, dayOfMonth: 1)!.day == 0)
        // Every day from 1899 to 2201 (leap rules of 1900, 2000 and 2100 included) maps to the next calendar date.
        var previous = LocalDate(year: 1899, month: 1, dayOfMonth: 1)!
        var day = previous.day + 1
        while day <= LocalDate(year: 2201, month: 12, dayOfMonth: 31)!.day {
            let d = LocalDate(day: day)
            let c = d.components
            let p = previous.components
            let next =
                (c.year == p.year && c.month == p.month && c.day == p.day + 1)
                || (c.year == p.year && c.month == p.month + 1 && c.day == 1
                    && p.day == LocalDate.daysIn(year: p.year, month: p.month))
                || (c.year == p.year + 1 && c.month == 1 && c.day == 1 && p.month == 12 && p.day == 31)
            if !next {
                Issue.record("\(previous) is followed by \(d)")
                return
            }
            previous = d
            day += 1
        }
    }

    @Test(arguments: [
        "2026-02-29", "2100-02-29", "2026-04-31", "2026-13-01", "2026-00-01", "2026-01-00", "0000-01-01", "2026-1-01",
        "2026/01/01", "2026-01-01T", "+026-01-01", "20260101", "", "2026-01-1x",
    ])
    func invalidDatesAreRefused(_ text: String) {
        #expect(LocalDate.parse(text) == nil)
    }

    @Test func datesCompareInCalendarOrder() {
        #expect(LocalDate.parse("2026-11-30")! < LocalDate.parse("2026-12-01")!)
        #expect(LocalDate.parse("2026-12-31")! < LocalDate.parse("2027-01-01")!)
        #expect(LocalDate.daysIn(year: 2024, month: 2) == 29)
        #expect(LocalDate.daysIn(year: 1900, month: 2) == 28)
    }

    // MARK: - Spans

    @Test func spansTouchingEndsDoNotOverlap() {
        let a = TimeSpan(start: Instant(seconds: 0), end: Instant(seconds: 3600))
        let b = TimeSpan(start: Instant(seconds: 3600), end: Instant(seconds: 7200))
        #expect(!a.overlaps(b))
        #expect(!b.overlaps(a))
        #expect(a.overlaps(TimeSpan(start: Instant(seconds: 3599), end: Instant(seconds: 3601))))
        #expect(TimeSpan(start: Instant(seconds: 0), end: Instant(seconds: 7200)).contains(b))
        #expect(!a.contains(b))
        let merged = mergeSpans([b, a, TimeSpan(start: Instant(seconds: 9000), end: Instant(seconds: 9600))])
        #expect(
            merged == [
                TimeSpan(start: Instant(seconds: 0), end: Instant(seconds: 7200)),
                TimeSpan(start: Instant(seconds: 9000), end: Instant(seconds: 9600)),
            ])
    }
}
