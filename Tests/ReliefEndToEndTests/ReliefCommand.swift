import Foundation
import ReliefCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The package's own tree, found from this file (never from outside the package).
enum PackageTree {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The small valid case shared with the ReliefCore tests.
    static func smallCase() throws -> JSONValue {
        try JSONParser.parse(Data(contentsOf: url("Tests/ReliefCoreTests/Fixtures/small-case.json")))
    }
}

/// What a run of the `relief` executable did.
struct CommandResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    /// The signal that ended it, if one did (then `status` is that signal's number).
    var killedBy: Int32? = nil
    var description: String {
        "\(killedBy.map { "killed by signal \($0)" } ?? "exit \(status)")\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
    }
}

/// Runs the built `relief` binary, the one SwiftPM built beside this test bundle.
enum Relief {
    static let executable: URL? = {
        let fm = FileManager.default
        var dirs: [URL] = []
        if let first = CommandLine.arguments.first {
            let cwd = URL(fileURLWithPath: fm.currentDirectoryPath)
            dirs.append(URL(fileURLWithPath: first, relativeTo: cwd).standardizedFileURL.deletingLastPathComponent())
        }
        if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
        dirs.append(Bundle.main.bundleURL.deletingLastPathComponent())
        dirs.append(PackageTree.url(".build/debug"))
        for d in dirs {
            let candidate = d.appendingPathComponent("relief")
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: candidate.path, isDirectory: &isDir), !isDir.boolValue,
                fm.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        return nil
    }()

    /// Runs `relief args...` in `directory`, killing it after `timeout` seconds;
    /// `stdin` is what it reads on standard input, or `stdinFile` a file opened as its
    /// standard input (nothing by default).
    static func run(
        _ args: [String], in directory: URL, timeout: Double = 120, stdin: String? = nil, stdinFile: String? = nil
    ) throws -> CommandResult {
        let running = try start(args, in: directory, stdin: stdin, stdinFile: stdinFile)
        return try running.wait(timeout: timeout)
    }

    /// Starts `relief args...` in `directory` and returns at once; `environment` adds to
    /// (or replaces in) the tests' own environment. With `unblockedSignals` relief starts with
    /// no signal blocked, as from a shell: the test runner's threads block most signals and a
    /// child inherits that mask, which turns a signal relief does not handle into one that
    /// never arrives rather than one that ends it.
    static func start(
        _ args: [String], in directory: URL, stdin: String? = nil, stdinFile: String? = nil,
        environment: [String: String] = [:], unblockedSignals: Bool = false
    ) throws -> RunningRelief {
        let exe = try #require(executable, "the relief executable was not found beside the tests")
        let r = RunningRelief(
            args: args, stdout: directory.appendingPathComponent(".stdout-\(UUID().uuidString)"),
            stderr: directory.appendingPathComponent(".stderr-\(UUID().uuidString)"))
        _ = FileManager.default.createFile(atPath: r.stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: r.stderr.path, contents: nil)
        let p = r.process
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = directory
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        p.standardOutput = try FileHandle(forWritingTo: r.stdout)
        p.standardError = try FileHandle(forWritingTo: r.stderr)
        if let stdinFile {
            p.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: stdinFile))
        } else if let stdin {
            let input = directory.appendingPathComponent(".stdin-\(UUID().uuidString)")
            try Data(stdin.utf8).write(to: input)
            p.standardInput = try FileHandle(forReadingFrom: input)
            try FileManager.default.removeItem(at: input)
        } else {
            p.standardInput = FileHandle.nullDevice
        }
        if unblockedSignals {
            // Process spawns on the calling thread, so the child inherits this thread's mask.
            var none = sigset_t()
            var saved = sigset_t()
            sigemptyset(&none)
            pthread_sigmask(SIG_SETMASK, &none, &saved)
            defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
            try p.run()
        } else {
            try p.run()
        }
        return r
    }
}

