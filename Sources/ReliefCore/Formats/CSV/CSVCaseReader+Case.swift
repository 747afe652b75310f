import Foundation

// The case from the files, one step per part in the order of `files` (settings
// first: the time zone reads every time), each element placed at the cells it
// came from.
extension CSVCaseReader {
    /// The rows of `settings.csv` by setting key: each value with the cell it came from.
    struct Settings {
        var byKey: [String: (value: String, at: Location)] = [:]
        /// The header of settings.csv (line 1 when the file cannot be read): where a missing setting is reported.
        var at = Location.file(path: "settings.csv", line: 1, column: 1, header: nil)
        /// Whether settings.csv was read.
        var read = false

        subscript(key: String) -> (value: String, at: Location)? { byKey[key] }
    }

    mutating func draft(_ files: [String: Data]) -> CaseDraft? {
        let root = CasePath.root
        let settings = readSettings(files["settings.csv"])
        place(root, settings.at)
        for (k, (_, l)) in settings.byKey { place(root.key(k), l) }
        let (zone, clockOK) = readClock(settings)
        let horizon = readHorizon(settings, clock: zone)
        if horizon == nil { unread.horizon = true }
        let rules = readRules(settings)
        let requiredCredentials = CSVCaseReader.list(settings["requiredCredentials"]?.value)

        let territories = readTerritories(files["territories.csv"])
        let travel = readTravel(files["travel.csv"])

        // Sitters, then their credentials and availability.
        var (sitters, sitterAt) = readSitters(files["sitters.csv"])
        readCredentials(files["credentials.csv"], into: &sitters, sitterAt)
        readAvailability(files["availability.csv"], into: &sitters, sitterAt, clock: zone, horizon: horizon)

        let families = readFamilies(files["families.csv"])
        let visits = readVisits(files["visits.csv"], clock: zone)
        let shifts = readShifts(files["oncall.csv"], clock: zone)

        guard clockOK else { return nil }
        let c = Case(
            name: settings["name"]?.value ?? "", clock: zone,
            horizon: horizon ?? TimeSpan(start: Instant(seconds: 0), end: Instant(seconds: 0)),
            territories: territories, travel: travel, requiredCredentials: requiredCredentials, rules: rules,
            sitters: sitters,
            families: families, visits: visits, onCallShifts: shifts)
        let places = self.places
        let fallback = settings.at
        let sources = CaseSources { p in
            var n = p.steps.count
            while n >= 0 {
                if let l = places[CasePath(Array(p.steps[..<n]))] { return l }
                n -= 1
            }
            return fallback
        }
        return CaseDraft(c, sources: sources, unread: unread)
    }

    // MARK: - Settings

    mutating func readSettings(_ data: Data?) -> Settings {
        var settings = Settings()
        guard let t = table("settings.csv", data) else { return settings }
        settings.at = t.headerLocation
        settings.read = true
        var byName: [String: String] = [:]
        for (k, aliases) in CSVCaseReader.settingKeys {
            for n in [k] + aliases { byName[CSVCaseReader.normalized(n)] = k }
        }
        for row in t.rows {
            guard let name = text(t, row, "key") else {
                error(t.location(row, "key"), "missing", fix: "write the setting's name")
                continue
            }
            guard let key = byName[CSVCaseReader.normalized(name)] else {
                warning(
                    t.location(row, "key"), "unknown setting \(CaseReader.quoted(name)), ignored",
                    fix: "use one of \(CSVCaseReader.settingKeys.map(\.key).joined(separator: ", "))")
                continue
            }
            let at = t.location(row, "value")
            if let (_, first) = settings[key] {
                error(at, "setting \(key) is given twice (first at \(first))", fix: "keep one row for \(key)")
                continue
            }
            settings.byKey[key] = (text(t, row, "value") ?? "", at)
        }
        return settings
    }

    /// The case's clock, and whether its time zone is known: when it is not, times read as UTC
    /// (so no false daylight-saving errors) and the draft is not validated.
    mutating func readClock(_ settings: Settings) -> (CaseClock, known: Bool) {
        let tzName = settings["timeZone"].map { $0.value.isEmpty ? "America/Toronto" : $0.value } ?? "America/Toronto"
        if let clock = CaseClock(identifier: tzName) { return (clock, true) }
        error(
            settings["timeZone"]?.at ?? settings.at, "unknown time zone \(CaseReader.quoted(tzName))",
            fix: "use an IANA name such as America/Toronto")
        return (CaseClock(identifier: "UTC")!, false)
    }

    mutating func readHorizon(_ settings: Settings, clock: CaseClock) -> TimeSpan? {
        let root = CasePath.root
        guard let (sv, sl) = settings["horizonStart"], let (ev, el) = settings["horizonEnd"] else {
            if settings.read {
                for k in ["horizonStart", "horizonEnd"] where settings[k] == nil {
                    error(settings.at, "missing setting \(k)", fix: "add a row \(k);YYYY-MM-DD HH:MM")
                }
            }
            return nil
        }
        place(root.key("horizon"), sl)
        place(root.key("horizon").key("start"), sl)
        place(root.key("horizon").key("end"), el)
        let a = sv.isEmpty ? nil : time(sv, at: sl, clock: clock)
        let b = ev.isEmpty ? nil : time(ev, at: el, clock: clock)
        if sv.isEmpty { error(sl, "missing", fix: "write the first instant of the week as YYYY-MM-DD HH:MM") }
        if ev.isEmpty { error(el, "missing", fix: "write the end of the week as YYYY-MM-DD HH:MM") }
        guard let a, let b else { return nil }
        return TimeSpan(start: a, end: b)
    }

