import Foundation
import ReliefApp
import ReliefRender

/// One subcommand: its name, its own usage text, what it accepts, and what runs it (the
/// arguments after the name in, an exit code out). Each run parses, makes one service
/// call and prints the value it returns.
struct Command: Sendable {
    let name: String
    let usage: String
    /// Every option, declared once: the parser's spec and the option lines of the usage are made from these.
    let options: [OptionSpec]
    let run: @Sendable ([String]) throws -> ExitCode

    /// The parser's spec: every option.
    var spec: ArgumentSpec { ArgumentSpec(options: options) }
    /// Every spelling of every option the command's parser accepts (all its forms).
    var accepts: Set<String> { spec.names }
    /// Those its usage leaves out: test hooks and options of relief's own child processes.
    var hidden: Set<String> { options.hiddenNames }

    /// A command whose arguments are parsed with all its `options`; its usage is `synopsis`, the
    /// option lines made from `options` (names padded to `column`), then `notes`.
    init(
        name: String, synopsis: String, options: [OptionSpec], column: Int = 0, notes: String? = nil,
        run: @escaping @Sendable (ParsedArguments) throws -> ExitCode
    ) {
        self.init(name: name, synopsis: synopsis, options: options, column: column, notes: notes) { a, _ in try run(a) }
    }

    /// The same, for a command that also wants its arguments as given (bench's document quotes them).
    init(
        name: String, synopsis: String, options: [OptionSpec], column: Int = 0, notes: String? = nil,
        run: @escaping @Sendable (ParsedArguments, [String]) throws -> ExitCode
    ) {
        let spec = ArgumentSpec(options: options)
        self.init(name: name, synopsis: synopsis, options: options, column: column, notes: notes) { args in
            try run(try ArgumentParser.parse(args, spec), args)
        }
    }

    /// A command of several forms, each parsed with its own part of `options` (`run` gets the
    /// arguments as given and picks the form: see `Command.form`); the usage as above.
    init(
        name: String, synopsis: String, options: [OptionSpec], column: Int = 0, notes: String? = nil,
        forms run: @escaping @Sendable ([String]) throws -> ExitCode
    ) {
        self.name = name
        let lines = options.helpText(column: column)
        self.usage = [synopsis, lines.isEmpty ? nil : lines, notes].compactMap { $0 }.joined(separator: "\n")
        self.options = options
        self.run = run
    }

    /// The parser's spec of one form of a command: the options of `options` under these keys.
    static func form(_ options: [OptionSpec], keys: Set<String>) -> ArgumentSpec {
        precondition(keys.isSubset(of: options.map(\.key)), "a form's option must be declared: \(keys)")
        return ArgumentSpec(options: options.filter { keys.contains($0.key) })
    }
}

/// Every command, in the order `relief --help` lists them; each is declared in Commands/.
let commands: [Command] = [
    .plan, .validate, .verify, .diff, .agenda, .report, .whatIf, .suggest, .export, .importCSV, .importSMPTSP,
    .benchSMPTSP,
    .exportCSV, .publish, .nextWeek, .simulate, .generate, .bench, .watch, .event, .benchWatch,
]

let globalUsage = """
    relief \(ReliefVersion.current): plans respite visits and on-call shifts for a week (relief.case/1 -> relief.schedule/1)

    usage:
    \(commands.map { $0.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") }.joined(separator: "\n"))

    relief COMMAND --help (or relief help COMMAND) shows one command; relief --version its version.
    exit codes: \(ExitCode.allCases.compactMap { c in c.summary.map { "\(c.rawValue) \($0)" } }.joined(separator: ", "))
    """
