import CGLPK
import Foundation

/// Owns one `glp_prob`. Created, used and deleted on one thread (GLPK keeps its
/// environment per thread); never shared across tasks.
public final class GLPKProblem {
    let prob: OpaquePointer
    public private(set) var rowCount: Int = 0
    public private(set) var columnCount: Int = 0

    public init(name: String, direction: LinearModel.Direction) {
        glp_term_out(GLP_OFF)
        prob = glp_create_prob()
        glp_set_prob_name(prob, GLPKProblem.safeName(name))
        glp_set_obj_dir(prob, direction == .maximize ? GLP_MAX : GLP_MIN)
    }

    deinit { glp_delete_prob(prob) }

    /// Loads a whole model (validated first: GLPK aborts the process on bad input).
    public convenience init(model: LinearModel) throws(ModelError) {
        try model.validate()
        self.init(name: model.name, direction: model.direction)
        if !model.rows.isEmpty { glp_add_rows(prob, Int32(model.rows.count)) }
        if !model.columns.isEmpty { glp_add_cols(prob, Int32(model.columns.count)) }
        rowCount = model.rows.count
        columnCount = model.columns.count
        glp_set_obj_coef(prob, 0, model.objectiveConstant)
        for (j, c) in model.columns.enumerated() {
            let jj = Int32(j + 1)
            glp_set_col_name(prob, jj, GLPKProblem.safeName(c.name))
            // Kind first: GLP_BV would reset the bounds to [0, 1] and lose a lock's lower bound.
            if c.isInteger { glp_set_col_kind(prob, jj, GLP_IV) }
            GLPKProblem.setBounds(c.lower, c.upper) { glp_set_col_bnds(prob, jj, $0, $1, $2) }
            glp_set_obj_coef(prob, jj, c.objective)
        }
        var ia: [Int32] = [0]
        var ja: [Int32] = [0]
        var ar: [Double] = [0]
        let nz = model.nonZeros
        ia.reserveCapacity(nz + 1)
        ja.reserveCapacity(nz + 1)
        ar.reserveCapacity(nz + 1)
        for (i, r) in model.rows.enumerated() {
            let ii = Int32(i + 1)
            glp_set_row_name(prob, ii, GLPKProblem.safeName(r.name))
            GLPKProblem.setBounds(r.lower, r.upper) { glp_set_row_bnds(prob, ii, $0, $1, $2) }
            for e in r.entries {
                ia.append(ii)
                ja.append(Int32(e.column + 1))
                ar.append(e.value)
            }
        }
        if nz > 0 { glp_load_matrix(prob, Int32(nz), &ia, &ja, &ar) }
    }

    /// The first misuse found by the incremental calls below (an index out of
    /// range, a non-finite number, a repeated row): the call is skipped instead of
    /// letting GLPK abort the process, and every later solve reports it.
    public private(set) var invalid: ModelError?

    func refuse(_ why: String) {
        if invalid == nil { invalid = .invalid(why) }
    }

    /// A name GLPK accepts: at most 255 bytes, no control characters (GLPK aborts on either).
    static func safeName(_ s: String) -> String {
        var out = ""
        var bytes = 0
        for ch in s.unicodeScalars {
            let c: Unicode.Scalar = ch.value < 32 || ch.value == 127 ? "?" : ch
            let n = String(c).utf8.count
            if bytes + n > 255 { break }
            out.unicodeScalars.append(c)
            bytes += n
        }
        return out
    }

    static func setBounds(_ lo: Double, _ up: Double, _ set: (Int32, Double, Double) -> Void) {
        switch (lo.isFinite, up.isFinite) {
        case (false, false): set(GLP_FR, 0, 0)
        case (true, false): set(GLP_LO, lo, 0)
        case (false, true): set(GLP_UP, 0, up)
        case (true, true): set(lo == up ? GLP_FX : GLP_DB, lo, up)
        }
    }

    // MARK: - Incremental use (column generation)

