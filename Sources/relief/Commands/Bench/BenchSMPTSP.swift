import Foundation
import ReliefApp

extension Command {
    static let benchSMPTSP = Command(
        name: "bench-smptsp",
        synopsis: """
            relief bench-smptsp DIR [--reference FILE.csv] [--time-limit SECONDS] [-o FILE.md] [--only N]
                run whatif --min-staff on every SMPTSP instance (*.dat) in DIR, smallest first, and write a Markdown
                table: instance, known optimum (from the reference CSV's LB column when its status says optimal),
                relief's count, its lower bound, status and seconds, then the counts.
            """,
        options: [
            .valued("--reference", value: "FILE.csv", help: ["reference_values.csv of the benchmark folder"]),
            .valued("--time-limit", value: "SECONDS", help: ["per instance (default 20)"]),
            .valued("--only", value: "N", help: ["the N smallest instances only"]),
            .valued(
                "-o", "--output", value: "FILE.md",
                help: ["write the table there, atomically (stdout gets one line: the counts)"]),
        ],
        column: 23,
        run: { args in
            Console.write(try BenchSMPTSPService.run(try BenchSMPTSPService.request(args)) { Console.log($0) })
            return .ok
        })
}

extension BenchSMPTSPService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        var r = Request(directory: try a.positionals(["DIR"])[0])
        r.reference = a.values["--reference"]
        r.output = a.values["-o"]
        if let t = try a.seconds("--time-limit") { r.timeLimit = t }
        if let n = try a.count("--only", in: 1...100_000) { r.only = n }
        return r
    }
}
