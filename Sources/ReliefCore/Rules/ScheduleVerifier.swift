/// Checks any schedule against every hard rule of the contract and recomputes
/// its levels. `plan` runs it before writing; so does every test that produces
/// a schedule.
public struct ScheduleVerifier: Sendable {
    public let theCase: Case
    /// The service the case asks for (`weeks.md`), counted once: nil for a case without programs
    /// or a fair share.
    let share: ServiceShare?

    public init(_ c: Case) {
        theCase = c
        share = c.fairSharePlacement != .off || !c.programs.isEmpty ? ServiceShare(c) : nil
    }

    /// Levels achieved by a set of assignments, exactly as the contract counts them.
    public func levels(assignments: [Assignment], onCall: [OnCallAssignment]) -> Levels {
        let visits = Dictionary(theCase.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shifts = Dictionary(theCase.onCallShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var perVisit: [String: Set<String>] = [:]
        for a in assignments where visits[a.visit] != nil { perVisit[a.visit, default: []].insert(a.sitter) }
        var perShift: [String: Set<String>] = [:]
        for o in onCall where shifts[o.shift] != nil { perShift[o.shift, default: []].insert(o.sitter) }
        var l = Levels()
        for (vid, ss) in perVisit {
            let v = visits[vid]!
            let n = min(ss.count, v.sitters)
            switch v.priority {
            case .urgent: l.urgentSlots += n
            case .high: l.highSlots += n
            case .normal: l.normalSlots += n
            }
        }
        for (oid, ss) in perShift {
            let o = shifts[oid]!
            l.onCallMinutes += o.minutes * min(ss.count, o.staff)
        }
        if theCase.fairSharePlacement != .off, let share {
            l.fairSharePermille = ServiceShare.permille(share.rows(assignments: assignments))
        }
        return l
    }

    /// Every broken rule, in words; empty when the schedule keeps them all.
    public func violations(of s: Schedule) -> [String] {
        CheckCount.count(.verification)
        var errs: [String] = []
        let t = Lookup(theCase)
        if Set(s.assignments).count != s.assignments.count { errs.append("duplicate assignment rows") }
        if Set(s.onCall).count != s.onCall.count { errs.append("duplicate on-call rows") }
        let rows = Rows(s, t, &errs)
        errs += needs(rows, t)
        errs += weeks(rows, t)
        errs += service(s)
        let lv = levels(assignments: Array(Set(s.assignments)), onCall: Array(Set(s.onCall)))
        if lv != s.levels { errs.append("reported levels \(s.levels) but the assignments give \(lv)") }
        errs += shortLists(s, rows)
        return errs
    }

    /// The case's elements by id.
    struct Lookup {
        let elig: Eligibility
        let visits: [String: Visit]
        let shifts: [String: OnCallShift]
        let sitters: [String: Sitter]
        let families: [String: Family]

        init(_ c: Case) {
            elig = Eligibility(c)
            visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            shifts = Dictionary(c.onCallShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            sitters = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The schedule's rows (each once) by visit, shift and sitter; the rows that name
    /// something unknown, or a sitter who may not take the visit or shift, are errors.
    struct Rows {
        var perVisit: [String: [String]] = [:]
        var perSitterVisits: [String: [Visit]] = [:]
        var perShift: [String: [String]] = [:]
        var perSitterShifts: [String: [OnCallShift]] = [:]

        init(_ s: Schedule, _ t: Lookup, _ errs: inout [String]) {
            for a in Set(s.assignments) {
                guard let v = t.visits[a.visit], let sit = t.sitters[a.sitter], let f = t.families[v.family] else {
                    errs.append("assignment \(a.visit)/\(a.sitter) names an unknown visit or sitter")
                    continue
                }
                perVisit[a.visit, default: []].append(a.sitter)
                perSitterVisits[a.sitter, default: []].append(v)
                if let why = t.elig.check(sit, visit: v, family: f) {
                    errs.append("\(a.sitter) on \(a.visit): not eligible (\(why.rawValue))")
                }
            }
            for o in Set(s.onCall) {
                guard let sh = t.shifts[o.shift], let sit = t.sitters[o.sitter] else {
                    errs.append("on-call \(o.shift)/\(o.sitter) names an unknown shift or sitter")
                    continue
                }
                perShift[o.shift, default: []].append(o.sitter)
                perSitterShifts[o.sitter, default: []].append(sh)
                if let why = t.elig.check(sit, shift: sh) {
                    errs.append("\(o.sitter) on call \(o.shift): not eligible (\(why.rawValue))")
                }
            }
        }
    }

    /// Visits and shifts given more people than they need, trainees alone, locks not kept.
    func needs(_ rows: Rows, _ t: Lookup) -> [String] {
        var errs: [String] = []
        for (vid, ss) in rows.perVisit {
            let v = t.visits[vid]!
            if ss.count > v.sitters { errs.append("\(vid) has \(ss.count) sitters, needs \(v.sitters)") }
            if CaseValidator.unsupervised(ss.map { t.sitters[$0]! }) {
                errs.append("\(vid): trainee(s) \(ss.sorted()) without an employee who is not a trainee")
            }
        }
        for v in theCase.visits where v.locked {
            let have = Set(rows.perVisit[v.id] ?? [])
            if !Set(v.assigned).isSubset(of: have) {
                errs.append("\(v.id) is locked to \(v.assigned), schedule has \(have.sorted())")
            }
        }
        for (oid, ss) in rows.perShift where ss.count > t.shifts[oid]!.staff {
            errs.append("shift \(oid) has \(ss.count) people, staff \(t.shifts[oid]!.staff)")
        }
        return errs
    }

    /// Each sitter's week: visits that conflict, minutes over the limits, visits during
    /// their on-call shifts, too many or overlapping shifts.
    func weeks(_ rows: Rows, _ t: Lookup) -> [String] {
        let c = theCase
        var errs: [String] = []
        for (sid, vs0) in rows.perSitterVisits {
            let sit = t.sitters[sid]!
            let vs = vs0.sorted { ($0.span.start, $0.id) < ($1.span.start, $1.id) }
            for i in 0..<vs.count {
                for j in (i + 1)..<max(i + 1, vs.count) {
                    // Travel is at most a day, so visits two days apart never conflict.
                    if vs[j].span.start >= vs[i].span.end.adding(minutes: 2880) { break }
                    if let d = c.conflictTravel(
                        vs[i], in: t.families[vs[i].family]!.territory, vs[j], in: t.families[vs[j].family]!.territory)
                    {
                        errs.append("\(sid): \(vs[i].id) and \(vs[j].id) conflict (overlap or travel \(d) min)")
                    }
                }
            }
            let week = vs.reduce(0) { $0 + $1.minutes }
            if week > c.maxMinutesPerWeek(sit) {
                errs.append("\(sid): \(week) visit minutes in the week > \(c.maxMinutesPerWeek(sit))")
            }
            var days: [LocalDate: Int] = [:]
            for v in vs { days[c.clock.localDate(v.span.start), default: 0] += v.minutes }
            for (d, m) in days where m > c.maxMinutesPerDay(sit) {
                errs.append("\(sid): \(m) visit minutes on \(d) > \(c.maxMinutesPerDay(sit))")
            }
            for o in rows.perSitterShifts[sid] ?? [] {
                for v in vs where v.span.overlaps(o.span) {
                    errs.append("\(sid): visit \(v.id) overlaps on-call \(o.id)")
                }
            }
        }
        for (sid, os0) in rows.perSitterShifts {
            let sit = t.sitters[sid]!
            if let m = sit.onCall?.maxShifts, os0.count > m {
                errs.append("\(sid): \(os0.count) on-call shifts > \(m)")
            }
            let os = os0.sorted { ($0.span.start, $0.id) < ($1.span.start, $1.id) }
            var run = 1
            for i in os.indices.dropFirst() {
                run = os[i].span.start == os[i - 1].span.end ? run + 1 : 1
                if let m = c.maxConsecutiveShifts(sit), run > m {
                    errs.append("\(sid): \(run) consecutive on-call shifts ending \(os[i].id) > \(m)")
                }
            }
            for i in 0..<os.count {
                for j in (i + 1)..<max(i + 1, os.count) where os[i].span.overlaps(os[j].span) {
                    errs.append("\(sid): on-call \(os[i].id) overlaps \(os[j].id)")
                }
            }
        }
        for sit in c.sitters {
            guard let need = c.weeklyRestMinutes(sit) else { continue }
            let spans =
                (rows.perSitterVisits[sit.id] ?? []).map(\.span) + (rows.perSitterShifts[sit.id] ?? []).map(\.span)
            let longest = ScheduleVerifier.longestRest(spans, in: c.horizon)
            if !spans.isEmpty && longest < need {
                errs.append("\(sit.id): longest rest \(longest) min < weekly rest \(need)")
            }
        }
        return errs
    }

    /// The longest stretch of `horizon` that no span covers, in minutes: the spans
    /// clipped to the horizon and merged, then the widest hole between them.
    static func longestRest(_ spans: [TimeSpan], in horizon: TimeSpan) -> Int {
        var merged: [TimeSpan] = []
        for s in spans.sorted(by: { $0.start < $1.start }) {
            let a = TimeSpan(start: max(s.start, horizon.start), end: min(s.end, horizon.end))
            guard a.start < a.end else { continue }
            if let last = merged.last, a.start <= last.end {
                merged[merged.count - 1].end = max(last.end, a.end)
            } else {
                merged.append(a)
            }
        }
        let edges = [horizon.start] + merged.flatMap { [$0.start, $0.end] } + [horizon.end]
        return stride(from: 0, to: edges.count, by: 2).map { edges[$0].minutes(to: edges[$0 + 1]) }.max() ?? 0
    }

    /// Budgets (`weeks.md`), and the families' and programs' rows the schedule reports.
    func service(_ s: Schedule) -> [String] {
        let c = theCase
        guard let share else {
            return s.families.isEmpty && s.programs.isEmpty ? [] : ["families or programs rows for a case without them"]
        }
        var errs = share.budgetViolations(assignments: Array(Set(s.assignments)))
        let want = c.fairSharePlacement == .off ? [] : share.rows(assignments: s.assignments)
        if s.families.count != want.count || !zip(s.families, want).allSatisfy({ $0.sameNumbers($1) }) {
            errs.append("families rows \(s.families) but the case and assignments give \(want)")
        }
        let programs = share.programRows(assignments: s.assignments)
        if s.programs != programs {
            errs.append("programs rows \(s.programs) but the case and assignments give \(programs)")
        }
        return errs
    }

    /// Visits and shifts short of people must be listed, with a reason; the others must not.
    func shortLists(_ s: Schedule, _ rows: Rows) -> [String] {
        var errs: [String] = []
        let unfilled = Dictionary(s.unfilled.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for v in theCase.visits {
            let missing = v.sitters - min(v.sitters, rows.perVisit[v.id]?.count ?? 0)
            if missing > 0 {
                if let u = unfilled[v.id], u.missing == missing, !u.reasons.isEmpty { continue }
                errs.append("\(v.id) lacks \(missing) sitter(s) but the unfilled list does not say so with a reason")
            } else if unfilled[v.id] != nil {
                errs.append("\(v.id) is filled but listed as unfilled")
            }
        }
        let unstaffed = Dictionary(s.unstaffedShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in theCase.onCallShifts {
            let missing = o.staff - min(o.staff, rows.perShift[o.id]?.count ?? 0)
            if missing > 0 {
                if let u = unstaffed[o.id], u.missing == missing, !u.reasons.isEmpty { continue }
                errs.append("shift \(o.id) lacks \(missing) but the unstaffed list does not say so with a reason")
            } else if unstaffed[o.id] != nil {
                errs.append("shift \(o.id) is staffed but listed as unstaffed")
            }
        }
        return errs
    }
}
