import Foundation
import ReliefCore
import ReliefFormulation
import ReliefService

#if canImport(Glibc)
    import Glibc
#endif

/// `relief bench`: solve times, model sizes and peak memory on generated cases
/// of given sizes (and on case files), as a table for the README.
enum BenchCommand {
    static func run(_ args: ArraySlice<String>) -> Int32 {
        let a = Arguments(args, valued: ["--sizes", "--seed", "--time-limit"], flags: [])
        let sizes = (a.options["--sizes"] ?? "35x250,60x300,140x1000").split(separator: ",").map { part -> (Int, Int) in
            let p = part.split(separator: "x").compactMap { Int($0) }
            guard p.count == 2, p[0] > 0, p[1] > 0 else {
                fail("relief bench: --sizes takes SITTERSxVISITS,... (e.g. 60x300)", .usage)
            }
            return (p[0], p[1])
        }
        let seed = UInt64(a.int("--seed") ?? 1)
        var options = PlanOptions()
        options.timeLimit = a.double("--time-limit") ?? 60
        var cases: [(String, Case)] = []
        for path in a.positionals {
            do { cases.append((path, try CaseLoader.load(path).0)) } catch { fail(error) }
        }
        if a.positionals.isEmpty {
            for (s, v) in sizes {
                var o = CaseGenerator.Options()
                o.sitters = s
                o.visits = v
                o.seed = seed
                cases.append(("generated \(s)x\(v) seed \(seed)", CaseGenerator.generate(o)))
            }
        }
        print(
            "| case | sitters | visits | rows | columns | non-zeros | levels 1-4 (s) | level 5 (s) | total (s) | status | levels | peak RSS (MiB) |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for (name, c) in cases {
            let start = Date()
            let r: PlanResult
            do { r = try PlanService().solve(c, options: options, file: name) } catch { fail(error) }
            let total = Date().timeIntervalSince(start)
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            let st = r.stageSeconds
            let levels = st.prefix(4).map { String(format: "%.2f", $0) }.joined(separator: " / ")
            let q = st.count > 4 ? String(format: "%.2f", st[4]) : "-"
            let m = r.modelStats
            let s = r.schedule
            let gap = s.status == .optimal ? "" : String(format: " (gap %.1f %%)", s.solver.gap * 100)
            print(
                "| \(name) | \(c.sitters.count) | \(c.visits.count) | \(m.rows) | \(m.columns) | \(m.nonZeros) | \(levels) | \(q) | \(String(format: "%.2f", total)) | \(s.status.rawValue)\(gap) | \(s.levels.vector.map(String.init).joined(separator: ", ")) | \(usage.ru_maxrss / 1024) |"
            )
        }
        return 0
    }
}
