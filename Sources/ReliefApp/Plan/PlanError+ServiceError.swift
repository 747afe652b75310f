import ReliefCore
import ReliefPlanning

extension ServiceError {
    /// The one mapping of the planner's errors, for `plan`, `whatif --min-staff` and every other
    /// solve: a locked set that breaks a hard rule is bad data (65), like any invalid case; a
    /// solve stopped, or out of time before any schedule keeping the locks, may work again (75).
    public init(_ error: PlanError, file: String) {
        switch error {
        case .noStartingPoint, .cancelled:
            self = .tryAgain(error.description)
        case .cannotWrite(let path):
            self = .cannotWrite(path: path, reason: "the folder is missing or not writable")
        case .invalidCase(let diagnostics):
            self = .badData(InputError(.theCase, file: file, diagnostics: diagnostics))
        case .lockedInfeasible:
            self = .badData(
                InputError(
                    .theCase, file: file,
                    diagnostics: [
                        Diagnostic(
                            .error, "$.visits", error.description,
                            fix: "unlock some visits (relief validate lists the locks)")
                    ]))
        }
    }
}
