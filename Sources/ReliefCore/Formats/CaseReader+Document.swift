import Foundation

// The `relief.case/1` document read part by part, each into the case's values,
// in the order of the contract (so diagnostics come in document order).
extension CaseReader {
    static let caseFields = [
        "format", "name", "timeZone", "horizon", "territories", "travel", "requiredCredentials", "rules", "programs",
        "sitters", "families", "visits", "onCallShifts", "standing",
    ]
    static let sitterFields = [
        "id", "name", "homeTerritory", "territories", "competencies", "credentials", "trainee", "availability",
        "maxMinutesPerDay", "maxMinutesPerWeek", "targetMinutesPerWeek", "onCall", "weeklyAvailability",
        "kind", "weeklyRestMinutes",
    ]
    static let familyFields = [
        "id", "name", "territory", "preferredSitters", "excludedSitters", "previousSitters", "address", "phone",
        "programs",
        "ledger",
    ]
    static let visitFields = [
        "id", "family", "start", "end", "sitters", "competencies", "credentials", "priority", "assigned", "locked",
        "program", "volunteers",
    ]
    static let shiftFields = ["id", "start", "end", "staff", "competencies", "assigned"]

    /// The document as a case draft, with what could not be read reported;
    /// nil when there is nothing to check (not an object, unknown time zone).
    public mutating func draft(_ root: JSONValue) -> CaseDraft? {
        let r = CasePath.root
        guard let doc = object(root, r, known: CaseReader.caseFields) else { return nil }
        format(doc, Case.format)
        let name = string(doc["name"], r.key("name"), required: false) ?? ""
        let tzName = string(doc["timeZone"], r.key("timeZone"), required: false) ?? "America/Toronto"
        guard let clock = CaseClock(identifier: tzName) else {
            error(
                r.key("timeZone"), "unknown time zone \(CaseReader.quoted(tzName))",
                fix: "use an IANA name such as America/Toronto")
            return nil
        }
        let horizon = span(doc["horizon"], r.key("horizon"), clock: clock)
        if horizon == nil { unread.horizon = true }
        let territories = readTerritories(doc["territories"])
        let travel = readTravel(doc["travel"])
        let required = strings(doc["requiredCredentials"], r.key("requiredCredentials"))
        let rules = readRules(doc["rules"])
        let programs = readPrograms(doc["programs"])
        var sitters: [Sitter] = []
        for (i, s) in (array(doc["sitters"], r.key("sitters"), required: true) ?? []).enumerated() {
            if let sitter = readSitter(s, .sitter(i), at: .sitter(sitters.count), clock: clock) {
                sitters.append(sitter)
            }
        }
        let families = readFamilies(doc["families"])
        var visits: [Visit] = []
        for (i, v) in (array(doc["visits"], r.key("visits"), required: true) ?? []).enumerated() {
            if let visit = readVisit(v, .visit(i), at: .visit(visits.count), clock: clock) { visits.append(visit) }
        }
        let shifts = readShifts(doc["onCallShifts"], clock: clock)
        let standing = readStanding(doc["standing"])
        let c = Case(
            name: name, clock: clock,
            horizon: horizon ?? TimeSpan(start: Instant(seconds: 0), end: Instant(seconds: 0)),
            territories: territories, travel: travel, requiredCredentials: required, rules: rules, sitters: sitters,
            families: families, visits: visits, onCallShifts: shifts, programs: programs, standing: standing)
        return CaseDraft(c, sources: .json(moved: moved), unread: unread)
    }

    mutating func readTerritories(_ v: JSONValue?) -> [Territory] {
        var territories: [Territory] = []
        for (i, t) in (array(v, CasePath.root.key("territories"), required: true) ?? []).enumerated() {
            let p = CasePath.territory(i)
            guard let o = object(t, p, known: ["id", "name"]), let tid = string(o["id"], p.key("id"), required: true)
            else { continue }
            place(.territory(territories.count), at: p)
            territories.append(Territory(id: tid, name: string(o["name"], p.key("name"), required: false) ?? tid))
        }
        return territories
    }

