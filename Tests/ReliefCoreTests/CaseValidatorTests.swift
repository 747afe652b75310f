import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// The validator on its own: findings of a hostile review (each run on the JSON
/// document and on the case in memory, with the same diagnostics), and where a
/// diagnostic says it is.
@Suite("Case validator")
struct CaseValidatorTests {
    let base: JSONValue

    init() throws { base = try CaseFixture.small() }

    func t(_ s: String) -> Instant { CaseFixture.t(s) }

    func errors(_ ds: [Diagnostic]) -> [Diagnostic] { ds.filter { $0.severity == .error } }

    /// S3 (trainee, autism, saint-roch) locked on V1, which now takes two sitters:
    /// S1 is the only experienced sitter who could join.
    var traineeOnV1: JSONValue {
        base.setting("$.visits[0].assigned", to: .json(#"["S3"]"#)).setting("$.visits[0].locked", to: .bool(true))
            .setting("$.visits[0].sitters", to: .number(2))
    }

    static func traineeOnV1(_ c: inout Case) {
        c.visits[0].assigned = ["S3"]
        c.visits[0].locked = true
        c.visits[0].sitters = 2
    }

    func visit(_ json: String) -> JSONValue { .json(json) }

    func lockedOnS1(_ id: String, _ start: String, _ end: String) -> Visit {
        Visit(id: id, family: "F1", span: TimeSpan(start: t(start), end: t(end)), assigned: ["S1"], locked: true)
    }

    // MARK: - A mentor for every visit locked to trainees

    @Test func traineeWithAFreeMentorIsValid() {
        #expect(errors(CaseFixture.twin(traineeOnV1) { Self.traineeOnV1(&$0) }).isEmpty)
    }

    @Test func onlyMentorIsLockedElsewhereAtTheSameTime() {
        let v = traineeOnV1.appending(
            "$.visits",
            visit(
                #"{"id": "V5", "family": "F1", "start": "2026-11-23T19:00", "end": "2026-11-23T21:00", "assigned": ["S1"], "locked": true}"#
            ))
        let e = errors(
            CaseFixture.twin(v) {
                Self.traineeOnV1(&$0)
                $0.visits.append(lockedOnS1("V5", "2026-11-23T19:00", "2026-11-23T21:00"))
            })
        #expect(e.map(\.path) == ["$.visits[0].assigned"], "\(e)")
        for part in ["trainee S3", "V1", "S1 (overlaps locked V5)"] {
            #expect(e.first?.message.contains(part) == true, "\(part): \(e)")
        }
    }

    @Test func onlyMentorHasNoTimeToTravel() {
        // S1 is locked in limoilou (F2) until 17:55; V1 in saint-roch starts at 18:00, 12 minutes away.
        let v = traineeOnV1.appending(
            "$.visits",
            visit(
                #"{"id": "V5", "family": "F2", "start": "2026-11-23T16:00", "end": "2026-11-23T17:55", "assigned": ["S1"], "locked": true}"#
            ))
        let e = errors(
            CaseFixture.twin(v) {
                Self.traineeOnV1(&$0)
                $0.visits.append(
                    Visit(
                        id: "V5", family: "F2",
                        span: TimeSpan(start: t("2026-11-23T16:00"), end: t("2026-11-23T17:55")), assigned: ["S1"],
                        locked: true))
            })
        #expect(e.map(\.path) == ["$.visits[0].assigned"], "\(e)")
        #expect(e.first?.message.contains("S1 (travel 12 min") == true, "\(e)")
    }

    @Test func onlyMentorWouldExceedTheDailyLimit() {
        let v = traineeOnV1.setting("$.sitters[0].maxMinutesPerDay", to: .number(300)).appending(
            "$.visits",
            visit(
                #"{"id": "V5", "family": "F1", "start": "2026-11-23T10:00", "end": "2026-11-23T12:00", "assigned": ["S1"], "locked": true}"#
            ))
        let e = errors(
            CaseFixture.twin(v) {
                Self.traineeOnV1(&$0)
                $0.sitters[0].maxMinutesPerDay = 300
                $0.visits.append(lockedOnS1("V5", "2026-11-23T10:00", "2026-11-23T12:00"))
            })
        #expect(e.map(\.path) == ["$.visits[0].assigned"], "\(e)")
        #expect(e.first?.message.contains("S1 (daily limit: 360 of 300 minutes on 2026-11-23)") == true, "\(e)")
    }

    @Test func onlyMentorWouldExceedTheWeeklyLimit() {
        // S1 is locked on V4 (120 min); mentoring V1 (240 min) would make 360 of 300.
        let v = traineeOnV1.setting("$.sitters[0].maxMinutesPerWeek", to: .number(300))
        let e = errors(
            CaseFixture.twin(v) {
                Self.traineeOnV1(&$0)
                $0.sitters[0].maxMinutesPerWeek = 300
            })
        #expect(e.map(\.path) == ["$.visits[0].assigned"], "\(e)")
        #expect(e.first?.message.contains("S1 (weekly limit: 360 of 300 minutes)") == true, "\(e)")
    }

    /// A second trainee, S5, locked on V5 at the same time as V1: S1 cannot mentor both.
    func twoTraineeVisits(_ start: String, _ end: String, also extra: [Visit] = []) -> [Diagnostic] {
        let v = traineeOnV1.appending(
            "$.sitters",
            .json(
                #"{"id": "S5", "homeTerritory": "saint-roch", "trainee": true, "competencies": ["autism"], "credentials": {"first-aid": null}, "availability": [{"start": "2026-11-23T08:00", "end": "2026-11-24T22:00"}]}"#
            )
        ).appending(
            "$.visits",
            visit(
                #"{"id": "V5", "family": "F1", "start": "\#(start)", "end": "\#(end)", "sitters": 2, "competencies": ["autism"], "assigned": ["S5"], "locked": true}"#
            ))
        var json = v
        for x in extra {
            json = json.appending(
                "$.visits",
                .object([
                    ("id", .string(x.id)), ("family", .string(x.family)), ("start", .string(x.span.start.description)),
                    ("end", .string(x.span.end.description)), ("sitters", .number(Double(x.sitters))),
                    ("competencies", .array(x.competencies.sorted().map { .string($0) })),
                    ("assigned", .array(x.assigned.map { .string($0) })), ("locked", .bool(x.locked)),
                ]))
        }
        return CaseFixture.twin(json) {
            Self.traineeOnV1(&$0)
            $0.sitters.append(
                Sitter(
                    id: "S5", homeTerritory: "saint-roch", competencies: ["autism"], credentials: ["first-aid": nil],
                    trainee: true, availability: [TimeSpan(start: t("2026-11-23T08:00"), end: t("2026-11-24T22:00"))]))
            $0.visits.append(
                Visit(
                    id: "V5", family: "F1", span: TimeSpan(start: t(start), end: t(end)), sitters: 2,
                    competencies: ["autism"], assigned: ["S5"], locked: true))
            $0.visits += extra
        }
    }

    @Test func oneMentorForTwoOverlappingTraineeVisits() {
        let e = errors(twoTraineeVisits("2026-11-23T19:00", "2026-11-23T21:00"))
        #expect(e.map(\.path) == ["$.visits[0].assigned"], "\(e)")
        for part in ["V1 (trainee S3)", "V5 (trainee S5)", "candidates S1", "overlap"] {
            #expect(e.first?.message.contains(part) == true, "\(part): \(e)")
        }
    }

    @Test func oneMentorForTwoTraineeVisitsThatFollowEachOther() {
        // V5 from 14:00 to 17:00 in the same territory: S1 can mentor both.
        #expect(errors(twoTraineeVisits("2026-11-23T14:00", "2026-11-23T17:00")).isEmpty)
    }

    @Test func mentorSearchNamesOnlyTheVisitsInConflict() {
        // Three visits locked to trainees, S1 the only mentor: V1 and V5 overlap; V6, the next
        // afternoon, is not part of the problem and is not named.
        let v6 = Visit(
            id: "V6", family: "F1", span: TimeSpan(start: t("2026-11-24T13:00"), end: t("2026-11-24T15:00")),
            sitters: 2, competencies: ["autism"], assigned: ["S3"], locked: true)
        let e = errors(twoTraineeVisits("2026-11-23T19:00", "2026-11-23T21:00", also: [v6]))
        #expect(e.map(\.path) == ["$.visits[0].assigned"], "\(e)")
        #expect(e.first?.message.contains("V1 (trainee S3), V5 (trainee S5) each") == true, "\(e)")
        #expect(e.first?.message.contains("V6") == false, "\(e)")
    }

    @Test func brokenLockIsNamedBeforeTheMentorSearch() {
        // Three trainee visits on S1 alone: V1 and V5 overlap, V6 on the next day is free.
        var v = traineeOnV1
        var memory: [Visit] = []
        for (id, start, end) in [
            ("V5", "2026-11-23T19:00", "2026-11-23T21:00"), ("V6", "2026-11-24T13:00", "2026-11-24T15:00"),
        ] {
            v = v.appending(
                "$.visits",
                visit(
                    #"{"id": "\#(id)", "family": "F1", "start": "\#(start)", "end": "\#(end)", "sitters": 2, "competencies": ["autism"], "assigned": ["S3"], "locked": true}"#
                ))
            memory.append(
                Visit(
                    id: id, family: "F1", span: TimeSpan(start: t(start), end: t(end)), sitters: 2,
                    competencies: ["autism"], assigned: ["S3"], locked: true))
        }
        let e = errors(
            CaseFixture.twin(v) {
                Self.traineeOnV1(&$0)
                $0.visits += memory
            })
        // S3 itself cannot do V1 and V5: that lock error comes first, and the mentor search waits for it.
        #expect(e.map(\.path) == ["$.visits[0].assigned"], "\(e)")
        #expect(e.first?.message.contains("locked sitter S3 cannot do both V1 and V5 (they overlap)") == true, "\(e)")
    }

    // MARK: - Travel: only the real problem

    @Test func brokenTravelEntryIsNotAlsoAMissingPair() {
        for (path, value) in [
            ("$.travel[0].from", JSONValue.string("sillery")), ("$.travel[0].minutes", .string("12")),
            ("$.travel[0].minutes", .number(1441)), ("$.travel[0]", .string("x")), ("$.travel[0].to", .number(3)),
        ] {
            let e = errors(CaseFixture.diagnostics(base.setting(path, to: value)))
            #expect(e.map(\.path) == [path], "\(path) = \(value): \(e)")
        }
        // Another pair missing besides the broken entry is still reported.
        let both = errors(
            CaseFixture.twin(base.setting("$.travel[0].minutes", to: .number(2000)).setting("$.travel[2]", to: nil)) {
                $0.travel[0].minutes = 2000
                $0.travel.remove(at: 2)
            })
        #expect(both.map(\.path) == ["$.travel[0].minutes", "$.travel"], "\(both)")
    }

    // MARK: - Hostile text

    @Test func noControlCharacterFromTheInputReachesAMessage() {
        let v = base.setting("$.sitters[3].id", to: .string("S\u{7}4"))
            .setting("$.families[0].preferredSitters", to: .json(#"["S\u00074", "S\u00074"]"#))
            .setting("$.visits[0].colo\nur", to: .string("x"))
            .setting(
                "$.sitters[0].credentials", to: .json(#"{"first-aid": "2027-03-01", "bad\u0001kind": "2027-02-30"}"#)
            )
            .setting("$.visits[2].family", to: .string("F\u{1B}[31m"))
        let ds = CaseFixture.diagnostics(v)
        #expect(ds.count >= 5, "\(ds)")
        for d in ds {
            let text = d.path + d.message
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(d)")
        }
        #expect(ds.contains { $0.path == #"$.visits[0]["colo\nur"]"# }, "\(ds)")
        #expect(ds.contains { $0.path == #"$.sitters[0].credentials["bad\u0001kind"]"# }, "\(ds)")
    }

    // MARK: - Where

    @Test func locationsRenderForEverySource() {
        #expect(Location.json("$.visits[3].end").description == "$.visits[3].end")
        #expect(
            Location.file(path: "visits.csv", line: 12, column: 4, header: "fin").description == "visits.csv:12:4 (fin)"
        )
        #expect(Location.event(id: "evt-7", field: "visit.end").description == "event evt-7 visit.end")
        #expect(
            Location.scenario(id: "flu-week", change: 1, field: "sitter").description
                == "scenario flu-week changes[1].sitter")
        #expect(Location.event(id: "evt\n1", field: nil).description == #"event "evt\n1""#)
        #expect(CasePath.visit(3).key("end").description == "$.visits[3].end")
    }

    @Test func callerSaysWhereEachPartCameFrom() throws {
        // A spreadsheet import: visit i is row i + 2 of visits.csv, its family in column 2.
        var c = try CaseFixture.smallCase()
        c.visits[2].family = "F9"
        let sources = CaseSources { p in
            if case .key("visits") = p.steps.first, p.steps.count >= 2, case .index(let i) = p.steps[1] {
                return .file(path: "visits.csv", line: i + 2, column: 2, header: "famille")
            }
            return .json(p.description)
        }
        let d = CaseValidator.validate(c, sources: sources)
        #expect(
            d.map(\.description) == [
                "error: visits.csv:4:2 (famille): unknown family \"F9\"\n  fix: use an id from $.families"
            ])
        #expect(d.first?.path == "visits.csv:4:2 (famille)")
    }

    @Test func unreadableElementDoesNotShiftTheNextOnesPaths() {
        // visits[1] cannot be read; the case's third visit is still the document's $.visits[3].
        let v = base.setting("$.visits[1]", to: .string("V2")).setting("$.visits[3].family", to: .string("F9"))
            .setting("$.sitters[0].territories", to: .json(#"[3, "saint-roch", "sillery"]"#))
        let e = errors(CaseFixture.diagnostics(v))
        #expect(
            Set(e.map(\.path)) == [
                "$.visits[1]", "$.visits[3].family", "$.sitters[0].territories[0]", "$.sitters[0].territories[2]",
            ],
            "\(e)")
    }

    @Test func checkRefusesAnUncheckedCaseInsteadOfCrashingLater() throws {
        var c = try CaseFixture.smallCase()
        #expect(CaseValidator.check(c).isEmpty)
        c.families.removeAll { $0.id == "F3" }
        c.territories.removeAll { $0.id == "limoilou" }
        let e = errors(CaseValidator.check(c))
        #expect(e.contains { $0.path == "$.visits[2].family" && $0.message == "unknown family \"F3\"" }, "\(e)")
        #expect(e.contains { $0.path == "$.sitters[1].homeTerritory" }, "\(e)")
    }

    @Test func bundledWeekHasNoErrorInMemoryEither() throws {
        let path = CaseFixture.directory.appendingPathComponent("../../../Data/quebec-city-week.json").path
        let (c, warnings) = try CaseReader.read(file: path)
        let again = CaseValidator.check(c)
        #expect(again.filter { $0.severity == .error }.isEmpty)
        #expect(again.count == 42 && warnings.count == 42)
        #expect(Set(again.map(\.description)) == Set(warnings.map(\.description)))
    }

    // MARK: - Sitters who can never work

    /// S1 works; S2's required first-aid lapsed before the week, S3 has no availability, S4
    /// holds no first-aid at all, S5's availability is all before the week; S6's first-aid
    /// ends on the week's first day, so she may still work that day: no warning.
    var idle: CaseBuilder {
        var b = CaseBuilder()
        b.requiredCredentials = ["first-aid"]
        var s4 = SitterSpec(id: "S4")
        s4.holdsRequired = false
        b.sitters = [
            SitterSpec(id: "S1"), SitterSpec(id: "S2", credentials: [("first-aid", "2026-11-22")]),
            SitterSpec(id: "S3", availability: []), s4,
            SitterSpec(id: "S5", availability: [("2026-11-16T08:00", "2026-11-16T16:00")]),
            SitterSpec(id: "S6", credentials: [("first-aid", "2026-11-23")]),
        ]
        b.visits = [VisitSpec(id: "V1", start: "2026-11-23T09:00", end: "2026-11-23T12:00")]
        return b
    }

    @Test func sittersWhoCanNeverWorkAreWarnedAtTheirFieldWithTheReason() throws {
        let c = try idle.read()
        let ws = CaseValidator.check(c).filter { $0.message.contains("can never work") }
        #expect(ws.allSatisfy { $0.severity == .warning })
        #expect(
            ws.map(\.path) == [
                "$.sitters[1].credentials.first-aid", "$.sitters[2].availability", "$.sitters[3].credentials",
                "$.sitters[4].availability",
            ], "\(ws)")
        #expect(ws[0].message.contains("sitter S2") && ws[0].message.contains("expired on 2026-11-22"))
        #expect(ws[1].message.contains("sitter S3") && ws[1].message.contains("no availability at all"))
        #expect(ws[2].message.contains("sitter S4") && ws[2].message.contains("no first-aid credential"))
        #expect(ws[3].message.contains("sitter S5") && ws[3].message.contains("no availability inside the horizon"))
        #expect(ws.allSatisfy { !$0.fix.isEmpty })
        #expect(CaseValidator.idleSitters(c).map(\.description) == ws.map(\.description))
    }

    @Test func theBundledWeekWarnsAboutS034AloneAmongItsSitters() throws {
        let path = CaseFixture.directory.appendingPathComponent("../../../Data/quebec-city-week.json").path
        let (c, warnings) = try CaseReader.read(file: path)
        let idle = warnings.filter { $0.path.hasPrefix("$.sitters") }
        #expect(idle.map(\.path) == ["$.sitters[33].credentials.record-check"], "\(idle)")
        #expect(idle.first?.message.contains("sitter S034 can never work") == true)
        #expect(idle.first?.message.contains("expired on 2026-11-20") == true)
        #expect(c.sitters[33].id == "S034")
    }
}
