import Foundation
import ReliefCore
import ReliefPlanning
import ReliefRender

/// `relief validate CASE`: every error and warning of a case, as a value.
public enum ValidateService {
    /// Reads and checks a case. A case with errors is a report (exit 65), not a
    /// thrown error; a file that cannot be read is thrown (`noInput`).
    public static func validate(_ input: CaseInput) throws(ServiceError) -> ValidationReport {
        do {
            let (c, warnings) = try CaseLoader.load(input)
            let ix = PlanningIndex(c)
            let pairs = ix.visitEligible.reduce(0) { $0 + $1.count }
            return ValidationReport(input: input, diagnostics: warnings, summary: .valid(c, pairs: pairs))
        } catch .badData(let e) {
            return ValidationReport(input: input, diagnostics: e.diagnostics, summary: .invalid)
        }
    }
}

public struct ValidationReport: Sendable {
    public enum Summary: Sendable {
        case valid(Case, pairs: Int)
        case invalid
    }
    public var input: CaseInput
    public var diagnostics: [Diagnostic]
    public var summary: Summary

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var exitCode: ExitCode { errors.isEmpty ? .ok : .dataErr }

    /// What `relief validate` prints on stdout, every line escaped.
    public var lines: [String] {
        let file = TerminalText.safe(input.description)
        var out = DiagnosticText.lines(file: input.description, diagnostics)
        let w = diagnostics.count - errors.count
        switch summary {
        case .valid(let c, let pairs):
            out.append(
                "\(file): valid \(Case.format): \(c.sitters.count) sitters, \(c.families.count) families, "
                    + "\(c.visits.count) visits, \(c.onCallShifts.count) on-call shifts, \(pairs) eligible "
                    + "sitter-visit pairs; \(w) warning\(w == 1 ? "" : "s")")
        case .invalid:
            out.append("\(file): \(errors.count) error\(errors.count == 1 ? "" : "s"), \(w) warning(s)")
        }
        return out
    }
}
