import CGLPK
import Foundation

/// The LP: GLPK's simplex and the values of its solution.
extension GLPKProblem {
    /// GLPK's automatic scaling and its advanced (triangular) starting basis, as glpsol does.
    public func prepareColdStart() {
        guard invalid == nil, rowCount > 0, columnCount > 0 else { return }
        glp_scale_prob(prob, GLP_SF_AUTO)
        glp_adv_basis(prob, 0)
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
}
