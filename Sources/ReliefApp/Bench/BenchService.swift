import Foundation
import LinearProgramming
import ReliefCore
import ReliefPlanning
import ReliefRender
import ReliefSamples

#if canImport(Glibc)
    import Glibc
#endif

/// `relief bench`: model sizes, seconds per level, proven gap and peak memory on case
/// files and on generated cases (named sizes, several seeds, plain and scarce), as a
/// Markdown table on stdout and, with `-o`, as a document naming the command and the
/// machine. Each case is solved by a child process of its own (`relief bench --solve-one`),
/// so that its peak memory (its VmHWM, see `MeasuredChild`) is that case's alone, and a case
/// that crashes or runs past its deadline is a row, not the end of the run.
public enum BenchService {
    /// A generated size: `S`, `M`, `L`, `XL`, or sitters x visits.
    public struct Size: Sendable, Equatable {
        public var name: String?
        public var sitters: Int
        public var visits: Int
        public var label: String { name ?? "\(sitters)x\(visits)" }

        public init(name: String? = nil, sitters: Int, visits: Int) {
            self.name = name
            self.sitters = sitters
            self.visits = visits
        }
    }

    /// The named sizes: the bundled week's size, then about 3.5, 12 and 40 times its visits.
    public static let namedSizes: [Size] = [
        Size(name: "S", sitters: 35, visits: 250), Size(name: "M", sitters: 120, visits: 800),
        Size(name: "L", sitters: 400, visits: 3000), Size(name: "XL", sitters: 1000, visits: 10_000),
    ]

    public struct Request: Sendable {
        public var inputs: [CaseInput] = []
        public var sizes: [Size] = [
            Size(sitters: 35, visits: 250), Size(sitters: 60, visits: 300), Size(sitters: 140, visits: 1000),
        ]
        /// Whether `--sizes` was given (then generated cases are measured beside the files).
        public var sizesGiven = false
        public var seeds: [UInt64] = [1]
        /// Each generated size and seed twice: plain, then `generate --scarcity`.
        public var scarce = false
        /// Per solve.
        public var timeLimit: Double = 60
        /// The Markdown document, written atomically after every row.
        public var output: String?
        /// The command line as given, for the document.
        public var arguments: [String] = []

        public init() {}
    }

    /// One case to measure: a file given, or a generated size, seed and variant.
    struct Job {
        var label: String
        var seed: UInt64?
        var input: CaseInput?
        var generate: CaseGenerator.Options?
        var sitters: Int
        var visits: Int
    }

    /// A child still running this many seconds after its time limit is killed (and its row
    /// says so): time limit x 2 + 30 s covers reading the case, building the model, level 5
    /// and verifying; a case that needs more is too big for this limit.
    static func deadline(_ timeLimit: Double) -> Double { timeLimit * 2 + 30 }

