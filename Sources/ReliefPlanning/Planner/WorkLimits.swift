/// How much work each part of a solve may do, counted in rounds, steps,
/// iterations and nodes rather than seconds, so that a solve that finishes
/// within these limits gives the same schedule on any machine and under any
/// load. The wall-clock `--time-limit` is a separate cap: a solve it cuts
/// short says so (`solver.stoppedBy`).
public struct WorkLimits: Sendable, Equatable {
    /// Column-generation rounds spent proving one level's bound.
    public var boundRounds = 400
    /// From this round on, a proving run prices exactly every `exactPricingEvery`
    /// rounds, so that a slow convergence still leaves a bound behind.
    public var exactPricingFrom = 100
    public var exactPricingEvery = 20
    /// LP re-solves of the dive in the column master, its rounds of column
    /// generation per re-solve, and its backtracks.
    public var diveSteps = 120
    public var diveRoundsPerStep = 40
    public var diveBacktracks = 30
    /// Branch-and-bound nodes of the restricted master MIP.
    public var restrictedMasterNodes = 300
    /// Branch-and-bound nodes and simplex iterations of GLPK on a small model's compact
    /// model with what the column root's duals fix, asked for one more than the best
    /// value (`ColumnBound.proveTarget`).
    public var targetNodes = 3000
    public var targetIterations = 300_000
    /// Branch-and-bound nodes and simplex iterations (all nodes together) of
    /// GLPK's branch-and-cut on the compact model, per level.
    public var branchAndCutNodes = 3000
    public var branchAndCutIterations = 300_000
    /// Simplex iterations of the planner's last branch-and-cut on a level, all
    /// nodes together: with every cut family a node costs more, and where the
    /// presolved branch-and-cut, the column bound and its search have all left
    /// a gap, more nodes rarely close it.
    public var lastCutIterations = 30_000
    /// Branch-and-bound nodes and simplex iterations of the presolved
    /// branch-and-cut a small model gets between its column bound and the
    /// column master's dive.
    public var boundCutNodes = 300
    public var boundCutIterations = 100_000
    /// Branch-and-bound nodes for the starting point when locks alone break a rule.
    public var startNodes = 3000
    /// Branch-and-bound nodes and simplex iterations of level 5 (quality).
    public var qualityNodes = 300
    public var qualityIterations = 100_000
    /// Fix-and-optimise by time window: sitter-item pairs per window, MIPs per
    /// level in all, branch-and-bound nodes of each.
    public var windowColumns = 1000
    public var windowMIPs = 200
    public var windowNodes = 200
    /// Window MIPs in a row without a gain that end a call (on a large week a pass
    /// is thousands of windows, and one that finds nothing early rarely finds
    /// anything later).
    public var windowStall = 50
    /// Ruin-and-recreate steps per level in all, and steps in a row without a gain
    /// that end the search (`RuinRecreate`).
    public var ruinSteps = 100_000
    public var ruinStall = 20_000
    /// Moves tried by the lift of a max-min level (the fair share), per call (`MaxMinLift`).
    public var liftMoves = 3000
    /// Rounds of the lift and GLPK around the families at the minimum, while they raise the level.
    public var liftRounds = 20
    /// Branch-and-bound nodes of the MIP over the column LP's support (large models).
    public var supportNodes = 200
    /// The same after a root that converged: its LP is close to a schedule, and
    /// more nodes there pay (docs/performance.md).
    public var supportNodesConverged = 600
    /// Models with more sitter-item pairs than this run the windows before the
    /// column search; smaller ones after it, when it leaves a gap.
    public var windowsFirstPairs = 5000
    /// Of those, models with more pairs than this run the windows before the column
    /// root (on the largest weeks the root may take all the time); smaller ones go to the
    /// root straight after ruin and recreate (it usually converges quickly there), and run the windows only if the root has not converged after
    /// `pauseRootRounds` rounds, before it goes on.
    public var windowsBeforeRootPairs = 30_000
    public var pauseRootRounds = 30
    /// Incremental re-planning (`PlanOptions.incremental`): neighbourhoods around the change,
    /// each wider than the one before, per level; sitter-item pairs of the first (the next
    /// ones have this many more each); branch-and-bound nodes of each neighbourhood's MIP.
    /// Two rings: on five cancellations in an M week a third (1 800 pairs, the candidates'
    /// whole weeks) found nothing the second had not, and took 1-3 s at the normal slots.
    public var incrementalRings = 2
    public var incrementalPairs = 600
    public var incrementalNodes = 200
    /// Simplex iterations of each of those MIPs, all nodes together (a third ring's MIP at the
    /// normal slots of an M week could otherwise take 9-17 s of its 200 nodes).
    public var incrementalIterations = 20_000
    /// Simplex iterations of one LP solve.
    public var simplexIterations = 500_000

    public init() {}
}
