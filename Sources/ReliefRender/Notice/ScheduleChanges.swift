import Foundation
import ReliefCore

/// Whom to phone after a re-plan: each sitter whose week changed, each family
/// visit whose sitters, time or existence changed. Ids and local times only; the
/// names are added by `json` and `text` (the notice), never by anything logged.
public struct ScheduleChanges: Sendable, Equatable {
    /// A visit or an on-call shift in one sitter's week, with its local start and
    /// end (in its case's time zone; nil when no case knows it).
    public struct Item: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case visit
            case onCall = "on-call"
        }
        public var kind: Kind
        public var id: String
        public var start: WallTime?
        public var end: WallTime?
        /// The visit's family (nil for a shift).
        public var family: String?
        /// For a removed item: the visit or shift is gone from the new case.
        public var cancelled: Bool

        public init(
            kind: Kind, id: String, start: WallTime?, end: WallTime?, family: String? = nil, cancelled: Bool = false
        ) {
            self.kind = kind
            self.id = id
            self.start = start
            self.end = end
            self.family = family
            self.cancelled = cancelled
        }
    }

    /// The same visit or shift, still the sitter's, at another time.
    public struct Moved: Sendable, Equatable {
        public var kind: Item.Kind
        public var id: String
        public var family: String?
        public var oldStart: WallTime
        public var oldEnd: WallTime
        public var newStart: WallTime
        public var newEnd: WallTime

        public init(
            kind: Item.Kind, id: String, family: String? = nil, oldStart: WallTime, oldEnd: WallTime,
            newStart: WallTime, newEnd: WallTime
        ) {
            self.kind = kind
            self.id = id
            self.family = family
            self.oldStart = oldStart
            self.oldEnd = oldEnd
            self.newStart = newStart
            self.newEnd = newEnd
        }
    }

    /// One sitter's changed week; each list in time order.
    public struct SitterChange: Sendable, Equatable {
        public var sitter: String
        public var added: [Item]
        public var removed: [Item]
        public var moved: [Moved]

        public init(sitter: String, added: [Item] = [], removed: [Item] = [], moved: [Moved] = []) {
            self.sitter = sitter
            self.added = added
            self.removed = removed
            self.moved = moved
        }
    }

    /// One visit of a family that changed.
    public struct FamilyChange: Sendable, Equatable {
        public var family: String
        public var visit: String
        /// Sitters before and after, sorted by id.
        public var before: [String]
        public var after: [String]
        public var timeChanged: Bool
        /// In the old case, not in the new one.
        public var cancelled: Bool
        /// In the new case, not in the old one (or no old schedule at all).
        public var requested: Bool
        /// The visit's local time: the new one, or the old one for a cancelled visit.
        public var start: WallTime?
        public var end: WallTime?
        /// The old local time when `timeChanged`.
        public var previousStart: WallTime?
        public var previousEnd: WallTime?

        public init(
            family: String, visit: String, before: [String], after: [String], timeChanged: Bool = false,
            cancelled: Bool = false, requested: Bool = false, start: WallTime?, end: WallTime?,
            previousStart: WallTime? = nil, previousEnd: WallTime? = nil
        ) {
            self.family = family
            self.visit = visit
            self.before = before
            self.after = after
            self.timeChanged = timeChanged
            self.cancelled = cancelled
            self.requested = requested
            self.start = start
            self.end = end
            self.previousStart = previousStart
            self.previousEnd = previousEnd
        }

        public var sittersChanged: Bool { before != after }
    }

    /// Sorted by sitter id; only sitters whose week changed.
    public var sitters: [SitterChange]
    /// Sorted by family id, then visit start; only visits whose sitters, time or existence changed.
    public var families: [FamilyChange]
    /// On-call gaps opened or closed, then urgent visits lost or gained: what the notice says first.
    public var coverage: [CoverageChange]

    public init(sitters: [SitterChange] = [], families: [FamilyChange] = [], coverage: [CoverageChange] = []) {
        self.sitters = sitters
        self.families = families
        self.coverage = coverage
    }

    public var isEmpty: Bool { sitters.isEmpty && families.isEmpty && coverage.isEmpty }
    /// The ids of the sitters to call, sorted.
    public var changedSitters: [String] { sitters.map(\.sitter) }
    /// The ids of the families to call, sorted, each once.
    public var changedFamilies: [String] {
        var seen = Set<String>()
        return families.map(\.family).filter { seen.insert($0).inserted }
    }
}
