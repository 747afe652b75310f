import Foundation
import ReliefApp
import ReliefCore

extension Command {
    static let generate = Command(
        name: "generate",
        synopsis: """
            relief generate [--sitters N] [--visits N] [--families N] [--seed N] [--week-start YYYY-MM-DD]
                            [--name TEXT] [--scarcity] [--programs] [--volunteers PERCENT]
                            [--weekly-rest MIN] [--max-consecutive-shifts N] [-o CASE.json]
                write a random but realistic Quebec City case (for benchmarks and tests), to stdout without -o.
                Sitters 1 to \(GenerateService.sitterRange.upperBound) (default 35), visits 1 to \
            \(GenerateService.visitRange.upperBound) (default 250), families 1 to \
            \(GenerateService.familyRange.upperBound).
            """,
        options: [
            .valued("--sitters", value: "N", help: []),  // these in the synopsis only
            .valued("--visits", value: "N", help: []),
            .valued("--families", value: "N", help: []),
            .valued("--seed", value: "N", help: []),
            .valued("--week-start", value: "YYYY-MM-DD", help: []),
            .valued("--name", value: "TEXT", help: []),
            .flag(
                "--scarcity",
                help: [
                    "the scarce variant: the same families, visits and on-call shifts as without",
                    "it, but each sitter keeps each visit competency with probability 1/2 and the",
                    "weekly limits shrink so that all sitters together may work at most half the",
                    "visit hours asked",
                ]),
            .flag(
                "--programs",
                help: [
                    "add weeks.md's fields: programs tdah (budget, cap per family) and general, about",
                    "a third of the families in tdah, a standing request behind most visits, a ledger",
                    "of 4 earlier weeks, each sitter's weeklyAvailability (the week itself unchanged)",
                ]),
            .valued(
                "--volunteers", value: "PERCENT",
                help: [
                    "people.md's volunteers: PERCENT of the sitters (0 to 100; 20 is one in five, as in a",
                    "community organization), never senior educators, become volunteers (never on call,",
                    "480 minutes a week), and half of the normal and high visits that ask no competency",
                    "or credential allow volunteers (the same visits at every PERCENT)",
                ]),
            .valued(
                "--weekly-rest", value: "MIN",
                help: ["write rules.weeklyRestMinutes: MIN (1920 is Quebec's 32 hours)"]),
            .valued(
                "--max-consecutive-shifts", value: "N",
                help: ["write rules.maxConsecutiveShifts: N touching on-call shifts at most in a run"]),
            .valued(
                "-o", "--output", value: "CASE.json", help: ["write the case there, atomically, instead of to stdout"]),
        ],
        column: 24,
        run: { args in
            let g = try GenerateService.generate(try GenerateService.request(args))
            if let note = g.note { Console.log(note) } else { Console.write(g.text) }
            return .ok
        })
}

extension GenerateService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        _ = try a.positionals([])
        var r = Request()
        if let n = try a.count("--sitters", in: sitterRange) { r.options.sitters = n }
        if let n = try a.count("--visits", in: visitRange) { r.options.visits = n }
        if let n = try a.count("--families", in: familyRange) { r.options.families = n }
        if let n = try a.count("--seed", in: 0...Int.max) { r.options.seed = UInt64(n) }
        if let w = a.values["--week-start"] {
            guard let d = LocalDate.parse(w) else {
                throw UsageError("--week-start takes a date as YYYY-MM-DD, not \(quoted(w))")
            }
            r.options.weekStart = d
        }
        r.options.name = a.values["--name"]
        r.options.scarce = a.has("--scarcity")
        r.options.programs = a.has("--programs")
        r.options.volunteers = try a.count("--volunteers", in: 0...100)
        r.options.weeklyRestMinutes = try a.count("--weekly-rest", in: 1...CaseValidator.maxMinutes)
        r.options.maxConsecutiveShifts = try a.count("--max-consecutive-shifts", in: 1...CaseValidator.maxShifts)
        r.output = a.values["-o"]
        return r
    }
}
