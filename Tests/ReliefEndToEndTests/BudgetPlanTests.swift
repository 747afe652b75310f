import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// `relief plan` on a week with a program budget and a family cap: the planner
/// fills up to them, never over; `relief verify` agrees; the summary says why a
/// visit stays empty, in French.
@Suite("relief plan with budgets")
struct BudgetPlanTests {
    @Test func planKeepsTheBudgetsAndSaysSo() throws {
        let dir = try ScratchDirectory()
        let text = try String(contentsOf: PackageTree.url("Data/tiny/mathprog-budgets.json"), encoding: .utf8)
        let casePath = try dir.write("case.json", text)
        let outPath = dir.path("out.json")
        let r = try Relief.run(["plan", casePath, "-o", outPath, "-q"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("statut : optimal (prouvé)"), "\(r)")
        #expect(r.stdout.contains("haute   1 postes pourvus sur 1"), "\(r)")
        #expect(r.stdout.contains("normale 3 postes pourvus sur 6"), "\(r)")
        #expect(r.stdout.contains("[budget]"), "\(r)")
        #expect(
            r.stdout.contains(
                "le budget de 400 min du programme tdah n’a plus que 100 min (300 min servies) pour les 120 de la visite"
            ), "\(r)")
        let json = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: outPath)))
        guard case .array(let programs)? = json["programs"] else {
            Issue.record("no programs rows: \(json)")
            return
        }
        #expect(programs.first?["program"] == .string("tdah"))
        guard case .number(let served)? = programs.first?["servedMinutes"] else {
            Issue.record("no servedMinutes: \(programs)")
            return
        }
        // V4 (high, 120) and two tdah positions of at most 280 min between them.
        #expect(served <= 400 && served >= 300, "\(served)")
        let v = try Relief.run(["verify", casePath, outPath], in: dir.url)
        #expect(v.status == 0, "\(v)")
        #expect(v.stdout.contains("schedule keeps every hard rule"), "\(v)")
    }
}
