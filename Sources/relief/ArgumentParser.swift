import Foundation
import ReliefApp
import ReliefRender

/// What one command accepts: options that take a value, flags, and other
/// spellings of either (`--output` for `-o`, `-q` for `--quiet`).
struct ArgumentSpec: Sendable {
    var valued: Set<String>
    var flags: Set<String>
    /// Other spelling -> the name the parsed arguments use.
    var aliases: [String: String]
    /// Test hooks and internal entry points: accepted like the others (each is also in
    /// `valued` or `flags`) but never shown in a command's usage, and not for users. The
    /// declaring type says what each does; CLITests checks that no `--help` mentions one.
    var hidden: Set<String>

    init(
        valued: Set<String> = [], flags: Set<String> = [], aliases: [String: String] = [:], hidden: Set<String> = []
    ) {
        precondition(hidden.isSubset(of: valued.union(flags)), "a hidden option must be accepted: \(hidden)")
        self.valued = valued
        self.flags = flags
        self.aliases = aliases
        self.hidden = hidden
    }

    func canonical(_ name: String) -> String { aliases[name] ?? name }
    func isValued(_ name: String) -> Bool { valued.contains(canonical(name)) }
    func isFlag(_ name: String) -> Bool { flags.contains(canonical(name)) }
    func isOption(_ name: String) -> Bool { isValued(name) || isFlag(name) || ArgumentParser.isHelp(name) }
}

/// One option of a command, declared once: the parser's `ArgumentSpec` and the option
/// lines of the command's help are both made from a list of these.
struct OptionSpec: Sendable, Equatable {
    /// Every spelling, in the order help shows them (`-o`, `--output`).
    var names: [String]
    /// The name `ParsedArguments` stores it under.
    var key: String
    /// The value's name in help (`FILE`); nil for a flag.
    var value: String?
    /// The help, one string per line; the first beside the option's name, the rest under it.
    var help: [String]
    /// A test hook or an option only relief's own child processes use: parsed, never shown.
    var hidden: Bool

    /// An option that takes a value; its key is `key`, else the first name.
    static func valued(
        _ names: String..., value: String, key: String? = nil, help: [String], hidden: Bool = false
    ) -> OptionSpec {
        OptionSpec(names: names, key: key ?? names[0], value: value, help: help, hidden: hidden)
    }

    /// A flag; its key is `key`, else the first name.
    static func flag(_ names: String..., key: String? = nil, help: [String], hidden: Bool = false)
        -> OptionSpec
    {
        OptionSpec(names: names, key: key ?? names[0], value: nil, help: help, hidden: hidden)
    }

    /// `-o, --output FILE`
    var label: String { names.joined(separator: ", ") + (value.map { " " + $0 } ?? "") }

    /// The option's help lines: its label padded to `column` (at least two spaces after it),
    /// its help beside it, further lines under the first; none when hidden.
    func helpLines(column: Int, indent: String = "    ") -> [String] {
        guard !hidden, let first = help.first else { return [] }
        let pad = String(repeating: " ", count: max(column - label.count, 2))
        let under = indent + String(repeating: " ", count: max(column, label.count + 2))
        return [indent + label + pad + first] + help.dropFirst().map { under + $0 }
    }
}

extension ArgumentSpec {
    /// The parser's view of declared options: each name of an option, an alias of its key.
    init(options: [OptionSpec]) {
        var spec = ArgumentSpec()
        for o in options {
            if o.value == nil { spec.flags.insert(o.key) } else { spec.valued.insert(o.key) }
            for n in o.names where n != o.key { spec.aliases[n] = o.key }
            if o.hidden { spec.hidden.insert(o.key) }
        }
        self = spec
    }

    /// Every spelling this spec accepts (keys and aliases).
    var names: Set<String> { valued.union(flags).union(aliases.keys) }
}

extension [OptionSpec] {
    /// The option lines of a command's help, in declaration order, hidden options left out.
    func helpText(column: Int, indent: String = "    ") -> String {
        flatMap { $0.helpLines(column: column, indent: indent) }.joined(separator: "\n")
    }

    /// Every spelling of the options help leaves out.
    var hiddenNames: Set<String> { Set(filter(\.hidden).flatMap(\.names)) }
}

/// Positionals, option values and flags of one command line, after `ArgumentParser.parse`.
struct ParsedArguments: Sendable, Equatable {
    var positionals: [String] = []
    var values: [String: String] = [:]
    var flags: Set<String> = []

    init() {}

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The longest time limit any option takes: 7 days, in seconds.
    ///
    /// Deadlines are computed from these (a solve's limit plus its grace, the daemon's
    /// watchdog staleness) and converted to whole nanoseconds or milliseconds; an
    /// unbounded number (1e19) would trap in that conversion.
    static let maxSeconds: Double = 604_800