    mutating func readRules(_ settings: Settings) -> Rules {
        let root = CasePath.root
        var rules = Rules()
        if let (s, l) = settings["maxMinutesPerDay"], !s.isEmpty {
            rules.maxMinutesPerDay = int(s, at: l, 0...CaseValidator.maxMinutesPerDay) ?? rules.maxMinutesPerDay
            place(root.key("rules").key("maxMinutesPerDay"), l)
        }
        if let (s, l) = settings["maxMinutesPerWeek"], !s.isEmpty {
            rules.maxMinutesPerWeek = int(s, at: l, 0...CaseValidator.maxMinutes) ?? rules.maxMinutesPerWeek
            place(root.key("rules").key("maxMinutesPerWeek"), l)
        }
        if let (s, l) = settings["volunteerMaxMinutesPerWeek"], !s.isEmpty {
            rules.volunteerMaxMinutesPerWeek = int(s, at: l, 0...CaseValidator.maxMinutes)
            place(root.key("rules").key("volunteerMaxMinutesPerWeek"), l)
        }
        return rules
    }

    // MARK: - The lists

    mutating func readTerritories(_ data: Data?) -> [Territory] {
        var territories: [Territory] = []
        guard let t = table("territories.csv", data) else { return territories }
        place(.root.key("territories"), t.headerLocation)
        unread.territories.formUnion(raggedIDs(t))
        for row in t.rows {
            guard let id = required(t, row, "id", "the territory's id") else { continue }
            place(.territory(territories.count), t, row, ["id": "id", "name": "name"])
            territories.append(Territory(id: id, name: text(t, row, "name") ?? id))
        }
        return territories
    }

    /// The sitters, and the index of each id (its first row).
    mutating func readSitters(_ data: Data?) -> ([Sitter], [String: Int]) {
        var sitters: [Sitter] = []
        var sitterAt: [String: Int] = [:]
        guard let t = table("sitters.csv", data) else { return (sitters, sitterAt) }
        place(.root.key("sitters"), t.headerLocation)
        warnIfHeaderOnly(t, "sitters")
        unread.sitters.formUnion(raggedIDs(t))
        for row in t.rows {
            if let s = readSitter(t, row, at: .sitter(sitters.count)) {
                if sitterAt[s.id] == nil { sitterAt[s.id] = sitters.count }
                sitters.append(s)
            }
        }
        return (sitters, sitterAt)
    }

    mutating func readFamilies(_ data: Data?) -> [Family] {
        var families: [Family] = []
        guard let t = table("families.csv", data) else { return families }
        place(.root.key("families"), t.headerLocation)
        unread.families.formUnion(raggedIDs(t))
        for row in t.rows {
            let id = required(t, row, "id", "the family's id")
            let territory = required(t, row, "territory", "the id of the family's territory")
            guard let id, let territory else {
                if let id { unread.families.insert(id) }
                continue
            }
            place(
                .family(families.count), t, row,
                [
                    "id": "id", "name": "name", "territory": "territory", "preferredSitters": "preferredSitters",
                    "excludedSitters": "excludedSitters", "previousSitters": "previousSitters", "address": "address",
                    "phone": "phone",
                ])
            families.append(
                Family(
                    id: id, name: text(t, row, "name") ?? "", territory: territory,
                    preferredSitters: list(t, row, "preferredSitters"),
                    excludedSitters: list(t, row, "excludedSitters"),
                    previousSitters: list(t, row, "previousSitters"),
                    address: contact(t, row, "address", max: Family.maxAddressLength),
                    phone: contact(t, row, "phone", max: Family.maxPhoneLength)))
        }
        return families
    }

    mutating func readVisits(_ data: Data?, clock: CaseClock) -> [Visit] {
        var visits: [Visit] = []
        guard let t = table("visits.csv", data) else { return visits }
        place(.root.key("visits"), t.headerLocation)
        warnIfHeaderOnly(t, "visits")
        for row in t.rows {
            if let v = readVisit(t, row, at: .visit(visits.count), clock: clock) { visits.append(v) }
        }
        return visits
    }

