import Foundation
import LinearProgramming
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefPlanning

/// Solves small cases twice, with relief's staged Planner and with glpsol on
/// `Models/relief.mod` plus the data `relief export` writes, and requires the
/// same model (every row and column, by name, with its bounds and
/// coefficients) and the same levels 1-4. CI installs glpk-utils; without
/// glpsol these tests fail rather than pass silently.
@Suite("MathProg model against the Swift formulation")
struct MathProgCrossCheckTests {
    /// A fixture in Data/tiny/ and, when hand-checked, the levels it must reach.
    struct Fixture: Sendable, CustomTestStringConvertible {
        var file: String
        var expected: Levels?
        /// Constraint families the case is built to exercise: each must have rows.
        var binding: [String]
        var testDescription: String { file }
    }

    static let fixtures: [Fixture] = [
        // The contract's example-case.json, copied: on-call limits, a double-staffed visit, travel inside territories.
        Fixture(
            file: "mathprog-contract-example.json",
            expected: Levels(onCallMinutes: 1920, urgentSlots: 0, highSlots: 1, normalSlots: 8),
            binding: ["no_overlap", "max_shifts", "staff_shift"]),
        // V1 -> V2 misses the 30 min drive (only V2 + V3 fit; V2 ends 14:00 and B-B travel of 20 min reaches V3 at 14:20 exactly).
        Fixture(
            file: "mathprog-travel.json", expected: Levels(highSlots: 1, normalSlots: 1), binding: ["travel"]),
        // 300 min a day: V3 plus one 3 h visit on the 24th (V4, 23:00-02:00, counts there), V5 on the 25th; S2 two of three in the week.
        Fixture(
            file: "mathprog-day-limits.json", expected: Levels(highSlots: 1, normalSlots: 4),
            binding: ["day_minutes", "week_minutes"]),
        // M1 is the only non-trainee: urgent V1 gets M1 + a trainee, high V2 and the trainee-only V3 stay empty.
        Fixture(
            file: "mathprog-trainee.json", expected: Levels(urgentSlots: 2, normalSlots: 1), binding: ["trainee"]),
        // people.md: M1 (Tuesday only) and T1 or B1 on the urgent V1; the high V2 allows no volunteer and T1 never
        // works alone; B1's 240 min take one of V3, V4 (T1 cannot join B1 there); B1 is never on call.
        Fixture(
            file: "mathprog-volunteers.json", expected: Levels(urgentSlots: 2, normalSlots: 1),
            binding: ["trainee", "week_minutes"]),
        // S1 is locked on V1 (so not on the urgent V2), S2 on V3 (so only S3 or S2 after 12:00 for the high ones).
        Fixture(
            file: "mathprog-locks.json", expected: Levels(highSlots: 2, normalSlots: 2), binding: ["no_overlap"]),
        // Four on-call positions for five (two shifts each); O1 keeps the two of its visits its shifts leave free.
        Fixture(
            file: "mathprog-on-call.json", expected: Levels(onCallMinutes: 1920, urgentSlots: 1, highSlots: 1),
            binding: ["max_shifts", "no_overlap", "staff_shift"]),
        // Three positions with two eligible, an exclusion, and 10 min travel inside A between V3 and V4.
        Fixture(
            file: "mathprog-double-staffed.json", expected: Levels(urgentSlots: 2, highSlots: 2, normalSlots: 2),
            binding: ["no_overlap", "travel"]),
        // tdah's 400 min less the high V4's 120 leave 280: two tdah positions of V1, V2, V3 (x2), V6 (FA's cap of
        // 240 allows one of V1, V2; FB's two of V3, V6), and V5, billed to general, without a budget.
        Fixture(
            file: "mathprog-budgets.json", expected: Levels(highSlots: 1, normalSlots: 3),
            binding: ["budget", "family_budget"]),
        // Seven positions on five touching shifts (OC2, OC4 need two): R1 (own limit 1) takes at most OC1, OC3,
        // OC5; R2 (the rule's 2) at most four, only OC1, OC2, OC4, OC5; both maxima need OC1 twice: six, not seven.
        Fixture(
            file: "mathprog-runs.json", expected: Levels(onCallMinutes: 2880, normalSlots: 1),
            binding: ["max_run", "staff_shift"]),
        // people.md: a day of rest (E1; E2 its own 20 h) in two days. Whoever is on call OC1 cannot take V6, and
        // the other, resting after V6, takes nothing of [16:00, 12:00 next day): V2 and V3 would fall to the one on
        // call, who would then have 14 h free at most. B1, a volunteer, is not bound and takes V5. Without the rest
        // rule every visit is covered.
        Fixture(
            file: "mathprog-rest.json",
            expected: Levels(onCallMinutes: 480, urgentSlots: 1, highSlots: 1, normalSlots: 3),
            binding: ["rest_block", "rest_clique", "rest_visit"]),
        // A small random week with locks: agreement only, not hand-checked. (It caught GLP_BV resetting the
        // locked columns' bounds, which once made relief call 4 normal slots proven where 5 are reachable.)
        Fixture(
            file: "mathprog-mixed.json", expected: nil,
            binding: ["no_overlap", "travel", "trainee", "day_minutes", "week_minutes"]),
    ]

