import Foundation
import ReliefCore
import ReliefPlanning
import ReliefRender

/// `relief report SCHEDULE --case CASE -o week.html [--lang fr|en]`: the week on one
/// page for the coordinator, written atomically and readable by its owner only
/// (it names families and sitters).
public enum ReportService {
    public struct Request: Sendable, Equatable {
        public var schedule: CaseInput
        public var theCase: CaseInput
        public var output: String
        public var language: Language

        public init(schedule: CaseInput, theCase: CaseInput, output: String, language: Language) {
            self.schedule = schedule
            self.theCase = theCase
            self.output = output
            self.language = language
        }
    }

    /// Reads both documents, builds the page and writes it. A schedule that breaks
    /// rules of this case is still shown, under a banner listing what is broken.
    public static func report(_ r: Request) throws(ServiceError) -> ReportOutcome {
        try FileIdentity.refuseOverwriting(r.theCase, with: r.output, option: "-o")
        try FileIdentity.refuseOverwriting(r.schedule, with: r.output, option: "-o")
        let (c, _) = try CaseLoader.load(r.theCase)
        return try write(c, try readSchedule(r.schedule), to: r.output, language: r.language)
    }

    /// Builds the page of a case and schedule already in memory and writes it (the
    /// daemon's view after a commit: nothing read or checked again). A schedule read from a
    /// file carries its reasons' English text only: their facts are written again from the
    /// case (`Explainer.withFacts`), here for `relief report` and the daemon alike, so both
    /// pages give the reasons in the page's language.
    /// `violations`: the schedule's broken rules when the caller verified it already (the daemon).
    public static func write(
        _ c: Case, _ read: Schedule, to output: String, language: Language, violations: [String]? = nil
    ) throws(ServiceError) -> ReportOutcome {
        let s = Explainer.withFacts(read, of: c)
        let week = ReportWeek(c, s, violations: violations)
        let html = HTMLWeekPage(week, language: language).html
        try AtomicFile.write(html, to: output)
        return ReportOutcome(
            path: output, sitters: c.sitters.count, visits: c.visits.count, unfilled: s.unfilled.count,
            gaps: week.gaps.count, violations: week.violations.count, language: language)
    }

    /// The page for a case and schedule already in memory (for other services and tests).
    public static func html(_ c: Case, _ s: Schedule, language: Language = .fr) -> String {
        HTMLWeekPage(ReportWeek(c, s), language: language).html
    }

    static func readSchedule(_ input: CaseInput) throws(ServiceError) -> Schedule {
        try ScheduleLoader.load(input)
    }
}

public struct ReportOutcome: Sendable {
    public var path: String
    public var sitters: Int
    public var visits: Int
    public var unfilled: Int
    public var gaps: Int
    public var violations: Int
    public var language: Language = .fr

    /// What `relief report` prints on stdout, in the page's language.
    public var line: String {
        let w = ConfirmationWords(language)
        var l = w.report(TerminalText.safe(path), sitters, visits, unfilled, gaps)
        if violations > 0 { l += w.violations(violations) }
        return l
    }
}
