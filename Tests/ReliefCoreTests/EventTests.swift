import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// Events (`relief.event/1`) read and applied to the small case of the fixtures:
/// each kind with its exact effect, each refusal with its location and words.
@Suite("Events")
struct EventTests {
    let base: Case
    let clock = CaseClock(identifier: "America/Toronto")!

    init() throws { base = try CaseFixture.smallCase() }

    func t(_ s: String) -> Instant { CaseFixture.t(s) }
    func span(_ a: String, _ b: String) -> TimeSpan { TimeSpan(start: t(a), end: t(b)) }

    func read(_ json: String) throws -> Event {
        try EventReader.read(data: Data(json.utf8), file: "e.json", clock: clock)
    }

    /// The diagnostics of a document the reader must refuse.
    func unreadable(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            let e = try read(json)
            Issue.record("read as \(e)", sourceLocation: sourceLocation)
            return []
        } catch let e as InputError {
            return e.diagnostics
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
            return []
        }
    }

    func applied(_ e: Event, to c: Case? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Case? {
        switch EventApplier.apply(e, to: c ?? base) {
        case .success(let c): return c
        case .failure(let err):
            Issue.record("refused: \(err)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The errors of an event the applier must refuse.
    func refused(_ e: Event, to c: Case? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        switch EventApplier.apply(e, to: c ?? base) {
        case .success:
            Issue.record("\(e.type) \(e.id) was applied", sourceLocation: sourceLocation)
            return []
        case .failure(let err):
            #expect(err.file == e.id, sourceLocation: sourceLocation)
            for d in err.diagnostics { #expect(!d.fix.isEmpty, "no fix: \(d)", sourceLocation: sourceLocation) }
            return err.errors
        }
    }

    func request(_ id: String, family: String = "F2", _ start: String, _ end: String, priority: Priority = .normal)
        -> Event
    {
        Event(
            id: "evt-\(id)",
            kind: .visitRequest(Visit(id: id, family: family, span: span(start, end), priority: priority)))
    }

    // MARK: - Reading

    @Test func readsEveryType() throws {
        let r = try read(
            #"{"format": "relief.event/1", "id": "e1", "type": "visit.request", "visit": {"id": "V9", "family": "F2", "start": "2026-11-24T14:00", "end": "2026-11-24T16:00", "sitters": 2, "competencies": ["infant"], "priority": "high"}}"#
        )
        #expect(
            r
                == Event(
                    id: "e1",
                    kind: .visitRequest(
                        Visit(
                            id: "V9", family: "F2", span: span("2026-11-24T14:00", "2026-11-24T16:00"), sitters: 2,
                            competencies: ["infant"], priority: .high))))
        #expect(r.type == "visit.request")
        let cancel = try read(#"{"format": "relief.event/1", "id": "e2", "type": "visit.cancel", "visit": "V1"}"#)
        #expect(cancel.kind == .visitCancel(visit: "V1"))
        let absence = try read(
            #"{"format": "relief.event/1", "id": "e3", "type": "sitter.absence", "sitter": "S1", "start": "2026-11-24T00:00", "end": "2026-11-24T12:00-05:00"}"#
        )
        #expect(absence.kind == .sitterAbsence(sitter: "S1", span: span("2026-11-24T00:00", "2026-11-24T12:00")))
        let more = try read(
            #"{"format": "relief.event/1", "id": "e4", "type": "sitter.availability", "sitter": "S2", "start": "2026-11-23T22:00", "end": "2026-11-24T08:00"}"#
        )
        #expect(more.type == "sitter.availability")
        let confirm = try read(
            #"{"format": "relief.event/1", "id": "e5", "type": "assignment.confirm", "visit": "V3", "sitter": "S2"}"#)
        #expect(confirm.kind == .assignmentConfirm(visit: "V3", sitter: "S2"))
        let change = try read(
            #"{"format": "relief.event/1", "id": "e6", "type": "visit.change", "visit": {"id": "V3", "family": "F3", "start": "2026-11-24T14:00", "end": "2026-11-24T18:00"}}"#
        )
        #expect(change.type == "visit.change")
    }

    @Test func badIDIsRefusedAtItsJSONPath() {
        let ds = unreadable(#"{"format": "relief.event/1", "id": "..", "type": "visit.cancel", "visit": "V1"}"#)
        #expect(ds.map(\.location) == [.json("$.id")], "\(ds)")
        #expect(ds.first?.message.contains("not allowed") == true)
        let slash = unreadable(#"{"format": "relief.event/1", "id": "a/b", "type": "visit.cancel", "visit": "V1"}"#)
        #expect(slash.map(\.location) == [.json("$.id")])
    }

    @Test func unknownTypeAndWrongFormatAreErrorsOnTheEvent() {
        let ds = unreadable(#"{"format": "relief.event/2", "id": "e1", "type": "visit.move", "visit": "V1"}"#)
        #expect(ds.map(\.location) == [.event(id: "e1", field: "format"), .event(id: "e1", field: "type")], "\(ds)")
        #expect(ds.last?.message == #"unknown type "visit.move""#)
        #expect(ds.last?.fix.contains("assignment.confirm") == true)
    }

    @Test func unknownFieldIsAWarning() throws {
        let (e, warnings) = try EventReader.readWithWarnings(
            data: Data(
                #"{"format": "relief.event/1", "id": "e1", "type": "visit.cancel", "visit": "V1", "reason": "flu"}"#
                    .utf8),
            file: "e.json", clock: clock)
        #expect(e.kind == .visitCancel(visit: "V1"))
        #expect(warnings.map(\.location) == [.event(id: "e1", field: "reason")])
        #expect(warnings.map(\.severity) == [.warning])
    }

    @Test func typeErrorsAreLocatedOnTheEventField() {
        let ds = unreadable(
            #"{"format": "relief.event/1", "id": "e1", "type": "visit.request", "visit": {"id": "V9", "family": "F2", "start": "2026-11-24T25:00", "end": "2026-11-24T16:00", "sitters": "two"}}"#
        )
        #expect(
            ds.map(\.location) == [.event(id: "e1", field: "visit.start"), .event(id: "e1", field: "visit.sitters")],
            "\(ds)")
        #expect(
            ds.first?.description == #"error: event e1 visit.start: "2026-11-24T25:00" is not an ISO 8601 time"#
                + "\n  fix: write YYYY-MM-DDTHH:MM, optionally with Z or an offset such as -05:00")
    }

    @Test func aRequestCannotBePublished() {
        let ds = unreadable(
            #"{"format": "relief.event/1", "id": "e1", "type": "visit.request", "visit": {"id": "V9", "family": "F2", "start": "2026-11-24T14:00", "end": "2026-11-24T16:00", "assigned": ["S2"], "locked": true}}"#
        )
        #expect(
            ds.map(\.location) == [.event(id: "e1", field: "visit.assigned"), .event(id: "e1", field: "visit.locked")])
        #expect(ds.first?.message.contains("not yet published") == true)
    }

    @Test func invertedAbsenceIsRefusedAtEnd() {
        let ds = unreadable(
            #"{"format": "relief.event/1", "id": "e1", "type": "sitter.absence", "sitter": "S1", "start": "2026-11-24T12:00", "end": "2026-11-24T12:00"}"#
        )
        #expect(ds.map(\.location) == [.event(id: "e1", field: "end")])
        #expect(ds.first?.message == "end is not after start")
    }

    @Test func oversizedAndBrokenDocumentsAreRefused() {
        let big = Data(repeating: 0x20, count: EventReader.maxBytes + 1)
        do {
            _ = try EventReader.read(data: big, file: "big.json", clock: clock)
            Issue.record("read")
        } catch {
            #expect(error.diagnostics.first?.message.contains("over the limit of 1048576") == true)
        }
        let ds = unreadable(#"{"format": "relief.event/1", "id": "e1""#)
        #expect(ds.first?.location == .json("$"))
        #expect(ds.first?.message.hasPrefix("not valid JSON") == true)
        let missing = unreadable(#"{"format": "relief.event/1", "type": "visit.cancel", "visit": "V1"}"#)
        #expect(missing.map(\.location) == [.json("$.id")])
    }

    // MARK: - visit.request

    @Test func requestAddsTheVisit() throws {
        let e = request("V5", "2026-11-24T14:00", "2026-11-24T16:00", priority: .urgent)
        let c = try #require(applied(e))
        #expect(c.visits.map(\.id) == ["V1", "V2", "V3", "V4", "V5"])
        #expect(
            c.visits.last
                == Visit(id: "V5", family: "F2", span: span("2026-11-24T14:00", "2026-11-24T16:00"), priority: .urgent))
        #expect(Array(c.visits.prefix(4)) == base.visits)
    }

    @Test func identicalRequestIsANoOp() throws {
        var v1 = base.visits[0]
        v1.assigned = []  // what a request of the same visit says: the case keeps its assignment
        let c = try #require(applied(Event(id: "evt-again", kind: .visitRequest(v1))))
        #expect(c.visits == base.visits)
        #expect(c.visits[0].assigned == ["S1"])
    }

    @Test func requestWithAnExistingIDAndOtherContentIsAConflict() {
        var v1 = base.visits[0]
        v1.assigned = []
        v1.span.end = t("2026-11-23T23:00")
        let ds = refused(Event(id: "evt-9", kind: .visitRequest(v1)))
        #expect(ds.map(\.location) == [.event(id: "evt-9", field: "visit.id")], "\(ds)")
        #expect(ds.first?.message == "visit V1 already exists with other content (it has end 2026-11-23T22:00)")
        #expect(ds.first?.fix.contains("visit.change") == true)
    }

    @Test func requestForAnUnknownFamily() {
        let ds = refused(request("V5", family: "F9", "2026-11-24T14:00", "2026-11-24T16:00"))
        #expect(ds.map(\.location) == [.event(id: "evt-V5", field: "visit.family")], "\(ds)")
        #expect(ds.first?.message == #"unknown family "F9""#)
    }

    @Test func requestEndingBeforeItStarts() {
        let ds = refused(request("V5", "2026-11-24T16:00", "2026-11-24T14:00"))
        #expect(ds.map(\.location) == [.event(id: "evt-V5", field: "visit.end")], "\(ds)")
        #expect(ds.first?.message == "end is not after start")
        #expect(ds.first?.fix == "make end later than start")
    }

    @Test func requestOutsideTheHorizon() {
        let ds = refused(request("V5", "2026-11-24T22:00", "2026-11-25T02:00"))
        #expect(ds.map(\.location) == [.event(id: "evt-V5", field: "visit")], "\(ds)")
        #expect(ds.first?.message == "visit V5 lies outside the horizon")
    }

    @Test func requestWithABadVisitID() {
        let ds = refused(request("..", "2026-11-24T14:00", "2026-11-24T16:00"))
        #expect(ds.map(\.location) == [.event(id: "evt-..", field: "visit.id")], "\(ds)")
        #expect(ds.first?.message.contains("names a folder") == true)
    }

    @Test func requestBuiltInMemoryCannotCarryAnAssignment() {
        let v = Visit(id: "V5", family: "F2", span: span("2026-11-24T14:00", "2026-11-24T16:00"), assigned: ["S2"])
        let ds = refused(Event(id: "e", kind: .visitRequest(v)))
        #expect(ds.map(\.location) == [.event(id: "e", field: "visit.assigned")])
    }

    @Test func aNewWarningComesWithTheAppliedEvent() throws {
        // Only S1 holds gtube, and S1 does not serve vieux-quebec (F3).
        var v = Visit(id: "V5", family: "F3", span: span("2026-11-24T14:00", "2026-11-24T16:00"))
        v.credentials = ["gtube"]
        let (c, ds) = EventApplier.applyReporting(Event(id: "e", kind: .visitRequest(v)), to: base)
        #expect(c?.visits.count == 5)
        #expect(ds.map(\.location) == [.event(id: "e", field: "visit")], "\(ds)")
        #expect(ds.first?.severity == .warning)
        #expect(ds.first?.message.contains("no sitter could ever take visit V5") == true)
    }

    // MARK: - visit.cancel

    @Test func cancelRemovesTheVisit() throws {
        let c = try #require(applied(Event(id: "e", kind: .visitCancel(visit: "V1"))))
        #expect(c.visits.map(\.id) == ["V2", "V3", "V4"])
        #expect(Array(c.visits) == Array(base.visits.dropFirst()))
    }

    @Test func cancelOfAnUnknownVisit() {
        let ds = refused(Event(id: "e", kind: .visitCancel(visit: "V9")))
        #expect(ds.map(\.location) == [.event(id: "e", field: "visit")])
        #expect(ds.first?.message == #"unknown visit "V9""#)
        #expect(ds.first?.fix.contains("cancelled already") == true)
    }

    // MARK: - sitter.absence

    /// The small case with V2 published and locked to S1 and S2, and S4 told for both shifts.
    var busy: Case {
        var c = base
        c.visits[1].assigned = ["S1", "S2"]
        c.visits[1].locked = true
        c.onCallShifts[0].assigned = ["S4"]
        c.onCallShifts[1].assigned = ["S4"]
        return c
    }

    @Test func busyCaseIsValid() {
        #expect(CaseValidator.check(busy).filter { $0.severity == .error }.isEmpty)
    }

    @Test func absenceFreesExactlyTheOverlappingAssignments() throws {
        // S2 away 09:30-10:00 on the 23rd: leaves V2 (and its lock); S1 stays locked on it.
        let c1 = try #require(
            applied(
                Event(id: "a1", kind: .sitterAbsence(sitter: "S2", span: span("2026-11-23T09:30", "2026-11-23T10:00"))),
                to: busy))
        #expect(c1.visits[1].assigned == ["S1"])
        #expect(c1.visits[1].locked)
        #expect(
            c1.sitters[1].availability == [
                span("2026-11-23T08:00", "2026-11-23T09:30"), span("2026-11-23T10:00", "2026-11-23T22:00"),
                span("2026-11-24T08:00", "2026-11-24T22:00"),
            ])
        // S1 away 11:00-19:00: leaves V2 (now unlocked, nobody left) and V1 (18:00), keeps V4 on the 24th.
        let c2 = try #require(
            applied(
                Event(id: "a2", kind: .sitterAbsence(sitter: "S1", span: span("2026-11-23T11:00", "2026-11-23T19:00"))),
                to: c1))
        #expect(c2.visits.map(\.assigned) == [[], [], [], ["S1"]])
        #expect(c2.visits.map(\.locked) == [false, false, false, true])
        #expect(c2.onCallShifts.map(\.assigned) == [["S4"], ["S4"]])
        #expect(
            c2.sitters[0].availability == [
                span("2026-11-23T08:00", "2026-11-23T11:00"), span("2026-11-23T19:00", "2026-11-23T22:00"),
                span("2026-11-24T08:00", "2026-11-24T22:00"),
            ])
        #expect(c2.sitters[1...] == c1.sitters[1...])
    }

    @Test func absenceFreesOverlappingOnCallShiftsOnly() throws {
        let c = try #require(
            applied(
                Event(id: "a", kind: .sitterAbsence(sitter: "S4", span: span("2026-11-23T10:00", "2026-11-23T12:00"))),
                to: busy))
        #expect(c.onCallShifts.map(\.assigned) == [[], ["S4"]])
        #expect(c.visits == busy.visits)
        #expect(
            c.sitters[3].availability == [
                span("2026-11-23T00:00", "2026-11-23T10:00"), span("2026-11-23T12:00", "2026-11-25T00:00"),
            ])
    }

    @Test func absenceOfAnUnknownSitter() {
        let ds = refused(
            Event(id: "a", kind: .sitterAbsence(sitter: "S9", span: span("2026-11-23T10:00", "2026-11-23T12:00"))))
        #expect(ds.map(\.location) == [.event(id: "a", field: "sitter")])
        #expect(ds.first?.message == #"unknown sitter "S9""#)
    }

    @Test func absenceLeavingATraineeLockedAloneUnlocksThatVisit() throws {
        // V1, now for two sitters, locked to S1 and trainee S3.
        var c = base
        c.visits[0].sitters = 2
        c.visits[0].assigned = ["S1", "S3"]
        c.visits[0].locked = true
        #expect(CaseValidator.check(c).filter { $0.severity == .error }.isEmpty)
        let after = try #require(
            applied(
                Event(id: "a", kind: .sitterAbsence(sitter: "S1", span: span("2026-11-23T17:00", "2026-11-23T23:00"))),
                to: c))
        // S1 was the only possible mentor: S3 stays published, the visit unlocked.
        #expect(after.visits[0].assigned == ["S3"])
        #expect(!after.visits[0].locked)
        #expect(after.visits[3].locked)
    }

    // MARK: - visit.change

    @Test func changeOfPriorityKeepsTheLock() throws {
        var v4 = base.visits[3]
        v4.assigned = []
        v4.locked = false
        v4.priority = .urgent
        let c = try #require(applied(Event(id: "c", kind: .visitChange(v4))))
        #expect(c.visits[3].priority == .urgent)
        #expect(c.visits[3].assigned == ["S1"])
        #expect(c.visits[3].locked)
    }

    @Test func changeOfTimeKeepsTheAssignmentButReleasesTheLock() throws {
        var v4 = base.visits[3]
        v4.assigned = []
        v4.locked = false
        v4.span = span("2026-11-24T10:00", "2026-11-24T12:00")
        let c = try #require(applied(Event(id: "c", kind: .visitChange(v4))))
        #expect(c.visits[3].span == v4.span)
        #expect(c.visits[3].assigned == ["S1"])
        #expect(!c.visits[3].locked)
        #expect(c.visits.map(\.id) == base.visits.map(\.id))
    }

    @Test func changeOfAnUnknownVisit() {
        let ds = refused(request("V9", "2026-11-24T10:00", "2026-11-24T12:00").changed)
        #expect(ds.map(\.location) == [.event(id: "evt-V9", field: "visit.id")])
        #expect(ds.first?.message == #"unknown visit "V9""#)
    }

    @Test func changeIsValidatedLikeARequest() {
        var v3 = base.visits[2]
        v3.span.end = t("2026-11-25T01:00")
        let ds = refused(Event(id: "c", kind: .visitChange(v3)))
        #expect(ds.map(\.location) == [.event(id: "c", field: "visit")])
        #expect(ds.first?.message == "visit V3 lies outside the horizon")
    }

    // MARK: - sitter.availability

    @Test func availabilityIsAddedAndMerged() throws {
        let c = try #require(
            applied(
                Event(
                    id: "m", kind: .sitterAvailability(sitter: "S2", span: span("2026-11-23T22:00", "2026-11-24T08:00"))
                )))
        #expect(c.sitters[1].availability == [span("2026-11-23T08:00", "2026-11-24T22:00")])
        #expect(c.visits == base.visits)
    }

    // MARK: - assignment.confirm

    @Test func confirmationLocksTheSitter() throws {
        let c = try #require(applied(Event(id: "k", kind: .assignmentConfirm(visit: "V3", sitter: "S2"))))
        #expect(c.visits[2].assigned == ["S2"])
        #expect(c.visits[2].locked)
        let again = try #require(applied(Event(id: "k2", kind: .assignmentConfirm(visit: "V1", sitter: "S1"))))
        #expect(again.visits[0].assigned == ["S1"])
        #expect(again.visits[0].locked)
    }

    @Test func confirmationOfAnIneligibleSitter() {
        let ds = refused(Event(id: "k", kind: .assignmentConfirm(visit: "V3", sitter: "S3")))
        #expect(ds.map(\.location) == [.event(id: "k", field: "sitter")])
        #expect(ds.first?.message == "sitter S3 cannot take visit V3: the no-competency rule")
    }

    @Test func confirmationOfUnknownVisitAndSitter() {
        let ds = refused(Event(id: "k", kind: .assignmentConfirm(visit: "V9", sitter: "S9")))
        #expect(ds.map(\.location) == [.event(id: "k", field: "visit"), .event(id: "k", field: "sitter")])
    }

    @Test func confirmationThatBreaksALockRuleNamesIt() throws {
        // V5 overlaps V4, locked to S1.
        let c = try #require(applied(request("V5", family: "F1", "2026-11-24T10:00", "2026-11-24T12:00")))
        let ds = refused(Event(id: "k", kind: .assignmentConfirm(visit: "V5", sitter: "S1")), to: c)
        #expect(ds.map(\.location) == [.event(id: "k", field: "sitter")], "\(ds)")
        #expect(
            ds.first?.message
                == "locked sitter S1 cannot do both V4 and V5 (they overlap) (in the case at $.visits[3].assigned)")
    }

    /// V1 needs one sitter and S1 is published on it: the lock would hold two.
    @Test func confirmingASecondSitterOnAOneSitterVisitIsRefused() {
        let ds = refused(Event(id: "k", kind: .assignmentConfirm(visit: "V1", sitter: "S3")))
        #expect(ds.allSatisfy { $0.location == .event(id: "k", field: "sitter") }, "\(ds)")
        #expect(ds.map(\.message).contains("locks 2 sitters on a visit that needs 1"))
    }

    @Test func confirmingATraineeOnATwoSitterVisitNamesTheTraineeRule() {
        var c = base
        c.visits[0].assigned = []
        let ds = refused(Event(id: "k", kind: .assignmentConfirm(visit: "V1", sitter: "S3")), to: c)
        #expect(ds.map(\.location) == [.event(id: "k", field: "sitter")], "\(ds)")
        #expect(ds.first?.message.contains("is a trainee on V1, a one-sitter visit") == true)
    }

    // MARK: - Errors the case already had

    @Test func anEarlierErrorIsNotBlamedOnTheEvent() throws {
        var c = base
        c.visits[1].family = "F9"
        let after = try #require(
            applied(
                Event(
                    id: "m", kind: .sitterAvailability(sitter: "S2", span: span("2026-11-23T22:00", "2026-11-23T23:00"))
                ),
                to: c))
        #expect(after.visits[1].family == "F9")
        let cancelled = try #require(applied(Event(id: "x", kind: .visitCancel(visit: "V1")), to: c))
        #expect(cancelled.visits.map(\.id) == ["V2", "V3", "V4"])
    }

    // MARK: - Several events

    @Test func refusedEventsAreSkipped() {
        let events = [
            request("V5", "2026-11-24T14:00", "2026-11-24T16:00"),
            Event(id: "x1", kind: .visitCancel(visit: "V9")),
            Event(id: "x2", kind: .assignmentConfirm(visit: "V5", sitter: "S2")),
            request("V6", family: "F9", "2026-11-24T14:00", "2026-11-24T16:00"),
        ]
        let (c, refused) = EventApplier.apply(events, to: base)
        #expect(c.visits.map(\.id) == ["V1", "V2", "V3", "V4", "V5"])
        #expect(c.visits[4].assigned == ["S2"])
        #expect(c.visits[4].locked)
        #expect(refused.keys.sorted() == ["evt-V6", "x1"])
        #expect(refused["x1"]?.errors.first?.location == .event(id: "x1", field: "visit"))
    }

    // MARK: - The contract's examples

    @Test func contractExampleEventsApplyToTheContractExampleCase() throws {
        let (c, _) = try CaseReader.read(data: CaseFixture.data("events/example-case.json"), file: "example-case.json")
        let events = try ["evt-0001", "evt-0002", "evt-0003"].map {
            try EventReader.read(data: CaseFixture.data("events/\($0).json"), file: "\($0).json", clock: c.clock)
        }
        #expect(events.map(\.type) == ["visit.request", "visit.cancel", "sitter.absence"])
        let (after, refused) = EventApplier.apply(events, to: c)
        #expect(refused.isEmpty, "\(refused)")
        #expect(after.visits.count == c.visits.count)  // one added, one cancelled
        #expect(!after.visits.contains { $0.id == "V0003" })
        let v = try #require(after.visits.last)
        #expect(v.id == "V9001" && v.family == "F000" && v.priority == .urgent && v.assigned.isEmpty)
        #expect(v.span == TimeSpan(start: t("2026-11-26T18:00"), end: t("2026-11-26T21:00")))
        let s2 = try #require(after.sitters.first { $0.id == "S002" })
        #expect(
            s2.availability == [
                span("2026-11-23T19:00", "2026-11-24T08:00"), span("2026-11-24T19:00", "2026-11-25T00:00"),
                span("2026-11-27T19:00", "2026-11-28T08:00"), span("2026-11-29T19:00", "2026-11-30T00:00"),
            ])
        #expect(CaseValidator.check(after).filter { $0.severity == .error }.isEmpty)
    }
}

