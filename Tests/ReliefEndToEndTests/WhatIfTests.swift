import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `relief whatif` end to end on a tiny case whose answers are known by hand:
///
/// - A is the only sitter with `autism`; V1 (urgent) and V2 (high) need it, at different times.
/// - B and C have no competency; V3, V4, V5 (normal) are at the same time as V1, so two of
///   the three are filled and one (3 h) is not.
///
/// Base: urgent 1, high 1, normal 2. Without A: urgent 0, high 0 (6 h of autism unfilled).
/// One more sitter like B: normal 3, nothing unfilled.
@Suite struct WhatIfTests {
    static let tinyCase = """
        {
          "format": "relief.case/1", "name": "tiny what-if", "timeZone": "America/Toronto",
          "horizon": { "start": "2026-11-23T00:00", "end": "2026-11-24T00:00" },
          "territories": [ { "id": "t1", "name": "Un" } ],
          "travel": [],
          "sitters": [
            { "id": "A", "name": "Ana", "homeTerritory": "t1", "competencies": ["autism"],
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ],
              "targetMinutesPerWeek": 600 },
            { "id": "B", "name": "Ben", "homeTerritory": "t1",
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ],
              "targetMinutesPerWeek": 300 },
            { "id": "C", "name": "Cléo", "homeTerritory": "t1",
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ] }
          ],
          "families": [ { "id": "F1", "name": "Famille Un", "territory": "t1" } ],
          "visits": [
            { "id": "V1", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00",
              "competencies": ["autism"], "priority": "urgent" },
            { "id": "V2", "family": "F1", "start": "2026-11-23T13:00", "end": "2026-11-23T16:00",
              "competencies": ["autism"], "priority": "high" },
            { "id": "V3", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00" },
            { "id": "V4", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00" },
            { "id": "V5", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00" }
          ],
          "onCallShifts": []
        }
        """

    static let scenarios = """
        { "format": "relief.scenarios/1", "scenarios": [
          { "name": "no-autism", "changes": [ { "op": "remove-sitter", "sitter": "A" } ] },
          { "name": "one-more-like-b", "changes": [ { "op": "add-sitter", "like": "B", "sitter": {} } ] },
          { "name": "broken", "changes": [ { "op": "remove-sitter", "sitter": "S99" } ] }
        ] }
        """

    static let names = ["base", "no-autism", "one-more-like-b", "broken"]

    func run(_ dir: ScratchDirectory, _ extra: [String]) throws -> CommandResult {
        let c = try dir.write("case.json", Self.tinyCase)
        let s = try dir.write("case.scenarios.json", Self.scenarios)
        return try Relief.run(["whatif", c, s] + extra, in: dir.url)
    }

    func json(_ r: CommandResult) throws -> JSONValue {
        #expect(r.status == 0, "\(r)")
        return try JSONParser.parse(r.stdout)
    }

    func int(_ v: JSONValue?) -> Int? {
        if case .number(let d)? = v { return Int(d) }
        return nil
    }

    func number(_ v: JSONValue?) -> Double? {
        if case .number(let d)? = v { return d }
        return nil
    }

    func scenario(_ doc: JSONValue, _ name: String) -> JSONValue? {
        guard case .array(let list)? = doc["scenarios"] else { return nil }
        return list.first { $0["name"] == .string(name) }
    }

