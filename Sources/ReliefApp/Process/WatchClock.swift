import Foundation
import ReliefCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's time, injected (`WatchRequest.clock`): the case's now, which the freeze window
/// counts from; the machine's wall clock, which file times are compared with (a hand edit of
/// case.json still being written); and a monotonic count of seconds, for the durations in the
/// log and the delays between rounds. `SystemClock` is the machine's; `ManualClock` stops the
/// case's now where a test (or the hidden `--now`) puts it.
public protocol WatchClock: Sendable {
    /// Now, as an instant of the case's time (the freeze window is counted from it).
    func now() -> Instant
    /// Seconds since the epoch on the machine's wall clock, to compare with a file's times.
    func wallSeconds() -> Double
    /// Seconds on a monotonic clock from an arbitrary origin, for durations and delays.
    func uptime() -> Double
    /// Reads a time given as text in the case's time zone, once the case is known (the
    /// daemon calls it with each case it loads); a clock with no such time does nothing.
    func read(in zone: CaseClock) throws(ServiceError)
}

extension WatchClock {
    public func read(in zone: CaseClock) throws(ServiceError) {}
}

/// The machine's clocks: the real now, the wall clock and `CLOCK_MONOTONIC`.
public struct SystemClock: WatchClock {
    public init() {}

    public func now() -> Instant { Instant(seconds: Int64(wallSeconds())) }

    public func wallSeconds() -> Double { Date().timeIntervalSince1970 }

    public func uptime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

/// A case's now that moves only when told (`set`, `advance`): `--now ISO` and the in-process
/// tests. Only the case's now is manual: file times and delays stay on the machine's clocks
/// (the daemon's waits are real waits).
public final class ManualClock: WatchClock {
    /// Either an instant, or the text of `--now` until the case's time zone reads it.
    private enum Moment {
        case instant(Instant)
        case written(String)
    }
    private let moment: Mutex<Moment>
    private let system = SystemClock()

    public init(_ now: Instant) { moment = Mutex(.instant(now)) }

    /// `--now ISO`: the time is read in the case's time zone when the daemon loads the case.
    public init(written: String) { moment = Mutex(.written(written)) }

    public func set(_ now: Instant) { moment.withLock { $0 = .instant(now) } }

    public func advance(minutes: Int) {
        moment.withLock { $0 = .instant(Self.instant($0).adding(minutes: minutes)) }
    }

    public func now() -> Instant { moment.withLock { Self.instant($0) } }

    public func wallSeconds() -> Double { system.wallSeconds() }

    public func uptime() -> Double { system.uptime() }

    public func read(in zone: CaseClock) throws(ServiceError) {
        let written: String? = moment.withLock {
            if case .written(let text) = $0 { return text }
            return nil
        }
        guard let written else { return }
        guard case .success(let t) = zone.parse(written) else {
            throw .usage("--now \(written) is not an ISO 8601 time (2026-11-24T18:00)")
        }
        set(t)
    }

    private static func instant(_ m: Moment) -> Instant {
        switch m {
        case .instant(let t): return t
        case .written(let text): preconditionFailure("--now \(text) asked for before the case's time zone read it")
        }
    }
}