    mutating func readTravel(_ v: JSONValue?) -> [TravelEntry] {
        var travel: [TravelEntry] = []
        for (i, t) in (array(v, CasePath.root.key("travel"), required: false) ?? []).enumerated() {
            let p = CasePath.travel(i)
            guard let o = object(t, p, known: ["from", "to", "minutes"]) else {
                unread.travel.append((nil, nil))
                continue
            }
            let from = string(o["from"], p.key("from"), required: true)
            let to = string(o["to"], p.key("to"), required: true)
            let minutes = int(o["minutes"], p.key("minutes"), range: 0...CaseValidator.maxTravelMinutes)
            if o["minutes"] == nil { error(p.key("minutes"), "missing", fix: "add the travel time in minutes") }
            guard let from, let to, let minutes else {
                unread.travel.append((from, to))
                continue
            }
            place(.travel(travel.count), at: p)
            travel.append(TravelEntry(from: from, to: to, minutes: minutes))
        }
        return travel
    }

    mutating func readRules(_ v: JSONValue?) -> Rules {
        var rules = Rules()
        let rp = CasePath.root.key("rules")
        if let o = object(
            v, rp,
            known: [
                "maxMinutesPerDay", "maxMinutesPerWeek", "fairShare", "ledgerWeeks", "volunteerMaxMinutesPerWeek",
                "maxConsecutiveShifts", "weeklyRestMinutes",
            ], required: false)
        {
            if let f = string(o["fairShare"], rp.key("fairShare"), required: false) {
                if let placement = FairSharePlacement(rawValue: f) {
                    rules.fairShare = placement
                } else {
                    error(
                        rp.key("fairShare"), "unknown placement \(CaseReader.quoted(f))",
                        fix: "use off, after-normal or before-normal")
                }
            }
            rules.ledgerWeeks =
                int(o["ledgerWeeks"], rp.key("ledgerWeeks"), range: 0...CaseValidator.maxLedgerWeeks)
                ?? rules.ledgerWeeks
            rules.maxConsecutiveShifts = int(
                o["maxConsecutiveShifts"], rp.key("maxConsecutiveShifts"), range: 1...CaseValidator.maxShifts)
            rules.maxMinutesPerDay =
                int(o["maxMinutesPerDay"], rp.key("maxMinutesPerDay"), range: 0...CaseValidator.maxMinutesPerDay)
                ?? rules.maxMinutesPerDay
            rules.maxMinutesPerWeek =
                int(o["maxMinutesPerWeek"], rp.key("maxMinutesPerWeek"), range: 0...CaseValidator.maxMinutes)
                ?? rules.maxMinutesPerWeek
            rules.volunteerMaxMinutesPerWeek = int(
                o["volunteerMaxMinutesPerWeek"], rp.key("volunteerMaxMinutesPerWeek"),
                range: 0...CaseValidator.maxMinutes)
            rules.weeklyRestMinutes = int(
                o["weeklyRestMinutes"], rp.key("weeklyRestMinutes"), range: 0...CaseValidator.maxMinutes)
        }
        return rules
    }

    /// An optional contact string (a family's address or phone): empty is none.
    mutating func contact(_ v: JSONValue?, _ path: CasePath, max: Int) -> String? {
        guard let s = string(v, path, required: false), !s.isEmpty else { return nil }
        if let problem = Family.contactProblem(s, max: max) {
            error(path, problem, fix: "write it on one line, at most \(max) characters")
            return nil
        }
        return s
    }

