import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

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
