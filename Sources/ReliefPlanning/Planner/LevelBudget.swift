import Foundation

/// Each level's share of the wall clock: a level may take its weight's part of the
/// time left when it starts, over the weights of the levels still to come (itself
/// included); the last weighed level, and any level without a weight, gets all that
/// is left. A level that finishes early leaves its time to the next ones. Only the
/// wall clock is cut: a solve that finishes within its work limits gives the same
/// schedule with or without these shares.
///
/// Without shares, on a 400-sitter week level 3 (high slots) took the whole minute
/// and level 4 (normal slots) got 0.04 s (docs/performance.md).
public struct LevelBudget: Sendable, Equatable {
    /// Weight of each level, by key (`PlanningLevel.key`). A level not listed weighs 1
    /// before a listed level (the fair share before the normal slots) and nothing after
    /// the last one (the fair share after them, the published assignments kept): it
    /// gets what the levels before it leave, as before the shares.
    public var weights: [String: Double]
    /// The part of a level's own time that the searches before the column root (ruin and
    /// recreate, the windows) may take on the largest models (`windowsBeforeRootPairs`),
    /// so that the root has the rest.
    public var beforeRoot: Double

    /// Levels 1-3 weigh 1, the normal slots 2 (on a 400-sitter week the high slots reach
    /// their value in their first seconds, the normal slots gain until the end:
    /// docs/performance.md); the searches before the root take half a level's time.
    public static let contract = LevelBudget(
        weights: ["oncall": 1, "urgent": 1, "high": 1, "normal": 2], beforeRoot: 0.5)
    /// No shares: every level may take all the time left.
    public static let none = LevelBudget(weights: [:], beforeRoot: 1)

    public init(weights: [String: Double], beforeRoot: Double) {
        self.weights = weights
        self.beforeRoot = beforeRoot
    }

    /// The part (0...1] of the time left that level `k` of `levels` may take.
    public func share(of k: Int, in levels: [PlanningLevel]) -> Double {
        let last = levels.lastIndex { weights[$0.key] != nil } ?? -1
        let weight = { (j: Int) in self.weights[levels[j].key] ?? (j < last ? 1 : 0) }
        let own = weight(k)
        let rest = levels.indices[k...].reduce(0.0) { $0 + weight($1) }
        guard own > 0, rest > own else { return 1 }
        return own / rest
    }

    /// The deadline of level `k`, starting `now`, when the whole solve ends at `end`
    /// (nil: no wall clock).
    public func deadline(of k: Int, in levels: [PlanningLevel], now: Date, end: Date?) -> Date? {
        guard let end else { return nil }
        let s = share(of: k, in: levels)
        guard s < 1 else { return end }
        return now.addingTimeInterval(max(0, end.timeIntervalSince(now)) * s)
    }
}
