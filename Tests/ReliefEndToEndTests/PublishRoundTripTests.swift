import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// Issue 19's round trip: the coordinator's spreadsheet (French Excel) -> import -> plan ->
/// publish -> export (the published spreadsheet) -> one absence typed in it -> import ->
/// plan --least-change, which keeps every published assignment the absence does not touch.
@Suite("Publish back to the spreadsheet")
struct PublishRoundTripTests {
    static func schedule(_ path: String) throws -> Schedule {
        try #require(ScheduleReader.read(try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: path)))))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    /// The bundled week's spreadsheets written as French Excel saves them (relief's own export).
    static func frenchWeek(_ dir: ScratchDirectory) throws {
        let start = try Relief.run(
            ["import-csv", PackageTree.url("Data/quebec-city-week-csv").path, "-o", "start.json"], in: dir.url)
        #expect(start.status == 0, "\(start)")
        let e = try Relief.run(["export-csv", "start.json", "sheets"], in: dir.url)
        #expect(e.status == 0, "\(e)")
        let visits = try text(dir.path("sheets/visits.csv"))
        #expect(visits.hasPrefix("\u{FEFF}id;famille;début;fin;intervenants;"), "\(visits.prefix(80))")
        #expect(visits.contains("\r\n") && visits.contains(";normale;") && visits.contains(";non\r\n"))
    }

    @Test func aPublishedWeekRePlannedAfterOneAbsenceKeepsEverythingElse() throws {
        let dir = try ScratchDirectory()
        try Self.frenchWeek(dir)
        for step in [
            ["import-csv", "sheets", "-o", "week.json"], ["plan", "week.json", "-o", "week.schedule.json", "-q"],
            ["publish", "week.json", "week.schedule.json", "-o", "published.json"],
            ["export-csv", "published.json", "published"],
        ] {
            let r = try Relief.run(step, in: dir.url)
            #expect(r.status == 0, "\(step): \(r)")
        }
        let schedule = try Self.schedule(dir.path("week.schedule.json"))
        #expect(fileMode(dir.path("published.json")) == 0o600)
        // The published spreadsheet holds every assignment, visits' and on-call shifts'.
        let oncall = try Self.text(dir.path("published/oncall.csv"))
        #expect(oncall.hasPrefix("\u{FEFF}id;début;fin;personnel;compétences;assignés\r\n"), "\(oncall.prefix(80))")
        let shiftRows = try CSV.parse(Data(oncall.utf8)).rows.dropFirst()
        let written = Set(
            shiftRows.flatMap { r in r.cells[5].text.split(separator: ",").map { "\(r.cells[0].text) \($0)" } })
        #expect(!schedule.onCall.isEmpty && written == Set(schedule.onCall.map { "\($0.shift) \($0.sitter)" }))

        // One absence: the first sitter with a visit is away on that visit's day.
        let week = try CaseReader.read(file: dir.path("week.json")).0
        let first = try #require(schedule.assignments.min { ($0.sitter, $0.visit) < ($1.sitter, $1.visit) })
        let visit = try #require(week.visits.first { $0.id == first.visit })
        let day = week.clock.localDate(visit.span.start)
        let dayStart = try week.clock.parse("\(day)T00:00").get()
        let away = TimeSpan(start: dayStart, end: dayStart.adding(minutes: 24 * 60))
        let availability = try Self.text(dir.path("published/availability.csv"))
        let lines = availability.components(separatedBy: "\r\n")
        let kept = lines.filter { !$0.hasPrefix("\(first.sitter);\(day);") }
        #expect(kept.count < lines.count, "no availability row of \(first.sitter) on \(day)")
        try Data(kept.joined(separator: "\r\n").utf8).write(
            to: URL(fileURLWithPath: dir.path("published/availability.csv")))

        for step in [
            ["import-csv", "published", "-o", "after.json"],
            ["plan", "after.json", "-o", "after.schedule.json", "-q", "--least-change"],
        ] {
            let r = try Relief.run(step, in: dir.url)
            #expect(r.status == 0, "\(step): \(r)")
        }
        let after = try Self.schedule(dir.path("after.schedule.json"))
        let spans = Dictionary(
            uniqueKeysWithValues: week.visits.map { ($0.id, $0.span) } + week.onCallShifts.map { ($0.id, $0.span) })
        func touched(_ item: String, _ sitter: String) -> Bool {
            sitter == first.sitter && spans[item]!.overlaps(away)
        }
        let before =
            schedule.assignments.map { "\($0.visit) \($0.sitter)" }
            + schedule.onCall.map {
                "\($0.shift) \($0.sitter)"
            }
        let now = Set(
            after.assignments.map { "\($0.visit) \($0.sitter)" } + after.onCall.map { "\($0.shift) \($0.sitter)" })
        let untouched = before.filter { a in
            let p = a.split(separator: " ").map(String.init)
            return !touched(p[0], p[1])
        }
        #expect(untouched.count < before.count, "the absence touches nothing")
        #expect(untouched.filter { !now.contains($0) } == [], "published assignments lost")
        // What the absence touched is gone from that sitter.
        #expect(before.filter { !untouched.contains($0) }.allSatisfy { !now.contains($0) })
    }

    @Test func aScheduleOfAnotherCaseIsRefused() throws {
        let dir = try ScratchDirectory()
        _ = try dir.write("small.json", try PackageTree.smallCase())
        let other = try PackageTree.smallCase().setting("name", to: .string("another week"))
        _ = try dir.write("other.json", other)
        let plan = try Relief.run(["plan", "other.json", "-o", "other.schedule.json", "-q"], in: dir.url)
        #expect(plan.status == 0, "\(plan)")
        let r = try Relief.run(["publish", "small.json", "other.schedule.json", "-o", "out.json"], in: dir.url)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("another week"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out.json")))
        // Its own schedule publishes; the output never replaces an input.
        let own = try Relief.run(["plan", "small.json", "-o", "small.schedule.json", "-q"], in: dir.url)
        #expect(own.status == 0, "\(own)")
        let over = try Relief.run(["publish", "small.json", "small.schedule.json", "-o", "small.json"], in: dir.url)
        #expect(over.status == 64, "\(over)")
    }
}
