import Foundation
import ReliefApp

extension Command {
    static let report = Command(
        name: "report",
        synopsis: """
            relief report SCHEDULE --case CASE -o WEEK.html [--lang fr|en]
                the week on one page (HTML, self-contained, prints landscape on Letter or A4): sitters by day
                coloured by territory, the on-call line and its gaps, unfilled visits and why, coverage by priority,
                hours against targets. Written atomically, readable by its owner only.
            """,
        options: [
            .valued("--case", value: "CASE", help: ["the case the schedule was planned from"]),
            .valued("-o", "--output", value: "FILE", help: ["the page"]),
            .valued("--lang", value: "fr|en", help: ["the page's language (default fr)"]),
        ],
        column: 19,
        run: { args in
            Console.out(try ReportService.report(try ReportService.request(args)).line)
            return .ok
        })
}
