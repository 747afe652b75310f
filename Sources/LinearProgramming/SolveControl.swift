import Foundation
import Synchronization

/// Why a solve stopped before it had finished its own work.
public enum StopReason: String, Sendable, Equatable {
    /// The wall-clock cap (`--time-limit`) ran out: the result depends on timing.
    case timeLimit = "time-limit"
    /// Someone cancelled the solve (a signal, a daemon shutting down).
    case cancelled
    /// A work limit (rounds, iterations, nodes) ended a search before its proof:
    /// reproducible, but not proven.
    case workLimit = "work-limit"
}

/// A flag another thread may raise to stop a solve. The solve checks it in its
/// loops and in GLPK's callback, and returns the best valid answer it has.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func cancel() { flag.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// What may stop a solve from outside its work limits: a wall-clock cap and a
/// cancellation token. Work limits keep a solve reproducible; these two only
/// cut it short, and a solve cut short says so.
public struct SolveControl: Sendable {
    /// The wall-clock instant after which the solve stops, if any.
    public var deadline: Date?
    public var token: CancellationToken?

    public init(deadline: Date? = nil, token: CancellationToken? = nil) {
        self.deadline = deadline
        self.token = token
    }

    /// Why the solve must stop now, or nil to go on.
    public var stopReason: StopReason? {
        if token?.isCancelled == true { return .cancelled }
        if let d = deadline, Date() >= d { return .timeLimit }
        return nil
    }

    public var shouldStop: Bool { stopReason != nil }

    /// Seconds left before the wall-clock cap (a large number when there is none).
    public var secondsLeft: Double {
        guard let d = deadline else { return 1e9 }
        return max(0, d.timeIntervalSinceNow)
    }
}
