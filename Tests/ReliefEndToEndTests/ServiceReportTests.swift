import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// A week with programs and ledgers (`Fixtures/weeks-shares.json`: /work/tmp/weeks-case.json with
/// budgets that do not bind) planned, summarised, reported and exported by the binary: the summary,
/// the page's section and the spreadsheets say what the schedule's `families`, `programs` and
/// `levels.fairSharePermille` say, families furthest behind first.
@Suite("the service to families, end to end")
struct ServiceReportTests {
    struct Planned {
        let dir: ScratchDirectory
        let casePath: String
        let plan: CommandResult
        let schedule: Schedule
    }

    static func planned() throws -> Planned {
        let dir = try ScratchDirectory()
        let casePath = dir.path("weeks.json")
        try FileManager.default.copyItem(
            atPath: PackageTree.url("Tests/ReliefEndToEndTests/Fixtures/weeks-shares.json").path, toPath: casePath)
        let plan = try Relief.run(["plan", casePath, "-o", dir.path("s.json")], in: dir.url, timeout: 300)
        try #require(plan.status == 0, "\(plan)")
        let s = try #require(
            ScheduleReader.read(try JSONParser.parse(Data(contentsOf: dir.url.appendingPathComponent("s.json")))))
        return Planned(dir: dir, casePath: casePath, plan: plan, schedule: s)
    }

    /// Family ids with their `floor(1000 × share)`, lowest share first (ties: this week's share, then id).
    static func expectedOrder(_ s: Schedule) -> [String] {
        s.families.sorted {
            let a = ($0.pastServedMinutes + $0.servedMinutes) * max(1, $1.pastRequestedMinutes + $1.requestedMinutes)
            let b = ($1.pastServedMinutes + $1.servedMinutes) * max(1, $0.pastRequestedMinutes + $0.requestedMinutes)
            if a != b { return a < b }
            let wa = $0.servedMinutes * max(1, $1.requestedMinutes)
            let wb = $1.servedMinutes * max(1, $0.requestedMinutes)
            return wa != wb ? wa < wb : $0.family < $1.family
        }.map(\.family)
    }

    @Test func summaryPageAndSpreadsheetsAgreeWithTheSchedule() throws {
        let p = try Self.planned()
        let s = p.schedule
        let level = try #require(s.levels.fairSharePermille)
        try #require(!s.families.isEmpty && s.programs.count == 2)
        let order = Self.expectedOrder(s)
        let percent = "\(level / 10)" + (level % 10 == 0 ? "" : ",\(level % 10)")

        // The summary: the level, the three furthest behind (ids only), both programs.
        #expect(p.plan.stdout.contains("\npart minimale servie : \(percent) % (chaque famille"))
        #expect(p.plan.stdout.contains("\nfamilles les plus en retard : \(order[0]) \(percent) %, \(order[1]) "))
        let tdah = try #require(s.programs.first { $0.program == "tdah" })
        #expect(
            p.plan.stdout.contains(
                "\nprogramme tdah : \(tdah.servedMinutes) minutes servies sur 20000 de budget (\(tdah.servedMinutes * 100 / 20000) %)\n"
            ))
        #expect(p.plan.stdout.contains("\nprogramme general : "))
        #expect(!p.plan.stderr.contains("Famille"), "logs carry ids, never names")

        // The page, in French: every family with its share, furthest behind first; both programs.
        let r = try Relief.run(
            ["report", p.dir.path("s.json"), "--case", p.casePath, "-o", p.dir.path("w.html")], in: p.dir.url)
        #expect(r.status == 0, "\(r)")
        let page = try String(contentsOfFile: p.dir.path("w.html"), encoding: .utf8)
        #expect(page.contains("<h2 id=\"h-service\">Service aux familles</h2>"))
        #expect(PageReading.values(of: "data-fair-share-permille", in: page) == ["\(level)"])
        #expect(PageReading.values(of: "data-family", in: page) == order)
        let byID = Dictionary(uniqueKeysWithValues: s.families.map { ($0.family, $0) })
        #expect(PageReading.values(of: "data-share-permille", in: page) == order.map { "\(byID[$0]!.permille)" })
        #expect(
            PageReading.values(of: "data-served", in: page).prefix(order.count)
                == order.map { "\(byID[$0]!.servedMinutes)" }[...])
        // Why the families at the fair share are there: each of them, with a reason of their visits or ledger.
        let atLevel = s.families.filter { $0.permille == level }.map(\.family)
        #expect(!atLevel.isEmpty && s.families.filter { !$0.reasons.isEmpty }.map(\.family) == atLevel)
        #expect(PageReading.values(of: "data-why-family", in: page) == order.filter(atLevel.contains))
        #expect(page.contains("Pourquoi ces familles sont à la part minimale"))
        #expect(PageReading.values(of: "data-program", in: page) == ["tdah", "general"])
        #expect(PageReading.values(of: "data-budget", in: page) == ["20000"])
        #expect(PageReading.nestingProblems(page) == [])

        // The spreadsheets: the case's files as before, and the two of the service.
        let e = try Relief.run(
            ["export-csv", p.casePath, p.dir.path("csv"), "--schedule", p.dir.path("s.json")], in: p.dir.url)
        #expect(e.status == 0, "\(e)")
        let shares = try CSV.parse(Data(contentsOf: p.dir.url.appendingPathComponent("csv/family-shares.csv"))).rows
            .map(\.texts)
        #expect(shares.first?.first == "famille")
        #expect(shares.dropFirst().map { $0.first ?? "" } == order)
        #expect(shares.dropFirst().map { $0[5] } == order.map { "\(byID[$0]!.permille)" })
        let use = try CSV.parse(Data(contentsOf: p.dir.url.appendingPathComponent("csv/program-use.csv"))).rows.map(
            \.texts)
        #expect(use.dropFirst().map { $0[0] } == ["tdah", "general"])
        #expect(use.dropFirst().first?[1] == "\(tdah.servedMinutes)")
        let back = try Relief.run(["import-csv", p.dir.path("csv"), "-o", p.dir.path("back.json")], in: p.dir.url)
        #expect(back.status == 0, "the case's files still import beside the service's: \(back)")
    }
}
