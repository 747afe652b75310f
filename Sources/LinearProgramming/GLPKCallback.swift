import CGLPK
import Foundation

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