    /// Adds a row with no entries yet; returns its 0-based index.
    @discardableResult
    public func addRow(name: String, lower: Double, upper: Double) -> Int {
        let i = glp_add_rows(prob, 1)
        glp_set_row_name(prob, i, GLPKProblem.safeName(name))
        GLPKProblem.setBounds(lower, upper) { glp_set_row_bnds(prob, i, $0, $1, $2) }
        rowCount += 1
        return Int(i) - 1
    }

    public func setRowBounds(_ row: Int, lower: Double, upper: Double) {
        guard row >= 0 && row < rowCount, !lower.isNaN, !upper.isNaN, lower <= upper else {
            return refuse("row bounds for row \(row) of \(rowCount): [\(lower), \(upper)]")
        }
        GLPKProblem.setBounds(lower, upper) { glp_set_row_bnds(prob, Int32(row + 1), $0, $1, $2) }
    }

    /// Adds a column with its entries (0-based row indices, each once).
    @discardableResult
    public func addColumn(
        name: String, objective: Double, lower: Double, upper: Double, entries: [(row: Int, value: Double)]
    )
        -> Int
    {
        var seenRows = Set<Int>()
        for e in entries where e.value != 0 {
            guard e.row >= 0 && e.row < rowCount && e.value.isFinite && seenRows.insert(e.row).inserted else {
                refuse("column \(name): entry for row \(e.row) of \(rowCount) (\(e.value)) is out of range or repeated")
                return -1
            }
        }
        guard objective.isFinite, !lower.isNaN, !upper.isNaN, lower <= upper else {
            refuse("column \(name): bad bounds or objective")
            return -1
        }
        let j = glp_add_cols(prob, 1)
        glp_set_col_name(prob, j, GLPKProblem.safeName(name))
        GLPKProblem.setBounds(lower, upper) { glp_set_col_bnds(prob, j, $0, $1, $2) }
        glp_set_obj_coef(prob, j, objective)
        var ind: [Int32] = [0]
        var val: [Double] = [0]
        for e in entries where e.value != 0 {
            ind.append(Int32(e.row + 1))
            val.append(e.value)
        }
        if ind.count > 1 { glp_set_mat_col(prob, j, Int32(ind.count - 1), &ind, &val) }
        columnCount += 1
        return Int(j) - 1
    }

    /// Deletes columns (0-based); the others keep their order and shift down.
    /// Nonbasic columns only, so that the current basis stays valid.
    public func deleteColumns(_ columns: [Int]) {
        guard !columns.isEmpty else { return }
        guard columns.allSatisfy({ $0 >= 0 && $0 < columnCount }) && Set(columns).count == columns.count else {
            return refuse("deleting columns out of range or repeated")
        }
        var num: [Int32] = [0] + columns.sorted().map { Int32($0 + 1) }
        glp_del_cols(prob, Int32(columns.count), &num)
        columnCount -= columns.count
    }

    /// Reduced cost of a column at the last LP solution.
    public func columnDual(_ column: Int) -> Double {
        column >= 0 && column < columnCount ? glp_get_col_dual(prob, Int32(column + 1)) : 0
    }
    public func isBasic(_ column: Int) -> Bool {
        column >= 0 && column < columnCount && glp_get_col_stat(prob, Int32(column + 1)) == GLP_BS
    }

    public func setColumnBounds(_ column: Int, lower: Double, upper: Double) {
        guard column >= 0 && column < columnCount, !lower.isNaN, !upper.isNaN, lower <= upper else {
            return refuse("column bounds for column \(column) of \(columnCount): [\(lower), \(upper)]")
        }
        GLPKProblem.setBounds(lower, upper) { glp_set_col_bnds(prob, Int32(column + 1), $0, $1, $2) }
    }

    public func setObjective(_ column: Int, _ value: Double) {
        guard column >= 0 && column < columnCount, value.isFinite else {
            return refuse("objective of column \(column) of \(columnCount): \(value)")
        }
        glp_set_obj_coef(prob, Int32(column + 1), value)
    }

