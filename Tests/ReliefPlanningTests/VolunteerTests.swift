import Foundation
import ReliefApp
import ReliefCore
import ReliefTestSupport
import Testing

/// `people.md`, volunteers: visits that allow them only, never on call, their own weekly cap.
@Suite("Volunteers: the visits that allow them, never on call, their weekly cap")
struct VolunteerTests {
    static let tuesday = ("2026-11-24T10:00", "2026-11-24T12:00")

    static func volunteer(_ id: String) -> SitterSpec {
        var s = SitterSpec(id: id)
        s.kind = "volunteer"
        return s
    }

    static func visit(_ id: String, day: Int = 24, volunteers: Bool? = nil) -> VisitSpec {
        var v = VisitSpec(id: id, start: "2026-11-\(day)T09:00", end: "2026-11-\(day)T12:00")
        v.volunteers = volunteers
        return v
    }

    @Test("kind, volunteers and volunteerMaxMinutesPerWeek are read and written back only when present")
    func roundTrip() throws {
        var b = CaseBuilder()
        b.sitters = [Self.volunteer("B1"), SitterSpec(id: "S1")]
        b.visits = [Self.visit("V1", volunteers: true), Self.visit("V2")]
        b.volunteerMaxMinutesPerWeek = 300
        let c = try b.read()
        #expect(c.sitters.map(\.kind) == [.volunteer, .employee])
        #expect(c.visits.map(\.volunteers) == [true, false])
        #expect(c.rules.volunteerMaxMinutesPerWeek == 300)
        let text = CaseWriter.json(c).serialized()
        let back = try CaseReader.read(data: Data(text.utf8), file: "back.json").0
        #expect(CaseWriter.json(back).serialized() == text)
        #expect(text.contains("\"volunteer\"") && text.contains("\"volunteers\"") && text.contains("300"))
        // Without the fields nothing new is written.
        let plain = try CaseBuilder(sitters: [SitterSpec(id: "S1")], visits: [Self.visit("V1")]).read()
        let plainText = CaseWriter.json(plain).serialized()
        #expect(!plainText.contains("kind") && !plainText.contains("volunteer"))
    }

    @Test("an unknown kind is an input error naming the place")
    func unknownKind() throws {
        var b = CaseBuilder()
        var s = SitterSpec(id: "B1")
        s.kind = "intern"
        b.sitters = [s]
        let error = #expect(throws: InputError.self) { try b.read() }
        #expect(error?.errors.map(\.path) == ["$.sitters[0].kind"])
    }

    @Test("a volunteer locked on a visit that does not allow volunteers is an input error")
    func lockedVolunteer() throws {
        var b = CaseBuilder()
        b.sitters = [Self.volunteer("B1")]
        var v = Self.visit("V1")
        v.assigned = ["B1"]
        v.locked = true
        b.visits = [v]
        let error = #expect(throws: InputError.self) { try b.read() }
        #expect(error?.errors.map(\.path) == ["$.visits[0].assigned[0]"])
        #expect(error?.errors.first?.message.contains("volunteer") == true)
        b.visits[0].volunteers = true
        #expect(throws: Never.self) { try b.read() }
    }

    @Test("a volunteer takes only visits that allow volunteers")
    func onlyVolunteerVisits() throws {
        var b = CaseBuilder()
        b.sitters = [Self.volunteer("B1")]
        b.visits = [Self.visit("V1")]
        // Without the rule B1 would take V1.
        #expect(try solve(b).levels == levels())
        b.visits[0].volunteers = true
        let s = try solve(b)
        #expect(s.levels == levels(normal: 1))
        #expect(s.sitters(on: "V1") == ["B1"])
    }

    @Test("a volunteer is never on call, whatever their onCall says")
    func neverOnCall() throws {
        var b = CaseBuilder()
        var v = Self.volunteer("B1")
        v.onCall = OnCallSpec(eligible: true)
        b.sitters = [v]
        b.shifts = [ShiftSpec(id: "O1", start: "2026-11-24T18:00", end: "2026-11-25T00:00")]
        let s = try solve(b)
        #expect(s.levels == levels())
        #expect(s.unstaffedCodes("O1") == ["not-on-call"])
        b.sitters[0].kind = nil  // the same person as an employee takes it
        #expect(try solve(b).levels == levels(onCall: 360))
    }

    @Test("a volunteer's week: 480 minutes by default, the rules' volunteer cap, the volunteer's own")
    func weeklyCap() throws {
        var b = CaseBuilder()
        b.sitters = [Self.volunteer("B1")]
        // Three 3-hour visits on three days: 540 minutes, over the default 480.
        b.visits = [24, 25, 26].map { Self.visit("V\($0)", day: $0, volunteers: true) }
        #expect(try solve(b).levels == levels(normal: 2))
        b.volunteerMaxMinutesPerWeek = 180
        #expect(try solve(b).levels == levels(normal: 1))
        b.sitters[0].maxMinutesPerWeek = 600  // the volunteer's own limit wins
        #expect(try solve(b).levels == levels(normal: 3))
        // An employee is held to rules.maxMinutesPerWeek (3000), not the volunteer cap.
        b.sitters[0] = SitterSpec(id: "S1")
        #expect(try solve(b).levels == levels(normal: 3))
    }
}

/// `people.md`'s reason codes: `volunteer-only` for a visit only volunteers could have taken,
/// `not-for-volunteers` naming them, in English and French.
@Suite("Volunteers in the explanations: volunteer-only and not-for-volunteers")
struct VolunteerReasonTests {
    @Test("a visit only a volunteer could take is volunteer-only, naming the volunteer")
    func volunteerOnly() throws {
        var b = CaseBuilder()
        b.sitters = [VolunteerTests.volunteer("B1"), SitterSpec(id: "S1", availability: [])]
        b.visits = [VolunteerTests.visit("V1")]
        let s = try solve(b)
        #expect(s.unfilledCodes("V1")?.first == "volunteer-only")
        let reason = try #require(s.unfilled.first?.reasons.first)
        #expect(reason.detail.contains("B1") && reason.detail.contains("volunteer"))
        let french = ReportService.html(try b.read(), s, language: .fr)
        #expect(french.contains("1 personne est bénévole, et la visite n’accepte pas de bénévoles"), "\(french)")
        // An employee who could take it but is busy: no volunteer-only.
        b.sitters[1] = SitterSpec(id: "S1")
        b.visits.append(VisitSpec(id: "V0", start: "2026-11-24T09:00", end: "2026-11-24T12:00", priority: "urgent"))
        let t = try solve(b)
        #expect(t.unfilledCodes("V1")?.contains("volunteer-only") == false)
    }
}
