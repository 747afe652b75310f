import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// Events and what-if scenarios on a case with programs, ledgers, a standing request and a
/// weekly availability (`PackageTree.smallWeeksCase`): they keep what they do not touch, a
/// request bills its visit to a program checked like a visit's, and `set-program` changes
/// a program's budgets.
@Suite("Events and scenarios across weeks")
struct WeeksChangesTests {
    let base: Case
    let clock = CaseClock(identifier: "America/Toronto")!

    init() throws {
        base = try CaseReader.read(data: Data(PackageTree.smallWeeksCase().serialized().utf8), file: "weeks.json").0
    }

    func t(_ s: String) -> Instant { CaseFixture.t(s) }
    func span(_ a: String, _ b: String) -> TimeSpan { TimeSpan(start: t(a), end: t(b)) }

    /// A visit.request read from its JSON, with `program` when given.
    func request(_ id: String, visit: String, family: String, program: String?) throws -> Event {
        let billed = program.map { #", "program": "\#($0)""# } ?? ""
        let json = """
            { "format": "relief.event/1", "id": "\(id)", "type": "visit.request",
              "visit": { "id": "\(visit)", "family": "\(family)", "start": "2026-11-24T14:00",
                         "end": "2026-11-24T16:00"\(billed) } }
            """
        return try EventReader.read(data: Data(json.utf8), file: "e.json", clock: clock)
    }

    /// The fields of `weeks.md` as comparable values.
    struct WeeksFields: Equatable {
        var programs: [Program]
        var enrolled: [String: [String]]
        var ledgers: [String: [LedgerEntry]]
        var standing: [StandingRequest]
        var weekly: [String: [WeeklySlot]]

        init(_ c: Case) {
            programs = c.programs
            enrolled = Dictionary(uniqueKeysWithValues: c.families.map { ($0.id, $0.programs) })
            ledgers = Dictionary(uniqueKeysWithValues: c.families.map { ($0.id, $0.ledger) })
            standing = c.standing
            weekly = Dictionary(uniqueKeysWithValues: c.sitters.map { ($0.id, $0.weeklyAvailability) })
        }
    }

    // MARK: - Events

    @Test func everyEventKeepsProgramsLedgersStandingRequestsAndWeeklyAvailability() throws {
        let events: [Event] = [
            try request("e1", visit: "V9", family: "F1", program: "tdah"),
            Event(id: "e2", kind: .visitCancel(visit: "V3")),
            Event(id: "e3", kind: .sitterAbsence(sitter: "S2", span: span("2026-11-23T08:00", "2026-11-23T12:00"))),
            Event(
                id: "e4",
                kind: .visitChange(
                    Visit(id: "V2", family: "F2", span: span("2026-11-23T10:00", "2026-11-23T12:00"), sitters: 2))),
            Event(
                id: "e5", kind: .sitterAvailability(sitter: "S2", span: span("2026-11-23T06:00", "2026-11-23T08:00"))),
            Event(id: "e6", kind: .assignmentConfirm(visit: "V1", sitter: "S1")),
        ]
        let want = WeeksFields(base)
        #expect(!want.programs.isEmpty && !want.standing.isEmpty)
        for e in events {
            let c = try EventApplier.apply(e, to: base).get()
            #expect(WeeksFields(c) == want, "\(e.id)")
            // What the daemon stores (CaseWriter) reads back the same, with every field of weeks.md.
            let written = CaseWriter.json(c).serialized()
            let again = try CaseReader.read(data: Data(written.utf8), file: "case.json").0
            #expect(WeeksFields(again) == want, "\(e.id)")
            #expect(CaseWriter.json(again).serialized() == written, "\(e.id)")
            #expect(again.visits.map(\.program) == c.visits.map(\.program), "\(e.id)")
        }
        // The events in a row too.
        let all = EventApplier.apply(events, to: base)
        #expect(all.refused.isEmpty, "\(all.refused)")
        #expect(WeeksFields(all.theCase) == want)
    }

    @Test func aRequestBillsItsVisitToTheProgramItNames() throws {
        let c = try EventApplier.apply(try request("e1", visit: "V9", family: "F1", program: "tdah"), to: base).get()
        let v = try #require(c.visits.last)
        #expect(v.id == "V9" && v.program == "tdah")
        // Without program: the family's only program (F2 is in general alone), else none (F1 has two).
        let f2 = try EventApplier.apply(try request("e2", visit: "V10", family: "F2", program: nil), to: base).get()
        let v10 = try #require(f2.visits.last)
        #expect(v10.program == nil)
        #expect(f2.billedProgram(v10, family: f2.families[1]) == "general")
        let f1 = try EventApplier.apply(try request("e3", visit: "V11", family: "F1", program: nil), to: base).get()
        #expect(f1.billedProgram(try #require(f1.visits.last), family: f1.families[0]) == nil)
    }

    /// The errors of a refused event or scenario as `location: message`, each with a fix.
    func errors(_ r: Result<Case, InputError>, _ what: String) -> [String] {
        switch r {
        case .success:
            Issue.record("\(what) was applied")
            return []
        case .failure(let err):
            for d in err.errors { #expect(!d.fix.isEmpty, "no fix: \(d)") }
            return err.errors.map { "\($0.location): \($0.message)" }
        }
    }

    func refused(_ e: Event, to c: Case? = nil) -> [String] { errors(EventApplier.apply(e, to: c ?? base), e.id) }

    @Test func aRequestsProgramIsCheckedLikeAVisits() throws {
        #expect(
            refused(try request("e1", visit: "V9", family: "F1", program: "sponsor"))
                == [#"event e1 visit.program: unknown program "sponsor""#])
        #expect(
            refused(try request("e2", visit: "V9", family: "F2", program: "tdah"))
                == ["event e2 visit.program: program tdah is not one of family F2's programs"])
    }

    @Test func aRepeatedRequestBilledToAnotherProgramIsAConflict() throws {
        let first = try EventApplier.apply(try request("e1", visit: "V9", family: "F1", program: "tdah"), to: base)
            .get()
        // The same request again changes nothing.
        let same = try EventApplier.apply(try request("e2", visit: "V9", family: "F1", program: "tdah"), to: first)
            .get()
        #expect(same.visits.count == first.visits.count)
        let errors = refused(try request("e3", visit: "V9", family: "F1", program: "general"), to: first)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("event e3 visit.id: visit V9 already exists with other content") == true)
        #expect(errors.first?.hasSuffix("(it has program tdah)") == true, "\(errors)")
    }

    @Test func aChangeOfProgramAloneKeepsTheLock() throws {
        let v4 = try #require(base.visits.first { $0.id == "V4" })
        #expect(v4.locked && v4.program == "tdah")
        var billed = v4
        billed.program = "general"
        billed.assigned = []
        billed.locked = false
        let c = try EventApplier.apply(Event(id: "e1", kind: .visitChange(billed)), to: base).get()
        let after = try #require(c.visits.first { $0.id == "V4" })
        #expect(after.program == "general" && after.locked && after.assigned == ["S1"])
        billed.program = "sponsor"
        #expect(
            refused(Event(id: "e2", kind: .visitChange(billed)))
                == [#"event e2 visit.program: unknown program "sponsor""#])
    }

    // MARK: - Scenarios: reading set-program

    func readOne(_ change: String) throws -> Result<Scenario, InputError> {
        try ScenarioFixture.read(ScenarioFixture.file(["[ \(change) ]"]))[0].scenario
    }

    func unreadable(_ change: String) throws -> [String] {
        switch try readOne(change) {
        case .success(let s):
            Issue.record("read as \(s)")
            return []
        case .failure(let e): return e.errors.map { "\($0.location): \($0.message)" }
        }
    }

    @Test func setProgramReadsANumberNullOrNothingForEachBudget() throws {
        let s = try readOne(#"{ "op": "set-program", "program": "tdah", "budgetMinutes": 6000 }"#).get()
        #expect(s.changes == [.setProgram(program: "tdah", budgetMinutes: .some(6000), familyMinutesPerWeek: nil)])
        let open = try readOne(
            #"{ "op": "set-program", "program": "tdah", "budgetMinutes": null, "familyMinutesPerWeek": 480 }"#
        ).get()
        #expect(
            open.changes == [.setProgram(program: "tdah", budgetMinutes: .some(nil), familyMinutesPerWeek: .some(480))])
        #expect(ScenarioChange.ops.contains("set-program") && open.changes[0].op == "set-program")
    }

    @Test func setProgramRefusesWhatItCannotRead() throws {
        let at = "$.scenarios[0].changes[0]"
        #expect(
            try unreadable(#"{ "op": "set-program", "program": "tdah" }"#)
                == ["\(at).budgetMinutes: missing, and no familyMinutesPerWeek"])
        #expect(try unreadable(#"{ "op": "set-program", "budgetMinutes": 10 }"#) == ["\(at).program: missing"])
        #expect(
            try unreadable(#"{ "op": "set-program", "program": "tdah", "budgetMinutes": -5 }"#)
                == ["\(at).budgetMinutes: -5 is out of range"])
        #expect(
            try unreadable(#"{ "op": "set-program", "program": "tdah", "familyMinutesPerWeek": "lots" }"#)
                == ["\(at).familyMinutesPerWeek: is a string, expected a whole number"])
    }

    // MARK: - Scenarios: applying set-program

    func applied(_ changes: String) throws -> Case {
        try ScenarioApplier.apply(try ScenarioFixture.scenario(changes), index: 0, to: base).get()
    }

    func refusedScenario(_ changes: String, index: Int = 0) throws -> [String] {
        errors(ScenarioApplier.apply(try ScenarioFixture.scenario(changes), index: index, to: base), "the scenario")
    }

    @Test func setProgramSetsAndRemovesBudgetsAndKeepsTheRest() throws {
        let raised = try applied(#"[ { "op": "set-program", "program": "tdah", "budgetMinutes": 200000 } ]"#)
        #expect(
            raised.programs[0]
                == Program(id: "tdah", name: "Répit TDAH", budgetMinutes: 200_000, familyMinutesPerWeek: 10_000))
        #expect(raised.programs[1] == base.programs[1])
        let open = try applied(
            #"[ { "op": "set-program", "program": "tdah", "budgetMinutes": null, "familyMinutesPerWeek": null } ]"#)
        #expect(open.programs[0].budgetMinutes == nil && open.programs[0].familyMinutesPerWeek == nil)
        let capped = try applied(#"[ { "op": "set-program", "program": "general", "familyMinutesPerWeek": 480 } ]"#)
        #expect(capped.programs[1].familyMinutesPerWeek == 480 && capped.programs[1].budgetMinutes == nil)
        for c in [raised, open, capped] {
            var w = WeeksFields(c)
            w.programs = base.programs
            #expect(w == WeeksFields(base))
        }
    }

    @Test func setProgramErrorsNameTheChangeAndTheField() throws {
        #expect(
            try refusedScenario(#"[ { "op": "set-program", "program": "sponsor", "budgetMinutes": 60 } ]"#, index: 2)
                == ["$.scenarios[2].changes[0].program: unknown program sponsor"])
        // V4 is locked to S1 for 120 minutes billed to tdah: a budget of 60 is already broken.
        let over = try refusedScenario(
            """
            [ { "op": "remove-sitter", "sitter": "S2" },
              { "op": "set-program", "program": "tdah", "budgetMinutes": 60 } ]
            """)
        #expect(
            over == [
                "$.scenarios[0].changes[1].budgetMinutes: the locked assignments already use 120 served minutes of program tdah, over its budget of 60"
            ])
        let perFamily = try refusedScenario(
            #"[ { "op": "set-program", "program": "tdah", "familyMinutesPerWeek": 100 } ]"#)
        #expect(
            perFamily == [
                "$.scenarios[0].changes[0].familyMinutesPerWeek: the locked assignments already give family F1 120 served minutes of program tdah, over its 100 a week"
            ])
    }

    @Test func scaledVisitsKeepTheirProgram() throws {
        let c = try applied(#"[ { "op": "scale-demand", "factor": 3, "seed": 7 } ]"#)
        let copies = c.visits.filter { $0.id.hasPrefix("SCALE-") }
        #expect(copies.count == 8)
        let source = Dictionary(uniqueKeysWithValues: base.visits.map { ($0.span.start, $0) })
        for v in copies {
            let from = try #require(source[v.span.start])
            #expect(v.program == from.program, "\(v.id)")
        }
        #expect(copies.contains { $0.program == "tdah" })
    }
}
