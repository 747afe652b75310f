import Foundation
import ReliefCore
import ReliefRender

/// `relief next-week CASE SCHEDULE -o NEXT`: the following week's case, as a coordinator
/// would prepare it (`weeks.md`; the roll itself is `NextWeek.roll` in ReliefCore).
public enum NextWeekService {
    /// CASE, SCHEDULE and NEXT, as `relief publish` takes its three.
    public typealias Request = PublishService.Request

    /// Refuses (65) a schedule of another case or one that breaks a hard rule of this one;
    /// writes NEXT atomically (0600), never over an input, once it reads back valid.
    public static func next(_ r: Request) throws(ServiceError) -> NextWeekReport {
        let (c, s) = try PublishService.read(r)
        let (next, text) = try rolled(c, s)
        try AtomicFile.write(Data(text.utf8), to: r.output, mode: 0o600)
        return NextWeekReport(output: r.output, theCase: next)
    }

    /// The next week's case and its JSON text, read back through the case reader: a case
    /// relief itself would refuse is never written (exit 70, with the reader's errors).
    public static func rolled(_ c: Case, _ s: Schedule) throws(ServiceError) -> (CheckedCase, String) {
        let text = CaseWriter.json(NextWeek.roll(c, schedule: s)).serialized()
        do {
            return (try CaseReader.checked(data: Data(text.utf8), file: "next week"), text)
        } catch {
            let lines = DiagnosticText.lines(file: "next week", error.errors).prefix(5)
            throw .internalError("the next week's case does not read back valid: \(lines.joined(separator: "; "))")
        }
    }
}

/// What `relief next-week` wrote: ids and numbers only.
public struct NextWeekReport: Sendable {
    public var output: String
    public var theCase: CheckedCase

    public var line: String {
        let c = theCase.theCase
        let first = c.clock.localDate(c.horizon.start)
        return
            "\(TerminalText.safe(output)): week of \(first), \(c.visits.count) visit\(c.visits.count == 1 ? "" : "s")"
            + " from \(c.standing.count) standing request\(c.standing.count == 1 ? "" : "s"), "
            + "\(c.onCallShifts.count) on-call shift\(c.onCallShifts.count == 1 ? "" : "s")"
    }
}
