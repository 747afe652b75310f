import CGLPK
import Foundation

/// The GLPK backend of `MIPSolver` and of `LinearProgramBackend`.
public struct GLPKSolver: MIPSolver, LinearProgramBackend {
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

    public func program(name: String, direction: LinearModel.Direction) -> any LinearProgram {
        GLPKProblem(name: name, direction: direction)
    }

    public func program(_ model: LinearModel) throws(ModelError) -> any LinearProgram {
        try GLPKProblem(model: model)
    }
}