    public func setInteger(_ column: Int, _ integer: Bool) {
        guard column >= 0 && column < columnCount else { return refuse("kind of column \(column) of \(columnCount)") }
        glp_set_col_kind(prob, Int32(column + 1), integer ? GLP_IV : GLP_CV)
    }

    /// Writes the model in free MPS (for other solvers and benchmarks), atomically: a
    /// temporary file beside `path` (mode 0600), fsync, rename, so that a reader sees a whole
    /// model or none.
    public func writeMPS(_ path: String) -> Bool {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = "\(dir.isEmpty ? "." : dir)/.relief-mps-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        guard glp_write_mps(prob, GLP_MPS_FILE, nil, tmp) == 0 else {
            unlink(tmp)
            return false
        }
        let sync = open(tmp, O_RDONLY | O_CLOEXEC)
        if sync >= 0 {
            fsync(sync)
            close(sync)
        }
        guard rename(tmp, path) == 0 else {
            unlink(tmp)
            return false
        }
        return true
    }

    // MARK: - LP

    public enum LPStatus: Sendable, Equatable {
        case optimal, infeasible, unbounded
        /// Stopped by the iteration limit, the wall clock or a cancellation.
        case stopped(StopReason)
        /// GLPK gave up (numerical trouble, a model refused before GLPK saw it).
        case failed(String)
    }

    /// Primal simplex from the current basis (warm start after added columns).
    /// `iterationLimit` is a work limit (reproducible); `control` a wall-clock cap and cancellation.
    public func simplex(
        dual: Bool = false, iterationLimit: Int? = nil, control: SolveControl = SolveControl(), timeLimit: Double = 1e7
    ) -> LPStatus {
        if let invalid { return .failed(invalid.description) }
        if let why = control.stopReason { return .stopped(why) }
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        // After bound changes the basis stays dual feasible: the dual simplex is the fast way back.
        if dual { parm.meth = GLP_DUALP }
        let seconds = min(timeLimit, control.secondsLeft)
        parm.tm_lim = Int32(max(1, min(seconds, 2_000_000)) * 1000)
        if let n = iterationLimit { parm.it_lim = Int32(clamping: max(1, n)) }
        var rc = glp_simplex(prob, &parm)
        if rc == GLP_EFAIL || rc == GLP_ESING || rc == GLP_ECOND || rc == GLP_EBADB {
            glp_adv_basis(prob, 0)
            rc = glp_simplex(prob, &parm)
        }
        switch rc {
        case 0: break
        case GLP_ETMLIM: return .stopped(control.token?.isCancelled == true ? .cancelled : .timeLimit)
        case GLP_EITLIM: return .stopped(.workLimit)
        case GLP_EOBJLL, GLP_EOBJUL: return .stopped(.workLimit)
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        default: return .failed(GLPKProblem.describe(rc))
        }
        switch glp_get_status(prob) {
        case GLP_OPT: return .optimal
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        default: return .failed("simplex ended without an optimal basis (status \(glp_get_status(prob)))")
        }
    }

    /// A problem without columns: every row's activity is 0, so it is feasible exactly when
    /// every row admits 0, and its objective is the constant. GLPK is not asked.
    func withoutColumns(start: Date) -> MIPResult {
        var feasible = true
        for i in stride(from: 1, through: Int32(rowCount), by: 1) {
            let type = glp_get_row_type(prob, i)
            let lower = type == GLP_LO || type == GLP_DB || type == GLP_FX ? glp_get_row_lb(prob, i) : -Double.infinity
            let upper = type == GLP_UP || type == GLP_DB || type == GLP_FX ? glp_get_row_ub(prob, i) : Double.infinity
            if lower > 1e-9 || upper < -1e-9 { feasible = false }
        }
        let constant = glp_get_obj_coef(prob, 0)
        return MIPResult(
            status: feasible ? .optimal : .infeasible, objective: feasible ? constant : 0,
            bound: feasible ? constant : 0, values: [], seconds: Date().timeIntervalSince(start))
    }

    /// GLPK's return codes, in words.
    static func describe(_ rc: Int32) -> String {
        switch rc {
        case GLP_EBADB: return "invalid initial basis"
        case GLP_ESING: return "singular basis matrix"
        case GLP_ECOND: return "ill-conditioned basis matrix"
        case GLP_EBOUND:
            return
                "incorrect bounds (a double-bounded variable with lower > upper, or a fractional bound on an integer column)"
        case GLP_EFAIL: return "solver failure"
        case GLP_EOBJLL, GLP_EOBJUL: return "objective limit reached"
        case GLP_EITLIM: return "iteration limit reached"
        case GLP_ETMLIM: return "time limit reached"
        case GLP_ENOPFS: return "no primal feasible solution"
        case GLP_ENODFS: return "no dual feasible solution"
        case GLP_EROOT: return "no optimal basis for the root LP"
        case GLP_ESTOP: return "stopped by the application"
        case GLP_EMIPGAP: return "relative gap reached"
        default: return "GLPK return code \(rc)"
        }
    }

    public var lpObjective: Double { glp_get_obj_val(prob) }
    public func rowDual(_ row: Int) -> Double {
        row >= 0 && row < rowCount ? glp_get_row_dual(prob, Int32(row + 1)) : 0
    }
    public func columnPrimal(_ column: Int) -> Double {
        column >= 0 && column < columnCount ? glp_get_col_prim(prob, Int32(column + 1)) : 0
    }
    public func mipValue(_ column: Int) -> Double {
        column >= 0 && column < columnCount ? glp_mip_col_val(prob, Int32(column + 1)) : 0
    }

    // MARK: - MIP

    /// Branch-and-cut with GLPK, set as this model needs: presolve, the cut
    /// families asked for, a node limit (work) and a time limit (cap), an optional
    /// starting point. A misused problem or a GLPK failure is a typed error.
    public func intopt(options: MIPOptions) throws(ModelError) -> MIPResult {
        if let invalid { throw invalid }
        let start = Date()
        func result(_ status: MIPStatus, bound: Double, stop: StopReason? = nil) -> MIPResult {
            MIPResult(
                status: status, objective: 0, bound: bound, values: [], seconds: Date().timeIntervalSince(start),
                stoppedBy: stop)
        }
        if let why = options.control.stopReason { return result(.noSolution, bound: .nan, stop: why) }
        let n = columnCount
        // No column: nothing to search, and GLPK's branch-and-cut would abort in its cover-cut
        // generator ("glp_add_cols: ncs = 0").
        if n == 0 { return withoutColumns(start: start) }
        let box = CallbackBox(options: options, start: start, columns: n)
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        let seconds = min(options.timeLimit, options.control.secondsLeft)
        parm.tm_lim = Int32(max(0.05, min(seconds, 2_000_000)) * 1000)
        parm.mip_gap = options.relativeGap
        if options.cuts.contains(.gomory) { parm.gmi_cuts = GLP_ON }
        if options.cuts.contains(.mir) { parm.mir_cuts = GLP_ON }
        if options.cuts.contains(.cover) { parm.cov_cuts = GLP_ON }
        if options.cuts.contains(.clique) { parm.clq_cuts = GLP_ON }
        parm.br_tech = GLP_BR_DTH
        parm.bt_tech = GLP_BT_BLB
        var usePresolve = options.presolve && options.incumbent == nil
        if usePresolve {
            // A model with few free integer columns does without the presolver (it needs it
            // least). This rule once kept tiny all-locked models away from GLPK 5.0's abort
            // on a presolved model without columns; the callback now guards every size.
            var free = 0
            for j in 1...Int32(n) where glp_get_col_kind(prob, j) != GLP_CV && glp_get_col_type(prob, j) != GLP_FX {
                free += 1
            }
            if free < 50 { usePresolve = false }
        }
        if usePresolve {
            parm.presolve = GLP_ON
        } else {
            // Without the MIP presolver GLPK needs an optimal LP basis first.
            switch simplex(iterationLimit: options.iterationLimit, control: options.control, timeLimit: seconds) {
            case .optimal: break
            case .infeasible: return result(.infeasible, bound: 0)
            case .unbounded: return result(.unbounded, bound: 0)
            case .stopped(let why): return result(.noSolution, bound: .nan, stop: why)
            case .failed(let why): throw .backend(why)
            }
        }
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        parm.cb_info = unmanaged.toOpaque()
        parm.cb_func = { tree, info in
            guard let tree, let info else { return }
            let box = Unmanaged<CallbackBox>.fromOpaque(info).takeUnretainedValue()
            box.callback(tree)
        }
        box.startIterations = Int(glp_get_it_cnt(prob))
        let rc = glp_intopt(prob, &parm)
        if box.presolvedWithoutColumns {
            // The presolver left rows but no column (every column fixed, as when locks and the
            // levels above decide everything) and the callback stopped GLPK before its cover-cut
            // generator aborted on it. Cover cuts have nothing to cut there: the same solve
            // without them.
            var again = options
            again.cuts.remove(.cover)
            return try intopt(options: again)
        }
        let st = glp_mip_status(prob)
        let hasPoint = st == GLP_OPT || st == GLP_FEAS
        let values = hasPoint ? (0..<n).map { glp_mip_col_val(prob, Int32($0 + 1)) } : []
        let obj = hasPoint ? glp_mip_obj_val(prob) : 0
        var stop: StopReason?
        switch rc {
        case GLP_ETMLIM: stop = options.control.token?.isCancelled == true ? .cancelled : .timeLimit
        case GLP_ESTOP: stop = box.stop
        default: break
        }
        let status: MIPStatus
        switch (rc, st) {
        case (0, GLP_OPT): status = .optimal
        case (_, GLP_NOFEAS): status = .infeasible
        case (GLP_ENOPFS, _): status = .infeasible
        case (GLP_ENODFS, _): status = .unbounded
        case (_, GLP_FEAS), (_, GLP_OPT):
            status = box.provenByIntegrality ? .optimal : .feasible
        case (GLP_EBOUND, _), (GLP_EROOT, _), (GLP_EFAIL, _):
            throw .backend(GLPKProblem.describe(rc))
        default: status = .noSolution
        }
        if status == .optimal { stop = nil }
        var bound = status == .optimal ? obj : (box.bound ?? .nan)
        if status == .feasible, bound.isNaN { bound = obj }
        var r = MIPResult(
            status: status, objective: obj, bound: bound, values: values, seconds: Date().timeIntervalSince(start),
            stoppedBy: stop)
        r.iterations = Int(glp_get_it_cnt(prob)) - box.startIterations
        r.nodes = box.nodes
        return r
    }
}

