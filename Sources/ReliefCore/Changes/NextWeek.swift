/// `relief next-week` as a pure function (`weeks.md`, "Standing requests and the next
/// week"): the case of the following week, from this week's case and a schedule of it
/// already verified against it. Every time moves on the wall clock: across a
/// daylight-saving change a visit keeps its local times.
public enum NextWeek {
    /// The following week's case:
    /// 1. the horizon 7 days later (wall clock);
    /// 2. one visit per standing request active on a date of the new horizon, id
    ///    `<request id>-<YYYY-MM-DD>`, no `assigned` (an occurrence running past the
    ///    horizon's end is cut there: the case holds only its own week);
    /// 3. this week's on-call shifts 7 days later (`rolledID`), no `assigned`;
    /// 4. each sitter's availability from `weeklyAvailability` when given, else this
    ///    week's intervals 7 days later;
    /// 5. each family's `previousSitters` led by this week's sitters (`previousSitters`),
    ///    and its ledger gaining this week's entry (`ledgerEntry`).
    ///
    /// The case's name has its dates of this week moved too (`rolledID`, with a space).
    public static func roll(_ c: Case, schedule: Schedule) -> Case {
        var out = c
        let week = Week(c.clock, c.horizon)
        out.name = week.rolledID(c.name, separator: " ", else: week.firstDay)
        out.horizon = week.later(c.horizon)
        let next = Week(c.clock, out.horizon)
        out.visits = visits(c.standing, in: next)
        out.onCallShifts = c.onCallShifts.map {
            var o = $0
            o.span = week.later($0.span)
            o.id = week.rolledID($0.id, separator: "-", else: c.clock.localDate($0.span.start))
            o.assigned = []
            return o
        }
        for i in out.sitters.indices {
            let s = c.sitters[i]
            out.sitters[i].availability =
                s.weeklyAvailability.isEmpty
                ? mergeSpans(s.availability.map(week.later)).compactMap(next.clip)
                : availability(s.weeklyAvailability, in: next)
        }
        let rows = ServiceShare(c).rows(assignments: schedule.assignments)
        let entries = Dictionary(rows.map { ($0.family, $0) }, uniquingKeysWith: { a, _ in a })
        let sitters = sittersByFamily(c, schedule)
        for i in out.families.indices {
            let f = c.families[i]
            out.families[i].previousSitters = previousSitters(f.previousSitters, thisWeek: sitters[f.id] ?? [])
            if let row = entries[f.id] {
                out.families[i].ledger = ledger(f.ledger, adding: row, weekStart: week.firstDay)
            }
        }
        return out
    }

    /// At most this many previous sitters are kept.
    public static let previousSittersKept = 5

    /// This week's sitters first (as given: most recent first), then the earlier list, no
    /// sitter twice, at most `previousSittersKept`.
    public static func previousSitters(_ before: [String], thisWeek: [String]) -> [String] {
        var seen = Set<String>()
        return Array((thisWeek + before).filter { seen.insert($0).inserted }.prefix(previousSittersKept))
    }

    /// The ledger with this week's entry (`weekStart` the local date the horizon starts;
    /// requested and served minutes of the family's `ServiceShare` row, which the
    /// verified schedule reports), replacing an entry of the same week, in date order.
    public static func ledger(_ before: [LedgerEntry], adding row: FamilyShare, weekStart: LocalDate) -> [LedgerEntry] {
        let entry = LedgerEntry(
            weekStart: weekStart, requestedMinutes: row.requestedMinutes, servedMinutes: row.servedMinutes)
        return (before.filter { $0.weekStart != weekStart } + [entry]).sorted { $0.weekStart < $1.weekStart }
    }

    /// Per family: the sitters of its visits in the schedule, the latest visit's first (by
    /// start, then visit id, then sitter id).
    static func sittersByFamily(_ c: Case, _ s: Schedule) -> [String: [String]] {
        let visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let held = s.assignments.compactMap { a in visits[a.visit].map { (visit: $0, sitter: a.sitter) } }
        let latestFirst = held.sorted {
            ($1.visit.span.start, $1.visit.id, $0.sitter) < ($0.visit.span.start, $0.visit.id, $1.sitter)
        }
        var out: [String: [String]] = [:]
        for h in latestFirst where !(out[h.visit.family] ?? []).contains(h.sitter) {
            out[h.visit.family, default: []].append(h.sitter)
        }
        return out
    }

