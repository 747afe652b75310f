import Foundation
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// `people.md`: a volunteer never counts as the supervising sitter of a trainee; and the
/// planner's optimum with volunteers equals the exhaustive one judged by the verifier.
@Suite("Volunteers and trainees: a supervisor is an employee who is not a trainee")
struct VolunteerSupervisionTests {
    static func sitter(_ id: String, trainee: Bool = false, volunteer: Bool = false) -> SitterSpec {
        var s = SitterSpec(id: id, trainee: trainee ? true : nil)
        if volunteer { s.kind = "volunteer" }
        return s
    }

    static func pairVisit(sitters: Int = 2) -> VisitSpec {
        var v = VisitSpec(id: "V1", start: "2026-11-24T09:00", end: "2026-11-24T12:00", sitters: sitters)
        v.volunteers = true
        return v
    }

    @Test("a trainee and a volunteer alone: only the volunteer goes; an employee beside them fills both")
    func volunteerIsNoSupervisor() throws {
        var b = CaseBuilder()
        b.sitters = [Self.sitter("T1", trainee: true), Self.sitter("B1", volunteer: true)]
        b.visits = [Self.pairVisit()]
        // Without the rule T1 and B1 would fill both positions.
        let s = try solve(b)
        #expect(s.levels == levels(normal: 1))
        #expect(s.sitters(on: "V1") == ["B1"])
        b.sitters.append(Self.sitter("S1"))
        let t = try solve(b)
        #expect(t.levels == levels(normal: 2))
        #expect(t.sitters(on: "V1").contains("S1"))
        // The same case with B1 an employee: B1 supervises T1.
        b.sitters = [Self.sitter("T1", trainee: true), Self.sitter("B1")]
        #expect(try solve(b).levels == levels(normal: 2))
    }

    @Test("the verifier refuses a trainee beside a volunteer only")
    func verifierRefuses() throws {
        var b = CaseBuilder()
        b.sitters = [Self.sitter("T1", trainee: true), Self.sitter("B1", volunteer: true)]
        b.visits = [Self.pairVisit()]
        let c = try b.read()
        let a = [Assignment(visit: "V1", sitter: "T1"), Assignment(visit: "V1", sitter: "B1")]
        let verifier = ScheduleVerifier(c)
        let s = Schedule(
            caseName: c.name, status: .optimal, levels: verifier.levels(assignments: a, onCall: []),
            assignments: a, onCall: [], unfilled: [], unstaffedShifts: [], solver: SolverReport(seconds: 0, gap: 0)
        ).withService(c)
        #expect(verifier.violations(of: s).contains { $0.contains("V1") && $0.contains("trainee") })
    }

    @Test("locks: a trainee and a volunteer filling a visit, or a trainee whose only partner is a volunteer")
    func locks() throws {
        var b = CaseBuilder()
        b.sitters = [Self.sitter("T1", trainee: true), Self.sitter("B1", volunteer: true)]
        b.visits = [Self.pairVisit()]
        b.visits[0].assigned = ["T1", "B1"]
        b.visits[0].locked = true
        let full = #expect(throws: InputError.self) { try b.read() }
        #expect(full?.errors.map(\.path) == ["$.visits[0].assigned"])
        #expect(full?.errors.first?.message.contains("volunteer") == true)
        // Room for a third sitter, but the only other one is a volunteer.
        b.visits[0] = Self.pairVisit(sitters: 3)
        b.visits[0].assigned = ["T1"]
        b.visits[0].locked = true
        b.sitters.append(Self.sitter("B2", volunteer: true))
        #expect(throws: InputError.self) { try b.read() }
        b.sitters[2] = Self.sitter("S2")
        #expect(throws: Never.self) { try b.read() }
    }

