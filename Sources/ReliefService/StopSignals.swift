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

/// SIGTERM and SIGINT during `relief plan`. The signals are ignored as such and
/// watched by Dispatch sources on a background queue while the solve runs on the
/// calling thread. The first one cancels the solve through `token` (the planner
/// returns the best valid schedule it has, which is still written atomically);
/// a second one removes any temporary file being written and ends the process
/// at once with the signal's default action (so the shell sees 128 + signal).
public final class StopSignals: Sendable {
    public let token = CancellationToken()
    private let first = Atomic<Int32>(0)
    private let sources = Mutex(Sources())

    /// Dispatch sources are not Sendable; they are only touched under the mutex.
    private struct Sources: @unchecked Sendable {
        var list: [any DispatchSourceSignal] = []
    }

    /// Installs the handling; `notice` is called once, with the signal's name, on the first signal.
    public init(
        signals: [Int32] = [SIGTERM, SIGINT], notice: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        let queue = DispatchQueue(label: "relief.signals")
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [self] in
                if first.compareExchange(expected: 0, desired: sig, ordering: .relaxed).exchanged {
                    token.cancel()
                    notice(StopSignals.name(sig))
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

    public static func name(_ sig: Int32) -> String {
        switch sig {
        case SIGTERM: return "SIGTERM"
        case SIGINT: return "SIGINT"
        default: return "signal \(sig)"
        }
    }
}
