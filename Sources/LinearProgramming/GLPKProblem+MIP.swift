import CGLPK
import Foundation

/// The MIP: GLPK's branch-and-cut.
extension GLPKProblem {
    /// Branch-and-cut with GLPK, set as this model needs: presolve, the cut
    /// families asked for, a node limit (work) and a time limit (cap), an optional
    /// starting point. A misused problem or a GLPK failure is a typed error.
    public func intopt(options: MIPOptions) throws(ModelError) -> MIPResult {
        if let invalid { throw invalid }
        let start = Date()
        if let why = options.control.stopReason {
            return Self.withoutPoint(.noSolution, bound: .nan, stop: why, since: start)
        }
        let n = columnCount
        // No column: nothing to search, and GLPK's branch-and-cut would abort in its cover-cut
        // generator ("glp_add_cols: ncs = 0").
        if n == 0 { return withoutColumns(start: start) }
        let box = CallbackBox(options: options, start: start, columns: n)
        let seconds = min(options.timeLimit, options.control.secondsLeft)
        var parm = Self.parameters(options, seconds: seconds)
        if usesPresolver(options) {
            parm.presolve = GLP_ON
        } else if let early = try optimalBasis(options, seconds: seconds, start: start) {
            return early
        }
        let rc = branchAndCut(&parm, box: box)
        if box.presolvedWithoutColumns {
            // The presolver left rows but no column (every column fixed, as when locks and the
            // levels above decide everything) and the callback stopped GLPK before its cover-cut
            // generator aborted on it. Cover cuts have nothing to cut there: the same solve
            // without them.
            var again = options
            again.cuts.remove(.cover)
            return try intopt(options: again)
        }
        return try outcome(rc, box: box, options: options, start: start)
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

    /// A result without a point.
    static func withoutPoint(_ status: MIPStatus, bound: Double, stop: StopReason? = nil, since start: Date)
        -> MIPResult
    {
        MIPResult(
            status: status, objective: 0, bound: bound, values: [], seconds: Date().timeIntervalSince(start),
            stoppedBy: stop)
    }

    /// GLPK's branch-and-cut parameters for `options`, `seconds` its time limit.
    static func parameters(_ options: MIPOptions, seconds: Double) -> glp_iocp {
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.tm_lim = Int32(max(0.05, min(seconds, 2_000_000)) * 1000)
        parm.mip_gap = options.relativeGap
        if options.cuts.contains(.gomory) { parm.gmi_cuts = GLP_ON }
        if options.cuts.contains(.mir) { parm.mir_cuts = GLP_ON }
        if options.cuts.contains(.cover) { parm.cov_cuts = GLP_ON }
        if options.cuts.contains(.clique) { parm.clq_cuts = GLP_ON }
        parm.br_tech = options.pseudoCostBranching ? GLP_BR_PCH : GLP_BR_DTH
        parm.bt_tech = GLP_BT_BLB
        return parm
    }

    /// Whether GLPK's MIP presolver runs: asked for, no starting point, and enough free integer columns.
    func usesPresolver(_ options: MIPOptions) -> Bool {
        guard options.presolve && options.incumbent == nil else { return false }
        // A model with few free integer columns does without the presolver (it needs it
        // least). This rule once kept tiny all-locked models away from GLPK 5.0's abort
        // on a presolved model without columns; the callback now guards every size.
        var free = 0
        for j in 1...Int32(columnCount)
        where glp_get_col_kind(prob, j) != GLP_CV && glp_get_col_type(prob, j) != GLP_FX {
            free += 1
        }
        return free >= 50
    }

    /// Without the MIP presolver GLPK needs an optimal LP basis first: the simplex, and
    /// the result when it ends the solve (nil when the branch-and-cut may start).
    func optimalBasis(_ options: MIPOptions, seconds: Double, start: Date) throws(ModelError) -> MIPResult? {
        switch simplex(iterationLimit: options.iterationLimit, control: options.control, timeLimit: seconds) {
        case .optimal: return nil
        case .infeasible: return Self.withoutPoint(.infeasible, bound: 0, since: start)
        case .unbounded: return Self.withoutPoint(.unbounded, bound: 0, since: start)
        case .stopped(let why): return Self.withoutPoint(.noSolution, bound: .nan, stop: why, since: start)
        case .failed(let why): throw .backend(why)
        }
    }

    /// `glp_intopt` with `box` behind its callback; GLPK's return code.
    func branchAndCut(_ parm: inout glp_iocp, box: CallbackBox) -> Int32 {
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        parm.cb_info = unmanaged.toOpaque()
        parm.cb_func = { tree, info in
            guard let tree, let info else { return }
            let box = Unmanaged<CallbackBox>.fromOpaque(info).takeUnretainedValue()
            box.callback(tree)
        }
        box.startIterations = Int(glp_get_it_cnt(prob))
        return glp_intopt(prob, &parm)
    }

    /// The result of a branch-and-cut that returned `rc`: its status, point, bound and work.
    func outcome(_ rc: Int32, box: CallbackBox, options: MIPOptions, start: Date) throws(ModelError) -> MIPResult {
        let st = glp_mip_status(prob)
        let hasPoint = st == GLP_OPT || st == GLP_FEAS
        let values = hasPoint ? (0..<columnCount).map { glp_mip_col_val(prob, Int32($0 + 1)) } : []
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

    /// A column's value at the branch-and-cut's point.
    public func mipValue(_ column: Int) -> Double {
        column >= 0 && column < columnCount ? glp_mip_col_val(prob, Int32(column + 1)) : 0
    }
}
