import Foundation
import ReliefCore
import ReliefFormulation

#if canImport(Glibc)
    import Glibc
#endif

/// `relief bench`: solve times, model sizes and peak memory on case files or on
/// generated cases of given sizes, as rows of a Markdown table.
public enum BenchService {
    public struct Request: Sendable {
        public var inputs: [CaseInput] = []
        public var sizes: [(sitters: Int, visits: Int)] = [(35, 250), (60, 300), (140, 1000)]
        public var seed: UInt64 = 1
        public var timeLimit: Double = 60
    }

    public static let spec = ArgumentSpec(valued: ["--sizes", "--seed", "--time-limit"])

    public static func request(_ arguments: [String]) throws(UsageError) -> Request {
        let a = try ArgumentParser.parse(arguments, spec)
        var r = Request()
        r.inputs = a.positionals.map(CaseInput.init(argument:))
        if r.inputs.filter({ $0 == .standardInput }).count > 1 {
            throw UsageError("standard input (-) can be given once")
        }
        if let s = a.values["--sizes"] { r.sizes = try sizes(s) }
        if let n = try a.count("--seed", in: 0...Int.max) { r.seed = UInt64(n) }
        if let t = try a.seconds("--time-limit") { r.timeLimit = t }
        return r
    }

    /// `35x250,60x300`: sizes within the generator's ranges.
    static func sizes(_ text: String) throws(UsageError) -> [(sitters: Int, visits: Int)] {
        var out: [(sitters: Int, visits: Int)] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let p = part.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
            guard p.count == 2, let s = p[0], let v = p[1] else {
                throw UsageError("--sizes takes SITTERSxVISITS,... (e.g. 60x300), not \(quoted(String(part)))")
            }
            let (sr, vr) = (GenerateService.sitterRange, GenerateService.visitRange)
            guard sr.contains(s), vr.contains(v) else {
                throw UsageError(
                    "--sizes: \(s)x\(v) is out of range: sitters from \(sr.lowerBound) to \(sr.upperBound), visits "
                        + "from \(vr.lowerBound) to \(vr.upperBound)")
            }
            out.append((s, v))
        }
        return out
    }

    /// Solves every case in turn; `row` sees each row as soon as it is measured.
    public static func bench(_ r: Request, row: (BenchRow) -> Void = { _ in }) throws(ServiceError) -> [BenchRow] {
        var cases: [(String, Case)] = []
        for input in r.inputs { cases.append((input.description, try CaseLoader.load(input).0)) }
        if r.inputs.isEmpty {
            for (s, v) in r.sizes {
                var o = CaseGenerator.Options()
                o.sitters = s
                o.visits = v
                o.seed = r.seed
                cases.append(("generated \(s)x\(v) seed \(r.seed)", CaseGenerator.generate(o)))
            }
        }
        var options = PlanOptions()
        options.timeLimit = r.timeLimit
        var rows: [BenchRow] = []
        for (name, c) in cases {
            let start = Date()
            let result = try PlanService().solve(c, options: options, file: name)
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let b = BenchRow(
                name: name, sitters: c.sitters.count, visits: c.visits.count, model: result.modelStats,
                stageSeconds: result.stageSeconds, totalSeconds: Date().timeIntervalSince(start),
                schedule: result.schedule, peakRSSMiB: Int(usage.ru_maxrss / 1024))
            row(b)
            rows.append(b)
        }
        return rows
    }

    public static let header = [
        "| case | sitters | visits | rows | columns | non-zeros | levels 1-4 (s) | level 5 (s) | total (s) | status | levels | peak RSS (MiB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    /// The whole table.
    public static func table(_ rows: [BenchRow]) -> String { (header + rows.map(\.markdown)).joined(separator: "\n") }
}

public struct BenchRow: Sendable {
    public var name: String
    public var sitters: Int
    public var visits: Int
    public var model: ModelStats
    public var stageSeconds: [Double]
    public var totalSeconds: Double
    public var schedule: Schedule
    public var peakRSSMiB: Int

    public var markdown: String {
        let st = stageSeconds
        let levels = st.prefix(4).map { String(format: "%.2f", $0) }.joined(separator: " / ")
        let q = st.count > 4 ? String(format: "%.2f", st[4]) : "-"
        let s = schedule
        let gap = s.status == .optimal ? "" : String(format: " (gap %.1f %%)", s.solver.gap * 100)
        let cells = [
            TerminalText.safe(name), "\(sitters)", "\(visits)", "\(model.rows)", "\(model.columns)",
            "\(model.nonZeros)",
            levels, q, String(format: "%.2f", totalSeconds), s.status.rawValue + gap,
            s.levels.vector.map(String.init).joined(separator: ", "), "\(peakRSSMiB)",
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }
}
