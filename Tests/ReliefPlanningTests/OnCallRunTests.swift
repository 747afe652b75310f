import Foundation
import ReliefApp
import ReliefCore
import ReliefTestSupport
import Testing

/// Runs of touching on-call shifts (people.md, `maxConsecutiveShifts`): the rule
/// kernel's `runLimit` by hand on four eight-hour shifts in a row, then seeded
/// random weeks with touching shifts against `ScheduleVerifier`.
@Suite("Consecutive on-call shifts: the rule kernel and the verifier")
struct OnCallRunTests {
    typealias Item = WeekRules.Item

    /// Reads `b` with `rules.maxConsecutiveShifts` = `rule` and, for the sitters
    /// of `own`, their own value.
    static func read(_ b: CaseBuilder, rule: Int?, own: [Int: Int] = [:]) throws -> Case {
        var v = b.json
        if let rule {
            v =
                v.at("$.rules") == nil
                ? v.setting("$.rules", to: .object([("maxConsecutiveShifts", .number(Double(rule)))]))
                : v.setting("$.rules.maxConsecutiveShifts", to: .number(Double(rule)))
        }
        for (s, m) in own { v = v.setting("$.sitters[\(s)].onCall.maxConsecutiveShifts", to: .number(Double(m))) }
        return try CaseReader.read(data: Data(v.serialized().utf8), file: "\(b.name).json").0
    }

    /// One sitter, on call: OC1-OC3 are 2026-11-24 00-08, 08-16, 16-24, OC4 is the next 00-08.
    static let fourInARow = WeekRulesTests.week(
        visits: [],
        shifts: [
            ("2026-11-24T00:00", "2026-11-24T08:00"), ("2026-11-24T08:00", "2026-11-24T16:00"),
            ("2026-11-24T16:00", "2026-11-25T00:00"), ("2026-11-25T00:00", "2026-11-25T08:00"),
        ])

    @Test("max 2: the third shift in a row is refused with a run of 3; the fourth then starts a new run")
    func thirdRefused() throws {
        let rules = WeekRules(try Self.read(Self.fourInARow, rule: 2))
        #expect(rules.limits[0].run == 2)
        #expect(
            WeekRulesTests.refused(rules, [.shift(0), .shift(1), .shift(2), .shift(3)]) == [
                .shift(2): [.runLimit(run: 3, cap: 2)]
            ])
        let none = WeekRules(try Self.read(Self.fourInARow, rule: nil))
        #expect(none.limits[0].run == nil)
        #expect(WeekRulesTests.refused(none, [.shift(0), .shift(1), .shift(2), .shift(3)]).isEmpty)
    }

    @Test("adding the shift between two runs joins them: 1 + 1 + 2 = 4 over 3, and fits says no")
    func joiningRuns() throws {
        let rules = WeekRules(try Self.read(Self.fourInARow, rule: 3))
        let (week, refused) = rules.assemble(sitter: 0, [.shift(0), .shift(2), .shift(3)])
        #expect(refused.isEmpty)
        #expect(week.breaches(adding: .shift(1), rules) == [.runLimit(run: 4, cap: 3)])
        #expect(!week.fits(.shift(1), rules))
        let (two, _) = rules.assemble(sitter: 0, [.shift(0), .shift(3)])
        #expect(two.breaches(adding: .shift(1), rules) == [])
        #expect(two.fits(.shift(1), rules) && two.fits(.shift(2), rules))
    }

    @Test("the sitter's own value wins over the rule's")
    func ownValue() throws {
        let rules = WeekRules(try Self.read(Self.fourInARow, rule: 3, own: [0: 1]))
        #expect(rules.limits[0].run == 1)
        #expect(
            WeekRulesTests.refused(rules, [.shift(0), .shift(1), .shift(2), .shift(3)]) == [
                .shift(1): [.runLimit(run: 2, cap: 1)], .shift(3): [.runLimit(run: 2, cap: 1)],
            ])
    }

    @Test("an hour's gap breaks the run")
    func gapBreaksTheRun() throws {
        var b = Self.fourInARow
        b.shifts[1].start = "2026-11-24T09:00"
        let rules = WeekRules(try Self.read(b, rule: 2))
        #expect(rules.longestRun(of: [0, 1, 2, 3]) == 3 && rules.longestRun(of: [0, 2]) == 1)
        #expect(rules.runWindows(of: [0, 1, 2, 3], length: 3) == [[1, 2, 3]])
        #expect(
            WeekRulesTests.refused(rules, [.shift(0), .shift(1), .shift(2), .shift(3)]) == [
                .shift(3): [.runLimit(run: 3, cap: 2)]
            ])
    }

    @Test("the verifier names the sitter, the run, its last shift and the limit")
    func verifierWords() throws {
        let c = try Self.read(Self.fourInARow, rule: 2)
        #expect(
            WeekRulesTests.weekViolations(c, sitter: 0, visits: [], shifts: [0, 1, 2, 3]) == [
                "S1: 3 consecutive on-call shifts ending OC3 > 2", "S1: 4 consecutive on-call shifts ending OC4 > 2",
            ])
        #expect(WeekRulesTests.weekViolations(c, sitter: 0, visits: [], shifts: [0, 1, 3]) == [])
    }

    /// A random tiny week (`ExhaustiveTests.randomCase`) whose shifts are 2-4 on
    /// 2026-11-24, 2-4 hours each, most touching the one before, with a run limit
    /// of 1-2 for everyone and sometimes a sitter's own of 1-3.
    static func randomRunCase(seed: Int) throws -> Case {
        var r = ExhaustiveTests.Random(state: UInt64(seed) &* 104_729 &+ 3)
        var b = ExhaustiveTests.randomCase(seed: seed, locks: false)
        if b.sitters[0].onCall == nil { b.sitters[0].onCall = OnCallSpec() }
        b.shifts = []
        var h = 2
        for i in 1...(2 + r.next(3)) {
            let len = 2 + r.next(3)
            let t = { (h: Int) in String(format: "2026-11-24T%02d:00", h) }
            b.shifts.append(ShiftSpec(id: "OC\(i)", start: t(h), end: t(h + len)))
            h += len + (r.chance(25) ? 1 : 0)
        }
        var own: [Int: Int] = [:]
        for (i, s) in b.sitters.enumerated() where s.onCall != nil && r.chance(30) { own[i] = 1 + r.next(3) }
        return try read(b, rule: 1 + r.next(2), own: own)
    }

    @Test("seeded: with touching shifts, the kernel refuses nothing exactly when the verifier finds nothing")
    func kernelAgreesWithVerifierOnRuns() throws {
        var r = ExhaustiveTests.Random(state: 20_261_207)
        var runsRefused = 0
        var clean = 0
        for seed in 0..<300 {
            let c = try Self.randomRunCase(seed: seed)
            let ix = PlanningIndex(c)
            let rules = WeekRules(c)
            for s in c.sitters.indices where !ix.sitterShifts[s].isEmpty {
                let shifts = ix.sitterShifts[s].filter { _ in r.chance(75) }
                let (week, refused) = rules.assemble(sitter: s, shifts.map(Item.shift))
                let found = WeekRulesTests.weekViolations(c, sitter: s, visits: [], shifts: shifts)
                #expect(refused.isEmpty == found.isEmpty, "seed \(seed), sitter \(s): \(refused) vs \(found)")
                if refused.contains(where: { $0.1.contains { if case .runLimit = $0 { true } else { false } } }) {
                    runsRefused += 1
                }
                if refused.isEmpty { clean += 1 }
                let kept = WeekRulesTests.weekViolations(c, sitter: s, visits: [], shifts: week.shifts.sorted())
                #expect(kept == [], "seed \(seed), sitter \(s): kept \(week.shifts.sorted())")
                for o in ix.sitterShifts[s] where !week.shifts.contains(o) {
                    #expect(week.fits(.shift(o), rules) == week.breaches(adding: .shift(o), rules).isEmpty)
                }
            }
        }
        #expect(runsRefused >= 50, "\(runsRefused) weeks with a run refused")
        #expect(clean >= 50, "\(clean) clean weeks")
    }
}

