import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// A scarce week through every command that reads a schedule or solves one: the 24/7 line has
/// nobody who may be on call (both shifts stay empty), V2 is in a territory nobody serves and
/// V3 needs a competency nobody has; only V1 is filled, by A. `relief whatif --suggest-hires`
/// used to crash on it (exit 132: `held[o.id]!` on a shift nobody holds).
@Suite struct ScarceWeekTests {
    static let scarce = """
        {
          "format": "relief.case/1", "name": "scarce", "timeZone": "America/Toronto",
          "horizon": { "start": "2026-11-23T00:00", "end": "2026-11-24T00:00" },
          "territories": [ { "id": "t1", "name": "Un" }, { "id": "t2", "name": "Deux" } ],
          "travel": [ { "from": "t1", "to": "t2", "minutes": 25 } ],
          "sitters": [
            { "id": "A", "name": "Ana", "homeTerritory": "t1",
              "availability": [ { "start": "2026-11-23T08:00", "end": "2026-11-23T22:00" } ] },
            { "id": "B", "name": "Ben", "homeTerritory": "t1",
              "availability": [ { "start": "2026-11-23T13:00", "end": "2026-11-23T22:00" } ] }
          ],
          "families": [ { "id": "F1", "name": "Famille Un", "territory": "t1" },
                        { "id": "F2", "name": "Famille Deux", "territory": "t2" } ],
          "visits": [
            { "id": "V1", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00",
              "priority": "urgent" },
            { "id": "V2", "family": "F2", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00",
              "priority": "high" },
            { "id": "V3", "family": "F1", "start": "2026-11-23T14:00", "end": "2026-11-23T17:00",
              "competencies": ["autism"] }
          ],
          "onCallShifts": [
            { "id": "OC1", "start": "2026-11-23T00:00", "end": "2026-11-23T12:00" },
            { "id": "OC2", "start": "2026-11-23T12:00", "end": "2026-11-24T00:00" }
          ]
        }
        """

    static let scenarios = """
        { "format": "relief.scenarios/1", "scenarios": [
            { "name": "ben-leaves", "changes": [ { "op": "remove-sitter", "sitter": "B" } ] },
            { "name": "autism-t2", "changes": [ { "op": "add-sitter", "like": "A",
              "sitter": { "homeTerritory": "t2", "territories": ["t1", "t2"], "competencies": ["autism"] } } ] }
        ] }
        """

    func run(_ args: [String], _ dir: ScratchDirectory) throws -> CommandResult {
        let r = try Relief.run(args, in: dir.url)
        #expect(r.killedBy == nil && r.status == 0, "relief \(args.joined(separator: " ")): \(r)")
        return r
    }

    func number(_ v: JSONValue?) -> Double? {
        if case .number(let d)? = v { return d }
        return nil
    }

    @Test func suggestHiresSurvivesOnCallShiftsNobodyHolds() throws {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", Self.scarce)
        let r = try run(["whatif", c, "--suggest-hires", "2", "--format", "json"], dir)
        let doc = try JSONParser.parse(r.stdout)
        guard case .array(let hires)? = doc["hires"] else {
            Issue.record("no hires in \(r.stdout)")
            return
        }
        // The first hire serves t2 (V2, high) or has autism (V3): either gains; the on-call line
        // gains nothing, since nobody added is on call (clones of A and B, who are not).
        #expect(!hires.isEmpty)
        #expect(number(hires.first?["gain"]?["onCallMinutes"]) == 0)
        let text = try run(["whatif", c, "--suggest-hires", "2"], dir)
        #expect(!text.stdout.isEmpty)
    }

    @Test func everyCommandSurvivesTheScarceWeek() throws {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", Self.scarce)
        let s = try dir.write("scenarios.json", Self.scenarios)

        let table = try run(["whatif", c, s, "--format", "json"], dir)
        let doc = try JSONParser.parse(table.stdout)
        #expect(number(doc["base"]?["onCallMinutesUnstaffed"]) == 1440)
        #expect(number(doc["base"]?["levels"]?["urgentSlots"]) == 1)
        guard case .array(let rows)? = doc["scenarios"] else {
            Issue.record("no scenarios in \(table.stdout)")
            return
        }
        #expect(rows.map { $0["status"] } == [.string("optimal"), .string("optimal")])
        // The added sitter serves t2 and has autism: V2 (high) and V3 (normal) are filled.
        #expect(number(rows.last?["delta"]?["highSlots"]) == 1)
        #expect(number(rows.last?["delta"]?["normalSlots"]) == 1)
        _ = try run(["whatif", c, s], dir)

        let minStaff = try run(["whatif", c, "--min-staff", "--format", "json"], dir)
        let m = try JSONParser.parse(minStaff.stdout)
        #expect(number(m["count"]) == 1)
        #expect(m["sitters"] == .array([.string("A")]))
        _ = try run(["whatif", c, "--min-staff"], dir)

        let plan = try run(["plan", c, "-o", dir.path("s.json")], dir)
        #expect(plan.stdout.contains("V2") && plan.stdout.contains("V3"), "\(plan)")
        _ = try run(["report", dir.path("s.json"), "--case", c, "-o", dir.path("week.html")], dir)
        let html = try String(contentsOfFile: dir.path("week.html"), encoding: .utf8)
        #expect(html.contains("data-unfilled-visit=\"V2\"") && html.contains("data-unfilled-visit=\"V3\""))
        _ = try run(["agenda", dir.path("s.json"), "--case", c, "--out", dir.path("agendas")], dir)
        let ics = try String(contentsOfFile: dir.path("agendas/A.ics"), encoding: .utf8)
        #expect(ics.contains("V1"))

        // Ana falls sick in the morning: V1 is lost too, and the notice says so.
        let sick = Self.scarce.replacingOccurrences(
            of: "\"start\": \"2026-11-23T08:00\", \"end\": \"2026-11-23T22:00\"",
            with: "\"start\": \"2026-11-23T13:00\", \"end\": \"2026-11-23T22:00\"")
        #expect(sick != Self.scarce)
        let c2 = try dir.write("case2.json", sick)
        _ = try run(["plan", c2, "-o", dir.path("s2.json")], dir)
        let notice = try run(
            ["diff", dir.path("s.json"), dir.path("s2.json"), "--case", c2, "--old-case", c, "--lang", "en"], dir)
        #expect(notice.stdout.contains("V1") && notice.stdout.contains("now nobody (was A)"), "\(notice)")
        _ = try run(
            ["diff", dir.path("s.json"), dir.path("s2.json"), "--case", c2, "--old-case", c, "--format", "json"], dir)
    }
}
