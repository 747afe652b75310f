import Foundation
import ReliefCore
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// Errors the service layer reports, each mapped to a sysexits code by the CLI.
public enum ServiceError: Error, Sendable, CustomStringConvertible {
    /// The command line asks for something relief refuses (such as writing over the case): exit 64.
    case usage(String)
    case noInput(String)
    case badData(InputError)
    case cannotWrite(path: String, reason: String)
    case internalError(String)
    case tryAgain(String)
    /// A service relief needs is not there or does not answer (Slurm's controller, its commands): exit 69.
    case unavailable(String)

    public var description: String {
        switch self {
        case .usage(let s): return s
        case .noInput(let s): return s
        case .badData(let e): return e.description
        case .cannotWrite(let p, let r): return "\(p): cannot write (\(r)); nothing was changed"
        case .internalError(let s): return "internal error: \(s)"
        case .tryAgain(let s): return s
        case .unavailable(let s): return s
        }
    }

    /// What relief exits with for this error (sysexits(3) names, see `ExitCode`).
    public var exit: ExitCode {
        switch self {
        case .usage: return .usage
        case .noInput: return .noInput
        case .badData: return .dataErr
        case .cannotWrite: return .cantCreate
        case .internalError: return .software
        case .tryAgain: return .tempFail
        case .unavailable: return .unavailable
        }
    }

    /// `exit` as the process's status.
    public var exitCode: Int32 { exit.rawValue }

    /// The message as lines safe for a terminal (diagnostics one per line, with their fixes).
    public var lines: [String] {
        switch self {
        case .badData(let e):
            let errors = e.errors
            return ["\(TerminalText.safe(e.file)): \(errors.count) error\(errors.count == 1 ? "" : "s")"]
                + DiagnosticText.lines(file: e.file, errors)
        default:
            return description.split(separator: "\n", omittingEmptySubsequences: false).map {
                TerminalText.safe(String($0))
            }
        }
    }
}

/// Diagnostics as printed lines: `FILE: error: PATH: MESSAGE`, then `  fix: FIX`,
/// each field escaped (paths hold the case's own keys, messages quote its values).
public enum DiagnosticText {
    public static func lines(file: String, _ ds: [Diagnostic]) -> [String] {
        let f = TerminalText.safe(file)
        return ds.flatMap { d -> [String] in
            let head = "\(f): \(d.severity.rawValue): \(TerminalText.safe(d.path)): \(TerminalText.safe(d.message))"
            return d.fix.isEmpty ? [head] : [head, "  fix: \(TerminalText.safe(d.fix))"]
        }
    }
}

/// Where a case comes from: a file, or standard input (`-` or `/dev/stdin`).
public enum CaseInput: Sendable, Equatable, CustomStringConvertible {
    case file(String)
    case standardInput

    public init(argument: String) {
        self = argument == "-" || argument == "/dev/stdin" ? .standardInput : .file(argument)
    }

    /// How messages name it: the path, or `<stdin>`.
    public var description: String {
        switch self {
        case .file(let p): return p
        case .standardInput: return "<stdin>"
        }
    }

    /// The file behind it (device and inode), if there is one.
    public var identity: FileIdentity? {
        switch self {
        case .file(let p): return FileIdentity(path: p)
        case .standardInput: return FileIdentity(descriptor: 0)
        }
    }
}

/// A file's device and inode: two paths (links, `./x`, symlinks) name the same
/// file exactly when these agree.
public struct FileIdentity: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64

    public init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        self.init(st)
    }

    public init?(descriptor: Int32) {
        var st = stat()
        guard fstat(descriptor, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(st)
    }

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }

    /// Refuses an output that is the case itself: relief never writes over its input.
    public static func refuseOverwriting(_ input: CaseInput, with output: String, option: String) throws(ServiceError) {
        guard let i = input.identity, let o = FileIdentity(path: output), i == o else { return }
        throw .usage(
            "\(option) \(output) is the case \(input) itself; relief never writes over its input, so nothing was"
                + " written: give another file with \(option)")
    }
}

/// Loads a case, mapping failures to service errors.
public enum CaseLoader {
    public static func load(_ path: String) throws(ServiceError) -> (Case, [Diagnostic]) {
        try load(CaseInput(argument: path))
    }

    public static func load(_ input: CaseInput) throws(ServiceError) -> (Case, [Diagnostic]) {
        let c = try checked(input)
        return (c.theCase, c.warnings)
    }

    /// The case as its reader checked it: the planner takes it as it is (see `CheckCount`).
    public static func checked(_ input: CaseInput) throws(ServiceError) -> CheckedCase {
        let data = try InputData.read(input)
        do { return try CaseReader.checked(data: data, file: input.description) } catch { throw .badData(error) }
    }
}

/// Loads a schedule (`relief.schedule/1`), mapping failures to service errors
/// located at `$` with a fix. Each command adds its own checks against a case.
public enum ScheduleLoader {
    public static func load(_ input: CaseInput) throws(ServiceError) -> Schedule {
        let data = try InputData.read(input)
        func refused(_ d: Diagnostic) -> ServiceError {
            .badData(InputError(.schedule, file: input.description, diagnostics: [d]))
        }
        let fix = "give the schedule relief plan wrote"
        let json = try JSONDocument.parse(data, syntaxFix: fix, refuse: refused)
        guard let s = ScheduleReader.read(json) else {
            throw refused(Diagnostic(.error, "$", "not a \(Schedule.format) document", fix: fix))
        }
        return s
    }
}

/// The bytes of a file or of standard input, with the errors a user can act on.
public enum InputData {
    /// Far above any real week (the largest generated case is a few MiB): `/dev/zero`
    /// or an endless pipe is refused instead of filling memory.
    public static let maxBytes = 64 << 20

    static func read(_ input: CaseInput) throws(ServiceError) -> Data {
        let handle: FileHandle
        switch input {
        case .standardInput:
            handle = FileHandle.standardInput
        case .file(let path):
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .noInput("\(path): no such file; check the path")
            }
            guard !isDirectory.boolValue else { throw .noInput("\(path): is a directory; give a file in it") }
            guard FileManager.default.isReadableFile(atPath: path), let h = FileHandle(forReadingAtPath: path) else {
                throw .noInput("\(path): cannot read the file; check its permissions")
            }
            handle = h
        }
        defer { if input != .standardInput { try? handle.close() } }
        var data = Data()
        do {
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                data.append(chunk)
                guard data.count <= maxBytes else {
                    throw ServiceError.badData(
                        InputError(
                            .theCase, file: input.description,
                            diagnostics: [
                                Diagnostic(
                                    .error, "$", "is larger than \(maxBytes >> 20) MiB, far more than a week's case",
                                    fix: "give the case file relief generate or your export wrote")
                            ]))
                }
            }
        } catch let e as ServiceError {
            throw e
        } catch {
            throw .noInput("\(input): cannot read (\(error.localizedDescription))")
        }
        if data.isEmpty && input == .standardInput {
            throw .noInput("<stdin>: standard input is empty; pipe the file into relief or give its path")
        }
        return data
    }
}
