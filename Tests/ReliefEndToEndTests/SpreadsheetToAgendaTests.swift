import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// The coordinator's whole path, as issue 8 asks: a spreadsheet saved by a
/// spreadsheet program (BOM, `;`, CRLF, a quoted field with a line break,
/// accents) -> `import-csv` -> `plan` -> `agenda` and `report`.
@Suite("Spreadsheet to agendas and the week's page")
struct SpreadsheetToAgendaTests {
    @Test func theBundledWeekFromASpreadsheetToCalendarsAndAPage() throws {
        let dir = try ScratchDirectory()
        let sheets = dir.url.appendingPathComponent("sheets")
        try FileManager.default.copyItem(at: PackageTree.url("Data/quebec-city-week-csv"), to: sheets)
        // A coordinator's edit in a spreadsheet: a family name with accents and a line break.
        let familiesURL = sheets.appendingPathComponent("families.csv")
        var families = String(decoding: try Data(contentsOf: familiesURL), as: UTF8.self)
        #expect(families.hasPrefix("\u{FEFF}") && families.contains(";") && families.contains("\r\n"))
        let edited = "\"Famille Côté-Gagné\r\n(garde partagée; «été»)\""
        families = families.replacingOccurrences(of: ";Famille Cloutier;", with: ";\(edited);")
        #expect(families.contains(edited))
        try Data(families.utf8).write(to: familiesURL)

        let imported = try Relief.run(["import-csv", sheets.path, "-o", dir.path("week.json")], in: dir.url)
        #expect(imported.status == 0, "\(imported)")
        let c = try CaseReader.read(file: dir.path("week.json")).0
        let name = c.families.first { $0.name.hasPrefix("Famille Côté-Gagné") }?.name
        // The line break inside the quoted cell is kept (as the spreadsheet's CRLF or LF).
        #expect(
            name == "Famille Côté-Gagné\r\n(garde partagée; «été»)"
                || name == "Famille Côté-Gagné\n(garde partagée; «été»)")

        let plan = try Relief.run(
            ["plan", dir.path("week.json"), "-o", dir.path("week.schedule.json"), "-q"], in: dir.url)
        #expect(plan.status == 0, "\(plan)")
        #expect(plan.stdout.contains("statut : optimal (prouvé)"))
        let schedule = try #require(
            ScheduleReader.read(
                try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: dir.path("week.schedule.json"))))))
        #expect(ScheduleVerifier(c).violations(of: schedule).isEmpty)

        let agenda = try Relief.run(
            ["agenda", dir.path("week.schedule.json"), "--case", dir.path("week.json"), "--out", dir.path("agendas")],
            in: dir.url)
        #expect(agenda.status == 0, "\(agenda)")
        var events = 0
        for s in c.sitters {
            let url = URL(fileURLWithPath: dir.path("agendas/\(s.id).ics"))
            guard let data = try? Data(contentsOf: url) else { continue }
            let ics = try StrictICS(data)
            events += ics.calendar.events.count
            // Privacy: a family's name never reaches a sitter's phone.
            #expect(!String(decoding: data, as: UTF8.self).contains("Côté-Gagné"))
        }
        #expect(events == schedule.assignments.count + schedule.onCall.count)

        let report = try Relief.run(
            ["report", dir.path("week.schedule.json"), "--case", dir.path("week.json"), "-o", dir.path("week.html")],
            in: dir.url)
        #expect(report.status == 0, "\(report)")
        let page = try String(contentsOfFile: dir.path("week.html"), encoding: .utf8)
        let onPage = PageReading.values(of: "data-unfilled-visit", in: page)
        #expect(onPage.sorted() == schedule.unfilled.map(\.id).sorted())
    }
}