    /// A number of seconds above 0 and at most `maxSeconds` (nan and infinities refused).
    func seconds(_ name: String) throws(UsageError) -> Double? {
        guard let s = values[name] else { return nil }
        guard let d = Double(s), d.isFinite, d > 0, d <= Self.maxSeconds else {
            let range = "above 0 and at most \(Int(Self.maxSeconds)) (7 days)"
            throw UsageError("\(name) takes a number of seconds \(range), not \(quoted(s))")
        }
        return d
    }

    /// A whole number within `range`; the message names the range.
    func count(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let s = values[name] else { return nil }
        guard let n = Int(s), range.contains(n) else {
            throw UsageError(
                "\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \(quoted(s))")
        }
        return n
    }

    /// Exactly `names.count` positionals, or a message naming what is missing or extra.
    func positionals(_ names: [String]) throws(UsageError) -> [String] {
        if positionals.count < names.count {
            throw UsageError("missing \(names[positionals.count...].joined(separator: " and "))")
        }
        if positionals.count > names.count {
            let extra = positionals[names.count...].map(quoted).joined(separator: " ")
            throw UsageError(
                "unexpected argument\(positionals.count - names.count == 1 ? "" : "s") \(extra)"
                    + (names.isEmpty ? "" : " (give only \(names.joined(separator: " and ")))"))
        }
        return positionals
    }
}

/// A small getopt-like parser that returns errors instead of exiting:
/// `--name value`, `--name=value`, flags, `-` as an argument (standard input),
/// `--` before arguments that start with a dash. An option given twice, an
/// unknown option or a missing value is a `UsageError`.
enum ArgumentParser {
    static func isHelp(_ arg: String) -> Bool { arg == "-h" || arg == "--help" }

    /// True when the arguments before any `--` ask for help.
    static func asksForHelp(_ args: some Sequence<String>) -> Bool {
        for a in args {
            if a == "--" { return false }
            if isHelp(a) { return true }
        }
        return false
    }

    static func parse(_ args: some Sequence<String>, _ spec: ArgumentSpec) throws(UsageError)
        -> ParsedArguments
    {
        var parsed = ParsedArguments()
        var it = args.makeIterator()
        var onlyPositionals = false
        func store(_ name: String, _ value: String, as spelled: String) throws(UsageError) {
            guard !value.isEmpty else { throw UsageError("\(spelled) needs a non-empty value") }
            guard parsed.values[name] == nil else { throw UsageError("\(spelled) is given twice; give it once") }
            parsed.values[name] = value
        }
        while let a = it.next() {
            if onlyPositionals || a == "-" || !a.hasPrefix("-") {
                parsed.positionals.append(a)
                continue
            }
            if a == "--" {
                onlyPositionals = true
                continue
            }
            var name = a
            var inline: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                inline = String(a[a.index(after: eq)...])
            }
            if spec.isValued(name) {
                if let inline {
                    try store(spec.canonical(name), inline, as: name)
                } else {
                    guard let v = it.next() else { throw UsageError("\(name) needs a value") }
                    // `-o --quiet` is a forgotten value, not a file named --quiet.
                    guard !(v.hasPrefix("-") && spec.isOption(v.split(separator: "=").first.map(String.init) ?? v))
                    else { throw UsageError("\(name) needs a value before \(v)") }
                    try store(spec.canonical(name), v, as: name)
                }
            } else if spec.isFlag(name) {
                guard inline == nil else { throw UsageError("\(name) takes no value") }
                parsed.flags.insert(spec.canonical(name))
            } else if isHelp(name) {
                continue
            } else {
                throw UsageError("unknown option \(quoted(name))")
            }
        }
        return parsed
    }
}

extension ParsedArguments {
    /// The value of `--lang` (fr or en), if given; the one parser every command with `--lang` uses.
    func language(_ name: String = "--lang") throws(UsageError) -> Language? {
        guard let l = values[name] else { return nil }
        guard let lang = Language(rawValue: l) else { throw UsageError("\(name) takes fr or en, not \(quoted(l))") }
        return lang
    }

    /// `--replan incremental|full` (watch, bench-watch): incremental, the default, or the whole week.
    func incrementalReplan() throws(UsageError) -> Bool {
        switch values["--replan"] {
        case nil, "incremental": return true
        case "full": return false
        case let other?: throw UsageError("--replan takes incremental or full, not \(quoted(other))")
        }
    }
}

/// Standard input is read once: `first` and `second` (`what`, "the case and the schedule")
/// cannot both be `-`.
func refuseBothStandardInput(_ first: CaseInput, _ second: CaseInput?, _ what: String) throws(UsageError) {
    if first == .standardInput && second == .standardInput {
        throw UsageError("\(what) cannot both come from standard input; give one as a file")
    }
}
