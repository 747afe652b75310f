import Foundation
import ReliefApp
import Testing

@testable import relief

/// Each command's usage lists exactly the options its parser accepts, test hooks and
/// options of relief's own child processes excepted (those are declared hidden).
@Suite("help lists what the parser accepts")
struct CommandHelpTests {
    /// Option spellings in a usage's synopsis lines (`relief COMMAND ...` and their `[...]`
    /// continuations) and in the names column of its option lines; prose is not read.
    static func shown(_ usage: String) -> Set<String> {
        var names = Set<String>()
        for line in usage.split(separator: "\n") {
            let text = line.drop(while: { $0 == " " })
            var part: Substring
            if text.hasPrefix("relief ") || text.hasPrefix("[") {
                part = text
            } else if text.hasPrefix("-") {
                part = text.range(of: "  ").map { text[..<$0.lowerBound] } ?? text
            } else {
                continue
            }
            part = part.hasPrefix("relief ") ? part.dropFirst("relief ".count) : part
            for word in part.split(whereSeparator: { " []|,=();".contains($0) })
            where word.count > 1 && word.hasPrefix("-")
                && word.dropFirst().first.map({ $0 == "-" || $0.isLetter }) == true
            {
                names.insert(String(word))
            }
        }
        return names
    }

    @Test(arguments: commands.map(\.name))
    func helpMatchesParser(_ name: String) throws {
        let c = try #require(commands.first { $0.name == name })
        let shown = Self.shown(c.usage)
        #expect(c.accepts.subtracting(c.hidden).subtracting(shown) == [], "accepted but not in --help")
        #expect(shown.subtracting(c.accepts) == [], "in --help but not accepted")
        #expect(shown.intersection(c.hidden) == [], "hidden but in --help")
        #expect(c.hidden.subtracting(c.accepts) == [], "hidden but not accepted")
    }

    /// Declared once: the option lines come from the declaration, hidden ones left out.
    @Test func optionLinesAreGenerated() {
        let options: [OptionSpec] = [
            .valued("-o", "--output", value: "FILE", help: ["the file", "written atomically"]),
            .flag("--comma", help: ["a comma"]),
            .valued("--now", value: "TIME", help: ["a test hook"], hidden: true),
        ]
        #expect(
            options.helpText(column: 20) == """
                    -o, --output FILE   the file
                                        written atomically
                    --comma             a comma
                """)
        let spec = ArgumentSpec(options: options)
        #expect(spec.valued == ["-o", "--now"])
        #expect(spec.flags == ["--comma"])
        #expect(spec.aliases == ["--output": "-o"])
        #expect(options.hiddenNames == ["--now"])
    }
}

// The requests of commands that declare their options, from raw arguments parsed as the
// binary parses them (for tests that build requests without running relief).
extension PlanRequest {
    init(arguments: [String]) throws(UsageError) {
        try self.init(try ArgumentParser.parse(arguments, Command.plan.spec))
    }
}

extension BenchService {
    static func request(_ arguments: [String]) throws(UsageError) -> Request {
        try request(try ArgumentParser.parse(arguments, Command.bench.spec), arguments: arguments)
    }
}

extension GenerateService {
    static func request(_ arguments: [String]) throws(UsageError) -> Request {
        try request(try ArgumentParser.parse(arguments, Command.generate.spec))
    }
}
