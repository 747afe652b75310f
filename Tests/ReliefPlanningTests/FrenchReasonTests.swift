import ReliefApp
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// The French page and summary write reasons from their facts; a schedule read back
/// from its file gets its facts again from the case.
@Suite("Reasons in French")
struct FrenchReasonTests {
    @Test("the page of a schedule read from its file gives the real blocker in French, naming the sitter")
    func frenchPageFromFile() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", competencies: ["tdah"], maxMinutesPerDay: 480)]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T20:00", competencies: ["tdah"])
        ]
        let c = try b.read()
        let planned = try solve(b)
        let read = try #require(ScheduleReader.read(planned.json()))
        #expect(read.unfilled[0].reasons[0].facts.isEmpty, "the file carries only the English detail")
        let fr = ReportService.html(c, Explainer.withFacts(read, of: c), language: .fr)
        #expect(
            fr.contains(
                "personne ne peut la prendre : S1 remplit toutes les autres règles mais ne peut travailler plus de "
                    + "480 min par jour ; elle dure 720 min"), "\(fr)")
        #expect(!fr.contains("no sitter can take it"))
        let en = ReportService.html(c, Explainer.withFacts(read, of: c), language: .en)
        #expect(en.contains("no sitter can take it: S1 passes every other rule but may work at most 480 min a day"))
    }

    @Test("a reason from another case keeps its own text")
    func foreignReasonKept() throws {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1", maxMinutesPerDay: 60)]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T08:00", end: "2026-11-24T10:00")]
        let c = try b.read()
        var s = try solve(b)
        s.unfilled[0].reasons = [Reason(code: "capacity", detail: "written elsewhere")]
        let again = Explainer.withFacts(s, of: c)
        #expect(again.unfilled[0].reasons == s.unfilled[0].reasons)
        #expect(ReportService.html(c, again, language: .fr).contains("written elsewhere"))
    }

    @Test("an expired credential in French: the sitters named, each with the date it lapsed")
    func frenchExpiredCredential() throws {
        var b = CaseBuilder()
        b.requiredCredentials = ["premiers-soins"]
        b.sitters = [
            SitterSpec(id: "S1", credentials: [("premiers-soins", "2026-11-01")]),
            SitterSpec(id: "S2", credentials: [("premiers-soins", "2026-10-15")]),
        ]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00")]
        let s = try solve(b)
        let fr = ReportService.html(try b.read(), s, language: .fr)
        #expect(
            fr.contains(
                "personne ne peut la prendre : 2 personnes n’ont pas d’attestation premiers-soins valide jusqu’au "
                    + "2026-11-24 (S1, échue le 2026-11-01 ; S2, échue le 2026-10-15)"), "\(fr)")
    }
}
