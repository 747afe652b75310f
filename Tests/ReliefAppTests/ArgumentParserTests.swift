import Foundation
import ReliefApp
import ReliefPlanning
import ReliefRender
import Testing

@testable import relief

/// The command-line parser and the requests built from it, without running the binary.
@Suite("Argument parsing")
struct ArgumentParserTests {
    let spec = ArgumentSpec(
        valued: ["-o", "--time-limit"], flags: ["--quiet"], aliases: ["--output": "-o", "-q": "--quiet"])

    func parse(_ args: [String]) throws(UsageError) -> ParsedArguments { try ArgumentParser.parse(args, spec) }

    func usageError(_ args: [String]) -> String? {
        do {
            _ = try parse(args)
            return nil
        } catch { return error.message }
    }

    @Test func positionalsOptionsAndFlags() throws {
        let a = try parse(["case.json", "--output", "out.json", "-q", "--time-limit=5"])
        #expect(a.positionals == ["case.json"])
        #expect(a.values == ["-o": "out.json", "--time-limit": "5"])
        #expect(a.flags == ["--quiet"])
        #expect(try a.seconds("--time-limit") == 5)
    }

    @Test func dashIsAnArgumentAndDoubleDashEndsOptions() throws {
        let a = try parse(["-", "--", "-o", "--quiet"])
        #expect(a.positionals == ["-", "-o", "--quiet"])
        #expect(a.values.isEmpty && a.flags.isEmpty)
    }

    func secondsMessage(_ value: String) -> String {
        "--time-limit takes a number of seconds above 0 and at most 604800 (7 days), not \"\(value)\""
    }

    @Test func aNegativeNumberIsAValue() throws {
        let a = try parse(["c.json", "--time-limit", "-3"])
        #expect(a.values["--time-limit"] == "-3")
        #expect(throws: UsageError(secondsMessage("-3"))) { try a.seconds("--time-limit") }
    }

    /// Seconds become deadlines in whole nanoseconds: a huge, infinite or missing number is
    /// refused here, with the option and the range, rather than trapping later.
    @Test(arguments: ["1e19", "1e308", "604800.5", "inf", "nan", "0", "-0", "1e-400"])
    func secondsOutsideTheRangeAreUsageErrors(_ value: String) throws {
        let a = try parse(["--time-limit", value])
        #expect(throws: UsageError(secondsMessage(value))) { try a.seconds("--time-limit") }
    }

    @Test func secondsAtTheEdgesOfTheRange() throws {
        #expect(try parse(["--time-limit", "604800"]).seconds("--time-limit") == 604_800)
        #expect(try parse(["--time-limit", "0.001"]).seconds("--time-limit") == 0.001)
    }

    @Test(arguments: [
        (["--bogus"], "unknown option \"--bogus\""),
        (["--bogus=1"], "unknown option \"--bogus\""),
        (["-o"], "-o needs a value"),
        (["-o", "--quiet"], "-o needs a value before --quiet"),
        (["-o", ""], "-o needs a non-empty value"),
        (["--output=a", "-o", "b"], "-o is given twice; give it once"),
        (["--quiet=yes"], "--quiet takes no value"),
    ])
    func mistakesAreUsageErrors(_ args: [String], _ message: String) {
        #expect(usageError(args) == message)
    }

    @Test func helpIsFoundBeforeDoubleDashOnly() {
        #expect(ArgumentParser.asksForHelp(["c.json", "--help"]))
        #expect(ArgumentParser.asksForHelp(["-h"]))
        #expect(!ArgumentParser.asksForHelp(["--", "--help"]))
        #expect(!ArgumentParser.asksForHelp(["c.json"]))
    }

    @Test func positionalCountsNameWhatIsMissingOrExtra() throws {
        #expect(throws: UsageError("missing CASE and SCHEDULE")) { try parse([]).positionals(["CASE", "SCHEDULE"]) }
        #expect(throws: UsageError("missing SCHEDULE")) { try parse(["c"]).positionals(["CASE", "SCHEDULE"]) }
        #expect(throws: UsageError("unexpected argument \"b\" (give only CASE)")) {
            try parse(["a", "b"]).positionals(["CASE"])
        }
        #expect(try parse(["a"]).positionals(["CASE"]) == ["a"])
    }

    @Test func countsStayInTheirRange() throws {
        let a = try ArgumentParser.parse(["--n", "5001"], ArgumentSpec(valued: ["--n"]))
        #expect(throws: UsageError("--n takes a whole number from 1 to 5000, not \"5001\"")) {
            try a.count("--n", in: 1...5000)
        }
        #expect(try a.count("--n", in: 1...6000) == 5001)
        #expect(try a.count("--m", in: 1...2) == nil)
    }

    // MARK: - Requests

    @Test func planRequestSetsThePlannerOptions() throws {
        let r = try PlanRequest(arguments: ["week.json", "--dump-mps", "mps", "--verbose", "--time-limit", "7"])
        #expect(r.input == .file("week.json"))
        #expect(r.outputPath == "week.schedule.json")
        #expect(r.options.dumpMPSDirectory == "mps")
        #expect(r.options.verbose)
        #expect(r.options.timeLimit == 7)
        // The planner gives level 5 what remains: the CLI no longer shortens it.
        #expect(r.options.qualityTimeLimit == PlanOptions().qualityTimeLimit)
        #expect(!r.quiet)
        #expect(r.options.cancellation == nil)
    }

    @Test func planRequestFromStandardInput() throws {
        #expect(try PlanRequest(arguments: ["-", "-o", "s.json"]).input == .standardInput)
        #expect(try PlanRequest(arguments: ["/dev/stdin", "-o", "s.json"]).input == .standardInput)
        #expect(CaseInput.standardInput.description == "<stdin>")
        #expect(throws: UsageError.self) { try PlanRequest(arguments: ["-"]) }
    }

    @Test func generateRequestBoundsSizes() throws {
        let r = try GenerateService.request(["--sitters", "2000", "--visits", "1", "--families", "20000"])
        #expect(r.options.sitters == 2000 && r.options.visits == 1 && r.options.families == 20000)
        #expect(r.output == nil)
        #expect(throws: UsageError("--sitters takes a whole number from 1 to 2000, not \"2001\"")) {
            try GenerateService.request(["--sitters", "2001"])
        }
        #expect(throws: UsageError("--visits takes a whole number from 1 to 20000, not \"lots\"")) {
            try GenerateService.request(["--visits", "lots"])
        }
    }

    // MARK: - Terminal text

    @Test func controlCharactersBecomeVisible() {
        #expect(
            TerminalText.safe("a\nb\u{1b}[2J\u{7f}\u{9b}\u{2028}\u{202e}\u{2066}c")
                == #"a\u{A}b\u{1B}[2J\u{7F}\u{9B}\u{2028}\u{202E}\u{2066}c"#)
        #expect(TerminalText.safe("Geneviève Côté — 日本") == "Geneviève Côté — 日本")
        #expect(TerminalText.safe("tab\there") == #"tab\u{9}here"#)
    }

    @Test func longFieldsAreCut() {
        #expect(
            TerminalText.safe(String(repeating: "é", count: 100), limit: 80) == String(repeating: "é", count: 80) + "…")
        #expect(TerminalText.safe("short", limit: 80) == "short")
        let long = String(repeating: "x", count: 90)
        #expect(
            TerminalText.safe("18 sitters lack \(long)\n", cutting: [long, "infant"])
                == "18 sitters lack \(String(repeating: "x", count: 80))…\\u{A}")
    }
}
