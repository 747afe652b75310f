import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// `relief whatif CASE --suggest-hires N` on tiny cases whose best hire is known by hand:
///
/// - `territoryNobodyServes`: A (autism) and B serve t1 only. V1 (urgent, autism) and V2
///   (normal) in t1 are filled; V3 and V4 (urgent, autism, 09-12 and 13-16) are in t2,
///   which nobody serves. The only profile that gains is an autism sitter with home t2
///   (drawn from the unfilled visits, available at their times): urgent +2, filling V3
///   and V4. After it every visit is filled, so a second hire gains nothing.
/// - `WhatIfTests.tinyCase`: one normal visit short that any sitter like B or C fills;
///   the clones of A (600 min contract), B (300) and C (none) all gain normal +1, and the
///   tie goes to the fewest contract minutes: like C.
@Suite struct WhatIfHiresTests {
    static let territoryNobodyServes = """
        {
          "format": "relief.case/1", "name": "tiny hires", "timeZone": "America/Toronto",
          "horizon": { "start": "2026-11-23T00:00", "end": "2026-11-24T00:00" },
          "territories": [ { "id": "t1", "name": "Un" }, { "id": "t2", "name": "Deux" } ],
          "travel": [ { "from": "t1", "to": "t2", "minutes": 25 } ],
          "sitters": [
            { "id": "A", "name": "Ana", "homeTerritory": "t1", "competencies": ["autism"],
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ],
              "targetMinutesPerWeek": 600 },
            { "id": "B", "name": "Ben", "homeTerritory": "t1",
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ],
              "targetMinutesPerWeek": 300 }
          ],
          "families": [ { "id": "F1", "name": "Famille Un", "territory": "t1" },
                        { "id": "F2", "name": "Famille Deux", "territory": "t2" } ],
          "visits": [
            { "id": "V1", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00",
              "competencies": ["autism"], "priority": "urgent" },
            { "id": "V2", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00" },
            { "id": "V3", "family": "F2", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00",
              "competencies": ["autism"], "priority": "urgent" },
            { "id": "V4", "family": "F2", "start": "2026-11-23T13:00", "end": "2026-11-23T16:00",
              "competencies": ["autism"], "priority": "urgent" }
          ],
          "onCallShifts": []
        }
        """

    func run(_ caseText: String, _ extra: [String]) throws -> CommandResult {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", caseText)
        return try Relief.run(["whatif", c] + extra, in: dir.url)
    }

    func json(_ caseText: String, _ extra: [String]) throws -> JSONValue {
        let r = try run(caseText, extra + ["--format", "json"])
        #expect(r.status == 0, "\(r)")
        return try JSONParser.parse(r.stdout)
    }

    func int(_ v: JSONValue?) -> Int? {
        if case .number(let d)? = v { return Int(d) }
        return nil
    }

    func hires(_ doc: JSONValue) -> [JSONValue] {
        if case .array(let list)? = doc["hires"] { return list }
        return []
    }

    func strings(_ v: JSONValue?) -> [String]? {
        guard case .array(let list)? = v else { return nil }
        return list.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
    }

    @Test func firstHireServesTheTerritoryNobodyServesWithAutismAndFillsExactlyItsVisits() throws {
        let doc = try json(Self.territoryNobodyServes, ["--suggest-hires", "1"])
        let first = try #require(hires(doc).first)
        #expect(first["source"] == .string("unfilled"))
        #expect(first["like"] == nil)
        #expect(first["homeTerritory"] == .string("t2"))
        #expect(strings(first["territories"]) == ["t2"])
        #expect(strings(first["competencies"]) == ["autism"])
        #expect(strings(first["fills"]) == ["V3", "V4"])
        #expect(strings(first["fillsFreed"]) == [])
        #expect(int(first["gain"]?["urgentSlots"]) == 2)
        #expect(int(first["gain"]?["normalSlots"]) == 0)
        #expect(int(first["levels"]?["urgentSlots"]) == 3)
        // Nobody serves t2, so its availability is the union of the two visits' times.
        #expect(first["availabilitySummary"] == .string("Mon 09:00–12:00, Mon 13:00–16:00"))
        #expect(doc["stopped"] == .string("requested"))
    }