/// The planner with run limits: the compact model's `max_run` rows and the
/// pricer's run resource, by hand on four eight-hour shifts in a row.
@Suite("Consecutive on-call shifts: planning")
struct OnCallRunPlanTests {
    /// OC1-OC4: four eight-hour shifts in a row from 2026-11-24 00:00; sitters S1..Sn on call.
    static func fourInARow(sitters: Int) -> CaseBuilder {
        var b = OnCallRunTests.fourInARow
        b.sitters = (1...sitters).map { SitterSpec(id: "S\($0)", onCall: OnCallSpec()) }
        return b
    }

    /// Plans the four shifts for two sitters with `rule`; expects all 1920 minutes
    /// staffed and returns who holds OC1-OC4.
    static func holders(rule: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let s = try solve(OnCallRunTests.read(Self.fourInARow(sitters: 2), rule: rule), sourceLocation: sourceLocation)
        #expect(s.levels.onCallMinutes == 4 * 480, sourceLocation: sourceLocation)
        let by = Dictionary(s.onCall.map { ($0.shift, $0.sitter) }, uniquingKeysWith: { a, _ in a })
        return ["OC1", "OC2", "OC3", "OC4"].map { by[$0] ?? "-" }
    }

    @Test("max 1, two sitters: every shift staffed, and the two alternate")
    func alternate() throws {
        let h = try Self.holders(rule: 1)
        #expect(h == ["S1", "S2", "S1", "S2"] || h == ["S2", "S1", "S2", "S1"], "\(h)")
    }

    @Test("max 2, two sitters: every shift staffed, nobody three in a row")
    func twoEach() throws {
        let h = try Self.holders(rule: 2)
        let threes = [0, 1].filter { (i: Int) -> Bool in h[i] == h[i + 1] && h[i + 1] == h[i + 2] }
        #expect(threes.isEmpty && !h.contains("-"), "\(h)")
    }

    @Test("max 2, one sitter: three of the four (a gap after two), one unstaffed with the run limit named")
    func oneSitter() throws {
        let c = try OnCallRunTests.read(Self.fourInARow(sitters: 1), rule: 2)
        let s = try solve(c)
        #expect(s.levels.onCallMinutes == 3 * 480)
        #expect(s.unstaffedShifts.count == 1)
        let detail = s.unstaffedShifts.first?.reasons.map(\.detail) ?? []
        #expect(
            detail == ["1 sitter could be on call; S1 would pass the limit of 2 on-call shifts in a row"], "\(detail)")
        let fr = ReportService.html(c, s, language: .fr)
        #expect(fr.contains("S1 dépasserait sa limite de 2 gardes d’affilée"), "\(fr)")
    }
}

extension OnCallRunPlanTests {
    @Test("seeded: on random weeks with touching shifts, the planner's levels are the exhaustive optimum")
    func plannerMatchesEnumeration() throws {
        var compared = 0
        for seed in 0..<120 {
            let c = try OnCallRunTests.randomRunCase(seed: seed)
            guard let best = ExhaustiveTests.exhaustiveOptimum(c) else { continue }
            let s = try solve(c)
            #expect(s.levels == best, "seed \(seed): planner \(s.levels), enumeration \(best)")
            compared += 1
        }
        #expect(compared >= 40, "\(compared) cases small enough to enumerate")
    }
}
