import Foundation
import ReliefCore

/// Computes `ScheduleChanges`.
public enum ScheduleDiff {
    /// What changed between two schedules of (possibly different versions of) a case. `old` nil: everything is new.
    ///
    /// Old times are read from `oldCase` (the new case when it is nil), new times from `newCase`.
    /// A visit or shift is cancelled when the old case (or, without one, the old schedule)
    /// has it and the new case does not; a visit is requested when the new case has it and
    /// the old case does not, or when there is no old schedule.
    public static func changes(old: Schedule?, oldCase: Case?, new: Schedule, newCase: Case) -> ScheduleChanges {
        let before = Side(case: oldCase ?? newCase)
        let after = Side(case: newCase)
        return ScheduleChanges(
            sitters: sitterChanges(old: old, new: new, before: before, after: after),
            families: familyChanges(
                old: old, oldCase: oldCase, new: new, newCase: newCase, before: before, after: after),
            coverage: coverageChanges(old: old, new: new, newCase: newCase, before: before, after: after))
    }

    /// Each sitter whose visits or shifts changed: what they gained, lost, or hold at another time.
    static func sitterChanges(old: Schedule?, new: Schedule, before: Side, after: Side) -> [ScheduleChanges
        .SitterChange]
    {
        // Sitter id -> ids of the visits and shifts they hold.
        func byPerson<T>(_ pairs: [T], _ sitter: (T) -> String, _ item: (T) -> String) -> [String: Set<String>] {
            var m: [String: Set<String>] = [:]
            for p in pairs { m[sitter(p), default: []].insert(item(p)) }
            return m
        }
        let oldVisits = byPerson(old?.assignments ?? [], \.sitter, \.visit)
        let newVisits = byPerson(new.assignments, \.sitter, \.visit)
        let oldShifts = byPerson(old?.onCall ?? [], \.sitter, \.shift)
        let newShifts = byPerson(new.onCall, \.sitter, \.shift)

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
                    let (from, to) = (before.wall(sa), after.wall(sb))
                    moved.append(
                        (
                            sb.start,
                            .init(
                                kind: kind, id: id, family: b.family, oldStart: from.start, oldEnd: from.end,
                                newStart: to.start, newEnd: to.end)
                        ))
                }
            }
            guard !added.isEmpty || !removed.isEmpty || !moved.isEmpty else { continue }
            sitters.append(
                .init(
                    sitter: s, added: inOrder(added, \.kind, \.id), removed: inOrder(removed, \.kind, \.id),
                    moved: inOrder(moved, \.kind, \.id)))
        }
        return sitters
    }

    /// Every visit either side knows whose sitters, time or existence changed, by family then time.
    static func familyChanges(
        old: Schedule?, oldCase: Case?, new: Schedule, newCase: Case, before: Side, after: Side
    ) -> [ScheduleChanges.FamilyChange] {
        let oldVisitPairs = Set(old?.assignments ?? [])
        let newVisitPairs = Set(new.assignments)
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
        return families.map(\.2)
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
            var start: WallTime?
            var end: WallTime?
            var family: String?
        }
        let visits: [String: Visit]
        let shifts: [String: OnCallShift]
        let clock: CaseClock

        init(case c: Case) {
            // Ids are unique in a valid case; keep the first should one not be.
            visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            shifts = Dictionary(c.onCallShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            clock = c.clock
        }

        func has(_ kind: ScheduleChanges.Item.Kind, _ id: String) -> Bool {
            kind == .visit ? visits[id] != nil : shifts[id] != nil
        }

        func wall(_ span: TimeSpan) -> (start: WallTime, end: WallTime) {
            (WallTime(span.start, on: clock), WallTime(span.end, on: clock))
        }

        func timing(_ kind: ScheduleChanges.Item.Kind, _ id: String) -> Timing {
            let span = kind == .visit ? visits[id]?.span : shifts[id]?.span
            let family = kind == .visit ? visits[id]?.family : nil
            let w = span.map(wall)
            return Timing(span: span, start: w?.start, end: w?.end, family: family)
        }
    }
}
