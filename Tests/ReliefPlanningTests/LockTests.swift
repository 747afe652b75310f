import LinearProgramming
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// `locked: true` keeps every sitter in `assigned` on the visit (hard), even at
/// the cost of a level; a locked visit needing more may get more; a locked
/// assignment that breaks a hard rule is an input error. Unlocked `assigned`
/// is only preferred.
@Suite("Locks and published assignments")
struct LockTests {
    /// S1 alone; V1 normal 10:00-12:00 published to S1; U1 urgent 11:00-13:00.
    static func lockedAgainstUrgent(locked: Bool) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", assigned: ["S1"], locked: locked),
            VisitSpec(id: "U1", start: "2026-11-24T11:00", end: "2026-11-24T13:00", priority: "urgent"),
        ]
        return b
    }

    @Test("a locked assignment is kept even when it lowers a level")
    func lockKeptAgainstUrgent() throws {
        let s = try solve(Self.lockedAgainstUrgent(locked: true))
        // S1 stays on V1, so the urgent U1 (overlapping) stays empty: urgent 0, normal 1.
        #expect(s.levels == levels(normal: 1))
        #expect(s.sitters(on: "V1") == ["S1"])
        #expect(s.unfilledCodes("U1") == ["capacity"])
    }

    @Test("unlocked, the published assignment gives way to the urgent visit")
    func unlockedGivesWay() throws {
        let s = try solve(Self.lockedAgainstUrgent(locked: false))
        #expect(s.levels == levels(urgent: 1))
        #expect(s.sitters(on: "U1") == ["S1"])
    }

    @Test("a locked visit keeps its sitter off an overlapping on-call shift, though on-call ranks first")
    func lockBeatsOnCall() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", onCall: OnCallSpec())]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", assigned: ["S1"], locked: true)
        ]
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-24T08:00", end: "2026-11-24T16:00")]
        let s = try solve(b)
        // Unlocked, S1 would be on call (480) and V1 empty.
        #expect(s.levels == levels(normal: 1))
        #expect(s.unstaffedCodes("OC1") == ["capacity"])
        b.visits[0].locked = false
        #expect(try solve(b).levels == levels(onCall: 480))
    }

    /// S1 (120 min a day) locked on V1 (Tue 14:15-15:45, 2 sitters); U1 urgent on Wednesday (2 sitters);
    /// N1 overlaps V1; H1 (Tue 12:15-13:45) would make 180 minutes on Tuesday.
    static func lockedWithDayLimit(locked: Bool = true) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", maxMinutesPerDay: 120)]
        b.visits = [
            VisitSpec(
                id: "V1", start: "2026-11-24T14:15", end: "2026-11-24T15:45", sitters: 2, assigned: ["S1"],
                locked: locked),
            VisitSpec(id: "U1", start: "2026-11-25T10:30", end: "2026-11-25T12:00", sitters: 2, priority: "urgent"),
            VisitSpec(id: "N1", start: "2026-11-24T14:00", end: "2026-11-24T16:00"),
            VisitSpec(id: "H1", start: "2026-11-24T12:15", end: "2026-11-24T13:45", priority: "high"),
        ]
        return b
    }

    @Test("a lock on Tuesday costs the high visit, not the urgent one on Wednesday")
    func lockedWithDayLimitDefault() throws {
        let s = try solve(Self.lockedWithDayLimit())
        // S1 keeps V1 (90 min on Tuesday) and takes one position of U1: urgent 1. H1 would make
        // 180 > 120 minutes on Tuesday, N1 overlaps V1: high 0, normal 1 (V1).
        #expect(s.levels == levels(urgent: 1, normal: 1))
        #expect(s.sitters(on: "U1") == ["S1"])
        // Unlocked, S1 trades V1 for H1.
        #expect(try solve(Self.lockedWithDayLimit(locked: false)).levels == levels(urgent: 1, high: 1))
    }

    @Test(
        "the same, with levels proven by GLPK's branch-and-cut alone (no column bound)"
    )
    func lockedWithDayLimitWithoutColumnBound() throws {
        var o = PlanOptions()
        o.useColumnBound = false
        let s = try solve(Self.lockedWithDayLimit().read(), options: o)
        #expect(s.levels == levels(urgent: 1, normal: 1))
        #expect(s.sitters(on: "U1") == ["S1"])
    }

    @Test(
        "the MIP backend keeps a locked binary at 1 even when the objective pulls it to 0"
    )
    func backendKeepsLockedColumn() throws {
        // x[S1,V1] of a locked pair is a binary with lower bound 1 (CompactModel.addVariables).
        var m = LinearModel(name: "lock", direction: .maximize)
        m.addColumn("x[S1,V1]", lower: 1, upper: 1, objective: -1)
        let r = try GLPKSolver().solve(m, options: MIPOptions(timeLimit: 5))
        #expect(r.status == .optimal)
        #expect(r.values == [1])
    }

    @Test("a locked visit needing 2 sitters may get another")
    func lockedVisitGetsMore() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1"), SitterSpec(id: "S2")]
        b.visits = [
            VisitSpec(
                id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", sitters: 2, assigned: ["S1"], locked: true
            )
        ]
        let s = try solve(b)
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") == ["S1", "S2"])
    }

    @Test(
        "a trainee locked on a 2-sitter visit gets a mentor beside them"
    )
    func lockedTraineeGetsMentor() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "T1", trainee: true), SitterSpec(id: "M1")]
        b.visits = [
            VisitSpec(
                id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", sitters: 2, assigned: ["T1"], locked: true
            )
        ]
        let s = try solve(b)
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") == ["M1", "T1"])
    }

    @Test("a trainee and a mentor both locked on a 2-sitter visit are kept")
    func lockedTraineeAndMentor() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "T1", trainee: true), SitterSpec(id: "M1"), SitterSpec(id: "M2")]
        b.visits = [
            VisitSpec(
                id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", sitters: 2, assigned: ["T1", "M1"],
                locked: true)
        ]
        let s = try solve(b)
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") == ["M1", "T1"])
    }

    @Test("an unlocked published assignment is kept when nothing ranks higher")
    func publishedKept() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1"), SitterSpec(id: "S2")]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", assigned: ["S2"])]
        let s = try solve(b)
        // Levels 1-4 tie; level 5 prefers keeping what was published.
        #expect(s.levels == levels(normal: 1))
        #expect(s.sitters(on: "V1") == ["S2"])
    }

    @Test("a locked sitter the family excludes is an input error naming the rule")
    func lockedExcluded() throws {
        var b = CaseBuilder()
        b.families = [FamilySpec(id: "F1", excludedSitters: ["S1"])]
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", assigned: ["S1"], locked: true)
        ]
        let error = #expect(throws: InputError.self) { try b.read() }
        #expect(error?.errors.map(\.path) == ["$.visits[0].assigned[0]"])
        #expect(error?.errors.first?.message.contains("excluded") == true)
    }

    @Test("one sitter locked on two overlapping visits is an input error")
    func lockedOverlap() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", assigned: ["S1"], locked: true),
            VisitSpec(id: "V2", start: "2026-11-24T11:00", end: "2026-11-24T13:00", assigned: ["S1"], locked: true),
        ]
        #expect(throws: InputError.self) { try b.read() }
    }

    @Test(
        "a trainee locked alone on a 1-sitter visit is an input error, not a failed solve"
    )
    func lockedTraineeAlone() throws {
        // A 1-sitter visit has no room for a mentor, so the lock breaks the trainee rule; a
        // non-trainee who could take the visit exists, which must not hide that.
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "T1", trainee: true), SitterSpec(id: "M1")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", assigned: ["T1"], locked: true)
        ]
        let error = #expect(throws: InputError.self) { try b.read() }
        #expect(error?.errors.first?.path.hasPrefix("$.visits[0].assigned") == true)
    }

    @Test("locks over the day limit are an input error")
    func lockedOverDayLimit() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", maxMinutesPerDay: 200)]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T10:00", assigned: ["S1"], locked: true),
            VisitSpec(id: "V2", start: "2026-11-24T12:00", end: "2026-11-24T14:00", assigned: ["S1"], locked: true),
        ]
        // 120 + 120 = 240 > 200.
        #expect(throws: InputError.self) { try b.read() }
    }
}
