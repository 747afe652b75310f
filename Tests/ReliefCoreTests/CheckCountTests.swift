import Foundation
import Testing

@testable import ReliefCore

/// Each case validated once, each schedule verified once, per path (`CheckCount`): the
/// passes of the core's own paths, counted on the test's task.
@Suite struct CheckCountTests {
    let base: Case
    init() throws { base = try CaseFixture.smallCase() }

    func request(_ id: String, visit: String) -> Event {
        Event(
            id: id,
            kind: .visitRequest(
                Visit(
                    id: visit, family: "F2",
                    span: TimeSpan(start: CaseFixture.t("2026-11-24T14:00"), end: CaseFixture.t("2026-11-24T15:00")))))
    }

    @Test func readingACaseValidatesItOnce() throws {
        let (checked, tally) = try CheckCount.tallying {
            try CaseReader.checked(data: CaseFixture.data("small-case.json"), file: "small-case.json")
        }
        #expect(checked.theCase.visits.count == base.visits.count)
        #expect(tally.validations == 1 && tally.verifications == 0)
    }

    @Test func anAppliedEventValidatesOnlyTheCaseItMakes() throws {
        let (result, tally) = CheckCount.tallying { EventApplier.apply([request("e1", visit: "V9")], to: base) }
        #expect(result.refused.isEmpty && result.theCase.visits.count == base.visits.count + 1)
        #expect(tally.validations == 1, "validations: \(tally.validations)")
        let (batch, tallyOfThree) = CheckCount.tallying {
            EventApplier.apply(
                [request("e1", visit: "V9"), request("e2", visit: "V10"), request("e3", visit: "V11")], to: base)
        }
        #expect(batch.refused.isEmpty)
        #expect(tallyOfThree.validations == 3, "validations: \(tallyOfThree.validations)")
    }

    @Test func aRefusedEventIsBlamedWithTheCaseBeforeItValidatedOnce() throws {
        // Its locations and report need the case before it: validated once, then.
        let (result, tally) = CheckCount.tallying {
            EventApplier.apply([Event(id: "e1", kind: .assignmentConfirm(visit: "V1", sitter: "S99"))], to: base)
        }
        #expect(result.refused["e1"] != nil)
        #expect(tally.validations == 0)
        var v = request("e2", visit: "V9")
        if case .visitRequest(var visit) = v.kind {
            visit.family = "F99"
            v = Event(id: "e2", kind: .visitRequest(visit))
        }
        let (unknown, tallyOfError) = CheckCount.tallying { EventApplier.apply([v], to: base) }
        #expect(unknown.refused["e2"] != nil)
        #expect(tallyOfError.validations == 2, "validations: \(tallyOfError.validations)")
    }

    @Test func aScenarioValidatesTheCaseEachChangeMakes() throws {
        let s = Scenario(
            name: "two",
            changes: [
                .grantCompetency(sitters: ["S1"], competency: "x"),
                .absence(
                    sitter: "S2",
                    span: TimeSpan(start: CaseFixture.t("2026-11-24T00:00"), end: CaseFixture.t("2026-11-25T00:00"))),
            ])
        let (result, tally) = CheckCount.tallying { ScenarioApplier.apply(s, index: -1, to: base) }
        #expect((try? result.get()) != nil)
        #expect(tally.validations == 2, "validations: \(tally.validations)")
    }

    @Test func aCheckedCaseComesOnlyWithoutErrors() throws {
        var broken = base
        broken.visits[0].family = "F99"
        let (checked, diagnostics) = CaseValidator.checked(broken)
        #expect(checked == nil && diagnostics.contains { $0.severity == .error })
        let ((ok, _), tally) = CheckCount.tallying { CaseValidator.checked(base) }
        #expect(ok?.theCase.visits.count == base.visits.count && tally.validations == 1)
    }

    @Test func verifyingASchedulePassesOnce() throws {
        let s = Schedule(
            caseName: base.name, status: .feasible, levels: Levels(), assignments: [], onCall: [], unfilled: [],
            unstaffedShifts: [],
            solver: SolverReport(
                seconds: 0, gap: 0, backend: "none", qualityScore: nil, qualityBound: nil, bounds: nil, stoppedBy: nil))
        let (violations, tally) = CheckCount.tallying { ScheduleVerifier(base).violations(of: s) }
        #expect(!violations.isEmpty)
        #expect(tally.verifications == 1 && tally.validations == 0)
    }
}
