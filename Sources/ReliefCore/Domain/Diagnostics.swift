/// One problem found in a case: where (a `Location`, for a JSON file a path
/// such as `$.visits[3].end`), what, and what to do about it.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var location: Location
    public var message: String
    public var fix: String

    public init(_ severity: Severity, _ location: Location, _ message: String, fix: String) {
        self.severity = severity
        self.location = location
        self.message = message
        self.fix = fix
    }

    /// A diagnostic at a JSON path.
    public init(_ severity: Severity, _ path: String, _ message: String, fix: String) {
        self.init(severity, .json(path), message, fix: fix)
    }

    /// The location as printed: the JSON path for a JSON document.
    public var path: String {
        get { location.description }
        set { location = .json(newValue) }
    }

    public var description: String {
        var s = "\(severity.rawValue): \(location): \(message)"
        if !fix.isEmpty { s += "\n  fix: \(fix)" }
        return s
    }
}

/// A case that cannot be planned, with every problem found.
public struct CaseInputError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var diagnostics: [Diagnostic]
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public init(file: String, diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics
    }
    public var description: String { Diagnostic.report(errors, head: file) }
}

extension Diagnostic {
    /// `HEAD: N errors` and then each error on its own line, behind `HEAD: `: how a
    /// refused case, event or scenario is told.
    public static func report(_ errors: [Diagnostic], head: String) -> String {
        "\(head): \(errors.count) error\(errors.count == 1 ? "" : "s")\n"
            + errors.map { "\(head): \($0)" }.joined(separator: "\n")
    }
}
