import Foundation
import ReliefApp
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// Thousands of damaged copies of a realistic case. Each one is either refused
/// with an `InputError` (errors, each at a `$` path with a fix) or read; a
/// few hundred small ones are also planned, and their schedule must keep every
/// hard rule. Nothing may crash.
///
/// Reproducing a failure: the issue names the base seed, the mutant's number and
/// its mutations. `RELIEF_FUZZ_SEED=<seed> RELIEF_FUZZ_MUTANT=<n> swift test --filter FuzzTests`
/// replays just that mutant. A crash kills the test process before it can
/// report: the mutant being tried is then in `$TMPDIR/relief-fuzz-last-mutant.txt`.
@Suite("Fuzz: damaged cases")
struct FuzzTests {
    static let baseSeed: UInt64 =
        ProcessInfo.processInfo.environment["RELIEF_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x5EED_2026_1123
    static let onlyMutant: Int? = ProcessInfo.processInfo.environment["RELIEF_FUZZ_MUTANT"].flatMap { Int($0) }

    /// The bundled week (committed: a missing file is a failure, not a skip).
    static let weekPath = "Data/quebec-city-week.json"

    /// The mid-size case of this suite (12 sitters, 40 visits, 21 shifts), from
    /// `relief generate --sitters 12 --visits 40 --seed 2026 --name "fuzz base week"`.
    static let midSizePath = "Tests/ReliefEndToEndTests/Fixtures/fuzz-week.json"

    /// The realistic week bundled in `Data/`.
    static func realisticCase() throws -> Data {
        try Data(contentsOf: PackageTree.url(weekPath))
    }

    // MARK: - Reading

    /// 2000 mutants in four chunks that run in parallel; a read costs ~12 ms in a debug build.
    @Test(arguments: 0..<4)
    func damagedMidSizeCasesAreRefusedOrRead(chunk: Int) throws {
        let base = try JSONParser.parse(Data(contentsOf: PackageTree.url(Self.midSizePath)))
        try checkBaseReads(base)
        let stats = try fuzzReading(
            base: base, label: "mid-size", mutants: (chunk * 500)..<((chunk + 1) * 500), seed: Self.baseSeed)
        if Self.onlyMutant == nil { #expect(stats.refused > 0 && stats.read > 0, "\(stats)") }
    }

    @Test
    func damagedRealisticWeeksAreRefusedOrRead() throws {
        let base = try JSONParser.parse(Data(contentsOf: PackageTree.url(Self.weekPath)))
        try checkBaseReads(base)
        // A whole week costs tens of milliseconds per read in a debug build: fewer mutants.
        let stats = try fuzzReading(base: base, label: Self.weekPath, mutants: 0..<200, seed: Self.baseSeed &+ 1)
        if Self.onlyMutant == nil { #expect(stats.refused > 0 && stats.read > 0, "\(stats)") }
    }

    // MARK: - Planning

    @Test func smallDamagedCasesPlanToVerifiedSchedules() throws {
        let base = Self.trimmed(try JSONParser.parse(Self.realisticCase()), visits: 24, shifts: 6)
        try checkBaseReads(base)
        var options = PlanOptions()
        options.timeLimit = 2
        options.qualityTimeLimit = 0.2
        var planned = 0
        var refused = 0
        let started = Date()
        for i in 0..<300 where Self.onlyMutant == nil || Self.onlyMutant == i {
            var rng = FuzzSplitMix64(seed: (Self.baseSeed &+ 2) ^ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
            let mutant = Mutator.mutate(base, rng: &rng, textDamage: false)
            let context = "planning fuzz: seed \(Self.baseSeed &+ 2), mutant \(i): \(mutant.description)"
            Breadcrumb.leave(context)
            switch read(mutant.data) {
            case .failure(let e):
                checkRefusal(e, context)
                refused += 1
            case .success(let (c, _)):
                planned += 1
                plan(c, options: options, context)
            }
        }
        let seconds = Date().timeIntervalSince(started)
        FileHandle.standardError.write(
            Data("fuzz planning: \(planned) planned, \(refused) refused in \(String(format: "%.1f", seconds)) s\n".utf8)
        )
        if Self.onlyMutant == nil { #expect(planned >= 100, "too few mutants survived to be planned: \(planned)") }
    }

    // MARK: - Checks

    struct Stats: CustomStringConvertible {
        var read = 0
        var refused = 0
        var seconds = 0.0
        var description: String { "\(read) read, \(refused) refused in \(String(format: "%.1f", seconds)) s" }
    }

    func read(_ data: Data) -> Result<(Case, [Diagnostic]), InputError> {
        do { return .success(try CaseReader.read(data: data, file: "mutant.json")) } catch { return .failure(error) }
    }

    func checkBaseReads(_ base: JSONValue) throws {
        switch read(Data(base.serialized().utf8)) {
        case .success: break
        case .failure(let e): throw e
        }
    }

    func checkRefusal(_ e: InputError, _ context: String) {
        if e.errors.isEmpty { Issue.record("refused without an error: \(e.diagnostics)\n\(context)") }
        for d in e.diagnostics where !d.path.hasPrefix("$") || d.fix.isEmpty || d.message.isEmpty {
            Issue.record("diagnostic without a $ path, message or fix: \(d)\n\(context)")
        }
    }

    func fuzzReading(base: JSONValue, label: String, mutants: Range<Int>, seed: UInt64) throws -> Stats {
        var stats = Stats()
        let started = Date()
        for i in mutants where Self.onlyMutant == nil || Self.onlyMutant == i {
            var rng = FuzzSplitMix64(seed: seed ^ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
            let mutant = Mutator.mutate(base, rng: &rng, textDamage: true)
            let context = "reading fuzz of \(label): seed \(seed), mutant \(i): \(mutant.description)"
            Breadcrumb.leave(context)
            switch read(mutant.data) {
            case .failure(let e):
                stats.refused += 1
                checkRefusal(e, context)
            case .success(let (c, warnings)):
                stats.read += 1
                for w in warnings where w.severity != .warning || !w.path.hasPrefix("$") || w.fix.isEmpty {
                    Issue.record("odd warning \(w)\n\(context)")
                }
                // What every solve builds first must hold for any case that reads.
                let index = PlanningIndex(c)
                if index.visitEligible.count != c.visits.count || index.shiftEligible.count != c.onCallShifts.count {
                    Issue.record("planning index does not match the case\n\(context)")
                }
            }
        }
        stats.seconds = Date().timeIntervalSince(started)
        FileHandle.standardError.write(Data("fuzz reading \(label) mutants \(mutants): \(stats)\n".utf8))
        return stats
    }

    func plan(_ c: Case, options: PlanOptions, _ context: String) {
        let result: PlanResult
        do {
            result = try Planner().plan(c, options: options)
        } catch PlanError.lockedInfeasible {
            // relief validate accepted the case, so plan must not give up on it. The one
            // cause known so far is a trainee locked on a visit (see CLITests).
            let traineeLocked = c.visits.contains { v in
                v.locked && v.assigned.contains { id in c.sitters.first { $0.id == id }?.trainee == true }
            }
            Issue.record(
                "planner refused locked assignments that the case reader accepted (trainee locked: \(traineeLocked))\n\(context)"
            )
            return
        } catch {
            Issue.record("planner threw \(error)\n\(context)")
            return
        }
        let s = result.schedule
        let problems = ScheduleVerifier(c).violations(of: s)
        if !problems.isEmpty { Issue.record("schedule breaks hard rules: \(problems.prefix(5))\n\(context)") }
        // What is written reads back as the same schedule.
        do {
            let back = try JSONParser.parse(Data(s.json().serialized().utf8))
            guard let again = ScheduleReader.read(back) else {
                Issue.record("written schedule does not read back\n\(context)")
                return
            }
            if Set(again.assignments) != Set(s.assignments) || again.levels != s.levels || again.unfilled != s.unfilled
            {
                Issue.record("schedule changed on the way through JSON\n\(context)")
            }
        } catch {
            Issue.record("written schedule is not JSON: \(error)\n\(context)")
        }
    }

    /// The case with only its first visits and shifts: still valid, small enough to plan often.
    static func trimmed(_ v: JSONValue, visits: Int, shifts: Int) -> JSONValue {
        guard case .object(var members) = v else { return v }
        for (i, (k, value)) in members.enumerated() {
            guard case .array(let items) = value else { continue }
            if k == "visits" { members[i].1 = .array(Array(items.prefix(visits))) }
            if k == "onCallShifts" { members[i].1 = .array(Array(items.prefix(shifts))) }
        }
        return .object(members)
    }
}

/// Where a crash leaves the mutant it was trying.
enum Breadcrumb {
    static let url = FileManager.default.temporaryDirectory.appendingPathComponent("relief-fuzz-last-mutant.txt")
    static func leave(_ text: String) {
        try? Data((text + "\n").utf8).write(to: url)
    }
}

/// Sebastiano Vigna's SplitMix64: tiny, fast, and the same sequence everywhere.
typealias FuzzSplitMix64 = SplitMix64

/// A damaged copy of a case: its bytes and what was done to it.
struct Mutant {
    var data: Data
    var steps: [String]
    var description: String { steps.joined(separator: "; ") }
}

/// Ways to damage a case, from a wrong type in one field to a file cut in half.
enum Mutator {
    enum Step: CustomStringConvertible {
        case key(String)
        case index(Int)
        var description: String {
            switch self {
            case .key(let k): return ".\(k)"
            case .index(let i): return "[\(i)]"
            }
        }
    }

    static func pathText(_ p: [Step]) -> String { "$" + p.map(\.description).joined() }

    /// Every node of the tree with its path.
    static func nodes(_ v: JSONValue, _ path: [Step] = [], into out: inout [([Step], JSONValue)]) {
        out.append((path, v))
        switch v {
        case .object(let m): for (k, x) in m { nodes(x, path + [.key(k)], into: &out) }
        case .array(let a): for (i, x) in a.enumerated() { nodes(x, path + [.index(i)], into: &out) }
        default: break
        }
    }

    /// A copy with the node at `path` replaced, or removed for `nil`.
    static func replacing(_ v: JSONValue, _ path: ArraySlice<Step>, with new: JSONValue?) -> JSONValue {
        guard let step = path.first else { return new ?? .null }
        let rest = path.dropFirst()
        switch (v, step) {
        case (.object(var m), .key(let k)):
            guard let i = m.firstIndex(where: { $0.0 == k }) else { return v }
            if rest.isEmpty && new == nil { m.remove(at: i) } else { m[i].1 = replacing(m[i].1, rest, with: new) }
            return .object(m)
        case (.array(var a), .index(let i)) where i < a.count:
            if rest.isEmpty && new == nil { a.remove(at: i) } else { a[i] = replacing(a[i], rest, with: new) }
            return .array(a)
        default:
            return v
        }
    }

    /// Raw JSON text that a `JSONValue` cannot hold (1e400, lone surrogates, bad
    /// bytes): a placeholder string goes into the tree and is swapped in the bytes.
    static func placeholder(_ k: Int) -> String { "\u{1}RAW\(k)\u{1}" }
    static func placeholderText(_ k: Int) -> String { "\"\\u0001RAW\(k)\\u0001\"" }

    static let rawTokens: [[UInt8]] = [
        Array("1e400".utf8), Array("-1e400".utf8), Array("1e308".utf8), Array("-1".utf8),
        Array("9223372036854775808".utf8),
        Array("-9223372036854775809".utf8), Array("18446744073709551616".utf8), Array("1e-400".utf8), Array("-0".utf8),
        Array("0.5".utf8), Array("4294967297".utf8), Array(String(repeating: "9", count: 500).utf8),
        Array("\"\\ud800\"".utf8), Array("\"\\udc00x\"".utf8), Array("\"S0\\ud83d\"".utf8), Array("\"\\u0000\"".utf8),
        [0x22, 0xFF, 0xFE, 0x22], [0x22, 0x53, 0x00, 0x31, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
        Array("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]".utf8),
    ]

    static let oddStrings: [@Sendable (String) -> String] = [
        { $0 + "\u{200F}" },  // right-to-left mark
        { "\u{202E}" + $0 },  // right-to-left override
        { $0 + "\u{0}" },  // NUL, written as \u0000
        { $0 + "👩‍👧‍👦" },
        { $0 + "e\u{301}\u{301}\u{301}" },  // combining accents
        { $0 + "\u{200B}" },  // zero-width space
        { _ in "" },
        { $0.uppercased() },
        { " " + $0 },
        { $0 + "/../x" },
        { _ in String(repeating: "ß", count: 5000) },
        { _ in "\u{FEFF}" },
        { String($0.reversed()) },
        { $0 + ":00" },
    ]

    static let times = [
        "2026-03-08T02:30", "2026-11-01T01:30", "2026-11-01T00:00", "9999-12-31T23:59", "0001-01-01T00:00",
        "2026-11-23T00:00Z", "2026-11-29T23:59+14:00", "2026-11-24T12:00-12:00", "2026-11-24T12:00:59.999",
        "2026-11-24 12:00", "2026-11-24T25:00", "2026-11-31T10:00", "2026-11-30T00:00", "2026-11-22T23:59",
        "2026-11-25T10:00",
    ]

    static func wrongType(for v: JSONValue, rng: inout FuzzSplitMix64) -> JSONValue {
        let choices: [JSONValue] = [
            .null, .bool(true), .bool(false), .number(0), .number(-1), .number(1), .number(1e308), .string("x"),
            .string("1"), .array([]), .object([]), .array([.null]), .object([("id", .string("S000"))]),
        ]
        var c = choices.randomElement(using: &rng)!
        for _ in 0..<4 where c.typeName == v.typeName { c = choices.randomElement(using: &rng)! }
        return c
    }

    static func mutate(_ base: JSONValue, rng: inout FuzzSplitMix64, textDamage: Bool) -> Mutant {
        var tree = base
        var steps: [String] = []
        var raws: [[UInt8]] = []
        let n = Int.random(in: 1...3, using: &rng)
        for _ in 0..<n {
            var all: [([Step], JSONValue)] = []
            nodes(tree, into: &all)
            guard let (path, node) = all.randomElement(using: &rng) else { break }
            let strings = all.compactMap { if case .string(let s) = $0.1 { return s } else { return nil } }
            let place = pathText(path)
            switch Int.random(in: 0..<12, using: &rng) {
            case 0:
                guard !path.isEmpty else { continue }
                tree = replacing(tree, path[...], with: nil)
                steps.append("delete \(place)")
            case 1:
                let w = wrongType(for: node, rng: &rng)
                tree = replacing(tree, path[...], with: w)
                steps.append("\(place) = \(w.serialized().dropLast()) (was \(node.typeName))")
            case 2:
                // Numbers attract huge numbers; any node may get one.
                let k = raws.count
                let token = Int.random(in: 0..<rawTokens.count, using: &rng)
                raws.append(rawTokens[token])
                tree = replacing(tree, path[...], with: .string(placeholder(k)))
                steps.append(
                    "\(place) = raw \(String(decoding: rawTokens[token].prefix(40), as: UTF8.self).debugDescription)")
            case 3:
                guard case .string(let s) = node else { continue }
                let f = Int.random(in: 0..<oddStrings.count, using: &rng)
                tree = replacing(tree, path[...], with: .string(oddStrings[f](s)))
                steps.append("\(place): odd string #\(f)")
            case 4:
                guard case .array(let a) = node, !a.isEmpty else { continue }
                let i = Int.random(in: 0..<a.count, using: &rng)
                var b = a
                b.insert(a[i], at: Int.random(in: 0...a.count, using: &rng))
                tree = replacing(tree, path[...], with: .array(b))
                steps.append("\(place): element \(i) duplicated")
            case 5:
                guard case .object(var m) = node, let si = m.firstIndex(where: { $0.0 == "start" }),
                    let ei = m.firstIndex(where: { $0.0 == "end" })
                else { continue }
                (m[si].1, m[ei].1) = (m[ei].1, m[si].1)
                tree = replacing(tree, path[...], with: .object(m))
                steps.append("\(place): start and end swapped")
            case 6:
                // A reference to something else of the document: a sitter where a family was, and so on.
                guard case .string = node, let other = strings.randomElement(using: &rng) else { continue }
                tree = replacing(tree, path[...], with: .string(other))
                steps.append("\(place) = \(other.debugDescription)")
            case 7:
                guard case .string = node else { continue }
                let t = times.randomElement(using: &rng)!
                tree = replacing(tree, path[...], with: .string(t))
                steps.append("\(place) = \(t)")
            case 8:
                // Lock a visit on whoever it names, or on a random sitter.
                guard case .object(var m) = node, m.contains(where: { $0.0 == "family" }) else { continue }
                m.removeAll { $0.0 == "locked" || ($0.0 == "assigned" && Bool.random(using: &rng)) }
                m.append(("locked", .bool(true)))
                if !m.contains(where: { $0.0 == "assigned" }) {
                    let sitters = strings.filter { $0.hasPrefix("S") && $0.count <= 5 }
                    m.append(("assigned", .array(sitters.randomElement(using: &rng).map { [.string($0)] } ?? [])))
                }
                tree = replacing(tree, path[...], with: .object(m))
                steps.append("\(place) locked")
            case 9:
                guard case .number(let x) = node else { continue }
                let y = [x + 1, x - 1, 0, x * 10, x / 7, -x, 50, 51, 1440, 1441, 100_000].randomElement(using: &rng)!
                tree = replacing(tree, path[...], with: .number(y))
                steps.append("\(place) = \(y)")
            case 10:
                guard case .object(var m) = node else { continue }
                m.append(("extra\(Int.random(in: 0..<3, using: &rng))", .string("\u{202E}?")))
                tree = replacing(tree, path[...], with: .object(m))
                steps.append("\(place): unknown field added")
            default:
                // Many things at once: empty an array or object.
                switch node {
                case .array: tree = replacing(tree, path[...], with: .array([]))
                case .object: tree = replacing(tree, path[...], with: .object([]))
                default: continue
                }
                steps.append("\(place) emptied")
            }
        }
        var bytes = Array(tree.serialized().utf8)
        for (k, raw) in raws.enumerated() {
            let p = Array(placeholderText(k).utf8)
            if let r = firstRange(of: p, in: bytes) { bytes.replaceSubrange(r, with: raw) }
        }
        if textDamage && bytes.count > 2 {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                let cut = Int.random(in: 0..<bytes.count, using: &rng)
                bytes = Array(bytes[..<cut])
                steps.append("truncated at byte \(cut)")
            case 1:
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                let b = UInt8.random(in: 0...255, using: &rng)
                bytes[i] = b
                steps.append("byte \(i) set to \(b)")
            case 2:
                // A field written twice in one object.
                if let i = bytes.indices.filter({ bytes[$0] == UInt8(ascii: "{") }).randomElement(using: &rng) {
                    bytes.insert(contentsOf: Array(#""id": "dup", "id": "dup", "#.utf8), at: i + 1)
                    steps.append("duplicate key inserted at byte \(i + 1)")
                }
            case 3:
                bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
                steps.append("byte order mark")
            default:
                break
            }
        }
        if steps.isEmpty { steps.append("unchanged") }
        return Mutant(data: Data(bytes), steps: steps)
    }

    static func firstRange(of needle: [UInt8], in hay: [UInt8]) -> Range<Int>? {
        guard needle.count <= hay.count else { return nil }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }
}
