import Foundation
import ReliefCore
import ReliefPlanning
import ReliefSamples
import ReliefTestSupport
import Testing

@testable import ReliefApp

#if canImport(Glibc)
    import Glibc
#endif

/// `relief bench`: sizes by name, seeds, plain and scarce rows, each case measured in a
/// child of its own, the document `-o` writes; and the child runner's own measurements.
@Suite("relief bench")
struct BenchTests {
    /// Cells of the table's data rows on stdout (header and rule left out).
    static func rows(_ stdout: String) -> [[String]] {
        stdout.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| case ") }.map {
            $0.dropFirst(2).dropLast(2).components(separatedBy: " | ")
        }
    }

    @Test func eachGeneratedCaseIsSolvedInAChildAndMatchesTheSolveInProcess() throws {
        let dir = try ScratchDirectory()
        let out = dir.path("bench.md")
        let args = ["bench", "--sizes", "10x30", "--seeds", "1,2", "--scarce", "--time-limit", "30", "-o", out]
        let r = try Relief.run(args, in: dir.url, timeout: 300)
        #expect(r.status == 0, "\(r)")
        let rows = Self.rows(r.stdout)
        #expect(rows.map { $0[0] } == ["10x30", "10x30 scarce", "10x30", "10x30 scarce"], "\(r)")
        #expect(rows.map { $0[1] } == ["1", "1", "2", "2"], "\(r)")
        #expect(r.stderr.contains("relief: bench: 4/4 10x30 scarce seed 2: optimal"), "\(r)")
        for (row, (seed, scarce)) in zip(rows, [(1, false), (1, true), (2, false), (2, true)]) {
            var o = CaseGenerator.Options()
            o.sitters = 10
            o.visits = 30
            o.seed = UInt64(seed)
            o.scarce = scarce
            let result = try PlanService().solve(CaseGenerator.generate(o), options: PlanOptions())
            // The child solved the very same case: same model, same proven levels.
            #expect(row[4] == "\(result.modelStats.rows)" && row[5] == "\(result.modelStats.columns)", "\(row)")
            #expect(row[6] == "\(result.modelStats.nonZeros)", "\(row)")
            #expect(row[11] == "optimal", "\(row)")
            #expect(row[12] == result.levels.map { "\($0.value)" }.joined(separator: ", "), "\(row)")
            #expect(row[13] == "0.0 %", "\(row)")
            #expect(row[7].components(separatedBy: " / ").count == 4, "seconds of each of levels 1-4: \(row)")
            let peak = try #require(Int(row[14]), "\(row)")
            #expect(peak > 0, "\(row)")
        }
        // The document: the command, the machine, the same rows; private, nothing else left.
        let doc = try String(contentsOfFile: out, encoding: .utf8)
        #expect(doc.contains("Command: `relief \(args.joined(separator: " "))`"), "\(doc)")
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let model = try #require(
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last)
        #expect(
            doc.contains(
                "Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
                    + "\(model.trimmingCharacters(in: .whitespaces)), "), "\(doc)")
        for line in r.stdout.split(separator: "\n") { #expect(doc.contains(line), "\(line)") }
        #expect(!doc.contains("not measured"), "\(doc)")
        #expect(fileMode(out) == 0o600)
        #expect(try dir.contents() == ["bench.md"])
    }

    @Test func aCaseFileIsMeasuredAsGiven() throws {
        let dir = try ScratchDirectory()
        let path = PackageTree.url("Data/tiny/lexicographic.json").path
        let r = try Relief.run(["bench", path, "--time-limit", "20"], in: dir.url, timeout: 120)
        #expect(r.status == 0, "\(r)")
        let rows = Self.rows(r.stdout)
        #expect(rows.count == 1, "\(r)")
        // The case's known optimum (TinyCaseTests): on-call 30, urgent 0, high 1, normal 1.
        #expect(rows.first?[0] == path && rows.first?[1] == "-" && rows.first?[12] == "30, 0, 1, 1", "\(r)")
    }

    @Test func aBadCaseStopsTheBenchBeforeAnythingIsMeasured() throws {
        let dir = try ScratchDirectory()
        let bad = try dir.write("bad.json", "{\"format\": \"relief.case/1\", \"name\": 3}")
        let r = try Relief.run(["bench", bad, "--sizes", "10x30", "-o", dir.path("bench.md")], in: dir.url)
        #expect(r.status == 65, "\(r)")
        #expect(r.stderr.contains("bad.json"), "\(r)")
        #expect(Self.rows(r.stdout).isEmpty, "\(r)")
        #expect(try dir.contents() == ["bad.json"])
    }

    @Test func anOutputThatCannotBeWrittenIsRefusedBeforeAnySolve() throws {
        let dir = try ScratchDirectory()
        try FileManager.default.createDirectory(atPath: dir.path("folder"), withIntermediateDirectories: false)
        for (target, status) in [(dir.path("folder"), Int32(73)), (dir.path("missing/bench.md"), 73)] {
            let r = try Relief.run(["bench", "--sizes", "10x30", "-o", target], in: dir.url)
            #expect(r.status == status, "\(r)")
            #expect(r.stderr.contains(target), "\(r)")
            #expect(Self.rows(r.stdout).isEmpty, "\(r)")
        }
        let casePath = try dir.write("case.json", try PackageTree.smallCase())
        let r = try Relief.run(["bench", casePath, "-o", casePath], in: dir.url)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.contains("relief never writes over its input"), "\(r)")
        #expect(try dir.contents() == ["case.json", "folder"])
    }

    // MARK: - the child runner

    static var python: String? {
        for d in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            if FileManager.default.isExecutableFile(atPath: "\(d)/python3") { return "\(d)/python3" }
        }
        return nil
    }

    @Test(.enabled(if: python != nil, "python3 allocates the memory to measure"))
    func aChildsPeakMemoryIsItsOwn() throws {
        let dir = try ScratchDirectory()
        // It holds the memory a while, so that the parent reads it while it runs.
        let big = try MeasuredChild.run(
            Self.python!, ["-c", "import time; b = b'x' * (160 << 20); time.sleep(1)"], stdout: dir.path("o"),
            stderr: dir.path("e"), deadline: 120
        ).get()
        #expect(big.ending == .exited(0))
        #expect(big.peakKiB >= 160 << 10, "\(big.peakKiB) KiB")
        // A small child reports its own peak, not this process's (ru_maxrss would: the tests hold far more).
        #expect(MeasuredChild.highWaterKiB()! > 32 << 10)
        let small = try MeasuredChild.run(
            "/bin/sleep", ["1"], stdout: dir.path("o"), stderr: dir.path("e"), deadline: 60
        )
        .get()
        #expect(small.ending == .exited(0))
        #expect(small.peakKiB > 0 && small.peakKiB < 32 << 10, "\(small.peakKiB) KiB")
    }

    @Test func howAChildEndedIsTold() throws {
        let dir = try ScratchDirectory()
        func run(_ script: String, deadline: Double = 60) throws -> MeasuredChild.Ending {
            try MeasuredChild.run(
                "/bin/sh", ["-c", script], stdout: dir.path("o"), stderr: dir.path("e"), deadline: deadline
            ).get().ending
        }
        #expect(try run("echo out; echo err >&2; exit 3") == .exited(3))
        #expect(try String(contentsOfFile: dir.path("o"), encoding: .utf8) == "out\n")
        #expect(try String(contentsOfFile: dir.path("e"), encoding: .utf8) == "err\n")
        #expect(try run("kill -SEGV $$") == .signalled(SIGSEGV))
        #expect(try run("exec sleep 60", deadline: 0.2) == .killedAtDeadline)
        let cancelled = try MeasuredChild.run(
            "/bin/sleep", ["60"], stdout: dir.path("o"), stderr: dir.path("e"), deadline: 120, cancelled: { true }
        ).get()
        #expect(cancelled.ending == .cancelled)
    }
}
