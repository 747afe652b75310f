import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What asks the daemon to stop, injected (`WatchRequest.stopSource`): the process's signals
/// (`ProcessStopSignals`), or a test (`ManualStopSource`).
public protocol StopSource: Sendable {
    /// From now on, each stop request calls `handler` with what asked (a signal's name), on
    /// any thread, as many times as it is asked.
    func install(_ handler: @escaping @Sendable (_ reason: String) -> Void)
}

/// SIGTERM, SIGINT and SIGHUP, watched by Dispatch sources on a queue of their own. SIGHUP
/// (the terminal closed) stops cleanly too, unless it was ignored at start (`nohup`). The
/// sources live as long as this value.
public final class ProcessStopSignals: StopSource {
    private let sources = Mutex(Sources())

    /// Dispatch sources are not Sendable; they are only touched under the mutex.
    private struct Sources: @unchecked Sendable {
        var list: [any DispatchSourceSignal] = []
    }

    public init() {}

    public func install(_ handler: @escaping @Sendable (_ reason: String) -> Void) {
        let q = DispatchQueue(label: "relief.watch.signals")
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            let previous = signal(sig, SIG_IGN)
            if sig == SIGHUP && StopSignals.isIgnore(previous) { continue }
            let s = DispatchSource.makeSignalSource(signal: sig, queue: q)
            s.setEventHandler { handler(StopSignals.name(sig)) }
            s.resume()
            sources.withLock { $0.list.append(s) }
        }
    }
}

/// A stop asked by a test (`stop`). A request made before the daemon installs its handler
/// is delivered when it does.
public final class ManualStopSource: StopSource {
    private struct State {
        var handler: (@Sendable (String) -> Void)?
        var pending: [String] = []
    }
    private let state = Mutex(State())

    public init() {}

    public func install(_ handler: @escaping @Sendable (_ reason: String) -> Void) {
        let pending = state.withLock { s in
            s.handler = handler
            defer { s.pending = [] }
            return s.pending
        }
        for reason in pending { handler(reason) }
    }

    /// Asks the daemon to stop, as a signal named `reason` would.
    public func stop(_ reason: String = "stop requested") {
        let handler = state.withLock {
            if $0.handler == nil { $0.pending.append(reason) }
            return $0.handler
        }
        handler?(reason)
    }
}
