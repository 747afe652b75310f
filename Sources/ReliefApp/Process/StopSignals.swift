import Dispatch
import Foundation
import LinearProgramming
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The token a solve checks to stop early (from LinearProgramming), so that the
/// executable needs no module but this one.
public typealias CancellationToken = LinearProgramming.CancellationToken

/// SIGTERM, SIGINT and SIGHUP during `relief plan` (and whatif, bench). The signals
/// are ignored as such and watched by Dispatch sources on a background queue while
/// the solve runs on the calling thread. The first one cancels the solve through
/// `token` (the planner returns the best valid schedule it has, which is still written
/// atomically); a second one removes any temporary file being written and ends the
/// process at once with the signal's default action (so the shell sees 128 + signal).
///
/// SIGHUP (the terminal or ssh session closed) is watched like the others, unless it
/// was already ignored when relief started (`nohup relief plan ...`): then it stays ignored.
public final class StopSignals: Sendable {
    public let token = CancellationToken()
    private let first = Atomic<Int32>(0)
    private let sources = Mutex(Sources())

    /// Dispatch sources are not Sendable; they are only touched under the mutex.
    private struct Sources: @unchecked Sendable {
        var list: [any DispatchSourceSignal] = []
    }

    /// Installs the handling; `notice` is called once, with the signal, on the first signal.
    public init(
        signals: [Int32] = [SIGTERM, SIGINT, SIGHUP], notice: @escaping @Sendable (Int32) -> Void = { _ in }
    ) {
        let queue = DispatchQueue(label: "relief.signals")
        for sig in signals {
            let previous = signal(sig, SIG_IGN)
            if sig == SIGHUP && Self.isIgnore(previous) { continue }  // nohup: the user asked to survive a hangup
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                if first.compareExchange(expected: 0, desired: sig, ordering: .relaxed).exchanged {
                    token.cancel()
                    notice(sig)
                } else {
                    StopSignals.stopNow(sig)
                }
            }
            source.resume()
            sources.withLock { $0.list.append(source) }
        }
    }

    /// The first signal received, if any.
    public var received: Int32? {
        let s = first.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    /// Back to the default actions (after the schedule is written).
    public func uninstall() {
        sources.withLock { sources in
            for s in sources.list {
                s.cancel()
                signal(Int32(s.handle), SIG_DFL)
            }
            sources.list.removeAll()
        }
    }

    static func stopNow(_ sig: Int32) -> Never {
        TemporaryFiles.removeAll()
        signal(sig, SIG_DFL)
        kill(getpid(), sig)
        // Should the signal be blocked in this thread, end the process anyway.
        _exit(128 + sig)
    }

    /// Whether a disposition `signal(2)` returned is SIG_IGN.
    static func isIgnore(_ handler: __sighandler_t?) -> Bool {
        guard let handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    public static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        case SIGHUP: return "SIGHUP"
        default: return "signal \(sig)"
        }
    }
}