    /// `ExhaustiveTests.randomCase` with some sitters volunteers and some visits open to them.
    static func randomVolunteerCase(seed: Int, locks: Bool) -> CaseBuilder {
        var b = ExhaustiveTests.randomCase(seed: seed, locks: locks)
        var r = ExhaustiveTests.Random(state: UInt64(seed) &* 104_729 &+ 3)
        for i in b.sitters.indices where r.chance(40) { b.sitters[i].kind = "volunteer" }
        for i in b.visits.indices where r.chance(60) { b.visits[i].volunteers = true }
        if r.chance(40) { b.volunteerMaxMinutesPerWeek = [90, 120, 180][r.next(3)] }
        return b
    }

    @Test("random tiny weeks with volunteers: the planner's optimum is the exhaustive one")
    func exhaustive() throws {
        var checked = 0
        var withVolunteerWork = 0
        for seed in 0..<200 {
            let b = Self.randomVolunteerCase(seed: seed, locks: seed % 2 == 1)
            guard let c = try? b.read(), let want = ExhaustiveTests.exhaustiveOptimum(c) else { continue }
            checked += 1
            let got = try solve(c)
            #expect(got.levels == want, "seed \(seed)\n\(b.text)")
            let volunteers = Set(c.sitters.filter(\.isVolunteer).map(\.id))
            if got.assignments.contains(where: { volunteers.contains($0.sitter) }) { withVolunteerWork += 1 }
            let noBound = try solve(c, options: ExhaustiveTests.withoutColumnBound).levels
            #expect(noBound == want, "seed \(seed), no column bound")
        }
        #expect(checked >= 120)
        #expect(withVolunteerWork >= 30)
        print("volunteer exhaustive: \(checked) cases checked, \(withVolunteerWork) with a volunteer at work")
    }

    /// The bundled week with every fifth sitter a volunteer and two visits in three (and every
    /// locked one) open to volunteers; the volunteer cap 360 minutes.
    static func bundledWithVolunteers() throws -> Case {
        let path = LockFuzzTests.weekPath
        var c = try CaseReader.read(data: try #require(FileManager.default.contents(atPath: path)), file: path).0
        let holdingLocks = Set(c.visits.filter(\.locked).flatMap(\.assigned))
        for i in c.sitters.indices where i % 5 == 2 {
            c.sitters[i].kind = .volunteer
            // Those without locks have no limit of their own: the rules' volunteer cap holds them.
            if !holdingLocks.contains(c.sitters[i].id) { c.sitters[i].maxMinutesPerWeek = nil }
        }
        for i in c.visits.indices where i % 3 != 0 || c.visits[i].locked { c.visits[i].volunteers = true }
        c.rules.volunteerMaxMinutesPerWeek = 360
        let text = CaseWriter.json(c).serialized()
        return try CaseReader.read(data: Data(text.utf8), file: "volunteers.json").0
    }

    @Test("the bundled week with volunteers: every level proven, and no volunteer where the rules forbid")
    func bundledWeek() throws {
        let c = try Self.bundledWithVolunteers()
        let s = try solve(c)
        let sitters = Dictionary(uniqueKeysWithValues: c.sitters.map { ($0.id, $0) })
        let visits = Dictionary(uniqueKeysWithValues: c.visits.map { ($0.id, $0) })
        let volunteerWork = s.assignments.filter { sitters[$0.sitter]!.isVolunteer }
        #expect(volunteerWork.count >= 10)
        #expect(volunteerWork.allSatisfy { visits[$0.visit]!.volunteers })
        #expect(s.onCall.allSatisfy { !sitters[$0.sitter]!.isVolunteer })
        for v in c.visits {
            let on = s.assignments.filter { $0.visit == v.id }.compactMap { sitters[$0.sitter] }
            #expect(!CaseValidator.unsupervised(on), "\(v.id)")
        }
        var minutes: [String: Int] = [:]
        for a in volunteerWork { minutes[a.sitter, default: 0] += visits[a.visit]!.minutes }
        // A volunteer's own maxMinutesPerWeek overrides the rules' 360.
        #expect(minutes.allSatisfy { $0.value <= c.maxMinutesPerWeek(sitters[$0.key]!) })
        #expect(c.sitters.contains { $0.isVolunteer && $0.maxMinutesPerWeek == nil && c.maxMinutesPerWeek($0) == 360 })
    }
}
