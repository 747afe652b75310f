import Foundation
import ReliefApp
import ReliefCore
import ReliefRender
import Testing

/// The service to families and programs (`weeks.md`) as the plan summary, the week page and
/// the spreadsheets show it, from a schedule's own rows: the order furthest behind first, the
/// French and English words, the budget bars' values; nothing at all without rows.
@Suite("service to families and programs, rendered")
struct ServiceViewTests {
    static func family(_ id: String, _ req: Int, _ served: Int, past: (Int, Int) = (0, 0)) -> FamilyShare {
        FamilyShare(
            family: id, requestedMinutes: req, servedMinutes: served, pastRequestedMinutes: past.0,
            pastServedMinutes: past.1)
    }

    /// F1 12,5 % (60 of 480 with the ledger); F5, F3 and F6 all 50 % over the ledger, F5 with
    /// nothing this week, F3 and F6 alike (their ids decide); F2 100 %.
    static var schedule: Schedule {
        var s = Schedule(
            caseName: "shares", status: .optimal,
            levels: Levels(onCallMinutes: 0, urgentSlots: 0, highSlots: 0, normalSlots: 4, fairSharePermille: 125),
            assignments: [], onCall: [], unfilled: [], unstaffedShifts: [], solver: SolverReport(seconds: 0.5, gap: 0))
        s.families = [
            family("F2", 180, 180), family("F3", 360, 180), family("F1", 180, 60, past: (300, 0)),
            family("F6", 360, 180), family("F5", 180, 0, past: (180, 180)),
        ]
        s.programs = [
            ProgramUse(program: "tdah", servedMinutes: 450, budgetMinutes: 600),
            ProgramUse(program: "general", servedMinutes: 900, budgetMinutes: nil),
        ]
        return s
    }

    static let caseJSON = """
        { "format": "relief.case/1", "name": "shares", "timeZone": "America/Toronto",
          "horizon": { "start": "2026-11-23T00:00", "end": "2026-11-30T00:00" },
          "territories": [ { "id": "north", "name": "North" } ], "travel": [],
          "programs": [ { "id": "tdah", "name": "Répit TDAH", "budgetMinutes": 600 },
                        { "id": "general", "name": "Répit-dépannage" } ],
          "sitters": [ { "id": "S1", "homeTerritory": "north",
                         "availability": [ { "start": "2026-11-23T00:00", "end": "2026-11-30T00:00" } ] } ],
          "families": [
            { "id": "F1", "name": "Famille Roy", "territory": "north", "programs": [ "tdah" ],
              "ledger": [ { "weekStart": "2026-11-16", "requestedMinutes": 300, "servedMinutes": 0 } ] },
            { "id": "F2", "name": "Famille Côté", "territory": "north" },
            { "id": "F3", "name": "Famille Dubé", "territory": "north" },
            { "id": "F5", "name": "Famille Morin", "territory": "north" },
            { "id": "F6", "name": "Famille Ouellet", "territory": "north" } ],
          "visits": [], "onCallShifts": [] }
        """

    static func page(_ s: Schedule, _ language: Language) throws -> String {
        let (c, _) = try CaseReader.read(data: Data(caseJSON.utf8), file: "shares.json")
        return HTMLWeekPage(ReportWeek(c, s, violations: []), language: language).html
    }

    /// Every value of `attribute="..."` in the page, in order.
    static func values(_ attribute: String, _ page: String) -> [String] {
        page.components(separatedBy: " \(attribute)=\"").dropFirst().map {
            String($0.prefix(while: { $0 != "\"" }))
        }
    }

    @Test func furthestBehindFirst() {
        let v = ServiceView(Self.schedule)
        #expect(v.families.map(\.family) == ["F1", "F5", "F3", "F6", "F2"])
        #expect(v.families.map(\.permille) == [125, 500, 500, 500, 1000])
        #expect(v.histogram == [0, 1, 0, 0, 0, 3, 0, 0, 0, 1])
        #expect(ServiceView.percent(permille: 125, decimalComma: true) == "12,5")
        #expect(ServiceView.percent(permille: 420, decimalComma: false) == "42")
    }

