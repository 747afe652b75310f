import Foundation
import ReliefCore

/// What the week page shows, computed from a case and one of its schedules: the
/// sitters' days, the on-call line, coverage by priority, hours against targets.
/// Plain values with times already in the case's zone; `HTMLWeekPage` only lays them out.
public struct ReportWeek {
    /// One visit or on-call shift in a sitter's row (or in the unfilled row).
    struct Block {
        enum Kind {
            case visit(Priority)
            case onCall
        }
        var id: String
        var kind: Kind
        /// Territory id of the visit's family; nil for on-call.
        var territory: String?
        var family: Family?
        var start: WallTime
        var end: WallTime
        var sitters: Int
        var locked: Bool
        /// Day column, 0-based from the first day of the horizon.
        var dayIndex: Int
        /// Local days between the start and the end (a night visit ends the next day: 1).
        var daysLater: Int { end.day.day - start.day.day - (end.minuteOfDay == 0 && end.day > start.day ? 1 : 0) }
        /// `22:00–07:00`, with 24:00 for a midnight end on the next day.
        var hours: String {
            let e = end.minuteOfDay == 0 && end.day > start.day ? "24:00" : end.clock
            return "\(start.clock)–\(e)"
        }
    }

    struct SitterRow {
        var sitter: Sitter
        /// Blocks per day column, by start time.
        var days: [[Block]]
        var visitMinutes: Int
        var visitCount: Int
        var onCallShifts: Int
        /// Per day column: whether any availability of the sitter touches that local day.
        var available: [Bool]
    }

    struct Coverage {
        /// nil: on-call minutes.
        var priority: Priority?
        var filled: Int
        var needed: Int
        var key: String { priority?.rawValue ?? "on-call" }
        var fraction: Double { needed == 0 ? 1 : Double(filled) / Double(needed) }
    }

    /// A stretch of the on-call line with one state and one set of people.
    public struct LineStretch {
        enum State: String { case staffed, short, nobody, uncovered }
        var start: WallTime
        var end: WallTime
        var startInstant: Instant
        var endInstant: Instant
        var state: State
        var sitters: [String]
        var shifts: [String]
        var needed: Int
        var staffed: Int
        var minutes: Int { startInstant.minutes(to: endInstant) }
    }

    struct UnfilledRow {
        var entry: Unfilled
        var visit: Visit?
        var family: Family?
        var start: WallTime?
    }

    let theCase: Case
    let schedule: Schedule
    let days: [LocalDate]
    let rows: [SitterRow]
    /// Unfilled visits per day column (the grid's last row).
    let unfilledByDay: [[Block]]
    let unfilled: [UnfilledRow]
    let coverage: [Coverage]
    let line: [LineStretch]
    let horizonStart: WallTime
    let horizonEnd: WallTime
    /// Broken hard rules (the schedule does not belong to this case, or was edited by hand).
    public let violations: [String]

    func wall(_ t: Instant) -> WallTime { WallTime(t, on: theCase.clock) }

    /// `violations`, when given, are the schedule's already known (verified by the caller):
    /// not verified again.
    public init(_ c: Case, _ s: Schedule, violations known: [String]? = nil) {
        let layout = Layout(c)
        theCase = c
        schedule = s
        days = layout.days
        horizonStart = layout.wall(c.horizon.start)
        horizonEnd = layout.wall(c.horizon.end)
        rows = Self.rows(c, s, layout)
        (unfilled, unfilledByDay) = Self.unfilled(s, layout)
        coverage = Self.coverage(c, s)
        line = Self.line(c, s, layout)
        violations = known ?? ScheduleVerifier(c).violations(of: s)
    }

    /// The case's items by id and the page's day columns, for the steps of `init`.
    struct Layout {
        let clock: CaseClock
        let days: [LocalDate]
        let families: [String: Family]
        let visits: [String: Visit]
        let shifts: [String: OnCallShift]

        init(_ c: Case) {
            clock = c.clock
            let first = clock.localDate(c.horizon.start)
            let last = clock.localDate(Instant(seconds: max(c.horizon.start.seconds, c.horizon.end.seconds - 1)))
            days = (first.day...max(first.day, last.day)).map { LocalDate(day: $0) }
            families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            shifts = Dictionary(c.onCallShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }

        func wall(_ t: Instant) -> WallTime { WallTime(t, on: clock) }
        func column(_ w: WallTime) -> Int { min(max(w.day.day - days[0].day, 0), days.count - 1) }

        func block(_ v: Visit) -> Block {
            let f = families[v.family]
            let w = wall(v.span.start)
            return Block(
                id: v.id, kind: .visit(v.priority), territory: f?.territory, family: f, start: w,
                end: wall(v.span.end), sitters: v.sitters, locked: v.locked, dayIndex: column(w))
        }

        func byDay(_ blocks: [Block]) -> [[Block]] {
            var out = Array(repeating: [Block](), count: days.count)
            for b in blocks.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) { out[b.dayIndex].append(b) }
            return out
        }
    }