    mutating func readShifts(_ data: Data?, clock: CaseClock) -> [OnCallShift] {
        var shifts: [OnCallShift] = []
        place(.root.key("onCallShifts"), .file(path: "oncall.csv", line: 1, column: 1, header: nil))
        guard let t = table("oncall.csv", data) else { return shifts }
        place(.root.key("onCallShifts"), t.headerLocation)
        for row in t.rows {
            let id = required(t, row, "id", "the shift's id")
            let a = time(t, row, "start", clock: clock, what: "the start as YYYY-MM-DD HH:MM")
            let b = time(t, row, "end", clock: clock, what: "the end as YYYY-MM-DD HH:MM")
            let staff = int(t, row, "staff", 1...CaseValidator.maxSittersPerVisit)
            guard let id, let a, let b else { continue }
            place(
                .shift(shifts.count), t, row,
                [
                    "id": "id", "start": "start", "end": "end", "staff": "staff", "competencies": "competencies",
                    "assigned": "assigned",
                ])
            shifts.append(
                OnCallShift(
                    id: id, span: TimeSpan(start: a, end: b), staff: staff ?? 1,
                    competencies: Set(list(t, row, "competencies")), assigned: list(t, row, "assigned")))
        }
        return shifts
    }

    // MARK: - Rows

    mutating func readTravel(_ data: Data?) -> [TravelEntry] {
        let file = "travel.csv"
        guard let data else { return [] }
        guard let t = table(file, data) else { return [] }
        place(.root.key("travel"), t.headerLocation)
        guard t.matrix, let header = t.header else {
            var out: [TravelEntry] = []
            for row in t.rows {
                let from = required(t, row, "from", "a territory id")
                let to = required(t, row, "to", "a territory id")
                let minutes = text(t, row, "minutes").flatMap {
                    int($0, at: t.location(row, "minutes"), 0...CaseValidator.maxTravelMinutes)
                }
                if text(t, row, "minutes") == nil {
                    error(t.location(row, "minutes"), "missing", fix: "write the travel time in minutes")
                }
                guard let from, let to, let minutes else {
                    unread.travel.append((from, to))
                    continue
                }
                let p = CasePath.travel(out.count)
                place(p, t.location(row, "minutes"))
                place(p.key("from"), t.location(row, "from"))
                place(p.key("to"), t.location(row, "to"))
                place(p.key("minutes"), t.location(row, "minutes"))
                out.append(TravelEntry(from: from, to: to, minutes: minutes))
            }
            return out
        }
        let across = header.cells.dropFirst()
        var out: [TravelEntry] = []
        for row in t.rows {
            let down = row.cells[0]
            let fromAt = Location.file(path: file, line: down.line, column: 1, header: header.cells[0].text)
            if down.text.isEmpty {
                error(fromAt, "missing", fix: "write the territory id of this row")
                continue
            }
            for (k, h) in across.enumerated() {
                let cell = row.cells[k + 1]
                guard !cell.text.isEmpty else { continue }
                let at = Location.file(path: file, line: cell.line, column: cell.column, header: h.text)
                let toAt = Location.file(path: file, line: h.line, column: h.column, header: h.text)
                guard let m = int(cell.text, at: at, 0...CaseValidator.maxTravelMinutes) else {
                    unread.travel.append((down.text, h.text.isEmpty ? nil : h.text))
                    continue
                }
                if h.text.isEmpty {
                    error(toAt, "missing", fix: "write the territory id of this column")
                    continue
                }
                let p = CasePath.travel(out.count)
                place(p, at)
                place(p.key("from"), fromAt)
                place(p.key("to"), toAt)
                place(p.key("minutes"), at)
                out.append(TravelEntry(from: down.text, to: h.text, minutes: m))
            }
        }
        return out
    }

    mutating func readVisit(_ t: Table, _ row: CSV.Row, at p: CasePath, clock: CaseClock) -> Visit? {
        let id = required(t, row, "id", "the visit's id")
        let family = required(t, row, "family", "the id of the visit's family")
        let a = time(t, row, "start", clock: clock, what: "the start as YYYY-MM-DD HH:MM")
        let b = time(t, row, "end", clock: clock, what: "the end as YYYY-MM-DD HH:MM")
        let need = int(t, row, "sitters", 1...CaseValidator.maxSittersPerVisit)
        var priority = Priority.normal
        if let s = text(t, row, "priority") {
            switch CSVCaseReader.normalized(s) {
            case "urgent", "urgente": priority = .urgent
            case "high", "haute", "elevee": priority = .high
            case "normal", "normale": priority = .normal
            default:
                error(
                    t.location(row, "priority"), "unknown priority \(CaseReader.quoted(s))",
                    fix: "use urgent, high or normal (urgente, haute, normale)")
            }
        }
        let locked = bool(t, row, "locked") ?? false
        let volunteers = bool(t, row, "volunteers") ?? false
        guard let id, let family, let a, let b else { return nil }
        place(
            p, t, row,
            [
                "id": "id", "family": "family", "start": "start", "end": "end", "sitters": "sitters",
                "competencies": "competencies", "credentials": "credentials", "priority": "priority",
                "assigned": "assigned", "locked": "locked", "volunteers": "volunteers",
            ])
        return Visit(
            id: id, family: family, span: TimeSpan(start: a, end: b), sitters: need ?? 1,
            competencies: Set(list(t, row, "competencies")), credentials: Set(list(t, row, "credentials")),
            priority: priority, assigned: list(t, row, "assigned"), locked: locked, volunteers: volunteers)
    }
}
