import Foundation
import ReliefService

extension Command {
    static let exportCSV = Command(
        name: "export-csv",
        usage: """
            relief export-csv CASE DIR [--comma]
                write a case (a file, or - for standard input) as the spreadsheet files that import-csv reads, each
                atomically into DIR (created if missing): UTF-8 with a byte-order mark, ; between cells, CRLF.
                --comma                , between cells and no byte-order mark
            """,
        run: { args in
            Console.out(try ExportCSVService.export(try ExportCSVService.request(args)).line)
            return .ok
        })
}
