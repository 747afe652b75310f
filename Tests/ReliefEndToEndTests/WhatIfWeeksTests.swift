import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// `relief whatif` on a case with programs and ledgers, whose answer is known by hand:
///
/// - A is the only sitter with `autism`: V1 (urgent) and V2 (high) of F1, at different times.
/// - B has no competency: V4 (F2, high) at the time of V3 (F1, normal), and V5 (F2, normal)
///   later. B takes V4 and V5; V3 is left.
/// - F1 is in `tdah` (V1-V3 billed to it), F2 in `general`. Ledgers: F1 asked 540 and got
///   180, F2 asked 360 and got 360.
///
/// Base: F1 (180 + 360) / (540 + 540) = 500 ‰, F2 1000 ‰: the minimum share is 500; tdah
/// serves 360 minutes, general 360. Without A: V1 and V2 can never be served, so F1 asks 180
/// this week and gets nothing: (180 + 0) / (540 + 180) = 250 ‰; tdah serves 0.
@Suite struct WhatIfWeeksTests {
    static func weeksCase(tdahBudget: String = "100000") -> String {
        """
        {
          "format": "relief.case/1", "name": "what-if across weeks", "timeZone": "America/Toronto",
          "horizon": { "start": "2026-11-23T00:00", "end": "2026-11-24T00:00" },
          "territories": [ { "id": "t1", "name": "Un" } ],
          "travel": [],
          "programs": [
            { "id": "tdah", "name": "Répit TDAH", "budgetMinutes": \(tdahBudget), "familyMinutesPerWeek": 10000 },
            { "id": "general", "name": "Répit-dépannage" }
          ],
          "sitters": [
            { "id": "A", "name": "Ana", "homeTerritory": "t1", "competencies": ["autism"],
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ] },
            { "id": "B", "name": "Ben", "homeTerritory": "t1",
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ] }
          ],
          "families": [
            { "id": "F1", "name": "Famille Un", "territory": "t1", "programs": ["tdah"],
              "ledger": [ { "weekStart": "2026-11-16", "requestedMinutes": 540, "servedMinutes": 180 } ] },
            { "id": "F2", "name": "Famille Deux", "territory": "t1", "programs": ["general"],
              "ledger": [ { "weekStart": "2026-11-16", "requestedMinutes": 360, "servedMinutes": 360 } ] }
          ],
          "visits": [
            { "id": "V1", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00",
              "competencies": ["autism"], "priority": "urgent" },
            { "id": "V2", "family": "F1", "start": "2026-11-23T13:00", "end": "2026-11-23T16:00",
              "competencies": ["autism"], "priority": "high" },
            { "id": "V3", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00" },
            { "id": "V4", "family": "F2", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00", "priority": "high" },
            { "id": "V5", "family": "F2", "start": "2026-11-23T13:00", "end": "2026-11-23T16:00" }
          ],
          "onCallShifts": []
        }
        """
    }

    static let scenarios = """
        { "format": "relief.scenarios/1", "scenarios": [
          { "name": "no-autism", "changes": [ { "op": "remove-sitter", "sitter": "A" } ] },
          { "name": "more-tdah", "changes": [ { "op": "set-program", "program": "tdah", "budgetMinutes": 200000 } ] },
          { "name": "open-tdah", "changes": [
              { "op": "set-program", "program": "tdah", "budgetMinutes": null, "familyMinutesPerWeek": null } ] },
          { "name": "broken", "changes": [ { "op": "set-program", "program": "sponsor", "budgetMinutes": 60 } ] }
        ] }
        """

    func run(_ extra: [String], theCase: String = weeksCase(), scenarios: String = scenarios) throws -> CommandResult {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", theCase)
        let s = try dir.write("case.scenarios.json", scenarios)
        let r = try Relief.run(["whatif", c, s] + extra, in: dir.url)
        #expect(r.status == 0, "\(r)")
        return r
    }

    func int(_ v: JSONValue?) -> Int? {
        if case .number(let d)? = v { return Int(d) }
        return nil
    }

