import Foundation
import ReliefCore

/// "Who could take this visit, and what would it cost?" (`relief.suggest/1`, `people.md`):
/// each sitter who may take the visit, solved with the visit forced on them and compared
/// with the schedule given, ranked; and every sitter left out, with the reasons.
public struct Suggestion: Sendable {
    public static let format = "relief.suggest/1"

    public var caseName: String
    public var visit: String
    /// The levels of the schedule the candidates are compared with (against the case).
    public var base: Levels
    /// Every candidate, best first (`rank`); `top` of them are written.
    public var candidates: [Candidate]
    public var ineligible: [Ineligible]
    /// The sitters left out by each rule of the funnel together, with the rule's one reason (the text's lines).
    public var groups: [Group]
    /// Sitters the schedule already has on the visit (neither candidates nor left out).
    public var onIt: [String]
    public var top: Int

    public init(
        caseName: String, visit: String, base: Levels, candidates: [Candidate], ineligible: [Ineligible],
        groups: [Group] = [], onIt: [String], top: Int
    ) {
        (self.caseName, self.visit, self.base, self.onIt, self.top) = (caseName, visit, base, onIt, top)
        self.groups = groups
        self.candidates = Self.ranked(candidates)
        self.ineligible = ineligible.sorted { $0.sitter < $1.sitter }
    }

    /// The candidates written: the first `top`.
    public var shown: ArraySlice<Candidate> { candidates.prefix(top) }

    public struct Candidate: Sendable, Equatable {
        public var sitter: String
        public var status: Schedule.Status
        public var levels: Levels
        /// The differences from the schedule given, `Move.between`.
        public var moves: [Move]
        /// The visit the candidate is forced onto: its moves are not `changes`.
        public var visit: String

        public init(sitter: String, status: Schedule.Status, levels: Levels, moves: [Move], visit: String) {
            (self.sitter, self.status, self.levels, self.moves, self.visit) = (sitter, status, levels, moves, visit)
        }

        /// Assignments of other visits and of shifts that differ from the schedule given.
        public var changes: Int { moves.filter { !($0.kind == .visit && $0.item == visit) }.count }

        /// `levels` minus `base`, level by level (the fair share too when both have it).
        public func delta(from base: Levels) -> Levels {
            var d = Levels(vector: zip(levels.vector, base.vector).map { $0 - $1 })
            if let a = levels.fairSharePermille, let b = base.fairSharePermille { d.fairSharePermille = a - b }
            return d
        }
    }

    /// One assignment that differs: `sitter` added to or removed from a visit or an on-call shift.
    public struct Move: Sendable, Hashable {
        public enum Kind: String, Sendable { case visit, shift }
        public var kind: Kind
        public var item: String
        public var sitter: String
        public var added: Bool

        public init(kind: Kind, item: String, sitter: String, added: Bool) {
            (self.kind, self.item, self.sitter, self.added) = (kind, item, sitter, added)
        }

        /// Every assignment of `new` that `old` lacks (added) and of `old` that `new` lacks
        /// (removed): visits first, then shifts, each by id, removals first, then by sitter.
        public static func between(_ old: Schedule, _ new: Schedule) -> [Move] {
            func pairs(_ s: Schedule) -> Set<Move> {
                Set(
                    s.assignments.map { Move(kind: .visit, item: $0.visit, sitter: $0.sitter, added: true) }
                        + s.onCall.map { Move(kind: .shift, item: $0.shift, sitter: $0.sitter, added: true) })
            }
            let (was, now) = (pairs(old), pairs(new))
            let moves =
                now.subtracting(was).map { $0 }
                + was.subtracting(now).map { Move(kind: $0.kind, item: $0.item, sitter: $0.sitter, added: false) }
            return moves.sorted {
                ($0.kind == .visit ? 0 : 1, $0.item, $0.added ? 1 : 0, $0.sitter)
                    < ($1.kind == .visit ? 0 : 1, $1.item, $1.added ? 1 : 0, $1.sitter)
            }
        }
    }

    /// A sitter who cannot take the visit: the reasons of the contract (`locked`: eligible on
    /// their own terms, but a lock elsewhere leaves no schedule with them on it; `lock` names it).
    public struct Ineligible: Sendable, Equatable {
        public var sitter: String
        public var reasons: [Reason]
        /// For `locked`: the locked visit in the way (nil when the lock's rule names none).
        public var lock: String?

        public init(sitter: String, reasons: [Reason], lock: String? = nil) {
            (self.sitter, self.reasons, self.lock) = (sitter, reasons, lock)
        }
    }

    /// Sitters one rule of the funnel keeps from the visit, and that rule's reason for them all.
    public struct Group: Sendable, Equatable {
        public var sitters: [String]
        public var reason: Reason

        public init(sitters: [String], reason: Reason) { (self.sitters, self.reason) = (sitters, reason) }
    }

    /// The code of a sitter whose forced solve has no schedule (`people.md`).
    public static let lockedCode = "locked"

    /// Best first: the levels lexicographically (the higher first; the fair share after
    /// levels 1-4 when the case has it), then fewer changes, then sitter id.
    public static func ranked(_ cs: [Candidate]) -> [Candidate] {
        cs.sorted { a, b in
            if a.levels.vector != b.levels.vector { return b.levels.vector.lexicographicallyPrecedes(a.levels.vector) }
            let (fa, fb) = (a.levels.fairSharePermille ?? 0, b.levels.fairSharePermille ?? 0)
            if fa != fb { return fa > fb }
            if a.changes != b.changes { return a.changes < b.changes }
            return a.sitter < b.sitter
        }
    }
}
