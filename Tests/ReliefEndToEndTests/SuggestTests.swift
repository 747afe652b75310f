import Foundation
import ReliefApp
import ReliefCore
import ReliefPlanning
import ReliefSamples
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `relief suggest` (`people.md`): the binary's answer against each forced case solved here,
/// in process, with the planner (`plan --least-change` on the case the test builds itself).
@Suite("relief suggest", .serialized)
struct SuggestTests {
    /// A small generated week and its schedule, with an urgent visit `V9001` added beside a
    /// filled one (same family, time and needs), so that its candidates are busy.
    static func week(seed: UInt64) throws -> (theCase: Case, schedule: Schedule) {
        var o = CaseGenerator.Options()
        (o.sitters, o.visits, o.seed) = (6, 24, seed)
        var c = CaseGenerator.generate(o)
        let s = try PlanService().solve(c, options: PlanOptions()).schedule
        let twin = try #require(c.visits.first { v in s.assignments.contains { $0.visit == v.id } })
        var v = twin
        (v.id, v.priority, v.assigned, v.locked) = ("V9001", .urgent, [], false)
        c.visits.append(v)
        return (c, s)
    }

    /// The case `relief suggest` should solve for `sitter`: the schedule written as `assigned`
    /// (published), and V locked to the sitter.
    static func forced(_ c: Case, _ s: Schedule, visit: String, sitter: String) -> Case {
        var f = c
        for i in f.visits.indices {
            f.visits[i].assigned = s.assignments.filter { $0.visit == f.visits[i].id }.map(\.sitter)
            if f.visits[i].id == visit { (f.visits[i].assigned, f.visits[i].locked) = ([sitter], true) }
        }
        for i in f.onCallShifts.indices {
            f.onCallShifts[i].assigned = s.onCall.filter { $0.shift == f.onCallShifts[i].id }.map(\.sitter)
        }
        return f
    }

    /// Pairs of a schedule, `visit:V:S` and `shift:O:S`.
    static func pairs(_ s: Schedule) -> Set<String> {
        Set(s.assignments.map { "visit:\($0.visit):\($0.sitter)" } + s.onCall.map { "shift:\($0.shift):\($0.sitter)" })
    }

    /// The moves of one candidate in the JSON, as `+visit:V:S` / `-shift:O:S`.
    static func moves(_ cand: JSONValue) -> Set<String> {
        guard case .array(let ms)? = cand["moves"] else { return [] }
        return Set(
            ms.map { m in
                let kind = m["visit"] != nil ? "visit" : "shift"
                guard case .string(let item)? = m[kind], case .string(let s)? = m["sitter"],
                    case .string(let change)? = m["change"]
                else { return "?" }
                return (change == "added" ? "+" : "-") + "\(kind):\(item):\(s)"
            })
    }

    static func string(_ v: JSONValue?) -> String? {
        if case .string(let s)? = v { return s }
        return nil
    }

    /// The first reason of an `ineligible` entry.
    static func reason(_ v: JSONValue) -> JSONValue? {
        if case .array(let rs)? = v["reasons"] { return rs.first }
        return nil
    }

    static func int(_ v: JSONValue?) -> Int? {
        if case .number(let n)? = v { return Int(n) }
        return nil
    }

