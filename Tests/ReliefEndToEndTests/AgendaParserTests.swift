import Foundation
import Testing

/// A strict reader of RFC 5545 for the agenda tests: it refuses what a lenient
/// calendar app would forgive, so that what relief writes is checked against the
/// standard, not against another program's habits.
///
/// Checked: valid UTF-8 in every physical line on its own (a fold never splits a
/// UTF-8 sequence); CRLF after every line and nowhere else; no line over 75
/// octets; unfolding; property names (`iana-token` / `x-name`), parameters and
/// values by the ABNF (no control characters); BEGIN/END balanced and matching;
/// VCALENDAR with VERSION:2.0, PRODID and at least one component; VEVENT with
/// one UID, DTSTAMP (UTC), DTSTART and DTEND or DURATION (not both), UIDs unique;
/// VTIMEZONE with one TZID (one per zone) and observances with DTSTART,
/// TZOFFSETFROM, TZOFFSETTO; every TZID parameter resolving to a VTIMEZONE;
/// strict TEXT escapes. Local times are turned into instants from the VTIMEZONE
/// alone (first occurrence of a repeated time, as RFC 5545 3.3.5 says).
struct StrictICS {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
        init(_ m: String) { message = m }
    }

    struct Property {
        var name: String
        var params: [String: [String]]
        var value: String
        /// The TEXT value, unescaped strictly.
        func text() throws -> String { try StrictICS.unescape(value, property: name) }
    }

    struct Component {
        var name: String
        var properties: [Property] = []
        var children: [Component] = []

        func all(_ name: String) -> [Property] { properties.filter { $0.name == name } }
        func one(_ name: String) throws -> Property {
            let p = all(name)
            guard p.count == 1 else { throw Failure("\(self.name) has \(p.count) \(name), expected exactly one") }
            return p[0]
        }
        func value(_ name: String) -> String? { all(name).first?.value }
        var events: [Component] { children.filter { $0.name == "VEVENT" } }
        var timeZones: [Component] { children.filter { $0.name == "VTIMEZONE" } }
    }

    let calendar: Component

    init(_ data: Data) throws {
        let lines = try StrictICS.physicalLines(data)
        let logical = try StrictICS.unfold(lines)
        var stack: [Component] = []
        var root: Component?
        for l in logical {
            let p = try StrictICS.contentLine(l)
            if p.name == "BEGIN" {
                guard root == nil else { throw Failure("content after END:VCALENDAR") }
                guard StrictICS.isName(p.value) else { throw Failure("BEGIN with a bad component name \(p.value)") }
                stack.append(Component(name: p.value))
            } else if p.name == "END" {
                guard let top = stack.popLast() else { throw Failure("END:\(p.value) without BEGIN") }
                guard top.name == p.value else { throw Failure("END:\(p.value) closes BEGIN:\(top.name)") }
                if stack.isEmpty { root = top } else { stack[stack.count - 1].children.append(top) }
            } else {
                guard !stack.isEmpty else { throw Failure("property \(p.name) outside any component") }
                stack[stack.count - 1].properties.append(p)
            }
        }
        guard stack.isEmpty else { throw Failure("BEGIN:\(stack.last!.name) is never closed") }
        guard let root, root.name == "VCALENDAR" else { throw Failure("not a VCALENDAR") }
        calendar = root
        try check()
    }

    // MARK: - Lines

    static func physicalLines(_ data: Data) throws -> [String] {
        let bytes = [UInt8](data)
        guard !bytes.isEmpty else { throw Failure("empty file") }
        var lines: [String] = []
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else { throw Failure("CR without LF at byte \(i)") }
                let raw = Array(bytes[start..<i])
                guard raw.count <= 75 else {
                    throw Failure("line \(lines.count + 1) has \(raw.count) octets, more than 75")
                }
                guard let s = String(validating: raw, as: UTF8.self) else {
                    throw Failure("line \(lines.count + 1) is not valid UTF-8 on its own (a fold split a character?)")
                }
                lines.append(s)
                i += 2
                start = i
                continue
            }
            if bytes[i] == 0x0A { throw Failure("LF without CR at byte \(i)") }
            i += 1
        }
        guard start == bytes.count else { throw Failure("the last line does not end with CRLF") }
        return lines
    }

    static func unfold(_ lines: [String]) throws -> [String] {
        var out: [String] = []
        for l in lines {
            // By scalar, not by Character: " " followed by a combining mark is one Character.
            if l.unicodeScalars.first == " " || l.unicodeScalars.first == "\t" {
                guard !out.isEmpty else { throw Failure("the first line is a continuation") }
                out[out.count - 1].unicodeScalars.append(contentsOf: l.unicodeScalars.dropFirst())
            } else {
                guard !l.isEmpty else { throw Failure("empty content line") }
                out.append(l)
            }
        }
        return out
    }

    static func isName(_ s: String) -> Bool {
        !s.isEmpty
            && s.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" }
    }

    static func isControl(_ u: Unicode.Scalar) -> Bool { (u.value < 0x20 && u != "\t") || u.value == 0x7F }

    /// `name *(";" param) ":" value`, by the ABNF of RFC 5545 3.1.
    static func contentLine(_ line: String) throws -> Property {
        let u = Array(line.unicodeScalars)
        var i = 0
        func name() throws -> String {
            let st = i
            while i < u.count, u[i].isASCII, CharacterSet.alphanumerics.contains(u[i]) || u[i] == "-" { i += 1 }
            let n = String(String.UnicodeScalarView(u[st..<i]))
            guard !n.isEmpty else { throw Failure("no name in \(line)") }
            return n.uppercased()
        }
        let n = try name()
        var params: [String: [String]] = [:]
        while i < u.count, u[i] == ";" {
            i += 1
            let pn = try name()
            guard i < u.count, u[i] == "=" else { throw Failure("parameter \(pn) without = in \(line)") }
            i += 1
            var values: [String] = []
            repeat {
                if i < u.count, u[i] == "," { i += 1 }
                var v = ""
                if i < u.count, u[i] == "\"" {
                    i += 1
                    while i < u.count, u[i] != "\"" {
                        guard !isControl(u[i]) else { throw Failure("control character in a parameter: \(line)") }
                        v.unicodeScalars.append(u[i])
                        i += 1
                    }
                    guard i < u.count else { throw Failure("unterminated quoted parameter in \(line)") }
                    i += 1
                } else {
                    while i < u.count, !";:,\"".unicodeScalars.contains(u[i]) {
                        guard !isControl(u[i]) else { throw Failure("control character in a parameter: \(line)") }
                        v.unicodeScalars.append(u[i])
                        i += 1
                    }
                }
                values.append(v)
            } while i < u.count && u[i] == ","
            guard params[pn] == nil else { throw Failure("parameter \(pn) twice in \(line)") }
            params[pn] = values
        }
        guard i < u.count, u[i] == ":" else { throw Failure("no ':' after the name and parameters in \(line)") }
        let value = String(String.UnicodeScalarView(u[(i + 1)...]))
        guard !value.unicodeScalars.contains(where: isControl) else { throw Failure("control character in \(line)") }
        return Property(name: n, params: params, value: value)
    }

    /// TEXT (3.3.11): `\\`, `\;`, `\,`, `\n`/`\N` only; a bare `;` or `,` is refused.
    static func unescape(_ v: String, property: String) throws -> String {
        var out = ""
        var it = v.unicodeScalars.makeIterator()
        while let c = it.next() {
            switch c {
            case "\\":
                switch it.next() {
                case "\\": out += "\\"
                case ";": out += ";"
                case ",": out += ","
                case "n", "N": out += "\n"
                case let x: throw Failure("\(property): bad escape \\\(x.map { String($0) } ?? "") in \(v)")
                }
            case ";", ",": throw Failure("\(property): unescaped \(c) in \(v)")
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    // MARK: - Components

    static let textProperties: Set<String> = ["SUMMARY", "LOCATION", "DESCRIPTION", "COMMENT", "X-WR-CALNAME"]

    func check() throws {
        let c = calendar
        guard try c.one("VERSION").value == "2.0" else { throw Failure("VERSION is not 2.0") }
        _ = try c.one("PRODID")
        guard !c.children.isEmpty else { throw Failure("a VCALENDAR needs at least one component") }
        var zones: Set<String> = []
        for z in c.timeZones {
            let id = try z.one("TZID").value
            guard zones.insert(id).inserted else { throw Failure("two VTIMEZONE for \(id)") }
            let obs = z.children
            guard !obs.isEmpty, obs.allSatisfy({ $0.name == "STANDARD" || $0.name == "DAYLIGHT" }) else {
                throw Failure("VTIMEZONE \(id) needs STANDARD or DAYLIGHT observances and nothing else")
            }
            for o in obs {
                _ = try StrictICS.localDateTime(try o.one("DTSTART").value)
                _ = try StrictICS.offset(try o.one("TZOFFSETFROM").value)
                _ = try StrictICS.offset(try o.one("TZOFFSETTO").value)
                guard o.all("RRULE").isEmpty && o.all("RDATE").isEmpty else {
                    throw Failure("this reader takes observances without RRULE or RDATE")
                }
            }
        }
        var uids: Set<String> = []
        for e in c.events {
            let uid = try e.one("UID").value
            guard !uid.isEmpty, uids.insert(uid).inserted else { throw Failure("UID \(uid) empty or repeated") }
            let stamp = try e.one("DTSTAMP")
            guard stamp.value.hasSuffix("Z"), stamp.params.isEmpty else { throw Failure("DTSTAMP must be UTC") }
            _ = try instant(stamp)
            _ = try instant(try e.one("DTSTART"))
            let ends = e.all("DTEND").count + e.all("DURATION").count
            guard ends == 1 else { throw Failure("VEVENT \(uid) needs DTEND or DURATION, exactly one") }
            if let end = e.all("DTEND").first {
                guard try instant(end) > instant(try e.one("DTSTART")) else {
                    throw Failure("\(uid) ends before it starts")
                }
            }
            for n in ["SEQUENCE", "STATUS", "SUMMARY", "LOCATION", "DESCRIPTION", "CLASS", "TRANSP"] {
                guard e.all(n).count <= 1 else { throw Failure("\(uid) has \(n) twice") }
            }
            if let s = e.value("SEQUENCE") { guard let n = Int(s), n >= 0 else { throw Failure("SEQUENCE \(s)") } }
            if let s = e.value("STATUS") {
                guard ["TENTATIVE", "CONFIRMED", "CANCELLED"].contains(s) else { throw Failure("VEVENT STATUS \(s)") }
            }
        }
        for comp in [c] + c.children + c.children.flatMap(\.children) {
            for p in comp.properties {
                if StrictICS.textProperties.contains(p.name) { _ = try p.text() }
                if let tz = p.params["TZID"] {
                    guard tz.count == 1, zones.contains(tz[0]) else {
                        throw Failure("\(p.name);TZID=\(tz) names no VTIMEZONE of this calendar")
                    }
                }
            }
        }
    }

    // MARK: - Time

    /// `YYYYMMDDTHHMMSS` as seconds since the epoch, as if UTC.
    static func localDateTime(_ s: String) throws -> Int64 {
        let u = Array(s.utf8)
        guard u.count == 15, u[8] == UInt8(ascii: "T"),
            u.enumerated().allSatisfy({ $0.offset == 8 || (48...57).contains($0.element) })
        else { throw Failure("not a local DATE-TIME: \(s)") }
        func n(_ a: Int, _ b: Int) -> Int { Int(String(decoding: u[a..<b], as: UTF8.self))! }
        var c = DateComponents()
        (c.year, c.month, c.day, c.hour, c.minute, c.second) = (
            n(0, 4), n(4, 6), n(6, 8), n(9, 11), n(11, 13), n(13, 15)
        )
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        guard (1...12).contains(c.month!), (1...31).contains(c.day!), c.hour! < 24, c.minute! < 60, c.second! < 61,
            let d = cal.date(from: c), cal.component(.day, from: d) == c.day
        else { throw Failure("impossible DATE-TIME \(s)") }
        return Int64(d.timeIntervalSince1970)
    }

    /// `-0500` or `+013000` as seconds.
    static func offset(_ s: String) throws -> Int {
        let u = Array(s.utf8)
        guard u.count == 5 || u.count == 7, u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-"),
            u.dropFirst().allSatisfy({ (48...57).contains($0) })
        else { throw Failure("not a UTC-OFFSET: \(s)") }
        func n(_ a: Int, _ b: Int) -> Int { Int(String(decoding: u[a..<b], as: UTF8.self))! }
        let v = n(1, 3) * 3600 + n(3, 5) * 60 + (u.count == 7 ? n(5, 7) : 0)
        guard !(v == 0 && u[0] == UInt8(ascii: "-")) else { throw Failure("-0000 is not allowed") }
        return u[0] == UInt8(ascii: "-") ? -v : v
    }

    /// The instant a DATE-TIME property names: UTC with `Z`; with TZID, from that
    /// VTIMEZONE's observances (first occurrence of an ambiguous time; a time in a gap is refused).
    func instant(_ p: Property) throws -> Int64 {
        if p.value.hasSuffix("Z") {
            guard p.params["TZID"] == nil else { throw Failure("\(p.name): TZID with a UTC time") }
            return try StrictICS.localDateTime(String(p.value.dropLast()))
        }
        let wall = try StrictICS.localDateTime(p.value)
        guard let tz = p.params["TZID"]?.first else { throw Failure("\(p.name): floating time \(p.value)") }
        guard let z = calendar.timeZones.first(where: { $0.value("TZID") == tz }) else {
            throw Failure("TZID \(tz) has no VTIMEZONE")
        }
        // Onsets in UTC: DTSTART is local time in the offset before (TZOFFSETFROM).
        let obs = try z.children.map { o -> (onset: Int64, from: Int, to: Int) in
            let from = try StrictICS.offset(o.value("TZOFFSETFROM")!)
            return (
                try StrictICS.localDateTime(o.value("DTSTART")!) - Int64(from), from,
                try StrictICS.offset(o.value("TZOFFSETTO")!)
            )
        }.sorted { $0.onset < $1.onset }
        func offset(at t: Int64) -> Int {
            guard let o = obs.last(where: { $0.onset <= t }) else { return obs[0].from }
            return o.to
        }
        let candidates = Set(obs.flatMap { [$0.from, $0.to] }).map { wall - Int64($0) }.filter {
            Int64(offset(at: $0)) == wall - $0
        }
        guard let first = candidates.min() else { throw Failure("\(p.value) does not exist in \(tz)") }
        return first
    }
}

/// The reader refuses what it should: without this, a test passing on relief's
/// files would prove nothing.
@Suite("strict iCalendar reader")
struct AgendaParserTests {
    static let good = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", "BEGIN:VTIMEZONE", "TZID:America/Toronto",
        "BEGIN:STANDARD", "DTSTART:20261101T020000", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:20260308T020000", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "END:DAYLIGHT",
        "END:VTIMEZONE", "BEGIN:VEVENT", "UID:a@b", "DTSTAMP:20261101T000000Z",
        "DTSTART;TZID=America/Toronto:20261101T013000", "DTEND;TZID=America/Toronto:20261101T040000",
        "SUMMARY:a\\, b\\; c\\\\ d\\nE", "END:VEVENT", "END:VCALENDAR",
    ]

    static func data(_ lines: [String]) -> Data { Data(lines.map { $0 + "\r\n" }.joined().utf8) }

    @Test func readsAGoodCalendarAndItsTimes() throws {
        let ics = try StrictICS(Self.data(Self.good))
        let e = try #require(ics.calendar.events.first)
        #expect(try e.one("SUMMARY").text() == "a, b; c\\ d\nE")
        // 01:30 on the fall-back night is its first occurrence (EDT), 04:00 is EST.
        #expect(try ics.instant(e.one("DTSTART")) == 1_793_511_000)  // 2026-11-01T05:30Z
        #expect(try ics.instant(e.one("DTEND")) == 1_793_523_600)  // 2026-11-01T09:00Z
    }

    /// One way to break the good calendar.
    enum Damage: String, CaseIterable, Sendable {
        case bareLF, longLine, splitUTF8, unbalanced, noDTSTAMP, noDTEND, unknownTZID, badPropertyName
        case bareCommaInText, noFinalCRLF, secondVTIMEZONE

        func apply(_ l: [String]) -> Data {
            switch self {
            case .bareLF: return Data(l.map { $0 + "\n" }.joined().utf8)
            case .longLine:
                return strictICSData(l, replacing: "UID:a@b", with: "UID:" + String(repeating: "x", count: 72))
            case .splitUTF8:
                var d = [UInt8](strictICSData(l, replacing: "UID:a@b", with: "UID:é"))
                let i = d.firstIndex(of: 0xC3)!
                d.insert(contentsOf: [0x0D, 0x0A, 0x20], at: i + 1)
                return Data(d)
            case .unbalanced: return strictICSData(l, replacing: "END:VEVENT", with: "END:VTODO")
            case .noDTSTAMP: return strictICSData(l, replacing: "DTSTAMP:20261101T000000Z", with: nil)
            case .noDTEND: return strictICSData(l, replacing: "DTEND;TZID=America/Toronto:20261101T040000", with: nil)
            case .unknownTZID: return strictICSData(l, replacing: "TZID:America/Toronto", with: "TZID:Europe/Paris")
            case .badPropertyName: return strictICSData(l, replacing: "UID:a@b", with: "U_ID:a@b")
            case .bareCommaInText:
                return strictICSData(l, replacing: "SUMMARY:a\\, b\\; c\\\\ d\\nE", with: "SUMMARY:a, b")
            case .noFinalCRLF: return strictICSData(l, replacing: nil, with: nil).dropLast(2)
            case .secondVTIMEZONE:
                let z = Array(l[3...15])
                return AgendaParserTests.data(Array(l[0..<3]) + z + Array(l[3...]))
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func refuses(_ damage: Damage) {
        #expect(throws: StrictICS.Failure.self, "\(damage)") { try StrictICS(damage.apply(Self.good)) }
    }
}

/// The lines with one replaced (nil: removed) and CRLF after each.
func strictICSData(_ lines: [String], replacing old: String?, with new: String?) -> Data {
    var l = lines
    if let old, let i = l.firstIndex(of: old) {
        if let new { l[i] = new } else { l.remove(at: i) }
    }
    return AgendaParserTests.data(l)
}
