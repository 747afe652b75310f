/// Writes a case back as a `relief.case/1` document (for generated cases,
/// what-if scenarios and the daemon's current state).
public enum CaseWriter {
    /// Local wall time when it reads back to the same instant, else with its offset.
    static func timeText(_ t: Instant, _ clock: CaseClock) -> String {
        let local = clock.formatLocal(t)
        if case .success(let back) = clock.parse(local), back == t { return local }
        return clock.format(t)
    }

    static func time(_ t: Instant, _ clock: CaseClock) -> JSONValue { .string(timeText(t, clock)) }

    static func strings<S: Sequence<String>>(_ s: S) -> JSONValue { .array(s.map { .string($0) }) }
    static func num(_ i: Int) -> JSONValue { .number(Double(i)) }

    public static func json(_ c: Case) -> JSONValue {
        let clock = c.clock
        var rules: [(String, JSONValue)] = []
        rules.append(("maxMinutesPerDay", num(c.rules.maxMinutesPerDay)))
        rules.append(("maxMinutesPerWeek", num(c.rules.maxMinutesPerWeek)))
        if let f = c.rules.fairShare { rules.append(("fairShare", .string(f.rawValue))) }
        if c.rules.ledgerWeeks != Rules().ledgerWeeks { rules.append(("ledgerWeeks", num(c.rules.ledgerWeeks))) }
        if let v = c.rules.volunteerMaxMinutesPerWeek { rules.append(("volunteerMaxMinutesPerWeek", num(v))) }
        if let m = c.rules.maxConsecutiveShifts { rules.append(("maxConsecutiveShifts", num(m))) }
        if let r = c.rules.weeklyRestMinutes { rules.append(("weeklyRestMinutes", num(r))) }
        var fields: [(String, JSONValue)] = [
            ("format", .string(Case.format)),
            ("name", .string(c.name)),
            ("timeZone", .string(clock.identifier)),
            ("horizon", span(c.horizon, clock)),
            (
                "territories",
                .array(c.territories.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) })
            ),
            (
                "travel",
                .array(
                    c.travel.map {
                        .object([("from", .string($0.from)), ("to", .string($0.to)), ("minutes", num($0.minutes))])
                    })
            ),
            ("requiredCredentials", strings(c.requiredCredentials)),
            ("rules", .object(rules)),
        ]
        if !c.programs.isEmpty { fields.append(("programs", .array(c.programs.map(program)))) }
        fields += [
            ("sitters", .array(c.sitters.map { sitter($0, clock) })),
            ("families", .array(c.families.map(family))),
            ("visits", .array(c.visits.map { visit($0, clock) })),
            ("onCallShifts", .array(c.onCallShifts.map { shift($0, clock) })),
        ]
        if !c.standing.isEmpty { fields.append(("standing", .array(c.standing.map(standing)))) }
        return .object(fields)
    }

    static func program(_ p: Program) -> JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(p.id))]
        if !p.name.isEmpty { m.append(("name", .string(p.name))) }
        if let b = p.budgetMinutes { m.append(("budgetMinutes", num(b))) }
        if let f = p.familyMinutesPerWeek { m.append(("familyMinutesPerWeek", num(f))) }
        return .object(m)
    }

    static func weekly(_ w: WeeklySlot) -> JSONValue {
        .object([
            ("weekday", .string(w.weekday.name)), ("start", .string(w.start.description)),
            ("end", .string(w.end.description)),
        ])
    }

    static func standing(_ r: StandingRequest) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("id", .string(r.id)), ("family", .string(r.family)), ("weekday", .string(r.weekday.name)),
            ("start", .string(r.start.description)), ("end", .string(r.end.description)), ("every", num(r.every)),
            ("from", .string(r.from.description)), ("until", r.until.map { .string($0.description) } ?? .null),
            ("sitters", num(r.sitters)), ("competencies", strings(r.competencies.sorted())),
            ("credentials", strings(r.credentials.sorted())), ("priority", .string(r.priority.rawValue)),
        ]
        if let p = r.program { m.append(("program", .string(p))) }
        return .object(m)
    }

    static func span(_ s: TimeSpan, _ clock: CaseClock) -> JSONValue {
        .object([("start", time(s.start, clock)), ("end", time(s.end, clock))])
    }

    static func sitter(_ s: Sitter, _ clock: CaseClock) -> JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(s.id))]
        if !s.name.isEmpty { m.append(("name", .string(s.name))) }
        m.append(("homeTerritory", .string(s.homeTerritory)))
        m.append(("territories", strings(s.territories)))
        m.append(("competencies", strings(s.competencies.sorted())))
        m.append(
            (
                "credentials",
                .object(
                    s.credentials.sorted { $0.key < $1.key }.map {
                        ($0.key, $0.value.map { .string($0.description) } ?? .null)
                    })
            ))
        if s.trainee { m.append(("trainee", .bool(true))) }
        m.append(("availability", .array(s.availability.map { span($0, clock) })))
        if let d = s.maxMinutesPerDay { m.append(("maxMinutesPerDay", num(d))) }
        if let w = s.maxMinutesPerWeek { m.append(("maxMinutesPerWeek", num(w))) }
        if let t = s.targetMinutesPerWeek { m.append(("targetMinutesPerWeek", num(t))) }
        if let oc = s.onCall {
            var o: [(String, JSONValue)] = [("eligible", .bool(oc.eligible))]
            if let ms = oc.maxShifts { o.append(("maxShifts", num(ms))) }
            if !oc.competencies.isEmpty { o.append(("competencies", strings(oc.competencies.sorted()))) }
            if let m = oc.maxConsecutiveShifts { o.append(("maxConsecutiveShifts", num(m))) }
            m.append(("onCall", .object(o)))
        }
        if !s.weeklyAvailability.isEmpty { m.append(("weeklyAvailability", .array(s.weeklyAvailability.map(weekly)))) }
        if s.isVolunteer { m.append(("kind", .string(s.kind.rawValue))) }
        if let r = s.weeklyRestMinutes { m.append(("weeklyRestMinutes", num(r))) }
        return .object(m)
    }

    static func family(_ f: Family) -> JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(f.id))]
        if !f.name.isEmpty { m.append(("name", .string(f.name))) }
        m.append(("territory", .string(f.territory)))
        if !f.preferredSitters.isEmpty { m.append(("preferredSitters", strings(f.preferredSitters))) }
        if !f.excludedSitters.isEmpty { m.append(("excludedSitters", strings(f.excludedSitters))) }
        if !f.previousSitters.isEmpty { m.append(("previousSitters", strings(f.previousSitters))) }
        if let a = f.address { m.append(("address", .string(a))) }
        if let p = f.phone { m.append(("phone", .string(p))) }
        if !f.programs.isEmpty { m.append(("programs", strings(f.programs))) }
        if !f.ledger.isEmpty {
            m.append(
                (
                    "ledger",
                    .array(
                        f.ledger.map {
                            .object([
                                ("weekStart", .string($0.weekStart.description)),
                                ("requestedMinutes", num($0.requestedMinutes)),
                                ("servedMinutes", num($0.servedMinutes)),
                            ])
                        })
                ))
        }
        return .object(m)
    }

    static func visit(_ v: Visit, _ clock: CaseClock) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("id", .string(v.id)), ("family", .string(v.family)), ("start", time(v.span.start, clock)),
            ("end", time(v.span.end, clock)),
        ]
        if v.sitters != 1 { m.append(("sitters", num(v.sitters))) }
        if !v.competencies.isEmpty { m.append(("competencies", strings(v.competencies.sorted()))) }
        if !v.credentials.isEmpty { m.append(("credentials", strings(v.credentials.sorted()))) }
        m.append(("priority", .string(v.priority.rawValue)))
        if !v.assigned.isEmpty { m.append(("assigned", strings(v.assigned))) }
        if v.locked { m.append(("locked", .bool(true))) }
        if let p = v.program { m.append(("program", .string(p))) }
        if v.volunteers { m.append(("volunteers", .bool(true))) }
        return .object(m)
    }

    static func shift(_ o: OnCallShift, _ clock: CaseClock) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("id", .string(o.id)), ("start", time(o.span.start, clock)), ("end", time(o.span.end, clock)),
            ("staff", num(o.staff)),
        ]
        if !o.competencies.isEmpty { m.append(("competencies", strings(o.competencies.sorted()))) }
        if !o.assigned.isEmpty { m.append(("assigned", strings(o.assigned))) }
        return .object(m)
    }
}
