import Foundation
import LinearProgramming
import ReliefApp
import ReliefCore
import ReliefPlanning
import ReliefSamples
import ReliefTestSupport
import Synchronization
import Testing

/// A solve cut short (cancelled, wall clock) still returns a schedule that keeps
/// every hard rule and says why it stopped; a misused GLPK problem is an error,
/// not a crash.
@Suite("Cancellation, time limits and GLPK misuse", .serialized)
struct SolveControlTests {
    /// One sitter, two overlapping normal visits: the trivial bound (2) is above
    /// what can be done (1), so the normal level is proven only by a search.
    static var notTriviallyProven: CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-24T11:00", end: "2026-11-24T13:00"),
        ]
        return b
    }

    static func generated(sitters: Int = 60, visits: Int = 300, seed: UInt64 = 1) -> Case {
        var o = CaseGenerator.Options()
        o.sitters = sitters
        o.visits = visits
        o.seed = seed
        return CaseGenerator.generate(o)
    }

    /// When another thread did something.
    final class Stamp: Sendable { let time = Mutex<Date?>(nil) }

    /// The schedule's JSON `solver` member.
    static func solverJSON(_ s: Schedule) -> JSONValue? { s.json()["solver"] }

    @Test("a token cancelled before plan: a verified schedule, stoppedBy cancelled, status feasible")
    func cancelledBefore() throws {
        let c = try Self.notTriviallyProven.read()
        let token = CancellationToken()
        token.cancel()
        var o = PlanOptions()
        o.cancellation = token
        let r = try Planner().plan(c, options: o)
        #expect(r.stoppedBy == .cancelled)
        #expect(r.schedule.solver.stoppedBy == "cancelled")
        #expect(Self.solverJSON(r.schedule)?["stoppedBy"] == .string("cancelled"))
        #expect(r.schedule.status == .feasible)
        #expect(r.proven == [true, true, true, false])
        #expect(ScheduleVerifier(c).violations(of: r.schedule) == [])
        // The greedy start still did what it could: one of the two visits.
        #expect(r.schedule.levels == levels(normal: 1))
        #expect(r.schedule.solver.gap == 0.5)
        // Not cancelled, the same case is proven.
        let full = try Planner().plan(c)
        #expect(full.schedule.status == .optimal && full.stoppedBy == nil)
    }

    @Test("a token cancelled before plan on a trivially proven case: optimal, still marked cancelled (level 5 skipped)")
    func cancelledBeforeTrivial() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00")]
        let c = try b.read()
        let token = CancellationToken()
        token.cancel()
        var o = PlanOptions()
        o.cancellation = token
        let r = try Planner().plan(c, options: o)
        #expect(r.schedule.status == .optimal)
        #expect(r.stoppedBy == .cancelled)
        #expect(r.schedule.solver.stoppedBy == "cancelled")
        #expect(r.schedule.levels == levels(normal: 1))
        #expect(ScheduleVerifier(c).violations(of: r.schedule) == [])
    }

    @Test("a token cancelled from another thread mid-solve of a 120x800 case: back within seconds, verified")
    func cancelledMidSolve() throws {
        // 60 x 300 is now proven in about 1.5 s in a debug build, before a cancellation
        // 2 s in; 120 x 800 takes its whole minute.
        let c = Self.generated(sitters: 120, visits: 800)
        let token = CancellationToken()
        let cancelledAt = Stamp()
        var o = PlanOptions()
        o.cancellation = token
        // 2 s in, the solve is well inside levels 3-4 of this case.
        let started = Date()
        let canceller = Thread {
            Thread.sleep(forTimeInterval: 2)
            cancelledAt.time.withLock { $0 = Date() }
            token.cancel()
        }
        canceller.start()
        let r = try Planner().plan(c, options: o)
        let returned = Date()
        let at = try #require(
            cancelledAt.time.withLock { $0 },
            "the solve finished before the cancellation (\(returned.timeIntervalSince(started)) s)")
        let lag = returned.timeIntervalSince(at)
        #expect(lag < 3, "returned \(lag) s after the cancellation")
        #expect(r.stoppedBy == .cancelled)
        #expect(r.schedule.solver.stoppedBy == "cancelled")
        #expect(ScheduleVerifier(c).violations(of: r.schedule) == [])
        // What was proven before the cancellation stays proven: on-call minutes in this case.
        #expect(r.proven.first == true)
        #expect(r.schedule.levels.onCallMinutes == 11040)
        #expect(r.schedule.status == (r.proven.allSatisfy { $0 } ? .optimal : .feasible))
    }

    @Test("a 0.05 s time limit on a 60x300 case: stoppedBy time-limit and a verified schedule")
    func tinyTimeLimit() throws {
        let c = Self.generated()
        var o = PlanOptions()
        o.timeLimit = 0.05
        let started = Date()
        let r = try Planner().plan(c, options: o)
        let seconds = Date().timeIntervalSince(started)
        #expect(r.stoppedBy == .timeLimit)
        #expect(r.schedule.solver.stoppedBy == "time-limit")
        #expect(Self.solverJSON(r.schedule)?["stoppedBy"] == .string("time-limit"))
        #expect(r.schedule.status == .feasible)
        #expect(r.schedule.solver.gap > 0)
        #expect(ScheduleVerifier(c).violations(of: r.schedule) == [])
        // The model and the greedy fill are the only work after the deadline.
        #expect(seconds < 3, "\(seconds) s")
    }

    @Test("a default solve of a tiny case is not marked stopped")
    func defaultNotStopped() throws {
        let c = try Self.notTriviallyProven.read()
        let r = try Planner().plan(c)
        #expect(r.stoppedBy == nil)
        #expect(r.schedule.solver.stoppedBy == nil)
        #expect(Self.solverJSON(r.schedule)?["stoppedBy"] == nil)
        #expect(r.schedule.status == .optimal)
        #expect(ScheduleVerifier(c).violations(of: r.schedule) == [])
    }

    // MARK: - GLPK misuse

    /// A 1-row problem: max x, x <= 1 through row r.
    static func smallProblem() -> any LinearProgram {
        let p = GLPKSolver().program(name: "misuse", direction: .maximize)
        let r = p.addRow(name: "r", lower: -.infinity, upper: 1)
        p.addColumn(name: "x", objective: 1, lower: 0, upper: 10, entries: [(row: r, value: 1)])
        return p
    }

    static func expectRefused(
        _ p: any LinearProgram, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard case .invalid(let why)? = p.invalid else {
            Issue.record("misuse not recorded: \(String(describing: p.invalid))", sourceLocation: sourceLocation)
            return
        }
        #expect(why.contains(text), "\(why)", sourceLocation: sourceLocation)
        guard case .failed(let message) = p.simplex() else {
            Issue.record("simplex did not fail", sourceLocation: sourceLocation)
            return
        }
        #expect(message.contains(text), sourceLocation: sourceLocation)
        #expect(throws: ModelError.self, sourceLocation: sourceLocation) { try p.intopt(options: MIPOptions()) }
        do {
            _ = try p.intopt(options: MIPOptions())
        } catch {
            guard case .invalid = error else {
                Issue.record("intopt threw \(error), not .invalid", sourceLocation: sourceLocation)
                return
            }
        }
    }

    @Test("a well-formed problem solves (control for the misuse tests)")
    func wellFormed() throws {
        let p = Self.smallProblem()
        #expect(p.invalid == nil)
        #expect(p.simplex() == .optimal)
        #expect(p.lpObjective == 1)
        p.setInteger(0, true)
        let r = try p.intopt(options: MIPOptions())
        #expect(r.status == .optimal)
    }

    @Test("a column entry naming a row out of range: skipped, recorded, simplex fails, intopt throws, no crash")
    func columnEntryOutOfRange() throws {
        let p = Self.smallProblem()
        let j = p.addColumn(name: "bad", objective: 1, lower: 0, upper: 1, entries: [(row: 5, value: 1)])
        #expect(j == -1)
        #expect(p.columnCount == 1, "the bad column was not added")
        Self.expectRefused(p, mentioning: "row 5 of 1")
        // The first misuse is the one reported.
        p.setRowBounds(7, lower: 0, upper: 1)
        Self.expectRefused(p, mentioning: "column bad")
    }

    @Test("a column naming one row twice is refused")
    func repeatedRow() {
        let p = Self.smallProblem()
        let j = p.addColumn(
            name: "twice", objective: 1, lower: 0, upper: 1, entries: [(row: 0, value: 1), (row: 0, value: 2)])
        #expect(j == -1)
        Self.expectRefused(p, mentioning: "repeated")
    }

    @Test("NaN bounds, a negative row index and a column index out of range are refused")
    func otherMisuse() {
        let nanRow = Self.smallProblem()
        nanRow.setRowBounds(0, lower: .nan, upper: 1)
        Self.expectRefused(nanRow, mentioning: "row bounds for row 0")
        let negative = Self.smallProblem()
        negative.addColumn(name: "neg", objective: 0, lower: 0, upper: 1, entries: [(row: -1, value: 1)])
        Self.expectRefused(negative, mentioning: "row -1")
        let nanColumn = Self.smallProblem()
        nanColumn.setColumnBounds(0, lower: 0, upper: .nan)
        Self.expectRefused(nanColumn, mentioning: "column bounds for column 0")
        let farColumn = Self.smallProblem()
        farColumn.setObjective(3, 1)
        Self.expectRefused(farColumn, mentioning: "objective of column 3 of 1")
        let deleted = Self.smallProblem()
        deleted.deleteColumns([0, 0])
        Self.expectRefused(deleted, mentioning: "deleting columns")
        // Still here: none of these reached GLPK's abort().
        #expect(Self.smallProblem().simplex() == .optimal)
    }
}