    @Test func summaryInFrenchAndEnglish() {
        let v = ServiceView(Self.schedule)
        #expect(
            v.summaryLines(.fr) == [
                "part minimale servie : 12,5 % (chaque famille a reçu au moins cette part de ses demandes, "
                    + "registre compris)",
                "familles les plus en retard : F1 12,5 %, F5 50 %, F3 50 %",
                "programme tdah : 450 minutes servies sur 600 de budget (75 %)",
                "programme general : 900 minutes servies (sans budget)",
            ])
        #expect(
            v.summaryLines(.en) == [
                "fair share: 12.5 % (every family got at least this part of what it asked for, ledger included)",
                "furthest behind: F1 12.5 %, F5 50 %, F3 50 %",
                "program tdah: 450 of 600 budget minutes served (75 %)",
                "program general: 900 minutes served (no budget)",
            ])
    }

    @Test func whyTheFamiliesAtTheLevelAreThere() throws {
        var s = Self.schedule
        let i = try #require(s.families.firstIndex { $0.family == "F1" })
        s.families[i].reasons = [
            FamilyReason(visit: "V7", reason: Reason(code: "capacity", detail: "S1 is on V2 (normal) at that time")),
            FamilyReason(visit: "V9", reason: Reason(code: "budget", detail: "the budget is used up")),
        ]
        let j = try #require(s.families.firstIndex { $0.family == "F5" })
        s.families[j].reasons = [
            FamilyReason(visit: nil, reason: Reason(code: FamilyReason.ledgerCode, detail: "earlier weeks"))
        ]
        let fr = ServiceView(s).summaryLines(.fr)
        // Ids and codes only: the details name needs and go to the page.
        #expect(fr.contains("F1 à la part minimale : V7 (capacity), V9 (budget)"))
        #expect(
            fr.contains(
                "F5 à la part minimale : ses semaines précédentes (toutes ses visites de la semaine sont pourvues)"))
        #expect(!fr.joined().contains("S1 is on"))
        #expect(ServiceView(s).summaryLines(.en).contains("F1 at the fair share: V7 (capacity), V9 (budget)"))
        // Without reasons, no such line.
        #expect(!ServiceView(Self.schedule).summaryLines(.fr).joined().contains("à la part minimale :"))
    }

    @Test func nothingWithoutRows() throws {
        var s = Self.schedule
        (s.families, s.programs, s.levels.fairSharePermille) = ([], [], nil)
        #expect(ServiceView(s).isEmpty)
        #expect(ServiceView(s).summaryLines(.fr).isEmpty)
        #expect(ServiceView(s).csvTables(english: false).isEmpty)
        let page = try Self.page(s, .fr)
        #expect(!page.contains("id=\"service\"") && !page.contains("id=\"programs\""))
        #expect(!page.contains("table.list.service"), "the section's style only comes with the section")
    }

    /// `rules.fairShare: "off"` with programs: the schedule has programs' rows only, and so do the summary and page.
    @Test func programsAlone() throws {
        var s = Self.schedule
        (s.families, s.levels.fairSharePermille) = ([], nil)
        #expect(
            ServiceView(s).summaryLines(.fr) == [
                "programme tdah : 450 minutes servies sur 600 de budget (75 %)",
                "programme general : 900 minutes servies (sans budget)",
            ])
        let page = try Self.page(s, .fr)
        #expect(!page.contains("id=\"service\"") && page.contains("<section id=\"programs\""))
        #expect(ServiceView(s).csvTables(english: false).map(\.name) == ["program-use.csv"])
    }

    @Test func pageSectionInFrench() throws {
        let page = try Self.page(Self.schedule, .fr)
        #expect(page.contains("<h2 id=\"h-service\">Service aux familles</h2>"))
        #expect(page.contains("Part minimale servie : <b>12,5\u{A0}%</b>"))
        #expect(Self.values("data-family", page) == ["F1", "F5", "F3", "F6", "F2"])
        #expect(Self.values("data-share-permille", page) == ["125", "500", "500", "500", "1000"])
        #expect(Self.values("data-fair-share-permille", page) == ["125"])
        // Names on the coordinator's page, as the unfilled visits show them; the least served marked.
        #expect(
            page.contains(
                "data-past-requested=\"300\" class=\"least\"><th scope=\"row\"><span class=\"sid\">F1</span> Famille Roy</th>"
            ))
        #expect(
            page.contains(
                "<td class=\"num\">1 h / 3 h</td><td class=\"num\">33,3\u{A0}%</td><td class=\"num\">0 h / 5 h</td>"))
        // F1's bar: 12,5 % of 160 px, the fair-share tick at the same place.
        #expect(page.contains("<rect x=\"0\" y=\"3\" width=\"20.0\" height=\"10\" fill=\"#3b5ba9\"/><line x1=\"20.0\""))
        #expect(page.contains("1 famille de 10 à 20 %; 3 familles de 50 à 60 %; 1 famille de 90 à 100 %"))
        // Programs: tdah 450 of 600 minutes, a bar 75 % of 160 px; general without a budget, no bar.
        #expect(Self.values("data-program", page) == ["tdah", "general"])
        #expect(Self.values("data-budget", page) == ["600"])
        #expect(
            page.contains("<td class=\"num\">7,5 h</td><td class=\"num\">10 h</td><td class=\"num\">75\u{A0}%</td>"))
        #expect(page.contains("width=\"120.0\" height=\"10\" fill=\"#3b5ba9\"/></svg>"))
        #expect(page.contains("Répit-dépannage</th><td class=\"num\">15 h</td><td class=\"num\">sans budget</td>"))
    }

    @Test func pageSectionInEnglish() throws {
        let page = try Self.page(Self.schedule, .en)
        #expect(page.contains("<h2 id=\"h-service\">Service to families</h2>"))
        #expect(page.contains("Fair share: <b>12.5%</b>"))
        #expect(page.contains("<h2 id=\"h-programs\">Programs and budgets</h2>"))
        #expect(page.contains("1 family from 10 to 20 %; 3 families from 50 to 60 %"))
        #expect(page.contains("<td class=\"num\">no budget</td>"))
        #expect(!page.contains("Service aux familles"))
    }

    @Test func spreadsheetTables() {
        let fr = ServiceView(Self.schedule).csvTables(english: false)
        #expect(fr.map(\.name) == ["family-shares.csv", "program-use.csv"])
        #expect(
            fr[0].rows.prefix(2).map { $0 } == [
                [
                    "famille", "minutesDemandées", "minutesServies", "minutesDemandéesAvant", "minutesServiesAvant",
                    "partPourMille", "partSemainePourMille",
                ],
                ["F1", "180", "60", "300", "0", "125", "333"],
            ])
        #expect(fr[0].rows.dropFirst().map { $0[0] } == ["F1", "F5", "F3", "F6", "F2"])
        #expect(
            fr[1].rows == [
                ["programme", "minutesServies", "minutesBudget", "utiliséPourMille"], ["tdah", "450", "600", "750"],
                ["general", "900", "", ""],
            ])
        let en = ServiceView(Self.schedule).csvTables(english: true)
        #expect(
            en[0].rows[0].first == "family"
                && en[1].rows[0] == ["program", "servedMinutes", "budgetMinutes", "usedPermille"])
    }
}
