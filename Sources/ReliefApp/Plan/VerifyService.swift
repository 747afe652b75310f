import Foundation
import ReliefCore
import ReliefRender

/// `relief verify CASE SCHEDULE`: relief's own verifier, as a value.
public enum VerifyService {
    public static func verify(case caseInput: CaseInput, schedule: CaseInput) throws(ServiceError) -> VerifyReport {
        let (c, _) = try CaseLoader.load(caseInput)
        let s = try ScheduleLoader.load(schedule)
        return VerifyReport(violations: ScheduleVerifier(c).violations(of: s), levels: s.levels)
    }
}

public struct VerifyReport: Sendable {
    public var violations: [String]
    public var levels: Levels
    public var exitCode: ExitCode { violations.isEmpty ? .ok : .dataErr }

    /// What `relief verify` prints on stdout, every line escaped.
    public var lines: [String] {
        violations.map { "VIOLATION \(TerminalText.safe($0))" }
            + [
                violations.isEmpty
                    ? "schedule keeps every hard rule; levels \(levels)" : "\(violations.count) violation(s)"
            ]
    }
}
