import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// Volunteers (`people.md`) in what a coordinator hands out: the week page marks them (EN/FR, a
/// legend line), their agenda and the change notice treat them as any sitter; a case without
/// volunteers gets a page without the mark or its style.
@Suite struct VolunteerOutputsTests {
    /// E1 an employee (available on the 24th only), B1 a volunteer; V1 open to volunteers, V2 (same
    /// time) for employees only; with `extra`, V3 on the 25th, open to volunteers: B1's.
    static func week(volunteer: Bool = true, extra: Bool = false) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [
            SitterSpec(id: "E1", availability: [("2026-11-24T00:00", "2026-11-25T00:00")]), SitterSpec(id: "B1"),
        ]
        if volunteer { b.sitters[1].kind = "volunteer" }
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T09:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-24T09:00", end: "2026-11-24T12:00"),
        ]
        b.visits[0].volunteers = volunteer
        if extra {
            b.visits.append(VisitSpec(id: "V3", start: "2026-11-25T14:00", end: "2026-11-25T16:00"))
            b.visits[2].volunteers = true
        }
        return b
    }

    static func planned(_ dir: ScratchDirectory, _ b: CaseBuilder, _ name: String) throws -> (String, String) {
        let c = try dir.write("\(name).json", b.text)
        let s = dir.path("\(name).schedule.json")
        let r = try Relief.run(["plan", c, "-o", s, "--quiet"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        return (c, s)
    }

    @Test func thePageMarksVolunteersInEitherLanguage() throws {
        let dir = try ScratchDirectory()
        let (c, s) = try Self.planned(dir, Self.week(), "week")
        for (lang, word, mark) in [("fr", "bénévole", "B"), ("en", "volunteer", "V")] {
            let page = dir.path("week-\(lang).html")
            let r = try Relief.run(["report", s, "--case", c, "-o", page, "--lang", lang], in: dir.url)
            #expect(r.status == 0, "\(r)")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            let abbr = "<abbr class=\"vol\" title=\"\(word)\">\(mark)</abbr>"
            let rows = html.components(separatedBy: "<tr data-sitter=").dropFirst()
            #expect(rows.first { $0.hasPrefix("\"B1\"") }?.contains(abbr) == true, "\(lang)")
            #expect(rows.first { $0.hasPrefix("\"E1\"") }?.contains("class=\"vol\"") == false, "\(lang)")
            #expect(html.contains("<li>\(abbr) \(word)</li>"), "\(lang)")
            #expect(html.contains("abbr.vol {"))
        }
        // Without volunteers: no mark, no legend line, no style.
        let (c0, s0) = try Self.planned(dir, Self.week(volunteer: false), "plain")
        let page = dir.path("plain.html")
        #expect(try Relief.run(["report", s0, "--case", c0, "-o", page], in: dir.url).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(!html.contains("vol"), "\(html.components(separatedBy: "vol").count - 1) hits")
    }

    @Test func aVolunteerGetsAnAgendaAndNotices() throws {
        let dir = try ScratchDirectory()
        let (c, s) = try Self.planned(dir, Self.week(), "week")
        let out = dir.path("agendas")
        let agenda = try Relief.run(["agenda", s, "--case", c, "--out", out], in: dir.url)
        #expect(agenda.status == 0, "\(agenda)")
        let ics = try String(contentsOfFile: out + "/B1.ics", encoding: .utf8)
        #expect(ics.contains("BEGIN:VEVENT") && ics.contains("V1"), "\(ics)")
        #expect(!ics.contains("V2"))
        let team = try String(contentsOfFile: out + "/team.csv", encoding: .utf8)
        #expect(team.contains("B1"))
        // One more visit open to volunteers: the notice tells B1 of V3, as it would an employee.
        let (c2, s2) = try Self.planned(dir, Self.week(extra: true), "next")
        let diff = try Relief.run(["diff", s, s2, "--case", c2, "--old-case", c, "--lang", "en"], in: dir.url)
        #expect(diff.status == 0, "\(diff)")
        #expect(diff.stdout.contains("B1: new visit V3 Wed 25 Nov 14:00–16:00 (family F1)"), "\(diff.stdout)")
        #expect(diff.stdout.contains("new request V3 Wed 25 Nov 14:00–16:00: B1"), "\(diff.stdout)")
    }
}
