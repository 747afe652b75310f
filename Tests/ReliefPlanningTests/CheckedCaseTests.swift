import Foundation
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// The planner takes a `CheckedCase` as it is (the reader or the caller validated it),
/// and checks a case built in memory once, as a file is.
@Suite struct CheckedCaseTests {
    func builder() -> CaseBuilder {
        var b = CaseBuilder()
        b.sitters = [SitterSpec(id: "S1")]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00")]
        return b
    }

    @Test func aCheckedCaseIsPlannedWithoutAnotherValidation() throws {
        let b = builder()
        let (checked, read) = try CheckCount.tallying {
            try CaseReader.checked(data: Data(b.text.utf8), file: "tiny.json")
        }
        #expect(read.validations == 1)
        let (result, planned) = try CheckCount.tallying { try Planner().plan(checked) }
        #expect(result.schedule.assignments == [Assignment(visit: "V1", sitter: "S1")])
        #expect(planned.validations == 0 && planned.verifications == 0)
    }

    @Test func aCaseBuiltInMemoryIsValidatedOnceThenPlanned() throws {
        let c = try builder().read()
        let (result, planned) = try CheckCount.tallying { try Planner().plan(c) }
        #expect(result.schedule.assignments == [Assignment(visit: "V1", sitter: "S1")])
        #expect(planned.validations == 1)
        var broken = c
        broken.visits[0].family = "F9"
        #expect {
            try Planner().plan(broken)
        } throws: { e in
            guard case PlanError.invalidCase(let ds) = e else { return false }
            return ds.contains { $0.message.contains("unknown family") }
        }
    }
}
