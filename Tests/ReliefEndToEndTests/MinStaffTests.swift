import Foundation
import ReliefApp
import ReliefCore
import ReliefTestSupport
import Testing

/// `relief import-smptsp` and `relief whatif --min-staff`, end to end, on two
/// instances of the SMPTSP set (40 tasks, optimum 20) copied into Fixtures, a
/// tiny hand-made instance and a tiny case whose answer is known by hand.
@Suite struct MinStaffTests {
    static let fixtures = ["data_1_23_40_66.dat", "data_2_24_40_33.dat"]

    static func fixture(_ name: String) -> String {
        PackageTree.url("Tests/ReliefEndToEndTests/Fixtures/smptsp/\(name)").path
    }

    static func folder() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("relief-minstaff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// The file's own lists, read independently of relief's reader.
    static func qualifications(_ path: String) throws -> (tasks: [(Int, Int)], workers: [[Int]]) {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline)
            .filter { !$0.hasPrefix("#") }
        let n = Int(lines[1].split(separator: "=")[1].trimmingCharacters(in: .whitespaces))!
        let tasks = lines[2..<(2 + n)].map { l in
            let w = l.split(separator: " ").map { Int($0)! }
            return (w[0], w[1])
        }
        let m = Int(lines[2 + n].split(separator: "=")[1].trimmingCharacters(in: .whitespaces))!
        let workers = lines[(3 + n)..<(3 + n + m)].map { l in
            l.split(separator: ":")[1].split(separator: " ").map { Int($0)! }
        }
        return (tasks, workers)
    }

