import Foundation
import ReliefApp

extension Command {
    static let diff = Command(
        name: "diff",
        synopsis: """
            relief diff OLD.schedule.json NEW.schedule.json --case CASE [--old-case OLD_CASE] [--lang fr|en]
                        [--format text|json] [-o FILE]
                whom to phone after a re-plan: each sitter whose week changed, each family visit whose sitters,
                time or existence changed. The notice names people: -o writes it atomically, readable by its
                owner only.
            """,
        options: [
            .valued("--case", value: "CASE", help: ["the case of the new schedule"]),
            .valued(
                "--old-case", value: "OLD_CASE",
                help: [
                    "the case of the old schedule (default: CASE); gives old times and",
                    "tells cancelled and newly requested visits apart",
                ]),
            .valued("--lang", value: "fr|en", help: ["French (default) or English sentences"]),
            .valued("--format", value: "text|json", help: ["sentences (default) or relief.notice/1 JSON"]),
            .valued("-o", "--output", value: "FILE", help: ["write the notice there instead of stdout"]),
        ],
        column: 23,
        run: { args in
            Console.write(try DiffService.diff(try DiffService.request(args)).stdout)
            return .ok
        })
}

extension DiffService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let p = try a.positionals(["OLD.schedule.json", "NEW.schedule.json"])
        guard let c = a.values["--case"] else { throw UsageError("missing --case CASE (the case of the new schedule)") }
        var r = Request(old: CaseInput(argument: p[0]), new: CaseInput(argument: p[1]), newCase: CaseInput(argument: c))
        r.oldCase = a.values["--old-case"].map(CaseInput.init(argument:))
        if let l = try a.language() { r.lang = l }
        if let f = a.values["--format"] {
            guard let format = Format(rawValue: f) else {
                throw UsageError("--format takes text or json, not \(quoted(f))")
            }
            r.format = format
        }
        r.output = a.values["-o"]
        let stdin = [r.old, r.new, r.newCase] + (r.oldCase.map { [$0] } ?? [])
        if stdin.filter({ $0 == .standardInput }).count > 1 {
            throw UsageError(
                "only one of the schedules and cases can come from standard input; give the others as files")
        }
        return r
    }
}
