import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// `relief export CASE --mps DIR`: each level's model as the planner solves it, the manifest,
/// GLPK's own glpsol reading a file back to relief's value; and `Models/peers.py` on them.
@Suite("relief export --mps")
struct ExportMPSTests {
    static func onPath(_ name: String, path: String? = nil) -> String? {
        for d in (path ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            if FileManager.default.isExecutableFile(atPath: "\(d)/\(name)") { return "\(d)/\(name)" }
        }
        return nil
    }

    /// Runs a program to its end; status and stdout + stderr.
    static func run(_ exe: String, _ args: [String], environment: [String: String]? = nil) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        if let environment { p.environment = environment }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }

    /// glpsol on a free MPS file, maximising: its status line and objective.
    static func glpsol(_ mps: String, in dir: ScratchDirectory) throws -> (status: String, objective: Double?) {
        let glpsol = try #require(
            onPath("glpsol"), "glpsol is not on PATH: install glpk-utils (apt-get install glpk-utils)")
        let report = dir.path("glpsol-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(atPath: report) }
        let (status, out) = try run(glpsol, ["--freemps", mps, "--max", "--cuts", "--tmlim", "120", "-o", report])
        #expect(status == 0, "glpsol: \(out.suffix(2000))")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        var result: (status: String, objective: Double?) = ("", nil)
        for line in text.split(separator: "\n") {
            if line.hasPrefix("Status:") { result.status = line.dropFirst(7).trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("Objective:"), let eq = line.firstIndex(of: "=") {
                result.objective = Double(line[line.index(after: eq)...].split(separator: " ").first ?? "")
            }
        }
        return result
    }

    /// The rows of an MPS file by type (`G`, `L`, `E`, `N`) and the right-hand sides by row.
    static func rowsAndRHS(_ text: String) -> (rows: [(String, String)], rhs: [String: Double]) {
        var section = ""
        var rows: [(String, String)] = []
        var rhs: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("*") {
            if !line.hasPrefix(" ") {
                section = String(line.split(separator: " ").first ?? "")
                continue
            }
            let w = line.split(separator: " ").map(String.init)
            if section == "ROWS" && w.count == 2 { rows.append((w[0], w[1])) }
            if section == "RHS" {
                var i = 1
                while i + 1 < w.count {
                    rhs[w[i]] = Double(w[i + 1])
                    i += 2
                }
            }
        }
        return (rows, rhs)
    }

    static func manifest(_ dir: String) throws -> JSONValue {
        try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: "\(dir)/manifest.json")))
    }

    static func export(_ casePath: String, in dir: ScratchDirectory, to name: String = "models") throws -> String {
        let out = dir.path(name)
        let r = try Relief.run(["export", casePath, "--mps", out, "--time-limit", "60"], in: dir.url, timeout: 240)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.hasPrefix("\(out): 4 level models (stage1.mps to stage4.mps, maximise) and manifest.json"))
        return out
    }

    @Test func eachLevelsModelWithTheLevelsAboveHeldAndTheManifest() throws {
        let dir = try ScratchDirectory()
        let out = try Self.export(PackageTree.url("Data/tiny/lexicographic.json").path, in: dir)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == ["manifest.json", "stage1.mps", "stage2.mps", "stage3.mps", "stage4.mps"])
        #expect(fileMode(out) == 0o700)
        #expect(fileMode("\(out)/manifest.json") == 0o600 && fileMode("\(out)/stage1.mps") == 0o600)
        let m = try Self.manifest(out)
        #expect(m["format"] == .string("relief.mps-manifest/1"))
        #expect(m["case"] == .string("tiny lexicographic"))
        #expect(m["status"] == .string("optimal"))
        guard case .array(let levels)? = m["levels"] else {
            Issue.record("no levels in \(m.serialized())")
            return
        }
        // The known optimum (TinyCaseTests): on-call 30, urgent 0, high 1, normal 1.
        let keys = ["oncall", "urgent", "high", "normal"]
        let values = [30.0, 0, 1, 1]
        #expect(levels.map { $0["key"] } == keys.map { .string($0) })
        for (k, l) in levels.enumerated() {
            #expect(l["level"] == .number(Double(k + 1)))
            #expect(l["file"] == .string("stage\(k + 1).mps"))
            #expect(l["direction"] == .string("maximize"))
            #expect(l["value"] == .number(values[k]) && l["bound"] == .number(values[k]))
            #expect(l["proven"] == .bool(true))
            guard case .number(let s)? = l["seconds"] else {
                Issue.record("level \(k + 1) has no seconds")
                continue
            }
            #expect(s >= 0)
            // Held: exactly the levels above, at relief's values, in the manifest and in the file.
            let held = (0..<k).map {
                JSONValue.object([("row", .string("level_\(keys[$0])")), ("atLeast", .number(values[$0]))])
            }
            #expect(l["held"] == .array(held))
            let (rows, rhs) = Self.rowsAndRHS(try String(contentsOfFile: "\(out)/stage\(k + 1).mps", encoding: .utf8))
            let levelRows = rows.filter { $0.1.hasPrefix("level_") }
            #expect(levelRows.map(\.0) == Array(repeating: "G", count: k), "stage \(k + 1): \(levelRows)")
            #expect(levelRows.map(\.1) == keys[0..<k].map { "level_\($0)" }, "stage \(k + 1): \(levelRows)")
            for h in 0..<k { #expect((rhs["level_\(keys[h])"] ?? 0) == values[h], "stage \(k + 1)") }
            // GLPK's own glpsol reads the file back to relief's value.
            let g = try Self.glpsol("\(out)/stage\(k + 1).mps", in: dir)
            #expect(g.status == "INTEGER OPTIMAL" && g.objective == values[k], "stage \(k + 1): \(g)")
        }
    }

    /// In this case the on-call shift and the urgent visit overlap: with on-call held at 30,
    /// urgent is 0; without the row holding it, urgent could be 1. glpsol sees the same.
    @Test func theHeldRowIsWhatKeepsTheLevelAbove() throws {
        let dir = try ScratchDirectory()
        let out = try Self.export(PackageTree.url("Data/tiny/lexicographic.json").path, in: dir)
        let stage2 = try String(contentsOfFile: "\(out)/stage2.mps", encoding: .utf8)
        #expect(try Self.glpsol("\(out)/stage2.mps", in: dir).objective == 0)
        let released = stage2.replacingOccurrences(of: "level_oncall 30", with: "level_oncall 0")
        #expect(released != stage2)
        let path = try dir.write("released.mps", released)
        #expect(try Self.glpsol(path, in: dir).objective == 1)
    }

    @Test func theBundledWeekGivesReliefsLevelsUnderGlpsol() throws {
        let dir = try ScratchDirectory()
        let out = try Self.export(PackageTree.url("Data/quebec-city-week.json").path, in: dir)
        guard case .array(let levels)? = try Self.manifest(out)["levels"] else {
            Issue.record("no levels")
            return
        }
        #expect(levels.count == 4)
        for l in levels {
            guard case .string(let file)? = l["file"], case .number(let value)? = l["value"] else { continue }
            #expect(l["proven"] == .bool(true), "\(file)")
            let g = try Self.glpsol("\(out)/\(file)", in: dir)
            #expect(g.status == "INTEGER OPTIMAL" && g.objective == value, "\(file): \(g), relief \(value)")
        }
    }

    @Test func whereTheModelsCannotGo() throws {
        let dir = try ScratchDirectory()
        let casePath = try dir.write("case.json", try PackageTree.smallCase())
        let file = try dir.write("file", "x")
        var r = try Relief.run(["export", casePath, "--mps", file], in: dir.url)
        #expect(r.status == 73, "\(r)")
        #expect(r.stderr.contains("\(file): cannot write (it is not a directory"), "\(r)")
        r = try Relief.run(["export", casePath, "--mps", dir.path("no/such/dir")], in: dir.url)
        #expect(r.status == 73, "\(r)")
        #expect(r.stderr.contains("create its parent first"), "\(r)")
        r = try Relief.run(["export", dir.path("nope.json"), "--mps", dir.path("models")], in: dir.url)
        #expect(r.status == 66, "\(r)")
        #expect(r.stderr.contains("nope.json: no such file"), "\(r)")
        #expect(try dir.contents() == ["case.json", "file"])
    }

    // MARK: - Models/peers.py

    static let python = onPath("python3")
    static let script = PackageTree.url("Models/peers.py").path

    @Test(.enabled(if: python != nil, "python3 runs Models/peers.py"))
    func peersRefusesAFolderWithoutAManifest() throws {
        let dir = try ScratchDirectory()
        var (status, out) = try Self.run(Self.python!, [Self.script, dir.url.path])
        #expect(status == 66, "\(out)")
        #expect(out.contains("\(dir.url.path)/manifest.json: no such file; write it with relief export CASE --mps"))
        try dir.write("manifest.json", "{\"format\": \"relief.schedule/1\"}")
        (status, out) = try Self.run(Self.python!, [Self.script, dir.url.path])
        #expect(status == 65, "\(out)")
        #expect(out.contains("not a relief manifest"), "\(out)")
    }

    /// A python3 with nothing but itself on PATH: CBC is missing, and the script says so.
    @Test(.enabled(if: python != nil, "python3 runs Models/peers.py"))
    func peersSaysWhichPeerIsMissing() throws {
        let dir = try ScratchDirectory()
        let out = try Self.export(PackageTree.url("Data/tiny/lexicographic.json").path, in: dir)
        let bin = dir.path("bin")
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: false)
        // The interpreter itself (python3 on PATH may be a shim that needs PATH).
        let (_, real) = try Self.run(Self.python!, ["-c", "import sys; print(sys.executable)"])
        try FileManager.default.createSymbolicLink(
            atPath: "\(bin)/python3", withDestinationPath: real.trimmingCharacters(in: .whitespacesAndNewlines))
        let (status, text) = try Self.run(
            "\(bin)/python3", [Self.script, out, "--peers", "cbc", "--time-limit", "10"], environment: ["PATH": bin])
        #expect(status == 0, "\(text)")
        #expect(text.contains("MISSING PEER: CBC is not installed"), "\(text)")
        #expect(text.contains("| 4 normal slots | "), "\(text)")
        #expect(text.contains("missing: CBC"), "\(text)")
    }

    /// Where CBC is installed (a benchmark peer, not something relief needs), it agrees on every level.
    @Test(.enabled(if: python != nil && onPath("cbc") != nil, "python3 and cbc (coinor-cbc) are not both installed"))
    func peersAgreeWithReliefWhereCBCIsInstalled() throws {
        let dir = try ScratchDirectory()
        let out = try Self.export(PackageTree.url("Data/tiny/mathprog-mixed.json").path, in: dir)
        let (status, text) = try Self.run(Self.python!, [Self.script, out, "--peers", "cbc", "--time-limit", "30"])
        #expect(status == 0, "\(text)")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| level") }
        #expect(rows.count == 4, "\(text)")
        let levels = try #require(try Self.manifest(out)["levels"]?.elements, "no levels in the manifest")
        #expect(levels.count == 4)
        for (row, l) in zip(rows, levels) {
            let v = try #require(l["value"]?.number, "no value in \(l.serialized())")
            let cells = row.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            #expect(cells[2] == "\(Int(v)) proven" && cells[4] == "\(Int(v)) proven", "\(row)")
        }
        #expect(text.contains("0 disagreement(s)"), "\(text)")
    }
}
