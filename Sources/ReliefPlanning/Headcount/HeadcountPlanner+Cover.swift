import Foundation
import LinearProgramming
import ReliefCore

extension HeadcountPlanner {
    /// The open positions of the base schedule (of an empty one without a base) filled by
    /// the ejection search (`Headcount.fullCover`) within `steps`: where every one is,
    /// every level is at its trivial bound (proven). Then sitters are emptied
    /// (`Headcount.fewerSitters`, within half the time left) down to the overlap bound:
    /// reached, that schedule is the proven answer and no model is built; short of it, the headcount stage starts from there. On a case of more than
    /// `stagePairs` eligible pairs, the search gets all the time and its schedule is the answer. Nil where nothing
    /// fills every position (or the stage refuses the schedule: a rule the search does not know).
    func fullCover(
        _ c: Case, index: PlanningIndex, base: PlanResult?, steps: Int, started: Date, options: HeadcountOptions
    ) throws -> HeadcountResult? {
        let deadline = started.addingTimeInterval(options.timeLimit)
        let control = SolveControl(deadline: deadline, token: options.cancellation)
        let from: HeadcountStage.Start = base.map { HeadcountStage.pairs($0.schedule, index) } ?? ([], [])
        guard
            let full = Headcount.fullCover(
                index, assignments: from.assignments, onCall: from.onCall, control: control, steps: steps)
        else { return nil }
        let levels = PlanningLevel.contract
        let values = levels.map { l in
            let v =
                full.assignments.reduce(0.0) { $0 + l.value(index, $1.sitter, .visit($1.item)) }
                + full.onCall.reduce(0.0) { $0 + l.value(index, $1.sitter, .shift($1.item)) }
            return Int((v + Tolerance.integrality).rounded(.down))
        }
        guard zip(levels, values).allSatisfy({ $0.isPairSum && $0.trivialBound(index) == $1 }) else { return nil }
        func seconds() -> String { String(format: "%.1f", Date().timeIntervalSince(started)) }
        let say = options.progress ?? { _ in }
        say("headcount: the ejection search fills every position (\(seconds()) s)")
        let overlap = Headcount.overlapBound(index, levels: values)
        // A model too large to build in the time: the search gets all of it, and its schedule is the answer.
        let large = index.visitEligible.reduce(0) { $0 + $1.count } > options.stagePairs
        var share = control
        if !large { share.deadline = Date().addingTimeInterval(deadline.timeIntervalSinceNow / 2) }
        let fewer =
            Headcount.fewerSitters(
                index, assignments: full.assignments, onCall: full.onCall, floor: overlap, control: share,
                steps: options.ejectionSteps) ?? full
        let count = Set(fewer.assignments.map(\.sitter) + fewer.onCall.map(\.sitter)).count
        say("headcount: ejections give \(count) sitters, overlap bound \(overlap) (\(seconds()) s)")
        if count == overlap || large {
            return answer(
                c, index: index, fewer, from: full, levels: values, bound: overlap,
                stoppedBy: count > overlap ? share.stopReason ?? .workLimit : nil, started: started)
        }
        return try? stage(
            c, index: index, base: base, levels: levels, found: values, bounds: values, levelsProven: true,
            mustReachFromColumns: false, start: fewer, started: started, deadline: deadline, options: options)
    }

    /// The result of a schedule with every level at its trivial bound, the overlap bound
    /// its lower bound (proven where the count meets it). The search keeps every rule of
    /// the one rule kernel (`SitterWeeks`); the caller verifies the schedule, once
    /// (`MinStaffService.solve`).
    func answer(
        _ c: Case, index: PlanningIndex, _ pairs: HeadcountStage.Start, from start: HeadcountStage.Start,
        levels: [Int], bound: Int, stoppedBy: StopReason?, started: Date
    ) -> HeadcountResult {
        let seconds = Date().timeIntervalSince(started)
        let schedule = Planner.schedule(
            index: index, solution: CompactSolution(assignments: pairs.assignments, onCall: pairs.onCall),
            proven: true, found: levels, bounds: levels, seconds: seconds, backend: solver.name, quality: nil,
            qualityBound: nil)
        func sitters(_ p: HeadcountStage.Start) -> Set<Int> {
            Set(p.assignments.map(\.sitter) + p.onCall.map(\.sitter))
        }
        let used = sitters(pairs)
        return HeadcountResult(
            schedule: schedule, sitters: c.sitters.indices.filter(used.contains).map { c.sitters[$0].id },
            lowerBound: bound, overlapBound: bound, levelsProven: true, baseCount: sitters(start).count,
            stoppedBy: stoppedBy, seconds: seconds)
    }
}

extension CompactSolution {
    /// A solution given by its pairs.
    init(assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) {
        self.assignments = assignments
        self.onCall = onCall
    }
}