    /// Each sitter's blocks by day, visit minutes and counts, and the days they are available.
    static func rows(_ c: Case, _ s: Schedule, _ l: Layout) -> [SitterRow] {
        var perSitter: [String: [Block]] = [:]
        var minutes: [String: Int] = [:]
        var visitCount: [String: Int] = [:]
        var shiftCount: [String: Int] = [:]
        for a in Set(s.assignments) {
            guard let v = l.visits[a.visit] else { continue }
            perSitter[a.sitter, default: []].append(l.block(v))
            minutes[a.sitter, default: 0] += v.minutes
            visitCount[a.sitter, default: 0] += 1
        }
        for o in Set(s.onCall) {
            guard let sh = l.shifts[o.shift] else { continue }
            let w = l.wall(sh.span.start)
            perSitter[o.sitter, default: []].append(
                Block(
                    id: sh.id, kind: .onCall, territory: nil, family: nil, start: w, end: l.wall(sh.span.end),
                    sitters: sh.staff, locked: false, dayIndex: l.column(w)))
            shiftCount[o.sitter, default: 0] += 1
        }
        let daySpans = l.days.map { d -> TimeSpan in
            let start = l.clock.resolve(wall: Int64(d.day) * 86400) ?? c.horizon.start
            let end = l.clock.resolve(wall: Int64(d.day + 1) * 86400) ?? c.horizon.end
            return TimeSpan(start: start, end: end)
        }
        return c.sitters.map { sit in
            SitterRow(
                sitter: sit, days: l.byDay(perSitter[sit.id] ?? []), visitMinutes: minutes[sit.id] ?? 0,
                visitCount: visitCount[sit.id] ?? 0, onCallShifts: shiftCount[sit.id] ?? 0,
                available: daySpans.map { day in sit.availability.contains { $0.overlaps(day) } })
        }
    }

    /// The unfilled visits, most urgent first, then by time (the order a coordinator
    /// works through them), and by day column for the grid's last row.
    static func unfilled(_ s: Schedule, _ l: Layout) -> ([UnfilledRow], [[Block]]) {
        let rows: [UnfilledRow] = s.unfilled.map { u -> UnfilledRow in
            let v = l.visits[u.id]
            return UnfilledRow(
                entry: u, visit: v, family: v.flatMap { l.families[$0.family] }, start: v.map { l.wall($0.span.start) })
        }.sorted {
            ($0.visit?.priority.rank ?? 3, $0.visit?.span.start.seconds ?? 0, $0.entry.id)
                < ($1.visit?.priority.rank ?? 3, $1.visit?.span.start.seconds ?? 0, $1.entry.id)
        }
        return (rows, l.byDay(s.unfilled.compactMap { l.visits[$0.id] }.map(l.block)))
    }

    /// Filled and needed by level, on-call minutes first. Recomputed from the assignments
    /// (as the verifier counts them): equal to the schedule's own `levels` unless the file
    /// was edited, and then the banner says so.
    static func coverage(_ c: Case, _ s: Schedule) -> [Coverage] {
        let achieved = ScheduleVerifier(c).levels(assignments: Array(Set(s.assignments)), onCall: Array(Set(s.onCall)))
        var cov: [Coverage] = [
            Coverage(
                priority: nil, filled: achieved.onCallMinutes,
                needed: c.onCallShifts.reduce(0) { $0 + $1.minutes * $1.staff })
        ]
        for p in Priority.allCases {
            cov.append(
                Coverage(
                    priority: p, filled: achieved[priority: p],
                    needed: c.visits.filter { $0.priority == p }.reduce(0) { $0 + $1.sitters }))
        }
        return cov
    }

    /// The on-call line: the horizon cut at every shift start and end; each piece is
    /// staffed, short (someone, not enough), nobody on call, or covered by no shift at
    /// all; neighbours with the same state, people and shifts merged.
    static func line(_ c: Case, _ s: Schedule, _ l: Layout) -> [LineStretch] {
        var onShift: [String: Set<String>] = [:]
        for o in Set(s.onCall) where l.shifts[o.shift] != nil { onShift[o.shift, default: []].insert(o.sitter) }
        var cuts = Set([c.horizon.start.seconds, c.horizon.end.seconds])
        for o in c.onCallShifts {
            cuts.insert(max(c.horizon.start.seconds, min(c.horizon.end.seconds, o.span.start.seconds)))
            cuts.insert(max(c.horizon.start.seconds, min(c.horizon.end.seconds, o.span.end.seconds)))
        }
        let sorted = cuts.sorted()
        var stretches: [LineStretch] = []
        for (a, b) in zip(sorted, sorted.dropFirst()) where a < b {
            let piece = TimeSpan(start: Instant(seconds: a), end: Instant(seconds: b))
            let covering = c.onCallShifts.filter { $0.span.overlaps(piece) }.sorted { $0.id < $1.id }
            let needed = covering.reduce(0) { $0 + $1.staff }
            let staffed = covering.reduce(0) { $0 + min($1.staff, onShift[$1.id]?.count ?? 0) }
            let people = Set(covering.flatMap { onShift[$0.id] ?? [] }).sorted()
            let state: LineStretch.State =
                covering.isEmpty ? .uncovered : staffed == 0 ? .nobody : staffed < needed ? .short : .staffed
            let next = LineStretch(
                start: l.wall(piece.start), end: l.wall(piece.end), startInstant: piece.start, endInstant: piece.end,
                state: state, sitters: people, shifts: covering.map(\.id), needed: needed, staffed: staffed)
            if var prev = stretches.last, prev.state == next.state, prev.sitters == next.sitters,
                prev.shifts == next.shifts
            {
                prev.end = next.end
                prev.endInstant = next.endInstant
                stretches[stretches.count - 1] = prev
            } else {
                stretches.append(next)
            }
        }
        return stretches
    }

    /// Stretches of the line where it does not have every person it needs.
    public var gaps: [LineStretch] { line.filter { $0.state != .staffed } }
}
