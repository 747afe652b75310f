import Foundation

// A sitter's rows: sitters.csv, then credentials.csv and availability.csv, which
// name a sitter of sitters.csv.
extension CSVCaseReader {
    mutating func readSitter(_ t: Table, _ row: CSV.Row, at p: CasePath) -> Sitter? {
        let id = required(t, row, "id", "the sitter's id")
        let home = required(t, row, "homeTerritory", "the id of the sitter's home territory")
        let maxDay = int(t, row, "maxMinutesPerDay", 0...CaseValidator.maxMinutesPerDay)
        let maxWeek = int(t, row, "maxMinutesPerWeek", 0...CaseValidator.maxMinutes)
        let target = int(t, row, "targetMinutesPerWeek", 0...CaseValidator.maxMinutes)
        let trainee = bool(t, row, "trainee") ?? false
        let onCall = bool(t, row, "onCall")
        let maxShifts = int(t, row, "maxShifts", 0...CaseValidator.maxShifts)
        let onCallComps = list(t, row, "onCallCompetencies")
        let kind = kind(t, row)
        guard let id, let home else {
            if let id { unread.sitters.insert(id) }
            return nil
        }
        place(
            p, t, row,
            [
                "id": "id", "name": "name", "homeTerritory": "homeTerritory", "territories": "territories",
                "competencies": "competencies", "trainee": "trainee", "maxMinutesPerDay": "maxMinutesPerDay",
                "maxMinutesPerWeek": "maxMinutesPerWeek", "targetMinutesPerWeek": "targetMinutesPerWeek",
                "onCall": "onCall", "onCall.eligible": "onCall", "onCall.maxShifts": "maxShifts",
                "onCall.competencies": "onCallCompetencies", "kind": "kind",
            ])
        // An empty onCall cell with nothing else about on-call is no onCall at all (as an absent JSON field).
        var profile: OnCallProfile?
        if onCall != nil || maxShifts != nil || !onCallComps.isEmpty {
            profile = OnCallProfile(eligible: onCall ?? false, maxShifts: maxShifts, competencies: Set(onCallComps))
        }
        let serves = list(t, row, "territories")
        return Sitter(
            id: id, name: text(t, row, "name") ?? "", homeTerritory: home, territories: serves.isEmpty ? nil : serves,
            competencies: Set(list(t, row, "competencies")), trainee: trainee, maxMinutesPerDay: maxDay,
            maxMinutesPerWeek: maxWeek, targetMinutesPerWeek: target, onCall: profile, kind: kind ?? .employee)
    }

    static let kindWords: [String: SitterKind] = [
        "employee": .employee, "employe": .employee, "volunteer": .volunteer,
        "benevole": .volunteer,
    ]

    /// The `type` cell of sitters.csv: employee or volunteer, in English or French (`employé`, `bénévole`),
    /// matched as headers are (no case, no accents); nil when the cell is empty (an employee).
    mutating func kind(_ t: Table, _ row: CSV.Row) -> SitterKind? {
        guard let s = text(t, row, "kind") else { return nil }
        if let k = CSVCaseReader.kindWords[CSVCaseReader.normalized(s)] { return k }
        error(
            t.location(row, "kind"), "unknown type \(CaseReader.quoted(s))",
            fix: "write employé or bénévole (employee or volunteer), or leave the cell empty for an employee")
        return nil
    }

    /// The sitter named in a row of credentials.csv or availability.csv, reported when unknown.
    mutating func sitter(_ t: Table, _ row: CSV.Row, _ at: [String: Int]) -> Int? {
        guard let id = required(t, row, "sitter", "the sitter's id") else { return nil }
        if let i = at[id] { return i }
        if !unread.sitters.contains(id) {
            error(
                t.location(row, "sitter"), "unknown sitter \(CaseReader.quoted(id))",
                fix: "use the id of a sitter listed in sitters.csv, or remove the row")
        }
        return nil
    }

    mutating func readCredentials(_ data: Data?, into sitters: inout [Sitter], _ at: [String: Int]) {
        guard let t = table("credentials.csv", data) else { return }
        var seen: [String: Location] = [:]
        for row in t.rows {
            let si = sitter(t, row, at)
            let kind = required(t, row, "kind", "the kind of credential (first-aid, record-check, ...)")
            var date: LocalDate?
            let until = text(t, row, "validUntil")
            if let until {
                date = LocalDate.parse(until)
                if date == nil {
                    error(
                        t.location(row, "validUntil"), "\(CaseReader.quoted(until)) is not a date",
                        fix: "write the last valid day as YYYY-MM-DD, or leave the cell empty for no expiry")
                }
            }
            guard let si, let kind, until == nil || date != nil else { continue }
            let p = CasePath.sitter(si).key("credentials").key(kind)
            let key = "\(si)\u{0}\(kind)"
            if let first = seen[key] {
                if sitters[si].credentials[kind] != .some(date) {
                    error(
                        t.location(row, "validUntil"),
                        "credential \(CaseReader.quoted(kind)) of \(CaseValidator.name(sitters[si].id)) is given twice with different dates (first at \(first))",
                        fix: "keep one row per sitter and credential")
                }
                continue
            }
            seen[key] = t.location(row, "kind")
            place(p, t.location(row, t.has("validUntil") ? "validUntil" : "kind"))
            sitters[si].credentials[kind] = .some(date)
        }
    }

