import Foundation
import ReliefCore

/// What the week page shows, computed from a case and one of its schedules: the
/// sitters' days, the on-call line, coverage by priority, hours against targets.
/// Plain values with times already in the case's zone; `HTMLWeekPage` only lays them out.
struct ReportWeek {
    /// A local wall time: seconds since 1970-01-01T00:00 as if the zone were UTC.
    struct Wall: Comparable {
        var seconds: Int64
        static func < (a: Wall, b: Wall) -> Bool { a.seconds < b.seconds }
        var day: LocalDate { LocalDate(day: Int((seconds >= 0 ? seconds : seconds - 86399) / 86400)) }
        var minuteOfDay: Int { Int(seconds - Int64(day.day) * 86400) / 60 }
        /// `18:30`
        var clock: String { String(format: "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60) }
    }

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
        var start: Wall
        var end: Wall
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
    struct LineStretch {
        enum State: String { case staffed, short, nobody, uncovered }
        var start: Wall
        var end: Wall
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
        var start: Wall?
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
    let horizonStart: Wall
    let horizonEnd: Wall
    /// Broken hard rules (the schedule does not belong to this case, or was edited by hand).
    let violations: [String]

    func wall(_ t: Instant) -> Wall { Wall(seconds: t.seconds + Int64(theCase.clock.offset(at: t))) }

    /// `violations`, when given, are the schedule's already known (verified by the caller):
    /// not verified again.
    init(_ c: Case, _ s: Schedule, violations known: [String]? = nil) {
        theCase = c
        schedule = s
        let clock = c.clock
        func wall(_ t: Instant) -> Wall { Wall(seconds: t.seconds + Int64(clock.offset(at: t))) }
        horizonStart = wall(c.horizon.start)
        horizonEnd = wall(c.horizon.end)
        let first = clock.localDate(c.horizon.start)
        let last = clock.localDate(Instant(seconds: max(c.horizon.start.seconds, c.horizon.end.seconds - 1)))
        let days = (first.day...max(first.day, last.day)).map { LocalDate(day: $0) }
        self.days = days
        func column(_ w: Wall) -> Int { min(max(w.day.day - first.day, 0), days.count - 1) }

        let families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shifts = Dictionary(c.onCallShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func block(_ v: Visit) -> Block {
            let f = families[v.family]
            let w = wall(v.span.start)
            return Block(
                id: v.id, kind: .visit(v.priority), territory: f?.territory, family: f, start: w,
                end: wall(v.span.end), sitters: v.sitters, locked: v.locked, dayIndex: column(w))
        }

        var perSitter: [String: [Block]] = [:]
        var minutes: [String: Int] = [:]
        var visitCount: [String: Int] = [:]
        var shiftCount: [String: Int] = [:]
        for a in Set(s.assignments) {
            guard let v = visits[a.visit] else { continue }
            perSitter[a.sitter, default: []].append(block(v))
            minutes[a.sitter, default: 0] += v.minutes
            visitCount[a.sitter, default: 0] += 1
        }
        var onShift: [String: Set<String>] = [:]
        for o in Set(s.onCall) {
            guard let sh = shifts[o.shift] else { continue }
            onShift[o.shift, default: []].insert(o.sitter)
            let w = wall(sh.span.start)
            perSitter[o.sitter, default: []].append(
                Block(
                    id: sh.id, kind: .onCall, territory: nil, family: nil, start: w, end: wall(sh.span.end),
                    sitters: sh.staff, locked: false, dayIndex: column(w)))
            shiftCount[o.sitter, default: 0] += 1
        }
        func byDay(_ blocks: [Block]) -> [[Block]] {
            var out = Array(repeating: [Block](), count: days.count)
            for b in blocks.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) { out[b.dayIndex].append(b) }
            return out
        }
        let daySpans = days.map { d -> TimeSpan in
            let start = clock.resolve(wall: Int64(d.day) * 86400) ?? c.horizon.start
            let end = clock.resolve(wall: Int64(d.day + 1) * 86400) ?? c.horizon.end
            return TimeSpan(start: start, end: end)
        }
        rows = c.sitters.map { sit in
            SitterRow(
                sitter: sit, days: byDay(perSitter[sit.id] ?? []), visitMinutes: minutes[sit.id] ?? 0,
                visitCount: visitCount[sit.id] ?? 0, onCallShifts: shiftCount[sit.id] ?? 0,
                available: daySpans.map { day in sit.availability.contains { $0.overlaps(day) } })
        }

        // Most urgent first, then by time: the order a coordinator works through them.
        unfilled = s.unfilled.map { u in
            let v = visits[u.id]
            return UnfilledRow(
                entry: u, visit: v, family: v.flatMap { families[$0.family] }, start: v.map { wall($0.span.start) })
        }.sorted {
            ($0.visit?.priority.rank ?? 3, $0.visit?.span.start.seconds ?? 0, $0.entry.id)
                < ($1.visit?.priority.rank ?? 3, $1.visit?.span.start.seconds ?? 0, $1.entry.id)
        }
        unfilledByDay = byDay(s.unfilled.compactMap { visits[$0.id] }.map(block))

        // Recomputed from the assignments (as the verifier counts them): equal to the
        // schedule's own `levels` unless the file was edited, and then the banner says so.
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
        coverage = cov

        // The on-call line: cut the horizon at every shift start and end; each piece is
        // staffed, short (someone, not enough), nobody on call, or covered by no shift at all.
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
                start: wall(piece.start), end: wall(piece.end), startInstant: piece.start, endInstant: piece.end,
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
        line = stretches
        violations = known ?? ScheduleVerifier(c).violations(of: s)
    }

    /// Stretches of the line where it does not have every person it needs.
    var gaps: [LineStretch] { line.filter { $0.state != .staffed } }
}

/// Short, distinct territory initials (`Sainte-Foy` → `SF`, `Limoilou` → `LI`)
/// and a colour for each, in the case's order.
struct TerritoryKey {
    struct Entry {
        var territory: Territory
        var initials: String
        var fill: String
        var edge: String
    }

    let entries: [Entry]
    private let index: [String: Int]

    /// Light fills (black text on each keeps a contrast above 7:1) with a darker edge.
    static let palette: [(fill: String, edge: String)] = [
        ("#cfe3ff", "#1f5fbf"), ("#ffd9b3", "#b35900"), ("#c9f0d0", "#1e7a33"), ("#f4c9e8", "#9c2a7d"),
        ("#fff0a8", "#8a7400"), ("#d5ccff", "#5a3fbf"), ("#bdeeee", "#117a7a"), ("#ffc9c9", "#b02a2a"),
        ("#e3e3c0", "#5f5f1f"), ("#d9e8b0", "#4c6b00"), ("#e8d3bf", "#7a4a1f"), ("#cde0ea", "#2f5f7a"),
    ]

    init(_ territories: [Territory]) {
        var used: Set<String> = []
        var out: [Entry] = []
        for (i, t) in territories.enumerated() {
            let label = t.name.isEmpty ? t.id : t.name
            let words = label.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" })
                .filter { !["de", "du", "des", "la", "le", "les", "of", "the"].contains($0.lowercased()) }
            var candidates: [String] = []
            if words.count >= 2 { candidates.append(String(words.prefix(2).compactMap(\.first))) }
            let letters = Array(label.filter { $0.isLetter || $0.isNumber })
            if letters.count >= 2 {
                candidates.append(String([letters[0], letters[1]]))
                for j in 2..<min(letters.count, 12) { candidates.append(String([letters[0], letters[j]])) }
            }
            let fallback = (1...).lazy.map { "T\($0)" }.first { !used.contains($0) }!
            let initials =
                candidates.map { $0.uppercased() }.first { !used.contains($0) } ?? fallback
            used.insert(initials)
            let colour: (fill: String, edge: String)
            if i < Self.palette.count {
                colour = Self.palette[i]
            } else {
                // Beyond the palette: spread hues by the golden angle, light fill, dark edge.
                let hue = (Double(i) * 137.508).truncatingRemainder(dividingBy: 360)
                colour = (
                    String(format: "hsl(%.0f,70%%,86%%)", hue), String(format: "hsl(%.0f,60%%,32%%)", hue)
                )
            }
            out.append(Entry(territory: t, initials: initials, fill: colour.fill, edge: colour.edge))
        }
        entries = out
        index = Dictionary(out.enumerated().map { ($1.territory.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func entry(_ territory: String?) -> Entry? { position(territory).map { entries[$0] } }
    /// The territory's place in the case's list: its colour class is `t` and this number.
    func position(_ territory: String?) -> Int? { territory.flatMap { index[$0] } }
}
