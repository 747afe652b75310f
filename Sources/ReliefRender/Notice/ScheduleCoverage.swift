import Foundation
import ReliefCore

extension ScheduleChanges {
    /// A gap opened or closed in the 24/7 on-call line, or an urgent visit lost or gained:
    /// what a notice says first.
    public struct CoverageChange: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case onCall = "on-call"
            case urgent
        }
        public var kind: Kind
        /// The shift or the visit.
        public var id: String
        /// The visit's family (nil for a shift).
        public var family: String?
        public var start: WallTime?
        public var end: WallTime?
        /// People the shift or visit needs (`staff`, `sitters`).
        public var needed: Int
        /// People on it before; nil when there was no previous schedule or it is new.
        public var before: Int?
        public var after: Int

        public init(
            kind: Kind, id: String, family: String? = nil, start: WallTime?, end: WallTime?, needed: Int,
            before: Int?, after: Int
        ) {
            self.kind = kind
            self.id = id
            self.family = family
            self.start = start
            self.end = end
            self.needed = needed
            self.before = before
            self.after = after
        }

        /// Fewer people than it needs now: a gap opened (or still open); else one closed.
        public var isGap: Bool { after < needed }
    }
}

extension ScheduleDiff {
    /// The on-call shifts whose staffing changed against what they need (a gap opened or closed),
    /// then the urgent visits lost or gained, each in time order. A new shift or visit, or any
    /// without a previous schedule, counts only when it is short.
    static func coverageChanges(
        old: Schedule?, new: Schedule, newCase: Case, before: Side, after: Side
    ) -> [ScheduleChanges.CoverageChange] {
        func counts<T>(_ pairs: [T], _ key: (T) -> String) -> [String: Int] {
            var m: [String: Int] = [:]
            for p in pairs { m[key(p), default: 0] += 1 }
            return m
        }
        let (oldShifts, newShifts) = (counts(old?.onCall ?? [], \.shift), counts(new.onCall, \.shift))
        let (oldVisits, newVisits) = (counts(old?.assignments ?? [], \.visit), counts(new.assignments, \.visit))
        func change(_ kind: ScheduleChanges.CoverageChange.Kind, _ id: String, needed: Int, was: Int?, now: Int)
            -> (Instant?, ScheduleChanges.CoverageChange)?
        {
            let shortBefore = was.map { min($0, needed) }
            guard shortBefore.map({ $0 != min(now, needed) }) ?? (now < needed) else { return nil }
            let t = after.timing(kind == .onCall ? .onCall : .visit, id)
            return (
                t.span?.start,
                .init(
                    kind: kind, id: id, family: t.family, start: t.start, end: t.end, needed: needed, before: was,
                    after: now)
            )
        }
        func known(_ kind: ScheduleChanges.Item.Kind, _ id: String, _ m: [String: Int]) -> Int? {
            old != nil && before.has(kind, id) ? m[id] ?? 0 : nil
        }
        let shifts = newCase.onCallShifts.compactMap {
            change(.onCall, $0.id, needed: $0.staff, was: known(.onCall, $0.id, oldShifts), now: newShifts[$0.id] ?? 0)
        }
        let urgent = newCase.visits.filter { $0.priority == .urgent }.compactMap {
            change(.urgent, $0.id, needed: $0.sitters, was: known(.visit, $0.id, oldVisits), now: newVisits[$0.id] ?? 0)
        }
        return inOrder(shifts) + inOrder(urgent)
    }

    /// In time order, then by id.
    private static func inOrder(_ items: [(Instant?, ScheduleChanges.CoverageChange)]) -> [ScheduleChanges
        .CoverageChange]
    {
        items.sorted { x, y in x.0 != y.0 ? earlier(x.0, y.0) : x.1.id < y.1.id }.map(\.1)
    }
}
