import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// Issue 19: a family's address and phone reach a sitter's calendar only with
/// `--with-contact`; a double visit names the partner with or without it.
@Suite("relief agenda --with-contact")
struct AgendaContactTests {
    static let address = "12, rue des Érables; app. 3, Québec"
    static let phone = "418 555-0199"

    /// The events of one agenda folder: sitter -> (item id -> event).
    static func events(_ out: String) throws -> [String: [String: StrictICS.Component]] {
        var m: [String: [String: StrictICS.Component]] = [:]
        for (f, data) in try BundledWeek.files(out) where f.hasSuffix(".ics") {
            for e in try StrictICS(data).calendar.events { m[f, default: [:]][try itemID(e)] = e }
        }
        return m
    }

    /// Every line but DTSTAMP (the run's time), unfolded.
    static func stable(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n ", with: "")
            .components(separatedBy: "\r\n").filter { !$0.hasPrefix("DTSTAMP") }
    }

    @Test func contactOnlyWithTheFlagAndThePartnerOnDoubleVisits() throws {
        let run = try BundledWeek.run.get()
        guard case .array(let asg)? = run.schedule["assignments"], case .array(let visits)? = run.caseJSON["visits"],
            case .array(let families)? = run.caseJSON["families"], case .array(let sitters)? = run.caseJSON["sitters"]
        else { throw StrictICS.Failure("case") }
        // A double visit the schedule fills with two sitters, and its family.
        var team: [String: [String]] = [:]
        for a in asg { team[a["visit"]?.stringValue ?? "", default: []].append(a["sitter"]?.stringValue ?? "") }
        let doubles = team.filter { $0.value.count == 2 }.keys.sorted()
        let double = try #require(doubles.first)
        let two = team[double]!.sorted()
        let family = try #require(visits.first { $0["id"]?.stringValue == double }?["family"]?.stringValue)
        let k = try #require(families.firstIndex { $0["id"]?.stringValue == family })
        let singles = team.filter { $0.value.count == 1 }.keys.sorted()
        let single = (key: try #require(singles.first), value: team[singles[0]]!)

        let dir = try ScratchDirectory()
        let contact = run.caseJSON.setting("families[\(k)].address", to: .string(Self.address))
            .setting("families[\(k)].phone", to: .string(Self.phone))
        _ = try dir.write("contact.json", contact)
        _ = try dir.write("schedule.json", run.schedule)
        for (out, flag) in [("plain", []), ("with", ["--with-contact"])] {
            let a = try Relief.run(
                ["agenda", "schedule.json", "--case", "contact.json", "--out", out] + flag, in: dir.url)
            #expect(a.status == 0, "\(a)")
        }

        // Without the flag: the agendas of the case without contact, line for line (DTSTAMP aside).
        let before = try BundledWeek.files(run.out)
        let plain = try BundledWeek.files(dir.path("plain"))
        for (f, data) in plain where f.hasSuffix(".ics") || f == "team.csv" {
            #expect(Self.stable(data) == Self.stable(try #require(before[f])), "\(f)")
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("Érables") && !text.contains("555-0199"), "\(f)")
        }

        // The partner, by name and id, in each of the two sitters' event; no partner on a single visit.
        func name(_ id: String) -> String {
            sitters.first { $0["id"]?.stringValue == id }?["name"]?.stringValue ?? id
        }
        let plainEvents = try Self.events(dir.path("plain"))
        for (me, other) in [(two[0], two[1]), (two[1], two[0])] {
            let e = try #require(plainEvents["\(me).ics"]?[double])
            let description = try e.one("DESCRIPTION").text()
            #expect(description.hasSuffix("\nEn binôme avec : \(name(other)) (\(other))"), "\(description)")
        }
        let alone = try #require(plainEvents["\(single.value[0]).ics"]?[single.key])
        #expect(!(try alone.one("DESCRIPTION").text()).contains("binôme"))

        // With the flag: the address is the event's place (before the territory), the phone in its text.
        let withEvents = try Self.events(dir.path("with"))
        for me in two {
            let e = try #require(withEvents["\(me).ics"]?[double])
            let plainLocation = try #require(plainEvents["\(me).ics"]?[double]).one("LOCATION").text()
            #expect(try e.one("LOCATION").text() == "\(Self.address) (\(plainLocation))")
            #expect(try e.one("DESCRIPTION").text().hasSuffix("\nTéléphone de la famille : \(Self.phone)"))
        }
        // team.csv keeps the territory, never the address.
        let table = try strictCSV(try #require(try BundledWeek.files(dir.path("with"))["team.csv"]))
        #expect(table.allSatisfy { !$0.joined().contains("Érables") })
    }

    @Test func aContactOnSeveralLinesOrTooLongIsRefusedWithItsPlace() throws {
        let dir = try ScratchDirectory()
        let small = try PackageTree.smallCase()
        _ = try dir.write("broken.json", small.setting("families[0].phone", to: .string("418\n555")))
        let v = try Relief.run(["validate", "broken.json"], in: dir.url)
        #expect(v.status == 65, "\(v)")
        #expect(v.stdout.contains("$.families[0].phone"), "\(v)")
        let long = String(repeating: "x", count: Family.maxAddressLength + 1)
        _ = try dir.write("long.json", small.setting("families[0].address", to: .string(long)))
        let l = try Relief.run(["validate", "long.json"], in: dir.url)
        #expect(l.status == 65 && l.stdout.contains("$.families[0].address"), "\(l)")
    }
}
