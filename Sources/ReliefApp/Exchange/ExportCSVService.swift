import Foundation
import ReliefCore
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// `relief export-csv CASE DIR`: a case as the spreadsheet files of
/// `../shared/contract/csv.md` in the French-Excel dialect (`;`, byte-order mark,
/// CRLF, French headers, with the published `assignés` of visits and shifts), each written atomically (mode 0600) into DIR,
/// created (mode 0700) when missing. `relief import-csv DIR` reads them back
/// to the same case. With `--schedule`, a schedule of that case (checked as `relief agenda`
/// checks it) adds its service to families and programs (`weeks.md`) as `family-shares.csv` and
/// `program-use.csv`, files `import-csv` does not read; a case without programs or ledgers gets none.
public enum ExportCSVService {
    public struct Request: Sendable, Equatable {
        public var input: CaseInput
        public var directory: String
        /// `,` instead of `;` (and no byte-order mark), for tools that expect it.
        public var comma: Bool
        /// The contract's English headers, setting keys, booleans and priorities instead of French ones.
        public var english: Bool
        /// A schedule of the case, whose families' shares and programs' use are written too.
        public var schedule: CaseInput?

        public init(
            input: CaseInput, directory: String, comma: Bool, english: Bool = false, schedule: CaseInput? = nil
        ) {
            self.input = input
            self.schedule = schedule
            self.directory = directory
            self.comma = comma
            self.english = english
        }
    }

    public static func export(_ r: Request) throws(ServiceError) -> ExportCSVReport {
        let (c, _) = try CaseLoader.load(r.input)
        let style = r.comma ? CSV.Style(delimiter: ",", byteOrderMark: false, lineEnd: "\r\n") : .spreadsheet
        var files: [(name: String, text: String)]
        do { files = try CSVCaseWriter.files(c, style: style, headers: r.english ? .english : .french) } catch {
            throw .badData(
                InputError(
                    .theCase, file: r.input.description,
                    diagnostics: [
                        Diagnostic(
                            .error, error.path,
                            "\(quoted(error.value)) cannot be a list item in a spreadsheet cell",
                            fix: "rename it without , or | and without surrounding spaces")
                    ]))
        }
        if let input = r.schedule {
            let service = ServiceView(try AgendaService.readSchedule(input, for: c)).csvTables(english: r.english)
            files += service.map { ($0.name, CSV.write($0.rows.map { $0.map(CSV.formulaSafe) }, style: style)) }
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: r.directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .cannotWrite(path: r.directory, reason: "it is not a folder; give a folder for the CSV files")
            }
        } else if mkdir(r.directory, 0o700) != 0 {
            throw .cannotWrite(path: r.directory, reason: String(cString: strerror(errno)))
        }
        for f in files {
            let p = ImportCSVService.path(r.directory, f.name)
            try FileIdentity.refuseOverwriting(r.input, with: p, option: "DIR")
            if let input = r.schedule { try FileIdentity.refuseOverwriting(input, with: p, option: "DIR") }
        }
        for f in files { try AtomicFile.write(Data(f.text.utf8), to: ImportCSVService.path(r.directory, f.name)) }
        return ExportCSVReport(request: r, files: files.map(\.name), theCase: c)
    }
}

public struct ExportCSVReport: Sendable {
    public var request: ExportCSVService.Request
    public var files: [String]
    public var theCase: Case

    public var line: String {
        let c = theCase
        return
            "\(TerminalText.safe(request.directory)): \(files.joined(separator: ", ")) written: \(c.sitters.count) "
            + "sitters, \(c.families.count) families, \(c.visits.count) visits, \(c.onCallShifts.count) on-call shifts"
    }
}
