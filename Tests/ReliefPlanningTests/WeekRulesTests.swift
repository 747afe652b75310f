import ReliefCore
import ReliefTestSupport
import Testing

/// `WeekRules` is the one kernel of a sitter's week: tiny cases with the exact
/// numbers each `Breach` carries, and a seeded comparison with `ScheduleVerifier`,
/// the independent second implementation of the same rules.
@Suite("One rule kernel for a sitter's week")
struct WeekRulesTests {
    typealias Item = WeekRules.Item

    /// Days since 1970-01-01 of the local dates used below.
    static let nov24 = 20781
    static let nov25 = 20782
    static let nov01 = 20758

    /// One sitter serving north and south (30 minutes apart), families F1 (north) and F2 (south).
    static func week(
        day: Int? = nil, week: Int? = nil, maxShifts: Int? = nil, northNorth: Int? = nil,
        visits: [(family: String, start: String, end: String)], shifts: [(String, String)] = []
    ) -> CaseBuilder {
        var b = CaseBuilder()
        b.territories = ["north", "south"]
        b.travel = [("north", "south", 30)]
        if let northNorth { b.travel.append(("north", "north", northNorth)) }
        b.families = [FamilySpec(id: "F1"), FamilySpec(id: "F2", territory: "south")]
        b.sitters = [
            SitterSpec(
                id: "S1", territories: ["north", "south"], maxMinutesPerDay: day, maxMinutesPerWeek: week,
                onCall: OnCallSpec(maxShifts: maxShifts))
        ]
        b.visits = visits.enumerated().map {
            VisitSpec(id: "V\($0.offset + 1)", family: $0.element.family, start: $0.element.start, end: $0.element.end)
        }
        b.shifts = shifts.enumerated().map {
            ShiftSpec(id: "OC\($0.offset + 1)", start: $0.element.0, end: $0.element.1)
        }
        return b
    }

    /// What `assemble` refuses, as comparable values.
    static func refused(_ rules: WeekRules, _ items: [Item]) -> [Item: [WeekRules.Breach]] {
        Dictionary(uniqueKeysWithValues: rules.assemble(sitter: 0, items).refused.map { ($0.0, $0.1) })
    }

