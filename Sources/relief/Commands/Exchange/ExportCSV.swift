import Foundation
import ReliefApp

extension Command {
    static let exportCSV = Command(
        name: "export-csv",
        synopsis: """
            relief export-csv CASE DIR [--english] [--comma] [--schedule SCHEDULE]
                write a case (a file, or - for standard input) as the spreadsheet files that import-csv reads, each
                atomically into DIR (created if missing), as French Excel writes them: UTF-8 with a byte-order mark,
                ; between cells, CRLF, French headers; the published assignments (assignés) of visits and on-call
                shifts included, so that a re-plan with --least-change keeps them.
            """,
        options: [
            .flag("--english", help: ["the contract's English headers, keys and words (yes/no, urgent/high/normal)"]),
            .flag("--comma", help: [", between cells and no byte-order mark"]),
            .valued(
                "--schedule", value: "SCHEDULE",
                help: [
                    "a schedule of CASE: also write its service to families and programs, families",
                    "furthest behind first (family-shares.csv) and served minutes against budgets",
                    "(program-use.csv); none for a case without programs or ledgers",
                ]),
        ],
        column: 23,
        run: { args in
            Console.out(try ExportCSVService.export(try ExportCSVService.request(args)).line)
            return .ok
        })
}

extension ExportCSVService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let p = try a.positionals(["CASE", "DIR"])
        return Request(
            input: CaseInput(argument: p[0]), directory: p[1], comma: a.has("--comma"), english: a.has("--english"),
            schedule: a.values["--schedule"].map(CaseInput.init(argument:)))
    }
}
