import Foundation
import ReliefApp
import ReliefCore
import ReliefRender
import ReliefTestSupport
import Testing

/// A tiny week built in memory: three sitters, two families, visits and on-call
/// shifts given by the test; times are local in America/Toronto.
enum DiffWeek {
    static let clock = CaseClock(identifier: "America/Toronto")!

    static func at(_ local: String) -> Instant {
        switch clock.parse(local) {
        case .success(let t): return t
        case .failure: preconditionFailure("bad time \(local)")
        }
    }

    static func span(_ a: String, _ b: String) -> TimeSpan { TimeSpan(start: at(a), end: at(b)) }

    static func visit(_ id: String, _ family: String, _ start: String, _ end: String) -> Visit {
        Visit(id: id, family: family, span: span(start, end))
    }

    static func shift(_ id: String, _ start: String, _ end: String) -> OnCallShift {
        OnCallShift(id: id, span: span(start, end))
    }

    static let standardVisits = [
        visit("V1", "F1", "2026-11-25T13:00", "2026-11-25T16:00"),
        visit("V2", "F2", "2026-11-24T18:00", "2026-11-24T21:00"),
        visit("V3", "F1", "2026-11-26T09:00", "2026-11-26T12:00"),
    ]
    static let standardShifts = [shift("OC1", "2026-11-23T00:00", "2026-11-23T08:00")]

    static func make(
        visits: [Visit] = standardVisits, shifts: [OnCallShift] = standardShifts, sitterName: String = "Marie Tremblay"
    )
        -> Case
    {
        Case(
            name: "tiny diff week", clock: clock, horizon: span("2026-11-23T00:00", "2026-11-30T00:00"),
            territories: [Territory(id: "north", name: "North")], travel: [],
            sitters: [
                Sitter(id: "S1", name: sitterName, homeTerritory: "north"),
                Sitter(id: "S2", name: "Luc Gagnon", homeTerritory: "north"),
                Sitter(id: "S3", homeTerritory: "north"),
            ],
            families: [
                Family(id: "F1", name: "Famille Roy", territory: "north"),
                Family(id: "F2", name: "Famille Côté", territory: "north"),
            ],
            visits: visits, onCallShifts: shifts)
    }

    static func schedule(_ visits: [(String, String)], onCall: [(String, String)] = []) -> Schedule {
        Schedule(
            caseName: "tiny diff week", status: .feasible, levels: Levels(),
            assignments: visits.map { Assignment(visit: $0.0, sitter: $0.1) },
            onCall: onCall.map { OnCallAssignment(shift: $0.0, sitter: $0.1) }, unfilled: [], unstaffedShifts: [],
            solver: SolverReport(seconds: 0, gap: 0))
    }
}

typealias Item = ScheduleChanges.Item

/// Expected times written as the notice's JSON writes them (`2026-11-24T18:00`, local to the week).
extension WallTime: ExpressibleByStringLiteral {
    public init(stringLiteral local: String) { self.init(DiffWeek.at(local), on: DiffWeek.clock) }
}

@Suite("schedule diff: whom to phone after a re-plan")
struct ScheduleDiffTests {
    let week = DiffWeek.make()