    /// `breaches(adding:)` and `fits` must agree on every item not in the week.
    static func checkFitsAgrees(
        _ rules: WeekRules, _ week: WeekRules.Week, _ it: Item, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            week.fits(it, rules) == week.breaches(adding: it, rules).isEmpty, "\(it)", sourceLocation: sourceLocation)
    }

    // MARK: - Conflicts

    @Test("travel: earlier end + 30 min > later start is a conflict carrying travel 30; exactly 30 min apart fits")
    func travelConflict() throws {
        let c = try Self.week(visits: [
            ("F1", "2026-11-24T10:00", "2026-11-24T11:00"),  // V1 north
            ("F2", "2026-11-24T11:29", "2026-11-24T12:00"),  // V2 south, 29 min later
            ("F2", "2026-11-24T11:30", "2026-11-24T12:00"),  // V3 south, exactly 30 min later
        ]).read()
        let rules = WeekRules(c)
        #expect(rules.travelMinutes(visit: 0, visit: 1) == 30)
        #expect(
            Self.refused(rules, [.visit(0), .visit(1)]) == [
                .visit(1): [.conflict(with: .visit(0), travel: 30, overlap: false)]
            ])
        #expect(Self.refused(rules, [.visit(0), .visit(2)]).isEmpty)
        #expect(rules.visitsConflict(0, 1) && rules.visitsConflict(1, 0))
        #expect(!rules.visitsConflict(0, 2) && !rules.visitsConflict(2, 0))
        #expect(!rules.visitsOverlap(0, 1))
        var w = WeekRules.Week(sitter: 0)
        w.add(.visit(0), rules)
        #expect(w.conflicts(.visit(1), rules) == [.visit(0)])
        #expect(w.conflicts(.visit(2), rules) == [])
        Self.checkFitsAgrees(rules, w, .visit(1))
        Self.checkFitsAgrees(rules, w, .visit(2))
    }

    @Test("travel is asymmetric in time: only the earlier visit's end + travel is compared with the later start")
    func travelAsymmetric() throws {
        // V1 south 08:00-09:00, V2 north 09:30-12:00: 09:00 + 30 = 09:30, not after V2's start: fits.
        // The other direction (V2.end + 30 = 12:30 > V1.start) is not a rule: it must not count.
        // V3 south 12:20-13:00 after V2 north (ends 12:00): 12:30 > 12:20, a conflict, and the
        // breach names the earlier visit whichever of the two is being added.
        let c = try Self.week(visits: [
            ("F2", "2026-11-24T08:00", "2026-11-24T09:00"),
            ("F1", "2026-11-24T09:30", "2026-11-24T12:00"),
            ("F2", "2026-11-24T12:20", "2026-11-24T13:00"),
        ]).read()
        let rules = WeekRules(c)
        #expect(!rules.visitsConflict(0, 1) && !rules.visitsConflict(1, 0))
        #expect(rules.visitsConflict(1, 2) && rules.visitsConflict(2, 1))
        #expect(Self.refused(rules, [.visit(0), .visit(1)]).isEmpty)
        // assemble adds in time order whatever order it is given.
        #expect(
            Self.refused(rules, [.visit(2), .visit(1), .visit(0)]) == [
                .visit(2): [.conflict(with: .visit(1), travel: 30, overlap: false)]
            ])
        // Adding the earlier visit to a week holding the later one is refused too (same pair, same travel).
        var w = WeekRules.Week(sitter: 0)
        w.add(.visit(2), rules)
        #expect(w.breaches(adding: .visit(1), rules) == [.conflict(with: .visit(2), travel: 30, overlap: false)])
        #expect(w.breaches(adding: .visit(0), rules) == [])
        Self.checkFitsAgrees(rules, w, .visit(1))
        Self.checkFitsAgrees(rules, w, .visit(0))
    }

    @Test("touching visits of one territory with no travel fit; with 5 min north-north travel they conflict")
    func touchingVisits() throws {
        let touching = [
            (family: "F1", start: "2026-11-24T10:00", end: "2026-11-24T11:00"),
            (family: "F1", start: "2026-11-24T11:00", end: "2026-11-24T12:00"),
        ]
        let free = WeekRules(try Self.week(visits: touching).read())
        #expect(free.travelMinutes(visit: 0, visit: 1) == 0)
        #expect(Self.refused(free, [.visit(0), .visit(1)]).isEmpty)
        let five = WeekRules(try Self.week(northNorth: 5, visits: touching).read())
        #expect(five.travelMinutes(visit: 0, visit: 1) == 5)
        #expect(
            Self.refused(five, [.visit(0), .visit(1)]) == [
                .visit(1): [.conflict(with: .visit(0), travel: 5, overlap: false)]
            ])
    }

    @Test("overlapping visits conflict with overlap true, carrying the travel between their families")
    func overlappingVisits() throws {
        let c = try Self.week(visits: [
            ("F1", "2026-11-24T10:00", "2026-11-24T12:00"),
            ("F1", "2026-11-24T11:00", "2026-11-24T13:00"),
            ("F2", "2026-11-24T11:59", "2026-11-24T12:30"),
        ]).read()
        let rules = WeekRules(c)
        #expect(
            Self.refused(rules, [.visit(0), .visit(1)]) == [
                .visit(1): [.conflict(with: .visit(0), travel: 0, overlap: true)]
            ])
        #expect(
            Self.refused(rules, [.visit(0), .visit(2)]) == [
                .visit(2): [.conflict(with: .visit(0), travel: 30, overlap: true)]
            ])
        // Against both: one breach per conflicting item, in index order.
        var w = WeekRules.Week(sitter: 0)
        w.add(.visit(0), rules)
        w.add(.visit(1), rules)  // add does not check: the week may hold anything
        #expect(
            w.breaches(adding: .visit(2), rules) == [
                .conflict(with: .visit(0), travel: 30, overlap: true),
                .conflict(with: .visit(1), travel: 30, overlap: true),
            ])
    }

    @Test("a visit inside an on-call shift conflicts with it (overlap, no travel); one touching its end fits")
    func visitAndShift() throws {
        let c = try Self.week(
            visits: [
                ("F2", "2026-11-24T12:00", "2026-11-24T13:00"),
                ("F2", "2026-11-24T18:00", "2026-11-24T19:00"),
            ],
            shifts: [("2026-11-24T10:00", "2026-11-24T18:00")]
        ).read()
        let rules = WeekRules(c)
        #expect(
            Self.refused(rules, [.shift(0), .visit(0), .visit(1)]) == [
                .visit(0): [.conflict(with: .shift(0), travel: 0, overlap: true)]
            ])
        // The other way round: a week holding the visit refuses the shift.
        #expect(Self.refused(rules, [.visit(0)]).isEmpty)
        var w = WeekRules.Week(sitter: 0)
        w.add(.visit(0), rules)
        #expect(w.breaches(adding: .shift(0), rules) == [.conflict(with: .visit(0), travel: 0, overlap: true)])
        Self.checkFitsAgrees(rules, w, .shift(0))
    }

    @Test("overlapping on-call shifts conflict; touching ones fit")
    func shiftAndShift() throws {
        let c = try Self.week(
            visits: [],
            shifts: [
                ("2026-11-24T08:00", "2026-11-24T16:00"),
                ("2026-11-24T15:00", "2026-11-24T23:00"),
                ("2026-11-24T16:00", "2026-11-25T00:00"),
            ]
        ).read()
        let rules = WeekRules(c)
        #expect(
            Self.refused(rules, [.shift(0), .shift(1)]) == [
                .shift(1): [.conflict(with: .shift(0), travel: 0, overlap: true)]
            ])
        #expect(Self.refused(rules, [.shift(0), .shift(2)]).isEmpty)
    }

    // MARK: - Limits

    @Test("day limit 180: 120 + 60 on one day fits exactly; 120 + 61 is refused with 181 over 180 on that day")
    func dayLimitBoundary() throws {
        let c = try Self.week(
            day: 180,
            visits: [
                ("F1", "2026-11-24T09:00", "2026-11-24T11:00"),  // 120
                ("F1", "2026-11-24T14:00", "2026-11-24T15:00"),  // 60
                ("F1", "2026-11-24T16:00", "2026-11-24T17:01"),  // 61
            ]
        ).read()
        let rules = WeekRules(c)
        #expect(rules.visitDay == [Self.nov24, Self.nov24, Self.nov24])
        #expect(rules.visitMinutes == [120, 60, 61])
        #expect(rules.limits[0].day == 180)
        let (week, refused) = rules.assemble(sitter: 0, [.visit(0), .visit(1)])
        #expect(refused.isEmpty)
        #expect(week.dayMinutes == [Self.nov24: 180])
        #expect(
            Self.refused(rules, [.visit(0), .visit(2)]) == [
                .visit(2): [.dayLimit(day: Self.nov24, minutes: 181, cap: 180)]
            ])
        // Removing gives the minutes back.
        var w = week
        #expect(w.breaches(adding: .visit(2), rules) == [.dayLimit(day: Self.nov24, minutes: 241, cap: 180)])
        w.remove(.visit(1), rules)
        #expect(w.dayMinutes[Self.nov24] == 120 && w.weekMinutes == 120)
        #expect(w.breaches(adding: .visit(2), rules) == [.dayLimit(day: Self.nov24, minutes: 181, cap: 180)])
        w.remove(.visit(0), rules)
        #expect(w.fits(.visit(2), rules))
    }

    @Test("a visit across midnight counts on the day it starts")
    func dayOfStart() throws {
        let c = try Self.week(
            day: 180,
            visits: [
                ("F1", "2026-11-24T23:00", "2026-11-25T01:00"),  // 120, counts on the 24th
                ("F1", "2026-11-25T08:00", "2026-11-25T10:00"),  // 120 on the 25th
                ("F1", "2026-11-24T10:00", "2026-11-24T11:01"),  // 61 on the 24th
            ]
        ).read()
        let rules = WeekRules(c)
        #expect(rules.visitDay == [Self.nov24, Self.nov25, Self.nov24])
        let (week, refused) = rules.assemble(sitter: 0, [.visit(0), .visit(1)])
        #expect(refused.isEmpty)
        #expect(week.dayMinutes == [Self.nov24: 120, Self.nov25: 120])
        #expect(
            Self.refused(rules, [.visit(0), .visit(1), .visit(2)]) == [
                .visit(0): [.dayLimit(day: Self.nov24, minutes: 181, cap: 180)]
            ])
    }

    @Test("week limit 300: 120 + 120 + 60 fits exactly; a third 120 is refused with 360 over 300")
    func weekLimit() throws {
        let c = try Self.week(
            week: 300,
            visits: [
                ("F1", "2026-11-24T09:00", "2026-11-24T11:00"),
                ("F1", "2026-11-25T09:00", "2026-11-25T11:00"),
                ("F1", "2026-11-26T09:00", "2026-11-26T10:00"),
                ("F1", "2026-11-27T09:00", "2026-11-27T11:00"),
            ]
        ).read()
        let rules = WeekRules(c)
        #expect(rules.limits[0].week == 300)
        let (week, refused) = rules.assemble(sitter: 0, [.visit(0), .visit(1), .visit(2)])
        #expect(refused.isEmpty && week.weekMinutes == 300)
        #expect(
            Self.refused(rules, [.visit(0), .visit(1), .visit(3)]) == [
                .visit(3): [.weekLimit(minutes: 360, cap: 300)]
            ])
    }

    @Test("shift limit 1: a second shift is refused with 2 over 1; no limit, both fit")
    func shiftLimit() throws {
        let shifts = [("2026-11-24T00:00", "2026-11-24T08:00"), ("2026-11-25T00:00", "2026-11-25T08:00")]
        let one = WeekRules(try Self.week(maxShifts: 1, visits: [], shifts: shifts).read())
        #expect(one.limits[0].shifts == 1)
        #expect(Self.refused(one, [.shift(1), .shift(0)]) == [.shift(1): [.shiftLimit(count: 2, cap: 1)]])
        let free = WeekRules(try Self.week(visits: [], shifts: shifts).read())
        #expect(free.limits[0].shifts == nil)
        #expect(Self.refused(free, [.shift(0), .shift(1)]).isEmpty)
    }

    @Test("every broken rule is reported, conflicts first, then day, then week")
    func allBreachesAtOnce() throws {
        let c = try Self.week(
            day: 100, week: 100,
            visits: [
                ("F1", "2026-11-24T09:00", "2026-11-24T10:00"),
                ("F1", "2026-11-24T09:30", "2026-11-24T10:30"),
            ]
        ).read()
        let rules = WeekRules(c)
        #expect(
            Self.refused(rules, [.visit(0), .visit(1)]) == [
                .visit(1): [
                    .conflict(with: .visit(0), travel: 0, overlap: true),
                    .dayLimit(day: Self.nov24, minutes: 120, cap: 100),
                    .weekLimit(minutes: 120, cap: 100),
                ]
            ])
    }

    @Test("fall-back night in America/Toronto: 00:00-04:00 counts its 300 real minutes on the day limit")
    func fallBackDay() throws {
        var b = CaseBuilder()
        b.timeZone = "America/Toronto"
        b.horizon = ("2026-10-31T00:00", "2026-11-03T00:00")
        b.sitters = [SitterSpec(id: "S1", maxMinutesPerDay: 450)]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-01T00:00", end: "2026-11-01T04:00"),
            VisitSpec(id: "V2", start: "2026-11-01T10:00", end: "2026-11-01T13:00"),
        ]
        let rules = WeekRules(try b.read())
        #expect(rules.visitMinutes == [300, 180])
        #expect(rules.visitDay == [Self.nov01, Self.nov01])
        // Wall-clock hours (240 + 180 = 420) would have fit under 450.
        #expect(
            Self.refused(rules, [.visit(0), .visit(1)]) == [
                .visit(1): [.dayLimit(day: Self.nov01, minutes: 480, cap: 450)]
            ])
    }

    // MARK: - Against the independent verifier

    /// The verifier's complaints about `sitter`'s week rules (overlap, travel, day and
    /// week minutes, on-call shift count and overlap): they start with "S1: ".
    /// Eligibility ("S1 on V1: ..."), trainees, levels and unfilled lists are not week rules.
    static func weekViolations(_ c: Case, sitter: Int, visits: [Int], shifts: [Int]) -> [String] {
        let sid = c.sitters[sitter].id
        let assignments = visits.map { Assignment(visit: c.visits[$0].id, sitter: sid) }
        let onCall = shifts.map { OnCallAssignment(shift: c.onCallShifts[$0].id, sitter: sid) }
        let verifier = ScheduleVerifier(c)
        let s = Schedule(
            caseName: c.name, status: .feasible, levels: verifier.levels(assignments: assignments, onCall: onCall),
            assignments: assignments, onCall: onCall, unfilled: [], unstaffedShifts: [],
            solver: SolverReport(seconds: 0, gap: 0))
        return verifier.violations(of: s).filter { $0.hasPrefix("\(sid): ") }
    }

    @Test("seeded: assemble refuses nothing exactly when ScheduleVerifier finds no week violation")
    func kernelAgreesWithVerifier() throws {
        var r = ExhaustiveTests.Random(state: 20_261_123)
        var agreedClean = 0
        var agreedBroken = 0
        var kinds: Set<String> = []
        var cases = 0
        for seed in 0..<300 {
            let b = ExhaustiveTests.randomCase(seed: seed, locks: false)
            guard let c = try? b.read() else { continue }
            cases += 1
            let ix = PlanningIndex(c)
            let rules = WeekRules(c)
            for _ in 0..<4 {
                let s = r.next(c.sitters.count)
                let visits = ix.sitterVisits[s].filter { _ in r.chance(70) }
                let shifts = ix.sitterShifts[s].filter { _ in r.chance(70) }
                let items = visits.map(Item.visit) + shifts.map(Item.shift)
                let (week, refused) = rules.assemble(sitter: s, items)
                let found = Self.weekViolations(c, sitter: s, visits: visits, shifts: shifts)
                #expect(
                    refused.isEmpty == found.isEmpty,
                    "seed \(seed), sitter \(c.sitters[s].id), items \(items): kernel refused \(refused), verifier found \(found)\n\(b.text)"
                )
                if refused.isEmpty && found.isEmpty { agreedClean += 1 }
                if !refused.isEmpty && !found.isEmpty { agreedBroken += 1 }
                for (_, breaches) in refused {
                    for br in breaches {
                        switch br {
                        case .conflict(let other, _, let overlap):
                            kinds.insert(other.isVisit ? (overlap ? "visit overlap" : "travel") : "shift overlap")
                        case .dayLimit: kinds.insert("day")
                        case .weekLimit: kinds.insert("week")
                        case .shiftLimit: kinds.insert("shifts")
                        case .runLimit: kinds.insert("runs")
                        case .rest: kinds.insert("rest")
                        }
                    }
                }
                // What the kernel keeps is a week the verifier accepts.
                let kept = Self.weekViolations(
                    c, sitter: s, visits: week.visits.sorted(), shifts: week.shifts.sorted())
                #expect(kept == [], "seed \(seed), sitter \(c.sitters[s].id): kept \(week.visits), \(week.shifts)")
                // And its minutes are the sums of what it holds.
                #expect(week.weekMinutes == week.visits.reduce(0) { $0 + rules.visitMinutes[$1] })
            }
        }
        #expect(cases >= 290)
        // The property is only worth something if both sides of it and every rule were exercised.
        #expect(agreedClean >= 200, "\(agreedClean) clean weeks")
        #expect(agreedBroken >= 100, "\(agreedBroken) broken weeks")
        #expect(kinds == ["visit overlap", "travel", "shift overlap", "day", "week", "shifts", "rest"], "\(kinds)")
    }
}
