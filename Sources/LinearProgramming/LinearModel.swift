/// A solver-neutral mixed-integer linear model: named columns and rows, the
/// way a formulation writes them. Backends (GLPK today) load it as is.
public struct LinearModel: Sendable {
    public enum Direction: Sendable { case maximize, minimize }

    public struct Column: Sendable {
        public var name: String
        public var lower: Double
        public var upper: Double
        public var objective: Double
        public var isInteger: Bool
    }

    public struct Row: Sendable {
        public var name: String
        public var lower: Double
        public var upper: Double
        public var entries: [(column: Int, value: Double)]
    }

    public var name: String
    public var direction: Direction
    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []
    public var objectiveConstant: Double = 0

    public init(name: String, direction: Direction = .maximize) {
        self.name = name
        self.direction = direction
    }

    public var nonZeros: Int { rows.reduce(0) { $0 + $1.entries.count } }

    @discardableResult
    public mutating func addColumn(
        _ name: String, lower: Double = 0, upper: Double = 1, objective: Double = 0, integer: Bool = true
    ) -> Int {
        columns.append(Column(name: name, lower: lower, upper: upper, objective: objective, isInteger: integer))
        return columns.count - 1
    }

    /// Adds `lower <= sum(entries) <= upper`; use `-.infinity` / `.infinity` for a free side.
    @discardableResult
    public mutating func addRow(
        _ name: String, _ entries: [(column: Int, value: Double)], lower: Double = -.infinity, upper: Double = .infinity
    ) -> Int {
        rows.append(Row(name: name, lower: lower, upper: upper, entries: entries))
        return rows.count - 1
    }

    public mutating func setObjective(_ column: Int, _ value: Double) { columns[column].objective = value }
    public mutating func setBounds(column: Int, lower: Double, upper: Double) {
        columns[column].lower = lower
        columns[column].upper = upper
    }
    public mutating func clearObjective() {
        for i in columns.indices { columns[i].objective = 0 }
        objectiveConstant = 0
    }

    /// The model over `free` columns only, every other column held at its value
    /// in `point`: rows that touch a free column keep those entries, with the held
    /// columns' part moved into their bounds; rows that touch none are dropped
    /// (the point is taken to satisfy them). Column `i` of the result is
    /// `free[i]` of this model. `rowsOf` (column -> rows touching it, from
    /// `rowsByColumn()`) saves a pass over every row.
    public func restricted(to free: [Int], at point: [Double], rowsOf: [[Int]]? = nil) -> LinearModel {
        var sub = LinearModel(name: name + "-part", direction: direction)
        var position = [Int: Int](minimumCapacity: free.count)
        for j in free {
            let c = columns[j]
            position[j] = sub.addColumn(
                c.name, lower: c.lower, upper: c.upper, objective: c.objective, integer: c.isInteger)
        }
        var touched: [Int]
        if let rowsOf {
            var seen = Set<Int>()
            for j in free { for r in rowsOf[j] { seen.insert(r) } }
            touched = seen.sorted()
        } else {
            touched = rows.indices.filter { r in rows[r].entries.contains { position[$0.column] != nil } }
        }
        var constant = objectiveConstant
        for (j, c) in columns.enumerated() where position[j] == nil && c.objective != 0 {
            constant += c.objective * point[j]
        }
        sub.objectiveConstant = constant
        for r in touched {
            let row = rows[r]
            var held = 0.0
            var entries: [(column: Int, value: Double)] = []
            for e in row.entries {
                if let k = position[e.column] {
                    entries.append((k, e.value))
                } else {
                    held += e.value * point[e.column]
                }
            }
            sub.addRow(row.name, entries, lower: row.lower - held, upper: row.upper - held)
        }
        return sub
    }

    /// For each column, the rows it appears in.
    public func rowsByColumn() -> [[Int]] {
        var out = [[Int]](repeating: [], count: columns.count)
        for (r, row) in rows.enumerated() { for e in row.entries { out[e.column].append(r) } }
        return out
    }

    /// Objective value of a point.
    public func objective(at x: [Double]) -> Double {
        var z = objectiveConstant
        for (j, c) in columns.enumerated() where c.objective != 0 { z += c.objective * x[j] }
        return z
    }

    /// Checks what a backend would otherwise abort on: indices, duplicate
    /// entries, non-finite numbers, inverted bounds, over-long names.
    public func validate() throws(ModelError) {
        for (j, c) in columns.enumerated() {
            guard c.name.utf8.count < 256 else { throw .invalid("column \(j) name longer than 255 bytes") }
            guard !c.lower.isNaN, !c.upper.isNaN, c.lower <= c.upper, c.objective.isFinite else {
                throw .invalid("column \(c.name) has bad bounds or objective")
            }
        }
        for r in rows {
            guard r.name.utf8.count < 256 else { throw .invalid("row name longer than 255 bytes") }
            guard !r.lower.isNaN, !r.upper.isNaN, r.lower <= r.upper else {
                throw .invalid("row \(r.name) has bad bounds")
            }
            var seen = Set<Int>()
            for e in r.entries {
                guard e.column >= 0, e.column < columns.count else {
                    throw .invalid("row \(r.name) names column \(e.column)")
                }
                guard e.value.isFinite else { throw .invalid("row \(r.name) has a non-finite coefficient") }
                guard seen.insert(e.column).inserted else {
                    throw .invalid("row \(r.name) names column \(columns[e.column].name) twice")
                }
            }
        }
    }

