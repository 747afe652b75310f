import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// The fields of `weeks.md` read, validated and written back: programs, ledgers,
/// standing requests, weekly availability, and the errors the contract names.
@Suite("Across weeks: reading and validating")
struct WeeksCaseTests {
    let base: JSONValue

    init() throws {
        base = try CaseFixture.small()
            .setting(
                "$.programs",
                to: .json(#"[{"id": "tdah", "budgetMinutes": 600, "familyMinutesPerWeek": 300}, {"id": "general"}]"#)
            )
            .setting("$.families[0].programs", to: .json(#"["tdah", "general"]"#))
            .setting("$.families[1].programs", to: .json(#"["general"]"#))
            .setting(
                "$.families[0].ledger",
                to: .json(#"[{"weekStart": "2026-11-09", "requestedMinutes": 540, "servedMinutes": 180}]"#)
            )
            .setting("$.visits[0].program", to: .string("tdah"))
            .setting(
                "$.standing",
                to: .json(
                    #"[{"id": "R1", "family": "F1", "weekday": "tuesday", "start": "18:00", "end": "21:00", "every": 2, "from": "2026-09-01", "until": null, "sitters": 1, "competencies": [], "credentials": [], "priority": "normal", "program": "tdah"}]"#
                )
            )
            .setting(
                "$.sitters[0].weeklyAvailability",
                to: .json(#"[{"weekday": "monday", "start": "22:00", "end": "06:00"}]"#))
    }

    func errors(_ v: JSONValue) -> [(String, String)] {
        CaseFixture.diagnostics(v).filter { $0.severity == .error }.map { ($0.location.description, $0.message) }
    }

    @Test("the fields read, bill visits as the contract says, and come back from the writer unchanged")
    func readAndWrite() throws {
        let (c, warnings) = try CaseReader.read(data: Data(base.serialized().utf8), file: "case.json")
        #expect(warnings.filter { $0.severity == .error }.isEmpty)
        #expect(c.programs.map(\.id) == ["tdah", "general"] && c.programs[0].budgetMinutes == 600)
        #expect(c.families[0].ledger.first?.servedMinutes == 180)
        #expect(c.standing.first?.weekday == .tuesday && c.standing.first?.every == 2)
        #expect(c.standing.first?.start.description == "18:00" && c.standing.first?.until == nil)
        #expect(c.sitters[0].weeklyAvailability.first?.end.description == "06:00")
        // V1 is billed to tdah; V2 (F2, one program) to general; V3 (F3, none) to nothing.
        let families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(
            c.visits.prefix(3).map { c.billedProgram($0, family: families[$0.family]) } == ["tdah", "general", nil])
        #expect(c.fairSharePlacement == .afterNormal)
        let again = try CaseReader.read(data: Data(CaseWriter.json(c).serialized().utf8), file: "again.json").0
        #expect(CaseWriter.json(again) == CaseWriter.json(c))
        #expect(again.standing == c.standing && again.families[0].ledger == c.families[0].ledger)
    }

    @Test("a case without the fields keeps the fair share off and writes none of them")
    func without() throws {
        let c = try CaseFixture.smallCase()
        #expect(c.fairSharePlacement == .off)
        let text = CaseWriter.json(c).serialized()
        for key in ["programs", "ledger", "standing", "weeklyAvailability", "fairShare", "ledgerWeeks", "\"program\""] {
            #expect(!text.contains(key), "\(key)")
        }
    }

    @Test("the contract's errors, each at its path")
    func contractErrors() throws {
        let cases: [(JSONValue, String, String)] = [
            (
                base.setting("$.families[1].programs", to: .json(#"["sponsor"]"#)), "$.families[1].programs[0]",
                "unknown program"
            ),
            (
                base.setting("$.visits[1].program", to: .string("tdah")), "$.visits[1].program",
                "is not one of family F2's programs"
            ),
            (base.setting("$.visits[1].program", to: .string("sponsor")), "$.visits[1].program", "unknown program"),
            (
                base.setting("$.families[0].ledger[0].servedMinutes", to: .number(600)),
                "$.families[0].ledger[0].servedMinutes", "more than the 540 requested"
            ),
            (
                base.setting(
                    "$.families[0].ledger[1]",
                    to: .json(#"{"weekStart": "2026-11-09", "requestedMinutes": 60, "servedMinutes": 0}"#)),
                "$.families[0].ledger[1].weekStart", "already in the ledger"
            ),
            (base.setting("$.standing[0].end", to: .string("18:00")), "$.standing[0].end", "end equals start"),
            (base.setting("$.standing[0].weekday", to: .string("mardi")), "$.standing[0].weekday", "unknown weekday"),
            (base.setting("$.rules.fairShare", to: .string("always")), "$.rules.fairShare", "unknown placement"),
            (
                base.setting("$.visits[0].assigned", to: .json(#"["S1"]"#)).setting(
                    "$.visits[0].locked", to: .bool(true)
                )
                .setting("$.programs[0].familyMinutesPerWeek", to: .number(100)),
                "$.programs[0].familyMinutesPerWeek", "the locked assignments already give family F1 240 served minutes"
            ),
        ]
        for (doc, path, words) in cases {
            let found = errors(doc)
            #expect(found.contains { $0.0 == path && $0.1.contains(words) }, "\(path): \(found)")
        }
    }
}