    /// Measures every case in turn; `row` sees each row as soon as it is measured, `progress`
    /// gets a line per case (ids and numbers only). With `output`, the document is written
    /// (atomically) after every row, so that a long run keeps what it measured.
    public static func bench(
        _ r: Request, cancellation: CancellationToken? = nil, progress: (String) -> Void = { _ in },
        row: (BenchRow) -> Void = { _ in }
    ) throws(ServiceError) -> [BenchRow] {
        var jobs: [Job] = []
        var stdinCase: Case?
        for input in r.inputs {
            if let out = r.output { try FileIdentity.refuseOverwriting(input, with: out, option: "-o") }
            // Read now: a bad file stops the run before anything is measured.
            let c = try CaseLoader.load(input).0
            if input == .standardInput { stdinCase = c }
            jobs.append(
                Job(label: input.description, input: input, sitters: c.sitters.count, visits: c.visits.count))
        }
        if r.inputs.isEmpty || r.sizesGiven {
            for size in r.sizes {
                for seed in r.seeds {
                    for scarce in r.scarce ? [false, true] : [false] {
                        var o = CaseGenerator.Options()
                        o.sitters = size.sitters
                        o.visits = size.visits
                        o.seed = seed
                        o.scarce = scarce
                        jobs.append(
                            Job(
                                label: size.label + (scarce ? " scarce" : ""), seed: seed, generate: o,
                                sitters: size.sitters, visits: size.visits))
                    }
                }
            }
        }
        let machine = Machine.current()
        let dir = try WhatIfRunner.privateDirectory(prefix: "relief-bench")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let executable = SelfInvocation.own()
        var rows: [BenchRow] = []
        func document(done: Bool) -> String {
            BenchService.document(
                rows, request: r, machine: machine, loadAtEnd: done ? Machine.loadAverage() : nil,
                pending: jobs.count - rows.count)
        }
        // Written before the first solve: a file that cannot be written is known at once (73).
        if let o = r.output { try AtomicFile.write(document(done: false), to: o) }
        for (i, job) in jobs.enumerated() {
            if cancellation?.isCancelled == true { break }
            var path: String
            switch job.input {
            case .file(let p)?: path = p
            default:
                path = "\(dir)/case.json"
                guard let c = job.generate.map(CaseGenerator.generate) ?? stdinCase else { continue }
                try AtomicFile.write(CaseWriter.json(c).serialized(), to: path)
            }
            let out = "\(dir)/stats.json"
            let log = "\(dir)/log.txt"
            let child = SelfInvocation.benchSolveOne(executable, case: path, timeLimit: r.timeLimit)
            let finished = MeasuredChild.run(
                child.executable, child.arguments, stdout: out, stderr: log, deadline: deadline(r.timeLimit),
                cancelled: { cancellation?.isCancelled == true })
            var b = BenchRow(
                label: job.label, seed: job.seed, sitters: job.sitters, visits: job.visits, stats: nil,
                outcome: "", wallSeconds: 0, peakRSSMiB: 0)
            switch finished {
            case .failure(let e): throw e
            case .success(let f):
                if f.ending == .cancelled { break }
                b.wallSeconds = f.seconds
                var peakKiB = f.peakKiB
                switch f.ending {
                case .exited(0):
                    if let d = FileManager.default.contents(atPath: out), let j = try? JSONParser.parse(d),
                        let s = SolveStats(json: j)
                    {
                        b.stats = s
                        if case .number(let own)? = j["peakKiB"], own.isFinite { peakKiB = max(peakKiB, Int(own)) }
                    } else {
                        b.outcome = "error: no measurements from the child"
                    }
                case .exited(let st):
                    b.outcome = "error: exit \(st)" + (WhatIfRunner.lastLine(of: log).map { " (\($0))" } ?? "")
                case .signalled(let sig): b.outcome = "crashed (signal \(sig))"
                case .killedAtDeadline: b.outcome = "killed at \(Int(deadline(r.timeLimit))) s"
                case .cancelled: break
                }
                b.peakRSSMiB = (peakKiB + 512) / 1024
            }
            if cancellation?.isCancelled == true { break }
            rows.append(b)
            row(b)
            progress(
                "bench: \(i + 1)/\(jobs.count) \(TerminalText.safe(job.label))\(job.seed.map { " seed \($0)" } ?? ""): "
                    + "\(b.stats?.status ?? b.outcome), \(String(format: "%.1f", b.wallSeconds)) s, \(b.peakRSSMiB) MiB"
            )
            if let o = r.output { try AtomicFile.write(document(done: i + 1 == jobs.count), to: o) }
        }
        if let o = r.output, rows.count < jobs.count { try AtomicFile.write(document(done: true), to: o) }
        return rows
    }

    /// `relief bench --solve-one CASE --time-limit S`: what each child runs. Solves the case in
    /// this process (with `timeLimit`, else the planner's default) and returns its measurements
    /// as JSON (for stdout).
    public static func solveOne(_ input: CaseInput, timeLimit: Double?) throws -> String {
        var options = PlanOptions()
        if let t = timeLimit { options.timeLimit = t }
        let c = try CaseLoader.checked(input)
        let result = try PlanService().solve(c, options: options, file: input.description)
        guard case .object(let members) = SolveStats(result, levels: options.levels).json else { return "" }
        // Its own high-water mark, read at the very end: the parent's reading may miss the last milliseconds.
        let peak = MeasuredChild.highWaterKiB() ?? 0
        return JSONValue.object([("peakKiB", .number(Double(peak)))] + members).serialized()
    }