    @Test("on small generated weeks, the ranking, levels and moves are those of each forced case planned alone")
    func rankingEqualsTheForcedSolves() throws {
        var compared = 0
        var withOtherChanges = 0
        var tiesOnLevels = 0
        defer {
            // Enough to compare: several candidates, some moving other visits, some ranked by their changes.
            #expect(compared >= 4 && withOtherChanges >= 1, "\(compared) candidates, \(withOtherChanges) with changes")
            #expect(tiesOnLevels >= 1, "no two candidates with the same levels and other changes")
        }
        for seed: UInt64 in [1, 2, 3] {
            let (c, s) = try Self.week(seed: seed)
            let dir = try ScratchDirectory()
            let casePath = try dir.write("week.json", CaseWriter.json(c).serialized())
            let schedulePath = try dir.write("week.schedule.json", s.json().serialized())
            let r = try Relief.run(
                [
                    "suggest", casePath, schedulePath, "--visit", "V9001", "--top", "50", "--format", "json", "--jobs",
                    "2",
                ],
                in: dir.url)
            #expect(r.status == 0, "\(r)")
            let doc = try JSONParser.parse(Data(r.stdout.utf8))
            guard case .array(let cands)? = doc["candidates"] else {
                Issue.record("no candidates: \(r)")
                continue
            }
            // Each eligible sitter's forced case, planned here.
            let index = PlanningIndex(c)
            let vi = index.visitIndex["V9001"]!
            var expected: [(sitter: String, levels: [Int], changes: Int, moves: Set<String>)] = []
            for si in index.visitEligible[vi] {
                let sid = c.sitters[si].id
                var o = PlanOptions()
                o.leastChange = true
                let f = try PlanService().solve(Self.forced(c, s, visit: "V9001", sitter: sid), options: o).schedule
                let (was, now) = (Self.pairs(s), Self.pairs(f))
                let moves = Set(now.subtracting(was).map { "+" + $0 } + was.subtracting(now).map { "-" + $0 })
                let changes = moves.filter { !$0.dropFirst().hasPrefix("visit:V9001:") }.count
                expected.append((sid, f.levels.vector, changes, moves))
            }
            expected.sort { a, b in
                a.levels != b.levels
                    ? b.levels.lexicographicallyPrecedes(a.levels)
                    : (a.changes, a.sitter) < (b.changes, b.sitter)
            }
            #expect(!expected.isEmpty, "seed \(seed): V9001 has no eligible sitter")
            for (a, b) in zip(expected, expected.dropFirst()) where a.levels == b.levels && a.changes != b.changes {
                tiesOnLevels += 1
            }
            #expect(cands.map { Self.string($0["sitter"]) } == expected.map(\.sitter), "seed \(seed)")
            for (cand, want) in zip(cands, expected) {
                let l = cand["levels"]
                let got = ["onCallMinutes", "urgentSlots", "highSlots", "normalSlots"].map { Self.int(l?[$0]) }
                #expect(got == want.levels.map { $0 }, "seed \(seed) \(want.sitter)")
                #expect(Self.int(cand["changes"]) == want.changes, "seed \(seed) \(want.sitter)")
                #expect(Self.moves(cand) == want.moves, "seed \(seed) \(want.sitter)")
                #expect(Self.moves(cand).contains("+visit:V9001:\(want.sitter)"))
                compared += 1
                if want.changes > 0 { withOtherChanges += 1 }
            }
        }
    }
}

