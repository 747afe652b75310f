import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// `visit.suggest` (`people.md`): read like `visit.cancel`, applied as no change.
@Suite("Events: visit.suggest")
struct SuggestEventTests {
    let events: EventTests

    init() throws { events = try EventTests() }

    @Test func readsAndChangesNothing() throws {
        let e = try events.read(#"{"format": "relief.event/1", "id": "s1", "type": "visit.suggest", "visit": "V1"}"#)
        #expect(e == Event(id: "s1", kind: .visitSuggest(visit: "V1")))
        #expect(e.type == "visit.suggest")
        let after = try #require(events.applied(e))
        #expect(CaseWriter.json(after).serialized() == CaseWriter.json(events.base).serialized())
    }

    @Test func withoutAVisitItIsRefusedNamingTheField() {
        let ds = events.unreadable(#"{"format": "relief.event/1", "id": "s2", "type": "visit.suggest"}"#)
        #expect(ds.map(\.location) == [.event(id: "s2", field: "visit")])
        #expect(ds.first?.message == "missing", "\(ds)")
        #expect(ds.first?.fix.isEmpty == false)
    }

    @Test func anUnknownVisitIsRefused() {
        let ds = events.refused(Event(id: "s3", kind: .visitSuggest(visit: "V77")))
        #expect(ds.map(\.location) == [.event(id: "s3", field: "visit")])
        #expect(ds.first?.message == "unknown visit \"V77\"", "\(ds)")
    }
}
