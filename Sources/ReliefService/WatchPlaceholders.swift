// PLACEHOLDERS until branches `events` and `notices` land: minimal versions of
// exactly the signatures the daemon builds on. Deleted at the merge.
import Foundation
import ReliefCore

public struct EventInputError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var diagnostics: [Diagnostic]
    public init(file: String, diagnostics: [Diagnostic]) {
        self.file = file
        self.diagnostics = diagnostics
    }
    public var description: String { "\(file): " + diagnostics.map(\.description).joined(separator: "\n") }
}

public struct Event: Sendable {
    public enum Kind: Sendable {
        case visitRequest(Visit)
        case visitCancel(String)
        case sitterAbsence(String, TimeSpan)
    }
    public var id: String
    public var kind: Kind
    public var type: String
}

public enum EventReader {
    public static let maxBytes = 1 << 20

    public static func read(data: Data, file: String, clock: CaseClock) throws(EventInputError) -> Event {
        func bad(_ field: String?, _ m: String) -> EventInputError {
            EventInputError(file: file, diagnostics: [Diagnostic(.error, .event(id: "?", field: field), m, fix: "")])
        }
        guard data.count <= maxBytes else { throw bad(nil, "too large") }
        let j: JSONValue
        do { j = try JSONParser.parse(data) } catch { throw bad(nil, "not valid JSON: \(error)") }
        guard j["format"] == .string("relief.event/1") else { throw bad("format", "not relief.event/1") }
        guard case .string(let id)? = j["id"], CaseValidator.isValidID(id) else { throw bad("id", "bad id") }
        guard case .string(let type)? = j["type"] else { throw bad("type", "missing type") }
        func time(_ v: JSONValue?) -> Instant? {
            if case .string(let s)? = v, case .success(let t) = clock.parse(s) { return t }
            return nil
        }
        switch type {
        case "visit.request":
            guard let v = j["visit"], case .string(let vid)? = v["id"], CaseValidator.isValidID(vid),
                case .string(let fam)? = v["family"], let s = time(v["start"]), let e = time(v["end"]), s < e
            else { throw bad("visit", "bad visit") }
            var n = 1
            if case .number(let d)? = v["sitters"] { n = Int(d) }
            var p = Priority.normal
            if case .string(let ps)? = v["priority"], let pp = Priority(rawValue: ps) { p = pp }
            var comps = Set<String>()
            if case .array(let a)? = v["competencies"] {
                for x in a { if case .string(let c) = x { comps.insert(c) } }
            }
            let visit = Visit(
                id: vid, family: fam, span: TimeSpan(start: s, end: e), sitters: n, competencies: comps, priority: p)
            return Event(id: id, kind: .visitRequest(visit), type: type)
        case "visit.cancel":
            guard case .string(let vid)? = j["visit"] else { throw bad("visit", "bad visit") }
            return Event(id: id, kind: .visitCancel(vid), type: type)
        case "sitter.absence":
            guard case .string(let sid)? = j["sitter"], let s = time(j["start"]), let e = time(j["end"]), s < e else {
                throw bad("sitter", "bad absence")
            }
            return Event(id: id, kind: .sitterAbsence(sid, TimeSpan(start: s, end: e)), type: type)
        default:
            throw bad("type", "unknown type")
        }
    }
}

public enum EventApplier {
    public static func apply(_ events: [Event], to c: Case) -> (theCase: Case, refused: [String: EventInputError]) {
        var c = c
        var refused: [String: EventInputError] = [:]
        for e in events {
            func refuse(_ m: String) {
                refused[e.id] = EventInputError(
                    file: e.id, diagnostics: [Diagnostic(.error, .event(id: e.id, field: nil), m, fix: "")])
            }
            switch e.kind {
            case .visitRequest(let v):
                guard c.families.contains(where: { $0.id == v.family }) else {
                    refuse("unknown family")
                    continue
                }
                guard !c.visits.contains(where: { $0.id == v.id }) else {
                    refuse("visit exists")
                    continue
                }
                c.visits.append(v)
            case .visitCancel(let id):
                guard let i = c.visits.firstIndex(where: { $0.id == id }) else {
                    refuse("unknown visit")
                    continue
                }
                c.visits.remove(at: i)
            case .sitterAbsence(let sid, let span):
                guard let i = c.sitters.firstIndex(where: { $0.id == sid }) else {
                    refuse("unknown sitter")
                    continue
                }
                var out: [TimeSpan] = []
                for a in c.sitters[i].availability {
                    if !a.overlaps(span) {
                        out.append(a)
                        continue
                    }
                    if a.start < span.start { out.append(TimeSpan(start: a.start, end: span.start)) }
                    if span.end < a.end { out.append(TimeSpan(start: span.end, end: a.end)) }
                }
                c.sitters[i].availability = out
                for j in c.visits.indices where c.visits[j].span.overlaps(span) {
                    c.visits[j].assigned.removeAll { $0 == sid }
                }
            }
        }
        return (c, refused)
    }
}

public enum SHA256 {
    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    public static func hex(_ data: Data) -> String {
        var h: [UInt32] = [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
        ]
        var m = [UInt8](data)
        let bits = UInt64(m.count) * 8
        m.append(0x80)
        while m.count % 64 != 56 { m.append(0) }
        for i in (0..<8).reversed() { m.append(UInt8((bits >> (UInt64(i) * 8)) & 0xff)) }
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        var w = [UInt32](repeating: 0, count: 64)
        for chunk in stride(from: 0, to: m.count, by: 64) {
            for i in 0..<16 {
                w[i] = m[chunk + 4 * i..<chunk + 4 * i + 4].reduce(0) { $0 << 8 | UInt32($1) }
            }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            h = [h[0] &+ a, h[1] &+ b, h[2] &+ c, h[3] &+ d, h[4] &+ e, h[5] &+ f, h[6] &+ g, h[7] &+ hh]
        }
        return h.map { String(format: "%08x", $0) }.joined()
    }
}

public enum Language: String, Sendable { case fr, en }

public struct ScheduleChanges: Sendable {
    public var added: [String: [String]] = [:]
    public var removed: [String: [String]] = [:]
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty }
    public var changedSitters: [String] { Set(added.keys).union(removed.keys).sorted() }
    public func json(oldCase: Case?, newCase: Case) -> JSONValue {
        .object(
            changedSitters.map { s in
                (
                    s,
                    .object([
                        ("added", .array((added[s] ?? []).map { .string($0) })),
                        ("removed", .array((removed[s] ?? []).map { .string($0) })),
                    ])
                )
            })
    }
    public func text(oldCase: Case?, newCase: Case, lang: Language) -> String {
        changedSitters.map { s in
            "\(s): +\((added[s] ?? []).joined(separator: ",")) -\((removed[s] ?? []).joined(separator: ","))\n"
        }.joined()
    }
}

public enum ScheduleDiff {
    public static func changes(old: Schedule?, oldCase: Case?, new: Schedule, newCase: Case) -> ScheduleChanges {
        func items(_ s: Schedule?) -> Set<String> {
            guard let s else { return [] }
            return Set(s.assignments.map { "\($0.sitter) \($0.visit)" } + s.onCall.map { "\($0.sitter) \($0.shift)" })
        }
        let (o, n) = (items(old), items(new))
        var ch = ScheduleChanges()
        for x in n.subtracting(o) {
            let p = x.split(separator: " ")
            ch.added[String(p[0]), default: []].append(String(p[1]))
        }
        for x in o.subtracting(n) {
            let p = x.split(separator: " ")
            ch.removed[String(p[0]), default: []].append(String(p[1]))
        }
        return ch
    }
}