    static let packageRoot = PackageTree.root

    static func load(_ file: String) throws -> Case {
        let path = packageRoot.appendingPathComponent("Data/tiny/\(file)").path
        let data = try #require(FileManager.default.contents(atPath: path), "cannot read \(path)")
        return try CaseReader.read(data: data, file: file).0
    }

    @Test("same model and same levels 1-4 as glpsol", arguments: fixtures)
    func sameLevelsAsGlpsol(_ fixture: Fixture) throws {
        let c = try Self.load(fixture.file)

        // relief's staged solve; its schedule must keep every hard rule.
        let planned = try Planner().plan(c).schedule
        #expect(planned.status == .optimal, "relief did not prove \(fixture.file) optimal")
        #expect(ScheduleVerifier(c).violations(of: planned) == [])

        // glpsol on the exported data.
        let cm = CompactModel(PlanningIndex(c))
        let run = try Glpsol.solve(data: try MathProgData.text(cm), name: fixture.file)
        #expect(run.output.contains("INTEGER OPTIMAL SOLUTION FOUND"), "glpsol: \(run.output.suffix(2000))")

        // Both programs state one model: same rows and columns, same numbers.
        let problems = GLPKFile.differences(swift: cm.model, glpk: try GLPKFile.parse(run.problem))
        #expect(problems == [], "Models/relief.mod and CompactModel differ for \(fixture.file)")
        for family in fixture.binding {
            #expect(cm.model.rows.contains { $0.name.hasPrefix(family + "[") }, "\(fixture.file) has no \(family) row")
        }

        // Same levels, and what glpsol chose is a valid schedule too.
        let levels = try #require(run.levels, "no LEVELS line in glpsol's output: \(run.output.suffix(2000))")
        #expect(levels == planned.levels, "glpsol \(levels) but relief \(planned.levels)")
        if let expected = fixture.expected {
            #expect(planned.levels == expected)
        }
        let ix = cm.index
        var assignments = Set<PlanningIndex.Pair>()
        for (v, s) in run.assignments {
            let si = try #require(ix.sitterIndex[s])
            let vi = try #require(ix.visitIndex[v])
            assignments.insert(.init(si, vi))
        }
        var onCall = Set<PlanningIndex.Pair>()
        for (o, s) in run.onCall {
            let si = try #require(ix.sitterIndex[s])
            let oi = try #require(ix.shiftIndex[o])
            onCall.insert(.init(si, oi))
        }
        let point = cm.point(assignments: assignments, onCall: onCall)
        #expect(cm.model.maxViolation(point) < 1e-9, "glpsol's answer breaks a row of CompactModel")
        let glpsolSchedule = Planner.schedule(
            index: ix, solution: CompactSolution(cm, point), proven: true, found: levels.vector, bounds: levels.vector,
            seconds: 0, backend: "glpsol", quality: nil, qualityBound: nil)
        #expect(glpsolSchedule.levels == levels)
        #expect(ScheduleVerifier(c).violations(of: glpsolSchedule) == [])
    }

