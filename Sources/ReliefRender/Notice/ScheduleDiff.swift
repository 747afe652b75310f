import Foundation
import ReliefCore

/// Whom to phone after a re-plan: each sitter whose week changed, each family
/// visit whose sitters, time or existence changed. Ids and local times only; the
/// names are added by `json` and `text` (the notice), never by anything logged.
public struct ScheduleChanges: Sendable, Equatable {
    /// A visit or an on-call shift in one sitter's week, with its local start and
    /// end (`2026-11-24T18:00`, in its case's time zone; empty when no case knows it).
    public struct Item: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case visit
            case onCall = "on-call"
        }
        public var kind: Kind
        public var id: String
        public var start: String
        public var end: String
        /// The visit's family (nil for a shift).
        public var family: String?
        /// For a removed item: the visit or shift is gone from the new case.
        public var cancelled: Bool

        public init(
            kind: Kind, id: String, start: String, end: String, family: String? = nil, cancelled: Bool = false
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
        public var oldStart: String
        public var oldEnd: String
        public var newStart: String
        public var newEnd: String

        public init(
            kind: Item.Kind, id: String, family: String? = nil, oldStart: String, oldEnd: String, newStart: String,
            newEnd: String
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
        public var start: String
        public var end: String
        /// The old local time when `timeChanged`.
        public var previousStart: String?
        public var previousEnd: String?

        public init(
            family: String, visit: String, before: [String], after: [String], timeChanged: Bool = false,
            cancelled: Bool = false, requested: Bool = false, start: String, end: String,
            previousStart: String? = nil, previousEnd: String? = nil
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

    public init(sitters: [SitterChange] = [], families: [FamilyChange] = []) {
        self.sitters = sitters
        self.families = families
    }

    public var isEmpty: Bool { sitters.isEmpty && families.isEmpty }
    /// The ids of the sitters to call, sorted.
    public var changedSitters: [String] { sitters.map(\.sitter) }
    /// The ids of the families to call, sorted, each once.
    public var changedFamilies: [String] {
        var seen = Set<String>()
        return families.map(\.family).filter { seen.insert($0).inserted }
    }
}

/// Computes `ScheduleChanges`.
public enum ScheduleDiff {
    /// What changed between two schedules of (possibly different versions of) a case. `old` nil: everything is new.
    ///
    /// Old times are read from `oldCase` (the new case when it is nil), new times from `newCase`.
    /// A visit or shift is cancelled when the old case (or, without one, the old schedule)
    /// has it and the new case does not; a visit is requested when the new case has it and
    /// the old case does not, or when there is no old schedule.
    public static func changes(old: Schedule?, oldCase: Case?, new: Schedule, newCase: Case) -> ScheduleChanges {
        let before = Side(case: oldCase ?? newCase, clock: (oldCase ?? newCase).clock)
        let after = Side(case: newCase, clock: newCase.clock)
        let oldVisitPairs = Set(old?.assignments ?? [])
        let newVisitPairs = Set(new.assignments)
        let oldShiftPairs = Set(old?.onCall ?? [])
        let newShiftPairs = Set(new.onCall)

        // Sitter id -> ids of the visits and shifts they hold.
        func byPerson<T>(_ pairs: Set<T>, _ sitter: (T) -> String, _ item: (T) -> String) -> [String: Set<String>] {
            var m: [String: Set<String>] = [:]
            for p in pairs { m[sitter(p), default: []].insert(item(p)) }
            return m
        }
        let oldVisits = byPerson(oldVisitPairs, \.sitter, \.visit)
        let newVisits = byPerson(newVisitPairs, \.sitter, \.visit)
        let oldShifts = byPerson(oldShiftPairs, \.sitter, \.shift)
        let newShifts = byPerson(newShiftPairs, \.sitter, \.shift)

        var sitters: [ScheduleChanges.SitterChange] = []
        let people = Set(oldVisits.keys).union(newVisits.keys).union(oldShifts.keys).union(newShifts.keys)
        for s in people.sorted() {
            var added: [(Instant?, ScheduleChanges.Item)] = []
            var removed: [(Instant?, ScheduleChanges.Item)] = []
            var moved: [(Instant?, ScheduleChanges.Moved)] = []
            for kind in [ScheduleChanges.Item.Kind.visit, .onCall] {
                let was = (kind == .visit ? oldVisits[s] : oldShifts[s]) ?? []
                let now = (kind == .visit ? newVisits[s] : newShifts[s]) ?? []
                for id in now.subtracting(was) {
                    let t = after.timing(kind, id)
                    added.append(
                        (t.span?.start, .init(kind: kind, id: id, start: t.start, end: t.end, family: t.family)))
                }
                for id in was.subtracting(now) {
                    let t = before.timing(kind, id)
                    let gone = !after.has(kind, id)
                    removed.append(
                        (
                            t.span?.start,
                            .init(kind: kind, id: id, start: t.start, end: t.end, family: t.family, cancelled: gone)
                        ))
                }
                for id in was.intersection(now) {
                    let (a, b) = (before.timing(kind, id), after.timing(kind, id))
                    guard let sa = a.span, let sb = b.span, sa != sb else { continue }
                    moved.append(
                        (
                            sb.start,
                            .init(
                                kind: kind, id: id, family: b.family, oldStart: a.start, oldEnd: a.end,
                                newStart: b.start, newEnd: b.end)
                        ))
                }
            }
            guard !added.isEmpty || !removed.isEmpty || !moved.isEmpty else { continue }
            sitters.append(
                .init(
                    sitter: s, added: inOrder(added, \.kind, \.id), removed: inOrder(removed, \.kind, \.id),
                    moved: inOrder(moved, \.kind, \.id)))
        }

        // Families: every visit either side knows.
        let oldByVisit = Dictionary(grouping: oldVisitPairs, by: \.visit).mapValues { $0.map(\.sitter).sorted() }
        let newByVisit = Dictionary(grouping: newVisitPairs, by: \.visit).mapValues { $0.map(\.sitter).sorted() }
        var visitIDs = Set(newCase.visits.map(\.id)).union(newByVisit.keys).union(oldByVisit.keys)
        if let oldCase { visitIDs.formUnion(oldCase.visits.map(\.id)) }
        var families: [(String, Instant?, ScheduleChanges.FamilyChange)] = []
        for id in visitIDs {
            let inNew = after.has(.visit, id)
            // Without an old case, the old schedule and the new case tell what existed.
            let inOld = old != nil && (oldCase.map { _ in before.has(.visit, id) } ?? (inNew || oldByVisit[id] != nil))
            let (a, b) = (before.timing(.visit, id), after.timing(.visit, id))
            guard let family = b.family ?? a.family else { continue }
            let was = oldByVisit[id] ?? []
            let now = newByVisit[id] ?? []
            let cancelled = inOld && !inNew
            let requested = !inOld && inNew
            let timeChanged = inOld && inNew && a.span != nil && b.span != nil && a.span != b.span
            guard was != now || cancelled || requested || timeChanged else { continue }
            let shown = inNew ? b : a
            families.append(
                (
                    family, shown.span?.start,
                    .init(
                        family: family, visit: id, before: was, after: now, timeChanged: timeChanged,
                        cancelled: cancelled, requested: requested, start: shown.start, end: shown.end,
                        previousStart: timeChanged ? a.start : nil, previousEnd: timeChanged ? a.end : nil)
                ))
        }
        families.sort { x, y in
            if x.0 != y.0 { return x.0 < y.0 }
            if x.1 != y.1 { return earlier(x.1, y.1) }
            return x.2.visit < y.2.visit
        }
        return ScheduleChanges(sitters: sitters, families: families.map(\.2))
    }

    /// Known times first, in order; unknown last.
    static func earlier(_ a: Instant?, _ b: Instant?) -> Bool {
        switch (a, b) {
        case (let x?, let y?): return x < y
        case (.some, nil): return true
        default: return false
        }
    }

    static func inOrder<T>(
        _ items: [(Instant?, T)], _ kind: KeyPath<T, ScheduleChanges.Item.Kind>, _ id: KeyPath<T, String>
    )
        -> [T]
    {
        items.sorted { x, y in
            if x.0 != y.0 { return earlier(x.0, y.0) }
            if x.1[keyPath: kind] != y.1[keyPath: kind] { return x.1[keyPath: kind] == .visit }
            return x.1[keyPath: id] < y.1[keyPath: id]
        }.map(\.1)
    }

    /// One case's visits and shifts by id, with their local times.
    struct Side {
        struct Timing {
            var span: TimeSpan?
            var start: String
            var end: String
            var family: String?
        }
        let visits: [String: Visit]
        let shifts: [String: OnCallShift]
        let clock: CaseClock

        init(case c: Case, clock: CaseClock) {
            // Ids are unique in a valid case; keep the first should one not be.
            visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            shifts = Dictionary(c.onCallShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            self.clock = clock
        }

        func has(_ kind: ScheduleChanges.Item.Kind, _ id: String) -> Bool {
            kind == .visit ? visits[id] != nil : shifts[id] != nil
        }

        func timing(_ kind: ScheduleChanges.Item.Kind, _ id: String) -> Timing {
            let span: TimeSpan?
            var family: String?
            if kind == .visit {
                span = visits[id]?.span
                family = visits[id]?.family
            } else {
                span = shifts[id]?.span
            }
            guard let span else { return Timing(span: nil, start: "", end: "", family: family) }
            return Timing(
                span: span, start: clock.formatLocal(span.start), end: clock.formatLocal(span.end), family: family)
        }
    }
}
