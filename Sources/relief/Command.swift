import Foundation
import ReliefApp
import ReliefRender

/// One subcommand: its name, its own usage text, what it accepts, and what runs it (the
/// arguments after the name in, an exit code out). Each run parses, makes one service
/// call and prints the value it returns.
struct Command: Sendable {
    let name: String
    let usage: String
    /// Every spelling of every option the command's parser accepts (all its forms).
    let accepts: Set<String>
    /// Those its usage leaves out: test hooks and options of relief's own child processes.
    let hidden: Set<String>
    /// The parser's spec, for a command that declares its options (nil: it parses in ReliefApp).
    let spec: ArgumentSpec?
    let run: @Sendable ([String]) throws -> ExitCode

    /// A command whose options are declared once: its parser's spec and the option lines of
    /// its usage (between `synopsis` and `notes`, names padded to `column`) both come from `options`.
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
        self.name = name
        let lines = options.helpText(column: column)
        self.usage = [synopsis, lines.isEmpty ? nil : lines, notes].compactMap { $0 }.joined(separator: "\n")
        let spec = ArgumentSpec(options: options)
        self.accepts = spec.names
        self.hidden = options.hiddenNames
        self.spec = spec
        self.run = { args in try run(try ArgumentParser.parse(args, spec), args) }
    }

    /// A command that still parses in ReliefApp with these specs; its usage is written
    /// out by hand (`hidden` names what it leaves out on purpose).
    init(
        name: String, usage: String, specs: [ArgumentSpec], hidden: Set<String> = [],
        run: @escaping @Sendable ([String]) throws -> ExitCode
    ) {
        self.name = name
        self.usage = usage
        self.accepts = specs.reduce(into: Set<String>()) { $0.formUnion($1.names) }
        self.hidden = hidden
        self.spec = nil
        self.run = run
    }
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
    exit codes: \(ExitCode.allCases.compactMap { c in c.summary.map { "\(c.rawValue) \($0)" } }.joined(separator: ", "))
    """