    @Test("symbols are quoted for MathProg, and what cannot be quoted is refused")
    func quoting() throws {
        #expect(try MathProgData.quote("OC-2026-11-23T00:00") == "'OC-2026-11-23T00:00'")
        #expect(try MathProgData.quote("S.1_a-b") == "'S.1_a-b'")
        #expect(try MathProgData.quote("it's") == "'it''s'")
        #expect(throws: MathProgDataError.self) { try MathProgData.quote("two\nlines") }
        #expect(throws: MathProgDataError.self) { try MathProgData.quote("") }
        #expect(throws: MathProgDataError.self) { try MathProgData.quote(String(repeating: "a", count: 101)) }

        var c = try Self.load("mathprog-travel.json")
        c.sitters[0].id = "S1\u{7}"
        #expect(throws: MathProgDataError.unquotable("S1\u{7}")) {
            try MathProgData.text(CompactModel(PlanningIndex(c)))
        }
    }

    @Test("CompactModel.rules are relief.mod's constraints in its order, and the rows come rule by rule")
    func rulesInOrder() throws {
        let mod = try String(contentsOf: Self.packageRoot.appendingPathComponent("Models/relief.mod"), encoding: .utf8)
        let constraints = mod.split(separator: "\n").filter { $0.hasPrefix("s.t. ") }
            .map { String($0.dropFirst(5).prefix { $0 != "{" && $0 != ":" }) }
        #expect(CompactModel.rules.map(\.family) == constraints)
        // Level 5's deviation rows come after every rule's.
        let order = CompactModel.rules.map(\.family) + ["fair_share_over", "fair_share_under"]
        for f in Self.fixtures {
            let cm = CompactModel(PlanningIndex(try Self.load(f.file)))
            let ranks = cm.model.rows.map { row in
                order.firstIndex(of: String(row.name.prefix { $0 != "[" })).map { min($0, CompactModel.rules.count) }
            }
            #expect(!ranks.contains(nil), "\(f.file): a row of no family")
            let known = ranks.compactMap { $0 }
            #expect(zip(known, known.dropFirst()).allSatisfy { $0 <= $1 }, "\(f.file): rows out of the rules' order")
        }
    }

    @Test("the data file is the same text for the same case")
    func deterministic() throws {
        let c = try Self.load("mathprog-mixed.json")
        let a = try MathProgData.text(CompactModel(PlanningIndex(c)))
        let b = try MathProgData.text(CompactModel(PlanningIndex(c)))
        #expect(a == b)
        #expect(a.hasSuffix("end;\n"))
    }
}

/// Runs glpsol on Models/relief.mod in a temporary folder.
enum Glpsol {
    struct Run {
        var output: String
        /// The generated problem in GLPK's plain format (`--wglp`).
        var problem: String
        var levels: Levels?
        /// (visit, sitter) and (shift, sitter) from the ASSIGN / ONCALL lines.
        var assignments: [(String, String)] = []
        var onCall: [(String, String)] = []
    }

    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/glpsol"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func solve(data: String, name: String) throws -> Run {
        let glpsol = try #require(
            executable,
            "glpsol is not on PATH: install glpk-utils (apt-get install glpk-utils) to run the MathProg cross-check")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relief-mathprog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let dat = dir.appendingPathComponent("case.dat")
        let glp = dir.appendingPathComponent("case.glp")
        try Data(data.utf8).write(to: dat)
        let model = MathProgCrossCheckTests.packageRoot.appendingPathComponent("Models/relief.mod").path

        let p = Process()
        p.executableURL = URL(fileURLWithPath: glpsol)
        p.arguments = ["-m", model, "-d", dat.path, "--wglp", glp.path, "--tmlim", "60"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "glpsol failed on \(name): \(out.suffix(2000))")

        var run = Run(output: out, problem: (try? String(contentsOf: glp, encoding: .utf8)) ?? "")
        for line in out.split(separator: "\n") {
            let words = line.split(separator: " ")
            func field(_ key: String) -> String? {
                words.first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
            }
            switch words.first.map(String.init) ?? "" {
            case "LEVELS":
                if let a = field("onCallMinutes").flatMap(Int.init), let b = field("urgentSlots").flatMap(Int.init),
                    let h = field("highSlots").flatMap(Int.init), let n = field("normalSlots").flatMap(Int.init)
                {
                    run.levels = Levels(onCallMinutes: a, urgentSlots: b, highSlots: h, normalSlots: n)
                }
            case "ASSIGN":
                if let v = field("visit"), let s = field("sitter") { run.assignments.append((v, s)) }
            case "ONCALL":
                if let o = field("shift"), let s = field("sitter") { run.onCall.append((o, s)) }
            default: break
            }
        }
        return run
    }
}

/// Just enough of GLPK's plain problem format (glp_write_prob) to compare it with a LinearModel.
struct GLPKFile {
    struct Column {
        var name = ""
        var lower = 0.0
        var upper = 1.0
        var isInteger = true
    }
    struct Row {
        var name = ""
        var lower = 0.0
        var upper = 0.0
        var entries: [Int: Double] = [:]
    }
    var columns: [Column] = []
    var rows: [Row] = []