    @Test func knownEffectsAndAnInvalidScenarioBesideTheOthers() throws {
        let dir = try ScratchDirectory()
        let doc = try json(try run(dir, ["--format", "json", "--jobs", "2"]))
        #expect(doc["format"] == .string("relief.whatif/1"))
        #expect(doc["case"] == .string("tiny what-if"))
        let base = try #require(doc["base"])
        #expect(base["name"] == .string("base"))
        #expect(base["status"] == .string("optimal"))
        #expect(int(base["levels"]?["urgentSlots"]) == 1)
        #expect(int(base["levels"]?["highSlots"]) == 1)
        #expect(int(base["levels"]?["normalSlots"]) == 2)
        #expect(number(base["unfilledHours"]?["byPriority"]?["normal"]) == 3)
        #expect(number(base["hours"]?["used"]) == 12)  // V1, V2, and two of V3-V5: 4 × 3 h
        #expect(number(base["hours"]?["contract"]) == 15)  // 600 + 300 minutes

        // Removing the only autism sitter loses exactly V1 and V2.
        let gone = try #require(scenario(doc, "no-autism"))
        #expect(gone["status"] == .string("optimal"))
        #expect(int(gone["delta"]?["onCallMinutes"]) == 0)
        #expect(int(gone["delta"]?["urgentSlots"]) == -1)
        #expect(int(gone["delta"]?["highSlots"]) == -1)
        #expect(int(gone["delta"]?["normalSlots"]) == 0)
        #expect(number(gone["unfilledHours"]?["byCompetency"]?["autism"]) == 6)
        #expect(number(gone["unfilledHours"]?["byTerritory"]?["t1"]) == 9)

        // One more sitter like B fills the third normal visit.
        let more = try #require(scenario(doc, "one-more-like-b"))
        #expect(more["status"] == .string("optimal"))
        #expect(int(more["delta"]?["normalSlots"]) == 1)
        #expect(int(more["delta"]?["urgentSlots"]) == 0)
        #expect(number(more["unfilledHours"]?["total"]) == 0)

        // The invalid one names its scenario, change and field; the others ran anyway.
        let broken = try #require(scenario(doc, "broken"))
        #expect(broken["status"] == .string("invalid"))
        #expect(broken["levels"] == nil)
        guard case .array(let errors)? = broken["errors"], let first = errors.first else {
            Issue.record("no errors on the invalid scenario")
            return
        }
        #expect(first["path"] == .string("$.scenarios[2].changes[0].sitter"))
        if case .string(let m)? = first["message"] { #expect(m.contains("S99")) } else { Issue.record("no message") }
    }

    /// The contract's member names, and the order of the scenarios as in the file.
    @Test func jsonFollowsTheContract() throws {
        let dir = try ScratchDirectory()
        let doc = try json(try run(dir, ["--format", "json"]))
        let top = try #require(doc.members, "not a JSON object: \(doc.serialized())")
        #expect(top.map(\.0) == ["format", "case", "base", "scenarios"])
        let list = try #require(doc["scenarios"]?.elements, "no scenarios array")
        #expect(list.map { $0["name"] } == Self.names.dropFirst().map { .string($0) })
        for s in list where s["status"] != .string("invalid") {
            for key in ["onCallMinutes", "urgentSlots", "highSlots", "normalSlots"] {
                #expect(s["levels"]?[key] != nil && s["delta"]?[key] != nil, "\(key) in \(s)")
            }
        }
        #expect(doc["base"]?["delta"] == nil)
    }

    /// Each solve is a pure function of its case: one worker or two give the same bytes,
    /// solve times apart.
    @Test func sameResultsWithOneOrTwoJobs() throws {
        let dir = try ScratchDirectory()
        let one = try run(dir, ["--format", "json", "--jobs", "1"])
        let two = try run(dir, ["--format", "json", "--jobs", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one)\n\(two)")
        func strip(_ s: String) -> [Substring] {
            s.split(separator: "\n").filter { !$0.contains("\"seconds\"") }
        }
        #expect(strip(one.stdout) == strip(two.stdout))
        #expect(strip(one.stdout).count > 40)
        // One progress line per solve (base and the two valid scenarios), numbers only.
        let progress = two.stderr.split(separator: "\n").filter { $0.contains("whatif: ") }
        #expect(progress.count == 3, "\(two.stderr)")
        #expect(progress.last?.contains("3/3 done") == true)
        #expect(!two.stderr.contains("no-autism"))
    }

    @Test func csvAndTextListEveryScenario() throws {
        let dir = try ScratchDirectory()
        let text = try run(dir, [])
        #expect(text.status == 0, "\(text)")
        for n in Self.names { #expect(text.stdout.contains(n), "\(n) missing from\n\(text.stdout)") }
        #expect(text.stdout.contains("$.scenarios[2].changes[0].sitter"))
        #expect(text.stdout.contains("0 (-1)"))  // urgent without A
        // French by default, English with --lang en: the heading, the columns and the statuses.
        #expect(text.stdout.hasPrefix("et si : cas "), "\(text)")
        #expect(
            text.stdout.contains("scénario") && text.stdout.contains("heures de visite non comblées par compétence :"))
        #expect(text.stdout.contains("non résolus :") && !text.stdout.contains("not solved"), "\(text)")
        let en = try run(dir, ["--lang", "en"])
        #expect(en.stdout.hasPrefix("what if: case ") && en.stdout.contains("unfilled visit-hours by competency:"))
        #expect(en.stdout.contains("not solved:") && !en.stdout.contains("scénario"), "\(en)")

        let csv = try run(dir, ["--format", "csv", "-o", dir.path("w.csv")])
        #expect(csv.status == 0, "\(csv)")
        let data = try Data(contentsOf: dir.url.appendingPathComponent("w.csv"))
        let doc = try CSV.parse(data)
        #expect(doc.rows.count == 1 + Self.names.count)
        #expect(doc.rows.dropFirst().map { $0.texts[0] } == Self.names)
        #expect(doc.rows.allSatisfy { $0.cells.count == doc.rows[0].cells.count })
        #expect(String(decoding: data, as: UTF8.self).contains("\r\n"))
        var st = stat()
        #expect(stat(dir.path("w.csv"), &st) == 0 && st.st_mode & 0o777 == 0o600)
    }

    @Test func htmlIsSelfContainedWithOneBarGroupPerScenario() throws {
        let dir = try ScratchDirectory()
        let r = try run(dir, ["--format", "html", "-o", dir.path("w.html"), "--lang", "en"])
        #expect(r.status == 0, "\(r)")
        let html = try String(contentsOf: dir.url.appendingPathComponent("w.html"), encoding: .utf8)
        #expect(!html.contains("http"))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("<svg"))
        #expect(html.components(separatedBy: "class=\"bars\"").count - 1 == Self.names.count)
        for n in Self.names { #expect(html.contains("data-scenario=\"\(n)\"")) }
        #expect(html.contains("lang=\"en-CA\""))
    }

    /// The page's words come from the one table: French by default, English with `--lang en`,
    /// never a word of the other language (the case's own text is the same in both).
    @Test func htmlPageSpeaksOneLanguage() throws {
        let dir = try ScratchDirectory()
        var pages: [String: String] = [:]
        for lang in ["fr", "en"] {
            let r = try run(dir, ["--format", "html", "-o", dir.path("\(lang).html"), "--lang", lang])
            #expect(r.status == 0, "\(r)")
            pages[lang] = try String(contentsOf: dir.url.appendingPathComponent("\(lang).html"), encoding: .utf8)
        }
        let fr = try #require(pages["fr"])
        let en = try #require(pages["en"])
        #expect(fr.contains("lang=\"fr-CA\"") && fr.contains("<h1>Et si…") && fr.contains("<h2>Comparaison</h2>"))
        #expect(fr.contains("<th>scénario</th><th>statut</th>") && fr.contains("secondes"))
        #expect(en.contains("<h1>What if") && en.contains("<h2>Comparison</h2>"))
        #expect(en.contains("<th>scenario</th><th>status</th>") && en.contains("seconds"))
        for french in ["Et si", "scénario", "Comparaison", "non comblées", "déplacement"] {
            #expect(!en.contains(french), "\(french)")
        }
        for english in ["What if", "Comparison", "unfilled", "travel (min)", "Coverage per scenario"] {
            #expect(!fr.contains(english), "\(english)")
        }
    }

    /// A child that crashes is that scenario's error: the base and the others still come out.
    @Test func aCrashedSolveIsThatScenariosError() throws {
        let dir = try ScratchDirectory()
        let exe = try #require(Relief.executable).path
        // Crashes on the case with the added sitter (NEW-1); runs the real relief otherwise.
        let script = try dir.write(
            "solver.sh", "#!/bin/sh\nif grep -q 'NEW-' \"$2\"; then kill -SEGV $$; fi\nexec '\(exe)' \"$@\"\n")
        chmod(script, 0o700)
        let doc = try json(try run(dir, ["--format", "json", "--solver", script]))
        #expect(doc["base"]?["status"] == .string("optimal"))
        #expect(scenario(doc, "no-autism")?["status"] == .string("optimal"))
        let crashed = try #require(scenario(doc, "one-more-like-b"))
        #expect(crashed["status"] == .string("error"))
        #expect("\(crashed)".contains("crashed"))
    }

    @Test func helpExitsZeroAndBadOptionsAreUsageErrors() throws {
        let dir = try ScratchDirectory()
        let help = try Relief.run(["whatif", "--help"], in: dir.url)
        #expect(help.status == 0 && help.stdout.contains("relief whatif CASE SCENARIOS"))
        #expect(try run(dir, ["--format", "pdf"]).status == 64)
        #expect(try run(dir, ["--jobs", "0"]).status == 64)
        #expect(try Relief.run(["whatif", dir.path("case.json")], in: dir.url).status == 64)
    }

    /// The example scenarios of the bundled week, on a smaller generated week with the same ids
    /// (the bundled week itself takes about 40 s in a debug build on two cores, 100 s beside the
    /// other tests): every scenario applies and is solved.
    @Test func exampleScenariosAllSolve() throws {
        let scenarios = PackageTree.url("Data/quebec-city-week.scenarios.json").path
        try #require(FileManager.default.fileExists(atPath: scenarios), "the example scenario file is missing")
        let dir = try ScratchDirectory()
        let week = dir.path("week.json")
        let g = try Relief.run(
            [
                "generate", "--sitters", "35", "--visits", "120", "--seed", "1", "--week-start", "2026-11-23", "-o",
                week,
            ],
            in: dir.url)
        #expect(g.status == 0, "\(g)")
        let r = try Relief.run(
            ["whatif", week, scenarios, "--format", "csv", "-o", dir.path("w.csv")], in: dir.url, timeout: 240)
        #expect(r.status == 0, "\(r)")
        let table = try CSV.parse(Data(contentsOf: dir.url.appendingPathComponent("w.csv")))
        let status = try #require(table.rows.first?.texts.firstIndex(of: "status"))
        let rows = table.rows.dropFirst()
        #expect(rows.count == 8)  // the base and the file's 7 scenarios
        for row in rows {
            #expect(["optimal", "feasible"].contains(row.texts[status]), "\(row.texts)")
        }
    }
}
