import Foundation
import ReliefCore
import ReliefPlanning
import ReliefRender

/// `relief bench-smptsp DIR [--reference CSV] [--time-limit S] [-o FILE.md] [--only N]`:
/// the minimum headcount of every SMPTSP instance of a folder against the known optima.
public enum BenchSMPTSPService {
    public struct Request: Sendable, Equatable {
        public var directory: String
        public var reference: String?
        public var timeLimit: Double = 20
        public var output: String?
        public var only: Int?

        public init(directory: String) { self.directory = directory }
    }

    /// Known optima by file name: the reference CSV's lower bound where its status says optimal.
    static func knownOptima(_ path: String) throws(ServiceError) -> [String: Int] {
        let data = try InputData.read(.file(path))
        var out: [String: Int] = [:]
        for line in (String(data: data, encoding: .utf8) ?? "").split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 7, f[6].hasPrefix("optimal"), let lb = Int(f[4]) else { continue }
            out[f[1]] = lb
        }
        return out
    }

    public static func run(_ r: Request, progress: @escaping @Sendable (String) -> Void) throws(ServiceError) -> String
    {
        let known = try r.reference.map { (p: String) throws(ServiceError) in try knownOptima(p) } ?? [:]
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: r.directory).filter { $0.hasSuffix(".dat") }
        } catch {
            throw .noInput("\(r.directory): cannot list the folder")
        }
        // Smallest first: tasks, then workers, as the file names say (data_<id>_<workers>_<tasks>_...).
        func size(_ n: String) -> (Int, Int, String) {
            let p = n.split(separator: "_")
            return (p.count > 3 ? Int(p[3]) ?? 0 : 0, p.count > 2 ? Int(p[2]) ?? 0 : 0, n)
        }
        var files = names.sorted { size($0) < size($1) }
        if let n = r.only { files = Array(files.prefix(n)) }
        var rows = [
            "| instance | tasks | workers | known optimum | relief | lower bound | status | s |",
            "|---|---|---|---|---|---|---|---|",
        ]
        var proven = 0
        var reached = 0
        var withKnown = 0
        var total = 0.0
        for (i, name) in files.enumerated() {
            let checked = try ImportSMPTSPService.checked(.file(r.directory + "/" + name))
            let c = checked.theCase
            let start = Date()
            let result = try MinStaffService.solve(checked, timeLimit: r.timeLimit)
            let s = Date().timeIntervalSince(start)
            total += s
            let k = known[name]
            if result.isOptimal { proven += 1 }
            if let k {
                withKnown += 1
                if result.count == k { reached += 1 }
            }
            let st = MinStaffService.status(result)
            rows.append(
                "| \(name) | \(c.visits.count) | \(c.sitters.count) | \(k.map(String.init) ?? "") | \(result.count) | \(result.lowerBound) | \(st) | \(String(format: "%.1f", s)) |"
            )
            progress(
                "bench-smptsp: \(i + 1)/\(files.count) \(name): \(result.count) (bound \(result.lowerBound), known \(k.map(String.init) ?? "-")) in \(String(format: "%.1f", s)) s"
            )
        }
        var out = rows.joined(separator: "\n") + "\n\n"
        out +=
            "\(files.count) instances, time limit \(r.timeLimit) s each: optimal proven \(proven) / known optimum reached \(reached) (of \(withKnown) with a known optimum) / total \(files.count); \(String(format: "%.0f", total)) s in all.\n"
        if let o = r.output {
            try AtomicFile.write(out, to: o)
            return
                "\(TerminalText.safe(o)): \(files.count) instances; optimal proven \(proven) / known optimum reached \(reached) / total \(files.count)\n"
        }
        return out
    }
}
