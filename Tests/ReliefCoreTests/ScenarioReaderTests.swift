import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// Helpers shared by the scenario suites.
enum ScenarioFixture {
    static let clock = CaseClock(identifier: "America/Toronto")!

    /// The repository's `Data/` folder.
    static let dataDirectory = PackageTree.url("Data")

    static func week() throws -> Case {
        try CaseReader.read(file: dataDirectory.appendingPathComponent("quebec-city-week.json").path).0
    }

    /// A file of scenarios named `s0`, `s1`, ... each with the changes given (JSON arrays).
    static func file(_ changes: [String]) -> Data {
        let items = changes.enumerated().map { "{ \"name\": \"s\($0.offset)\", \"changes\": \($0.element) }" }
        return Data("{ \"format\": \"relief.scenarios/1\", \"scenarios\": [ \(items.joined(separator: ", ")) ] }".utf8)
    }

    static func read(_ data: Data) throws(InputError) -> [(
        name: String, scenario: Result<Scenario, InputError>
    )] {
        try ScenarioReader.read(data: data, file: "s.json", clock: clock)
    }

    /// The one scenario of a file with these changes, which must read.
    static func scenario(_ changes: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Scenario {
        let all = try read(file([changes]))
        return try all[0].scenario.get()
    }
}

@Suite("Scenario reader")
struct ScenarioReaderTests {
    func t(_ s: String) -> Instant { CaseFixture.t(s) }

    /// The file-level error of a document the reader must refuse as a whole.
    func refused(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        do {
            let r = try ScenarioFixture.read(Data(json.utf8))
            Issue.record("read \(r.count) scenarios", sourceLocation: sourceLocation)
            return []
        } catch {
            #expect(error.document == .scenarios, sourceLocation: sourceLocation)
            return error.errors
        }
    }

