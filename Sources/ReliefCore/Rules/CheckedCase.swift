import Foundation

/// A case `CaseValidator` found without error, and the warnings it gave. Only a
/// validation makes one (`CaseValidator.checked`, a reader that validated, an applier
/// whose result was checked), so whoever takes a `CheckedCase` (the planner) knows the
/// case is checked and does not check it again: see `CheckCount` for "once per path".
public struct CheckedCase: Sendable {
    public let theCase: Case
    /// The validator's warnings about `theCase` (a checked case has no error).
    public let warnings: [Diagnostic]

    /// For ReliefCore's validations only.
    init(validated c: Case, warnings: [Diagnostic]) {
        theCase = c
        self.warnings = warnings
    }
}

extension CaseValidator {
    /// The case checked (one validation): a `CheckedCase`, or nil with every diagnostic
    /// (errors and warnings, located as JSON paths) when it has an error.
    public static func checked(_ c: Case) -> (checked: CheckedCase?, diagnostics: [Diagnostic]) {
        let ds = check(c)
        guard ds.allSatisfy({ $0.severity != .error }) else { return (nil, ds) }
        return (CheckedCase(validated: c, warnings: ds), ds)
    }
}

extension CaseReader {
    /// `read(data:file:)`, whose case the reader has validated, as a `CheckedCase`.
    public static func checked(data: Data, file: String) throws(InputError) -> CheckedCase {
        let (c, warnings) = try read(data: data, file: file)
        return CheckedCase(validated: c, warnings: warnings)
    }
}
