import Foundation
import ReliefApp

extension Command {
    static let bench = Command(
        name: "bench",
        synopsis: """
            relief bench [CASE ...] [--sizes S,M,L,XL | --sizes 35x250,60x300] [--seeds 1,2,3 | --seed N] [--scarce]
                         [--time-limit SECONDS] [-o FILE.md]
                model size, seconds per level, proven gap and peak memory of each case, as a Markdown table on
                stdout. Each case is solved by a child process of its own, so that its peak memory is its own.
            """,
        options: [
            .valued(
                "--sizes", value: "LIST",
                help: [
                    "generated cases: S (35x250), M (120x800), L (400x3000), XL (1000x10000) or",
                    "SITTERSxVISITS (default 35x250,60x300,140x1000 when no CASE is given;",
                    "with CASE files, only when --sizes is given)",
                ]),
            .valued(
                "--seeds", value: "LIST",
                help: ["the generator's seeds, each size with each (default 1); --seed N for one"]),
            .valued("--seed", value: "N", help: []),  // in the synopsis and under --seeds
            .flag(
                "--scarce",
                help: ["each generated case also in its scarce variant (generate --scarcity), a second row"]),
            .valued(
                "--time-limit", value: "SECONDS",
                help: [
                    "per solve (default 60); a child still running at twice that plus 30 s",
                    "is killed and its row says so",
                ]),
            .valued(
                "-o", "--output", value: "FILE",
                help: [
                    "also write the table, with the command and the machine (cores, CPU,",
                    "memory, load), as a Markdown document, atomically after every row",
                ]),
            .valued("--solve-one", value: "CASE", help: [], hidden: true),  // the child process of each row
        ],
        column: 23,
        notes: """
                SIGTERM, SIGINT or SIGHUP stops the running solve and the bench; the rows measured stay (exit 75).
            """,
        run: { args, given in
            if args.values["--solve-one"] != nil {  // one case, in the child process bench starts for it
                Console.write(try BenchService.solveOne(args))
                return .ok
            }
            let r = try BenchService.request(args, arguments: given)
            let signals = StopSignals(notice: { sig in
                Console.log("\(StopSignals.name(sig)): stopping the bench; the rows measured so far are kept")
            })
            defer { signals.uninstall() }
            Console.out(BenchService.header)
            _ = try BenchService.bench(r, cancellation: signals.token, progress: { Console.log($0) }) {
                // Written at once (Console does not buffer): a row may come minutes after the one before.
                Console.out($0.markdown)
            }
            return signals.received == nil ? .ok : .tempFail
        })
}