    public static let header = [
        "| case | seed | sitters | visits | rows | columns | non-zeros | each level (s) | quality (s) "
            + "| solve (s) | wall (s) | status | levels (bound when not proven) | gap | peak RSS (MiB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    /// The whole table.
    public static func table(_ rows: [BenchRow]) -> String { (header + rows.map(\.markdown)).joined(separator: "\n") }

    /// The file `-o` writes: the command, the machine, what the columns mean, the table.
    static func document(
        _ rows: [BenchRow], request r: Request, machine: Machine, loadAtEnd: String?, pending: Int
    ) -> String {
        let command = (["relief", "bench"] + r.arguments).map(shellWord).joined(separator: " ")
        var lines = [
            "# relief bench", "",
            "Command: `\(command)` (relief \(ReliefVersion.current), \(GLPKSolver().name), \(buildKind) build)", "",
            "Machine: \(machine.cores) cores, \(machine.cpu), \(machine.memory) memory; load average "
                + "\(machine.loadAtStart) at the start\(loadAtEnd.map { ", \($0) at the end" } ?? ""); "
                + "measured \(machine.date).", "",
            "Sizes: "
                + namedSizes.map { "\($0.name!) = \($0.sitters) sitters x \($0.visits) visits" }.joined(
                    separator: ", ")
                + ". `scarce` is `relief generate --scarcity` with the same seed: the same visits, each sitter "
                + "keeping each visit competency with probability 1/2 and weekly limits cut so that all sitters "
                + "together may work at most half the visit hours asked.", "",
            "Each case is solved by a child process (`relief plan`'s solve and verification, time limit "
                + "\(String(format: "%g", r.timeLimit)) s per solve, killed at "
                + "\(String(format: "%g", deadline(r.timeLimit))) s). Each level: seconds of each stage "
                + "(on-call minutes, urgent, high, normal slots, and the fair share where the case places it, in "
                + "its order); quality: the last level. Solve: the planner's own clock "
                + "(index, model, every level). Wall: the child's whole life (reading the case, solving, "
                + "verifying). Gap: of the first level not proven. Peak RSS: the child's high-water mark "
                + "(VmHWM; a killed child's as last read before the kill).", "",
        ]
        lines += header + rows.map(\.markdown)
        if pending > 0 {
            lines += ["", "(\(pending) case\(pending == 1 ? "" : "s") not measured: still running, or stopped)"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    #if DEBUG
        static let buildKind = "debug"
    #else
        static let buildKind = "release"
    #endif

    /// A word as a shell would need it (for the command line written in the document).
    static func shellWord(_ s: String) -> String {
        let plain = s.allSatisfy { $0.isLetter || $0.isNumber || "-_./,=:+@%".contains($0) }
        let safe = TerminalText.safe(s).replacingOccurrences(of: "`", with: "'")
        return plain && !s.isEmpty ? safe : "'" + safe.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// One row of `relief bench`.
public struct BenchRow: Sendable {
    public var label: String
    public var seed: UInt64?
    public var sitters: Int
    public var visits: Int
    /// What the child measured; nil when it failed, crashed or was killed (`outcome` says which).
    public var stats: SolveStats?
    public var outcome: String
    public var wallSeconds: Double
    public var peakRSSMiB: Int

    public var markdown: String {
        func cell(_ s: String) -> String { TerminalText.safe(s).replacingOccurrences(of: "|", with: "\\|") }
        func seconds(_ s: Double) -> String { String(format: "%.2f", s) }
        var cells = [cell(label), seed.map(String.init) ?? "-", "\(sitters)", "\(visits)"]
        if let s = stats {
            let levels = s.levels.map { $0.proven ? "\($0.value)" : "\($0.value) (≤ \($0.bound))" }
            cells += [
                "\(s.model.rows)", "\(s.model.columns)", "\(s.model.nonZeros)",
                s.levels.map { seconds($0.seconds) }.joined(separator: " / "), seconds(s.qualitySeconds),
                seconds(s.seconds), seconds(wallSeconds),
                s.status + (s.stoppedBy.map { " (\(cell($0)))" } ?? ""), levels.joined(separator: ", "),
                String(format: "%.1f %%", s.gap * 100), "\(peakRSSMiB)",
            ]
        } else {
            cells += ["-", "-", "-", "-", "-", "-", seconds(wallSeconds), cell(outcome), "-", "-", "\(peakRSSMiB)"]
        }
        return "| " + cells.joined(separator: " | ") + " |"
    }
}

/// The machine a bench ran on, as the document states it.
struct Machine {
    var cores: Int
    var cpu: String
    var memory: String
    var loadAtStart: String
    var date: String

    static func current() -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let kib = meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ").dropFirst().first }.flatMap { Int($0) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return Machine(
            cores: ProcessInfo.processInfo.activeProcessorCount, cpu: TerminalText.safe(model),
            memory: kib.map { String(format: "%.1f GiB", Double($0) / 1_048_576) } ?? "unknown",
            loadAtStart: loadAverage() ?? "unknown", date: formatter.string(from: Date()))
    }

    /// The 1-minute load average (/proc/loadavg): how busy the cores were besides the bench.
    static func loadAverage() -> String? {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init)
    }
}
