import Foundation
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// A child relief starts of itself: the program and its arguments. Every child's command
/// line is written here, and only here, in the words the executable's parser reads
/// (Sources/relief/Commands): the solve child of watch and whatif, bench's measured
/// children, the line each Slurm array task runs, bench-watch's daemon.
struct SelfInvocation: Sendable, Equatable {
    /// The program: this binary (`own`), or a test's stand-in given with `--solver`.
    var executable: String
    var arguments: [String]

    /// The running binary, read once at start (an upgrade that replaces the file later
    /// still runs the same program through /proc/self/exe).
    static func own() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        guard n > 0 else { return CommandLine.arguments.first ?? "relief" }
        let path = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path.hasSuffix(" (deleted)") ? "/proc/self/exe" : path
    }

    /// `relief plan CASE -o OUT --time-limit S --quiet [--least-change]`: one solve of the
    /// daemon or of whatif (`SolveRunner`), by `executable` (this binary, or a stand-in).
    /// `incremental`: the published schedule's path and the ids the change named
    /// (`relief plan --incremental SCHEDULE --around IDS`).
    static func plan(
        _ executable: String, case casePath: String, output: String, timeLimit: Double, leastChange: Bool,
        incremental: (schedule: String, around: [String])? = nil
    ) -> SelfInvocation {
        var args = ["plan", casePath, "-o", output, "--time-limit", String(timeLimit), "--quiet"]
        if leastChange { args.append("--least-change") }
        if let inc = incremental {
            args += ["--incremental", inc.schedule]
            if !inc.around.isEmpty { args += ["--around", inc.around.joined(separator: ",")] }
        }
        return SelfInvocation(executable: executable, arguments: args)
    }

    /// `relief bench --solve-one CASE --time-limit S`: one row of bench, measured in a child of its own.
    static func benchSolveOne(_ executable: String, case casePath: String, timeLimit: Double) -> SelfInvocation {
        SelfInvocation(
            executable: executable, arguments: ["bench", "--solve-one", casePath, "--time-limit", String(timeLimit)])
    }

    /// `relief whatif --task TASK --time-limit S [--solver X]`: what a Slurm array task runs,
    /// `relief` being this binary; `--solver` when the solves are a stand-in's (`solver`).
    static func whatIfTask(_ relief: String, task: String, timeLimit: Double, solver: String) -> SelfInvocation {
        var args = ["whatif", "--task", task, "--time-limit", String(timeLimit)]
        if solver != relief { args += ["--solver", solver] }
        return SelfInvocation(executable: relief, arguments: args)
    }

    /// `relief watch DIR --case CASE --solve-time-limit S --freeze 0 --replan MODE [--now TIME]`:
    /// the daemon bench-watch measures, its now held at `now` (the case's local time) so that
    /// a week in the past is not frozen whole.
    static func watch(
        state: String, seedCase: String, solveTimeLimit: Double, incremental: Bool, now: String? = nil
    ) -> SelfInvocation {
        SelfInvocation(
            executable: own(),
            arguments: [
                "watch", state, "--case", seedCase, "--solve-time-limit", String(solveTimeLimit), "--freeze", "0",
                "--replan", incremental ? "incremental" : "full",
            ] + (now.map { ["--now", $0] } ?? []))
    }

    /// A `Process` that runs it (its streams and termination are the caller's).
    func process() -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        return p
    }

    /// The program and its arguments as `sh` words, each single-quoted.
    var shellWords: [String] {
        ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    }
}
