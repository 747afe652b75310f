import Foundation
import ReliefService

extension Command {
    static let benchSMPTSP = Command(
        name: "bench-smptsp",
        usage: """
            relief bench-smptsp DIR [--reference FILE.csv] [--time-limit SECONDS] [-o FILE.md] [--only N]
                run whatif --min-staff on every SMPTSP instance (*.dat) in DIR, smallest first, and write a Markdown
                table: instance, known optimum (from the reference CSV's LB column when its status says optimal),
                relief's count, its lower bound, status and seconds, then the counts.
                --reference FILE.csv   reference_values.csv of the benchmark folder
                --time-limit SECONDS   per instance (default 20)
                --only N               the N smallest instances only
            """,
        run: { args in
            Console.write(try BenchSMPTSPService.run(try BenchSMPTSPService.request(args)) { Console.log($0) })
            return .ok
        })
}
