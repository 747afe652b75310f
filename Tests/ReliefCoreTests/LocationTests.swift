import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// `Location.visitIndex`: which visit of the case a diagnostic points into (the daemon
/// drops the freeze lock of that visit only).
@Suite("Locations")
struct LocationTests {
    @Test func aVisitsPathGivesItsIndexAndNothingElseDoes() {
        #expect(Location.json(CasePath.visit(3).description).visitIndex == 3)
        #expect(Location.json(CasePath.visit(12).key("end").description).visitIndex == 12)
        #expect(Location.json(CasePath.sitter(2).description).visitIndex == nil)
        #expect(Location.json(CasePath.shift(0).key("start").description).visitIndex == nil)
        #expect(Location.json("$").visitIndex == nil)
        #expect(Location.event(id: "evt-1", field: "visit.end").visitIndex == nil)
        #expect(Location.file(path: "visits.csv", line: 3, column: 1, header: "id").visitIndex == nil)
    }

    /// The validator's own error on a visit names that visit's index.
    @Test func aValidatorErrorOnAVisitNamesItsIndex() throws {
        var c = try CaseFixture.smallCase()
        let i = c.visits.count - 1
        c.visits[i].assigned = ["S404"]
        let errors = CaseValidator.check(c).filter { $0.severity == .error }
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { $0.location.visitIndex == i }, "\(errors)")
    }
}
