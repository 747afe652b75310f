/// Checks any schedule against every hard rule of the contract and recomputes
/// its levels. `plan` runs it before writing; so does every test that produces
/// a schedule.
public struct ScheduleVerifier: Sendable {
    public let theCase: Case

    public init(_ c: Case) { theCase = c }

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
        return l
    }

    /// Every broken rule, in words; empty when the schedule keeps them all.
    public func violations(of s: Schedule) -> [String] {
        var errs: [String] = []
        let c = theCase
        let elig = Eligibility(c)
        let visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shifts = Dictionary(c.onCallShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sitters = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        if Set(s.assignments).count != s.assignments.count { errs.append("duplicate assignment rows") }
        if Set(s.onCall).count != s.onCall.count { errs.append("duplicate on-call rows") }
        var perVisit: [String: [String]] = [:]
        var perSitterVisits: [String: [Visit]] = [:]
        for a in Set(s.assignments) {
            guard let v = visits[a.visit], let sit = sitters[a.sitter], let f = families[v.family] else {
                errs.append("assignment \(a.visit)/\(a.sitter) names an unknown visit or sitter")
                continue
            }
            perVisit[a.visit, default: []].append(a.sitter)
            perSitterVisits[a.sitter, default: []].append(v)
            if let why = elig.check(sit, visit: v, family: f) {
                errs.append("\(a.sitter) on \(a.visit): not eligible (\(why.rawValue))")
            }
        }
        var perShift: [String: [String]] = [:]
        var perSitterShifts: [String: [OnCallShift]] = [:]
        for o in Set(s.onCall) {
            guard let sh = shifts[o.shift], let sit = sitters[o.sitter] else {
                errs.append("on-call \(o.shift)/\(o.sitter) names an unknown shift or sitter")
                continue
            }
            perShift[o.shift, default: []].append(o.sitter)
            perSitterShifts[o.sitter, default: []].append(sh)
            if let why = elig.check(sit, shift: sh) {
                errs.append("\(o.sitter) on call \(o.shift): not eligible (\(why.rawValue))")
            }
        }
        for (vid, ss) in perVisit {
            let v = visits[vid]!
            if ss.count > v.sitters { errs.append("\(vid) has \(ss.count) sitters, needs \(v.sitters)") }
            if ss.allSatisfy({ sitters[$0]!.trainee }) {
                errs.append("\(vid): trainee(s) \(ss.sorted()) without a non-trainee")
            }
        }
        for v in c.visits where v.locked {
            let have = Set(perVisit[v.id] ?? [])
            if !Set(v.assigned).isSubset(of: have) {
                errs.append("\(v.id) is locked to \(v.assigned), schedule has \(have.sorted())")
            }
        }
        for (oid, ss) in perShift where ss.count > shifts[oid]!.staff {
            errs.append("shift \(oid) has \(ss.count) people, staff \(shifts[oid]!.staff)")
        }
        for (sid, vs0) in perSitterVisits {
            let sit = sitters[sid]!
            let vs = vs0.sorted { ($0.span.start, $0.id) < ($1.span.start, $1.id) }
            for i in 0..<vs.count {
                for j in (i + 1)..<max(i + 1, vs.count) {
                    // Travel is at most a day, so visits two days apart never conflict.
                    if vs[j].span.start >= vs[i].span.end.adding(minutes: 2880) { break }
                    if let t = c.conflictTravel(
                        vs[i], in: families[vs[i].family]!.territory, vs[j], in: families[vs[j].family]!.territory)
                    {
                        errs.append("\(sid): \(vs[i].id) and \(vs[j].id) conflict (overlap or travel \(t) min)")
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
            for o in perSitterShifts[sid] ?? [] {
                for v in vs where v.span.overlaps(o.span) {
                    errs.append("\(sid): visit \(v.id) overlaps on-call \(o.id)")
                }
            }
        }
        for (sid, os0) in perSitterShifts {
            let sit = sitters[sid]!
            if let m = sit.onCall?.maxShifts, os0.count > m {
                errs.append("\(sid): \(os0.count) on-call shifts > \(m)")
            }
            let os = os0.sorted { $0.span.start < $1.span.start }
            for i in 0..<os.count {
                for j in (i + 1)..<max(i + 1, os.count) where os[i].span.overlaps(os[j].span) {
                    errs.append("\(sid): on-call \(os[i].id) overlaps \(os[j].id)")
                }
            }
        }
        let lv = levels(assignments: Array(Set(s.assignments)), onCall: Array(Set(s.onCall)))
        if lv != s.levels { errs.append("reported levels \(s.levels) but the assignments give \(lv)") }
        let unfilled = Dictionary(s.unfilled.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for v in c.visits {
            let missing = v.sitters - min(v.sitters, perVisit[v.id]?.count ?? 0)
            if missing > 0 {
                if let u = unfilled[v.id], u.missing == missing, !u.reasons.isEmpty { continue }
                errs.append("\(v.id) lacks \(missing) sitter(s) but the unfilled list does not say so with a reason")
            } else if unfilled[v.id] != nil {
                errs.append("\(v.id) is filled but listed as unfilled")
            }
        }
        let unstaffed = Dictionary(s.unstaffedShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in c.onCallShifts {
            let missing = o.staff - min(o.staff, perShift[o.id]?.count ?? 0)
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
