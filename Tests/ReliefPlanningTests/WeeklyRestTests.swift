import Foundation
import LinearProgramming
import ReliefApp
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// Weekly rest (people.md, `weeklyRestMinutes`): reading, the rule kernel and its
/// blocks by hand on a two-day horizon, the lock check, the model's rows, the
/// verifier and the explanation.
@Suite("Weekly rest: reading, the rule kernel, the model and the explanation")
struct WeeklyRestTests {
    typealias Item = WeekRules.Item

    /// Two days (2026-11-24 and 25), sitter S1 (and S2, a volunteer), visits V1 Tue 08-10,
    /// V2 Tue 20-22, V3 Wed 08-10, V4 Wed 20-22, shift OC1 Tue 12-20; rest `rest` for all.
    static func twoDays(rest: Int?, own: Int? = nil) -> CaseBuilder {
        var b = CaseBuilder()
        b.horizon = ("2026-11-24T00:00", "2026-11-26T00:00")
        b.weeklyRestMinutes = rest
        b.sitters = [SitterSpec(id: "S1", onCall: OnCallSpec()), SitterSpec(id: "S2")]
        b.sitters[0].weeklyRestMinutes = own
        b.sitters[1].kind = "volunteer"
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T10:00"),
            VisitSpec(id: "V2", start: "2026-11-24T20:00", end: "2026-11-24T22:00"),
            VisitSpec(id: "V3", start: "2026-11-25T08:00", end: "2026-11-25T10:00"),
            VisitSpec(id: "V4", start: "2026-11-25T20:00", end: "2026-11-25T22:00"),
        ]
        for i in b.visits.indices { b.visits[i].volunteers = true }
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T12:00", end: "2026-11-24T20:00")]
        return b
    }

    @Test("reading: the rule, a sitter's own value over it, volunteers exempt, written back, 0...max checked")
    func reading() throws {
        let c = try Self.twoDays(rest: 1200, own: 900).read()
        #expect(c.rules.weeklyRestMinutes == 1200 && c.sitters[0].weeklyRestMinutes == 900)
        #expect(c.weeklyRestMinutes(c.sitters[0]) == 900)
        #expect(c.weeklyRestMinutes(c.sitters[1]) == nil, "a volunteer is not bound by the weekly rest")
        let again = try CaseReader.read(data: Data(CaseWriter.json(c).serialized().utf8), file: "again.json").0
        #expect(again.rules.weeklyRestMinutes == 1200 && again.sitters[0].weeklyRestMinutes == 900)
        let without = try Self.twoDays(rest: nil).read()
        #expect(without.weeklyRestMinutes(without.sitters[0]) == nil)

        let bad = Self.twoDays(rest: nil).json.setting("$.sitters[0].weeklyRestMinutes", to: .number(-5))
        let error = #expect(throws: InputError.self) {
            try CaseReader.read(data: Data(bad.serialized().utf8), file: "bad.json")
        }
        let messages = error?.description ?? ""
        #expect(messages.contains("$.sitters[0].weeklyRestMinutes"), "\(messages)")
    }

    @Test("the horizon bounds the stretches; a stretch of exactly the rest keeps it, one minute less does not")
    func longestRest() throws {
        let rules = WeekRules(try Self.twoDays(rest: 1440).read())
        #expect(rules.longestRest([]) == 2880)
        #expect(rules.longestRest([rules.visitSpan[0], rules.visitSpan[3]]) == 2040)  // Tue 10:00 -> Wed 20:00
        #expect(rules.longestRest([rules.visitSpan[0], rules.visitSpan[2]]) == 1320)  // Tue 10:00 -> Wed 08:00
        #expect(rules.longestRest([rules.visitSpan[3]]) == 2640)  // from the horizon's start
        // V1, V2, then V3: the longest stretch left would be Wed 10:00 -> the end, 840 min.
        let (week, refused) = rules.assemble(sitter: 0, [.visit(0), .visit(2), .visit(1)])
        #expect(refused.map(\.0) == [.visit(2)], "\(refused)")
        #expect(refused.first?.1 == [.rest(longest: 840, need: 1440)])
        #expect(week.visits == [0, 1])
        #expect(!week.fits(.visit(3), rules), "Tue 22:00 -> Wed 20:00 is 1320 min")
        #expect(week.fits(.shift(0), rules), "OC1 lies between V1 and V2: Tue 22:00 -> the end is 1560 min")
        for it in [Item.visit(2), .visit(3), .shift(0)] { WeekRulesTests.checkFitsAgrees(rules, week, it) }

        for (rest, fits) in [(1320, true), (1321, false)] {
            let r = WeekRules(try Self.twoDays(rest: rest).read())
            let (w, _) = r.assemble(sitter: 0, [.visit(0)])
            #expect(w.fits(.visit(2), r) == fits, "rest \(rest)")
            // The volunteer is not bound: V1 and V3 always fit for S2.
            let (v, _) = r.assemble(sitter: 1, [.visit(0)])
            #expect(v.fits(.visit(2), r))
        }
    }

    @Test("blocks: starts at the horizon's start and item ends, those holding another block's items dropped")
    func blocks() throws {
        let rules = WeekRules(try Self.twoDays(rest: 1440).read())
        let items: [Item] = [.visit(0), .visit(1), .visit(2), .visit(3), .shift(0)]
        let b = try #require(rules.restBlocks(sitter: 0, items: items))
        // Starts p with p + 24 h inside the horizon: Tue 00:00 (V1, V2, OC1), V1's end Tue 10:00 (V2, V3, OC1),
        // OC1's end Tue 20:00 (V2, V3: V4 starts when the block ends) and V2's end Tue 22:00 (V3, V4). V3 and V4
        // end too late. Tue 10:00 holds Tue 20:00's items and is dropped.
        let names = b.overlapping.map { $0.map(\.description) }
        #expect(names == [["visit 0", "visit 1", "shift 0"], ["visit 1", "visit 2"], ["visit 2", "visit 3"]])
        let h0 = rules.horizon.start
        #expect(b.starts == [h0, h0.adding(minutes: 1200), h0.adding(minutes: 1320)])
        // No rule, or a block that no item overlaps: the rest never binds.
        #expect(rules.restBlocks(sitter: 1, items: items) == nil, "a volunteer")
        #expect(rules.restBlocks(sitter: 0, items: [.visit(0)]) == nil)
        // A horizon shorter than the rest: no block at all.
        let long = WeekRules(try Self.twoDays(rest: 2881).read())
        #expect(long.restBlocks(sitter: 0, items: [.visit(0)])?.starts == [])
    }
}

