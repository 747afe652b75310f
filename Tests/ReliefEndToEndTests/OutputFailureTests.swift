import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// stdout and stderr that cannot be written (a full disk, a pipe nobody reads): the
/// lines are lost, the work is not. relief used to trap (exit 132) at its first line on
/// a full stderr, and die of SIGPIPE at its first line on a closed pipe.
@Suite("relief with unwritable stdout or stderr")
struct OutputFailureTests {
    /// How a run ended: its exit status, or the signal that ended it.
    struct Ending: Equatable, CustomStringConvertible {
        var status: Int32
        var signal: Int32?
        var description: String { signal.map { "killed by signal \($0)" } ?? "exit \(status)" }
    }

    /// Runs `relief args...` with stdout and stderr on the given handles.
    static func run(
        _ args: [String], in dir: URL, stdout: FileHandle, stderr: FileHandle, timeout: Double = 120
    ) throws -> Ending {
        let p = try start(args, in: dir, stdout: stdout, stderr: stderr)
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            Issue.record("relief \(args.joined(separator: " ")) ran longer than \(timeout) s")
        }
        p.waitUntilExit()
        return ending(p)
    }

    static func start(_ args: [String], in dir: URL, stdout: FileHandle, stderr: FileHandle) throws -> Process {
        let exe = try #require(Relief.executable, "the relief executable was not found beside the tests")
        let p = Process()
        p.executableURL = exe
        p.arguments = args
        p.currentDirectoryURL = dir
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = stdout
        p.standardError = stderr
        try p.run()
        return p
    }

    static func ending(_ p: Process) -> Ending {
        Ending(status: p.terminationStatus, signal: p.terminationReason == .uncaughtSignal ? p.terminationStatus : nil)
    }

    /// /dev/full: every write fails with ENOSPC, as on a full disk.
    static func full() throws -> FileHandle {
        try #require(FileHandle(forWritingAtPath: "/dev/full"), "/dev/full is missing")
    }

    /// The write end of a pipe whose read end is already closed (every write: EPIPE, and
    /// SIGPIPE unless ignored). The read end is closed before relief starts: it holds no reader.
    static func closedPipe() throws -> FileHandle {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        close(fds[0])
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        return FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
    }

    static var week: String { PackageTree.url("Data/quebec-city-week.json").path }

    @Test func planWritesItsScheduleWhenStderrIsFull() throws {
        let dir = try ScratchDirectory()
        let out = dir.path("week.schedule.json")
        _ = FileManager.default.createFile(atPath: dir.path("stdout"), contents: nil)
        let stdout = try FileHandle(forWritingTo: dir.url.appendingPathComponent("stdout"))
        let r = try Self.run(
            ["plan", Self.week, "-o", out, "--time-limit", "20", "--lang", "en"], in: dir.url, stdout: stdout,
            stderr: try Self.full())
        #expect(r == Ending(status: 0, signal: nil), "\(r)")
        #expect(FileManager.default.fileExists(atPath: out))
        let summary = try String(contentsOfFile: dir.path("stdout"), encoding: .utf8)
        #expect(summary.contains("schedule written to \(out)"), "\(summary)")
    }

    @Test func aMissingCaseIsStillExit66WhenStderrIsFull() throws {
        let dir = try ScratchDirectory()
        let r = try Self.run(
            ["validate", dir.path("nonexistent.json")], in: dir.url, stdout: FileHandle.nullDevice,
            stderr: try Self.full())
        #expect(r == Ending(status: 66, signal: nil), "\(r)")
    }

    /// `relief plan CASE 2>&1 | head -1`: the reader is gone after one line; the schedule is still written.
    @Test func planWritesItsScheduleWhenNobodyReadsItsOutput() throws {
        let dir = try ScratchDirectory()
        let out = dir.path("week.schedule.json")
        let pipe = try Self.closedPipe()
        let r = try Self.run(
            ["plan", Self.week, "-o", out, "--time-limit", "20"], in: dir.url, stdout: pipe, stderr: pipe)
        #expect(r == Ending(status: 0, signal: nil), "\(r)")
        #expect(FileManager.default.fileExists(atPath: out))
    }

    /// stdout a non-blocking pipe (O_NONBLOCK belongs to the pipe, so a caller's flag reaches
    /// relief) that fills before anyone reads: the case comes out whole, not cut at 64 KiB.
    @Test func generateWaitsForASlowReaderOnANonBlockingPipe() throws {
        let dir = try ScratchDirectory()
        let args = ["generate", "--sitters", "60", "--visits", "600", "--seed", "3"]
        let whole = try Relief.run(args + ["-o", dir.path("case.json")], in: dir.url)
        try #require(whole.status == 0, "\(whole)")
        let expected = try #require(FileManager.default.contents(atPath: dir.path("case.json")))
        try #require(expected.count > 2 * 65_536, "the case must overflow a pipe: \(expected.count) bytes")
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        // Close-on-exec both: no other test's child may hold the pipe open (relief gets its end as stdout).
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        let reader = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        let writer = FileHandle(fileDescriptor: fds[1], closeOnDealloc: false)
        let p = try Self.start(args, in: dir.url, stdout: writer, stderr: FileHandle.nullDevice)
        close(fds[1])
        usleep(500_000)  // let the pipe fill: relief's write meets EAGAIN
        let got = reader.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(Self.ending(p) == Ending(status: 0, signal: nil), "\(Self.ending(p))")
        #expect(got.count == expected.count)
        #expect(got == expected)
    }

    /// bench writes its table to stdout row by row; a full stdout loses the table, not the run.
    @Test func benchRunsToTheEndWhenStdoutIsFull() throws {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", try PackageTree.smallCase())
        let r = try Self.run(
            ["bench", c, "--time-limit", "5", "-o", dir.path("bench.md")], in: dir.url, stdout: try Self.full(),
            stderr: FileHandle.nullDevice)
        #expect(r == Ending(status: 0, signal: nil), "\(r)")
        let doc = try String(contentsOfFile: dir.path("bench.md"), encoding: .utf8)
        #expect(doc.contains("case.json"), "\(doc)")
    }

    /// The daemon logs every step on stderr: on a full disk it keeps watching, and stops cleanly.
    @Test func watchKeepsRunningWhenItsLogIsFull() throws {
        let f = try WatchTests.Folder()
        let p = try Self.start(
            ["watch", f.dir, "--case", f.casePath, "--now", "2026-11-20T00:00", "--rescan", "1"], in: f.scratch.url,
            stdout: FileHandle.nullDevice, stderr: try Self.full())
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(60)
        while p.isRunning && !FileManager.default.fileExists(atPath: f.path("schedule.json")) && Date() < deadline {
            usleep(10_000)
        }
        #expect(p.isRunning, "the daemon ended: \(Self.ending(p))")
        #expect(FileManager.default.fileExists(atPath: f.path("schedule.json")))
        try f.drop("e1.json", WatchTests.request("e1", visit: "VX1"))
        let applied = Date().addingTimeInterval(60)
        while p.isRunning && f.names("archive").isEmpty && Date() < applied { usleep(10_000) }
        #expect(f.names("archive") == ["e1.json"])
        kill(p.processIdentifier, SIGTERM)
        let stopped = Date().addingTimeInterval(30)
        while p.isRunning && Date() < stopped { usleep(10_000) }
        p.waitUntilExit()
        #expect(Self.ending(p) == Ending(status: 0, signal: nil), "\(Self.ending(p))")
    }
}
