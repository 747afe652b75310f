import Foundation
import ReliefCore
import ReliefRender

/// `relief import-csv DIR -o CASE.json`: the spreadsheet files of
/// `../shared/contract/csv.md` in a folder, read and checked as one case, and
/// written as `relief.case/1` only when every file is clean.
public enum ImportCSVService {
    public struct Request: Sendable, Equatable {
        public var directory: String
        public var output: String
        public init(directory: String, output: String) {
            self.directory = directory
            self.output = output
        }
    }

    /// Reads the folder's files. A case with errors is a report (exit 65), nothing
    /// written; a missing folder or required file is thrown (`noInput`, 66), an
    /// output that is one of the spreadsheets is refused (`usage`, 64), an output
    /// that cannot be written is thrown (`cannotWrite`, 73).
    /// A case whose JSON would be larger than `maxCaseBytes` (what every command reads, 64 MiB) is
    /// refused (`badData`, 65) before anything is written.
    public static func importCSV(_ r: Request, maxCaseBytes: Int = InputData.maxBytes) throws(ServiceError)
        -> ImportCSVReport
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: r.directory, isDirectory: &isDirectory) else {
            throw .noInput("\(r.directory): no such folder; give the folder that holds settings.csv, visits.csv ...")
        }
        guard isDirectory.boolValue else {
            throw .noInput("\(r.directory): is not a folder; give the folder that holds settings.csv, visits.csv ...")
        }
        let present = CSVCaseReader.files.filter {
            FileManager.default.fileExists(atPath: path(r.directory, $0))
        }
        let missing = CSVCaseReader.files.filter { CSVCaseReader.requiredFiles.contains($0) && !present.contains($0) }
        if !missing.isEmpty {
            throw .noInput(
                "\(r.directory): missing \(missing.joined(separator: ", ")); every case needs "
                    + CSVCaseReader.files.filter(CSVCaseReader.requiredFiles.contains).joined(separator: ", ")
                    + " (relief export-csv writes a complete set to start from)")
        }
        var files: [String: Data] = [:]
        for name in present {
            let p = path(r.directory, name)
            try FileIdentity.refuseOverwriting(.file(p), with: r.output, option: "-o")
            files[name] = try InputData.read(.file(p))
        }
        let (c, diagnostics) = CSVCaseReader.read(files)
        guard let c else { return ImportCSVReport(request: r, diagnostics: diagnostics, theCase: nil) }
        let json = Data(CaseWriter.json(c).serialized().utf8)
        // Never write a case the other commands would refuse to read.
        guard json.count <= maxCaseBytes else {
            throw .badData(
                InputError(
                    .theCase, file: r.directory,
                    diagnostics: [
                        Diagnostic(
                            .error, "$",
                            "the case would be \(json.count) bytes of JSON, over the \(maxCaseBytes) bytes"
                                + " (\(maxCaseBytes >> 20) MiB) relief reads; nothing written to \(r.output)",
                            fix: "split the data into smaller cases (by week or by territory) and import each")
                    ]))
        }
        try AtomicFile.write(json, to: r.output)
        return ImportCSVReport(request: r, diagnostics: diagnostics, theCase: c)
    }

    static func path(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }
}

public struct ImportCSVReport: Sendable {
    public var request: ImportCSVService.Request
    public var diagnostics: [Diagnostic]
    /// The case written, or nil when there were errors (and nothing was written).
    public var theCase: Case?

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var exitCode: ExitCode { theCase == nil ? .dataErr : .ok }

    /// What `relief import-csv` prints on stdout, as `relief validate` does, every line escaped.
    public var lines: [String] {
        let dir = TerminalText.safe(request.directory)
        var out = DiagnosticText.lines(file: request.directory, diagnostics)
        let w = diagnostics.count - errors.count
        if let c = theCase {
            out.append(
                "\(dir): \(c.sitters.count) sitters, \(c.families.count) families, \(c.visits.count) visits, "
                    + "\(c.onCallShifts.count) on-call shifts; \(w) warning\(w == 1 ? "" : "s"); "
                    + "\(Case.format) written to \(TerminalText.safe(request.output))")
        } else {
            out.append(
                "\(dir): \(errors.count) error\(errors.count == 1 ? "" : "s"), \(w) warning(s); nothing written")
        }
        return out
    }
}