    func entry(_ doc: JSONValue, _ name: String) throws -> JSONValue {
        if name == "base" { return try #require(doc["base"]) }
        return try #require(doc["scenarios"]?.elements?.first { $0["name"] == .string(name) }, "no \(name)")
    }

    /// A row's use of a program: served minutes, budget, change against the base.
    func program(_ e: JSONValue, _ id: String) -> (served: Int?, budget: Int?, delta: Int?)? {
        guard let p = e["programs"]?.elements?.first(where: { $0["program"] == .string(id) }) else { return nil }
        return (int(p["servedMinutes"]), int(p["budgetMinutes"]), int(p["deltaServedMinutes"]))
    }

    @Test func jsonComparesTheMinimumShareAndEachProgramsUse() throws {
        let doc = try JSONParser.parse(try run(["--format", "json"]).stdout)
        let base = try entry(doc, "base")
        #expect(int(base["levels"]?["fairSharePermille"]) == 500)
        #expect(int(base["levels"]?["highSlots"]) == 2 && int(base["levels"]?["normalSlots"]) == 1)
        #expect(base["programs"]?.elements?.compactMap { $0["program"] } == [.string("tdah"), .string("general")])
        let tdah = try #require(program(base, "tdah"))
        #expect(tdah.served == 360 && tdah.budget == 100_000 && tdah.delta == nil)
        #expect(int(base["programs"]?.elements?.first?["familyMinutesPerWeek"]) == 10_000)
        let general = try #require(program(base, "general"))
        #expect(general.served == 360 && general.budget == nil)

        let gone = try entry(doc, "no-autism")
        #expect(int(gone["levels"]?["fairSharePermille"]) == 250)
        #expect(int(gone["delta"]?["fairSharePermille"]) == -250)
        #expect(program(gone, "tdah")?.served == 0 && program(gone, "tdah")?.delta == -360)
        #expect(program(gone, "general")?.delta == 0)

        let more = try entry(doc, "more-tdah")
        #expect(program(more, "tdah")?.budget == 200_000 && program(more, "tdah")?.delta == 0)
        #expect(int(more["delta"]?["fairSharePermille"]) == 0)
        let open = try entry(doc, "open-tdah")
        #expect(program(open, "tdah").map { $0.budget == nil && $0.served == 360 } == true)
        #expect(open["programs"]?.elements?.first?["familyMinutesPerWeek"] == nil)

        let broken = try entry(doc, "broken")
        #expect(broken["status"] == .string("invalid") && broken["programs"] == nil)
        let error = try #require(broken["errors"]?.elements?.first)
        #expect(error["path"] == .string("$.scenarios[3].changes[0].program"))
        #expect(error["message"] == .string("unknown program sponsor"))
    }

    @Test func theFrenchTableShowsTheSharesAndThePrograms() throws {
        let out = try run([]).stdout
        let lines = out.split(separator: "\n").map(String.init)
        let head = try #require(lines.first { $0.hasPrefix("scénario") && $0.contains("statut") })
        #expect(head.contains("part min ‰"))
        let row = { (name: String) in lines.first { $0.hasPrefix(name + " ") } ?? "" }
        #expect(row("base").contains(" 500 "), "\(out)")
        #expect(row("no-autism").contains(" 250 (-250) "), "\(out)")
        #expect(out.contains("part min : la plus petite part du temps demandé"))
        let programs = try #require(lines.firstIndex { $0 == "programmes (minutes servies / budget) :" }, "\(out)")
        #expect(lines[programs + 1].split(separator: " ") == ["scénario", "tdah", "general"])
        let cells = { (name: String) in
            lines[(programs + 2)...].first { $0.hasPrefix(name + " ") }?.split(separator: " ").dropFirst()
                .joined(separator: " ")
        }
        #expect(cells("base") == "360 / 100000 360 / sans limite")
        #expect(cells("no-autism") == "0 / 100000 (-360) 360 / sans limite (0)")
        #expect(cells("open-tdah") == "360 / sans limite (0) 360 / sans limite (0)")
        #expect(cells("broken") == nil)
    }

    @Test func theHTMLPageShowsTheSharesAndThePrograms() throws {
        let page = try run(["--format", "html"]).stdout
        #expect(page.contains("<th>part min ‰</th>"))
        #expect(page.contains(#"<td class="num">250 <span class="down">(-250)</span></td>"#), "\(page)")
        #expect(page.contains("<h2>Programmes (minutes servies / budget)</h2>"))
        let row = try #require(
            page.components(separatedBy: "\n").first {
                $0.hasPrefix(#"<tr data-scenario="no-autism"><th class="sid">"#)
            }, "\(page)")
        #expect(row.contains(#"<td class="num">0 / 100000 <span class="down">(-360)</span></td>"#), "\(row)")
        #expect(row.contains(#"<td class="num">360 / sans limite <span class="same">(0)</span></td>"#), "\(row)")
        let plain = try run(["--format", "html"], theCase: WhatIfTests.tinyCase, scenarios: WhatIfTests.scenarios)
        #expect(!plain.stdout.contains("part min") && !plain.stdout.contains("Programmes"))
    }

    @Test func csvHasTheShareAndProgramColumns() throws {
        let out = try run(["--format", "csv"]).stdout
        let rows = out.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let head = try #require(rows.first)
        let share = try #require(head.firstIndex(of: "fair share permille"))
        let served = try #require(head.firstIndex(of: "served minutes program tdah"))
        #expect(head[share + 1] == "delta fair share permille")
        #expect(head[served + 1] == "budget minutes program tdah")
        #expect(head.contains("served minutes program general"))
        for r in rows { #expect(r.count == head.count) }
        let gone = try #require(rows.first { $0.first == "no-autism" })
        #expect(gone[share] == "250" && gone[share + 1] == "-250")
        #expect(gone[served] == "0" && gone[served + 1] == "100000" && gone[served + 2] == "-360")
        let open = try #require(rows.first { $0.first == "open-tdah" })
        #expect(open[served + 1] == "")
    }

    @Test func aCaseWithoutProgramsHasNoneOfTheNewFields() throws {
        let tiny = WhatIfTests.tinyCase
        let plain = """
            { "format": "relief.scenarios/1", "scenarios": [
              { "name": "no-autism", "changes": [ { "op": "remove-sitter", "sitter": "A" } ] } ] }
            """
        let json = try run(["--format", "json"], theCase: tiny, scenarios: plain).stdout
        #expect(!json.contains("fairSharePermille") && !json.contains("\"programs\""))
        #expect(!(try run([], theCase: tiny, scenarios: plain).stdout.contains("part min")))
        #expect(!(try run(["--format", "csv"], theCase: tiny, scenarios: plain).stdout.contains("program")))
    }

    /// With tdah's budget at 180 minutes only one of V1 and V2 can be served; raising it to 360,
    /// or removing it, serves both.
    @Test
    func raisingABindingBudgetFillsMore() throws {
        let raise = """
            { "format": "relief.scenarios/1", "scenarios": [
              { "name": "raise", "changes": [ { "op": "set-program", "program": "tdah", "budgetMinutes": 360 } ] },
              { "name": "open", "changes": [ { "op": "set-program", "program": "tdah", "budgetMinutes": null } ] } ] }
            """
        let doc = try JSONParser.parse(
            try run(["--format", "json"], theCase: Self.weeksCase(tdahBudget: "180"), scenarios: raise).stdout)
        let base = try entry(doc, "base")
        #expect(program(base, "tdah").map { $0.served! <= 180 && $0.budget == 180 } == true)
        for name in ["raise", "open"] {
            let e = try entry(doc, name)
            #expect(e["status"] == .string("optimal"), "\(name)")
            #expect(int(e["delta"]?["urgentSlots"]).map { $0 >= 0 } == true, "\(name)")
            #expect(int(e["delta"]?["highSlots"]) == 1, "\(name)")
            #expect(program(e, "tdah")?.served == 360, "\(name)")
            #expect(program(e, "tdah")?.delta == 180, "\(name)")
        }
    }
}
