import Foundation
import LinearProgramming
import ReliefCore

extension HeadcountStage {
    /// Fewer sitters by the ejection search (`Headcount.fewerSitters`), from the best
    /// schedule, down to the lower bound at most.
    mutating func fewerSitters() {
        guard reached && count(best) > lowerBound && !control.shouldStop else { return }
        let sol = CompactSolution(cm, best)
        // Half of the time left at most: the column bound and GLPK's search come after.
        var halfway = control
        if let d = control.deadline { halfway.deadline = Date().addingTimeInterval(d.timeIntervalSinceNow / 2) }
        guard
            let moved = Headcount.fewerSitters(
                index, assignments: sol.assignments, onCall: sol.onCall, floor: lowerBound, control: halfway,
                steps: options.ejectionSteps)
        else { return }
        let candidate = point(moved.assignments, moved.onCall)
        if model.maxViolation(candidate) < Tolerance.feasibility && count(candidate) < count(best) {
            best = candidate
        }
        say("headcount: ejections give \(count(best)) (\(String(format: "%.1f", elapsed())) s)")
    }
}
