import Foundation
import ReliefApp
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `relief import-csv` and `relief export-csv` as a coordinator runs them.
@Suite("relief import-csv and export-csv")
struct ImportCSVTests {
    static let templates = PackageTree.url("Data/quebec-city-week-csv")

    /// A copy of the bundled week's CSV templates in `dir/name`.
    func copyTemplates(_ dir: ScratchDirectory, _ name: String = "week") throws -> String {
        let to = dir.path(name)
        try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: false)
        for f in CSVCaseReader.files {
            try FileManager.default.copyItem(
                atPath: Self.templates.appendingPathComponent(f).path, toPath: "\(to)/\(f)")
        }
        return to
    }

    /// Replaces the cells of one line of a `;` CRLF file.
    func edit(_ path: String, line: Int, _ change: (inout [String]) -> Void) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.components(separatedBy: "\r\n")
        var cells = lines[line - 1].components(separatedBy: ";")
        change(&cells)
        lines[line - 1] = cells.joined(separator: ";")
        try Data(lines.joined(separator: "\r\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func badCellsAreAllReportedAndNothingIsWritten() throws {
        let dir = try ScratchDirectory()
        let week = try copyTemplates(dir)
        try edit("\(week)/visits.csv", line: 2) { $0[4] = "deux" }
        try edit("\(week)/visits.csv", line: 3) { $0[7] = "pressant" }
        try edit("\(week)/visits.csv", line: 4) { $0[1] = "F999" }
        try edit("\(week)/visits.csv", line: 5) { $0[3] = "2026-11-23 10:00" }
        try edit("\(week)/sitters.csv", line: 3) { $0[8] = "1,5" }
        try edit("\(week)/availability.csv", line: 2) { $0[3] = "25:00" }
        let r = try Relief.run(["import-csv", "week", "-o", "case.json"], in: dir.url)
        #expect(r.status == 65, "\(r)")
        for line in [
            "week: error: sitters.csv:3:9 (targetMinutesPerWeek): \"1,5\" is not a whole number",
            "week: error: availability.csv:2:4 (to): \"25:00\" is not a time of day",
            "week: error: visits.csv:2:5 (sitters): \"deux\" is not a whole number",
            "week: error: visits.csv:3:8 (priority): unknown priority \"pressant\"",
            "week: error: visits.csv:4:2 (family): unknown family \"F999\"",
            "week: error: visits.csv:5:4 (end): end is not after start",
            "week: 6 errors, 0 warning(s); nothing written",
        ] {
            #expect(r.stdout.contains(line + "\n"), "\(line)\n\(r)")
        }
        #expect(r.stdout.contains("  fix: use an id from $.families"), "\(r)")
        #expect(try dir.contents() == ["week"], "\(r)")
    }

    @Test func missingFolderOrFilesExit66AndUsageExits64() throws {
        let dir = try ScratchDirectory()
        let none = try Relief.run(["import-csv", "nowhere", "-o", "case.json"], in: dir.url)
        #expect(none.status == 66, "\(none)")
        let week = try copyTemplates(dir)
        try FileManager.default.removeItem(atPath: "\(week)/visits.csv")
        try FileManager.default.removeItem(atPath: "\(week)/travel.csv")
        try FileManager.default.removeItem(atPath: "\(week)/oncall.csv")  // optional
        let missing = try Relief.run(["import-csv", "week", "-o", "case.json"], in: dir.url)
        #expect(missing.status == 66, "\(missing)")
        #expect(missing.stderr.contains("week: missing travel.csv, visits.csv"), "\(missing)")
        let noOutput = try Relief.run(["import-csv", "week"], in: dir.url)
        #expect(noOutput.status == 64 && noOutput.stderr.contains("missing -o"), "\(noOutput)")
        for command in ["import-csv", "export-csv"] {
            let help = try Relief.run([command, "--help"], in: dir.url)
            #expect(help.status == 0 && help.stdout.hasPrefix("relief \(command) "), "\(help)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path("case.json")))
    }

    @Test func anOutputThatIsOneOfTheSpreadsheetsIsRefused() throws {
        let dir = try ScratchDirectory()
        let week = try copyTemplates(dir)
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(week)/visits.csv"))
        let r = try Relief.run(["import-csv", "week", "-o", "week/visits.csv"], in: dir.url)
        #expect(r.status == 64, "\(r)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(week)/visits.csv")) == before)
    }

    /// CSV -> case -> plan: the imported week plans to a schedule the verifier accepts.
    @Test func anImportedWeekPlansToAVerifiedSchedule() throws {
        let dir = try ScratchDirectory()
        _ = try copyTemplates(dir)
        let imported = try Relief.run(["import-csv", "week", "-o", "case.json"], in: dir.url)
        #expect(imported.status == 0, "\(imported)")
        #expect(
            imported.stdout.contains("week: 35 sitters, 75 families, 250 visits, 21 on-call shifts;"), "\(imported)")
        #expect(fileMode(dir.path("case.json")) == 0o600)
        // The case written is the bundled week, byte for byte.
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: dir.path("case.json")))
                == Data(contentsOf: PackageTree.url("Data/quebec-city-week.json")))
        let plan = try Relief.run(["plan", "case.json", "-o", "schedule.json", "--quiet"], in: dir.url)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("statut : optimal (prouvé)"), "\(plan)")
        let verify = try Relief.run(["verify", "case.json", "schedule.json"], in: dir.url)
        #expect(verify.status == 0, "\(verify)")
    }

    @Test func exportCreatesAPrivateFolderThatImportsBack() throws {
        let dir = try ScratchDirectory()
        let small = try dir.write("small.json", try PackageTree.smallCase())
        let e = try Relief.run(["export-csv", small, "out"], in: dir.url)
        #expect(e.status == 0, "\(e)")
        #expect(fileMode(dir.path("out")) == 0o700)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path("out")).sorted()
        #expect(names == CSVCaseReader.files.sorted(), "\(names)")
        for n in names { #expect(fileMode(dir.path("out/\(n)")) == 0o600, "\(n)") }
        let i = try Relief.run(["import-csv", "out", "-o", "back.json"], in: dir.url)
        #expect(i.status == 0, "\(i)")
        let original = try CaseReader.read(file: small).0
        let back = try CaseReader.read(file: dir.path("back.json")).0
        #expect(CaseWriter.json(back).serialized() == CaseWriter.json(original).serialized())
        // Exporting what was imported gives the same files.
        let again = try Relief.run(["export-csv", "back.json", "again"], in: dir.url)
        #expect(again.status == 0, "\(again)")
        for n in names {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: dir.path("out/\(n)")))
                    == Data(contentsOf: URL(fileURLWithPath: dir.path("again/\(n)"))), "\(n)")
        }
        // A file where the folder should be cannot be written: 73.
        try dir.write("taken", "x")
        let blocked = try Relief.run(["export-csv", small, "taken"], in: dir.url)
        #expect(blocked.status == 73, "\(blocked)")
    }

    /// A name a spreadsheet would run (`=HYPERLINK`, `+cmd|`, `@SUM`, `-`) is exported as text
    /// (a leading `'`), and import-csv gives the name back as it was.
    @Test func formulaLikeNamesExportAsTextAndImportBack() throws {
        let dir = try ScratchDirectory()
        let names = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-1+2"]
        var json = try PackageTree.smallCase()
        for (i, n) in names.enumerated() { json = json.setting("sitters[\(i)].name", to: .string(n)) }
        json = json.setting("families[0].name", to: .string("\t=1+1"))
        let small = try dir.write("small.json", json)
        let e = try Relief.run(["export-csv", small, "out", "--comma"], in: dir.url)
        #expect(e.status == 0, "\(e)")
        let sitters = try String(contentsOfFile: dir.path("out/sitters.csv"), encoding: .utf8)
        for n in [",\"'=HYPERLINK(\"\"http", ",'+cmd|", ",'@SUM(1+1),", ",'-1+2,"] {
            #expect(sitters.contains(n), "\(n)\n\(sitters)")
        }
        for f in CSVCaseReader.files {
            let doc = try CSV.parse(Data(contentsOf: URL(fileURLWithPath: dir.path("out/\(f)"))))
            for cell in doc.rows.flatMap(\.cells) {
                #expect(
                    cell.text.unicodeScalars.first.map { !"=+-@\t\r".unicodeScalars.contains($0) } ?? true,
                    "\(f):\(cell.line):\(cell.column) \(cell.text.debugDescription)")
            }
        }
        let i = try Relief.run(["import-csv", "out", "-o", "back.json"], in: dir.url)
        #expect(i.status == 0, "\(i)")
        let original = try CaseReader.read(file: small).0
        let back = try CaseReader.read(file: dir.path("back.json")).0
        #expect(back.sitters.prefix(4).map(\.name) == names)
        #expect(back.families[0].name == "\t=1+1")
        #expect(CaseWriter.json(back).serialized() == CaseWriter.json(original).serialized())
    }

    /// A 0-byte visits.csv has no header: an error naming the file and the columns it needs,
    /// nothing written. A header-only visits.csv is an empty week: imported, with a warning.
    @Test func anEmptyVisitsFileIsRefusedAndAHeaderOnlyOneWarns() throws {
        let dir = try ScratchDirectory()
        let week = try copyTemplates(dir)
        let header = try String(contentsOfFile: "\(week)/visits.csv", encoding: .utf8).components(separatedBy: "\r\n")[
            0]
        try Data().write(to: URL(fileURLWithPath: "\(week)/visits.csv"))
        let empty = try Relief.run(["import-csv", "week", "-o", "case.json"], in: dir.url)
        #expect(empty.status == 65, "\(empty)")
        #expect(
            empty.stdout.contains(
                "week: error: visits.csv:1:1: has no header line (the file is empty, or holds only empty and # comment"
                    + " lines)\n  fix: write the header line first: id;family;start;end (and any of sitters;competencies;"
                    + "credentials;priority;assigned;locked;volunteers)"), "\(empty)")
        #expect(empty.stdout.contains("week: 1 error, 0 warning(s); nothing written"), "\(empty)")
        #expect(try dir.contents() == ["week"], "\(empty)")

        // An optional file saved empty is the same mistake.
        try Data((header + "\r\n").utf8).write(to: URL(fileURLWithPath: "\(week)/visits.csv"))
        try Data().write(to: URL(fileURLWithPath: "\(week)/oncall.csv"))
        let optional = try Relief.run(["import-csv", "week", "-o", "case.json"], in: dir.url)
        #expect(optional.status == 65, "\(optional)")
        #expect(optional.stdout.contains("week: error: oncall.csv:1:1: has no header line"), "\(optional)")
        #expect(optional.stdout.contains("or delete the file when it has no rows"), "\(optional)")
        try FileManager.default.removeItem(atPath: "\(week)/oncall.csv")

        let headerOnly = try Relief.run(["import-csv", "week", "-o", "case.json"], in: dir.url)
        #expect(headerOnly.status == 0, "\(headerOnly)")
        #expect(
            headerOnly.stdout.contains(
                "week: warning: visits.csv:1:1: has a header line and no rows: the case has no visits\n"
                    + "  fix: add one row per visit under the header, if the week is not meant to be empty"),
            "\(headerOnly)")
        // The two above, and S034, whose record check lapsed before the week.
        #expect(headerOnly.stdout.contains("0 visits, 0 on-call shifts; 3 warnings;"), "\(headerOnly)")
        #expect(FileManager.default.fileExists(atPath: dir.path("case.json")))
    }

    /// A visits.csv one row over the limit is refused at that row, before the rest is read or a
    /// case is written; the limit and the fix are in the message.
    @Test func aVisitsFileOverTheRowLimitIsRefusedAtTheRowThatCrossesIt() throws {
        let dir = try ScratchDirectory()
        let week = try copyTemplates(dir)
        let header = "id;family;start;end;sitters;competencies;credentials;priority;assigned;locked\r\n"
        var text = header
        text.reserveCapacity(60 * (CSVCaseReader.maxRowsPerFile + 2))
        for i in 0...CSVCaseReader.maxRowsPerFile {
            text += "X\(i);F001;2026-11-23 13:00;2026-11-23 15:00;1;;;normal;;no\r\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(week)/visits.csv"))
        let start = Date()
        let r = try Relief.run(["import-csv", "week", "-o", "case.json"], in: dir.url, timeout: 60)
        #expect(r.status == 65, "\(r)")
        let line = CSVCaseReader.maxRowsPerFile + 2
        #expect(
            r.stdout.contains(
                "week: error: visits.csv:\(line):1: more than 100000 rows under the header, far more than a week's"
                    + " case\n  fix: split the data into smaller cases (by week or by territory) and import each"),
            "\(r.stdout.prefix(2000))")
        #expect(try dir.contents() == ["week"])
        #expect(Date().timeIntervalSince(start) < 30)
    }

    /// The JSON the import would write is measured first: over the limit, nothing is written (65).
    @Test func aCaseLargerThanTheReadersAcceptIsNotWritten() throws {
        let dir = try ScratchDirectory()
        let week = try copyTemplates(dir)
        let out = dir.path("case.json")
        let request = ImportCSVService.Request(directory: week, output: out)
        let size = try ImportCSVService.importCSV(request).theCase.map { CaseWriter.json($0).serialized().utf8.count }
        let written = try #require(size)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)).count == written)
        #expect(written < InputData.maxBytes / 100)
        try FileManager.default.removeItem(atPath: out)
        #expect {
            _ = try ImportCSVService.importCSV(request, maxCaseBytes: written - 1)
        } throws: { e in
            guard let e = e as? ServiceError, e.exitCode == 65 else { return false }
            return e.description.contains("the case would be \(written) bytes of JSON, over the \(written - 1) bytes")
                && e.description.contains("split the data into smaller cases")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
