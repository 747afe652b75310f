import Foundation
import LinearProgramming
import ReliefCore
import ReliefPlanning
import ReliefRender

/// `relief whatif CASE --min-staff [--format text|json] [-o FILE] [--time-limit S]`:
/// the fewest sitters of the roster reaching the base case's levels 1-4, with a
/// proven lower bound (`relief.minstaff/1`, `../shared/contract/scenarios.md`).
public enum MinStaffService {
    public enum Format: String, Sendable { case text, json }

    public struct Request: Sendable, Equatable {
        public var theCase: CaseInput
        public var format: Format = .text
        public var output: String?
        public var timeLimit: Double = 60
        /// The text's language (`--lang`, default French).
        public var language: Language = .fr

        public init(theCase: CaseInput) { self.theCase = theCase }
    }

    public struct Outcome: Sendable {
        public var result: HeadcountResult
        public var caseName: String
        public var text: String
        public var outputPath: String?
        /// What relief prints on stdout: the result, or where it went.
        public var stdout: String {
            guard let out = outputPath else { return text }
            return "\(TerminalText.safe(out)): \(result.count) sitters"
                + " (lower bound \(result.lowerBound), \(status(result)))\n"
        }
    }

    public static func status(_ r: HeadcountResult) -> String { MinStaffSummary.status(optimal: r.isOptimal) }

    public static func run(
        _ r: Request, cancellation: CancellationToken? = nil,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws(ServiceError) -> Outcome {
        if let out = r.output { try FileIdentity.refuseOverwriting(r.theCase, with: out, option: "-o") }
        let checked = try CaseLoader.checked(r.theCase)
        let name = checked.theCase.name
        let result = try solve(checked, timeLimit: r.timeLimit, cancellation: cancellation, progress: progress)
        var shown = summary(result, caseName: name)
        shown.volunteers = volunteers(among: result.sitters, of: checked.theCase)
        let text =
            r.format == .json
            ? MinStaffJSON.document(shown).serialized() : MinStaffText.document(shown, language: r.language)
        if let out = r.output { try AtomicFile.write(text, to: out) }
        return Outcome(result: result, caseName: name, text: text, outputPath: r.output)
    }

    /// Solves the case as it was checked (not validated again) and verifies the schedule
    /// with `ScheduleVerifier`, once (an internal error if it breaks a rule).
    public static func solve(
        _ checked: CheckedCase, timeLimit: Double, cancellation: CancellationToken? = nil,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws(ServiceError) -> HeadcountResult {
        var o = HeadcountOptions()
        o.timeLimit = timeLimit
        o.cancellation = cancellation
        o.progress = progress
        let c = checked.theCase
        let result: HeadcountResult
        do {
            result = try HeadcountPlanner().minimise(checked, options: o)
        } catch let e as PlanError {
            throw ServiceError(e, file: c.name)
        } catch {
            throw .internalError(String(describing: error))
        }
        let problems = ScheduleVerifier(c).violations(of: result.schedule)
        guard problems.isEmpty else {
            throw .internalError("the minimum-headcount schedule breaks a rule: \(problems.first!)")
        }
        return result
    }

    /// The volunteers among the headcount's sitters; nil for a case without volunteers. The
    /// headcount is the fewest sitters, employees and volunteers counted alike: this is the split
    /// of the roster it found, not the fewest employees (another roster of the same size may split
    /// otherwise).
    public static func volunteers(among sitters: [String], of c: Case) -> [String]? {
        let ids = Set(c.sitters.filter(\.isVolunteer).map(\.id))
        return ids.isEmpty ? nil : sitters.filter(ids.contains)
    }

    /// The result as the outputs show it (`MinStaffJSON`, `MinStaffText` in ReliefRender).
    public static func summary(_ r: HeadcountResult, caseName: String) -> MinStaffSummary {
        MinStaffSummary(
            caseName: caseName, schedule: r.schedule, sitters: r.sitters, lowerBound: r.lowerBound,
            overlapBound: r.overlapBound, levelsProven: r.levelsProven, baseCount: r.baseCount,
            stoppedBy: r.stoppedBy?.rawValue, seconds: r.seconds, isOptimal: r.isOptimal)
    }
}