/// State shared with GLPK's C callback.
final class CallbackBox {
    let options: MIPOptions
    let start: Date
    let columns: Int
    var lastReport: Double = 0
    var gaveIncumbent = false
    var bound: Double?
    var provenByIntegrality = false
    /// Why the callback ended the search, when it was not a proof.
    var stop: StopReason?
    var startIterations = 0
    var nodes = 0
    /// The search was stopped because the presolved problem has no column (see `callback`).
    var presolvedWithoutColumns = false

    init(options: MIPOptions, start: Date, columns: Int) {
        self.options = options
        self.start = start
        self.columns = columns
    }

    func callback(_ tree: OpaquePointer) {
        // GLPK 5.0 aborts the process ("glp_add_cols: ncs = 0; invalid number of columns") when
        // its cover-cut generator starts on a problem without columns, which its presolver
        // leaves when it fixes every column but keeps a row. The first call (GLP_ISELECT, before
        // the root node and its cut generators) sees the problem GLPK will search: stop there.
        if options.cuts.contains(.cover), glp_get_num_cols(glp_ios_get_prob(tree)) == 0 {
            presolvedWithoutColumns = true
            glp_ios_terminate(tree)
            return
        }
        let reason = glp_ios_reason(tree)
        if reason == GLP_IHEUR, !gaveIncumbent, let x = options.incumbent, x.count == columns {
            gaveIncumbent = true
            var arr = [0.0] + x
            _ = glp_ios_heur_sol(tree, &arr)
        }
        let prob = glp_ios_get_prob(tree)
        let best = glp_ios_best_node(tree)
        if best != 0 {
            let b = glp_ios_node_bound(tree, best)
            // GLPK reports "no bound yet" as +-DBL_MAX, which is finite.
            if b.isFinite && abs(b) < 1e300 { bound = b }
        }
        let hasIncumbent = glp_mip_status(prob) == GLP_FEAS || glp_mip_status(prob) == GLP_OPT
        let incumbent = hasIncumbent ? glp_mip_obj_val(prob) : nil
        if let kb = options.knownBound, let inc = incumbent {
            let maximize = glp_get_obj_dir(prob) == GLP_MAX
            if maximize ? inc >= kb - 1e-6 : inc <= kb + 1e-6 {
                glp_ios_terminate(tree)
                return
            }
        }
        if options.integralObjective, let inc = incumbent, let b = bound {
            let maximize = glp_get_obj_dir(prob) == GLP_MAX
            let closed = maximize ? (b + 1e-6).rounded(.down) <= inc + 1e-6 : (b - 1e-6).rounded(.up) >= inc - 1e-6
            if closed {
                provenByIntegrality = true
                glp_ios_terminate(tree)
                return
            }
        }
        if let why = options.control.stopReason {
            stop = why
            glp_ios_terminate(tree)
            return
        }
        var active: Int32 = 0
        var current: Int32 = 0
        var total: Int32 = 0
        glp_ios_tree_size(tree, &active, &current, &total)
        nodes = Int(total)
        if let limit = options.nodeLimit, nodes > limit {
            stop = .workLimit
            glp_ios_terminate(tree)
            return
        }
        if let budget = options.iterationBudget, Int(glp_get_it_cnt(prob)) - startIterations > budget {
            stop = .workLimit
            glp_ios_terminate(tree)
            return
        }
        if let progress = options.progress {
            let t = Date().timeIntervalSince(start)
            if t - lastReport >= 1.0 {
                lastReport = t
                var gap: Double?
                if let inc = incumbent, let b = bound { gap = abs(b - inc) / max(1, abs(inc)) }
                progress(MIPProgress(seconds: t, incumbent: incumbent, bound: bound, gap: gap))
            }
        }
    }
}

