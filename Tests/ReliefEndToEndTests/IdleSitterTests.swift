import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// People who can never work, each warned about by the command a coordinator runs: `validate`
/// and `plan` (a required credential lapsed before the week, no availability inside it),
/// `import-csv` (the bundled spreadsheet's S034, whose record check lapsed on 2026-11-20) and
/// `whatif` (a scenario's `add-sitter` without `like`: no availability, no credential).
@Suite struct IdleSitterTests {
    /// S1 works; S2's first-aid lapsed on 2026-11-20, S3 has no availability.
    static var week: CaseBuilder {
        var b = CaseBuilder()
        b.requiredCredentials = ["first-aid"]
        b.sitters = [
            SitterSpec(id: "S1"), SitterSpec(id: "S2", credentials: [("first-aid", "2026-11-20")]),
            SitterSpec(id: "S3", availability: []),
        ]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-23T09:00", end: "2026-11-23T12:00"),
            VisitSpec(id: "V2", start: "2026-11-23T09:00", end: "2026-11-23T12:00"),
        ]
        return b
    }

    static let s2 = "$.sitters[1].credentials.first-aid: sitter S2 can never work: the first-aid credential expired"
    static let s3 = "$.sitters[2].availability: sitter S3 can never work: no availability at all"

    func run(_ args: [String], _ dir: ScratchDirectory) throws -> CommandResult {
        let r = try Relief.run(args, in: dir.url)
        #expect(r.status == 0, "relief \(args.joined(separator: " ")): \(r)")
        return r
    }

    @Test func validateNamesEachSitterWithTheReasonAndTheFix() throws {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", Self.week.json)
        let r = try run(["validate", c], dir)
        let all = r.stdout + r.stderr
        #expect(all.contains("warning: \(Self.s2) on 2026-11-20, before the horizon starts (2026-11-23)"), "\(r)")
        #expect(all.contains("warning: \(Self.s3)"), "\(r)")
        #expect(!all.contains("sitter S1 can never work"))
        #expect(all.contains("fix: write the renewed credential's last valid day"))
    }

    @Test func planShowsThemOnStandardErrorAndTheScheduleNever() throws {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", Self.week.json)
        let r = try run(["plan", c, "-o", dir.path("s.json")], dir)
        #expect(r.stderr.contains("warning: \(Self.s2)"), "\(r)")
        #expect(r.stderr.contains("warning: \(Self.s3)"), "\(r)")
        #expect(!r.stdout.contains("can never work"))
        // V1 and V2 at the same time, S1 alone can work: one is left unfilled.
        let schedule = try String(contentsOfFile: dir.path("s.json"), encoding: .utf8)
        #expect(!schedule.contains("can never work"))
        let quiet = try run(["plan", c, "-o", dir.path("q.json"), "--quiet"], dir)
        #expect(!quiet.stderr.contains("can never work"))
    }

    @Test func importCSVWarnsAboutTheBundledSpreadsheetsLapsedRecordCheck() throws {
        let dir = try ScratchDirectory()
        let r = try run(
            ["import-csv", PackageTree.url("Data/quebec-city-week-csv").path, "-o", dir.path("c.json")], dir)
        let lines = (r.stdout + r.stderr).split(separator: "\n").filter { $0.contains("can never work") }
        #expect(lines.count == 1, "\(r)")
        #expect(lines.first?.contains("credentials.csv") == true, "\(lines)")
        #expect(
            lines.first?.contains("sitter S034 can never work: the record-check credential expired on 2026-11-20")
                == true)
    }

    @Test func whatIfWarnsThatASitterAddedWithoutLikeCanNeverWork() throws {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", Self.week.json)
        let s = try dir.write(
            "s.json",
            """
            { "format": "relief.scenarios/1", "scenarios": [
              { "name": "hire-bare", "changes": [ { "op": "add-sitter", "sitter": { "homeTerritory": "north" } } ] },
              { "name": "hire-like", "changes": [ { "op": "add-sitter", "like": "S1" } ] } ] }
            """)
        let json = try run(["whatif", c, s, "--format", "json", "--jobs", "1"], dir)
        let doc = try JSONParser.parse(json.stdout)
        guard case .array(let rows)? = doc["scenarios"], rows.count == 2 else {
            Issue.record("\(json)")
            return
        }
        func warnings(_ v: JSONValue?) -> [String] {
            guard case .array(let list)? = v?["warnings"] else { return [] }
            return list.compactMap {
                if case .string(let p)? = $0["path"], case .string(let m)? = $0["message"] { return "\(p): \(m)" }
                return nil
            }
        }
        let bare = warnings(rows[0])
        #expect(bare.count == 2, "\(bare)")
        #expect(
            bare.contains { $0.hasPrefix("$.scenarios[0].changes[0].sitter.availability: sitter NEW-1 can never work") }
        )
        #expect(
            bare.contains {
                $0.hasPrefix("$.scenarios[0].changes[0].sitter.credentials: sitter NEW-1 can never work: no first-aid")
            })
        // The like-S1 hire works: no warning, and it fills the second visit.
        #expect(warnings(rows[1]).isEmpty)
        if case .number(let d)? = rows[1]["delta"]?["normalSlots"] { #expect(d == 1) } else { Issue.record("\(json)") }
        // The base's own sitters who can never work.
        #expect(warnings(doc["base"]).count == 2, "\(warnings(doc["base"]))")

        _ = try run(["whatif", c, s, "--jobs", "1", "--format", "csv", "-o", dir.path("w.csv")], dir)
        let table = try CSV.parse(Data(contentsOf: dir.url.appendingPathComponent("w.csv")))
        let column = try #require(table.rows.first?.texts.firstIndex(of: "warnings"))
        #expect(table.rows.dropFirst().map { $0.texts[column].contains("can never work") } == [true, true, false])

        let text = try run(["whatif", c, s, "--jobs", "1", "--lang", "en"], dir)
        #expect(text.stdout.contains("\nwarnings:\n"), "\(text)")
        #expect(
            text.stdout.contains("hire-bare (optimal): $.scenarios[0].changes[0].sitter.availability: sitter NEW-1"))
    }
}
