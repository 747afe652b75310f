import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// Reading a case: a small valid case, then broken copies of it. A broken case
/// is refused with every error at once, each at its exact JSON path and with a
/// fix; what is only odd is a warning.
@Suite("Case reader")
struct CaseReaderTests {
    let base: JSONValue

    init() throws {
        base = try CaseFixture.small()
    }

    // MARK: - Helpers

    /// Reads a case tree the way `relief` reads a file.
    func read(_ v: JSONValue) -> Result<(Case, [Diagnostic]), InputError> {
        read(Data(v.serialized().utf8))
    }

    func read(_ data: Data) -> Result<(Case, [Diagnostic]), InputError> {
        do { return .success(try CaseReader.read(data: data, file: "case.json")) } catch { return .failure(error) }
    }

    /// The diagnostics of a case that must be refused; records an issue if it is accepted.
    func refused(_ v: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        refused(Data(v.serialized().utf8), sourceLocation: sourceLocation)
    }

    func refused(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        switch read(data) {
        case .success(let (c, warnings)):
            Issue.record("case \(c.name) was accepted; warnings: \(warnings)", sourceLocation: sourceLocation)
            return []
        case .failure(let e):
            #expect(!e.errors.isEmpty, "an InputError without errors", sourceLocation: sourceLocation)
            for d in e.diagnostics {
                #expect(d.path.hasPrefix("$"), "path \(d.path)", sourceLocation: sourceLocation)
                #expect(!d.message.isEmpty, "\(d)", sourceLocation: sourceLocation)
                #expect(!d.fix.isEmpty, "no fix for \(d)", sourceLocation: sourceLocation)
            }
            #expect(e.description.contains("case.json"), sourceLocation: sourceLocation)
            return e.diagnostics
        }
    }

