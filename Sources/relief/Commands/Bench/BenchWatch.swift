import Foundation
import ReliefApp

extension Command {
    static let benchWatch = Command(
        name: "bench-watch",
        synopsis: """
            relief bench-watch [--case CASE] [--events N] [--replan incremental|full] [--solve-time-limit SECONDS]
                start the watch daemon on a temporary folder seeded with CASE (default Data/quebec-city-week.json; its now
                held at the week's start, so that nothing is frozen, with --freeze 0), drop N
                events one at a time (default 50: in turn a visit request, a published sitter's absence over one of
                their visits, a published visit's cancellation), each waiting for its committed schedule, and print
                the p50 and p95 of the drop-to-commit latency, per type too, and how many committed schedules end
                below the repaired schedule their incremental re-plan started from (none should)
            """,
        options: [
            .valued("--case", value: "CASE", help: []),  // these in the synopsis only
            .valued("--events", value: "N", help: []),
            .valued("--replan", value: "incremental|full", help: []),
            .valued("--solve-time-limit", value: "SECONDS", help: []),
        ],
        run: { args in
            let r = try WatchBench.request(args, defaultCase: "Data/quebec-city-week.json")
            let result = try WatchBench.run(r) { Console.log("bench-watch: \($0)") }
            Console.out(result.lines)
            return .ok
        })
}

extension WatchBench {
    /// The request of arguments parsed with `relief bench-watch`'s declared options.
    static func request(_ a: ParsedArguments, defaultCase: String) throws(UsageError) -> Request {
        guard a.positionals.count <= 1 else { throw UsageError("give at most one CASE") }
        if a.values["--case"] != nil && !a.positionals.isEmpty {
            throw UsageError("give the case once: --case CASE (or CASE alone)")
        }
        var r = Request(casePath: a.values["--case"] ?? a.positionals.first ?? defaultCase)
        r.incremental = try a.incrementalReplan()
        if let n = try a.count("--events", in: 1...10000) { r.events = n }
        if let t = try a.seconds("--solve-time-limit") { r.solveTimeLimit = t }
        return r
    }
}
