/// How relief ends, named as in sysexits(3); `relief --help` lists them for people.
public enum ExitCode: Int32, Sendable, CaseIterable {
    /// Done: a schedule written (whatever is unfilled), a case clean, a help text shown.
    case ok = 0
    /// EXIT_FAILURE: a Slurm array task whose solve failed (its reason in `DIR/results/INDEX.error`).
    case failure = 1
    /// EX_USAGE: the command line is wrong.
    case usage = 64
    /// EX_DATAERR: a case, schedule or event breaks the contract, or a locked set cannot be kept.
    case dataErr = 65
    /// EX_NOINPUT: an input file is missing or unreadable.
    case noInput = 66
    /// EX_UNAVAILABLE: a program relief needs (sbatch, a solver) is not there.
    case unavailable = 69
    /// EX_SOFTWARE: relief's own fault.
    case software = 70
    /// EX_CANTCREAT: an output cannot be written; nothing was changed.
    case cantCreate = 73
    /// EX_TEMPFAIL: stopped, out of time before any answer, or busy: the same command may work later.
    case tempFail = 75

    /// A few words for `relief --help` (nil: not one a person meets, such as a Slurm task's).
    public var summary: String? {
        switch self {
        case .ok: return "ok"
        case .failure: return nil
        case .usage: return "usage"
        case .dataErr: return "bad data"
        case .noInput: return "no input"
        case .unavailable: return "unavailable"
        case .software: return "internal"
        case .cantCreate: return "cannot write"
        case .tempFail: return "try again"
        }
    }
}
