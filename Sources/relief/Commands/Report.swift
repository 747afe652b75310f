import Foundation
import ReliefService

extension Command {
    static let report = Command(
        name: "report",
        usage: """
            relief report SCHEDULE --case CASE -o WEEK.html [--lang fr|en]
                the week on one page (HTML, self-contained, prints landscape on Letter or A4): sitters by day
                coloured by territory, the on-call line and its gaps, unfilled visits and why, coverage by priority,
                hours against targets. Written atomically, readable by its owner only.
                --case CASE        the case the schedule was planned from
                -o, --output FILE  the page
                --lang fr|en       the page's language (default fr)
            """,
        run: { args in
            Console.out(try ReportService.report(try ReportService.request(args)).line)
            return .ok
        })
}
