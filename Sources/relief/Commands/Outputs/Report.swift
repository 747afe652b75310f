import Foundation
import ReliefApp
import ReliefRender

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

extension ReportService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let path = try a.positionals(["SCHEDULE"])[0]
        guard let c = a.values["--case"] else {
            throw UsageError("missing --case CASE (the case the schedule was planned from)")
        }
        guard let o = a.values["-o"] else { throw UsageError("missing -o FILE.html") }
        var language = Language.fr
        if let l = try a.language() { language = l }
        let r = Request(
            schedule: CaseInput(argument: path), theCase: CaseInput(argument: c), output: o, language: language)
        try refuseBothStandardInput(r.theCase, r.schedule, "the case and the schedule")
        return r
    }
}
