import Foundation
import LinearProgramming
import ReliefCore
import ReliefPlanning
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// `relief export CASE --dat FILE.dat`: the case as data for `Models/relief.mod`;
/// `relief export CASE --mps DIR`: each level's model as the planner solves it, for peers.
public enum ExportService {
    public struct Request: Sendable {
        public var input: CaseInput
        public var dat: String?
        public var mps: String?
        public var timeLimit: Double = 60

        public init(input: CaseInput, dat: String?, mps: String?) {
            self.input = input
            self.dat = dat
            self.mps = mps
        }
    }

    /// Runs what the request asks: the data file, the level models, or both.
    public static func run(_ r: Request) throws(ServiceError) -> [String] {
        var lines: [String] = []
        if let dat = r.dat { lines.append(try export(r.input, dat: dat).line) }
        if let dir = r.mps { lines.append(try exportMPS(r.input, directory: dir, timeLimit: r.timeLimit).line) }
        return lines
    }

    /// Writes the data file atomically; refuses a `--dat` that is the case itself (exit 64).
    public static func export(_ input: CaseInput, dat: String) throws(ServiceError) -> ExportReport {
        try FileIdentity.refuseOverwriting(input, with: dat, option: "--dat")
        let (c, _) = try CaseLoader.load(input)
        let cm = CompactModel(PlanningIndex(c))
        let text: String
        do { text = try MathProgData.text(cm) } catch {
            throw .badData(
                InputError(
                    .theCase, file: input.description,
                    diagnostics: [
                        Diagnostic(
                            .error, "$", "cannot be written as MathProg data: \(error)",
                            fix: "relief validate lists the case's problems")
                    ]))
        }
        try AtomicFile.write(text, to: dat)
        return ExportReport(datPath: dat, pairs: cm.x.count + cm.y.count)
    }

    /// The manifest's name inside `--mps DIR`.
    public static let manifestName = "manifest.json"
    public static let manifestFormat = "relief.mps-manifest/1"

    /// Plans the case with `PlanOptions.dumpMPSDirectory` set to `dir` (created 0700 when
    /// missing), so that `DIR/stageK.mps` is exactly level K's model as the planner solves
    /// it: level K's objective (maximise), the levels above held by `level_KEY >= value`
    /// rows at the values relief found. Then writes `DIR/manifest.json` atomically: per level
    /// its key, name, file, direction, relief's value, bound, whether proven, and seconds.
    public static func exportMPS(_ input: CaseInput, directory dir: String, timeLimit: Double) throws(ServiceError)
        -> MPSExportReport
    {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .cannotWrite(
                    path: dir, reason: "it is not a directory; give a folder for the models (created if missing)")
            }
        }
        let checked = try CaseLoader.checked(input)
        let c = checked.theCase
        if !isDirectory.boolValue && mkdir(dir, 0o700) != 0 {
            throw .cannotWrite(
                path: dir,
                reason: "cannot create the folder: \(String(cString: strerror(errno))); create its parent first")
        }
        var options = PlanOptions()
        options.timeLimit = timeLimit
        options.dumpMPSDirectory = dir
        let result = try PlanService().solve(checked, options: options, file: input.description)
        let stats = SolveStats(result, levels: options.levels)
        var levels: [JSONValue] = []
        for (k, l) in stats.levels.enumerated() {
            guard case .object(var m) = l.json else { continue }
            let held = stats.levels[0..<k].map { h -> JSONValue in
                .object([("row", .string("level_\(h.key)")), ("atLeast", .number(Double(h.value)))])
            }
            m.insert(("level", .number(Double(k + 1))), at: 0)
            m.insert(contentsOf: [("file", .string(stageFile(k))), ("direction", .string("maximize"))], at: 3)
            m.append(("held", .array(held)))
            levels.append(.object(m))
        }
        guard case .object(var summary) = stats.json else { throw .internalError("solve statistics are not an object") }
        summary.removeAll { $0.0 == "levels" }
        let manifest = JSONValue.object(
            [
                ("format", .string(manifestFormat)), ("case", .string(c.name)),
                ("relief", .string(ReliefVersion.current)), ("solver", .string(GLPKSolver().name)),
                ("timeLimit", .number(timeLimit)),
            ] + summary + [("levels", .array(levels))])
        try AtomicFile.write(manifest.serialized(), to: "\(dir)/\(manifestName)")
        return MPSExportReport(directory: dir, stats: stats)
    }

    /// Level k's (0-based) model file, as the planner names it.
    public static func stageFile(_ k: Int) -> String { "stage\(k + 1).mps" }
}

public struct ExportReport: Sendable {
    public var datPath: String
    public var pairs: Int

    public var line: String {
        let d = TerminalText.safe(datPath)
        return
            "\(d): data for Models/relief.mod, \(pairs) eligible pairs; solve with glpsol -m Models/relief.mod -d \(d)"
    }
}

public struct MPSExportReport: Sendable {
    public var directory: String
    public var stats: SolveStats

    public var line: String {
        let d = TerminalText.safe(directory)
        let n = stats.levels.count
        return "\(d): \(n) level models (stage1.mps to stage\(n).mps, maximise) and \(ExportService.manifestName); "
            + "relief: \(stats.status) in \(String(format: "%.2f", stats.seconds)) s; "
            + "compare with other solvers: python3 Models/peers.py \(d)"
    }
}
