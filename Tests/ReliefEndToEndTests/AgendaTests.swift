import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefApp
@testable import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// Plans with the built binary, then writes agendas with `relief agenda`.
struct AgendaWorkspace {
    let dir: ScratchDirectory

    init() throws { dir = try ScratchDirectory() }

    /// Plans `caseJSON` (written as `name.json`) and returns the case and schedule paths.
    func plan(_ caseJSON: JSONValue, _ name: String) throws -> (case: String, schedule: String) {
        let c = try dir.write("\(name).json", caseJSON)
        let s = dir.path("\(name).schedule.json")
        let r = try Relief.run(["plan", c, "-o", s, "--quiet"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        return (c, s)
    }

    func agenda(_ p: (case: String, schedule: String), out: String = "agendas", lang: String? = nil) throws
        -> CommandResult
    {
        var args = ["agenda", p.schedule, "--case", p.case, "--out", dir.path(out)]
        if let lang { args += ["--lang", lang] }
        let r = try Relief.run(args, in: dir.url)
        #expect(r.status == 0, "\(r)")
        return r
    }

    /// Every `.ics` of `out`, read strictly, by sitter id.
    func calendars(_ out: String = "agendas") throws -> [String: StrictICS] {
        var m: [String: StrictICS] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path(out)) where f.hasSuffix(".ics") {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("\(out)/\(f)")))
            do { m[String(f.dropLast(4))] = try StrictICS(data) } catch { Issue.record("\(f): \(error)") }
        }
        return m
    }
}

/// The visit or shift id of an event: the second word of a visit's summary, the
/// second word of an on-call description.
func itemID(_ e: StrictICS.Component) throws -> String {
    let summary = try e.one("SUMMARY").text()
    let source = summary.hasPrefix("Vis") ? summary : try e.one("DESCRIPTION").text()
    return String(source.split(separator: " ")[1].split(separator: "\n")[0])
}

/// RFC 4180 with `;` (as French Excel writes it), strictly: CRLF after every record, quotes doubled inside quoted fields.
func strictCSV(_ data: Data) throws -> [[String]] {
    struct Bad: Error { var m: String }
    // team.csv is written as French Excel writes a spreadsheet: a byte-order mark, `;`, CRLF.
    guard data.starts(with: [0xEF, 0xBB, 0xBF]) else { throw Bad(m: "no UTF-8 byte-order mark") }
    guard let text = String(data: data.dropFirst(3), encoding: .utf8) else { throw Bad(m: "not UTF-8") }
    var records: [[String]] = []
    var field = ""
    var record: [String] = []
    var quoted = false
    var it = Array(text.unicodeScalars)[...]
    var atFieldStart = true
    while let c = it.popFirst() {
        if quoted {
            if c == "\"" {
                if it.first == "\"" {
                    it.removeFirst()
                    field.unicodeScalars.append("\"")
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
            continue
        }
        switch c {
        case "\"":
            guard atFieldStart else { throw Bad(m: "quote inside an unquoted field") }
            quoted = true
            atFieldStart = false
        case ";":
            record.append(field)
            field = ""
            atFieldStart = true
        case "\r":
            guard it.popFirst() == "\n" else { throw Bad(m: "CR without LF") }
            record.append(field)
            records.append(record)
            (field, record, atFieldStart) = ("", [], true)
        case "\n": throw Bad(m: "LF without CR")
        default:
            field.unicodeScalars.append(c)
            atFieldStart = false
        }
    }
    guard !quoted, field.isEmpty, record.isEmpty else { throw Bad(m: "the last record does not end with CRLF") }
    return records
}

/// The bundled week, planned and turned into agendas once for the tests that read it.
enum BundledWeek {
    struct Run: Sendable {
        var out: String
        var caseJSON: JSONValue
        var schedule: JSONValue
    }

    static let run: Result<Run, any Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relief-agenda-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let c = PackageTree.url("Data/quebec-city-week.json").path
        let s = dir.appendingPathComponent("week.schedule.json").path
        let p = try Relief.run(["plan", c, "-o", s, "--quiet"], in: dir)
        guard p.status == 0 else { throw StrictICS.Failure("plan: \(p)") }
        let a = try Relief.run(["agenda", s, "--case", c, "--out", dir.appendingPathComponent("out").path], in: dir)
        guard a.status == 0 else { throw StrictICS.Failure("agenda: \(a)") }
        return Run(
            out: dir.appendingPathComponent("out").path,
            caseJSON: try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: c))),
            schedule: try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: s))))
    }

    static func files(_ out: String) throws -> [String: Data] {
        var m: [String: Data] = [:]
        for f in try FileManager.default.contentsOfDirectory(atPath: out) {
            m[f] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + f))
        }
        return m
    }
}