    static let weekdays: [String: Int] = [
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
        "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    ]

    /// `HH:MM`, seconds and an offset optional, `H:MM` and `24:00` accepted: the text after a date's `T`,
    /// and the seconds into the day it names on the wall clock.
    static func timeOfDay(_ s: String) -> (text: String, seconds: Int)? {
        var s = s
        if s.utf8.count >= 4, Array(s.utf8)[1] == UInt8(ascii: ":") { s = "0" + s }
        if s.hasPrefix("24:00") && s.dropFirst(5).allSatisfy({ $0 == ":" || $0 == "0" }) { s = "00:00" }
        guard let p = ISOTime.split("1970-01-01T" + s), p.wall >= 0, p.wall < 86400 else { return nil }
        return (s, Int(p.wall))
    }

    mutating func readAvailability(
        _ data: Data?, into sitters: inout [Sitter], _ at: [String: Int], clock: CaseClock, horizon: TimeSpan?
    ) {
        guard let t = table("availability.csv", data) else { return }
        // Spans by sitter, each with the row it came from, to locate the merged intervals.
        var spans: [Int: [(TimeSpan, CSV.Row)]] = [:]
        for row in t.rows {
            let si = sitter(t, row, at)
            let dayText = required(t, row, "day", "a date (YYYY-MM-DD) or a weekday (monday, lundi, ...)")
            let fromText = required(t, row, "from", "the start as HH:MM")
            let toText = required(t, row, "to", "the end as HH:MM")
            var days: [LocalDate] = []
            var weekday: Int?
            if let dayText {
                if let d = LocalDate.parse(dayText) {
                    days = [d]
                } else if let w = CSVCaseReader.weekdays[CSVCaseReader.normalized(dayText)] {
                    weekday = w
                } else {
                    error(
                        t.location(row, "day"), "\(CaseReader.quoted(dayText)) is not a date or a weekday",
                        fix: "write YYYY-MM-DD, or a weekday (monday..sunday, lundi..dimanche) for every such day")
                }
            }
            let from = fromText.flatMap { CSVCaseReader.timeOfDay($0) }
            let to = toText.flatMap { CSVCaseReader.timeOfDay($0) }
            for (key, text, value) in [("from", fromText, from), ("to", toText, to)] where text != nil && value == nil {
                error(
                    t.location(row, key), "\(CaseReader.quoted(text!)) is not a time of day",
                    fix: "write HH:MM (24-hour clock)")
            }
            guard let si, let from, let to, !days.isEmpty || weekday != nil else { continue }
            if let weekday {
                // Every such day whose period touches the horizon (the day before its start included, for nights).
                guard let horizon else { continue }
                let first = clock.localDate(horizon.start).day - 1
                let last = clock.localDate(horizon.end).day
                days = (first...last).filter { LocalDate(day: $0).weekday == weekday }.map { LocalDate(day: $0) }
            }
            for d in days {
                let next = LocalDate(day: d.day + 1)
                let endDay = to.seconds <= from.seconds ? next : d
                let a = time("\(d)T\(from.text)", at: t.location(row, "from"), clock: clock)
                let b = time("\(endDay)T\(to.text)", at: t.location(row, "to"), clock: clock)
                guard let a, let b else { continue }
                let span = TimeSpan(start: a, end: b)
                if weekday != nil, let horizon, !span.overlaps(horizon) { continue }
                guard a < b else {
                    error(t.location(row, "to"), "end is not after start", fix: "make end later than start")
                    continue
                }
                spans[si, default: []].append((span, row))
            }
        }
        for (si, list) in spans {
            sitters[si].availability = mergeSpans(list.map(\.0))
            for (k, merged) in sitters[si].availability.enumerated() {
                guard let (_, row) = list.filter({ $0.0.start == merged.start }).first else { continue }
                let p = CasePath.sitter(si).key("availability").index(k)
                place(p, t.location(row, "day"))
                place(p.key("start"), t.location(row, "from"))
                if let (_, endRow) = list.filter({ $0.0.end == merged.end }).first {
                    place(p.key("end"), t.location(endRow, "to"))
                }
            }
        }
    }
}
