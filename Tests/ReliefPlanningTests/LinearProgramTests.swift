import Foundation
import LinearProgramming
import ReliefCore
import ReliefPlanning
import ReliefTestSupport
import Testing

/// Models written through the `LinearProgramBackend` protocol (GLPK's behind it):
/// the MPS export of `relief export --mps` and `--dump-mps`.
@Suite("Linear programs and MPS through the backend protocol")
struct LinearProgramTests {
    /// A fresh directory, removed by the caller.
    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relief-mps-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("a backend writes a model's rows and columns as MPS, and nothing beside the file")
    func writesMPS() throws {
        var m = LinearModel(name: "mps-check", direction: .maximize)
        let x = m.addColumn("x[S1,V1]", objective: 2)
        let y = m.addColumn("y[S1,O1]", objective: 1)
        m.addRow("one_at_a_time", [(x, 1), (y, 1)], upper: 1)
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("m.mps").path
        #expect(GLPKSolver().writeMPS(m, to: path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for name in ["one_at_a_time", "x[S1,V1]", "y[S1,O1]"] { #expect(text.contains(name), "\(name)") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["m.mps"])
        #expect(!GLPKSolver().writeMPS(m, to: dir.appendingPathComponent("missing/m.mps").path))
    }

    @Test("a model the backend refuses is not written")
    func refusedModelIsNotWritten() throws {
        var m = LinearModel(name: "bad")
        let x = m.addColumn("x")
        m.addRow("twice", [(x, 1), (x, 1)], upper: 1)
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(!GLPKSolver().writeMPS(m, to: dir.appendingPathComponent("m.mps").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("a solver without programs of its own has GLPK's")
    func fallbackBackend() {
        struct NoPrograms: MIPSolver {
            var name: String { "none" }
            func solve(_ model: LinearModel, options: MIPOptions) throws(ModelError) -> MIPResult {
                throw .backend("no solver")
            }
        }
        #expect(NoPrograms().linearPrograms is GLPKSolver)
        #expect(GLPKSolver().linearPrograms is GLPKSolver)
    }

    @Test("dumpMPSDirectory: one model per level, the levels above held by their rows")
    func plannerDumpsEachLevel() throws {
        let (c, _) = try CaseReader.read(
            file: PackageTree.root.appendingPathComponent("Data/tiny/lexicographic.json").path)
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var o = PlanOptions()
        o.dumpMPSDirectory = dir.path
        let dumped = try Planner().plan(c, options: o).schedule
        #expect(dumped.levels == (try Planner().plan(c, options: PlanOptions()).schedule.levels))
        let held = ["level_oncall", "level_urgent", "level_high"]
        for k in 1...4 {
            let text = try String(contentsOfFile: dir.appendingPathComponent("stage\(k).mps").path, encoding: .utf8)
            for (i, row) in held.enumerated() { #expect(text.contains(row) == (i < k - 1), "stage\(k): \(row)") }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("stage5.mps").path))
    }
}