    static func minStaff(_ casePath: String, in dir: URL) throws -> (JSONValue, CommandResult) {
        let out = dir.appendingPathComponent("minstaff.json").path
        let r = try Relief.run(["whatif", casePath, "--min-staff", "--format", "json", "-o", out], in: dir)
        #expect(r.status == 0, "\(r)")
        return (try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: out))), r)
    }

    /// The schedule inside the result passes `relief verify` (the ScheduleVerifier) and uses exactly `sitters`.
    static func checkSchedule(_ doc: JSONValue, casePath: String, in dir: URL) throws {
        guard case .object(let f) = doc, let sched = f.first(where: { $0.0 == "schedule" })?.1 else {
            Issue.record("no schedule")
            return
        }
        let path = dir.appendingPathComponent("schedule.json").path
        try sched.serialized().write(toFile: path, atomically: false, encoding: .utf8)
        let v = try Relief.run(["verify", casePath, path], in: dir)
        #expect(v.status == 0, "\(v)")
        let schedule = try ScheduleLoader.load(.file(path))
        let used = Set(schedule.assignments.map(\.sitter) + schedule.onCall.map(\.sitter))
        guard case .array(let ids)? = doc["sitters"] else {
            Issue.record("no sitters")
            return
        }
        #expect(Set(ids.compactMap { if case .string(let s) = $0 { s } else { nil } }) == used)
        #expect(ids.count == used.count)
        #expect(doc["count"] == .number(Double(used.count)))
    }

    @Test(arguments: fixtures) func importKeepsIdsTimesAndEligibility(_ name: String) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("case.json").path
        let r = try Relief.run(["import-smptsp", Self.fixture(name), "-o", out], in: dir)
        #expect(r.status == 0, "\(r)")
        let (c, _) = try CaseLoader.load(out)
        let file = try Self.qualifications(Self.fixture(name))
        #expect(c.visits.map(\.id) == file.tasks.indices.map { "T\($0)" })
        #expect(c.sitters.map(\.id) == file.workers.indices.map { "W\($0)" })
        #expect(c.onCallShifts.isEmpty && c.travel.isEmpty)
        for (j, t) in file.tasks.enumerated() {
            #expect(c.horizon.start.minutes(to: c.visits[j].span.start) == t.0)
            #expect(c.horizon.start.minutes(to: c.visits[j].span.end) == t.1)
        }
        // Eligibility exactly as listed: the planner's index against the file.
        let ix = PlanningIndex(c)
        for (w, list) in file.workers.enumerated() {
            #expect(Set(ix.sitterVisits[w]) == Set(list), "worker \(w)")
        }
    }

    @Test(arguments: fixtures) func minStaffReachesTheKnownOptimum(_ name: String) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let casePath = dir.appendingPathComponent("case.json").path
        #expect(try Relief.run(["import-smptsp", Self.fixture(name), "-o", casePath], in: dir).status == 0)
        let (doc, _) = try Self.minStaff(casePath, in: dir)
        #expect(doc["format"] == .string("relief.minstaff/1"))
        #expect(doc["status"] == .string("optimal"))
        #expect(doc["count"] == .number(20))
        #expect(doc["lowerBound"] == .number(20))
        #expect(doc["levels"]?["normalSlots"] == .number(40))
        try Self.checkSchedule(doc, casePath: casePath, in: dir)
    }

    /// Touching tasks ([0,10) and [10,20)) may go to one worker; overlapping ones may not.
    @Test func touchingTasksShareAWorker() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dat = dir.appendingPathComponent("touch.dat").path
        try "# hand-made\nType = 1\nJobs = 3\n0 10\n10 20\n15 30\nQualifications = 3\n3: 0 1 2\n2: 0 1\n1: 2\n"
            .write(toFile: dat, atomically: false, encoding: .utf8)
        let casePath = dir.appendingPathComponent("case.json").path
        #expect(try Relief.run(["import-smptsp", dat, "-o", casePath], in: dir).status == 0)
        let (doc, _) = try Self.minStaff(casePath, in: dir)
        // T1 and T2 overlap, so two workers; W0 takes T0 and T1 (touching) or T2.
        #expect(doc["count"] == .number(2))
        #expect(doc["lowerBound"] == .number(2))
        #expect(doc["status"] == .string("optimal"))
        try Self.checkSchedule(doc, casePath: casePath, in: dir)
    }

    /// Tasks past minute 1 440 (shifts that cross midnight, issue 22): the horizon covers
    /// whole days up to the last end and no limit binds. W0 may do T0 (22:00-02:00) then T2
    /// (the next evening); T1 (01:00-05:00) overlaps T0, so two workers, and the count is
    /// the instance's optimum, proven.
    @Test func tasksCrossingMidnightAreRead() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dat = dir.appendingPathComponent("night.dat").path
        try "Type = 1\nJobs = 3\n1320 1560\n1500 1740\n2640 3000\nQualifications = 2\n3: 0 1 2\n2: 1 2\n"
            .write(toFile: dat, atomically: false, encoding: .utf8)
        let casePath = dir.appendingPathComponent("case.json").path
        let r = try Relief.run(["import-smptsp", dat, "-o", casePath], in: dir)
        #expect(r.status == 0, "\(r)")
        let c = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: casePath)))
        #expect(c["horizon"]?["end"] == .string("2026-01-08T00:00"), "three days: the last task ends at 3000")
        #expect(c["rules"]?["maxMinutesPerDay"] == .number(2880))
        let (doc, _) = try Self.minStaff(casePath, in: dir)
        #expect(doc["count"] == .number(2))
        #expect(doc["status"] == .string("optimal"))
        try Self.checkSchedule(doc, casePath: casePath, in: dir)
        // A task longer than a day is refused at its line, naming the fix.
        try "Type = 1\nJobs = 1\n0 1500\nQualifications = 1\n1: 0\n".write(
            toFile: dat, atomically: false, encoding: .utf8)
        let long = try Relief.run(["import-smptsp", dat, "-o", casePath + "2"], in: dir)
        #expect(long.status == 65 && long.stderr.contains("night.dat:3:"), "\(long)")
        #expect(long.stderr.contains("more than a day"), "\(long)")
    }

    @Test func badFileNamesItsLines() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dat = dir.appendingPathComponent("bad.dat").path
        try "Type = 1\nJobs = 2\n0 10\n20 15\nQualifications = 1\n3: 0 1 7\n"
            .write(toFile: dat, atomically: false, encoding: .utf8)
        let out = dir.appendingPathComponent("case.json").path
        let r = try Relief.run(["import-smptsp", dat, "-o", out], in: dir)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("bad.dat:4:"), "\(r)")  // end before start
        #expect(r.stderr.contains("bad.dat:6:"), "\(r)")  // no task 7, and the count
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try Relief.run(["import-smptsp", "--help"], in: dir).status == 0)
        #expect(try Relief.run(["bench-smptsp", "--help"], in: dir).status == 0)
    }

    /// A is the only sitter with `autism` (V1, urgent, 9-12). V2 (12-15, touching V1)
    /// anyone may take; V3 (9-12) only A or B, as C comes at 15 and D at 12; V4 needs `dementia`,
    /// which nobody has, so the normal level is not full and forces nothing.
    /// Fewest sitters: A (V1, V2) and B (V3), or B on V2 too: always {A, B}. The urgent
    /// and high levels are full, so V1 and V3 must be filled, at the same time: 2 is
    /// the overlap bound.
    static let tinyCase = """
        {
          "format": "relief.case/1", "name": "tiny min-staff", "timeZone": "America/Toronto",
          "horizon": { "start": "2026-11-23T00:00", "end": "2026-11-24T00:00" },
          "territories": [ { "id": "t1", "name": "Un" } ],
          "travel": [],
          "sitters": [
            { "id": "A", "homeTerritory": "t1", "competencies": ["autism"],
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ] },
            { "id": "B", "homeTerritory": "t1",
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ] },
            { "id": "C", "homeTerritory": "t1",
              "availability": [ { "start": "2026-11-23T15:00", "end": "2026-11-23T22:00" } ] },
            { "id": "D", "homeTerritory": "t1",
              "availability": [ { "start": "2026-11-23T12:00", "end": "2026-11-23T22:00" } ] }
          ],
          "families": [ { "id": "F1", "territory": "t1" } ],
          "visits": [
            { "id": "V1", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00",
              "competencies": ["autism"], "priority": "urgent" },
            { "id": "V2", "family": "F1", "start": "2026-11-23T12:00", "end": "2026-11-23T15:00" },
            { "id": "V3", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00", "priority": "high" },
            { "id": "V4", "family": "F1", "start": "2026-11-23T16:00", "end": "2026-11-23T17:00",
              "competencies": ["dementia"] }
          ]
        }
        """

    @Test func tinyCaseNeedsTwoNamedSitters() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let casePath = dir.appendingPathComponent("case.json").path
        try Self.tinyCase.write(toFile: casePath, atomically: false, encoding: .utf8)
        let (doc, _) = try Self.minStaff(casePath, in: dir)
        #expect(doc["status"] == .string("optimal"))
        #expect(doc["count"] == .number(2))
        #expect(doc["lowerBound"] == .number(2))
        #expect(doc["sitters"] == .array([.string("A"), .string("B")]))
        #expect(doc["levels"]?["urgentSlots"] == .number(1))
        #expect(doc["levels"]?["highSlots"] == .number(1))
        #expect(doc["levels"]?["normalSlots"] == .number(1))
        #expect(doc["overlapBound"] == .number(2))
        try Self.checkSchedule(doc, casePath: casePath, in: dir)
        // Text format on stdout.
        let t = try Relief.run(["whatif", casePath, "--min-staff"], in: dir)
        #expect(
            t.status == 0 && t.stdout.contains("2 intervenant·es nécessaires (borne inférieure 2, optimal)"), "\(t)")
        #expect(t.stdout.contains("borne de chevauchement (le plus de postes à la fois) 2"), "\(t)")
        let en = try Relief.run(["whatif", casePath, "--min-staff", "--lang", "en"], in: dir)
        #expect(en.status == 0 && en.stdout.contains("2 sitters needed (lower bound 2, optimal)"), "\(en)")
        #expect(en.stdout.contains("overlap bound 2;"), "\(en)")
    }
}