    /// The case and warnings of a case that must be accepted.
    func accepted(_ v: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) -> (Case, [Diagnostic])? {
        switch read(v) {
        case .success(let r):
            for d in r.1 {
                #expect(d.severity == .warning, sourceLocation: sourceLocation)
                #expect(d.path.hasPrefix("$"), sourceLocation: sourceLocation)
                #expect(!d.fix.isEmpty, "no fix for \(d)", sourceLocation: sourceLocation)
            }
            return r
        case .failure(let e):
            Issue.record("refused: \(e)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// Expects exactly one error, at `path`, whose message contains `fragment`.
    func expectOnlyError(
        _ v: JSONValue, at path: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let errors = refused(v, sourceLocation: sourceLocation).filter { $0.severity == .error }
        #expect(errors.map(\.path) == [path], "\(errors)", sourceLocation: sourceLocation)
        #expect(errors.first?.message.contains(fragment) == true, "\(errors)", sourceLocation: sourceLocation)
    }

    /// Expects an error at `path` whose message contains `fragment`, among others.
    func expectError(
        _ diagnostics: [Diagnostic], at path: String, _ fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let hit = diagnostics.contains { $0.severity == .error && $0.path == path && $0.message.contains(fragment) }
        #expect(hit, "no error at \(path) containing \"\(fragment)\" in \(diagnostics)", sourceLocation: sourceLocation)
    }

    /// Expects exactly one error among `diagnostics`, at `path`, whose message contains `fragment`.
    func expectOnlyError(
        _ diagnostics: [Diagnostic], at path: String, _ fragment: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.path) == [path], "\(errors)", sourceLocation: sourceLocation)
        #expect(errors.first?.message.contains(fragment) == true, "\(errors)", sourceLocation: sourceLocation)
        for d in diagnostics {
            #expect(d.path.hasPrefix("$") && !d.fix.isEmpty, "\(d)", sourceLocation: sourceLocation)
        }
    }

    /// The same damage to the JSON document and to the case in memory (`CaseFixture.twin`).
    func twin(
        _ v: JSONValue, sourceLocation: SourceLocation = #_sourceLocation, _ change: (inout Case) -> Void
    ) -> [Diagnostic] {
        CaseFixture.twin(v, change, sourceLocation: sourceLocation)
    }

    func t(_ s: String) -> Instant { CaseFixture.t(s) }

    func warnings(_ v: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) -> [Diagnostic] {
        accepted(v, sourceLocation: sourceLocation)?.1 ?? []
    }

    // MARK: - The valid case

    @Test func fixtureReadsWithoutWarnings() throws {
        let (c, warnings) = try #require(accepted(base))
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(c.name == "small valid case")
        #expect(c.clock.identifier == "America/Toronto")
        #expect(c.territories.map(\.id) == ["saint-roch", "limoilou", "vieux-quebec"])
        #expect(c.territories[2].name == "Vieux-Québec")
        #expect(c.sitters.map(\.id) == ["S1", "S2", "S3", "S4"])
        #expect(c.sitters[2].trainee)
        #expect(c.sitters[2].territories == ["saint-roch"])  // defaults to the home territory
        #expect(c.sitters[3].isOnCallEligible)
        #expect(c.sitters[3].onCall?.maxShifts == 4)
        #expect(c.sitters[0].credentials["gtube"] == .some(nil))
        #expect(c.sitters[0].credentials["first-aid"] == .some(LocalDate.parse("2027-03-01")))
        #expect(c.sitters[0].targetMinutesPerWeek == 600)
        #expect(c.families.map(\.id) == ["F1", "F2", "F3"])
        #expect(c.families[1].excludedSitters == ["S3"])
        #expect(c.visits.map(\.id) == ["V1", "V2", "V3", "V4"])
        #expect(c.visits.map(\.minutes) == [240, 180, 240, 120])
        #expect(c.visits[0].priority == .urgent)
        #expect(c.visits[1].sitters == 2)
        #expect(c.visits[2].priority == .normal)
        #expect(c.visits[3].locked && c.visits[3].assigned == ["S1"])
        #expect(c.onCallShifts.map(\.minutes) == [1440, 1440])
        #expect(c.requiredCredentials == ["first-aid"])
        #expect(c.rules == Rules(maxMinutesPerDay: 720, maxMinutesPerWeek: 3000))
        #expect(c.horizon.minutes == 2 * 1440)
    }

    @Test func travelIsSymmetricAndZeroInsideATerritory() throws {
        let (c, _) = try #require(accepted(base))
        #expect(c.travelMinutes("saint-roch", "limoilou") == 12)
        #expect(c.travelMinutes("limoilou", "saint-roch") == 12)
        #expect(c.travelMinutes("vieux-quebec", "limoilou") == 14)
        #expect(c.travelMinutes("limoilou", "limoilou") == 0)
        let withSelf = base.appending("$.travel", .json(#"{"from": "limoilou", "to": "limoilou", "minutes": 6}"#))
        let (c2, _) = try #require(accepted(withSelf))
        #expect(c2.travelMinutes("limoilou", "limoilou") == 6)
    }

    @Test func optionalPartsTakeTheirDefaults() throws {
        var v = base
        for path in [
            "$.name", "$.timeZone", "$.rules", "$.requiredCredentials", "$.visits[1].priority", "$.visits[1].sitters",
            "$.sitters[0].territories",
        ] {
            v = v.setting(path, to: nil)
        }
        let (c, _) = try #require(accepted(v))
        #expect(c.name == "")
        #expect(c.clock.identifier == "America/Toronto")
        #expect(c.rules == Rules())
        #expect(c.requiredCredentials.isEmpty)
        #expect(c.visits[1].priority == .normal)
        #expect(c.visits[1].sitters == 1)
        #expect(c.sitters[0].territories == ["saint-roch"])
    }

    @Test func timeZoneDecidesWhatLocalTimesMean() throws {
        let paris = try #require(accepted(base.setting("$.timeZone", to: .string("Europe/Paris"))))
        let toronto = try #require(accepted(base))
        // 2026-11-23T00:00 is 6 hours earlier in Paris (UTC+1) than in Toronto (UTC-5).
        #expect(toronto.0.horizon.start.seconds - paris.0.horizon.start.seconds == 6 * 3600)
    }

    @Test func fallBackVisitLastsItsRealDuration() throws {
        var v = base.setting("$.horizon", to: .json(#"{"start": "2026-10-31T00:00", "end": "2026-11-02T00:00"}"#))
        v = v.setting("$.onCallShifts", to: .array([]))
        v = v.setting(
            "$.visits",
            to: .json(#"[{"id": "V1", "family": "F1", "start": "2026-11-01T00:00", "end": "2026-11-01T04:00"}]"#))
        let (c, _) = try #require(accepted(v))
        #expect(c.visits[0].minutes == 300)
    }

    @Test func missingFileIsNotAnInputError() {
        #expect(throws: CaseFileMissing.self) { try CaseReader.read(file: "/nonexistent/relief/case.json") }
    }

    // MARK: - Every error at once

    @Test func reportsEveryErrorAtOnce() {
        let v =
            base
            .setting("$.format", to: .string("relief.case/2"))
            .setting("$.rules.maxMinutesPerWeek", to: .number(-5))
            .setting("$.sitters[1].maxMinutesPerDay", to: .string("lots"))
            .setting("$.families[2].excludedSitters", to: .json(#"["S9"]"#))
            .setting("$.visits[1].end", to: .string("2026-11-23T08:00"))
            .setting("$.visits[2].family", to: .string("F9"))
            .setting("$.onCallShifts[1].staff", to: .number(0))
        let errors = refused(v).filter { $0.severity == .error }
        #expect(
            Set(errors.map(\.path)) == [
                "$.format", "$.rules.maxMinutesPerWeek", "$.sitters[1].maxMinutesPerDay",
                "$.families[2].excludedSitters[0]",
                "$.visits[1].end", "$.visits[2].family", "$.onCallShifts[1].staff",
            ], "\(errors)")
        #expect(errors.count == 7)
    }

    @Test func errorDescriptionNamesFileAndCount() {
        let v = base.setting("$.visits[2].family", to: .string("F9")).setting("$.visits[0].id", to: .string("a b"))
        guard case .failure(let e) = read(v) else {
            Issue.record("accepted")
            return
        }
        #expect(e.description.hasPrefix("case.json: 2 errors\n"))
        #expect(e.description.contains("case.json: error: $.visits[2].family: unknown family \"F9\""))
        #expect(e.description.contains("fix: "))
    }

    // MARK: - References

    @Test func unknownFamily() {
        let d = twin(base.setting("$.visits[2].family", to: .string("F9"))) { $0.visits[2].family = "F9" }
        expectOnlyError(d, at: "$.visits[2].family", "unknown family \"F9\"")
    }

    @Test func unknownSitters() {
        expectOnlyError(
            twin(base.setting("$.visits[0].assigned", to: .json(#"["S9"]"#))) { $0.visits[0].assigned = ["S9"] },
            at: "$.visits[0].assigned[0]", "unknown sitter \"S9\"")
        expectOnlyError(
            twin(base.setting("$.families[1].excludedSitters", to: .json(#"["S3", "S9"]"#))) {
                $0.families[1].excludedSitters = ["S3", "S9"]
            },
            at: "$.families[1].excludedSitters[1]", "unknown sitter")
        expectOnlyError(
            twin(base.setting("$.families[0].preferredSitters[0]", to: .string("s1"))) {
                $0.families[0].preferredSitters[0] = "s1"
            },
            at: "$.families[0].preferredSitters[0]", "unknown sitter")
        expectOnlyError(
            twin(base.setting("$.families[2].previousSitters[0]", to: .string(""))) {
                $0.families[2].previousSitters[0] = ""
            },
            at: "$.families[2].previousSitters[0]", "unknown sitter")
    }

    @Test func unknownTerritories() {
        expectOnlyError(
            twin(base.setting("$.sitters[1].homeTerritory", to: .string("sillery"))) {
                $0.sitters[1].homeTerritory = "sillery"
            },
            at: "$.sitters[1].homeTerritory", "unknown territory")
        expectOnlyError(
            twin(base.setting("$.sitters[0].territories[1]", to: .string("sillery"))) {
                $0.sitters[0].territories[1] = "sillery"
            },
            at: "$.sitters[0].territories[1]", "unknown territory")
        expectOnlyError(
            twin(base.setting("$.families[2].territory", to: .string("sillery"))) {
                $0.families[2].territory = "sillery"
            },
            at: "$.families[2].territory", "unknown territory \"sillery\"")
        // The entry's own error only: the pair it was meant for is not also "missing".
        expectOnlyError(
            twin(base.setting("$.travel[0].to", to: .string("sillery"))) { $0.travel[0].to = "sillery" },
            at: "$.travel[0].to", "unknown territory \"sillery\"")
    }

    @Test func homeTerritoryMustBeServed() {
        expectOnlyError(
            twin(base.setting("$.sitters[1].territories", to: .json(#"["vieux-quebec"]"#))) {
                $0.sitters[1].territories = ["vieux-quebec"]
            },
            at: "$.sitters[1].territories", "home territory limoilou")
        expectOnlyError(
            twin(base.setting("$.sitters[1].territories", to: .array([]))) { $0.sitters[1].territories = [] },
            at: "$.sitters[1].territories", "home territory")
    }

    // MARK: - Identifiers

    @Test func duplicateIDs() {
        expectOnlyError(
            twin(base.setting("$.visits[3].id", to: .string("V1"))) { $0.visits[3].id = "V1" }, at: "$.visits[3].id",
            "duplicate visit id V1 (first at $.visits[0].id)")
        expectOnlyError(
            twin(base.setting("$.sitters[3].id", to: .string("S3"))) { $0.sitters[3].id = "S3" }, at: "$.sitters[3].id",
            "duplicate sitter id S3")
        expectOnlyError(
            twin(base.setting("$.onCallShifts[1].id", to: .string("OC-2026-11-23"))) {
                $0.onCallShifts[1].id = "OC-2026-11-23"
            },
            at: "$.onCallShifts[1].id", "duplicate on-call shift id")
        let families = twin(base.setting("$.families[2].id", to: .string("F1"))) { $0.families[2].id = "F1" }
        expectError(families, at: "$.families[2].id", "duplicate family id F1")
        expectError(families, at: "$.visits[2].family", "unknown family \"F3\"")
        // One error: the repeated id leaves no pair without travel.
        let territories = twin(base.appending("$.territories", .json(#"{"id": "limoilou"}"#))) {
            $0.territories.append(Territory(id: "limoilou", name: "limoilou"))
        }
        expectOnlyError(territories, at: "$.territories[3].id", "duplicate territory id limoilou")
    }

    static let unsafeIDs = [
        "../x", "a b", String(repeating: "a", count: 65), "", "S1/2", "Québec", "S1\u{0}", "V1:2", "V1\u{200F}", "👩‍👧",
        "e\u{301}", " V1", "V1\n", "..\\x", ".", "..",
    ]

    @Test(arguments: unsafeIDs)
    func unsafeVisitIDs(_ id: String) {
        let d = twin(base.setting("$.visits[2].id", to: .string(id))) { $0.visits[2].id = id }
        expectOnlyError(d, at: "$.visits[2].id", "is not allowed")
        #expect(!CaseReader.isValidID(id))
    }

    @Test(arguments: ["../x", "a b", String(repeating: "s", count: 65), "", ".", ".."])
    func unsafeIDsElsewhere(_ id: String) {
        expectOnlyError(
            twin(base.setting("$.sitters[3].id", to: .string(id))) { $0.sitters[3].id = id }, at: "$.sitters[3].id",
            "is not allowed")
        expectOnlyError(
            twin(base.setting("$.onCallShifts[0].id", to: .string(id))) { $0.onCallShifts[0].id = id },
            at: "$.onCallShifts[0].id", "is not allowed")
        let territory = twin(base.setting("$.territories[0].id", to: .string(id))) { $0.territories[0].id = id }
        expectError(territory, at: "$.territories[0].id", "is not allowed")
        let family = twin(base.setting("$.families[2].id", to: .string(id))) { $0.families[2].id = id }
        expectError(family, at: "$.families[2].id", "is not allowed")
    }

    @Test(arguments: [".", ".."])
    func dotIDsNameTheFolderProblem(_ id: String) {
        let d = twin(base.setting("$.visits[2].id", to: .string(id))) { $0.visits[2].id = id }
        expectOnlyError(d, at: "$.visits[2].id", "names a folder")
        #expect(d.first?.fix.contains("letter or digit") == true, "\(d)")
    }

    @Test func leadingDotIsOnlyAWarning() {
        let d = twin(base.setting("$.visits[2].id", to: .string(".V3"))) { $0.visits[2].id = ".V3" }
        #expect(d.map(\.path) == ["$.visits[2].id"], "\(d)")
        #expect(d.first?.severity == .warning)
        #expect(d.first?.message.contains("hidden") == true, "\(d)")
    }

    @Test func longestAllowedIDAndEveryAllowedCharacter() throws {
        let long = String(repeating: "a", count: 64)
        let (c, _) = try #require(accepted(base.setting("$.visits[2].id", to: .string(long))))
        #expect(c.visits[2].id == long)
        let all = "AZaz09._-"
        #expect(accepted(base.setting("$.visits[2].id", to: .string(all))) != nil)
        #expect(CaseReader.isValidID(all))
    }

    @Test func hostileIDIsShortenedInTheMessage() {
        let huge = String(repeating: "x", count: 5000) + " "
        let errors = twin(base.setting("$.visits[2].id", to: .string(huge))) { $0.visits[2].id = huge }
        #expect(errors.count == 1)
        #expect((errors.first?.message.count ?? 0) < 200)
    }

    @Test func colonInShiftIDIsOnlyAWarning() {
        let w = twin(base.setting("$.onCallShifts[0].id", to: .string("OC-2026-11-23T00:00"))) {
            $0.onCallShifts[0].id = "OC-2026-11-23T00:00"
        }
        #expect(w.map(\.path) == ["$.onCallShifts[0].id"])
        #expect(w.first?.message.contains("':'") == true)
    }

    // MARK: - Times

    @Test func endNotAfterStart() {
        expectOnlyError(
            twin(base.setting("$.visits[1].end", to: .string("2026-11-23T09:00"))) {
                $0.visits[1].span.end = t("2026-11-23T09:00")
            },
            at: "$.visits[1].end", "end is not after start")
        expectOnlyError(
            twin(base.setting("$.visits[1].end", to: .string("2026-11-23T08:59"))) {
                $0.visits[1].span.end = t("2026-11-23T08:59")
            },
            at: "$.visits[1].end", "end is not after start")
        expectOnlyError(
            twin(base.setting("$.horizon.end", to: .string("2026-11-23T00:00"))) {
                $0.horizon.end = t("2026-11-23T00:00")
            },
            at: "$.horizon.end", "end is not after start")
        expectOnlyError(
            twin(base.setting("$.sitters[0].availability[1].end", to: .string("2026-11-24T07:00"))) {
                $0.sitters[0].availability[1].end = t("2026-11-24T07:00")
            },
            at: "$.sitters[0].availability[1].end", "end is not after start")
        let swapped = base.setting("$.onCallShifts[0].start", to: .string("2026-11-24T00:00"))
            .setting("$.onCallShifts[0].end", to: .string("2026-11-23T00:00"))
        expectOnlyError(
            twin(swapped) {
                $0.onCallShifts[0].span = TimeSpan(start: t("2026-11-24T00:00"), end: t("2026-11-23T00:00"))
            },
            at: "$.onCallShifts[0].end", "end is not after start")
    }

    @Test func sameInstantWrittenTwoWaysIsEmpty() {
        // 18:00 local and 23:00Z are the same instant: a visit of zero minutes.
        let v = base.setting("$.visits[0].start", to: .string("2026-11-23T18:00")).setting(
            "$.visits[0].end", to: .string("2026-11-23T23:00Z"))
        expectOnlyError(
            twin(v) { $0.visits[0].span.end = t("2026-11-23T18:00") }, at: "$.visits[0].end", "end is not after start")
    }

    @Test func outsideTheHorizon() {
        let later = base.setting("$.visits[2].start", to: .string("2026-11-26T13:00")).setting(
            "$.visits[2].end", to: .string("2026-11-26T17:00"))
        expectOnlyError(
            twin(later) { $0.visits[2].span = TimeSpan(start: t("2026-11-26T13:00"), end: t("2026-11-26T17:00")) },
            at: "$.visits[2]", "outside the horizon")
        expectOnlyError(
            twin(base.setting("$.visits[2].end", to: .string("2026-11-25T01:00"))) {
                $0.visits[2].span.end = t("2026-11-25T01:00")
            },
            at: "$.visits[2]", "outside the horizon")
        expectOnlyError(
            twin(base.setting("$.visits[1].start", to: .string("2026-11-22T23:00"))) {
                $0.visits[1].span.start = t("2026-11-22T23:00")
            },
            at: "$.visits[1]", "outside the horizon")
        expectOnlyError(
            twin(base.setting("$.onCallShifts[1].end", to: .string("2026-11-25T08:00"))) {
                $0.onCallShifts[1].span.end = t("2026-11-25T08:00")
            },
            at: "$.onCallShifts[1]", "outside the horizon")
        // Availability may reach beyond the horizon.
        #expect(accepted(base.setting("$.sitters[3].availability[0].end", to: .string("2026-12-25T00:00"))) != nil)
    }

    @Test func springForwardGapIsAnError() {
        expectOnlyError(
            base.setting("$.visits[2].start", to: .string("2026-03-08T02:30")), at: "$.visits[2].start",
            "does not exist in America/Toronto")
        expectOnlyError(
            base.setting("$.sitters[0].availability[0].start", to: .string("2026-03-08T02:00")),
            at: "$.sitters[0].availability[0].start",
            "does not exist")
    }

    @Test func malformedTimesAndDates() {
        expectOnlyError(
            base.setting("$.visits[2].start", to: .string("tomorrow 6pm")), at: "$.visits[2].start",
            "is not an ISO 8601 time")
        expectOnlyError(
            base.setting("$.horizon.start", to: .string("2026-11-23")), at: "$.horizon.start", "is not an ISO 8601 time"
        )
        expectOnlyError(
            base.setting("$.sitters[0].credentials.first-aid", to: .string("2027-02-30")),
            at: "$.sitters[0].credentials.first-aid",
            "is not a date")
    }

    @Test func unknownTimeZone() {
        expectOnlyError(
            base.setting("$.timeZone", to: .string("Quebec/City")), at: "$.timeZone",
            "unknown time zone \"Quebec/City\"")
    }

    // MARK: - Travel

    @Test func missingTravelPair() {
        expectOnlyError(
            twin(base.setting("$.travel[2]", to: nil)) { $0.travel.remove(at: 2) }, at: "$.travel",
            "limoilou-vieux-quebec")
        let none = twin(base.setting("$.travel", to: nil)) { $0.travel = [] }.filter { $0.severity == .error }
        #expect(none.map(\.path) == ["$.travel"])
        #expect(none.first?.message.contains("3 territory pair(s)") == true)
    }

    @Test func disagreeingDuplicateTravel() {
        let v = base.appending("$.travel", .json(#"{"from": "limoilou", "to": "saint-roch", "minutes": 20}"#))
        expectOnlyError(
            twin(v) { $0.travel.append(TravelEntry(from: "limoilou", to: "saint-roch", minutes: 20)) },
            at: "$.travel[3]",
            "20 min here but 12 min at $.travel[0]")
    }

    @Test func agreeingDuplicateTravelIsFine() {
        let v = base.appending("$.travel", .json(#"{"from": "limoilou", "to": "saint-roch", "minutes": 12}"#))
        #expect(accepted(v) != nil)
    }

    @Test func travelMinutesOutOfRange() {
        // The entry's own error only: its pair is not also counted missing.
        expectOnlyError(
            twin(base.setting("$.travel[0].minutes", to: .number(1441))) { $0.travel[0].minutes = 1441 },
            at: "$.travel[0].minutes", "1441 is out of range")
        expectOnlyError(
            base.setting("$.travel[0].minutes", to: .number(2.5)), at: "$.travel[0].minutes",
            "2.5 is not a whole number")
        expectOnlyError(
            twin(base.setting("$.travel[0].minutes", to: .number(-1))) { $0.travel[0].minutes = -1 },
            at: "$.travel[0].minutes", "-1 is out of range")
        expectOnlyError(base.setting("$.travel[0].minutes", to: nil), at: "$.travel[0].minutes", "missing")
        expectOnlyError(
            base.setting("$.travel[0].minutes", to: .string("12")), at: "$.travel[0].minutes",
            "is a string, expected a whole number")
    }

    // MARK: - Locked assignments that break a hard rule

    @Test func lockedSitterWithoutTheCompetency() {
        let v = base.setting("$.visits[3].competencies", to: .json(#"["sign-language"]"#))
        let errors = twin(v) { $0.visits[3].competencies = ["sign-language"] }.filter { $0.severity == .error }
        #expect(errors.map(\.path) == ["$.visits[3].assigned[0]"])
        #expect(errors.first?.message.contains("breaks the no-competency rule") == true, "\(errors)")
        #expect(errors.first?.message.contains("S1") == true)
        #expect(errors.first?.message.contains("V4") == true)
    }

    @Test func lockedSitterBreakingOtherEligibilityRules() {
        expectOnlyError(
            twin(base.setting("$.sitters[0].credentials.first-aid", to: .string("2026-11-23"))) {
                $0.sitters[0].credentials["first-aid"] = .some(LocalDate.parse("2026-11-23"))
            },
            at: "$.visits[3].assigned[0]", "no-credential")
        expectOnlyError(
            twin(base.setting("$.visits[3].assigned", to: .json(#"["S2"]"#))) { $0.visits[3].assigned = ["S2"] },
            at: "$.visits[3].assigned[0]", "no-territory")
        expectOnlyError(
            twin(base.setting("$.families[0].excludedSitters", to: .json(#"["S1"]"#))) {
                $0.families[0].excludedSitters = ["S1"]
            },
            at: "$.visits[3].assigned[0]", "excluded")
        expectOnlyError(
            twin(base.setting("$.visits[3].start", to: .string("2026-11-24T06:00"))) {
                $0.visits[3].span.start = t("2026-11-24T06:00")
            },
            at: "$.visits[3].assigned[0]", "not-available")
        expectOnlyError(
            twin(base.setting("$.visits[3].credentials", to: .json(#"["driving"]"#))) {
                $0.visits[3].credentials = ["driving"]
            },
            at: "$.visits[3].assigned[0]", "no-credential")
    }

    @Test func twoLockedOverlappingVisits() {
        let v = base.setting("$.visits[0].locked", to: .bool(true))
            .appending(
                "$.visits",
                .json(
                    #"{"id": "V5", "family": "F2", "start": "2026-11-23T19:00", "end": "2026-11-23T21:00", "assigned": ["S1"], "locked": true}"#
                ))
        let errors = twin(v) {
            $0.visits[0].locked = true
            $0.visits.append(
                Visit(
                    id: "V5", family: "F2", span: TimeSpan(start: t("2026-11-23T19:00"), end: t("2026-11-23T21:00")),
                    assigned: ["S1"], locked: true))
        }.filter { $0.severity == .error }
        #expect(errors.map(\.path) == ["$.visits[0].assigned"], "\(errors)")
        #expect(errors.first?.message.contains("cannot do both V1 and V5") == true)
    }

    @Test func twoLockedVisitsWithoutTimeToTravel() {
        let v = base.setting("$.visits[1].locked", to: .bool(true)).setting(
            "$.visits[1].assigned", to: .json(#"["S1"]"#)
        )
        .appending(
            "$.visits",
            .json(
                #"{"id": "V5", "family": "F1", "start": "2026-11-23T12:05", "end": "2026-11-23T13:00", "assigned": ["S1"], "locked": true}"#
            ))
        let errors = twin(v) {
            $0.visits[1].locked = true
            $0.visits[1].assigned = ["S1"]
            $0.visits.append(
                Visit(
                    id: "V5", family: "F1", span: TimeSpan(start: t("2026-11-23T12:05"), end: t("2026-11-23T13:00")),
                    assigned: ["S1"], locked: true))
        }.filter { $0.severity == .error }
        #expect(errors.map(\.path) == ["$.visits[1].assigned"], "\(errors)")
        #expect(errors.first?.message.contains("travel 12 min") == true)
    }

    @Test func lockedVisitsOverTheDailyLimit() {
        expectOnlyError(
            twin(base.setting("$.sitters[0].maxMinutesPerDay", to: .number(60))) {
                $0.sitters[0].maxMinutesPerDay = 60
            },
            at: "$.visits", "over the daily limit 60")
        expectOnlyError(
            twin(base.setting("$.sitters[0].maxMinutesPerWeek", to: .number(100))) {
                $0.sitters[0].maxMinutesPerWeek = 100
            },
            at: "$.visits", "over the limit 100")
    }

    @Test func lockingMoreSittersThanNeeded() {
        let v = base.setting("$.visits[3].assigned", to: .json(#"["S1", "S3"]"#))
        expectOnlyError(
            twin(v) { $0.visits[3].assigned = ["S1", "S3"] }, at: "$.visits[3].assigned",
            "locks 2 sitters on a visit that needs 1")
    }

    @Test func lockedTraineeWithNoPossibleMentor() {
        // S3 (trainee) is locked on V1; S1, the only other sitter with autism in saint-roch, loses it.
        let v = base.setting("$.visits[0].assigned", to: .json(#"["S3"]"#)).setting(
            "$.visits[0].locked", to: .bool(true)
        )
        .setting("$.visits[0].sitters", to: .number(2))
        .setting("$.sitters[0].competencies", to: .json(#"["infant"]"#))
        let errors = twin(v) {
            $0.visits[0].assigned = ["S3"]
            $0.visits[0].locked = true
            $0.visits[0].sitters = 2
            $0.sitters[0].competencies = ["infant"]
        }.filter { $0.severity == .error }
        #expect(errors.map(\.path) == ["$.visits[0].assigned"], "\(errors)")
        #expect(errors.first?.message.contains("trainee") == true)
    }

    @Test func lockedTraineeAloneOnAOneSitterVisit() {
        // V1 needs one sitter: the locked trainee can never be joined by a non-trainee,
        // so the lock breaks the trainee rule. relief validate must say so.
        let v = base.setting("$.visits[0].assigned", to: .json(#"["S3"]"#)).setting(
            "$.visits[0].locked", to: .bool(true))
        let errors = twin(v) {
            $0.visits[0].assigned = ["S3"]
            $0.visits[0].locked = true
        }.filter { $0.severity == .error }
        // The list or the trainee's own entry in it.
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.allSatisfy { $0.path.hasPrefix("$.visits[0].assigned") }, "\(errors)")
        #expect(errors.first?.message.contains("trainee") == true)
    }

    @Test func lockedTraineeWithRoomForAMentorIsValid() {
        // V1 needs two sitters, S3 is locked, S1 may join: a valid case.
        let v = base.setting("$.visits[0].assigned", to: .json(#"["S3"]"#)).setting(
            "$.visits[0].locked", to: .bool(true)
        )
        .setting("$.visits[0].sitters", to: .number(2))
        #expect(accepted(v) != nil)
    }

    // MARK: - Wrong types

    struct WrongType: Sendable, CustomTestStringConvertible {
        let path: String
        let json: String
        let errorPath: String
        let fragment: String
        var testDescription: String { "\(path) = \(json)" }
        init(_ path: String, _ json: String, at errorPath: String? = nil, _ fragment: String) {
            self.path = path
            self.json = json
            self.errorPath = errorPath ?? path
            self.fragment = fragment
        }
    }

    static let wrongTypes: [WrongType] = [
        WrongType("$.visits[1].sitters", #""2""#, "is a string, expected a whole number"),
        WrongType("$.visits[1].sitters", "0", "out of range"),
        WrongType("$.visits[1].sitters", "1e308", "out of range"),
        WrongType("$.visits[1].sitters", "9223372036854775808", "out of range"),
        WrongType("$.visits[1].sitters", "-1", "out of range"),
        WrongType("$.visits[1].sitters", "1.5", "1.5 is not a whole number"),
        WrongType("$.sitters[0].name", "5", "is a number, expected a string"),
        WrongType("$.visits[0].start", "1764000000", "is a number, expected a string"),
        WrongType("$.visits[0].family", "[\"F1\"]", "is an array, expected a string"),
        WrongType("$.visits", "{}", "is an object, expected an array"),
        WrongType("$.visits[2]", #""V3""#, "is a string, expected an object"),
        WrongType("$.visits[0].competencies", #""autism""#, "is a string, expected an array"),
        WrongType(
            "$.visits[0].competencies", #"["autism", 3]"#, at: "$.visits[0].competencies[1]",
            "is a number, expected a string"),
        WrongType("$.visits[0].locked", #""no""#, "expected true or false"),
        WrongType("$.visits[1].priority", #""asap""#, "unknown priority \"asap\""),
        WrongType("$.visits[1].priority", "1", "is a number, expected a string"),
        WrongType("$.sitters[2].trainee", "1", "is a number, expected true or false"),
        WrongType("$.sitters[0].credentials", #"["first-aid"]"#, "is an array, expected an object"),
        WrongType("$.sitters[0].credentials.first-aid", "2027", "is a number, expected a date or null"),
        WrongType("$.sitters[3].onCall", "true", "is a boolean, expected an object"),
        WrongType("$.sitters[3].onCall.maxShifts", #""4""#, "is a string, expected a whole number"),
        WrongType("$.sitters[0].availability", "{}", "is an object, expected an array"),
        WrongType("$.sitters[0].availability[0]", "[]", "is an array, expected an object"),
        WrongType("$.sitters[0].targetMinutesPerWeek", "100001", "out of range"),
        WrongType("$.rules.maxMinutesPerDay", "2881", "out of range"),
        WrongType("$.rules", "[]", "is an array, expected an object"),
        WrongType("$.horizon", #""2026-11-23/2026-11-30""#, "is a string, expected an object"),
        WrongType("$.territories[0].name", "{}", "is an object, expected a string"),
        WrongType("$.travel[0].minutes", #""12""#, "is a string, expected a whole number"),
        WrongType("$.onCallShifts[0].staff", "true", "is a boolean, expected a whole number"),
        WrongType("$.format", "1", "is a number, expected a string"),
        WrongType("$.timeZone", "-5", "is a number, expected a string"),
    ]

    @Test(arguments: wrongTypes)
    func wrongType(_ w: WrongType) {
        let errors = refused(base.setting(w.path, to: .json(w.json))).filter { $0.severity == .error }
        #expect(errors.contains { $0.path == w.errorPath && $0.message.contains(w.fragment) }, "\(errors)")
        // A wrong type is one error, not a cascade ($.format is tested below).
        if w.path != "$.format" { #expect(errors.count == 1, "\(errors)") }
    }

    /// Whole numbers out of their range: the validator's, for a case from JSON or from memory alike.
    @Test func wholeNumbersOutOfRange() {
        expectOnlyError(
            twin(base.setting("$.visits[1].sitters", to: .number(0))) { $0.visits[1].sitters = 0 },
            at: "$.visits[1].sitters", "0 is out of range")
        expectOnlyError(
            twin(base.setting("$.visits[1].sitters", to: .number(51))) { $0.visits[1].sitters = 51 },
            at: "$.visits[1].sitters", "51 is out of range")
        expectOnlyError(
            twin(base.setting("$.onCallShifts[0].staff", to: .number(0))) { $0.onCallShifts[0].staff = 0 },
            at: "$.onCallShifts[0].staff", "0 is out of range")
        expectOnlyError(
            twin(base.setting("$.rules.maxMinutesPerDay", to: .number(2881))) { $0.rules.maxMinutesPerDay = 2881 },
            at: "$.rules.maxMinutesPerDay", "2881 is out of range")
        expectOnlyError(
            twin(base.setting("$.rules.maxMinutesPerWeek", to: .number(-5))) { $0.rules.maxMinutesPerWeek = -5 },
            at: "$.rules.maxMinutesPerWeek", "-5 is out of range")
        expectOnlyError(
            twin(base.setting("$.sitters[0].targetMinutesPerWeek", to: .number(100_001))) {
                $0.sitters[0].targetMinutesPerWeek = 100_001
            },
            at: "$.sitters[0].targetMinutesPerWeek", "100001 is out of range")
        expectOnlyError(
            twin(base.setting("$.sitters[3].onCall.maxShifts", to: .number(-1))) {
                $0.sitters[3].onCall?.maxShifts = -1
            },
            at: "$.sitters[3].onCall.maxShifts", "-1 is out of range")
    }

    /// A fraction is not a whole number, whatever its size; a whole number outside the range is out of range.
    @Test(arguments: [
        "$.visits[1].sitters", "$.onCallShifts[0].staff", "$.travel[0].minutes", "$.rules.maxMinutesPerDay",
        "$.rules.maxMinutesPerWeek", "$.sitters[0].maxMinutesPerDay", "$.sitters[0].maxMinutesPerWeek",
        "$.sitters[0].targetMinutesPerWeek", "$.sitters[3].onCall.maxShifts",
    ])
    func fractionIsNotAWholeNumber(_ path: String) {
        let errors = refused(base.setting(path, to: .number(1.5)))
        #expect(errors.map(\.path) == [path], "\(errors)")
        #expect(errors.first?.message == "1.5 is not a whole number", "\(errors)")
        let huge = refused(base.setting(path, to: .number(1e300)))
        #expect(huge.map(\.path) == [path], "\(huge)")
        #expect(huge.first?.message.hasSuffix("is out of range") == true, "\(huge)")
    }

    @Test func formatOfTheWrongTypeIsOneError() {
        expectOnlyError(base.setting("$.format", to: .number(1)), at: "$.format", "is a number, expected a string")
    }

    @Test func hugeNumberIsNamedAsWritten() throws {
        var text = base.serialized()
        let field = "\"sitters\": 2,"
        let range = try #require(text.range(of: field))
        text.replaceSubrange(range, with: "\"sitters\": 1e400,")
        let errors = refused(Data(text.utf8))
        #expect(errors.map(\.path) == ["$.visits[1].sitters"])
        #expect(errors.first?.message.contains("null") == false, "\(errors)")
    }

    @Test func rootMustBeAnObject() {
        for text in ["[]", "null", "\"relief.case/1\"", "42"] {
            let errors = refused(Data(text.utf8))
            #expect(errors.map(\.path) == ["$"], "\(text)")
            #expect(errors.first?.message.contains("expected an object") == true)
        }
    }

    @Test func wrongFormat() {
        expectOnlyError(
            base.setting("$.format", to: .string("relief.schedule/1")), at: "$.format",
            "this relief reads relief.case/1")
    }

    // MARK: - Not JSON

    @Test func truncatedFileGivesLineAndColumn() throws {
        let text = base.serialized()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = lines.prefix(5).joined(separator: "\n") + "\n"
        let errors = refused(Data(cut.utf8))
        #expect(errors.count == 1)
        #expect(errors.first?.path == "$")
        #expect(errors.first?.message.contains("not valid JSON: line 6, column 1") == true, "\(errors)")
    }

    @Test func syntaxErrorInTheMiddle() {
        let text = "{\n  \"format\": \"relief.case/1\",\n  \"name\": \"x\",,\n}"
        let errors = refused(Data(text.utf8))
        #expect(errors.first?.message.contains("line 3, column 15") == true, "\(errors)")
    }

    @Test func binaryGarbage() {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        let errors = refused(png)
        #expect(errors.first?.message.contains("line 1, column 1") == true, "\(errors)")
        #expect(refused(Data()).first?.message.contains("end of file") == true)
    }

    // MARK: - Missing required fields

    @Test(arguments: [
        "$.format", "$.horizon", "$.territories", "$.sitters", "$.families", "$.visits", "$.horizon.start",
        "$.visits[1].start", "$.visits[1].end", "$.visits[0].id", "$.visits[0].family", "$.families[0].territory",
        "$.sitters[1].homeTerritory", "$.sitters[3].id", "$.travel[0].minutes", "$.travel[0].from",
        "$.onCallShifts[0].end",
        "$.territories[0].id", "$.sitters[0].availability[0].start",
    ])
    func missingRequiredField(_ path: String) {
        let errors = refused(base.setting(path, to: nil))
        expectError(errors, at: path, "missing")
    }

    @Test func missingFieldIsOneErrorWhenNothingDependsOnIt() {
        expectOnlyError(base.setting("$.visits[1].start", to: nil), at: "$.visits[1].start", "missing")
        expectOnlyError(base.setting("$.sitters[3].id", to: nil), at: "$.sitters[3].id", "missing")
        expectOnlyError(base.setting("$.format", to: nil), at: "$.format", "missing")
    }

    @Test func nullCountsAsMissing() {
        expectOnlyError(base.setting("$.visits[1].start", to: .null), at: "$.visits[1].start", "missing")
        expectOnlyError(base.setting("$.visits", to: .null), at: "$.visits", "missing")
    }

    // MARK: - Warnings, not errors

    @Test func unknownFieldsAreWarnings() throws {
        let v = base.setting("$.comment", to: .string("draft"))
            .setting("$.visits[0].colour", to: .string("blue"))
            .setting("$.sitters[3].onCall.pager", to: .string("555"))
            .setting("$.horizon.timeZone", to: .string("UTC"))
        let (c, w) = try #require(accepted(v))
        #expect(c.visits.count == 4)
        #expect(
            Set(w.map(\.path)) == [
                "$.comment", "$.visits[0].colour", "$.sitters[3].onCall.pager", "$.horizon.timeZone",
            ])
        #expect(w.allSatisfy { $0.message.contains("unknown field") })
        #expect(w.first { $0.path == "$.visits[0].colour" }?.fix.contains("family") == true)
    }

    @Test func onCallGapsAreWarnings() throws {
        let end = twin(base.setting("$.onCallShifts[1]", to: nil)) { $0.onCallShifts.remove(at: 1) }
        #expect(end.map(\.path) == ["$.onCallShifts"])
        #expect(end.first?.message.contains("2026-11-24T00:00 to 2026-11-25T00:00") == true, "\(end)")
        let middle = twin(base.setting("$.onCallShifts[0].end", to: .string("2026-11-23T20:00"))) {
            $0.onCallShifts[0].span.end = t("2026-11-23T20:00")
        }
        #expect(middle.map(\.path) == ["$.onCallShifts"])
        #expect(middle.first?.message.contains("2026-11-23T20:00 to 2026-11-24T00:00") == true, "\(middle)")
        let start = twin(base.setting("$.onCallShifts[0].start", to: .string("2026-11-23T06:00"))) {
            $0.onCallShifts[0].span.start = t("2026-11-23T06:00")
        }
        #expect(start.first?.message.contains("2026-11-23T00:00 to 2026-11-23T06:00") == true, "\(start)")
        let none = twin(base.setting("$.onCallShifts", to: .array([]))) { $0.onCallShifts = [] }
        #expect(none.map(\.path) == ["$.onCallShifts"])
        #expect(none.first?.message.contains("no on-call shift") == true)
    }

    @Test func overlappingShiftsLeaveNoGap() {
        let v = base.setting("$.onCallShifts[0].end", to: .string("2026-11-24T06:00"))
        #expect(warnings(v).isEmpty)
    }

    @Test func visitNoSitterCouldTakeIsAWarning() {
        let w = twin(base.setting("$.visits[2].competencies", to: .json(#"["sign-language"]"#))) {
            $0.visits[2].competencies = ["sign-language"]
        }
        #expect(w.map(\.path) == ["$.visits[2]"])
        #expect(w.first?.message.contains("no sitter could ever take visit V3") == true)
        #expect(w.first?.message.contains("no-competency") == true)
        let night = twin(
            base.setting("$.visits[2].start", to: .string("2026-11-24T02:00")).setting(
                "$.visits[2].end", to: .string("2026-11-24T05:00"))
        ) { $0.visits[2].span = TimeSpan(start: t("2026-11-24T02:00"), end: t("2026-11-24T05:00")) }
        #expect(night.map(\.path) == ["$.visits[2]"])
        #expect(night.first?.message.contains("not-available") == true)
    }

    @Test func repeatedReferenceIsAWarning() {
        let w = twin(base.setting("$.families[0].preferredSitters", to: .json(#"["S1", "S1"]"#))) {
            $0.families[0].preferredSitters = ["S1", "S1"]
        }
        #expect(w.map(\.path) == ["$.families[0].preferredSitters[1]"])
        #expect(w.first?.message.contains("listed twice") == true)
    }
}
