// The fields of `weeks.md` (programs, ledgers, weekly availability, standing
// requests): their syntax and types; what they mean is the validator's.
extension CaseReader {
    static let programFields = ["id", "name", "budgetMinutes", "familyMinutesPerWeek"]
    static let ledgerFields = ["weekStart", "requestedMinutes", "servedMinutes"]
    static let standingFields = [
        "id", "family", "weekday", "start", "end", "every", "from", "until", "sitters", "competencies", "credentials",
        "priority", "program",
    ]

    mutating func readPrograms(_ v: JSONValue?) -> [Program] {
        var out: [Program] = []
        for (i, item) in (array(v, CasePath.root.key("programs"), required: false) ?? []).enumerated() {
            let p = CasePath.program(i)
            guard let o = object(item, p, known: CaseReader.programFields),
                let id = string(o["id"], p.key("id"), required: true)
            else { continue }
            let budget = int(o["budgetMinutes"], p.key("budgetMinutes"), range: 0...CaseValidator.maxBudgetMinutes)
            let perFamily = int(
                o["familyMinutesPerWeek"], p.key("familyMinutesPerWeek"), range: 0...CaseValidator.maxBudgetMinutes)
            place(.program(out.count), at: p)
            out.append(
                Program(
                    id: id, name: string(o["name"], p.key("name"), required: false) ?? "", budgetMinutes: budget,
                    familyMinutesPerWeek: perFamily))
        }
        return out
    }

    mutating func date(_ v: JSONValue?, _ path: CasePath, required: Bool) -> LocalDate? {
        guard let s = string(v, path, required: required) else { return nil }
        guard let d = LocalDate.parse(s) else {
            error(path, "\(CaseReader.quoted(s)) is not a date", fix: "write it as YYYY-MM-DD")
            return nil
        }
        return d
    }

    mutating func readLedger(_ v: JSONValue?, _ path: CasePath) -> [LedgerEntry] {
        var out: [LedgerEntry] = []
        for (i, item) in (array(v, path, required: false) ?? []).enumerated() {
            let p = path.index(i)
            guard let o = object(item, p, known: CaseReader.ledgerFields) else { continue }
            let week = date(o["weekStart"], p.key("weekStart"), required: true)
            let range = 0...CaseValidator.maxBudgetMinutes
            let requested = int(o["requestedMinutes"], p.key("requestedMinutes"), range: range)
            let served = int(o["servedMinutes"], p.key("servedMinutes"), range: range)
            for (k, x) in [("requestedMinutes", requested), ("servedMinutes", served)] where x == nil && o[k] == nil {
                error(p.key(k), "missing", fix: "add \(k) as a whole number of minutes")
            }
            guard let week, let requested, let served else { continue }
            out.append(LedgerEntry(weekStart: week, requestedMinutes: requested, servedMinutes: served))
        }
        return out
    }

    /// A visit's or standing request's priority: normal when absent.
    mutating func priority(_ v: JSONValue?, _ path: CasePath) -> Priority {
        guard let ps = string(v, path, required: false) else { return .normal }
        guard let pr = Priority(rawValue: ps) else {
            error(path, "unknown priority \(CaseReader.quoted(ps))", fix: "use urgent, high or normal")
            return .normal
        }
        return pr
    }

    mutating func weekday(_ v: JSONValue?, _ path: CasePath) -> Weekday? {
        guard let s = string(v, path, required: true) else { return nil }
        guard let d = Weekday(name: s) else {
            error(path, "unknown weekday \(CaseReader.quoted(s))", fix: "use monday, tuesday, ... or sunday")
            return nil
        }
        return d
    }

    mutating func timeOfDay(_ v: JSONValue?, _ path: CasePath) -> TimeOfDay? {
        guard let s = string(v, path, required: true) else { return nil }
        guard let t = TimeOfDay.parse(s) else {
            error(path, "\(CaseReader.quoted(s)) is not a time of day", fix: "write it as HH:MM, from 00:00 to 23:59")
            return nil
        }
        return t
    }

    mutating func readWeekly(_ v: JSONValue?, _ path: CasePath) -> [WeeklySlot] {
        var out: [WeeklySlot] = []
        for (i, item) in (array(v, path, required: false) ?? []).enumerated() {
            let p = path.index(i)
            guard let o = object(item, p, known: ["weekday", "start", "end"]) else { continue }
            let d = weekday(o["weekday"], p.key("weekday"))
            let a = timeOfDay(o["start"], p.key("start"))
            let b = timeOfDay(o["end"], p.key("end"))
            guard let d, let a, let b else { continue }
            out.append(WeeklySlot(weekday: d, start: a, end: b))
        }
        return out
    }

    mutating func readStanding(_ v: JSONValue?) -> [StandingRequest] {
        var out: [StandingRequest] = []
        for (i, item) in (array(v, CasePath.root.key("standing"), required: false) ?? []).enumerated() {
            let p = CasePath.standing(i)
            guard let o = object(item, p, known: CaseReader.standingFields) else { continue }
            let id = string(o["id"], p.key("id"), required: true)
            let family = string(o["family"], p.key("family"), required: true)
            let d = weekday(o["weekday"], p.key("weekday"))
            let a = timeOfDay(o["start"], p.key("start"))
            let b = timeOfDay(o["end"], p.key("end"))
            let every = int(o["every"], p.key("every"), range: 1...CaseValidator.maxEveryWeeks)
            let from = date(o["from"], p.key("from"), required: true)
            let until = date(o["until"], p.key("until"), required: false)
            let need = int(o["sitters"], p.key("sitters"), range: 1...CaseValidator.maxSittersPerVisit)
            let priority = priority(o["priority"], p.key("priority"))
            let comps = Set(strings(o["competencies"], p.key("competencies")))
            let creds = Set(strings(o["credentials"], p.key("credentials")))
            let program = string(o["program"], p.key("program"), required: false)
            guard let id, let family, let d, let a, let b, let from else { continue }
            place(.standing(out.count), at: p)
            out.append(
                StandingRequest(
                    id: id, family: family, weekday: d, start: a, end: b, every: every ?? 1, from: from, until: until,
                    sitters: need ?? 1, competencies: comps, credentials: creds, priority: priority, program: program))
        }
        return out
    }
}
