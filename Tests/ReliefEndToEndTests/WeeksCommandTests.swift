import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// `relief next-week` and `relief simulate` on a small generated case with programs,
/// ledgers and standing requests: the files written read back valid, 0600, and every
/// schedule passes `relief verify` against its week's case.
@Suite("relief next-week and relief simulate")
struct WeeksCommandTests {
    static let generate = [
        "generate", "--scarcity", "--programs", "--sitters", "10", "--visits", "30", "--seed", "5", "-o", "week.json",
    ]

    static func run(_ args: [String], in dir: ScratchDirectory) throws -> CommandResult {
        try Relief.run(args, in: dir.url)
    }

    static func read(_ path: String) throws -> Case { try CaseReader.read(file: path).0 }

    @Test func nextWeekWritesAValidCaseOfTheFollowingWeek() throws {
        let dir = try ScratchDirectory()
        for step in [Self.generate, ["plan", "week.json", "-o", "week.schedule.json", "-q", "--time-limit", "20"]] {
            let r = try Self.run(step, in: dir)
            #expect(r.status == 0, "\(step): \(r)")
        }
        let r = try Self.run(["next-week", "week.json", "week.schedule.json", "-o", "next.json"], in: dir)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("next.json: week of 2026-11-30"), "\(r.stdout)")
        #expect(fileMode(dir.path("next.json")) == 0o600)
        let v = try Self.run(["validate", "next.json"], in: dir)
        #expect(v.status == 0, "\(v)")

        let (week, next) = (try Self.read(dir.path("week.json")), try Self.read(dir.path("next.json")))
        #expect(next.horizon.start == week.horizon.start.adding(minutes: 7 * 24 * 60))
        // Weekly requests give this week's visits again, a week later, under their own ids.
        let weekly = week.standing.filter { $0.every == 1 }
        #expect(!weekly.isEmpty)
        #expect(Set(weekly.map(\.id)).isSubset(of: Set(next.visits.map { String($0.id.dropLast(11)) })))
        #expect(
            next.visits.allSatisfy {
                $0.assigned.isEmpty && $0.id.hasSuffix(String(week.clock.localDate($0.span.start).description))
            })
        #expect(next.onCallShifts.map(\.id).contains("OC-2026-11-30-N"))
        // Every family with something requested gains this week's entry.
        let served = try #require(
            ScheduleReader.read(
                try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: dir.path("week.schedule.json"))))))
        #expect(!served.families.isEmpty)
        for row in served.families {
            let f = try #require(next.families.first { $0.id == row.family })
            #expect(
                f.ledger.last
                    == LedgerEntry(
                        weekStart: LocalDate.parse("2026-11-23")!, requestedMinutes: row.requestedMinutes,
                        servedMinutes: row.servedMinutes))
        }
        let p = try Self.run(["plan", "next.json", "-o", "next.schedule.json", "-q", "--time-limit", "20"], in: dir)
        #expect(p.status == 0, "\(p)")
        let check = try Self.run(["verify", "next.json", "next.schedule.json"], in: dir)
        #expect(check.status == 0, "\(check)")
    }

    /// Two processes (each its own hash seeds, so its own Set orders) write the same bytes.
    @Test func generateProgramsIsAFunctionOfTheSeedAcrossProcesses() throws {
        let dir = try ScratchDirectory()
        let args = ["generate", "--programs", "--sitters", "15", "--visits", "60", "--seed", "9"]
        let (a, b) = (try Self.run(args, in: dir), try Self.run(args, in: dir))
        #expect(a.status == 0 && b.status == 0, "\(a)\n\(b)")
        #expect(a.stdout == b.stdout && a.stdout.contains("\"standing\""))
    }

    @Test func aScheduleOfAnotherCaseIsRefused() throws {
        let dir = try ScratchDirectory()
        for step in [
            Self.generate, ["generate", "--sitters", "5", "--visits", "10", "--seed", "2", "-o", "other.json"],
            ["plan", "other.json", "-o", "other.schedule.json", "-q", "--time-limit", "20"],
        ] {
            let r = try Self.run(step, in: dir)
            #expect(r.status == 0, "\(step): \(r)")
        }
        let r = try Self.run(["next-week", "week.json", "other.schedule.json", "-o", "next.json"], in: dir)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("$.case") && r.stderr.contains("not of the case"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("next.json")))
    }

    @Test func simulatePlansWeekAfterWeekAndEveryScheduleVerifies() throws {
        let dir = try ScratchDirectory()
        let g = try Self.run(Self.generate, in: dir)
        #expect(g.status == 0, "\(g)")
        let r = try Self.run(
            [
                "simulate", "week.json", "--weeks", "3", "-o", "sim", "--time-limit", "20", "--fair-share",
                "before-normal",
            ],
            in: dir)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("3 semaines planifiées, part équitable : avant les normales"), "\(r.stdout)")
        #expect(r.stdout.contains("2026-12-07"), "\(r.stdout)")
        for k in 1...3 {
            let (c, s) = ("sim/week-\(k).json", "sim/week-\(k).schedule.json")
            #expect(fileMode(dir.path(c)) == 0o600 && fileMode(dir.path(s)) == 0o600)
            let v = try Self.run(["verify", c, s], in: dir)
            #expect(v.status == 0, "\(k): \(v)")
            #expect(try Self.read(dir.path(c)).rules.fairShare == .beforeNormal)
        }
        let j = try Self.run(
            ["simulate", "week.json", "--weeks", "2", "-o", "sim2", "--format", "json", "--fair-share", "off"], in: dir)
        #expect(j.status == 0, "\(j)")
        let doc = try JSONParser.parse(Data(j.stdout.utf8))
        #expect(doc["format"] == .string("relief.simulate/1"))
        #expect(doc["fairShare"] == .string("off"))
        guard case .array(let weeks)? = doc["weeks"] else {
            Issue.record("no weeks: \(j.stdout)")
            return
        }
        #expect(weeks.map { $0["weekStart"] } == [.string("2026-11-23"), .string("2026-11-30")])
        // Off: no level in the schedule, the shares still counted.
        #expect(weeks.allSatisfy { $0["fairSharePermille"] == nil && $0["minShare"] != JSONValue.null })
    }
}