    /// The visits of the standing requests on the dates of `week`, by start then id.
    public static func visits(_ standing: [StandingRequest], in week: Week) -> [Visit] {
        var out: [Visit] = []
        for d in week.days {
            for r in standing where r.occurs(on: d) {
                guard let span = week.clip(week.span(d, r.start, r.end)) else { continue }
                out.append(
                    Visit(
                        id: "\(r.id)-\(d)", family: r.family, span: span, sitters: r.sitters,
                        competencies: r.competencies, credentials: r.credentials, priority: r.priority,
                        program: r.program))
            }
        }
        return out.sorted { ($0.span.start, $0.id) < ($1.span.start, $1.id) }
    }

    /// A usual week's slots on the dates of `week` (from the day before, for a slot that
    /// runs past midnight), cut to the horizon and merged.
    public static func availability(_ slots: [WeeklySlot], in week: Week) -> [TimeSpan] {
        var spans: [TimeSpan] = []
        for d in [LocalDate(day: week.firstDay.day - 1)] + week.days {
            for s in slots where s.weekday == Weekday(d) {
                if let span = week.clip(week.span(d, s.start, s.end)) { spans.append(span) }
            }
        }
        return mergeSpans(spans)
    }

    /// A horizon on its clock: its local dates, local times made instants, moves by 7 days.
    public struct Week: Sendable {
        public let clock: CaseClock
        public let horizon: TimeSpan
        public init(_ clock: CaseClock, _ horizon: TimeSpan) {
            self.clock = clock
            self.horizon = horizon
        }

        /// The local date the horizon starts: a ledger entry's `weekStart`.
        public var firstDay: LocalDate { clock.localDate(horizon.start) }
        /// Every local date with some of the horizon in it.
        public var days: [LocalDate] {
            let last = clock.localDate(horizon.end.adding(minutes: -1))
            return firstDay <= last ? (firstDay.day...last.day).map(LocalDate.init(day:)) : []
        }

        /// The instant of a local date and time; a time that a spring-forward skips is
        /// read one hour later (02:30 becomes 03:30), as a clock put forward shows it.
        public func instant(_ d: LocalDate, _ t: TimeOfDay) -> Instant {
            let wall = Int64(d.day) * 86400 + Int64(t.minutes) * 60
            return clock.resolve(wall: wall) ?? clock.resolve(wall: wall + 3600)!
        }

        /// From `start` on `d` to `end`, on the next day when `end` is not after `start`.
        public func span(_ d: LocalDate, _ start: TimeOfDay, _ end: TimeOfDay) -> TimeSpan {
            let endDay = end <= start ? LocalDate(day: d.day + 1) : d
            return TimeSpan(start: instant(d, start), end: instant(endDay, end))
        }

        /// `t` seven days later on the wall clock: the same local time a week on.
        public func later(_ t: Instant) -> Instant {
            let wall = t.seconds + Int64(clock.offset(at: t)) + 7 * 86400
            return clock.resolve(wall: wall) ?? clock.resolve(wall: wall + 3600)!
        }

        public func later(_ s: TimeSpan) -> TimeSpan { TimeSpan(start: later(s.start), end: later(s.end)) }

        /// The part of `s` inside the horizon, nil when none.
        public func clip(_ s: TimeSpan) -> TimeSpan? {
            let c = TimeSpan(start: max(s.start, horizon.start), end: min(s.end, horizon.end))
            return c.start < c.end ? c : nil
        }

        /// `id` with each date of this horizon it holds moved 7 days on, else
        /// `id + separator + <date + 7>` (an on-call shift without a date in its id, `date` its
        /// local start date: `OC-N` becomes `OC-N-2026-11-30`, then `OC-N-2026-12-07` the week after).
        public func rolledID(_ id: String, separator: String, else date: LocalDate) -> String {
            let dates = Set(days.map(\.description))
            var chars = Array(id)
            var found = false
            var i = 0
            while i + 10 <= chars.count {
                let piece = String(chars[i..<(i + 10)])
                if dates.contains(piece), let d = LocalDate.parse(piece) {
                    chars.replaceSubrange(i..<(i + 10), with: Array(LocalDate(day: d.day + 7).description))
                    found = true
                    i += 10
                } else {
                    i += 1
                }
            }
            return found ? String(chars) : id + separator + LocalDate(day: date.day + 7).description
        }
    }
}
