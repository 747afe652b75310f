import Foundation
import ReliefCore
import ReliefRender

/// `relief suggest CASE SCHEDULE --visit V [--top K] [--format text|json] [-o FILE] [--jobs N]
/// [--time-limit S] [--lang fr|en]`: who could take visit V, and what each would cost
/// against SCHEDULE (`relief.suggest/1`, `people.md`).
public enum SuggestService {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public struct Request: Sendable, Equatable {
        public var theCase: CaseInput
        public var schedule: CaseInput
        public var visit: String
        public var top = 5
        public var format: Format = .text
        public var output: String?
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        /// Each candidate's solve's wall-clock budget.
        public var timeLimit: Double = 60
        public var language: Language = .fr

        public init(theCase: CaseInput, schedule: CaseInput, visit: String) {
            (self.theCase, self.schedule, self.visit) = (theCase, schedule, visit)
        }
    }

    public struct Outcome: Sendable {
        public var suggestion: Suggestion
        /// The answer as written (text or JSON).
        public var text: String
        public var outputPath: String?

        /// What `relief suggest` prints: the answer, or where it went (ids and counts only).
        public var stdout: String {
            guard let out = outputPath else { return text }
            let n = suggestion.candidates.count
            return "\(TerminalText.safe(out)): \(n) candidate\(n == 1 ? "" : "s") for \(suggestion.visit), "
                + "\(suggestion.ineligible.count) left out\n"
        }
    }

    /// Reads the case and the schedule (every id it names must be the case's), suggests,
    /// renders, and writes the answer atomically (0600) when `output` is set.
    public static func run(_ r: Request, progress: @escaping @Sendable (String) -> Void = { _ in })
        throws(ServiceError) -> Outcome
    {
        if let out = r.output {
            try FileIdentity.refuseOverwriting(r.theCase, with: out, option: "-o")
            try FileIdentity.refuseOverwriting(r.schedule, with: out, option: "-o")
        }
        let (c, _) = try CaseLoader.load(r.theCase)
        let schedule = try DiffService.readSchedule(r.schedule, of: c)
        let suggester = Suggester(
            executable: SelfInvocation.own(), jobs: r.jobs, timeLimit: r.timeLimit, top: r.top, progress: progress)
        let s = try suggester.suggest(c, file: r.theCase.description, schedule: schedule, visit: r.visit)
        let text = r.format == .json ? s.json().serialized() : s.text(c, language: r.language)
        if let out = r.output { try AtomicFile.write(text, to: out) }
        return Outcome(suggestion: s, text: text, outputPath: r.output)
    }
}