@Suite("relief agenda")
struct AgendaTests {
    // MARK: - The bundled week

    @Test func bundledWeekAgendasAreStrictICalendarWithTheScheduleTimes() throws {
        let run = try BundledWeek.run.get()
        let files = try BundledWeek.files(run.out)
        let (c, _) = try CaseReader.read(data: Data(run.caseJSON.serialized().utf8), file: "week")
        #expect(fileMode(run.out) == 0o700)
        guard case .array(let asg)? = run.schedule["assignments"], case .array(let oc)? = run.schedule["onCall"]
        else { throw StrictICS.Failure("schedule") }
        #expect(Set(files.keys.filter { $0.hasSuffix(".ics") }) == Set(c.sitters.map { $0.id + ".ics" }))
        let visits = Dictionary(uniqueKeysWithValues: c.visits.map { ($0.id, $0) })
        let shifts = Dictionary(uniqueKeysWithValues: c.onCallShifts.map { ($0.id, $0) })
        let territoryNames = Set(c.territories.map(\.name))
        var events = 0
        var seen: Set<String> = []
        for (name, data) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".ics") {
            #expect(fileMode(run.out + "/" + name) == 0o600, "\(name)")
            let ics = try StrictICS(data)
            let sitter = String(name.dropLast(4))
            #expect(ics.calendar.timeZones.map { $0.value("TZID") } == ["America/Toronto"], "\(name)")
            for e in ics.calendar.events {
                events += 1
                let id = try itemID(e)
                seen.insert("\(id) \(sitter)")
                #expect(e.value("STATUS") == "CONFIRMED")
                #expect(e.value("SEQUENCE") == "0")
                let span: TimeSpan
                if let v = visits[id] {
                    span = v.span
                    #expect(try e.one("SUMMARY").text() == "Visite \(v.id) — famille \(v.family)")
                    #expect(territoryNames.contains(try e.one("LOCATION").text()), "\(id)")
                    for need in v.competencies.union(v.credentials) {
                        #expect(try e.one("DESCRIPTION").text().contains(need), "\(id) \(need)")
                    }
                } else {
                    let o = try #require(shifts[id], "\(name): \(id) is neither a visit nor a shift")
                    span = o.span
                    #expect(try e.one("SUMMARY").text() == "Garde")
                    #expect(e.all("LOCATION").isEmpty)
                }
                #expect(try ics.instant(e.one("DTSTART")) == span.start.seconds, "\(name) \(id)")
                #expect(try ics.instant(e.one("DTEND")) == span.end.seconds, "\(name) \(id)")
            }
        }
        #expect(events == asg.count + oc.count)
        let expected = Set(
            asg.map { "\($0["visit"]!.stringValue) \($0["sitter"]!.stringValue)" }
                + oc.map { "\($0["shift"]!.stringValue) \($0["sitter"]!.stringValue)" })
        #expect(seen == expected)

        let table = try strictCSV(try #require(files["team.csv"]))
        #expect(table.first == ["intervenant", "date", "début", "fin", "type", "activité", "territoire"])
        #expect(table.count == events + 1)
        #expect(table.dropFirst().allSatisfy { $0.count == 7 })
        #expect(fileMode(run.out + "/team.csv") == 0o600)
    }

