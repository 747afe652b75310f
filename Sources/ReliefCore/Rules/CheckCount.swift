import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How many times this process validated a case (`CaseValidator`, one pass over a
/// case however many ways its findings are located) and verified a schedule
/// (`ScheduleVerifier.violations`): what the tests count to hold relief to its rule,
/// **each case validated once, each schedule verified once, per path**.
///
/// "Once per path" means: a case is validated once where it enters a process (read
/// from a file, or built by the process from events or changes), and the result travels
/// with it as a `CheckedCase`, so nothing downstream (the planner, the views) checks
/// it again; a schedule is verified once where it comes from a solver or a file. What a
/// process builds from a checked case by rules that cannot add an error (the published
/// schedule written back as unlocked `assigned`) is not validated again; what can add
/// one (freeze locks) is, once. So `relief plan` validates once and verifies once; a
/// watch round validates the case each event makes and verifies the schedule its child
/// wrote (a child's file is input; the page shows that verified schedule), and the
/// child, a `relief plan`, does its own one and one. An event or scenario change that
/// brings an error also has the case before it validated, once, to tell what it brought.
///
/// With `RELIEF_COUNT_CHECKS=FILE` in the environment (tests only), each pass also
/// appends a line `validation PID` or `verification PID` to FILE as it happens (one
/// `write` with `O_APPEND`, so a daemon and its children can share the file and a
/// process killed mid-round has told what it did).
public enum CheckCount {
    public enum Kind: String, Sendable {
        case validation, verification
    }

    static let validations = Atomic<Int>(0)
    static let verifications = Atomic<Int>(0)
    static let file: String? = getenv("RELIEF_COUNT_CHECKS").map { String(cString: $0) }

    /// The passes of this process so far.
    public static var counts: (validations: Int, verifications: Int) {
        (validations.load(ordering: .relaxed), verifications.load(ordering: .relaxed))
    }

    /// The passes made inside `tallying` (on its task, whatever other tests do meanwhile).
    public final class Tally: Sendable {
        let validationCount = Atomic<Int>(0)
        let verificationCount = Atomic<Int>(0)
        public var validations: Int { validationCount.load(ordering: .relaxed) }
        public var verifications: Int { verificationCount.load(ordering: .relaxed) }
        public init() {}
    }

    @TaskLocal static var tally: Tally?

    /// Runs `body` and returns what it returns with the passes it made (on this task).
    public static func tallying<T>(_ body: () throws -> T) rethrows -> (T, Tally) {
        let t = Tally()
        let value = try $tally.withValue(t) { try body() }
        return (value, t)
    }

    /// One pass of `kind`: counted, and told to `RELIEF_COUNT_CHECKS`'s file when set.
    static func count(_ kind: Kind) {
        switch kind {
        case .validation:
            validations.add(1, ordering: .relaxed)
            tally?.validationCount.add(1, ordering: .relaxed)
        case .verification:
            verifications.add(1, ordering: .relaxed)
            tally?.verificationCount.add(1, ordering: .relaxed)
        }
        guard let file, !file.isEmpty else { return }
        let fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let line = Array("\(kind.rawValue) \(getpid())\n".utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}
