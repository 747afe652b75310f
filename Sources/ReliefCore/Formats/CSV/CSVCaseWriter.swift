/// Writes a case as the spreadsheet files of `../shared/contract/csv.md`, so that
/// `CSVCaseReader` reads back the same case (compared as `CaseWriter`'s JSON) and
/// writing what it read gives the same files. Headers, setting keys, booleans and
/// priorities are French by default (`Headers.french`: what a Quebec coordinator's
/// spreadsheet shows), or the contract's English names; times are local wall times (`2026-11-24 18:00`), with their offset only
/// when the local time would read back as another instant (the second 01:30 of a
/// fall-back night). A cell a spreadsheet would run as a formula (`=HYPERLINK(...)`)
/// is written with a leading `'` (`CSV.formulaSafe`), which the reader takes off again.
public enum CSVCaseWriter {
    /// A value a spreadsheet file cannot hold as it is.
    public struct Unwritable: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var value: String
        public var description: String {
            "\(path): \(CaseReader.quoted(value)) cannot be a list item in a spreadsheet cell (it holds , or |,"
                + " or is empty or padded with spaces)"
        }
    }

    /// The words of the files: the contract's English names, or the French ones `CSVCaseReader` also reads.
    public enum Headers: Sendable, Equatable {
        case french, english
    }

    /// File name -> text, in `CSVCaseReader.files` order.
    public static func files(_ c: Case, style: CSV.Style = .spreadsheet, headers: Headers = .french)
        throws(Unwritable) -> [(name: String, text: String)]
    {
        // In file order, so that the first value that cannot be written is the one thrown.
        let settings = try settingsRows(c)
        let (sitters, credentials, availability) = try sitterRows(c)
        let english = [
            ("settings.csv", settings),
            ("territories.csv", [["id", "name"]] + c.territories.map { [$0.id, $0.name] }),
            ("travel.csv", [["from", "to", "minutes"]] + c.travel.map { [$0.from, $0.to, String($0.minutes)] }),
            ("sitters.csv", sitters), ("credentials.csv", credentials), ("availability.csv", availability),
            ("families.csv", try familyRows(c)), ("visits.csv", try visitRows(c)), ("oncall.csv", try shiftRows(c)),
        ]
        let tables = headers == .english ? english : english.map { ($0, french($0, $1)) }
        // Every cell formula-safe: relief reads the `'` back off (`CSVCaseReader`), a spreadsheet shows text.
        return tables.map { name, rows in (name, CSV.write(rows.map { $0.map(CSV.formulaSafe) }, style: style)) }
    }

    // MARK: - Cells

    /// A local wall time, with its offset only when the wall time would read back as another instant.
    static func time(_ t: Instant, _ clock: CaseClock) -> String {
        CaseWriter.timeText(t, clock).replacingOccurrences(of: "T", with: " ")
    }

    /// Items joined by `,`; an item the reader would split or trim cannot be written.
    static func list<S: Sequence<String>>(_ items: S, _ p: CasePath) throws(Unwritable) -> String {
        let a = Array(items)
        for s in a
        where s.isEmpty || s.contains(",") || s.contains("|") || s.trimmingCharacters(in: .whitespaces) != s {
            throw Unwritable(path: p.description, value: s)
        }
        return a.joined(separator: ",")
    }

    static func yes(_ b: Bool) -> String { b ? "yes" : "no" }
    static func num(_ n: Int?) -> String { n.map(String.init) ?? "" }

    // MARK: - Rows, header first

    /// The rows without those optional columns that are empty on every row: a case that uses
    /// none of the later fields (an on-call shift's `assigned`, a family's contact) is written
    /// exactly as before they existed.
    static func withoutEmpty(_ optional: Set<String>, _ rows: [[String]]) -> [[String]] {
        guard let header = rows.first else { return rows }
        let drop = Set(
            header.indices.filter { i in optional.contains(header[i]) && rows.dropFirst().allSatisfy { $0[i].isEmpty } }
        )
        return rows.map { row in row.indices.filter { !drop.contains($0) }.map { row[$0] } }
    }

    static func settingsRows(_ c: Case) throws(Unwritable) -> [[String]] {
        [
            ["key", "value"], ["name", c.name], ["timeZone", c.clock.identifier],
            ["horizonStart", time(c.horizon.start, c.clock)], ["horizonEnd", time(c.horizon.end, c.clock)],
            ["requiredCredentials", try list(c.requiredCredentials, .root.key("requiredCredentials"))],
            ["maxMinutesPerDay", String(c.rules.maxMinutesPerDay)],
            ["maxMinutesPerWeek", String(c.rules.maxMinutesPerWeek)],
        ] + (c.rules.volunteerMaxMinutesPerWeek.map { [["volunteerMaxMinutesPerWeek", String($0)]] } ?? [])
    }

    /// sitters.csv, credentials.csv and availability.csv, sitter by sitter.
    static func sitterRows(_ c: Case) throws(Unwritable) -> ([[String]], [[String]], [[String]]) {
        var sitters = [
            [
                "id", "name", "homeTerritory", "territories", "competencies", "trainee", "maxMinutesPerDay",
                "maxMinutesPerWeek", "targetMinutesPerWeek", "onCall", "maxShifts", "onCallCompetencies",
            ] + (c.usesVolunteers ? ["kind"] : [])
        ]
        var credentials = [["sitter", "kind", "validUntil"]]
        var availability = [["sitter", "day", "from", "to"]]
        for (i, s) in c.sitters.enumerated() {
            let p = CasePath.sitter(i)
            sitters.append(
                [
                    s.id, s.name, s.homeTerritory, try list(s.territories, p.key("territories")),
                    try list(s.competencies.sorted(), p.key("competencies")), yes(s.trainee), num(s.maxMinutesPerDay),
                    num(s.maxMinutesPerWeek), num(s.targetMinutesPerWeek), s.onCall.map { yes($0.eligible) } ?? "",
                    num(s.onCall?.maxShifts),
                    try list((s.onCall?.competencies ?? []).sorted(), p.field("onCall.competencies")),
                ] + (c.usesVolunteers ? [s.kind.rawValue] : []))
            for (kind, until) in s.credentials.sorted(by: { $0.key < $1.key }) {
                credentials.append([s.id, kind, until.map(\.description) ?? ""])
            }
            for row in rows(s.availability, c.clock) { availability.append([s.id] + row) }
        }
        return (sitters, credentials, availability)
    }

    static func familyRows(_ c: Case) throws(Unwritable) -> [[String]] {
        var families = [
            ["id", "name", "territory", "preferredSitters", "excludedSitters", "previousSitters", "address", "phone"]
        ]
        for (i, f) in c.families.enumerated() {
            let p = CasePath.family(i)
            families.append([
                f.id, f.name, f.territory, try list(f.preferredSitters, p.key("preferredSitters")),
                try list(f.excludedSitters, p.key("excludedSitters")),
                try list(f.previousSitters, p.key("previousSitters")), f.address ?? "", f.phone ?? "",
            ])
        }
        return withoutEmpty(["address", "phone"], families)
    }

    static func visitRows(_ c: Case) throws(Unwritable) -> [[String]] {
        var visits = [
            [
                "id", "family", "start", "end", "sitters", "competencies", "credentials", "priority", "assigned",
                "locked",
            ] + (c.usesVolunteers ? ["volunteers"] : [])
        ]
        for (i, v) in c.visits.enumerated() {
            let p = CasePath.visit(i)
            visits.append(
                [
                    v.id, v.family, time(v.span.start, c.clock), time(v.span.end, c.clock), String(v.sitters),
                    try list(v.competencies.sorted(), p.key("competencies")),
                    try list(v.credentials.sorted(), p.key("credentials")), v.priority.rawValue,
                    try list(v.assigned, p.key("assigned")), yes(v.locked),
                ] + (c.usesVolunteers ? [yes(v.volunteers)] : []))
        }
        return visits
    }

    static func shiftRows(_ c: Case) throws(Unwritable) -> [[String]] {
        var shifts = [["id", "start", "end", "staff", "competencies", "assigned"]]
        for (i, o) in c.onCallShifts.enumerated() {
            shifts.append([
                o.id, time(o.span.start, c.clock), time(o.span.end, c.clock), String(o.staff),
                try list(o.competencies.sorted(), CasePath.shift(i).key("competencies")),
                try list(o.assigned, CasePath.shift(i).key("assigned")),
            ])
        }
        return withoutEmpty(["assigned"], shifts)
    }

    /// Availability as `day, from, to` rows: one row per interval when it fits in one
    /// (a `to` at or before `from` ends on the next day), else cut at local midnights.
    static func rows(_ spans: [TimeSpan], _ clock: CaseClock) -> [[String]] {
        func clockTime(_ t: Instant) -> (day: LocalDate, text: String, seconds: Int) {
            let day = clock.localDate(t)
            let wall = t.seconds + Int64(clock.offset(at: t)) - Int64(day.day) * 86400
            var text = String(clock.formatLocal(t).dropFirst(11))
            // A local time that reads back as another instant (fall-back) keeps its offset.
            if case .success(let back) = clock.parse(clock.formatLocal(t)), back != t {
                text = String(clock.format(t).dropFirst(11))
            }
            return (day, text, Int(wall))
        }
        var out: [[String]] = []
        for span in spans {
            var start = span.start
            while start < span.end {
                let a = clockTime(start)
                let b = clockTime(span.end)
                let fits =
                    (b.day == a.day && b.seconds > a.seconds)
                    || (b.day.day == a.day.day + 1 && b.seconds <= a.seconds)
                if fits {
                    out.append([a.day.description, a.text, b.text])
                    break
                }
                // Cut at the next local midnight (or, where midnight does not exist, at the day's first instant).
                let midnightWall = Int64(a.day.day + 1) * 86400
                var cut =
                    clock.resolve(wall: midnightWall) ?? Instant(seconds: midnightWall - Int64(clock.offset(at: start)))
                if cut <= start { cut = start.adding(minutes: 60) }
                out.append([a.day.description, a.text, clockTime(cut).text])
                start = cut
            }
        }
        return out
    }
}