    @Test func readsTheContractExample() throws {
        let json = """
            { "format": "relief.scenarios/1", "scenarios": [
              { "name": "marie-leaves", "changes": [ { "op": "remove-sitter", "sitter": "S01" } ] },
              { "name": "two-autism-limoilou", "changes": [ { "op": "add-sitter", "count": 2, "like": "S05",
                  "sitter": { "territories": ["limoilou"], "competencies": ["autism"] } } ] },
              { "name": "first-aid-lapses", "changes": [
                  { "op": "set-credential", "sitters": ["S02", "S07"], "kind": "first-aid", "validUntil": "2026-11-25" } ] },
              { "name": "flu-week", "changes": [
                  { "op": "absence", "sitter": "S03", "start": "2026-11-24T00:00", "end": "2026-11-27T00:00" },
                  { "op": "scale-demand", "factor": 1.2, "seed": 7 } ] } ] }
            """
        let r = try ScenarioFixture.read(Data(json.utf8))
        #expect(r.map(\.name) == ["marie-leaves", "two-autism-limoilou", "first-aid-lapses", "flu-week"])
        let s = try r.map { try $0.scenario.get() }
        #expect(s[0].changes == [.removeSitters(["S01"])])
        #expect(
            s[1].changes == [
                .addSitter(
                    template: ScenarioSitter(territories: ["limoilou"], competencies: ["autism"]), count: 2,
                    like: "S05")
            ])
        #expect(
            s[2].changes == [
                .setCredential(
                    sitters: ["S02", "S07"], kind: "first-aid",
                    validUntil: LocalDate(year: 2026, month: 11, dayOfMonth: 25))
            ])
        #expect(
            s[3].changes == [
                .absence(sitter: "S03", span: TimeSpan(start: t("2026-11-24T00:00"), end: t("2026-11-27T00:00"))),
                .scaleDemand(factor: 1.2, seed: 7),
            ])
    }

    @Test func readsEveryOtherOp() throws {
        let s = try ScenarioFixture.scenario(
            """
            [ { "op": "remove-sitter", "sitters": ["S1", "S2"] },
              { "op": "grant-competency", "sitters": ["S2"], "competency": "autism" },
              { "op": "revoke-competency", "sitters": ["S1"], "competency": "infant" },
              { "op": "set-credential", "sitters": ["S2"], "kind": "gtube", "validUntil": null },
              { "op": "set-availability", "sitter": "S3", "availability": [
                  { "start": "2026-11-23T10:00", "end": "2026-11-23T12:00" } ] },
              { "op": "set-rules", "rules": { "maxMinutesPerWeek": 600 }, "sitters": ["S4"] },
              { "op": "set-rules", "rules": { "maxMinutesPerDay": 300 } },
              { "op": "cancel-visits", "visits": ["V1"] },
              { "op": "cancel-visits", "family": "F1" },
              { "op": "cancel-visits", "territory": "limoilou" },
              { "op": "add-visit", "visit": { "id": "V9", "family": "F3", "start": "2026-11-24T18:00",
                  "end": "2026-11-24T20:00", "priority": "urgent" } } ]
            """)
        #expect(
            s.changes == [
                .removeSitters(["S1", "S2"]),
                .grantCompetency(sitters: ["S2"], competency: "autism"),
                .revokeCompetency(sitters: ["S1"], competency: "infant"),
                .setCredential(sitters: ["S2"], kind: "gtube", validUntil: nil),
                .setAvailability(
                    sitter: "S3", availability: [TimeSpan(start: t("2026-11-23T10:00"), end: t("2026-11-23T12:00"))]),
                .setRules(rules: ScenarioRules(maxMinutesPerWeek: 600), sitters: ["S4"]),
                .setRules(rules: ScenarioRules(maxMinutesPerDay: 300), sitters: nil),
                .cancelVisits(visits: ["V1"], family: nil, territory: nil),
                .cancelVisits(visits: nil, family: "F1", territory: nil),
                .cancelVisits(visits: nil, family: nil, territory: "limoilou"),
                .addVisit(
                    Visit(
                        id: "V9", family: "F3",
                        span: TimeSpan(start: t("2026-11-24T18:00"), end: t("2026-11-24T20:00")),
                        priority: .urgent)),
            ])
    }

    @Test func unknownOpFailsItsScenarioOnly() throws {
        let r = try ScenarioFixture.read(
            ScenarioFixture.file([
                #"[ { "op": "remove-sitter", "sitter": "S1" } ]"#,
                #"[ { "op": "remove-sitter", "sitter": "S1" }, { "op": "fire-everyone" } ]"#,
            ]))
        #expect(r.map(\.name) == ["s0", "s1"])
        #expect((try? r[0].scenario.get()) != nil)
        guard case .failure(let e) = r[1].scenario else {
            Issue.record("s1 read")
            return
        }
        #expect(e.document == .scenario("s1"))
        #expect(e.errors.count == 1)
        #expect(e.errors.first?.path == "$.scenarios[1].changes[1].op")
        #expect(e.errors.first?.message == #"unknown op "fire-everyone""#)
        #expect(e.errors.first?.fix.hasPrefix("use one of remove-sitter, add-sitter,") == true)
    }

    @Test func badFieldsAreLocatedInTheFile() throws {
        let r = try ScenarioFixture.read(
            ScenarioFixture.file([
                #"[ { "op": "absence", "sitter": "S1", "start": "2026-11-24T10:00", "end": "2026-11-24T09:00" } ]"#,
                #"[ { "op": "scale-demand", "factor": 0, "seed": 1 } ]"#,
                #"[ { "op": "scale-demand", "factor": 1.5 } ]"#,
                #"[ { "op": "cancel-visits", "family": "F1", "territory": "limoilou" } ]"#,
                #"[ { "op": "set-credential", "sitters": [], "kind": "first-aid", "validUntil": "2026-02-30" } ]"#,
                #"[ { "op": "add-sitter", "count": 3, "sitter": { "id": "X1", "homeTerritory": "limoilou" } } ]"#,
            ]))
        func errors(_ i: Int) -> [String] {
            guard case .failure(let e) = r[i].scenario else { return ["read"] }
            return e.errors.map { "\($0.path): \($0.message)" }
        }
        #expect(errors(0) == ["$.scenarios[0].changes[0].end: end is not after start"])
        #expect(errors(1) == ["$.scenarios[1].changes[0].factor: 0 is out of range"])
        #expect(errors(2) == ["$.scenarios[2].changes[0].seed: missing"])
        #expect(errors(3) == ["$.scenarios[3].changes[0].territory: gives both family and territory"])
        #expect(
            errors(4) == [
                "$.scenarios[4].changes[0].sitters: is empty",
                #"$.scenarios[4].changes[0].validUntil: "2026-02-30" is not a date"#,
            ])
        #expect(errors(5) == ["$.scenarios[5].changes[0].sitter.id: one id for 3 sitters"])
    }

    @Test func duplicateNamesRefuseTheFile() {
        let errors = refused(
            """
            { "format": "relief.scenarios/1", "scenarios": [
              { "name": "flu", "changes": [] }, { "name": "flu", "changes": [] } ] }
            """)
        #expect(errors.map(\.path) == ["$.scenarios[1].name"])
        #expect(errors.first?.message == "duplicate scenario name flu (also $.scenarios[0])")
    }

    @Test func fileLevelProblemsThrow() {
        #expect(refused("{ nope").first?.message.hasPrefix("not valid JSON") == true)
        #expect(
            refused(#"{ "format": "relief.case/1", "scenarios": [ { "name": "a", "changes": [] } ] }"#).map(\.message)
                == [#"is "relief.case/1", this relief reads relief.scenarios/1"#])
        #expect(refused(#"{ "format": "relief.scenarios/1", "scenarios": [] }"#).map(\.message) == ["no scenarios"])
        #expect(
            refused(#"{ "format": "relief.scenarios/1", "scenarios": [ { "name": "a b", "changes": [] } ] }"#)
                .map(\.path) == ["$.scenarios[0].name"])
        #expect(refused(#"{ "format": "relief.scenarios/1" }"#).map(\.path) == ["$.scenarios"])
    }

    @Test func missingChangesFailTheScenario() throws {
        let r = try ScenarioFixture.read(
            Data(#"{ "format": "relief.scenarios/1", "scenarios": [ { "name": "a" } ] }"#.utf8))
        guard case .failure(let e) = r[0].scenario else {
            Issue.record("read")
            return
        }
        #expect(e.errors.map(\.path) == ["$.scenarios[0].changes"])
    }
}
