import Foundation
import ReliefApp
import ReliefCore
import ReliefRender

extension Command {
    static let plan = Command(
        name: "plan",
        synopsis: """
            relief plan CASE [-o SCHEDULE.json] [--time-limit SECONDS] [--least-change]
                       [--incremental SCHEDULE [--around ID,...]] [--quiet | --verbose] [--dump-mps DIR] [--lang fr|en]
                solve a case (a file, or - for standard input) and write the schedule atomically; print a summary.
                Exit 0 when a schedule is written, whatever is unfilled.
            """,
        options: [
            .valued(
                "-o", "--output", value: "FILE",
                help: [
                    "the schedule (default: CASE with .schedule.json; required when CASE is -);",
                    "a character device or FIFO is written through, never replaced",
                ]),
            .valued("--time-limit", value: "SECONDS", help: ["wall-clock budget of the solve (default 60)"]),
            .flag(
                "--least-change",
                help: ["after levels 1-4, keep as many published assignments (assigned) as possible"]),
            .valued(
                "--incremental", value: "SCHEDULE",
                help: [
                    "re-plan from this published schedule (implies --least-change): repair it, then",
                    "improve around what changed, everything else held (the daemon's re-plan)",
                ]),
            .valued(
                "--around", value: "ID,...",
                help: ["with --incremental: visits, on-call shifts or sitters the change touched"]),
            .flag("-q", "--quiet", key: "--quiet", help: ["no progress lines on stderr"]),
            .flag("--verbose", help: ["more progress lines (column-generation timings)"]),
            .valued(
                "--dump-mps", value: "DIR",
                help: ["write each level's model as DIR/stageK.mps, to cross-check other solvers"]),
            .valued("--lang", value: "fr|en", help: ["the summary's language (default fr)"]),
        ],
        column: 25,
        notes: """
                SIGTERM, SIGINT or SIGHUP stops the solve and writes the best schedule found so far; a second one
                stops relief at once and writes nothing. (Under nohup, SIGHUP stays ignored.)
            """,
        run: { args in
            var request = try PlanRequest(args)
            if !request.quiet { request.options.progress = { Console.log($0) } }
            let signals = StopSignals(notice: { sig in
                Console.log(
                    "\(StopSignals.name(sig)): stopping the solve; the best schedule found so far will be written")
            })
            request.options.cancellation = signals.token
            let o = try PlanService().plan(request)
            if !request.quiet && !o.warnings.isEmpty {
                let n = o.warnings.count
                let name = TerminalText.safe(request.input.description)
                for line in DiagnosticText.lines(file: request.input.description, CaseValidator.idleSitters(o.theCase))
                {
                    Console.err(line)
                }
                let again = request.input == .standardInput ? "-" : name
                Console.log("\(name): \(n) warning\(n == 1 ? "" : "s") (relief validate \(again) lists them)")
            }
            Console.out(PlanService.summary(o, language: request.language))
            return .ok
        })
}

extension PlanRequest {
    /// The request of arguments parsed with `relief plan`'s declared options.
    init(_ a: ParsedArguments) throws(UsageError) {
        let path = try a.positionals(["CASE"])[0]
        let input = CaseInput(argument: path)
        let outputPath: String
        if let out = a.values["-o"] {
            outputPath = out
        } else if input == .standardInput {
            throw UsageError(
                "the case comes from standard input, so there is no default schedule file: give one with -o FILE")
        } else {
            outputPath = PlanService.defaultOutput(for: path)
        }
        self.init(input: input, outputPath: outputPath)
        if let t = try a.seconds("--time-limit") { options.timeLimit = t }
        options.dumpMPSDirectory = a.values["--dump-mps"]
        quiet = a.has("--quiet")
        options.verbose = a.has("--verbose")
        options.leastChange = a.has("--least-change")
        incrementalFrom = a.values["--incremental"]
        if let ids = a.values["--around"] {
            guard incrementalFrom != nil else {
                throw UsageError("--around names what changed for --incremental: give --incremental SCHEDULE too")
            }
            around = ids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let l = try a.language() { language = l }
        if quiet && options.verbose { throw UsageError("--quiet and --verbose contradict each other; give one") }
    }
}
