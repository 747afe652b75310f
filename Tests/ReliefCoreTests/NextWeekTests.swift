import Foundation
import Testing

@testable import ReliefCore

/// `NextWeek` (`relief next-week`'s pure part): standing requests expanded (every, from,
/// until, an end before the start, local times kept across both daylight-saving changes of
/// America/Toronto), ids, the on-call line and availability a week on, the ledger and the
/// previous sitters rolled.
@Suite("Next week")
struct NextWeekTests {
    let clock = CaseClock(identifier: "America/Toronto")!

    func t(_ s: String) -> Instant { try! clock.parse(s).get() }
    func span(_ a: String, _ b: String) -> TimeSpan { TimeSpan(start: t(a), end: t(b)) }
    func day(_ s: String) -> LocalDate { LocalDate.parse(s)! }
    func time(_ s: String) -> TimeOfDay { TimeOfDay.parse(s)! }
    /// The week from local midnight of `monday` to the next Monday's.
    func week(_ monday: String) -> NextWeek.Week {
        let d = day(monday)
        return NextWeek.Week(clock, span("\(d)T00:00", "\(LocalDate(day: d.day + 7))T00:00"))
    }

    func request(
        _ id: String, _ weekday: Weekday, _ start: String, _ end: String, every: Int = 1, from: String = "2026-01-05",
        until: String? = nil
    ) -> StandingRequest {
        StandingRequest(
            id: id, family: "F1", weekday: weekday, start: time(start), end: time(end), every: every, from: day(from),
            until: until.map(day), competencies: ["adhd"], priority: .high, program: "tdah")
    }

    func theCase(_ monday: String) -> Case {
        let w = week(monday)
        return Case(
            name: "week of \(monday)", clock: clock, horizon: w.horizon, territories: [Territory(id: "t", name: "T")],
            travel: [], sitters: [Sitter(id: "S1", homeTerritory: "t", availability: [w.horizon])],
            families: [Family(id: "F1", territory: "t")], visits: [], onCallShifts: [])
    }

    @Test func aRequestGivesOneVisitOnItsWeekdayWithItsFieldsAndId() {
        let vs = NextWeek.visits([request("R1", .tuesday, "18:00", "21:00")], in: week("2026-11-09"))
        #expect(vs.map(\.id) == ["R1-2026-11-10"])
        #expect(vs.first?.span == span("2026-11-10T18:00", "2026-11-10T21:00"))
        #expect(vs.first?.family == "F1")
        #expect(vs.first?.competencies == ["adhd"])
        #expect(vs.first?.priority == .high)
        #expect(vs.first?.program == "tdah")
        #expect(vs.first?.assigned == [])
    }

    @Test func everyFromAndUntilChooseTheWeeks() {
        let every2 = request("R2", .tuesday, "18:00", "21:00", every: 2, from: "2026-11-03")
        #expect(NextWeek.visits([every2], in: week("2026-11-02")).map(\.id) == ["R2-2026-11-03"])
        #expect(NextWeek.visits([every2], in: week("2026-11-09")).isEmpty)
        #expect(NextWeek.visits([every2], in: week("2026-11-16")).map(\.id) == ["R2-2026-11-17"])
        // Not before `from`, not after `until` (both inclusive).
        let later = request("R3", .thursday, "09:00", "12:00", from: "2026-11-19")
        #expect(NextWeek.visits([later], in: week("2026-11-09")).isEmpty)
        #expect(NextWeek.visits([later], in: week("2026-11-16")).map(\.id) == ["R3-2026-11-19"])
        let ended = request("R4", .thursday, "09:00", "12:00", until: "2026-11-19")
        #expect(NextWeek.visits([ended], in: week("2026-11-16")).map(\.id) == ["R4-2026-11-19"])
        #expect(NextWeek.visits([ended], in: week("2026-11-23")).isEmpty)
    }

