import Foundation
import ReliefCore
import ReliefRender

/// `relief diff OLD.schedule.json NEW.schedule.json --case CASE [--old-case OLD_CASE]
/// [--lang fr|en] [--format text|json] [-o FILE]`: the change notice, as a value.
public enum DiffService {
    public enum Format: String, Sendable { case text, json }

    public struct Request: Sendable, Equatable {
        public var old: CaseInput
        public var new: CaseInput
        public var newCase: CaseInput
        /// The case the old schedule was planned for; the new case when nil.
        public var oldCase: CaseInput?
        public var lang: Language
        public var format: Format
        public var output: String?

        public init(
            old: CaseInput, new: CaseInput, newCase: CaseInput, oldCase: CaseInput? = nil, lang: Language = .fr,
            format: Format = .text, output: String? = nil
        ) {
            self.old = old
            self.new = new
            self.newCase = newCase
            self.oldCase = oldCase
            self.lang = lang
            self.format = format
            self.output = output
        }
    }

    /// Reads both schedules and cases, computes the changes and renders the notice;
    /// writes it atomically (0600) when `output` is set.
    public static func diff(_ r: Request) throws(ServiceError) -> DiffReport {
        if let out = r.output {
            for input in [r.old, r.new, r.newCase] + (r.oldCase.map { [$0] } ?? []) {
                try FileIdentity.refuseOverwriting(input, with: out, option: "-o")
            }
        }
        let (newCase, _) = try CaseLoader.load(r.newCase)
        let oldCase = try r.oldCase.map { i throws(ServiceError) in try CaseLoader.load(i).0 }
        let new = try readSchedule(r.new, of: newCase)
        // Without --old-case the old schedule may name visits the new case has dropped (cancelled ones).
        let old = try readSchedule(r.old, of: oldCase)
        let changes = ScheduleDiff.changes(old: old, oldCase: oldCase, new: new, newCase: newCase)
        let text: String
        switch r.format {
        case .text: text = changes.text(oldCase: oldCase, newCase: newCase, lang: r.lang)
        case .json: text = changes.json(oldCase: oldCase, newCase: newCase).serialized()
        }
        if let out = r.output { try AtomicFile.write(text, to: out) }
        return DiffReport(changes: changes, text: text, outputPath: r.output, language: r.lang)
    }

    /// A `relief.schedule/1` file; with its case, every id it names must be the case's.
    static func readSchedule(_ input: CaseInput, of c: Case?) throws(ServiceError) -> Schedule {
        let s = try ScheduleLoader.load(input)
        func bad(_ path: String, _ message: String, _ fix: String) -> ServiceError {
            .badData(
                InputError(
                    .schedule, file: input.description, diagnostics: [Diagnostic(.error, path, message, fix: fix)]))
        }
        guard let c else { return s }
        let visits = Set(c.visits.map(\.id))
        let shifts = Set(c.onCallShifts.map(\.id))
        let sitters = Set(c.sitters.map(\.id))
        let fix = "give the case this schedule was planned for (--case for the new one, --old-case for the old one)"
        for (i, a) in s.assignments.enumerated() {
            if !visits.contains(a.visit) {
                throw bad("$.assignments[\(i)].visit", "unknown visit \(quoted(a.visit))", fix)
            }
            if !sitters.contains(a.sitter) {
                throw bad("$.assignments[\(i)].sitter", "unknown sitter \(quoted(a.sitter))", fix)
            }
        }
        for (i, o) in s.onCall.enumerated() {
            if !shifts.contains(o.shift) { throw bad("$.onCall[\(i)].shift", "unknown shift \(quoted(o.shift))", fix) }
            if !sitters.contains(o.sitter) {
                throw bad("$.onCall[\(i)].sitter", "unknown sitter \(quoted(o.sitter))", fix)
            }
        }
        return s
    }
}

public struct DiffReport: Sendable {
    public var changes: ScheduleChanges
    /// The notice (text or JSON), with names.
    public var text: String
    public var outputPath: String?
    public var language: Language = .fr

    /// What `relief diff` prints on stdout: the notice, or where it went (ids and counts only).
    public var stdout: String {
        guard let out = outputPath else { return text }
        let n = changes.sitters.count
        let f = changes.changedFamilies.count
        return ConfirmationWords(language).notice(TerminalText.safe(out), n, f) + "\n"
    }
}
