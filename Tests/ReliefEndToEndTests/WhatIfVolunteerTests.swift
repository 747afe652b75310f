import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// `relief whatif` with `add-sitter` of `kind: volunteer` (`people.md`), on `WhatIfTests`' tiny case
/// with V4 open to volunteers: one volunteer fills V4, the normal visit left; a second one adds
/// nothing (V3 and V5 are for employees), while one more employee would.
@Suite struct WhatIfVolunteerTests {
    static let scenarios = """
        { "format": "relief.scenarios/1", "scenarios": [
          { "name": "one-volunteer", "changes": [
            { "op": "add-sitter", "like": "B", "sitter": { "kind": "volunteer" } } ] },
          { "name": "two-volunteers", "changes": [
            { "op": "add-sitter", "like": "B", "count": 2, "sitter": { "kind": "volunteer" } } ] },
          { "name": "volunteers-for-a", "changes": [
            { "op": "add-sitter", "like": "A", "count": 2, "sitter": { "kind": "volunteer" } },
            { "op": "remove-sitter", "sitter": "A" } ] }
        ] }
        """

    @Test func addedVolunteersTakeOnlyTheVisitsOpenToThem() throws {
        let dir = try ScratchDirectory()
        let open = WhatIfTests.tinyCase.replacingOccurrences(
            of: #""id": "V4", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00" }"#,
            with:
                #""id": "V4", "family": "F1", "start": "2026-11-23T09:00", "end": "2026-11-23T12:00", "volunteers": true }"#
        )
        #expect(open != WhatIfTests.tinyCase)
        let c = try dir.write("case.json", open)
        let s = try dir.write("case.scenarios.json", Self.scenarios)
        let r = try Relief.run(["whatif", c, s, "--format", "json"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        let t = WhatIfTests()
        let doc = try JSONParser.parse(r.stdout)
        #expect(t.int(doc["base"]?["levels"]?["normalSlots"]) == 2)
        let one = try #require(t.scenario(doc, "one-volunteer"))
        #expect(one["status"] == .string("optimal"))
        #expect(t.int(one["delta"]?["normalSlots"]) == 1)
        #expect(t.number(one["unfilledHours"]?["total"]) == 0)
        let two = try #require(t.scenario(doc, "two-volunteers"))
        #expect(t.int(two["delta"]?["normalSlots"]) == 1)
        // Volunteers with A's autism in A's place never take V1 or V2 (not open to volunteers); one takes V4.
        let autism = try #require(t.scenario(doc, "volunteers-for-a"))
        #expect(autism["status"] == .string("optimal"), "\(autism)")
        #expect(t.int(autism["delta"]?["urgentSlots"]) == -1)
        #expect(t.int(autism["delta"]?["highSlots"]) == -1)
        #expect(t.int(autism["delta"]?["normalSlots"]) == 1)
        // The text table speaks of the same scenarios.
        let text = try Relief.run(["whatif", c, s], in: dir.url)
        #expect(text.stdout.contains("one-volunteer"))
    }
}
