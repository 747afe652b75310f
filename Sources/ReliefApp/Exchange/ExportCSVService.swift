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
/// to the same case.
public enum ExportCSVService {
    public struct Request: Sendable, Equatable {
        public var input: CaseInput
        public var directory: String
        /// `,` instead of `;` (and no byte-order mark), for tools that expect it.
        public var comma: Bool
        /// The contract's English headers, setting keys, booleans and priorities instead of French ones.
        public var english: Bool

        public init(input: CaseInput, directory: String, comma: Bool, english: Bool = false) {
            self.input = input
            self.directory = directory
            self.comma = comma
            self.english = english
        }
    }

    public static func export(_ r: Request) throws(ServiceError) -> ExportCSVReport {
        let (c, _) = try CaseLoader.load(r.input)
        let style = r.comma ? CSV.Style(delimiter: ",", byteOrderMark: false, lineEnd: "\r\n") : .spreadsheet
        let files: [(name: String, text: String)]
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
