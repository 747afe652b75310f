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