    static func parse(_ text: String) throws -> GLPKFile {
        var f = GLPKFile()
        for line in text.split(separator: "\n") {
            let w = line.split(separator: " ").map(String.init)
            func num(_ i: Int) throws -> Double { try #require(Double(w[i]), "not a number in: \(line)") }
            func bounds(_ at: Int) throws -> (Double, Double) {
                switch w[at] {
                case "f": return (-.infinity, .infinity)
                case "l": return (try num(at + 1), .infinity)
                case "u": return (-.infinity, try num(at + 1))
                case "d": return (try num(at + 1), try num(at + 2))
                case "s": return (try num(at + 1), try num(at + 1))
                default: throw GLPKFileError.unknown(String(line))
                }
            }
            switch w.first ?? "" {
            case "p":
                // Defaults: rows fixed at 0; columns binary in a MIP, else continuous >= 0.
                let mip = w[1] == "mip"
                f.rows = Array(repeating: Row(), count: try #require(Int(w[3])))
                f.columns = Array(
                    repeating: mip ? Column() : Column(upper: .infinity, isInteger: false),
                    count: try #require(Int(w[4])))
            case "i":
                let i = try #require(Int(w[1])) - 1
                (f.rows[i].lower, f.rows[i].upper) = try bounds(2)
            case "j":
                let j = try #require(Int(w[1])) - 1
                let kinded = w[2] == "c" || w[2] == "i"
                if kinded { f.columns[j].isInteger = w[2] == "i" }
                (f.columns[j].lower, f.columns[j].upper) = try bounds(kinded ? 3 : 2)
            case "n" where w[1] == "i":
                f.rows[try #require(Int(w[2])) - 1].name = w[3...].joined(separator: " ")
            case "n" where w[1] == "j":
                f.columns[try #require(Int(w[2])) - 1].name = w[3...].joined(separator: " ")
            case "a":
                let i = try #require(Int(w[1]))
                if i > 0 { f.rows[i - 1].entries[try #require(Int(w[2])) - 1] = try num(3) }
            default: break
            }
        }
        return f
    }

    /// MathProg quotes subscripts that are not plain names ('2026-11-24', 'OC-...T00:00'); relief does not.
    static func plain(_ name: String) -> String { name.replacingOccurrences(of: "'", with: "") }

    /// Every difference between relief's model (levels 1-4 part) and glpsol's, in words.
    static func differences(swift m: LinearModel, glpk g: GLPKFile) -> [String] {
        var out: [String] = []
        let levelFive = ["deviation[", "fair_share_over[", "fair_share_under["]
        func isLevelFive(_ n: String) -> Bool { levelFive.contains { n.hasPrefix($0) } }

        let swiftColumns = Dictionary(
            m.columns.filter { !isLevelFive($0.name) }.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let glpkColumns = Dictionary(g.columns.map { (plain($0.name), $0) }, uniquingKeysWith: { a, _ in a })
        for n in Set(swiftColumns.keys).subtracting(glpkColumns.keys).sorted() {
            out.append("column \(n) only in relief")
        }
        for n in Set(glpkColumns.keys).subtracting(swiftColumns.keys).sorted() {
            out.append("column \(n) only in glpsol")
        }
        for (n, s) in swiftColumns {
            guard let c = glpkColumns[n] else { continue }
            if s.lower != c.lower || s.upper != c.upper || s.isInteger != c.isInteger {
                out.append(
                    "column \(n): relief [\(s.lower), \(s.upper)] int \(s.isInteger), glpsol [\(c.lower), \(c.upper)] int \(c.isInteger)"
                )
            }
        }

        // glpsol keeps the objective as a free row named after it.
        let swiftRows = Dictionary(
            m.rows.filter { !isLevelFive($0.name) }.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let glpkRows = Dictionary(
            g.rows.filter { $0.name != "levels" }.map { (plain($0.name), $0) }, uniquingKeysWith: { a, _ in a })
        for n in Set(swiftRows.keys).subtracting(glpkRows.keys).sorted() { out.append("row \(n) only in relief") }
        for n in Set(glpkRows.keys).subtracting(swiftRows.keys).sorted() { out.append("row \(n) only in glpsol") }
        for (n, s) in swiftRows {
            guard let r = glpkRows[n] else { continue }
            if s.lower != r.lower || s.upper != r.upper {
                out.append("row \(n): relief [\(s.lower), \(s.upper)], glpsol [\(r.lower), \(r.upper)]")
            }
            var a: [String: Double] = [:]
            for e in s.entries where e.value != 0 { a[m.columns[e.column].name, default: 0] += e.value }
            var b: [String: Double] = [:]
            for (j, v) in r.entries where v != 0 { b[plain(g.columns[j].name), default: 0] += v }
            if a != b {
                out.append("row \(n): relief \(a.sorted { $0.key < $1.key }), glpsol \(b.sorted { $0.key < $1.key })")
            }
        }
        return out.sorted()
    }
}

enum GLPKFileError: Error {
    case unknown(String)
}