extension WeeklyRestTests {
    @Test("locked visits that leave no rest are an input error naming the sitter, the rest and the fix")
    func lockedVisits() throws {
        var b = Self.twoDays(rest: 1440)
        for i in [0, 2, 3] {
            b.visits[i].assigned = ["S1"]
            b.visits[i].locked = true
        }
        let error = #expect(throws: InputError.self) {
            try CaseReader.read(data: Data(b.text.utf8), file: "locks.json")
        }
        let text = error?.description ?? ""
        #expect(
            text.contains(
                "locked visits leave S1 at most 1320 minutes in a row without assignment, under the weekly rest of 1440 (V1, V3, V4)"
            ), "\(text)")
        #expect(text.contains("weeklyRestMinutes"))
        // V1 and V4 leave Tue 10:00 -> Wed 20:00.
        b.visits[2].locked = false
        b.visits[2].assigned = nil
        let (_, d2) = try CaseReader.read(data: Data(b.text.utf8), file: "locks.json")
        #expect(!d2.contains { $0.description.contains("weekly rest") })
    }

    @Test("the model: rest rows only where the rest binds, and relief proves the hand-checked optimum")
    func plan() throws {
        // Without the rule S1 takes everything it can; with 24 h, V1 or the Wednesday visits, and OC1.
        let none = CompactModel(PlanningIndex(try Self.twoDays(rest: nil).read()))
        #expect(!none.model.rows.contains { $0.name.hasPrefix("rest_") })
        #expect(none.rest.isEmpty)
        let c = try Self.twoDays(rest: 1440).read()
        let cm = CompactModel(PlanningIndex(c))
        #expect(cm.rest.keys.sorted() == [0], "only S1: S2 is a volunteer")
        #expect(cm.model.rows.filter { $0.name.hasPrefix("rest_block[") }.map(\.name) == ["rest_block[S1]"])
        let planned = try Planner().plan(c).schedule
        #expect(planned.status == .optimal)
        #expect(ScheduleVerifier(c).violations(of: planned) == [])
        // OC1 (480 min) for S1, the only one on call; the volunteer S2, whom the rest does not bind, can take all
        // four visits (480 min, a volunteer's cap): S1 keeps its rest whatever it takes.
        #expect(planned.levels.onCallMinutes == 480)
        #expect(planned.levels.normalSlots == 4)
        let s1 = planned.assignments.filter { $0.sitter == "S1" }.map(\.visit).sorted()
        let spans = s1.map { id in c.visits.first { $0.id == id }!.span } + [c.onCallShifts[0].span]
        #expect(WeekRules(c).longestRest(spans) >= 1440, "\(s1)")
    }

    @Test("an unfilled visit blocked by the rest says so, in English and in French")
    func explained() throws {
        var b = Self.twoDays(rest: 1440)
        b.sitters = [b.sitters[0]]
        for i in b.visits.indices { b.visits[i].volunteers = nil }
        let c = try b.read()
        let planned = try Planner().plan(c).schedule
        #expect(ScheduleVerifier(c).violations(of: planned) == [])
        let details = planned.unfilled.flatMap(\.reasons).map(\.detail).joined(separator: "\n")
        #expect(details.contains("S1 would lose the weekly rest of 1440 min in a row"), "\(details)")
        #expect(planned.levels.normalSlots == 2, "OC1 and two visits leave 24 h at most")
        let french = ReportService.html(c, planned, language: .fr)
        #expect(french.contains("S1 perdrait son repos hebdomadaire de 1440 min d’affilée"))
    }

    @Test("the verifier flags a week with no rest, with the contract checker's wording")
    func verifier() throws {
        let c = try Self.twoDays(rest: 1440).read()
        let broken = WeekRulesTests.weekViolations(c, sitter: 0, visits: [0, 1, 2], shifts: [])
        #expect(broken == ["S1: longest rest 840 min < weekly rest 1440"])
        #expect(WeekRulesTests.weekViolations(c, sitter: 0, visits: [0, 1], shifts: [0]) == [])
        #expect(WeekRulesTests.weekViolations(c, sitter: 1, visits: [0, 1, 2, 3], shifts: []) == [])
    }
}