    @Test func sitterMovedFromOneVisitToAnother() {
        let old = DiffWeek.schedule([("V1", "S1")], onCall: [("OC1", "S2")])
        let new = DiffWeek.schedule([("V2", "S1")], onCall: [("OC1", "S2")])
        let c = ScheduleDiff.changes(old: old, oldCase: week, new: new, newCase: week)
        #expect(
            c.sitters == [
                .init(
                    sitter: "S1",
                    added: [
                        Item(kind: .visit, id: "V2", start: "2026-11-24T18:00", end: "2026-11-24T21:00", family: "F2")
                    ],
                    removed: [
                        Item(kind: .visit, id: "V1", start: "2026-11-25T13:00", end: "2026-11-25T16:00", family: "F1")
                    ])
            ])
        #expect(
            c.families == [
                .init(
                    family: "F1", visit: "V1", before: ["S1"], after: [], start: "2026-11-25T13:00",
                    end: "2026-11-25T16:00"),
                .init(
                    family: "F2", visit: "V2", before: [], after: ["S1"], start: "2026-11-24T18:00",
                    end: "2026-11-24T21:00"),
            ])
        #expect(c.changedSitters == ["S1"])
        #expect(!c.isEmpty)
    }

    @Test func cancelledVisitIsRemovedForItsSitterAndCancelledForItsFamily() {
        let newCase = DiffWeek.make(visits: DiffWeek.standardVisits.filter { $0.id != "V1" })
        let old = DiffWeek.schedule([("V1", "S1"), ("V2", "S2")])
        let new = DiffWeek.schedule([("V2", "S2")])
        let c = ScheduleDiff.changes(old: old, oldCase: week, new: new, newCase: newCase)
        #expect(
            c.sitters == [
                .init(
                    sitter: "S1",
                    removed: [
                        Item(
                            kind: .visit, id: "V1", start: "2026-11-25T13:00", end: "2026-11-25T16:00", family: "F1",
                            cancelled: true)
                    ])
            ])
        #expect(
            c.families == [
                .init(
                    family: "F1", visit: "V1", before: ["S1"], after: [], cancelled: true, start: "2026-11-25T13:00",
                    end: "2026-11-25T16:00")
            ])
        let en = c.text(oldCase: week, newCase: newCase, lang: .en)
        #expect(en.contains("S1 (Marie Tremblay): no longer on V1 Wed 25 Nov 13:00–16:00 (cancelled)\n"), "\(en)")
        #expect(en.contains("F1 (Famille Roy): V1 Wed 25 Nov 13:00–16:00 cancelled\n"), "\(en)")
    }

    @Test func visitWhoseTimeChangedIsMovedForTheSitterAndTimeChangedForTheFamily() {
        var visits = DiffWeek.standardVisits
        visits[1].span = DiffWeek.span("2026-11-24T19:00", "2026-11-24T22:00")
        let newCase = DiffWeek.make(visits: visits)
        let s = DiffWeek.schedule([("V2", "S1"), ("V3", "S2")])
        let c = ScheduleDiff.changes(old: s, oldCase: week, new: s, newCase: newCase)
        #expect(
            c.sitters == [
                .init(
                    sitter: "S1",
                    moved: [
                        .init(
                            kind: .visit, id: "V2", family: "F2", oldStart: "2026-11-24T18:00",
                            oldEnd: "2026-11-24T21:00", newStart: "2026-11-24T19:00", newEnd: "2026-11-24T22:00")
                    ])
            ])
        #expect(
            c.families == [
                .init(
                    family: "F2", visit: "V2", before: ["S1"], after: ["S1"], timeChanged: true,
                    start: "2026-11-24T19:00", end: "2026-11-24T22:00", previousStart: "2026-11-24T18:00",
                    previousEnd: "2026-11-24T21:00")
            ])
        let fr = c.text(oldCase: week, newCase: newCase, lang: .fr)
        #expect(
            fr.contains(
                "S1 (Marie Tremblay) : V2 déplacée au mar. 24 nov. 19 h 00–22 h 00 (avant : mar. 24 nov. 18 h 00–21 h 00 ; famille F2)"
            ), "\(fr)")
        // Without the old case, relief cannot know the time changed.
        #expect(ScheduleDiff.changes(old: s, oldCase: nil, new: s, newCase: newCase).isEmpty)
    }

    @Test func onCallShiftHandedToSomeoneElse() {
        let old = DiffWeek.schedule([("V1", "S1")], onCall: [("OC1", "S1")])
        let new = DiffWeek.schedule([("V1", "S1")], onCall: [("OC1", "S2")])
        let c = ScheduleDiff.changes(old: old, oldCase: week, new: new, newCase: week)
        let oc = Item(kind: .onCall, id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00")
        #expect(c.sitters == [.init(sitter: "S1", removed: [oc]), .init(sitter: "S2", added: [oc])])
        #expect(c.families == [])
        let en = c.text(oldCase: week, newCase: week, lang: .en)
        #expect(en.contains("S1 (Marie Tremblay): no longer on call OC1 Mon 23 Nov 00:00–08:00\n"), "\(en)")
        #expect(en.contains("S2 (Luc Gagnon): new on-call shift OC1 Mon 23 Nov 00:00–08:00\n"), "\(en)")
    }

    @Test func newRequestFilledAndNewRequestUnfilled() {
        let oldCase = DiffWeek.make(visits: Array(DiffWeek.standardVisits.prefix(1)))
        let old = DiffWeek.schedule([("V1", "S1")])
        let new = DiffWeek.schedule([("V1", "S1"), ("V2", "S3")])
        let c = ScheduleDiff.changes(old: old, oldCase: oldCase, new: new, newCase: week)
        #expect(
            c.sitters == [
                .init(
                    sitter: "S3",
                    added: [
                        Item(kind: .visit, id: "V2", start: "2026-11-24T18:00", end: "2026-11-24T21:00", family: "F2")
                    ])
            ])
        #expect(
            c.families == [
                .init(
                    family: "F1", visit: "V3", before: [], after: [], requested: true, start: "2026-11-26T09:00",
                    end: "2026-11-26T12:00"),
                .init(
                    family: "F2", visit: "V2", before: [], after: ["S3"], requested: true, start: "2026-11-24T18:00",
                    end: "2026-11-24T21:00"),
            ])
        let fr = c.text(oldCase: oldCase, newCase: week, lang: .fr)
        // A sitter without a name is named by id alone.
        #expect(fr.contains("S3 : nouvelle visite V2 mar. 24 nov. 18 h 00–21 h 00 (famille F2)\n"), "\(fr)")
        #expect(
            fr.contains("F1 (Famille Roy) : nouvelle demande V3 jeu. 26 nov. 09 h 00–12 h 00 : non pourvue\n"), "\(fr)")
        #expect(fr.contains("F2 (Famille Côté) : nouvelle demande V2 mar. 24 nov. 18 h 00–21 h 00 : S3\n"), "\(fr)")
    }

    /// The changes keep times as `WallTime` and write them only at the end: the notice's
    /// JSON must still read as the case's clock writes local times (seconds only when not
    /// zero), before 1970 and on either side of a daylight-saving change too.
    @Test func wallTimesAreWrittenAsTheCaseClockWritesLocalTimes() {
        let clock = DiffWeek.clock
        for text in [
            "2026-11-24T18:00", "2026-11-24T00:00:05", "2026-11-01T01:30", "2026-03-08T03:00", "1969-12-31T23:59:30",
        ] {
            let t = DiffWeek.at(text)
            let w = WallTime(t, on: clock)
            #expect(w.description == clock.formatLocal(t))
            #expect(w.description == text)
            #expect(w.day == clock.localDate(t))
        }
        let beforeEpoch = WallTime(DiffWeek.at("1969-12-31T23:59:30"), on: clock)
        #expect(beforeEpoch.minuteOfDay == 23 * 60 + 59)
        #expect(beforeEpoch.clock == "23:59")
    }

    @Test func nothingChangedIsEmpty() {
        let s = DiffWeek.schedule([("V1", "S1"), ("V2", "S2")], onCall: [("OC1", "S3")])
        for oldCase in [week, nil] {
            let c = ScheduleDiff.changes(old: s, oldCase: oldCase, new: s, newCase: week)
            #expect(c.isEmpty)
            #expect(c.changedSitters == [])
            #expect(
                c.text(oldCase: oldCase, newCase: week, lang: .en) == "No change for tiny diff week: nobody to call.\n")
        }
    }

    @Test func noOldScheduleMakesEverythingNew() {
        let new = DiffWeek.schedule([("V1", "S1")], onCall: [("OC1", "S2")])
        let c = ScheduleDiff.changes(old: nil, oldCase: nil, new: new, newCase: week)
        #expect(c.changedSitters == ["S1", "S2"])
        #expect(c.families.map(\.visit) == ["V1", "V3", "V2"])  // by family, then start
        #expect(c.families.allSatisfy { $0.requested })
    }

    @Test func englishAndFrenchSentencesOfTheExample() {
        // S1 leaves V1 (cancelled) for V2.
        let newCase = DiffWeek.make(visits: DiffWeek.standardVisits.filter { $0.id != "V1" })
        let old = DiffWeek.schedule([("V1", "S1")])
        let new = DiffWeek.schedule([("V2", "S1")])
        let c = ScheduleDiff.changes(old: old, oldCase: week, new: new, newCase: newCase)
        let en = c.text(oldCase: week, newCase: newCase, lang: .en)
        #expect(
            en.contains(
                "S1 (Marie Tremblay): new visit V2 Tue 24 Nov 18:00–21:00 (family F2); no longer on V1 Wed 25 Nov 13:00–16:00 (cancelled)\n"
            ), "\(en)")
        #expect(en.hasPrefix("Changes for tiny diff week: 1 sitter, 2 visits of 2 families to call.\n"), "\(en)")
        #expect(en.contains("F2 (Famille Côté): V2 Tue 24 Nov 18:00–21:00 now S1 (was nobody)\n"), "\(en)")
        let fr = c.text(oldCase: week, newCase: newCase, lang: .fr)
        #expect(
            fr.contains(
                "S1 (Marie Tremblay) : nouvelle visite V2 mar. 24 nov. 18 h 00–21 h 00 (famille F2) ; ne fait plus V1 mer. 25 nov. 13 h 00–16 h 00 (annulée)\n"
            ), "\(fr)")
        #expect(fr.contains("F1 (Famille Roy) : V1 mer. 25 nov. 13 h 00–16 h 00 annulée\n"), "\(fr)")
        #expect(
            fr.contains("F2 (Famille Côté) : V2 mar. 24 nov. 18 h 00–21 h 00 maintenant S1 (avant : personne)\n"),
            "\(fr)")
    }

    @Test func namesAreEscapedInTextAndKeptInJSON() throws {
        let evil = "Eve\u{1B}[2J\u{202E}status: optimal"
        let oldCase = DiffWeek.make(sitterName: evil)
        let c = ScheduleDiff.changes(
            old: DiffWeek.schedule([]), oldCase: oldCase, new: DiffWeek.schedule([("V2", "S1")]), newCase: oldCase)
        let text = c.text(oldCase: oldCase, newCase: oldCase, lang: .en)
        #expect(!text.unicodeScalars.contains { TerminalText.isControl($0) && $0 != "\n" }, "\(text)")
        #expect(text.contains("S1 (Eve\\u{1B}[2J\\u{202E}status: optimal): new visit V2"), "\(text)")
        let json = c.json(oldCase: oldCase, newCase: oldCase)
        #expect(json["format"] == .string("relief.notice/1"))
        guard case .array(let sitters)? = json["sitters"] else {
            Issue.record("no sitters in \(json)")
            return
        }
        #expect(sitters.first?["name"] == .string(evil))
        #expect(sitters.first?["sitter"] == .string("S1"))
        // It reads back as JSON, names intact.
        let back = try JSONParser.parse(json.serialized())
        #expect(back == json)
    }

    /// Random pairs of schedules of a tiny case (and random edits of the case):
    /// `changedSitters` is exactly the sitters whose set of visits or shifts changed,
    /// or who keep a visit or shift whose time changed.
    @Test func changedSittersAreExactlyTheSittersWhoseWeekChanged() {
        var rng = SplitMix(seed: 48)
        let sitters = ["S1", "S2", "S3"]
        let shifts = [
            DiffWeek.shift("OC1", "2026-11-23T00:00", "2026-11-23T08:00"),
            DiffWeek.shift("OC2", "2026-11-23T08:00", "2026-11-23T16:00"),
        ]
        let oldCase = DiffWeek.make(shifts: shifts)
        func randomSchedule(_ c: Case) -> Schedule {
            var v: [(String, String)] = []
            for visit in c.visits { for s in sitters where rng.next() % 3 == 0 { v.append((visit.id, s)) } }
            var o: [(String, String)] = []
            for sh in c.onCallShifts { for s in sitters where rng.next() % 3 == 0 { o.append((sh.id, s)) } }
            return DiffWeek.schedule(v, onCall: o)
        }
        for _ in 0..<400 {
            // The new case: some visits cancelled, some moved by an hour, one new.
            var visits: [Visit] = []
            for v in oldCase.visits where rng.next() % 5 != 0 {
                var w = v
                if rng.next() % 4 == 0 {
                    w.span = TimeSpan(start: v.span.start.adding(minutes: 60), end: v.span.end.adding(minutes: 60))
                }
                visits.append(w)
            }
            if rng.next() % 2 == 0 { visits.append(DiffWeek.visit("V9", "F2", "2026-11-27T10:00", "2026-11-27T12:00")) }
            var newShifts = shifts
            if rng.next() % 4 == 0 { newShifts[1].span.end = newShifts[1].span.end.adding(minutes: 60) }
            let newCase = DiffWeek.make(visits: visits, shifts: newShifts)
            let old = randomSchedule(oldCase)
            let new = randomSchedule(newCase)
            let c = ScheduleDiff.changes(old: old, oldCase: oldCase, new: new, newCase: newCase)

            let oldSpan = Dictionary(
                uniqueKeysWithValues: oldCase.visits.map { ($0.id, $0.span) }
                    + oldCase.onCallShifts.map { ($0.id, $0.span) })
            let newSpan = Dictionary(
                uniqueKeysWithValues: newCase.visits.map { ($0.id, $0.span) }
                    + newCase.onCallShifts.map { ($0.id, $0.span) })
            func held(_ s: Schedule, _ who: String) -> Set<String> {
                Set(
                    s.assignments.filter { $0.sitter == who }.map(\.visit)
                        + s.onCall.filter { $0.sitter == who }.map(\.shift))
            }
            let expected = sitters.filter { s in
                let (a, b) = (held(old, s), held(new, s))
                return a != b || a.contains { oldSpan[$0] != newSpan[$0] }
            }
            #expect(c.changedSitters == expected)
            #expect(c.changedSitters == c.changedSitters.sorted())
            #expect(c.sitters.allSatisfy { !$0.added.isEmpty || !$0.removed.isEmpty || !$0.moved.isEmpty })

            // Families: each visit whose sitters, time or existence changed, once.
            let ids = Set(oldCase.visits.map(\.id) + newCase.visits.map(\.id))
            let expectedVisits = ids.filter { id in
                let a = Set(old.assignments.filter { $0.visit == id }.map(\.sitter))
                let b = Set(new.assignments.filter { $0.visit == id }.map(\.sitter))
                return a != b || oldSpan[id] != newSpan[id]
            }
            #expect(Set(c.families.map(\.visit)) == expectedVisits)
            #expect(c.families.count == expectedVisits.count)
            #expect(c.isEmpty == (expected.isEmpty && expectedVisits.isEmpty))
        }
    }
}

