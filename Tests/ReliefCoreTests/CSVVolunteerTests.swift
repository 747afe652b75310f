import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// people.md's volunteers in the spreadsheet files: a `type` column in sitters.csv and
/// `bénévoles` in visits.csv, optional, read in French or English without case or accents,
/// written only for a case that uses volunteers.
@Suite("CSV volunteers")
struct CSVVolunteerTests {
    static func files(_ edit: (inout [String: [String]]) -> Void) -> [String: Data] {
        var files = CSVCaseTests.smallCase
        edit(&files)
        return CSVCaseTests.spreadsheet(files)
    }

    /// The small case with a `type` column and a `bénévoles` column appended.
    static func withColumns(types: [String], volunteers: [String]) -> [String: Data] {
        files { f in
            f["sitters.csv"] = f["sitters.csv"]!.enumerated().map { i, row in
                row + ";" + (i == 0 ? "Type" : types[i - 1])
            }
            f["visits.csv"] = f["visits.csv"]!.enumerated().map { i, row in
                row + ";" + (i == 0 ? "Bénévoles" : volunteers[i - 1])
            }
        }
    }

    @Test func typeAndBenevolesAreReadInEitherLanguage() throws {
        let (c, ds) = CSVCaseReader.read(
            Self.withColumns(types: ["employé", "BÉNÉVOLE", "", "Employee"], volunteers: ["non", "", "Oui", "x"]))
        let read = try #require(c, "\(ds)")
        #expect(read.sitters.map(\.kind) == [.employee, .volunteer, .employee, .employee])
        #expect(read.visits.map(\.volunteers) == [false, false, true, true])
        // The one unknown column is the Notes of the small case.
        #expect(ds.filter { $0.message.contains("unknown column") }.count == 1, "\(ds)")
        let english = try #require(
            CSVCaseReader.read(
                Self.withColumns(types: ["", "volunteer", "", "employee"], volunteers: ["", "", "", ""])
            )
            .theCase)
        #expect(english.sitters.map(\.isVolunteer) == [false, true, false, false])
    }

    @Test func aBadTypeOrBenevolesCellIsNamedAtItsCell() {
        let (c, ds) = CSVCaseReader.read(
            Self.withColumns(types: ["", "stagiaire", "", ""], volunteers: ["", "peut-être", "", ""]))
        #expect(c == nil)
        let errors = ds.filter { $0.severity == .error }
        #expect(
            errors.map { "\($0.location): \($0.message)" } == [
                "sitters.csv:4:14 (Type): unknown type \"stagiaire\"",
                "visits.csv:3:11 (Bénévoles): \"peut-être\" is not yes or no",
            ], "\(ds)")
        #expect(errors.first?.fix.contains("employé or bénévole") == true)
    }

    /// What people.md says of a volunteer on call is the validator's warning, located at the garde cell.
    @Test func aVolunteerOnCallIsTheValidatorsWarningAtTheCell() {
        let (c, ds) = CSVCaseReader.read(
            Self.withColumns(types: ["", "", "", "bénévole"], volunteers: ["", "", "", ""]))
        #expect(c?.sitters[3].isVolunteer == true)
        let warning = ds.first { $0.message.contains("is a volunteer, who is never on call") }
        #expect(warning?.location.description == "sitters.csv:6:10 (Garde)", "\(ds)")
    }

    @Test func aCaseWithVolunteersRoundTripsInFrenchAndEnglish() throws {
        var c = try CSVCaseTests.jsonCase()
        c.sitters[1].kind = .volunteer
        c.visits[2].volunteers = true
        c.rules.volunteerMaxMinutesPerWeek = 360
        for headers in [CSVCaseWriter.Headers.french, .english] {
            let files = try CSVCaseWriter.files(c, headers: headers)
            let text = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.text) })
            let french = headers == .french
            #expect(text["sitters.csv"]!.contains(french ? "compétencesGarde;type\r\n" : "onCallCompetencies;kind\r\n"))
            #expect(text["sitters.csv"]!.contains(french ? ";bénévole\r\n" : ";volunteer\r\n"))
            #expect(text["sitters.csv"]!.contains(french ? ";employé\r\n" : ";employee\r\n"))
            #expect(text["visits.csv"]!.contains(french ? "verrouillé;bénévoles\r\n" : "locked;volunteers\r\n"))
            #expect(text["visits.csv"]!.contains(french ? ";non;oui\r\n" : ";no;yes\r\n"))
            let cap = french ? "maxMinutesSemaineBénévole;360\r\n" : "volunteerMaxMinutesPerWeek;360\r\n"
            #expect(text["settings.csv"]!.hasSuffix(cap))
            let (back, ds) = CSVCaseReader.read(files.reduce(into: [:]) { $0[$1.name] = Data($1.text.utf8) })
            #expect(CSVCaseTests.text(try #require(back, "\(ds)")) == CSVCaseTests.text(c))
        }
    }

    /// Without volunteers, the files are those of before: no type column, no bénévoles column.
    @Test func aCaseWithoutVolunteersWritesNeitherColumn() throws {
        let c = try CSVCaseTests.jsonCase()
        let text = Dictionary(uniqueKeysWithValues: try CSVCaseWriter.files(c).map { ($0.name, $0.text) })
        #expect(text["sitters.csv"]!.hasPrefix("\u{FEFF}id;nom;territoireDomicile;"))
        #expect(text["sitters.csv"]!.components(separatedBy: "\r\n")[0].hasSuffix(";compétencesGarde"))
        #expect(text["visits.csv"]!.components(separatedBy: "\r\n")[0].hasSuffix(";assignés;verrouillé"))
        #expect(text["settings.csv"]!.hasSuffix("maxMinutesSemaine;3000\r\n"))
    }
}
