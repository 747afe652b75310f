/// Locked assignments that break a hard rule, and the warnings about the week.
/// Every rule of a sitter's week comes from `WeekRules`, every eligibility rule
/// from `Eligibility`: this file only says which weeks to build and how to word
/// what they refuse.
extension CaseValidator {
    struct Index {
        let sitter: [String: Int]
        let family: [String: Family]
        init(_ c: Case) {
            sitter = Dictionary(c.sitters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            family = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Each sitter's locked visits (visit indices, each once), by sitter index.
    static func lockedVisits(_ c: Case, _ ix: Index) -> [Int: [Int]] {
        var out: [Int: [Int]] = [:]
        for (vi, v) in c.visits.enumerated() where v.locked {
            for sid in Set(v.assigned) { if let si = ix.sitter[sid] { out[si, default: []].append(vi) } }
        }
        return out
    }

    /// A week holding `visits`, built without refusing any (to ask it what one more would break).
    static func week(_ sitter: Int, _ visits: [Int], _ rules: WeekRules) -> WeekRules.Week {
        var w = WeekRules.Week(sitter: sitter)
        for v in visits { w.add(.visit(v), rules) }
        return w
    }

    /// A locked assignment that breaks a hard rule is an input error naming the rule.
    mutating func checkLocks() {
        let c = draft.theCase
        let ix = Index(c)
        let elig = Eligibility(c)
        let rules = WeekRules(c)
        for (vi, v) in c.visits.enumerated() where v.locked {
            guard let f = ix.family[v.family] else { continue }
            let p = CasePath.visit(vi)
            var seen = Set<String>()
            for (j, sid) in v.assigned.enumerated() where seen.insert(sid).inserted {
                guard let si = ix.sitter[sid] else { continue }
                let s = c.sitters[si]
                if s.trainee && v.sitters < 2 {
                    error(
                        p.key("assigned").index(j),
                        "locked sitter \(CaseValidator.name(sid)) is a trainee on \(CaseValidator.name(v.id)), a one-sitter visit: a trainee never works alone",
                        fix: "set the visit's sitters to 2 and add an experienced sitter, or unlock it")
                } else if s.isVolunteer && !v.volunteers {
                    error(
                        p.key("assigned").index(j),
                        "locked sitter \(CaseValidator.name(sid)) is a volunteer on \(CaseValidator.name(v.id)), a visit that does not allow volunteers",
                        fix: "set the visit's volunteers to true, assign an employee, or unlock it")
                } else if let why = elig.check(s, visit: v, family: f) {
                    error(
                        p.key("assigned").index(j),
                        "locked sitter \(CaseValidator.name(sid)) breaks the \(why.rawValue) rule on visit \(CaseValidator.name(v.id))",
                        fix: "unlock the visit, assign an eligible sitter, or correct the sitter's record")
                }
            }
            let locked = seen.compactMap { ix.sitter[$0] }.map { c.sitters[$0] }
            if v.sitters >= 2 && locked.count >= v.sitters && CaseValidator.unsupervised(locked) {
                let whom = locked.contains(where: \.isVolunteer) ? "a trainee or a volunteer" : "a trainee"
                error(
                    p.key("assigned"),
                    "every position of \(CaseValidator.name(v.id)) is locked to \(whom), leaving no room for an experienced sitter",
                    fix: "unlock one trainee or raise sitters (trainees never work alone)")
            }
        }
        checkLockedWeeks(c, ix, rules)
    }

    /// Each sitter's locked visits together against the rules of a sitter's week.
    mutating func checkLockedWeeks(_ c: Case, _ ix: Index, _ rules: WeekRules) {
        for (si, visits) in CaseValidator.lockedVisits(c, ix).sorted(by: { $0.key < $1.key }) {
            let sid = CaseValidator.name(c.sitters[si].id)
            let all = CaseValidator.week(si, visits, rules)
            var pairs = Set<[Int]>()
            var days = Set<Int>()
            var weekDone = false
            var restDone = false
            for vi in visits.sorted(by: { rules.visitPrecedes($0, $1) }) {
                var rest = all
                rest.remove(.visit(vi), rules)
                for breach in rest.breaches(adding: .visit(vi), rules) {
                    switch breach {
                    case .conflict(with: .visit(let other), let travel, let overlap):
                        let (a, b) = rules.visitPrecedes(other, vi) ? (other, vi) : (vi, other)
                        guard pairs.insert([a, b]).inserted else { continue }
                        let (ida, idb) = (CaseValidator.name(c.visits[a].id), CaseValidator.name(c.visits[b].id))
                        let why = overlap ? "they overlap" : "travel \(travel) min from \(ida) to \(idb) does not fit"
                        error(
                            CasePath.visit(a).key("assigned"),
                            "locked sitter \(sid) cannot do both \(ida) and \(idb) (\(why))",
                            fix: "unlock one of the two visits")
                    case .dayLimit(let day, let minutes, let cap):
                        guard days.insert(day).inserted else { continue }
                        let those = visits.filter { rules.visitDay[$0] == day }
                        error(
                            .root.key("visits"),
                            "locked visits give \(sid) \(minutes) minutes on \(LocalDate(day: day)), over the daily limit \(cap) (\(ids(those, c)))",
                            fix: "unlock some of them, or raise the sitter's maxMinutesPerDay")
                    case .weekLimit(let minutes, let cap):
                        guard !weekDone else { continue }
                        weekDone = true
                        error(
                            .root.key("visits"),
                            "locked visits give \(sid) \(minutes) minutes in the week, over the limit \(cap) (\(ids(visits, c)))",
                            fix: "unlock some of them, or raise the sitter's maxMinutesPerWeek")
                    case .rest(let longest, let need):
                        guard !restDone else { continue }
                        restDone = true
                        error(
                            .root.key("visits"),
                            "locked visits leave \(sid) at most \(longest) minutes in a row without assignment, under the weekly rest of \(need) (\(ids(visits, c)))",
                            fix: "unlock some of them, or lower the sitter's weeklyRestMinutes")
                    case .conflict, .shiftLimit, .runLimit:
                        break  // locks are on visits only
                    }
                }
            }
        }
    }

    /// Sitters together on a visit with a trainee and nobody who may supervise them
    /// (an employee who is not a trainee): the trainee rule broken.
    public static func unsupervised(_ sitters: [Sitter]) -> Bool {
        sitters.contains(where: \.trainee) && !sitters.contains(where: \.canSupervise)
    }

    /// A lock that cannot stand once people left it: nobody on it, or trainees and nobody to
    /// supervise them (an id `sitters` does not know counts as someone who may).
    public static func releasable(_ assigned: [String], _ sitters: [String: Sitter]) -> Bool {
        let left = assigned.map { sitters[$0] }
        return left.isEmpty || (!left.contains(nil) && unsupervised(left.compactMap { $0 }))
    }

    func ids(_ visits: [Int], _ c: Case) -> String {
        visits.map { CaseValidator.name(c.visits[$0].id) }.joined(separator: ", ")
    }

    // MARK: - Mentors of locked trainees

    /// A visit whose locked sitters are all trainees, and the experienced sitters who could join it.
    struct MentorNeed {
        let visit: Int
        let trainees: [Int]
        /// Eligible non-trainees whose own locked visits leave room for this one.
        let candidates: [Int]
    }

    /// A visit whose locked sitters are all trainees needs an experienced
    /// sitter who can still take it besides their own locked visits, and two
    /// such visits cannot share one mentor if that mentor's week cannot hold
    /// both. Searched exactly (one mentor per visit, each mentor's week their
    /// locks plus the visits they mentor, checked by `WeekRules.Week`) up to
    /// `mentorSearchSteps`; past it no error is given. On-call plays no part:
    /// shifts are never locked, so a mentor can always be left off the line.
    mutating func checkMentors() {
        let c = draft.theCase
        let ix = Index(c)
        let elig = Eligibility(c)
        let rules = WeekRules(c)
        let locks = CaseValidator.lockedVisits(c, ix)
        let base = Dictionary(uniqueKeysWithValues: locks.map { ($0, CaseValidator.week($0, $1, rules)) })
        func week(_ si: Int) -> WeekRules.Week { base[si] ?? WeekRules.Week(sitter: si) }

        var needs: [MentorNeed] = []
        for (vi, v) in c.visits.enumerated() where v.locked && v.sitters >= 2 {
            guard let f = ix.family[v.family] else { continue }
            let locked = Set(v.assigned).compactMap { ix.sitter[$0] }.sorted()
            guard CaseValidator.unsupervised(locked.map { c.sitters[$0] }), locked.count < v.sitters else {
                continue
            }
            let p = CasePath.visit(vi).key("assigned")
            let vid = CaseValidator.name(v.id)
            let lockedTrainees = locked.filter { c.sitters[$0].trainee }
            let trainees = lockedTrainees.map { CaseValidator.name(c.sitters[$0].id) }.joined(separator: ", ")
            let eligible = c.sitters.indices.filter {
                c.sitters[$0].canSupervise && elig.check(c.sitters[$0], visit: v, family: f) == nil
            }
            guard !eligible.isEmpty else {
                error(
                    p, "only trainees are locked on \(vid) and no non-trainee sitter is eligible for it",
                    fix: "lock an experienced sitter too, or unlock the visit (trainees never work alone)")
                continue
            }
            var why: [String] = []
            var fitting: [Int] = []
            for si in eligible {
                let breaches = week(si).breaches(adding: .visit(vi), rules)
                if breaches.isEmpty {
                    fitting.append(si)
                } else {
                    why.append("\(CaseValidator.name(c.sitters[si].id)) (\(describe(breaches, visit: vi, rules, c)))")
                }
            }
            guard !fitting.isEmpty else {
                error(
                    p,
                    "trainee \(trainees) is locked on \(vid) and needs an experienced sitter beside them, but no eligible one can take \(vid) besides their own locked visits: \(why.joined(separator: "; "))",
                    fix:
                        "lock an experienced sitter on \(vid) too, unlock the trainee, or unlock the visits that hold them"
                )
                continue
            }
            needs.append(MentorNeed(visit: vi, trainees: lockedTrainees, candidates: fitting))
        }

        // Visits that share no candidate are independent: search each group alone.
        for group in CaseValidator.groups(needs) where group.count >= 2 {
            guard case .impossible(let hit) = mentorSearch(group, base: base, rules) else { continue }
            // The fewest visits that still cannot all get a mentor: the ones to name.
            var core = group
            var coreHit = hit
            var k = 0
            while k < core.count {
                var smaller = core
                smaller.remove(at: k)
                switch mentorSearch(smaller, base: base, rules) {
                case .impossible(let h):
                    core = smaller
                    coreHit = h
                case .found, .capped:
                    k += 1  // needed (or not provably superfluous): keep it
                }
            }
            let sorted = core.sorted { $0.visit < $1.visit }
            let visits = sorted.map { n in
                "\(CaseValidator.name(c.visits[n.visit].id)) (trainee \(n.trainees.map { CaseValidator.name(c.sitters[$0].id) }.joined(separator: ", ")))"
            }
            let mentors = Set(sorted.flatMap(\.candidates)).sorted().map { CaseValidator.name(c.sitters[$0].id) }
            error(
                CasePath.visit(sorted[0].visit).key("assigned"),
                "visits locked to trainees \(visits.joined(separator: ", ")) each need an experienced sitter, but their candidates \(mentors.joined(separator: ", ")) cannot take them all besides their own locked visits (in the way: \(coreHit.sorted().joined(separator: ", ")))",
                fix: "lock an experienced sitter on one of these visits, or unlock a trainee")
        }
    }

    enum MentorSearch {
        case found
        /// No assignment exists; the rules that refused a mentor along the way.
        case impossible(Set<String>)
        case capped
    }

    /// One mentor per visit, each mentor's week their locks plus what they mentor.
    func mentorSearch(_ needs: [MentorNeed], base: [Int: WeekRules.Week], _ rules: WeekRules) -> MentorSearch {
        let order = needs.sorted { ($0.candidates.count, $0.visit) < ($1.candidates.count, $1.visit) }
        var weeks = base
        var steps = 0
        var hit = Set<String>()
        func assign(_ k: Int) -> Bool? {
            if k == order.count { return true }
            let v = order[k].visit
            for m in order[k].candidates {
                steps += 1
                if steps > CaseValidator.mentorSearchSteps { return nil }
                let w = weeks[m] ?? WeekRules.Week(sitter: m)
                let breaches = w.breaches(adding: .visit(v), rules)
                guard breaches.isEmpty else {
                    for b in breaches { hit.insert(CaseValidator.ruleName(b)) }
                    continue
                }
                var taken = w
                taken.add(.visit(v), rules)
                weeks[m] = taken
                switch assign(k + 1) {
                case true?: return true
                case nil: return nil
                case false?: weeks[m] = w
                }
            }
            return false
        }
        switch assign(0) {
        case true?: return .found
        case nil: return .capped
        case false?: return .impossible(hit)
        }
    }

    /// Needs that share candidates, transitively.
    static func groups(_ needs: [MentorNeed]) -> [[MentorNeed]] {
        var parent = Array(needs.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { i = parent[i] }
            return i
        }
        var owner: [Int: Int] = [:]
        for (i, n) in needs.enumerated() {
            for m in n.candidates {
                if let j = owner[m] { parent[root(i)] = root(j) } else { owner[m] = i }
            }
        }
        var out: [Int: [MentorNeed]] = [:]
        for (i, n) in needs.enumerated() { out[root(i), default: []].append(n) }
        return out.keys.sorted().map { out[$0]! }
    }

    static func ruleName(_ b: WeekRules.Breach) -> String {
        switch b {
        case .conflict(_, _, let overlap): return overlap ? "overlap" : "travel time"
        case .dayLimit: return "daily limit"
        case .weekLimit: return "weekly limit"
        case .shiftLimit: return "on-call shift limit"
        case .runLimit: return "consecutive on-call limit"
        case .rest: return "weekly rest"
        }
    }

    /// What a week refuses, in words: "overlaps locked V5", "daily limit: 780 of 720 minutes on 2026-11-23".
    func describe(_ breaches: [WeekRules.Breach], visit: Int, _ rules: WeekRules, _ c: Case) -> String {
        breaches.map { b -> String in
            switch b {
            case .conflict(with: let other, let travel, let overlap):
                let name = other.isVisit ? CaseValidator.name(c.visits[other.index].id) : "a shift"
                return overlap
                    ? "overlaps locked \(name)" : "travel \(travel) min to or from locked \(name) does not fit"
            case .dayLimit(let day, let minutes, let cap):
                return "daily limit: \(minutes) of \(cap) minutes on \(LocalDate(day: day))"
            case .weekLimit(let minutes, let cap):
                return "weekly limit: \(minutes) of \(cap) minutes"
            case .shiftLimit(let count, let cap):
                return "on-call limit: \(count) of \(cap) shifts"
            case .runLimit(let run, let cap):
                return "consecutive on-call limit: \(run) of \(cap) touching shifts"
            case .rest(let longest, let need):
                return "weekly rest: at most \(longest) of \(need) minutes in a row free"
            }
        }.joined(separator: ", ")
    }

    // MARK: - Warnings

    /// Gaps in the on-call tiling and visits no sitter could ever take.
    mutating func warnAboutTheWeek() {
        let c = draft.theCase
        let shifts = CasePath.root.key("onCallShifts")
        if !c.onCallShifts.isEmpty {
            var cursor = c.horizon.start
            for s in c.onCallShifts.map(\.span).sorted(by: { $0.start < $1.start }) {
                if s.start > cursor {
                    warning(
                        shifts,
                        "no on-call shift covers \(c.clock.formatLocal(cursor)) to \(c.clock.formatLocal(s.start))",
                        fix: "add a shift for that time so that sitters in the field can reach someone")
                }
                cursor = max(cursor, s.end)
            }
            if cursor < c.horizon.end {
                warning(
                    shifts,
                    "no on-call shift covers \(c.clock.formatLocal(cursor)) to \(c.clock.formatLocal(c.horizon.end))",
                    fix: "add a shift for that time so that sitters in the field can reach someone")
            }
        } else {
            warning(
                shifts, "the case has no on-call shift", fix: "add shifts that tile the horizon (24/7 support line)")
        }
        let elig = Eligibility(c)
        let ix = Index(c)
        for (vi, v) in c.visits.enumerated() {
            guard let f = ix.family[v.family] else { continue }
            var best: ReasonCode?
            var eligible = 0
            for s in c.sitters {
                if let why = elig.check(s, visit: v, family: f) {
                    if best == nil || why > best! { best = why }
                } else {
                    eligible += 1
                }
            }
            if eligible == 0 {
                warning(
                    .visit(vi),
                    "no sitter could ever take visit \(CaseValidator.name(v.id)) (furthest rule reached: \(best?.rawValue ?? "no sitters"))",
                    fix: "check the visit's competencies, credentials and time, or the sitters' records")
            }
        }
    }
}
