import Foundation
import Testing

@testable import ReliefCore

/// Scenario changes applied to the small case of the fixtures (S1–S4, F1–F3, V1–V4;
/// V1 published to S1, V4 locked to S1): each op with its exact effect, each
/// refusal with its rendered location and words.
@Suite("Scenario applier")
struct ScenarioApplierTests {
    let base: Case

    init() throws { base = try CaseFixture.smallCase() }

    func t(_ s: String) -> Instant { CaseFixture.t(s) }
    func span(_ a: String, _ b: String) -> TimeSpan { TimeSpan(start: t(a), end: t(b)) }

    func applied(_ changes: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Case {
        let s = try ScenarioFixture.scenario(changes)
        switch ScenarioApplier.apply(s, index: 0, to: base) {
        case .success(let c):
            #expect(CaseValidator.check(c).allSatisfy { $0.severity != .error }, sourceLocation: sourceLocation)
            return c
        case .failure(let e):
            Issue.record("refused: \(e)", sourceLocation: sourceLocation)
            throw e
        }
    }

    /// The errors of a scenario the applier must refuse, as `path: message`; it is the file's scenario `index`.
    func refused(_ changes: String, index: Int = 0, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> [String]
    {
        let s = try ScenarioFixture.scenario(changes)
        switch ScenarioApplier.apply(s, index: index, to: base) {
        case .success:
            Issue.record("applied", sourceLocation: sourceLocation)
            return []
        case .failure(let e):
            #expect(e.document == .scenario("s0"), sourceLocation: sourceLocation)
            return e.errors.map { "\($0.location): \($0.message)" }
        }
    }

    func sitter(_ c: Case, _ id: String) -> Sitter? { c.sitters.first { $0.id == id } }
    func visit(_ c: Case, _ id: String) -> Visit? { c.visits.first { $0.id == id } }

    // MARK: - Each op

    @Test func removeSitterFreesAssignmentsLocksAndFamilyLists() throws {
        let c = try applied(#"[ { "op": "remove-sitter", "sitter": "S1" } ]"#)
        #expect(c.sitters.map(\.id) == ["S2", "S3", "S4"])
        #expect(visit(c, "V1")?.assigned == [])
        #expect(visit(c, "V4")?.assigned == [])
        #expect(visit(c, "V4")?.locked == false)
        #expect(c.families[0].preferredSitters == [])
        #expect(base.families[0].preferredSitters == ["S1"])
        let two = try applied(#"[ { "op": "remove-sitter", "sitters": ["S2", "S3"] } ]"#)
        #expect(two.sitters.map(\.id) == ["S1", "S4"])
        #expect(two.families[1].excludedSitters == [])
        #expect(two.families[2].previousSitters == [])
    }

    @Test func addSitterCopiesLikeAndNumbersAcrossTheScenario() throws {
        let c = try applied(
            """
            [ { "op": "add-sitter", "count": 2, "like": "S1", "sitter": { "competencies": ["autism"] } },
              { "op": "add-sitter", "sitter": { "homeTerritory": "vieux-quebec", "name": "Nouvelle" } } ]
            """)
        #expect(c.sitters.map(\.id) == ["S1", "S2", "S3", "S4", "NEW-1", "NEW-2", "NEW-3"])
        let s1 = try #require(sitter(base, "S1"))
        let n1 = try #require(sitter(c, "NEW-1"))
        #expect(n1.competencies == ["autism"])
        #expect(n1.territories == s1.territories)
        #expect(n1.homeTerritory == "saint-roch")
        #expect(n1.credentials == s1.credentials)
        #expect(n1.availability == s1.availability)
        #expect(n1.targetMinutesPerWeek == 600)
        #expect(n1.name == "")
        let n3 = try #require(sitter(c, "NEW-3"))
        #expect(n3.territories == ["vieux-quebec"])
        #expect(n3.competencies.isEmpty && n3.credentials.isEmpty && n3.availability.isEmpty)
        #expect(n3.name == "Nouvelle")
        #expect(n3.onCall == nil && !n3.trainee)
    }

    @Test func addSitterGivenTerritoriesWithoutLikesHomeMakeTheFirstHome() throws {
        let c = try applied(
            #"[ { "op": "add-sitter", "like": "S1", "sitter": { "id": "S9", "territories": ["limoilou"] } } ]"#)
        let s9 = try #require(sitter(c, "S9"))
        #expect(s9.homeTerritory == "limoilou")
        #expect(s9.territories == ["limoilou"])
    }

    @Test func grantAndRevokeCompetency() throws {
        let c = try applied(
            """
            [ { "op": "grant-competency", "sitters": ["S2", "S4"], "competency": "autism" },
              { "op": "revoke-competency", "sitters": ["S2"], "competency": "infant" } ]
            """)
        #expect(sitter(c, "S2")?.competencies == ["autism"])
        #expect(sitter(c, "S4")?.competencies == ["autism"])
    }

    @Test func setCredential() throws {
        let c = try applied(
            #"[ { "op": "set-credential", "sitters": ["S2", "S4"], "kind": "first-aid", "validUntil": "2026-11-23" } ]"#
        )
        let day = LocalDate(year: 2026, month: 11, dayOfMonth: 23)
        #expect(sitter(c, "S2")?.credentials["first-aid"] == .some(day))
        #expect(sitter(c, "S4")?.credentials["first-aid"] == .some(day))
        let none = try applied(
            #"[ { "op": "set-credential", "sitters": ["S1"], "kind": "first-aid", "validUntil": null } ]"#)
        #expect(sitter(none, "S1")?.credentials["first-aid"] == .some(nil))
    }

    @Test func absenceSplitsAvailabilityAndFreesOverlappingVisitsOnly() throws {
        let c = try applied(
            #"[ { "op": "absence", "sitter": "S1", "start": "2026-11-23T17:00", "end": "2026-11-23T23:00" } ]"#)
        #expect(
            sitter(c, "S1")?.availability == [
                span("2026-11-23T08:00", "2026-11-23T17:00"), span("2026-11-24T08:00", "2026-11-24T22:00"),
            ])
        #expect(visit(c, "V1")?.assigned == [])
        #expect(visit(c, "V4")?.assigned == ["S1"])
        #expect(visit(c, "V4")?.locked == true)
    }

    @Test func setAvailabilityReplaces() throws {
        let c = try applied(
            """
            [ { "op": "set-availability", "sitter": "S3", "availability": [
                { "start": "2026-11-23T12:00", "end": "2026-11-23T14:00" },
                { "start": "2026-11-23T10:00", "end": "2026-11-23T12:00" } ] } ]
            """)
        #expect(sitter(c, "S3")?.availability == [span("2026-11-23T10:00", "2026-11-23T14:00")])
    }

    @Test func setRulesForEveryoneOrForSomeSitters() throws {
        let all = try applied(#"[ { "op": "set-rules", "rules": { "maxMinutesPerDay": 300 } } ]"#)
        #expect(all.rules == Rules(maxMinutesPerDay: 300, maxMinutesPerWeek: 3000))
        #expect(all.sitters.allSatisfy { $0.maxMinutesPerDay == nil })
        let some = try applied(
            #"[ { "op": "set-rules", "rules": { "maxMinutesPerWeek": 600 }, "sitters": ["S2"] } ]"#)
        #expect(some.rules == base.rules)
        #expect(sitter(some, "S2")?.maxMinutesPerWeek == 600)
        #expect(sitter(some, "S1")?.maxMinutesPerWeek == nil)
    }

    @Test func cancelVisitsByIdFamilyOrTerritory() throws {
        #expect(
            try applied(#"[ { "op": "cancel-visits", "visits": ["V2", "V3"] } ]"#).visits.map(\.id) == ["V1", "V4"])
        #expect(try applied(#"[ { "op": "cancel-visits", "family": "F1" } ]"#).visits.map(\.id) == ["V2", "V3"])
        #expect(
            try applied(#"[ { "op": "cancel-visits", "territory": "limoilou" } ]"#).visits.map(\.id) == [
                "V1", "V3", "V4",
            ])
    }

    @Test func addVisitAppends() throws {
        let c = try applied(
            """
            [ { "op": "add-visit", "visit": { "id": "V9", "family": "F3", "start": "2026-11-24T18:00",
                "end": "2026-11-24T20:00", "priority": "urgent", "competencies": ["infant"] } } ]
            """)
        #expect(c.visits.map(\.id) == ["V1", "V2", "V3", "V4", "V9"])
        #expect(visit(c, "V9")?.priority == .urgent)
        #expect(visit(c, "V9")?.span == span("2026-11-24T18:00", "2026-11-24T20:00"))
    }

    @Test func changesApplyInOrderToTheCaseBefore() throws {
        // The second change sees the sitter the first one added.
        let c = try applied(
            """
            [ { "op": "add-sitter", "like": "S2" },
              { "op": "grant-competency", "sitters": ["NEW-1"], "competency": "behaviour" } ]
            """)
        #expect(sitter(c, "NEW-1")?.competencies == ["infant", "behaviour"])
    }

    // MARK: - Refusals

    @Test func unknownSitter() throws {
        #expect(
            try refused(
                #"[ { "op": "absence", "sitter": "S99", "start": "2026-11-23T17:00", "end": "2026-11-23T23:00" } ]"#,
                index: 2)
                == ["$.scenarios[2].changes[0].sitter: unknown sitter S99"])
        #expect(
            try refused(#"[ { "op": "grant-competency", "sitters": ["S1", "S98"], "competency": "x" } ]"#)
                == ["$.scenarios[0].changes[0].sitters[1]: unknown sitter S98"])
        #expect(
            try refused(#"[ { "op": "add-sitter", "like": "S97" } ]"#)
                == ["$.scenarios[0].changes[0].like: unknown sitter S97"])
        // A later change cannot name a sitter an earlier one removed.
        #expect(
            try refused(
                """
                [ { "op": "remove-sitter", "sitter": "S2" },
                  { "op": "set-availability", "sitter": "S2", "availability": [] } ]
                """) == ["$.scenarios[0].changes[1].sitter: unknown sitter S2"])
    }

    @Test func withoutTheFileIndexTheLocationNamesTheScenario() throws {
        let s = try ScenarioFixture.scenario(#"[ { "op": "remove-sitter", "sitter": "S99" } ]"#)
        guard case .failure(let e) = ScenarioApplier.apply(s, index: -1, to: base) else {
            Issue.record("applied")
            return
        }
        #expect(e.errors.map(\.location) == [.scenario(id: "s0", change: 0, field: "sitter")])
        #expect(e.errors.first?.path == "scenario s0 changes[0].sitter")
    }

    @Test func addVisitWithAnUnknownFamily() throws {
        #expect(
            try refused(
                """
                [ { "op": "add-visit", "visit": { "id": "V9", "family": "F999", "start": "2026-11-24T18:00",
                    "end": "2026-11-24T20:00" } } ]
                """, index: 1) == [#"$.scenarios[1].changes[0].visit.family: unknown family "F999""#])
    }

    @Test func unknownVisitFamilyTerritoryAndExistingIds() throws {
        #expect(
            try refused(#"[ { "op": "cancel-visits", "visits": ["V1", "V7"] } ]"#)
                == ["$.scenarios[0].changes[0].visits[1]: unknown visit V7"])
        #expect(
            try refused(#"[ { "op": "cancel-visits", "family": "F9" } ]"#)
                == ["$.scenarios[0].changes[0].family: unknown family F9"])
        #expect(
            try refused(#"[ { "op": "cancel-visits", "territory": "levis" } ]"#)
                == ["$.scenarios[0].changes[0].territory: unknown territory levis"])
        #expect(
            try refused(
                #"[ { "op": "add-visit", "visit": { "id": "V1", "family": "F1", "start": "2026-11-24T18:00", "end": "2026-11-24T20:00" } } ]"#
            ) == ["$.scenarios[0].changes[0].visit.id: visit V1 already exists"])
        #expect(
            try refused(#"[ { "op": "add-sitter", "sitter": { "id": "S2", "homeTerritory": "limoilou" } } ]"#)
                == ["$.scenarios[0].changes[0].sitter.id: sitter S2 already exists"])
        #expect(
            try refused(#"[ { "op": "add-sitter", "sitter": { "competencies": ["autism"] } } ]"#)
                == ["$.scenarios[0].changes[0].sitter.homeTerritory: missing, and no like to copy it from"])
    }

    @Test func aChangeThatLeavesAnInvalidCaseIsBlamedWithTheCasePath() throws {
        // S1's first-aid ends before V4 (locked to S1, 2026-11-24): the lock breaks a hard rule.
        let errors = try refused(
            #"[ { "op": "set-credential", "sitters": ["S1"], "kind": "first-aid", "validUntil": "2026-11-23" } ]"#,
            index: 3)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("$.scenarios[3].changes[0].validUntil: ") == true)
        #expect(errors.first?.contains("(in the case at $.visits[3]") == true)
    }

    @Test func aNewSittersBadFieldIsLocatedOnTheSitter() throws {
        // The first territory given became home, so both name it.
        #expect(
            try refused(#"[ { "op": "add-sitter", "like": "S1", "sitter": { "territories": ["nowhere"] } } ]"#) == [
                #"$.scenarios[0].changes[0].sitter.homeTerritory: unknown territory "nowhere""#,
                #"$.scenarios[0].changes[0].sitter.territories: unknown territory "nowhere""#,
            ])
        #expect(
            try refused(#"[ { "op": "add-sitter", "like": "S1", "sitter": { "maxMinutesPerDay": 5000 } } ]"#)
                == ["$.scenarios[0].changes[0].sitter.maxMinutesPerDay: 5000 is out of range"])
    }

    @Test func theBaseCaseIsNeverChanged() throws {
        let before = base.visits
        _ = try applied(#"[ { "op": "cancel-visits", "family": "F1" }, { "op": "remove-sitter", "sitter": "S1" } ]"#)
        #expect(base.visits == before)
        #expect(base.sitters.count == 4)
    }

    // MARK: - Warnings a scenario brings

    /// The warnings `applyReporting` gives, as `path: message`.
    func warned(_ changes: String) throws -> [String] {
        let s = try ScenarioFixture.scenario(changes)
        switch ScenarioApplier.applyReporting(s, index: 1, to: base) {
        case .success(let a): return a.warnings.map { "\($0.location): \($0.message)" }
        case .failure(let e): throw e
        }
    }

    @Test func aSitterAddedWithoutLikeIsWarnedAboutOnTheChange() throws {
        let w = try warned(#"[ { "op": "add-sitter", "sitter": { "homeTerritory": "limoilou" } } ]"#)
        #expect(w.count == 2, "\(w)")
        #expect(
            w.first?.hasPrefix("$.scenarios[1].changes[0].sitter.availability: sitter NEW-1 can never work") == true)
        #expect(
            w.last?.hasPrefix(
                "$.scenarios[1].changes[0].sitter.credentials: sitter NEW-1 can never work: no first-aid credential")
                == true)
        // Copied from S1, the new sitter can work: nothing to say.
        #expect(try warned(#"[ { "op": "add-sitter", "like": "S1" } ]"#).isEmpty)
        // `apply` (what the hire suggester calls) reports nothing and applies the same case.
        let s = try ScenarioFixture.scenario(#"[ { "op": "add-sitter", "sitter": { "homeTerritory": "limoilou" } } ]"#)
        let plain = try ScenarioApplier.apply(s, index: 1, to: base).get()
        let reported = try ScenarioApplier.applyReporting(s, index: 1, to: base).get().theCase
        #expect(reported.sitters.map(\.id) == plain.sitters.map(\.id) && plain.sitters.map(\.id).last == "NEW-1")
    }

    @Test func aCredentialSetBeforeTheHorizonIsWarnedAboutButNotANewlyUntakenVisit() throws {
        let w = try warned(
            #"[ { "op": "set-credential", "sitters": ["S2"], "kind": "first-aid", "validUntil": "2026-11-01" } ]"#)
        #expect(w.count == 1, "\(w)")
        #expect(w.first?.contains("sitter S2 can never work: the first-aid credential expired on 2026-11-01") == true)
        // S1 leaving may leave visits nobody can take: relief validate's business, not the table's.
        #expect(try warned(#"[ { "op": "remove-sitter", "sitter": "S1" } ]"#).isEmpty)
    }
}
