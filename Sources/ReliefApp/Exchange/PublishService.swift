import Foundation
import ReliefCore
import ReliefRender

/// `relief publish CASE SCHEDULE -o OUT`: the case with the schedule written into it as
/// what was published (each visit's `assigned`, each on-call shift's `assigned`), so that
/// `relief export-csv` gives the coordinator's spreadsheet back with its `assignés` filled
/// and the next `relief plan --least-change` keeps what sitters and families were told.
public enum PublishService {
    public struct Request: Sendable, Equatable {
        public var caseInput: CaseInput
        public var schedule: CaseInput
        public var output: String

        public init(caseInput: CaseInput, schedule: CaseInput, output: String) {
            self.caseInput = caseInput
            self.schedule = schedule
            self.output = output
        }
    }

    /// Refuses (65) a schedule of another case or one that breaks a hard rule of this
    /// one (as `relief agenda` does); writes OUT atomically (0600), never over an input.
    public static func publish(_ r: Request) throws(ServiceError) -> PublishReport {
        let (c, s) = try read(r)
        let published = published(c, s)
        try AtomicFile.write(Data(CaseWriter.json(published).serialized().utf8), to: r.output, mode: 0o600)
        return PublishReport(
            output: r.output, visits: published.visits.filter { !$0.assigned.isEmpty }.count,
            assignments: s.assignments.count, shifts: published.onCallShifts.filter { !$0.assigned.isEmpty }.count,
            onCall: s.onCall.count)
    }

    /// The case and its schedule, verified against it (65 otherwise, as `relief agenda`
    /// refuses), once OUT is known to replace neither (`relief publish`, `relief next-week`).
    static func read(_ r: Request) throws(ServiceError) -> (Case, Schedule) {
        let (c, _) = try CaseLoader.load(r.caseInput)
        let s = try AgendaService.readSchedule(r.schedule, for: c)
        try FileIdentity.refuseOverwriting(r.caseInput, with: r.output, option: "-o")
        try FileIdentity.refuseOverwriting(r.schedule, with: r.output, option: "-o")
        return (c, s)
    }

    /// The case with every visit's and shift's `assigned` replaced by the schedule's sitters
    /// (none when the schedule leaves it unfilled), through `Case.publishing`. `locked` is kept
    /// as it was: the verifier has already checked that the schedule keeps every locked sitter
    /// on their visit. The sitters already listed come first, in their order (a spreadsheet
    /// cell the coordinator typed keeps its order), then the new ones by id.
    public static func published(_ c: Case, _ s: Schedule) -> Case {
        c.publishing(s, keepLocked: false) { now, before in
            let kept = before.filter(Set(now).contains)
            return kept + Set(now).subtracting(kept).sorted()
        }
    }
}

/// What `relief publish` wrote.
public struct PublishReport: Sendable, Equatable {
    public var output: String
    public var visits: Int
    public var assignments: Int
    public var shifts: Int
    public var onCall: Int

    public var line: String {
        "\(TerminalText.safe(output)): \(assignments) assignment\(assignments == 1 ? "" : "s") on \(visits) visit"
            + "\(visits == 1 ? "" : "s") and \(onCall) on \(shifts) on-call shift\(shifts == 1 ? "" : "s")"
            + " published as assigned"
    }
}
