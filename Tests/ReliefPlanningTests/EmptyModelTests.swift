import LinearProgramming
import ReliefCore
import ReliefTestSupport
import Testing

/// Models GLPK would abort the whole process on: no columns at all, or a
/// presolver that leaves rows but removes every column (GLPK 5.0's cover-cut
/// generator then calls `glp_add_cols(…, 0)`: "ncs = 0; invalid number of
/// columns"). Each must solve to a result, never an abort: an abort kills this
/// test process.
@Suite("GLPK: empty and emptied models")
struct EmptyModelTests {
    /// Every way `intopt` may be asked to run.
    static var optionVariants: [MIPOptions] {
        var out: [MIPOptions] = []
        for presolve in [true, false] {
            for cuts: CutFamilies in [.all, [.cover], [.mir, .cover, .clique], []] {
                var o = MIPOptions(timeLimit: 10)
                o.presolve = presolve
                o.cuts = cuts
                out.append(o)
            }
        }
        return out
    }

    /// One week-minutes row (<= 2400) of one sitter: five visits locked on
    /// (1890 minutes, fixed at 1), and `free` visits of 600 minutes each that no
    /// longer fit and score -1. GLPK's presolver fixes the free ones at 0 and
    /// keeps the row without a column; 50 free columns or more keep relief's own
    /// "few free columns: no presolver" rule out of the way.
    static func fullWeek(free: Int) -> LinearModel {
        var m = LinearModel(name: "full-week", direction: .maximize)
        var entries: [(column: Int, value: Double)] = []
        for (i, minutes) in [600.0, 180, 180, 720, 210].enumerated() {
            entries.append((m.addColumn("locked\(i)", lower: 1, upper: 1, objective: 8), minutes))
        }
        for i in 0..<free { entries.append((m.addColumn("free\(i)", objective: -1), 600)) }
        m.addRow("week_minutes", entries, upper: 2400)
        return m
    }

    @Test("a row the presolver empties of columns solves with cover cuts on (GLPK 5.0 aborted)")
    func presolverEmptiesEveryColumn() throws {
        for free in [2, 60] {
            let m = Self.fullWeek(free: free)
            for o in Self.optionVariants {
                let r = try GLPKSolver().solve(m, options: o)
                #expect(r.status == .optimal, "free \(free), presolve \(o.presolve), cuts \(o.cuts.rawValue)")
                #expect(abs(r.objective - 40) < 1e-9)
                #expect(r.values.count == m.columns.count)
                if r.values.count == m.columns.count { #expect(m.maxViolation(r.values) < 1e-9) }
            }
        }
    }

    @Test("a model without columns: feasible rows give the constant, a row that needs 1 is infeasible")
    func noColumns() throws {
        var feasible = LinearModel(name: "no-columns")
        feasible.objectiveConstant = 7
        feasible.addRow("zero", [], lower: 0, upper: 0)
        feasible.addRow("below", [], upper: 3)
        var infeasible = feasible
        infeasible.addRow("needs-one", [], lower: 1)
        let empty = LinearModel(name: "nothing")
        for o in Self.optionVariants {
            var withStart = o
            withStart.incumbent = []
            for options in [o, withStart] {
                let a = try GLPKSolver().solve(feasible, options: options)
                #expect(a.status == .optimal && a.objective == 7 && a.values.isEmpty)
                let b = try GLPKSolver().solve(infeasible, options: options)
                #expect(b.status == .infeasible)
                let c = try GLPKSolver().solve(empty, options: options)
                #expect(c.status == .optimal && c.objective == 0)
                // The same through the problem object, integer or not.
                let p = try GLPKSolver().program(feasible)
                #expect(try p.intopt(options: options).status == .optimal)
                #expect(p.simplex() == .optimal)
                let q = try GLPKSolver().program(infeasible)
                #expect(try q.intopt(options: options).status == .infeasible)
                #expect(q.simplex() == .infeasible)
            }
        }
    }

    @Test("a model without rows solves to its columns' best bounds")
    func noRows() throws {
        var m = LinearModel(name: "no-rows")
        m.addColumn("a", objective: 2)
        m.addColumn("b", objective: -1)
        m.addColumn("c", lower: 1, upper: 1, objective: 3)
        for o in Self.optionVariants {
            let r = try GLPKSolver().solve(m, options: o)
            #expect(r.status == .optimal && abs(r.objective - 5) < 1e-9 && r.values == [1, 0, 1])
        }
    }

    /// Small random models, some columns fixed by their bounds and rows built
    /// around a known point (so each model is feasible); half of them "full":
    /// the free columns are 0 at the point and no row has room left for one, so
    /// GLPK's presolver fixes everything, as locks and held levels do. Every
    /// variant of the options ends optimal at a point that keeps every row, no
    /// worse than the known one. Deterministic (a fixed seed).
    @Test("random models with fixed columns never abort and keep their rows")
    func randomFixedModels() throws {
        var rng = SplitMix64(seed: 0x0E3B_7C01)
        for trial in 0..<60 {
            let full = rng.below(2) == 0
            // 50 free columns or more reach GLPK's presolver (see `fullWeek`).
            let n = rng.below(2) == 0 ? rng.below(12) : 50 + rng.below(60)
            let m = 1 + rng.below(4)
            var model = LinearModel(name: "random-\(trial)", direction: rng.below(2) == 0 ? .maximize : .minimize)
            var point: [Double] = []
            let fixShare = full ? 0.1 : [0.0, 0.5, 0.9, 1.0][rng.below(4)]
            for j in 0..<n {
                let fixed = Double(rng.below(1000)) / 1000 < fixShare
                let x = full && !fixed ? 0 : Double(rng.below(2))
                point.append(x)
                let objective = Double(rng.below(21) - 10)
                model.addColumn("x\(j)", lower: fixed ? x : 0, upper: fixed ? x : 1, objective: objective)
            }
            for i in 0..<m where n > 0 {
                var entries: [(column: Int, value: Double)] = []
                for j in 0..<n where (full && i == 0) || rng.below(3) == 0 {
                    entries.append((j, Double(100 + rng.below(600))))
                }
                let at = entries.reduce(0.0) { $0 + $1.value * point[$1.column] }
                let room = Double(full ? rng.below(100) : rng.below(300))
                model.addRow("r\(i)", entries, lower: rng.below(4) == 0 ? at : -.infinity, upper: at + room)
            }
            for o in Self.optionVariants {
                var withStart = o
                withStart.incumbent = point
                for options in [o, withStart] {
                    let r = try GLPKSolver().solve(model, options: options)
                    #expect(r.status == .optimal, "trial \(trial)")
                    guard r.values.count == n else {
                        Issue.record("trial \(trial): \(r.values.count) values for \(n) columns")
                        continue
                    }
                    #expect(model.maxViolation(r.values) < 1e-6, "trial \(trial)")
                    let known = model.objective(at: point)
                    let better =
                        model.direction == .maximize ? r.objective >= known - 1e-6 : r.objective <= known + 1e-6
                    #expect(better, "trial \(trial): \(r.objective) vs the known point's \(known)")
                }
            }
        }
    }
}
