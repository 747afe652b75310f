/// How a simplex ended.
public enum LPStatus: Sendable, Equatable {
    case optimal, infeasible, unbounded
    /// Stopped by the iteration limit, the wall clock or a cancellation.
    case stopped(StopReason)
    /// The backend gave up (numerical trouble, a model refused before the backend saw it).
    case failed(String)
}

/// A linear program kept inside a backend and changed in place, for column
/// generation and for LP relaxations: rows and columns added, bounds and kinds
/// moved, solved again from the last basis, its primal and dual values read.
/// Rows and columns are numbered from 0. A misuse (an index out of range, a
/// non-finite number, a repeated row) is not an abort: the call is skipped,
/// `invalid` says why, and every later solve reports it. Used on one thread.
public protocol LinearProgram: AnyObject {
    var rowCount: Int { get }
    var columnCount: Int { get }
    /// The first misuse of the calls below, if any.
    var invalid: ModelError? { get }

    /// Adds a row with no entries yet; returns its index.
    @discardableResult func addRow(name: String, lower: Double, upper: Double) -> Int
    func setRowBounds(_ row: Int, lower: Double, upper: Double)
    /// Adds a column with its entries (row indices, each once); returns its index, -1 when refused.
    @discardableResult
    func addColumn(name: String, objective: Double, lower: Double, upper: Double, entries: [(row: Int, value: Double)])
        -> Int
    /// Deletes nonbasic columns; the others keep their order and shift down.
    func deleteColumns(_ columns: [Int])
    func setColumnBounds(_ column: Int, lower: Double, upper: Double)
    func setObjective(_ column: Int, _ value: Double)
    func setInteger(_ column: Int, _ integer: Bool)

    /// The simplex from the current basis (primal, or dual after bound changes).
    /// `iterationLimit` is a work limit; `control` and `timeLimit` cap the wall clock.
    func simplex(dual: Bool, iterationLimit: Int?, control: SolveControl, timeLimit: Double) -> LPStatus
    /// Before a first solve of a whole model from no basis: the backend's scaling and its
    /// advanced starting basis (GLPK: 3.1 s instead of 7.3 s for an M week's compact LP).
    func prepareColdStart()
    /// Branch-and-cut on the program as it stands (integer columns as set).
    func intopt(options: MIPOptions) throws(ModelError) -> MIPResult

    /// The objective, a row's dual, a column's reduced cost and primal value at the last LP solution.
    var lpObjective: Double { get }
    func rowDual(_ row: Int) -> Double
    func columnDual(_ column: Int) -> Double
    func columnPrimal(_ column: Int) -> Double
    func isBasic(_ column: Int) -> Bool

    /// Writes the program in free MPS (for other solvers and benchmarks), atomically:
    /// a reader sees a whole model or none. False when it could not be written.
    func writeMPS(_ path: String) -> Bool
}

extension LinearProgram {
    /// The simplex without a time limit of its own (`control`'s deadline still applies).
    public func simplex(
        dual: Bool = false, iterationLimit: Int? = nil, control: SolveControl = SolveControl()
    ) -> LPStatus {
        simplex(dual: dual, iterationLimit: iterationLimit, control: control, timeLimit: 1e7)
    }
}

/// A backend that keeps linear programs: GLPK (`GLPKSolver`) today.
public protocol LinearProgramBackend: Sendable {
    /// An empty program.
    func program(name: String, direction: LinearModel.Direction) -> any LinearProgram
    /// A program holding `model`, validated first.
    func program(_ model: LinearModel) throws(ModelError) -> any LinearProgram
}

extension LinearProgramBackend {
    /// Writes `model` in free MPS at `path` (see `LinearProgram.writeMPS`); false when
    /// the model is refused or the file cannot be written.
    public func writeMPS(_ model: LinearModel, to path: String) -> Bool {
        (try? program(model).writeMPS(path)) == true
    }
}

extension MIPSolver {
    /// The backend of this solver's linear programs: its own when it keeps them, else GLPK's.
    public var linearPrograms: any LinearProgramBackend { (self as? any LinearProgramBackend) ?? GLPKSolver() }
}