    mutating func readFamilies(_ v: JSONValue?) -> [Family] {
        var families: [Family] = []
        for (i, f) in (array(v, CasePath.root.key("families"), required: true) ?? []).enumerated() {
            let p = CasePath.family(i)
            let at = CasePath.family(families.count)
            guard let o = object(f, p, known: CaseReader.familyFields) else { continue }
            let fid = string(o["id"], p.key("id"), required: true)
            let territory = string(o["territory"], p.key("territory"), required: true)
            let fam = Family(
                id: fid ?? "", name: string(o["name"], p.key("name"), required: false) ?? "",
                territory: territory ?? "",
                preferredSitters: strings(
                    o["preferredSitters"], p.key("preferredSitters"), at: at.key("preferredSitters")),
                excludedSitters: strings(o["excludedSitters"], p.key("excludedSitters"), at: at.key("excludedSitters")),
                previousSitters: strings(o["previousSitters"], p.key("previousSitters"), at: at.key("previousSitters")),
                address: contact(o["address"], p.key("address"), max: Family.maxAddressLength),
                phone: contact(o["phone"], p.key("phone"), max: Family.maxPhoneLength),
                programs: strings(o["programs"], p.key("programs"), at: at.key("programs")),
                ledger: readLedger(o["ledger"], p.key("ledger")))
            guard fid != nil, territory != nil else {
                if let fid { unread.families.insert(fid) }
                continue
            }
            place(at, at: p)
            families.append(fam)
        }
        return families
    }

    mutating func readShifts(_ v: JSONValue?, clock: CaseClock) -> [OnCallShift] {
        var shifts: [OnCallShift] = []
        for (i, o) in (array(v, CasePath.root.key("onCallShifts"), required: false) ?? []).enumerated() {
            let p = CasePath.shift(i)
            guard let ob = object(o, p, known: CaseReader.shiftFields) else { continue }
            let oid = string(ob["id"], p.key("id"), required: true)
            let sp = startEnd(ob, p, clock: clock)
            let staff = int(ob["staff"], p.key("staff"), range: 1...CaseValidator.maxSittersPerVisit)
            let comps = Set(strings(ob["competencies"], p.key("competencies")))
            let assigned = strings(ob["assigned"], p.key("assigned"), at: CasePath.shift(shifts.count).key("assigned"))
            guard let oid, let sp else { continue }
            place(.shift(shifts.count), at: p)
            shifts.append(OnCallShift(id: oid, span: sp, staff: staff ?? 1, competencies: comps, assigned: assigned))
        }
        return shifts
    }

    /// A sitter's `credentials`: kind -> last valid day (nil: no expiry).
    mutating func readCredentials(_ v: JSONValue?, _ p: CasePath) -> [String: LocalDate?] {
        var creds: [String: LocalDate?] = [:]
        if let c = v, c != .null {
            if case .object(let members) = c {
                for (k, d) in members {
                    let cp = p.key("credentials").key(k)
                    switch d {
                    case .null: creds[k] = .some(nil)
                    case .string(let s):
                        if let date = LocalDate.parse(s) {
                            creds[k] = .some(date)
                        } else {
                            error(
                                cp, "\(CaseReader.quoted(s)) is not a date",
                                fix: "write the last valid day as YYYY-MM-DD, or null for no expiry")
                        }
                    default:
                        error(
                            cp, "is \(d.typeName), expected a date or null",
                            fix: "write the last valid day as \"YYYY-MM-DD\", or null for no expiry")
                    }
                }
            } else {
                error(
                    p.key("credentials"), "is \(c.typeName), expected an object",
                    fix: "write { \"kind\": \"YYYY-MM-DD\" }")
            }
        }
        return creds
    }