/// A small seeded generator, so that a failure can be replayed.
typealias SplitMix = SplitMix64

@Suite("relief diff")
struct DiffCommandTests {
    @Test func helpExitsZero() throws {
        let dir = try ScratchDirectory()
        for args in [["diff", "--help"], ["diff", "-h"], ["help", "diff"]] {
            let r = try Relief.run(args, in: dir.url)
            #expect(r.status == 0, "\(args): \(r)")
            #expect(r.stdout.hasPrefix("relief diff OLD.schedule.json NEW.schedule.json --case CASE"), "\(r)")
            #expect(r.stderr.isEmpty, "\(r)")
        }
    }

    @Test(arguments: [
        ["diff", "a.json"], ["diff", "a.json", "b.json"],
        ["diff", "a.json", "b.json", "--case", "c.json", "--lang", "de"],
        ["diff", "a.json", "b.json", "--case", "c.json", "--format", "xml"],
    ])
    func usageErrorsExit64(_ args: [String]) throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(args, in: dir.url)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("relief diff OLD.schedule.json"), "\(r)")
    }

    /// Plans the bundled week, then the same week with one planned visit removed,
    /// and diffs the two schedules.
    @Test func diffOfTwoPlansOfTheBundledWeekNamesTheRightSitters() throws {
        let dir = try ScratchDirectory()
        let week = PackageTree.url("Data/quebec-city-week.json").path
        let oldPath = dir.path("old.schedule.json")
        let p1 = try Relief.run(["plan", week, "-o", oldPath, "-q", "--time-limit", "60"], in: dir.url, timeout: 300)
        try #require(p1.status == 0, "\(p1)")
        let oldSchedule = try #require(
            ScheduleReader.read(try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: oldPath)))))
        let gone = try #require(oldSchedule.assignments.first)

        // The week without that visit.
        let caseJSON = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: week)))
        guard case .array(let visits)? = caseJSON["visits"] else {
            Issue.record("no visits")
            return
        }
        let kept = visits.filter { $0["id"] != .string(gone.visit) }
        #expect(kept.count == visits.count - 1)
        let newCasePath = try dir.write("new.json", caseJSON.setting("visits", to: .array(kept)))
        let newPath = dir.path("new.schedule.json")
        let p2 = try Relief.run(
            ["plan", newCasePath, "-o", newPath, "-q", "--time-limit", "60"], in: dir.url, timeout: 300)
        try #require(p2.status == 0, "\(p2)")

        // What the library says should be named.
        let report = try DiffService.diff(
            DiffService.Request(
                old: .file(oldPath), new: .file(newPath), newCase: .file(newCasePath), oldCase: .file(week), lang: .en))
        let sittersToCall = report.changes.changedSitters
        #expect(sittersToCall.contains(gone.sitter))
        #expect(report.changes.families.contains { $0.visit == gone.visit && $0.cancelled })

        let r = try Relief.run(
            ["diff", oldPath, newPath, "--case", newCasePath, "--old-case", week, "--lang", "en"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout == report.text)
        let named = r.stdout.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("S"), line.dropFirst().first?.isNumber == true,
                let id = line.split(separator: " ").first
            else { return nil }
            return String(id.hasSuffix(":") ? id.dropLast() : id)
        }
        #expect(named == sittersToCall, "\(r)")
        // The sitter's line lists their changes in order: ": " before the first, "; " before the others.
        #expect(
            r.stdout.contains(": no longer on \(gone.visit) ") || r.stdout.contains("; no longer on \(gone.visit) "),
            "\(r)")
        #expect(r.stdout.contains(" (cancelled)"), "\(r)")

        // French by default, and the JSON notice written privately with -o.
        let fr = try Relief.run(["diff", oldPath, newPath, "--case", newCasePath, "--old-case", week], in: dir.url)
        #expect(fr.status == 0, "\(fr)")
        #expect(fr.stdout.contains("ne fait plus \(gone.visit) "), "\(fr)")
        #expect(fr.stdout.contains("(annulée)"), "\(fr)")
        let out = dir.path("notice.json")
        let j = try Relief.run(
            ["diff", oldPath, newPath, "--case", newCasePath, "--old-case", week, "--format", "json", "-o", out],
            in: dir.url)
        #expect(j.status == 0, "\(j)")
        #expect(fileMode(out) == 0o600)
        let notice = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(notice["format"] == .string("relief.notice/1"))
        guard case .array(let list)? = notice["sitters"] else {
            Issue.record("no sitters in the notice")
            return
        }
        #expect(list.compactMap { if case .string(let s)? = $0["sitter"] { s } else { nil } } == sittersToCall)
        // stdout says where it went, with ids and counts only: in French by default, English with --lang en.
        let n = sittersToCall.count
        #expect(j.stdout.hasPrefix("avis écrit dans \(out) : \(n) intervenant·es, "), "\(j)")
        #expect(j.stdout.hasSuffix(" familles à appeler\n"), "\(j)")
        let en = try Relief.run(
            ["diff", oldPath, newPath, "--case", newCasePath, "--old-case", week, "--lang", "en", "-o", out],
            in: dir.url)
        #expect(en.stdout.hasPrefix("notice written to \(out): \(n) sitters, "), "\(en)")
        #expect(en.stdout.hasSuffix(" families to call\n"), "\(en)")
    }

    @Test func badScheduleOrCaseIsBadData() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", try PackageTree.smallCase())
        let good = try dir.write(
            "good.json", DiffWeek.schedule([]).json())
        let notJSON = try dir.write("bad.json", "{ nope")
        let foreign = try dir.write("foreign.json", DiffWeek.schedule([("V77", "S1")]).json())
        for (old, new, c) in [(notJSON, good, casePath), (good, foreign, casePath), (good, good, notJSON)] {
            let r = try Relief.run(["diff", old, new, "--case", c], in: dir.url)
            #expect(r.status == 65, "\(r)")
        }
        let ok = try Relief.run(["diff", good, good, "--case", casePath, "--lang", "en"], in: dir.url)
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdout == "No change for small valid case: nobody to call.\n", "\(ok)")
    }
}