/// A `relief` process started by `Relief.start`, its output going to files.
final class RunningRelief {
    let process = Process()
    let args: [String]
    let stdout: URL
    let stderr: URL

    init(args: [String], stdout: URL, stderr: URL) {
        self.args = args
        self.stdout = stdout
        self.stderr = stderr
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: stdout)
        try? FileManager.default.removeItem(at: stderr)
    }

    /// What it has written on stderr so far.
    var stderrSoFar: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

    /// Waits until `condition` holds or `timeout` seconds pass; whether it held.
    func wait(until condition: () -> Bool, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() && Date() < deadline { usleep(5_000) }
        return condition()
    }

    /// Waits for the end (killing it after `timeout` seconds) and collects the output.
    func wait(timeout: Double = 120) throws -> CommandResult {
        if !wait(until: { !process.isRunning }, timeout: timeout) {
            process.terminate()
            process.waitUntilExit()
            Issue.record("relief \(args.joined(separator: " ")) ran longer than \(timeout) s")
        }
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, stdout: try String(contentsOf: stdout, encoding: .utf8),
            stderr: try String(contentsOf: stderr, encoding: .utf8),
            killedBy: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
    }
}

/// A fresh directory that disappears with the test.
final class ScratchDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("relief-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit {
        // Give back write permission first, in case a test took it away.
        chmod(url.path, 0o700)
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ v: JSONValue) throws -> String {
        try write(name, v.serialized())
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let p = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Names in the directory, hidden files included.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).filter {
            !$0.hasPrefix(".stdout-") && !$0.hasPrefix(".stderr-")
        }.sorted()
    }
}

/// Permission bits of a file.
func fileMode(_ path: String) -> mode_t? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return st.st_mode & 0o7777
}

extension JSONValue {
    /// The members of an object, else nil (for `try #require`).
    var members: [(String, JSONValue)]? {
        if case .object(let m) = self { return m }
        return nil
    }

    /// The elements of an array, else nil (for `try #require`).
    var elements: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// A number, else nil (for `try #require`).
    var number: Double? {
        if case .number(let d) = self { return d }
        return nil
    }

    /// A copy with `value` at a simple path such as `visits[2].end` (`$.` optional);
    /// a missing last key is added, a `nil` value removes the member.
    func setting(_ path: String, to value: JSONValue?) -> JSONValue {
        var steps: [Either] = []
        var s = Substring(path.hasPrefix("$") ? String(path.dropFirst()) : path)
        while let c = s.first {
            if c == "." { s = s.dropFirst() }
            if s.first == "[" {
                let close = s.firstIndex(of: "]")!
                steps.append(.index(Int(s[s.index(after: s.startIndex)..<close])!))
                s = s[s.index(after: close)...]
            } else {
                let end = s.firstIndex { $0 == "." || $0 == "[" } ?? s.endIndex
                steps.append(.key(String(s[..<end])))
                s = s[end...]
            }
        }
        return replacing(steps[...], value)
    }

    private enum Either {
        case key(String)
        case index(Int)
    }

    private func replacing(_ steps: ArraySlice<Either>, _ value: JSONValue?) -> JSONValue {
        guard let step = steps.first else { return value ?? .null }
        let rest = steps.dropFirst()
        switch (self, step) {
        case (.object(var m), .key(let k)):
            if let i = m.firstIndex(where: { $0.0 == k }) {
                if rest.isEmpty && value == nil { m.remove(at: i) } else { m[i].1 = m[i].1.replacing(rest, value) }
            } else if let value {
                m.append((k, value))
            }
            return .object(m)
        case (.array(var a), .index(let i)):
            if i == a.count, let value {
                a.append(value)
            } else if rest.isEmpty && value == nil {
                a.remove(at: i)
            } else {
                a[i] = a[i].replacing(rest, value)
            }
            return .array(a)
        default:
            preconditionFailure("\(step) does not fit \(typeName)")
        }
    }

    static func json(_ text: String) -> JSONValue { try! JSONParser.parse(text) }
}