extension Event {
    /// The same visit as a `visit.change`.
    fileprivate var changed: Event {
        guard case .visitRequest(let v) = kind else { return self }
        return Event(id: id, kind: .visitChange(v))
    }
}

/// On-call shifts' `assigned` (relief's extension): read, checked, written back.
@Suite("On-call assigned")
struct OnCallAssignedTests {
    @Test func roundTrip() throws {
        let doc = try CaseFixture.small().setting("$.onCallShifts[0].assigned", to: .json(#"["S4"]"#))
        let (c, warnings) = try CaseReader.read(data: Data(doc.serialized().utf8), file: "case.json")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(c.onCallShifts.map(\.assigned) == [["S4"], []])
        let written = CaseWriter.json(c)
        #expect(written.at("$.onCallShifts[0].assigned") == .json(#"["S4"]"#))
        #expect(written.at("$.onCallShifts[1].assigned") == nil)
        let (back, _) = try CaseReader.read(data: Data(written.serialized().utf8), file: "back.json")
        #expect(back.onCallShifts == c.onCallShifts)
    }

    @Test func unknownSitterIsAnError() throws {
        let doc = try CaseFixture.small().setting("$.onCallShifts[1].assigned", to: .json(#"["S4", "S9"]"#))
        let ds = CaseFixture.twin(doc) { $0.onCallShifts[1].assigned = ["S4", "S9"] }
        #expect(ds.map(\.path) == ["$.onCallShifts[1].assigned[1]"])
        #expect(ds.first?.message == #"unknown sitter "S9""#)
        #expect(ds.first?.severity == .error)
    }

    @Test func moreThanStaffIsAWarning() throws {
        let doc = try CaseFixture.small().setting("$.onCallShifts[0].assigned", to: .json(#"["S4", "S1"]"#))
        let ds = CaseFixture.twin(doc) { $0.onCallShifts[0].assigned = ["S4", "S1"] }
        #expect(ds.map(\.path) == ["$.onCallShifts[0].assigned"])
        #expect(ds.first?.severity == .warning)
        #expect(ds.first?.message == "names 2 sitters for a shift staffed by 1")
    }

    @Test func notAStringListIsAnError() throws {
        let doc = try CaseFixture.small().setting("$.onCallShifts[0].assigned", to: .json(#""S4""#))
        let ds = CaseFixture.diagnostics(doc)
        #expect(ds.map(\.path) == ["$.onCallShifts[0].assigned"])
        #expect(ds.first?.message == "is a string, expected an array")
    }
}
