import Foundation
import ReliefService

extension Command {
    static let diff = Command(
        name: "diff",
        usage: """
            relief diff OLD.schedule.json NEW.schedule.json --case CASE [--old-case OLD_CASE] [--lang fr|en]
                        [--format text|json] [-o FILE]
                whom to phone after a re-plan: each sitter whose week changed, each family visit whose sitters,
                time or existence changed. The notice names people: -o writes it atomically, readable by its
                owner only.
                --case CASE            the case of the new schedule
                --old-case OLD_CASE    the case of the old schedule (default: CASE); gives old times and
                                       tells cancelled and newly requested visits apart
                --lang fr|en           French (default) or English sentences
                --format text|json     sentences (default) or relief.notice/1 JSON
                -o, --output FILE      write the notice there instead of stdout
            """,
        run: { args in
            Console.write(try DiffService.diff(try DiffService.request(args)).stdout)
            return .ok
        })
}