    mutating func readSitter(_ v: JSONValue, _ p: CasePath, at: CasePath, clock: CaseClock) -> Sitter? {
        guard let o = object(v, p, known: CaseReader.sitterFields) else { return nil }
        let sid = string(o["id"], p.key("id"), required: true)
        let home = string(o["homeTerritory"], p.key("homeTerritory"), required: true)
        var serves: [String]? = nil
        if o["territories"] != nil && o["territories"] != .null {
            serves = strings(o["territories"], p.key("territories"), at: at.key("territories"))
        }
        let creds = readCredentials(o["credentials"], p)
        var avail: [TimeSpan] = []
        for (i, a) in (array(o["availability"], p.key("availability"), required: false) ?? []).enumerated() {
            let ap = p.key("availability").index(i)
            guard let s = span(a, ap, clock: clock) else { continue }
            // Sitter.init merges the intervals: an inverted one must be caught before it is merged away.
            if let d = CaseValidator.spanError(s, at: ap) {
                diagnostics.append(d)
                unread.readerFailed = true
                continue
            }
            avail.append(s)
        }
        var onCall: OnCallProfile?
        if let oc = o["onCall"], oc != .null,
            let ob = object(
                oc, p.key("onCall"), known: ["eligible", "maxShifts", "competencies", "maxConsecutiveShifts"])
        {
            onCall = OnCallProfile(
                eligible: bool(ob["eligible"], p.field("onCall.eligible"), default: true),
                maxShifts: int(ob["maxShifts"], p.field("onCall.maxShifts"), range: 0...CaseValidator.maxShifts),
                competencies: Set(strings(ob["competencies"], p.field("onCall.competencies"))),
                maxConsecutiveShifts: int(
                    ob["maxConsecutiveShifts"], p.field("onCall.maxConsecutiveShifts"),
                    range: 1...CaseValidator.maxShifts))
        }
        let maxDay = int(o["maxMinutesPerDay"], p.key("maxMinutesPerDay"), range: 0...CaseValidator.maxMinutesPerDay)
        let maxWeek = int(o["maxMinutesPerWeek"], p.key("maxMinutesPerWeek"), range: 0...CaseValidator.maxMinutes)
        let target = int(
            o["targetMinutesPerWeek"], p.key("targetMinutesPerWeek"), range: 0...CaseValidator.maxMinutes)
        let name = string(o["name"], p.key("name"), required: false) ?? ""
        let competencies = Set(strings(o["competencies"], p.key("competencies")))
        let trainee = bool(o["trainee"], p.key("trainee"), default: false)
        let weekly = readWeekly(o["weeklyAvailability"], p.key("weeklyAvailability"))
        let kind = sitterKind(o["kind"], p.key("kind"))
        let rest = int(o["weeklyRestMinutes"], p.key("weeklyRestMinutes"), range: 0...CaseValidator.maxMinutes)
        guard let sid, let home else {
            if let sid { unread.sitters.insert(sid) }
            return nil
        }
        place(at, at: p)
        return Sitter(
            id: sid, name: name, homeTerritory: home, territories: serves, competencies: competencies,
            credentials: creds, trainee: trainee, availability: avail, maxMinutesPerDay: maxDay,
            maxMinutesPerWeek: maxWeek, targetMinutesPerWeek: target, onCall: onCall, weeklyAvailability: weekly,
            kind: kind, weeklyRestMinutes: rest)
    }

    mutating func readVisit(_ v: JSONValue, _ p: CasePath, at: CasePath, clock: CaseClock) -> Visit? {
        guard let o = object(v, p, known: CaseReader.visitFields) else { return nil }
        let vid = string(o["id"], p.key("id"), required: true)
        let fam = string(o["family"], p.key("family"), required: true)
        let sp = startEnd(o, p, clock: clock)
        let need = int(o["sitters"], p.key("sitters"), range: 1...CaseValidator.maxSittersPerVisit)
        let priority = priority(o["priority"], p.key("priority"))
        let assigned = strings(o["assigned"], p.key("assigned"), at: at.key("assigned"))
        let locked = bool(o["locked"], p.key("locked"), default: false)
        let comps = Set(strings(o["competencies"], p.key("competencies")))
        let creds = Set(strings(o["credentials"], p.key("credentials")))
        let program = string(o["program"], p.key("program"), required: false)
        let volunteers = bool(o["volunteers"], p.key("volunteers"), default: false)
        guard let vid, let fam, let sp else { return nil }
        place(at, at: p)
        return Visit(
            id: vid, family: fam, span: sp, sitters: need ?? 1, competencies: comps, credentials: creds,
            priority: priority, assigned: assigned, locked: locked, program: program,
            volunteers: volunteers)
    }

    /// A sitter's `kind`: employee (the default) or volunteer.
    mutating func sitterKind(_ v: JSONValue?, _ path: CasePath) -> SitterKind {
        guard let k = string(v, path, required: false) else { return .employee }
        guard let kind = SitterKind(rawValue: k) else {
            error(path, "unknown kind \(CaseReader.quoted(k))", fix: "use employee or volunteer")
            return .employee
        }
        return kind
    }
}
