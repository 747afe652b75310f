import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// Volunteers (`people.md`) in `whatif --min-staff` (the headcount's employees and volunteers apart)
/// and `whatif --suggest-hires` (a volunteer profile where short visits allow volunteers).
@Suite struct VolunteerStaffingTests {
    /// V1 open to volunteers and V2 for employees, at the same time; E1 and E2 employees (E2 not
    /// available then), B1 a volunteer: the fewest sitters are E1 and B1.
    static func pair(volunteers: Bool) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [
            SitterSpec(id: "E1"), SitterSpec(id: "E2", availability: [("2026-11-26T00:00", "2026-11-27T00:00")]),
            SitterSpec(id: "B1"),
        ]
        if volunteers { b.sitters[2].kind = "volunteer" }
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T09:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-24T09:00", end: "2026-11-24T12:00"),
        ]
        b.visits[0].volunteers = volunteers
        return b
    }

    func run(_ b: CaseBuilder, _ extra: [String]) throws -> CommandResult {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", b.text)
        let r = try Relief.run(["whatif", c] + extra, in: dir.url)
        #expect(r.status == 0, "\(r)")
        return r
    }

    @Test func minStaffSaysHowManyEmployeesAndVolunteers() throws {
        let doc = try JSONParser.parse(
            try run(Self.pair(volunteers: true), ["--min-staff", "--format", "json"]).stdout)
        #expect(doc["count"] == .number(2))
        #expect(doc["sitters"] == .array([.string("E1"), .string("B1")]))
        #expect(doc["employees"] == .number(1))
        #expect(doc["volunteers"] == .number(1))
        let fr = try run(Self.pair(volunteers: true), ["--min-staff"]).stdout
        #expect(
            fr.contains("2 intervenant·es nécessaires (borne inférieure 2, optimal), dont 1 employé·e et 1 bénévole\n"),
            "\(fr)")
        let en = try run(Self.pair(volunteers: true), ["--min-staff", "--lang", "en"]).stdout
        #expect(en.contains("(lower bound 2, optimal), of whom 1 employee and 1 volunteer\n"), "\(en)")
        // Without volunteers, nothing of them.
        let plain = try JSONParser.parse(
            try run(Self.pair(volunteers: false), ["--min-staff", "--format", "json"]).stdout)
        #expect(plain["count"] == .number(2))
        #expect(plain["employees"] == nil && plain["volunteers"] == nil)
        #expect(!(try run(Self.pair(volunteers: false), ["--min-staff"]).stdout.contains("dont")))
    }

    /// A alone; V2 (high, employees) is A's, V1 (normal) is short: open to volunteers, the hire is a volunteer.
    static func short(open: Bool) -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "A")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T09:00", end: "2026-11-24T12:00"),
            VisitSpec(id: "V2", start: "2026-11-24T09:00", end: "2026-11-24T12:00", priority: "high"),
        ]
        b.visits[0].volunteers = open
        return b
    }

    @Test func suggestHiresProposesAVolunteerWhereTheShortVisitAllowsOne() throws {
        let doc = try JSONParser.parse(
            try run(Self.short(open: true), ["--suggest-hires", "1", "--format", "json"]).stdout)
        guard case .array(let hires)? = doc["hires"], let first = hires.first else {
            Issue.record("no hire in \(doc)")
            return
        }
        #expect(first["kind"] == .string("volunteer"))
        #expect(first["source"] == .string("unfilled"))
        #expect(first["fills"] == .array([.string("V1")]))
        #expect(first["gain"]?["normalSlots"] == .number(1))
        let text = try run(Self.short(open: true), ["--suggest-hires", "1"]).stdout
        #expect(text.contains("1. NEW-1 (nouveau profil tiré des visites non pourvues, bénévole)"), "\(text)")
        // Not open to volunteers: an employee, and no kind written.
        let plain = try JSONParser.parse(
            try run(Self.short(open: false), ["--suggest-hires", "1", "--format", "json"]).stdout)
        guard case .array(let ph)? = plain["hires"], let p = ph.first else {
            Issue.record("no hire in \(plain)")
            return
        }
        #expect(p["kind"] == nil)
        #expect(p["fills"] == .array([.string("V1")]))
    }
}