    @Test func stopsEarlyWhenNothingMoreGains() throws {
        let doc = try json(Self.territoryNobodyServes, ["--suggest-hires", "2"])
        #expect(hires(doc).count == 1)
        #expect(doc["stopped"] == .string("no-gain"))
        #expect(int(doc["levels"]?["urgentSlots"]) == 3)
        // The text is French by default, English with --lang en; the JSON the same in both.
        let text = try run(Self.territoryNobodyServes, ["--suggest-hires", "2"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("Embauches pour le cas tiny hires : jusqu’à 2, une à la fois\n"), "\(text)")
        #expect(text.stdout.contains("\n   pourvoit :       V3, V4\n"), "\(text)")
        #expect(text.stdout.contains("\n   disponible :     lun. 09:00–12:00, lun. 13:00–16:00\n"), "\(text)")
        #expect(text.stdout.contains("\nArrêt après 1 sur 2 : plus aucun candidat n’améliore les niveaux 1 à 4.\n"))
        #expect(text.stdout.contains("\nCandidats : à chaque étape, un clone (comme)"), "\(text)")
        let english = try run(Self.territoryNobodyServes, ["--suggest-hires", "2", "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.stdout.hasPrefix("Hires for tiny hires: up to 2, greedily\n"), "\(english)")
        #expect(english.stdout.contains("\n   fills:        V3, V4\n"), "\(english)")
        #expect(english.stdout.contains("\n   available:    Mon 09:00–12:00, Mon 13:00–16:00\n"), "\(english)")
        #expect(english.stdout.contains("\nStopped after 1 of 2: no candidate improves levels 1-4 any more.\n"))
        #expect(try json(Self.territoryNobodyServes, ["--suggest-hires", "2", "--lang", "en"]) == doc)
    }

    @Test func theSameWhateverTheJobs() throws {
        for format in ["json", "text"] {
            let one = try run(WhatIfTests.tinyCase, ["--suggest-hires", "2", "--jobs", "1", "--format", format])
            let two = try run(WhatIfTests.tinyCase, ["--suggest-hires", "2", "--jobs", "2", "--format", format])
            #expect(one.status == 0 && two.status == 0, "\(one)\n\(two)")
            #expect(one.stdout == two.stdout)
            #expect(!one.stdout.isEmpty)
        }
    }

    @Test func aTieGoesToTheFewestContractMinutes() throws {
        let doc = try json(WhatIfTests.tinyCase, ["--suggest-hires", "3"])
        let list = hires(doc)
        #expect(list.count == 1)
        #expect(list.first?["source"] == .string("clone"))
        #expect(list.first?["like"] == .string("C"))
        #expect(int(list.first?["gain"]?["normalSlots"]) == 1)
        #expect(doc["stopped"] == .string("no-gain"))
    }

    @Test func jsonShape() throws {
        let doc = try json(Self.territoryNobodyServes, ["--suggest-hires", "2"])
        guard case .object(let top) = doc else {
            Issue.record("not an object")
            return
        }
        #expect(top.map(\.0) == ["format", "case", "requested", "candidates", "base", "hires", "stopped", "levels"])
        #expect(doc["format"] == .string("relief.hires/1"))
        #expect(doc["case"] == .string("tiny hires"))
        #expect(int(doc["requested"]) == 2)
        #expect(int(doc["candidates"]?["cap"]) == 12)
        if case .string(let rule)? = doc["candidates"]?["rule"] {
            #expect(rule.contains("clone"))
        } else {
            Issue.record("no rule")
        }
        #expect(doc["base"]?["status"] == .string("optimal"))
        #expect(int(doc["base"]?["levels"]?["urgentSlots"]) == 1)
        let h = try #require(hires(doc).first)
        guard case .object(let fields) = h else {
            Issue.record("hire not an object")
            return
        }
        #expect(
            fields.map(\.0) == [
                "step", "id", "source", "homeTerritory", "territories", "competencies", "credentials",
                "availability", "availabilitySummary", "targetMinutesPerWeek", "status", "gain", "levels", "fills",
                "fillsFreed", "candidatesTried", "failedSolves",
            ])
        #expect(h["id"] == .string("NEW-1"))
        #expect(int(h["step"]) == 1)
        for key in ["onCallMinutes", "urgentSlots", "highSlots", "normalSlots"] {
            #expect(int(h["gain"]?[key]) != nil)
            #expect(int(h["levels"]?[key]) != nil)
        }
        #expect(h["availability"]?.typeName == "an array")
        #expect(
            h["availability"].flatMap { if case .array(let a) = $0 { a.first?["start"] } else { nil } }
                == .string("2026-11-23T09:00-05:00"))
    }

    @Test func usageErrors() throws {
        // csv/html are the scenario table's formats; a SCENARIOS file is not taken with --suggest-hires.
        #expect(try run(Self.territoryNobodyServes, ["--suggest-hires", "1", "--format", "csv"]).status == 64)
        #expect(try run(Self.territoryNobodyServes, ["extra.json", "--suggest-hires", "1"]).status == 64)
        #expect(try run(Self.territoryNobodyServes, ["--suggest-hires", "0"]).status == 64)
    }
}