    /// Name of the worst-violated row or column, for diagnostics.
    public func worstViolation(_ x: [Double]) -> (String, Double) {
        var worst = ("", 0.0)
        for (j, c) in columns.enumerated() where max(c.lower - x[j], x[j] - c.upper) > worst.1 {
            worst = (c.name, max(c.lower - x[j], x[j] - c.upper))
        }
        for r in rows {
            let a = r.entries.reduce(0.0) { $0 + $1.value * x[$1.column] }
            if max(r.lower - a, a - r.upper) > worst.1 { worst = (r.name, max(r.lower - a, a - r.upper)) }
        }
        return worst
    }

    /// A point's worst row or bound violation (0 when feasible).
    public func maxViolation(_ x: [Double]) -> Double {
        var worst = 0.0
        for (j, c) in columns.enumerated() {
            worst = max(worst, c.lower - x[j], x[j] - c.upper)
        }
        for r in rows {
            let a = r.entries.reduce(0.0) { $0 + $1.value * x[$1.column] }
            worst = max(worst, r.lower - a, a - r.upper)
        }
        return worst
    }
}

public enum ModelError: Error, Sendable, CustomStringConvertible {
    case invalid(String)
    case backend(String)
    public var description: String {
        switch self {
        case .invalid(let s): return "invalid model: \(s)"
        case .backend(let s): return "solver failure: \(s)"
        }
    }
}

/// Outcome of a MIP solve. Time-limited answers are results, not errors.
public enum MIPStatus: String, Sendable {
    /// Proven optimal (within the integral-objective rule when asked).
    case optimal
    /// A feasible point, not proven optimal (time limit).
    case feasible
    case infeasible
    /// Stopped (time limit) before any feasible point.
    case noSolution = "no-solution"
    case unbounded
}

public struct MIPResult: Sendable {
    public var status: MIPStatus
    public var objective: Double
    /// Best bound known when the solve ended (the objective when optimal).
    public var bound: Double
    public var values: [Double]
    public var seconds: Double
    /// Why the search ended before its proof (node limit, wall clock, cancellation); nil otherwise.
    public var stoppedBy: StopReason?
    /// Simplex iterations and branch-and-bound nodes used (the work done).
    public var iterations = 0
    public var nodes = 0
    public init(
        status: MIPStatus, objective: Double, bound: Double, values: [Double], seconds: Double,
        stoppedBy: StopReason? = nil
    ) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.values = values
        self.seconds = seconds
        self.stoppedBy = stoppedBy
    }
}

/// What a long solve reports while it runs.
public struct MIPProgress: Sendable {
    public var seconds: Double
    public var incumbent: Double?
    public var bound: Double?
    public var gap: Double?
}

public struct MIPOptions: Sendable {
    /// Wall-clock seconds (a cap: the result then depends on timing). `control`'s deadline also applies.
    public var timeLimit: Double = 60
    /// Branch-and-bound nodes (a work limit: the same answer on any machine).
    public var nodeLimit: Int?
    /// Simplex iterations per LP (a work limit).
    public var iterationLimit: Int?
    /// Simplex iterations of the whole branch-and-cut, every node's LP together (a work limit).
    public var iterationBudget: Int?
    /// Cancellation and the solve's overall wall-clock cap.
    public var control = SolveControl()
    public var presolve: Bool = true
    /// GLPK's cut families. All four by default: on relief's models Gomory's
    /// cuts close what MIR and cover leave, and clique cuts suit the
    /// one-sitter-at-a-time rows (Models/README.md has the measurements).
    public var cuts: CutFamilies = .all
    /// Branch on the variable Driebeck and Tomlin's heuristic picks (GLPK's default), or
    /// by pseudo-costs: on a model where the LP bound sits on the target and every
    /// branch keeps it there, pseudo-costs learn which variables move it
    /// (`ColumnBound.proveTarget`: 4 s where the default takes over 60).
    public var pseudoCostBranching = false
    /// A feasible point to start from (switches GLPK's presolver off, as its
    /// heuristic callback needs the original columns).
    public var incumbent: [Double]?
    /// Stop as soon as the bound, rounded down, meets the incumbent: the
    /// objective only takes integer values.
    public var integralObjective: Bool = false
    public var relativeGap: Double = 0
    /// A bound proven elsewhere (e.g. by column generation): stop as soon as the
    /// incumbent reaches it. The result is then `.feasible`; the caller owns the proof.
    public var knownBound: Double?
    public var progress: (@Sendable (MIPProgress) -> Void)?
    public init(timeLimit: Double = 60) { self.timeLimit = timeLimit }
}

/// Families of cutting planes a branch-and-cut may add.
public struct CutFamilies: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Gomory's mixed-integer cuts.
    public static let gomory = CutFamilies(rawValue: 1)
    /// Mixed-integer rounding cuts.
    public static let mir = CutFamilies(rawValue: 2)
    /// Mixed cover cuts.
    public static let cover = CutFamilies(rawValue: 4)
    /// Clique cuts.
    public static let clique = CutFamilies(rawValue: 8)
    public static let all: CutFamilies = [.gomory, .mir, .cover, .clique]
}

/// A MIP backend. Implementations must be safe to call from several threads
/// at once on different models.
public protocol MIPSolver: Sendable {
    var name: String { get }
    func solve(_ model: LinearModel, options: MIPOptions) throws(ModelError) -> MIPResult
}
