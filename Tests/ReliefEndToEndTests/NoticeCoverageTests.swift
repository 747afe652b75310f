import Foundation
import ReliefCore
import ReliefRender
import ReliefTestSupport
import Testing

/// A notice leads with what the coordinator must act on: a gap opened or closed in the
/// 24/7 on-call line, then an urgent visit lost or gained, then each sitter and family.
@Suite("notice: the on-call line first")
struct NoticeCoverageTests {
    let week = DiffWeek.make()

    /// The sick call of the only person on call: the shift has nobody.
    @Test func aSickCallThatOpensAnOnCallGapIsTheFirstLine() throws {
        let old = DiffWeek.schedule([("V1", "S1")], onCall: [("OC1", "S2")])
        let new = DiffWeek.schedule([("V1", "S1")])
        let c = ScheduleDiff.changes(old: old, oldCase: week, new: new, newCase: week)
        #expect(
            c.coverage == [
                .init(
                    kind: .onCall, id: "OC1", start: "2026-11-23T00:00", end: "2026-11-23T08:00", needed: 1,
                    before: 1, after: 0)
            ])
        let fr = c.text(oldCase: week, newCase: week, lang: .fr).split(separator: "\n")
        #expect(
            fr.first
                == "Ligne de garde, OC1 lun. 23 nov. 00 h 00–08 h 00 : aucune personne de garde (avant : couverte)",
            "\(fr)")
        // No family to call: the heading does not count zero visits.
        #expect(fr.dropFirst().first == "Changements pour tiny diff week : 1 intervenante à appeler.", "\(fr)")
        let en = c.text(oldCase: week, newCase: week, lang: .en).split(separator: "\n")
        #expect(en.first == "On-call line, OC1 Mon 23 Nov 00:00–08:00: nobody on call (was: covered)", "\(en)")
        let json = c.json(oldCase: week, newCase: week)
        guard case .array(let list)? = json["coverage"] else {
            Issue.record("no coverage member: \(json.serialized())")
            return
        }
        #expect(list.first?["gap"] == .bool(true))
        #expect(list.first?["after"] == .number(0))
    }

    /// The gap closed again: said first too, as covered.
    @Test func aGapClosedIsSaidFirst() {
        let old = DiffWeek.schedule([("V1", "S1")])
        let new = DiffWeek.schedule([("V1", "S1")], onCall: [("OC1", "S3")])
        let c = ScheduleDiff.changes(old: old, oldCase: week, new: new, newCase: week)
        let fr = c.text(oldCase: week, newCase: week, lang: .fr)
        #expect(
            fr.hasPrefix(
                "Ligne de garde, OC1 lun. 23 nov. 00 h 00–08 h 00 : couverte (avant : aucune personne de garde)\n"),
            "\(fr)")
        #expect(c.coverage.map(\.isGap) == [false])
    }

    /// Two people needed, one left: the line says how many are on call; then the urgent visit lost.
    @Test func onCallBeforeUrgentBeforeTheRest() {
        var visits = DiffWeek.standardVisits
        visits[1].priority = .urgent
        var shifts = DiffWeek.standardShifts
        shifts[0].staff = 2
        let theCase = DiffWeek.make(visits: visits, shifts: shifts)
        let old = DiffWeek.schedule([("V2", "S1"), ("V1", "S2")], onCall: [("OC1", "S2"), ("OC1", "S3")])
        let new = DiffWeek.schedule([("V1", "S2")], onCall: [("OC1", "S3")])
        let c = ScheduleDiff.changes(old: old, oldCase: theCase, new: new, newCase: theCase)
        let fr = c.text(oldCase: theCase, newCase: theCase, lang: .fr).split(separator: "\n")
        #expect(
            Array(fr.prefix(3)) == [
                "Ligne de garde, OC1 lun. 23 nov. 00 h 00–08 h 00 : 1 personne de garde sur 2 (avant : couverte)",
                "Visite urgente V2 mar. 24 nov. 18 h 00–21 h 00 (famille F2) : non pourvue (avant : pourvue)",
                "Changements pour tiny diff week : 2 intervenantes, 1 visite de 1 famille à appeler.",
            ], "\(fr)")
    }

    /// Nothing changed on the line or the urgent visits: the notice is as before, no coverage member.
    @Test func withoutSuchAChangeTheNoticeIsAsBefore() {
        let old = DiffWeek.schedule([("V1", "S1")], onCall: [("OC1", "S2")])
        let new = DiffWeek.schedule([("V2", "S1")], onCall: [("OC1", "S2")])
        let c = ScheduleDiff.changes(old: old, oldCase: week, new: new, newCase: week)
        #expect(c.coverage.isEmpty)
        #expect(c.json(oldCase: week, newCase: week)["coverage"] == nil)
        #expect(c.text(oldCase: week, newCase: week, lang: .en).hasPrefix("Changes for tiny diff week"))
    }
}
