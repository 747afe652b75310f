import Foundation
import ReliefApp

extension Command {
    static let importCSV = Command(
        name: "import-csv",
        synopsis: """
            relief import-csv DIR -o CASE.json
                read a case from spreadsheet files in DIR (settings.csv, territories.csv, travel.csv, sitters.csv,
                families.csv, visits.csv; optional credentials.csv, availability.csv, oncall.csv; see the contract's
                csv.md) and write it as relief.case/1, atomically. Every problem is listed with its file, line, column
                and header; nothing is written unless every file is clean (exit 65). A missing DIR or file: exit 66.
            """,
        options: [.valued("-o", "--output", value: "FILE", help: ["the case to write"])],
        column: 23,
        run: { args in
            let report = try ImportCSVService.importCSV(try ImportCSVService.request(args))
            Console.out(report.lines)
            return report.exitCode
        })
}

extension ImportCSVService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let dir = try a.positionals(["DIR"])[0]
        guard let out = a.values["-o"] else { throw UsageError("missing -o CASE.json (where to write the case)") }
        return Request(directory: dir, output: out)
    }
}