    @Test func anEndBeforeTheStartEndsTheNextDayAndTheHorizonCutsTheLastNight() {
        let friday = request("R5", .friday, "20:00", "07:00")
        #expect(
            NextWeek.visits([friday], in: week("2026-11-09")).first?.span
                == span("2026-11-13T20:00", "2026-11-14T07:00"))
        let sunday = request("R6", .sunday, "22:00", "06:00")
        #expect(
            NextWeek.visits([sunday], in: week("2026-11-09")).first?.span
                == span("2026-11-15T22:00", "2026-11-16T00:00"))
    }

    /// America/Toronto falls back on Sunday 2026-11-01: the visit keeps 18:00 local (EST, -05:00),
    /// and the night shift of that Sunday, 00:00-08:00, lasts 9 hours.
    @Test func fallBackKeepsLocalTimes() throws {
        var c = theCase("2026-10-19")
        c.standing = [request("R1", .sunday, "18:00", "21:00")]
        c.onCallShifts = [OnCallShift(id: "OC-2026-10-25-N", span: span("2026-10-25T00:00", "2026-10-25T08:00"))]
        let next = NextWeek.roll(c, schedule: emptySchedule(c))
        #expect(clock.format(next.horizon.start) == "2026-10-26T00:00-04:00")
        #expect(clock.format(next.horizon.end) == "2026-11-02T00:00-05:00")
        #expect(next.visits.map { clock.format($0.span.start) } == ["2026-11-01T18:00-05:00"])
        let shift = try #require(next.onCallShifts.first)
        #expect(shift.id == "OC-2026-11-01-N")
        #expect(clock.format(shift.span.start) == "2026-11-01T00:00-04:00")
        #expect(clock.format(shift.span.end) == "2026-11-01T08:00-05:00")
        #expect(shift.minutes == 540)
    }

    /// America/Toronto springs forward on Sunday 2027-03-14: 18:00 stays 18:00 (EDT, -04:00);
    /// 02:30, which that day skips, is read as 03:30.
    @Test func springForwardKeepsLocalTimes() {
        let vs = NextWeek.visits(
            [request("R1", .sunday, "18:00", "21:00"), request("R2", .sunday, "02:30", "04:00")],
            in: week("2027-03-08"))
        #expect(
            vs.map { "\($0.id) \(clock.format($0.span.start)) \(clock.format($0.span.end))" } == [
                "R2-2027-03-14 2027-03-14T03:30-04:00 2027-03-14T04:00-04:00",
                "R1-2027-03-14 2027-03-14T18:00-04:00 2027-03-14T21:00-04:00",
            ])
        let before = week("2027-03-01")
        #expect(clock.format(before.later(t("2027-03-07T18:00"))) == "2027-03-14T18:00-04:00")
        #expect(before.later(t("2027-03-07T18:00")).seconds - t("2027-03-07T18:00").seconds == 7 * 86400 - 3600)
    }

    @Test func onCallIdsMoveTheirDateOrGainOne() {
        let w = week("2026-11-02")
        #expect(w.rolledID("OC-2026-11-02-N", separator: "-", else: day("2026-11-02")) == "OC-2026-11-09-N")
        #expect(w.rolledID("OC-N", separator: "-", else: day("2026-11-04")) == "OC-N-2026-11-11")
        // A date outside this week is not this week's: the id gains the new date.
        #expect(w.rolledID("OC-2026-10-01", separator: "-", else: day("2026-11-02")) == "OC-2026-10-01-2026-11-09")
        #expect(w.rolledID("week of 2026-11-02", separator: " ", else: day("2026-11-02")) == "week of 2026-11-09")
    }

    @Test func availabilityComesFromTheUsualWeekElseAWeekLater() {
        var c = theCase("2026-11-02")
        c.sitters[0].availability = [span("2026-11-03T08:00", "2026-11-03T12:00")]
        c.sitters.append(
            Sitter(
                id: "S2", homeTerritory: "t", availability: [span("2026-11-03T08:00", "2026-11-03T12:00")],
                weeklyAvailability: [
                    WeeklySlot(weekday: .monday, start: time("18:00"), end: time("02:00")),
                    WeeklySlot(weekday: .sunday, start: time("22:00"), end: time("06:00")),
                ]))
        let next = NextWeek.roll(c, schedule: emptySchedule(c))
        #expect(next.sitters[0].availability == [span("2026-11-10T08:00", "2026-11-10T12:00")])
        // The Sunday before the horizon runs into its first Monday; the last Sunday is cut at its end.
        #expect(
            next.sitters[1].availability == [
                span("2026-11-09T00:00", "2026-11-09T06:00"), span("2026-11-09T18:00", "2026-11-10T02:00"),
                span("2026-11-15T22:00", "2026-11-16T00:00"),
            ])
    }

    @Test func previousSittersLeadWithThisWeeksMostRecentFirstAtMostFive() {
        #expect(
            NextWeek.previousSitters(["A", "B", "C", "D", "E"], thisWeek: ["S2", "S1", "B"])
                == ["S2", "S1", "B", "A", "C"])
        #expect(NextWeek.previousSitters([], thisWeek: ["S1"]) == ["S1"])
    }

    @Test func theRollAddsThisWeeksSittersAndLedgerEntry() throws {
        var c = theCase("2026-11-02")
        c.sitters.append(Sitter(id: "S2", homeTerritory: "t", availability: [c.horizon]))
        c.families[0].previousSitters = ["A", "B", "C", "D", "E"]
        c.families[0].ledger = [
            LedgerEntry(weekStart: day("2026-10-26"), requestedMinutes: 300, servedMinutes: 100),
            LedgerEntry(weekStart: day("2026-11-02"), requestedMinutes: 1, servedMinutes: 1),
        ]
        c.visits = [
            Visit(id: "V1", family: "F1", span: span("2026-11-02T09:00", "2026-11-02T12:00")),
            Visit(id: "V2", family: "F1", span: span("2026-11-04T09:00", "2026-11-04T11:00")),
            Visit(id: "V3", family: "F1", span: span("2026-11-05T09:00", "2026-11-05T10:00")),
        ]
        var s = emptySchedule(c)
        s.assignments = [Assignment(visit: "V1", sitter: "S1"), Assignment(visit: "V2", sitter: "S2")]
        let next = NextWeek.roll(c, schedule: s)
        let f = try #require(next.families.first)
        #expect(f.previousSitters == ["S2", "S1", "A", "B", "C"])
        // This week's entry replaces one of the same week: 360 requested (3 visits), 300 served.
        #expect(
            f.ledger == [
                LedgerEntry(weekStart: day("2026-10-26"), requestedMinutes: 300, servedMinutes: 100),
                LedgerEntry(weekStart: day("2026-11-02"), requestedMinutes: 360, servedMinutes: 300),
            ])
        #expect(next.visits.isEmpty)
        #expect(next.name == "week of 2026-11-09")
    }

    func emptySchedule(_ c: Case) -> Schedule {
        Schedule(
            caseName: c.name, status: .optimal, levels: Levels(), assignments: [], onCall: [], unfilled: [],
            unstaffedShifts: [], solver: SolverReport(seconds: 0, gap: 0))
    }
}
