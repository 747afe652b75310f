import Foundation
import ReliefService

/// One subcommand: its name, its own usage text, and what runs it (the arguments
/// after the name in, an exit code out). Each run parses with ReliefService,
/// makes one service call and prints the value it returns.
struct Command: Sendable {
    let name: String
    let usage: String
    let run: @Sendable ([String]) throws -> ExitCode
}

/// Every command, in the order `relief --help` lists them; each is declared in Commands/.
let commands: [Command] = [
    .plan, .validate, .verify, .diff, .agenda, .report, .whatIf, .export, .importCSV, .importSMPTSP, .benchSMPTSP,
    .exportCSV, .generate, .bench, .watch, .benchWatch,
]

let globalUsage = """
    relief \(ReliefVersion.current): plans respite visits and on-call shifts for a week (relief.case/1 -> relief.schedule/1)

    usage:
    \(commands.map { $0.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") }.joined(separator: "\n"))

    relief COMMAND --help (or relief help COMMAND) shows one command; relief --version its version.
    exit codes: 0 ok, 64 usage, 65 bad data, 66 no input, 70 internal, 73 cannot write, 75 try again
    """
