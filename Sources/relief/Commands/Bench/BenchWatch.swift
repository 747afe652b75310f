import Foundation
import ReliefApp

extension Command {
    static let benchWatch = Command(
        name: "bench-watch",
        usage: """
            relief bench-watch [CASE] [--events N] [--solve-time-limit SECONDS]
                start the watch daemon on a temporary folder seeded with CASE (default Data/quebec-city-week.json), drop N
                visit.request events one at a time (default 50), each waiting for its new schedule, and print the
                median and p95 of the drop-to-new-schedule latency
            """,
        specs: [WatchBench.spec],
        run: { args in
            let r = try WatchBench.request(args, defaultCase: "Data/quebec-city-week.json")
            let result = try WatchBench.run(r) { Console.log("bench-watch: \($0)") }
            Console.out(result.lines)
            return .ok
        })
}
