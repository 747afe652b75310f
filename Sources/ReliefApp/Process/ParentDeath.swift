import CProcessControl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A solve child dies with the daemon that started it. The daemon names itself in
/// `RELIEF_PARENT_PID`; the child asks the kernel for SIGKILL when its parent dies
/// (`PR_SET_PDEATHSIG`) and, if the parent is already gone (it died between the
/// spawn and this call), stops at once. So a `kill -9` of the daemon never leaves a
/// solve running beside the next daemon, writing into its `staging/`.
public enum ParentDeath {
    public static let variable = "RELIEF_PARENT_PID"

    /// Called first thing by the `relief` executable. Exits 75 when the parent named is gone.
    public static func armFromEnvironment() {
        guard let v = getenv(variable), let parent = Int32(String(cString: v)), parent > 1 else { return }
        unsetenv(variable)  // not passed on to anything this process starts
        _ = relief_set_parent_death_signal(SIGKILL)
        if getppid() != parent { exit(ExitCode.tempFail.rawValue) }
    }
}
