import Foundation
import ReliefCore
import ReliefPlanning
import ReliefRender

/// Works out a `Suggestion` (`relief suggest`, the daemon's `visit.suggest`): who may take
/// the visit on their own terms (`PlanningIndex`'s funnel, the explainer's reasons for the
/// others), then, for each, the case with the schedule written back as published (least
/// change, `FreezePolicy.published`) and the visit locked to them beside its own locks,
/// solved in child processes (`WhatIfRunner`, `plan --least-change`) at most `jobs` at a
/// time, each compared with the schedule.
struct Suggester: Sendable {
    var executable: String
    var jobs: Int
    var timeLimit: Double
    var top: Int
    var progress: @Sendable (String) -> Void = { _ in }
    /// True once no new solve may start (`WhatIfRunner.refuse`).
    var refuse: @Sendable () -> Bool = { false }

    /// One sitter to solve for: the forced case, or why it has no schedule.
    enum Trial {
        case solve(Case)
        case locked(Suggestion.Ineligible)
    }

    /// The suggestion for visit `vid` of `c` (read from `file`) against `schedule` (already
    /// read against `c`); an unknown visit is bad data (65) naming `--visit`.
    func suggest(_ c: Case, file: String, schedule: Schedule, visit vid: String) throws(ServiceError) -> Suggestion {
        guard let vi = c.visits.firstIndex(where: { $0.id == vid }) else {
            throw .badData(InputError(.theCase, file: file, diagnostics: [Self.unknownVisit(vid)]))
        }
        let index = PlanningIndex(c)
        let explainer = Explainer(index)
        let onIt = Set(schedule.assignments.filter { $0.visit == vid }.map(\.sitter))
        let published = FreezePolicy.published(schedule, into: c)
        let pool = c.sitters.indices.filter { !onIt.contains(c.sitters[$0].id) }
        let groups = explainer.ineligibility(visit: vi, among: pool)
        var ineligible = groups.flatMap { g in
            g.sitters.map { si in
                Suggestion.Ineligible(
                    sitter: c.sitters[si].id, reasons: explainer.ineligibility(visit: vi, among: [si]).map(\.reason))
            }
        }
        var trials: [(sitter: String, theCase: Case)] = []
        for si in index.visitEligible[vi] where !onIt.contains(c.sitters[si].id) {
            let s = c.sitters[si]
            switch Self.trial(published, visit: vi, sitter: si) {
            case .solve(let forced): trials.append((s.id, forced))
            case .locked(let why): ineligible.append(why)
            }
        }
        let t0 = Date()
        let n = trials.count
        let runner = WhatIfRunner(
            executable: executable, timeLimit: timeLimit, jobs: jobs, leastChange: true, refuse: refuse)
        let results = try runner.solve(trials.map(\.theCase)) { [progress] done, total in
            progress("suggest: \(done) of \(total) candidates solved")
        }
        var candidates: [Suggestion.Candidate] = []
        for (t, r) in zip(trials, results) {
            switch r {
            case .success(let solved):
                let s = solved.schedule
                candidates.append(
                    .init(
                        sitter: t.sitter, status: s.status, levels: s.levels,
                        moves: Suggestion.Move.between(schedule, s),
                        visit: vid))
            case .failure(.failed(status: ExitCode.dataErr.rawValue, let detail)):
                // The planner refused the forced case: a lock the validator passed still conflicts.
                ineligible.append(Self.locked(t.sitter, lock: nil, detail: detail ?? "no schedule with them on it"))
            case .failure(let f):
                throw .internalError("visit \(vid), candidate \(t.sitter): \(f.message)")
            }
        }
        progress(
            "suggest: \(n) candidate solve\(n == 1 ? "" : "s") in \(String(format: "%.2f", -t0.timeIntervalSinceNow)) s"
        )
        let base = ScheduleVerifier(c).levels(assignments: schedule.assignments, onCall: schedule.onCall)
        return Suggestion(
            caseName: c.name, visit: vid, base: base, candidates: candidates, ineligible: ineligible,
            groups: groups.map { g in .init(sitters: g.sitters.map { c.sitters[$0].id }, reason: g.reason) },
            onIt: c.sitters.map(\.id).filter(onIt.contains), top: top)
    }

    /// The published case with visit `vi` locked to sitter `si` too (beside its own locks; its
    /// other published sitters are no longer kept there), or `locked` when a lock then breaks
    /// a hard rule (the validator's error, the locked visit in the way named).
    static func trial(_ published: Case, visit vi: Int, sitter si: Int) -> Trial {
        var c = published
        let sid = c.sitters[si].id
        let v = c.visits[vi]
        c.visits[vi].assigned = (v.locked ? v.assigned : []) + [sid]
        c.visits[vi].locked = true
        guard let error = CaseValidator.check(c).first(where: { $0.severity == .error }) else { return .solve(c) }
        // The visit locked to the sitter that the forced one breaks with (their week's first breach).
        let rules = WeekRules(c)
        var week = WeekRules.Week(sitter: si)
        for (i, o) in c.visits.enumerated() where i != vi && o.locked && o.assigned.contains(sid) {
            week.add(.visit(i), rules)
        }
        var lock: String?
        switch week.breaches(adding: .visit(vi), rules).first {
        case .conflict(.visit(let other), _, _)?: lock = c.visits[other].id
        default:
            if let i = error.location.visitIndex, i != vi { lock = c.visits[i].id }
        }
        return .locked(locked(sid, lock: lock, detail: error.message))
    }

    static func locked(_ sitter: String, lock: String?, detail: String) -> Suggestion.Ineligible {
        let why = lock.map { "locked visit \($0) is in the way: " } ?? "a locked assignment is in the way: "
        return .init(sitter: sitter, reasons: [Reason(code: Suggestion.lockedCode, detail: why + detail)], lock: lock)
    }

    static func unknownVisit(_ vid: String) -> Diagnostic {
        Diagnostic(
            .error, "--visit", "no visit \(quoted(vid)) in the case",
            fix: "give the id of one of the case's visits: relief plan's summary lists the unfilled ones,"
                + " the case's visits[].id (or relief export-csv's visits file) all of them")
    }
}
