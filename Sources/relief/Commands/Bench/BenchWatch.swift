import Foundation
import ReliefApp

extension Command {
    static let benchWatch = Command(
        name: "bench-watch",
        synopsis: """
            relief bench-watch [CASE] [--events N] [--solve-time-limit SECONDS]
                start the watch daemon on a temporary folder seeded with CASE (default Data/quebec-city-week.json), drop N
                visit.request events one at a time (default 50), each waiting for its new schedule, and print the
                median and p95 of the drop-to-new-schedule latency
            """,
        options: [
            .valued("--events", value: "N", help: []),  // these in the synopsis only
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
        var r = Request(casePath: a.positionals.first ?? defaultCase)
        if let n = try a.count("--events", in: 1...10000) { r.events = n }
        if let t = try a.seconds("--solve-time-limit") { r.solveTimeLimit = t }
        return r
    }
}