    @Test func noFamilyOrSitterNameInAnyAgenda() throws {
        let run = try BundledWeek.run.get()
        guard case .array(let families)? = run.caseJSON["families"], case .array(let sitters)? = run.caseJSON["sitters"]
        else { throw StrictICS.Failure("case") }
        let names = (families + sitters).compactMap { $0["name"]?.stringValue }.filter { !$0.isEmpty }
        #expect(names.count == families.count + sitters.count)
        let files = try BundledWeek.files(run.out).filter { $0.key.hasSuffix(".ics") || $0.key == "team.csv" }
        var familyIDsSeen = 0
        var partnerLines = 0
        for (f, data) in files {
            let text = String(decoding: data, as: UTF8.self)
            // Unfolded too, so that a name cut by a fold is still found.
            let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
            // A double visit names the sitter's partner (issue 19), and nothing else names a sitter.
            let withoutPartners = unfolded.replacingOccurrences(
                of: "En binôme avec : [^\r]*", with: "", options: .regularExpression)
            if withoutPartners != unfolded { partnerLines += 1 }
            for n in names { #expect(!withoutPartners.contains(n), "\(f) names \(n)") }
            if unfolded.contains("famille F") { familyIDsSeen += 1 }
        }
        #expect(familyIDsSeen > 10, "the family ids are there, so the check above looks at the right text")
        #expect(partnerLines > 1, "the bundled week's double visits name the partners")
    }

    // MARK: - Text, folding, language

    @Test func textEscapingAndFoldingRoundTripThroughTheStrictReader() throws {
        let w = try AgendaWorkspace()
        let place = "Saint-Roch; rue \"A\", app. 3 \\ côté\nnord — 🏠 " + String(repeating: "é", count: 50) + "✓"
        let need = "autisme, TSA; niveau 2 \\ suivi"
        var c = try PackageTree.smallCase().setting("territories[0].name", to: .string(place))
        for path in ["sitters[0].competencies[0]", "sitters[2].competencies[0]", "visits[0].competencies[0]"] {
            c = c.setting(path, to: .string(need))
        }
        let p = try w.plan(c, "escapes")
        _ = try w.agenda(p, lang: "en")
        let raw = try Data(contentsOf: URL(fileURLWithPath: w.dir.path("agendas/S1.ics")))
        let text = String(decoding: raw, as: UTF8.self)
        #expect(text.contains("\r\n "), "the long LOCATION is folded")
        let ics = try StrictICS(raw)
        let v1 = try #require(ics.calendar.events.first { try itemID($0) == "V1" })
        #expect(try v1.one("LOCATION").text() == place)
        #expect(try v1.one("DESCRIPTION").text() == "Competencies: \(need)")
        #expect(try v1.one("SUMMARY").text() == "Visit V1 — family F1")
        let table = try strictCSV(Data(contentsOf: URL(fileURLWithPath: w.dir.path("agendas/team.csv"))))
        #expect(table.first == ["sitter", "date", "start", "end", "kind", "item", "territory"])
        #expect(table.contains { $0[5] == "V1" && $0[6] == place })
    }

    @Test(arguments: ["é", "🏠", "✓", "a", "e\u{301}"])
    func foldingALongMultiByteLine(_ unit: String) throws {
        for extra in 0..<4 {
            let value = String(repeating: "x", count: extra) + String(repeating: unit, count: 90)
            let folded = ICS.line("DESCRIPTION", ICS.text(value))
            let bytes = Data(folded.utf8)
            let physical = try StrictICS.physicalLines(bytes)
            #expect(physical.count > 1)
            // Full lines: a fold happens only when the next character would not fit.
            let width = unit.utf8.count
            for l in physical.dropLast() { #expect(l.utf8.count > 75 - max(width, 2), "\(l.utf8.count) octets") }
            // Nor is a character parted from its accent.
            for l in physical.dropFirst() {
                #expect(l.unicodeScalars.dropFirst().first?.properties.generalCategory != .nonspacingMark)
            }
            let unfolded = try StrictICS.unfold(physical)
            #expect(
                unfolded == ["DESCRIPTION:" + value],
                "\(unfolded.map { Array($0.unicodeScalars.suffix(8)) }) \(physical.map(\.utf8.count))")
        }
    }

    // MARK: - Re-plans

    @Test func uidsAreStableAcrossTwoPlansOfTheSameCase() throws {
        let w = try AgendaWorkspace()
        let first = try w.plan(try PackageTree.smallCase(), "first")
        let second = try w.plan(try PackageTree.smallCase(), "second")
        _ = try w.agenda(first, out: "a")
        _ = try w.agenda(second, out: "b")
        let (a, b) = (try w.calendars("a"), try w.calendars("b"))
        #expect(Set(a.keys) == ["S1", "S2", "S3", "S4"])
        var total = 0
        for (s, ics) in a {
            let uidsA = Set(try ics.calendar.events.map { try $0.one("UID").value })
            let uidsB = Set(try b[s]!.calendar.events.map { try $0.one("UID").value })
            #expect(uidsA == uidsB, "\(s)")
            total += uidsA.count
        }
        #expect(total >= 6)
        // Again into a: nothing changed, so nothing rises and the files are the same bytes (DTSTAMP kept).
        let before = try BundledWeek.files(w.dir.path("a"))
        let again = try w.agenda(second, out: "a")
        // The line on stdout is French by default, English with --lang en.
        #expect(
            again.stdout.contains(
                " : 4 agendas, 7 événements (0 nouveau, 0 modifié, 0 annulé), team.csv avec 7 lignes"), "\(again)")
        #expect(try BundledWeek.files(w.dir.path("a")) == before)
        let english = try w.agenda(second, out: "en", lang: "en")
        #expect(
            english.stdout.contains(": 4 agendas, 7 events (7 new, 0 changed, 0 cancelled), team.csv with 7 rows"),
            "\(english)")
    }

    @Test func changingOneVisitsTimeRaisesOnlyItsSequence() throws {
        let w = try AgendaWorkspace()
        let base = try PackageTree.smallCase()
        _ = try w.agenda(try w.plan(base, "week"))
        let first = try w.calendars()
        // V4 is locked to S1: it stays S1's, an hour later.
        let moved = base.setting("visits[3].start", to: .string("2026-11-24T10:00")).setting(
            "visits[3].end", to: .string("2026-11-24T12:00"))
        let r = try w.agenda(try w.plan(moved, "week"))
        #expect(r.stdout.contains("(0 nouveau, 1 modifié, 0 annulé)"), "\(r)")
        let second = try w.calendars()
        var unchanged = 0
        for (s, ics) in second {
            for e in ics.calendar.events {
                let uid = try e.one("UID").value
                let old = try #require(first[s]?.calendar.events.first { $0.value("UID") == uid }, "\(s) \(uid)")
                if try itemID(e) == "V4" {
                    #expect(s == "S1")
                    #expect(e.value("SEQUENCE") == "1")
                    #expect(try ics.instant(e.one("DTSTART")) == 1_795_532_400)  // 10:00 EST
                    #expect(e.value("DTSTART") == "20261124T100000")
                } else {
                    let id = try itemID(e)
                    #expect(e.value("SEQUENCE") == "0", "\(s) \(id)")
                    #expect(e.value("DTSTAMP") == old.value("DTSTAMP"))
                    unchanged += 1
                }
            }
        }
        #expect(unchanged >= 5)
    }

    @Test func aVisitTakenFromItsSitterIsCancelled() throws {
        let w = try AgendaWorkspace()
        let base = try PackageTree.smallCase()
        _ = try w.agenda(try w.plan(base, "week"))
        let before = try #require(try w.calendars()["S1"]?.calendar.events.first { try itemID($0) == "V1" })
        let uid = try before.one("UID").value
        // The family cancels V1 (visit.cancel): it leaves the case.
        let without = base.setting("visits[0]", to: nil)
        let plan = try w.plan(without, "week")
        let r = try w.agenda(plan)
        #expect(r.stdout.contains("(0 nouveau, 0 modifié, 1 annulé)"), "\(r)")
        for round in 1...2 {
            let s1 = try #require(try w.calendars()["S1"])
            let e = try #require(s1.calendar.events.first { $0.value("UID") == uid }, "round \(round)")
            #expect(e.value("STATUS") == "CANCELLED")
            #expect(e.value("SEQUENCE") == "1", "round \(round): a cancelled event rises once")
            #expect(try s1.instant(e.one("DTSTART")) == s1.instant(before.one("DTSTART")))
            let table = try strictCSV(Data(contentsOf: URL(fileURLWithPath: w.dir.path("agendas/team.csv"))))
            #expect(!table.contains { $0[5] == "V1" })
            if round == 1 { _ = try w.agenda(plan) }
        }
        // Given back: the same UID, confirmed again, one step higher.
        _ = try w.agenda(try w.plan(base, "week"))
        let back = try #require(try w.calendars()["S1"]?.calendar.events.first { $0.value("UID") == uid })
        #expect(back.value("STATUS") == "CONFIRMED")
        #expect(back.value("SEQUENCE") == "2")
    }

    @Test func aVisitGivenToAnotherSitterIsCancelledForTheFirstAndNewForTheSecond() throws {
        let w = try AgendaWorkspace()
        let base = try PackageTree.smallCase()
        _ = try w.agenda(try w.plan(base, "week"))
        let holders = try w.calendars().filter { try $0.value.calendar.events.contains { try itemID($0) == "V3" } }
        let first = try #require(holders.keys.first, "someone holds V3")
        #expect(holders.count == 1)
        #expect(first == "S2", "only S2 has infant and serves vieux-quebec")
        // The family of V3 (F3, families[2]) no longer wants S2; S1 now serves vieux-quebec too.
        let changed = base.setting("families[2].excludedSitters", to: .array([.string(first)])).setting(
            "sitters[0].territories[2]", to: .string("vieux-quebec"))
        let r = try w.agenda(try w.plan(changed, "week"))
        #expect(r.stdout.contains("(1 nouveau, 0 modifié, 1 annulé)"), "\(r)")
        let after = try w.calendars()
        let old = try #require(try after[first]?.calendar.events.first { try itemID($0) == "V3" })
        #expect(old.value("STATUS") == "CANCELLED" && old.value("SEQUENCE") == "1")
        let now = try after.filter { $0.key != first }.compactMap { s, ics in
            try ics.calendar.events.first { try itemID($0) == "V3" }.map { (s, $0) }
        }
        #expect(now.count == 1)
        #expect(now.first?.1.value("STATUS") == "CONFIRMED" && now.first?.1.value("SEQUENCE") == "0")
        #expect(now.first?.1.value("UID") != old.value("UID"))
    }

    @Test func aDamagedStateFileIsRefusedAndNothingIsWritten() throws {
        let w = try AgendaWorkspace()
        let p = try w.plan(try PackageTree.smallCase(), "week")
        _ = try w.agenda(p)
        let before = try BundledWeek.files(w.dir.path("agendas"))
        try Data("{\"format\": \"relief.agenda-state/1\", \"events\": {\"x@relief\": {}}}".utf8).write(
            to: URL(fileURLWithPath: w.dir.path("agendas/.agenda-state.json")))
        let r = try Relief.run(["agenda", p.schedule, "--case", p.case, "--out", w.dir.path("agendas")], in: w.dir.url)
        #expect(r.status == 65 && r.stderr.contains("delete it to start over"), "\(r)")
        var after = try BundledWeek.files(w.dir.path("agendas"))
        after[".agenda-state.json"] = before[".agenda-state.json"]
        #expect(after == before)
    }

    /// A FIFO where the state file goes: refused at once as not a regular file (65), never read
    /// (a read would wait for a writer forever), and nothing written.
    @Test func aStateFileThatIsAFIFOIsRefusedAsNotARegularFile() throws {
        let w = try AgendaWorkspace()
        let p = try w.plan(try PackageTree.smallCase(), "week")
        let out = w.dir.path("agendas")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let state = out + "/.agenda-state.json"
        #expect(mkfifo(state, 0o600) == 0)
        let r = try Relief.run(["agenda", p.schedule, "--case", p.case, "--out", out], in: w.dir.url, timeout: 20)
        #expect(r.status == 65, "\(r)")
        #expect(
            r.stderr.contains(
                "\(state): error: $: is not a regular file: it is a FIFO (named pipe), so it cannot be the agenda state"
            ),
            "\(r)")
        #expect(r.stderr.contains("fix: remove it"), "\(r)")
        #expect(!r.stderr.contains("permission"), "\(r)")
        let left = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0 != ".agenda.lock" }
        #expect(left == [".agenda-state.json"], "\(left)")
    }

    /// Sitters `S1` and `s1`: validate warns, and agenda refuses (65) before writing, because
    /// `S1.ics` and `s1.ics` are one file on a case-insensitive share. Other cases keep their names.
    @Test func sitterIdsThatDifferOnlyByCaseAreRefused() throws {
        let w = try AgendaWorkspace()
        let json = try PackageTree.smallCase().setting("sitters[1].id", to: .string("s1"))
            .setting("families[2].previousSitters", to: .array([.string("s1")]))
        let p = try w.plan(json, "week")
        let v = try Relief.run(["validate", p.case], in: w.dir.url)
        #expect(v.status == 0, "\(v)")
        #expect(
            v.stdout.contains(
                "warning: $.sitters[1].id: sitter id s1 differs from S1 (at $.sitters[0].id) only by case: their"
                    + " agendas S1.ics and s1.ics are one file on a case-insensitive drive"), "\(v)")
        let out = w.dir.path("agendas")
        let r = try Relief.run(["agenda", p.schedule, "--case", p.case, "--out", out], in: w.dir.url)
        #expect(r.status == 65, "\(r)")
        #expect(
            r.stderr.contains(
                "error: $.sitters[0].id: sitter ids S1, s1 differ only by case: their agendas S1.ics, s1.ics would be"
                    + " one file on a case-insensitive drive"), "\(r)")
        #expect(r.stderr.contains("fix: give the sitters ids that differ by more than case"), "\(r)")
        let left = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0 != ".agenda.lock" }
        #expect(left.isEmpty, "\(left)")
        // Without the collision, the file names are the ids, as before.
        let q = try w.plan(try PackageTree.smallCase(), "plain")
        _ = try w.agenda(q, out: "plain")
        #expect(try w.calendars("plain").keys.sorted() == ["S1", "S2", "S3", "S4"])
    }

    // MARK: - Daylight saving time

    static let fallBackCase = """
        {
          "format": "relief.case/1", "name": "fall-back night", "timeZone": "America/Toronto",
          "horizon": { "start": "2026-10-31T00:00", "end": "2026-11-03T00:00" },
          "territories": [ { "id": "a", "name": "Limoilou" } ], "travel": [],
          "sitters": [
            { "id": "S1", "homeTerritory": "a", "availability": [ { "start": "2026-10-31T00:00", "end": "2026-11-03T00:00" } ] },
            { "id": "S2", "homeTerritory": "a", "availability": [ { "start": "2026-10-31T00:00", "end": "2026-11-03T00:00" } ] },
            { "id": "S3", "homeTerritory": "a", "availability": [ { "start": "2026-10-31T00:00", "end": "2026-11-03T00:00" } ] }
          ],
          "families": [ { "id": "F1", "name": "Famille Morin", "territory": "a" } ],
          "visits": [
            { "id": "V1", "family": "F1", "start": "2026-11-01T00:00", "end": "2026-11-01T04:00", "assigned": ["S1"], "locked": true },
            { "id": "V2", "family": "F1", "start": "2026-11-01T01:30-05:00", "end": "2026-11-01T03:30", "assigned": ["S2"], "locked": true },
            { "id": "V3", "family": "F1", "start": "2026-11-01T01:30", "end": "2026-11-01T01:45", "assigned": ["S3"], "locked": true }
          ],
          "onCallShifts": []
        }
        """

    @Test func eventsOnTheFallBackNightHaveTheRightUTCInstants() throws {
        let w = try AgendaWorkspace()
        _ = try w.agenda(try w.plan(.json(Self.fallBackCase), "dst"))
        let cals = try w.calendars()
        func event(_ s: String, _ v: String) throws -> (StrictICS, StrictICS.Component) {
            let ics = try #require(cals[s])
            return (ics, try #require(try ics.calendar.events.first { try itemID($0) == v }))
        }
        // (sitter, visit, start, end) in UTC seconds.
        let t0: Int64 = 1_793_505_600  // 2026-11-01T04:00Z = 00:00 EDT
        let expected: [(String, String, Int64, Int64)] = [
            ("S1", "V1", t0, t0 + 5 * 3600),  // 00:00 EDT to 04:00 EST: 300 minutes
            ("S2", "V2", t0 + 9000, t0 + 16200),  // the second 01:30 (EST) to 03:30 EST
            ("S3", "V3", t0 + 5400, t0 + 6300),  // the first 01:30 (EDT) to the first 01:45
        ]
        for (s, v, start, end) in expected {
            let (ics, e) = try event(s, v)
            #expect(try ics.instant(e.one("DTSTART")) == start, "\(v)")
            #expect(try ics.instant(e.one("DTEND")) == end, "\(v)")
            let zone = try #require(ics.calendar.timeZones.first)
            #expect(Set(zone.children.map(\.name)) == ["DAYLIGHT", "STANDARD"])
            #expect(zone.children.contains { $0.name == "STANDARD" && $0.value("DTSTART") == "20261101T020000" })
        }
        // A local time cannot name the second 01:30; it is written in UTC.
        #expect(try event("S2", "V2").1.value("DTSTART") == "20261101T063000Z")
        #expect(try event("S3", "V3").1.value("DTSTART") == "20261101T013000")
    }

    // MARK: - Command line

    @Test func helpAndUsageErrors() throws {
        let w = try AgendaWorkspace()
        let help = try Relief.run(["agenda", "--help"], in: w.dir.url)
        #expect(help.status == 0 && help.stdout.contains("relief agenda SCHEDULE --case CASE --out DIR"), "\(help)")
        let p = try w.plan(try PackageTree.smallCase(), "week")
        for args in [
            ["agenda", p.schedule, "--out", "x"], ["agenda", p.schedule, "--case", p.case],
            ["agenda", p.schedule, "--case", p.case, "--out", "x", "--lang", "de"],
            ["agenda", "--case", p.case, "--out", "x"],
        ] {
            let r = try Relief.run(args, in: w.dir.url)
            #expect(r.status == 64 && r.stderr.contains("relief agenda SCHEDULE"), "\(args): \(r)")
        }
        // A schedule of another case is bad data; an output that is a file cannot be written.
        let other = try w.dir.write("other.json", try PackageTree.smallCase().setting("name", to: .string("other")))
        let r = try Relief.run(["agenda", p.schedule, "--case", other, "--out", "x"], in: w.dir.url)
        #expect(r.status == 65 && r.stderr.contains("is the schedule of"), "\(r)")
        let notDir = try Relief.run(["agenda", p.schedule, "--case", p.case, "--out", p.case], in: w.dir.url)
        #expect(notDir.status == 73, "\(notDir)")
        #expect(!FileManager.default.fileExists(atPath: w.dir.path("x")))
    }
}

extension JSONValue {
    var stringValue: String {
        if case .string(let s) = self { return s }
        return ""
    }
}