/// The GLPK backend of `MIPSolver`.
public struct GLPKSolver: MIPSolver {
    public var name: String { "glpk " + String(cString: glp_version()) }
    public init() {}
    public func solve(_ model: LinearModel, options: MIPOptions) throws(ModelError) -> MIPResult {
        let p = try GLPKProblem(model: model)
        if model.columns.allSatisfy({ !$0.isInteger }) {
            let start = Date()
            let st = p.simplex(
                iterationLimit: options.iterationLimit, control: options.control, timeLimit: options.timeLimit)
            let secs = Date().timeIntervalSince(start)
            switch st {
            case .optimal:
                let x = (0..<model.columns.count).map { p.columnPrimal($0) }
                return MIPResult(
                    status: .optimal, objective: p.lpObjective, bound: p.lpObjective, values: x, seconds: secs)
            case .infeasible: return MIPResult(status: .infeasible, objective: 0, bound: 0, values: [], seconds: secs)
            case .unbounded: return MIPResult(status: .unbounded, objective: 0, bound: 0, values: [], seconds: secs)
            case .stopped(let why):
                return MIPResult(
                    status: .noSolution, objective: 0, bound: .nan, values: [], seconds: secs, stoppedBy: why)
            case .failed(let why): throw .backend(why)
            }
        }
        return try p.intopt(options: options)
    }
}
