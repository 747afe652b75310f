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

/// An input relief refuses, with every problem found: the one error of every
/// reader (a case, an event, a scenarios file, a schedule, the agenda state, the
/// watch journal) and of every check of what was read against a case.
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// What was read.
    public enum Document: Sendable, Equatable {
        /// A case, whatever it was read from (JSON, a CSV folder, an SMPTSP instance).
        case theCase
        case event
        /// A scenarios file as a whole.
        case scenarios
        /// One scenario of a scenarios file, by name.
        case scenario(String)
        case schedule
        case agendaState
        case journal
    }

    public var document: Document
    /// How messages name what was read: its path (or `<stdin>`), an event's id, `scenario NAME`.
    public var file: String
    public var diagnostics: [Diagnostic]
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public init(_ document: Document, file: String, diagnostics: [Diagnostic]) {
        self.document = document
        self.file = file
        self.diagnostics = diagnostics
    }

    /// One scenario's problems (`scenario NAME`), or the file's (`scenarios`) when `name` is nil.
    public init(scenario name: String?, diagnostics: [Diagnostic]) {
        if let name {
            self.init(.scenario(name), file: "scenario \(Location.safe(name))", diagnostics: diagnostics)
        } else {
            self.init(.scenarios, file: "scenarios", diagnostics: diagnostics)
        }
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