/// Who is left out, and why; the command's errors; the daemon's `visit.suggest`; `relief event suggest`.
@Suite("relief suggest: left out, errors, daemon", .serialized)
struct SuggestEdgeTests {
    /// A locked on X (10:00-12:00), which overlaps V (11:00-13:00): eligible for V on their own
    /// terms, but the lock leaves no schedule with them on V. B is free; C lacks the competency.
    static func lockedWeek() -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [
            SitterSpec(id: "A", competencies: ["behaviour"]), SitterSpec(id: "B", competencies: ["behaviour"]),
            SitterSpec(id: "C"), SitterSpec(id: "D"),
        ]
        b.visits = [
            VisitSpec(id: "X", start: "2026-11-24T10:00", end: "2026-11-24T12:00", assigned: ["A"], locked: true),
            VisitSpec(
                id: "V", start: "2026-11-24T11:00", end: "2026-11-24T13:00", competencies: ["behaviour"],
                priority: "urgent"),
        ]
        return b
    }

    /// The case and a schedule without V filled (planned before V was asked for).
    static func files(_ dir: ScratchDirectory) throws -> (String, String) {
        var before = lockedWeek()
        before.visits.removeLast()
        let s = try solve(before)
        return (
            try dir.write("week.json", lockedWeek().json), try dir.write("week.schedule.json", s.json().serialized())
        )
    }

    @Test("a sitter a lock keeps off is listed as locked, naming the lock; the others with the explainer's codes")
    func lockedAndStaticReasons() throws {
        let dir = try ScratchDirectory()
        let (c, s) = try Self.files(dir)
        let r = try Relief.run(["suggest", c, s, "--visit", "V", "--format", "json", "-o", "out.json"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(fileMode(dir.path("out.json")) == 0o600)
        let doc = try JSONParser.parse(Data(contentsOf: dir.url.appendingPathComponent("out.json")))
        #expect(SuggestTests.string(doc["format"]) == "relief.suggest/1")
        guard case .array(let cands)? = doc["candidates"], case .array(let out)? = doc["ineligible"] else {
            Issue.record("\(doc)")
            return
        }
        #expect(cands.map { SuggestTests.string($0["sitter"]) } == ["B"])
        #expect(SuggestTests.string(cands.first?["status"]) == "optimal")
        #expect(SuggestTests.int(cands.first?["delta"]?["urgentSlots"]) == 1)
        let codes = out.map { o -> String in
            let first = SuggestTests.reason(o)
            return "\(SuggestTests.string(o["sitter"]) ?? "?"):\(SuggestTests.string(first?["code"]) ?? "?")"
        }
        #expect(codes == ["A:locked", "C:no-competency", "D:no-competency"])
        #expect(
            out.first.flatMap(SuggestTests.reason).flatMap { SuggestTests.string($0["detail"]) }?.contains(
                "locked visit X") == true)

        let fr = try Relief.run(["suggest", c, s, "--visit", "V"], in: dir.url)
        #expect(fr.status == 0, "\(fr)")
        #expect(fr.stdout.contains("Qui peut prendre V (urgente, mar. 24 nov. 11:00–13:00) ?"), "\(fr.stdout)")
        #expect(fr.stdout.contains("1. B : urgentes +1 ; prouvé ; rien d’autre ne change"), "\(fr.stdout)")
        #expect(fr.stdout.contains("[locked] A : déjà verrouillé·e sur X, qui l’en empêche"), "\(fr.stdout)")
        #expect(fr.stdout.contains("[no-competency] C, D : 2 personnes n’ont pas behaviour"), "\(fr.stdout)")
        let en = try Relief.run(["suggest", c, s, "--visit", "V", "--lang", "en"], in: dir.url)
        #expect(en.stdout.contains("\n1. B: urgent +1; proven; nothing else changes\n"), "\(en.stdout)")
        #expect(en.stdout.contains("\n  [no-competency] C, D: 2 sitters lack behaviour"), "\(en.stdout)")
    }

    @Test("an unknown visit is bad data naming --visit; a schedule that is not the case's names its file")
    func errors() throws {
        let dir = try ScratchDirectory()
        let (c, s) = try Self.files(dir)
        let r = try Relief.run(["suggest", c, s, "--visit", "V77"], in: dir.url)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("--visit") && r.stderr.contains("V77") && r.stderr.contains("fix:"), "\(r)")
        let bad = try dir.write("bad.json", "{\"format\": \"relief.schedule/1\"}")
        let b = try Relief.run(["suggest", c, bad, "--visit", "V"], in: dir.url)
        #expect(b.status == 65, "\(b)")
        #expect(b.stderr.contains(bad), "\(b)")
    }

    @Test("relief event suggest writes a visit.suggest event the daemon reads")
    func eventSuggest() throws {
        let dir = try ScratchDirectory()
        #expect(mkdir(dir.path("inbox"), 0o700) == 0)
        let r = try Relief.run(["event", "suggest", "V0146", "--inbox", dir.path("inbox"), "--id", "e1"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        let data = try Data(contentsOf: dir.url.appendingPathComponent("inbox/e1.json"))
        let e = try EventReader.read(data: data, file: "e1.json", clock: CaseClock(identifier: "UTC")!)
        #expect(e == Event(id: "e1", kind: .visitSuggest(visit: "V0146")))
    }

    @Test("the daemon answers visit.suggest into suggestions/V.json once, the schedule's bytes unchanged")
    func daemonAnswersOnce() throws {
        let mask = umask(0o022)
        defer { umask(mask) }
        let d = try WatchInProcessTests.Daemon(now: "2026-11-20T00:00")
        defer { d.end() }
        #expect(d.wait(until: { d.log.contains { $0.hasPrefix("watching ") } }, timeout: 60), "\(d.log)")
        let before = try Data(contentsOf: URL(fileURLWithPath: d.path("schedule.json")))
        let caseBefore = try Data(contentsOf: URL(fileURLWithPath: d.path("case.json")))
        func drop(_ name: String, _ id: String, visit: String) throws {
            let text =
                "{\"format\": \"relief.event/1\", \"id\": \"\(id)\", \"type\": \"visit.suggest\", \"visit\": \"\(visit)\"}"
            try Data(text.utf8).write(to: URL(fileURLWithPath: d.path("inbox/.\(name).tmp")))
            #expect(rename(d.path("inbox/.\(name).tmp"), d.path("inbox/\(name)")) == 0)
        }
        func exists(_ p: String) -> Bool { FileManager.default.fileExists(atPath: d.path(p)) }
        try drop("s1.json", "evt-s1", visit: "V3")
        #expect(d.wait(until: { exists("archive/s1.json") }, timeout: 60), "\(d.log)")
        let answer = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: d.path("suggestions/V3.json"))))
        #expect(SuggestTests.string(answer["format"]) == "relief.suggest/1")
        #expect(SuggestTests.string(answer["visit"]) == "V3")
        #expect(fileMode(d.path("suggestions/V3.json")) == 0o600)
        #expect(try Data(contentsOf: URL(fileURLWithPath: d.path("schedule.json"))) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: d.path("case.json"))) == caseBefore)
        // The same event again: a duplicate, not answered twice.
        try FileManager.default.removeItem(atPath: d.path("suggestions/V3.json"))
        try drop("s2.json", "evt-s1", visit: "V3")
        #expect(d.wait(until: { exists("archive/s2.json") }, timeout: 60), "\(d.log)")
        #expect(!exists("suggestions/V3.json"))
        // An unknown visit: refused, named.
        try drop("s3.json", "evt-s3", visit: "V77")
        #expect(d.wait(until: { exists("rejected/s3.json") }, timeout: 60), "\(d.log)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: d.path("schedule.json"))) == before)
        #expect(d.log.contains { $0.contains("evt-s1: already applied, archived as a duplicate") }, "\(d.log)")
    }
}
