/// What each kind of scenario change does to a case, before the result is checked (see `ScenarioApplier`).
extension ScenarioApplier {
    /// One change being made: the case so far, the change's own errors, what it touched.
    struct Work {
        var theCase: Case
        let at: Locator
        var errors: [Diagnostic] = []
        var touched: [Touched] = []

        init(theCase: Case, at: Locator) {
            self.theCase = theCase
            self.at = at
        }

        mutating func error(_ field: String, _ message: String, fix: String) {
            errors.append(Diagnostic(.error, at(field), message, fix: fix))
        }

        /// The indices of `sids` in the case; an unknown id is an error at `field(i)`.
        mutating func sitterIndices(_ sids: [String], field: (Int) -> String) -> [Int] {
            var out: [Int] = []
            for (i, sid) in sids.enumerated() {
                if let si = theCase.sitters.firstIndex(where: { $0.id == sid }) {
                    out.append(si)
                } else {
                    error(
                        field(i), "unknown sitter \(CaseValidator.name(sid))",
                        fix: "use the id of a sitter listed in the case")
                }
            }
            return out
        }

        static func listField(_ name: String) -> (Int) -> String {
            { i in "\(name)[\(i)]" }
        }

        mutating func touchSitters(_ sis: [Int], field: @escaping (Int, Substring) -> String) {
            for (i, si) in sis.enumerated() {
                touched.append(
                    Touched(prefix: ScenarioApplier.keyed("sitters", theCase.sitters[si].id), field: { field(i, $0) }))
            }
        }

        /// Makes `change`: the change's main field (where diagnostics about no touched element
        /// go), or nil when it is refused before any check (`errors` then says why).
        mutating func make(_ change: ScenarioChange, _ ids: inout Counters) -> String? {
            switch change {
            case .removeSitters(let sids): return removeSitters(sids)
            case .addSitter(let t, let count, let like): return addSitter(t, count: count, like: like, &ids)
            case .grantCompetency(let sids, let comp), .revokeCompetency(let sids, let comp):
                let sis = sitterIndices(sids, field: Work.listField("sitters"))
                guard errors.isEmpty else { return nil }
                for si in sis {
                    if case .grantCompetency = change {
                        theCase.sitters[si].competencies.insert(comp)
                    } else {
                        theCase.sitters[si].competencies.remove(comp)
                    }
                }
                touchSitters(sis) { i, _ in "sitters[\(i)]" }
                return "competency"
            case .setCredential(let sids, let kind, let until):
                let sis = sitterIndices(sids, field: Work.listField("sitters"))
                guard errors.isEmpty else { return nil }
                for si in sis { theCase.sitters[si].credentials[kind] = .some(until) }
                touchSitters(sis) { i, _ in "sitters[\(i)]" }
                return "validUntil"
            case .absence(let sid, let span):
                let sis = sitterIndices([sid]) { _ in "sitter" }
                guard errors.isEmpty, let si = sis.first else { return nil }
                theCase.sitters[si].availability = EventApplier.subtract(theCase.sitters[si].availability, span)
                ScenarioApplier.free(&theCase, [sid], where: { $0.overlaps(span) })
                touchSitters(sis) { _, _ in "sitter" }
                return "sitter"
            case .setAvailability(let sid, let spans):
                let sis = sitterIndices([sid]) { _ in "sitter" }
                guard errors.isEmpty, let si = sis.first else { return nil }
                theCase.sitters[si].availability = mergeSpans(spans)
                touchSitters(sis) { _, _ in "availability" }
                return "availability"
            case .setRules(let rules, let sids): return setRules(rules, sitters: sids)
            case .cancelVisits(let vids, let family, let territory):
                return cancelVisits(vids, family: family, territory: territory)
            case .addVisit(let v):
                if theCase.visits.contains(where: { $0.id == v.id }) {
                    error(
                        "visit.id", "visit \(CaseValidator.name(v.id)) already exists",
                        fix: "use a new visit id (cancel-visits first to replace it)")
                    return nil
                }
                theCase.visits.append(v)
                touched.append(
                    Touched(
                        prefix: ScenarioApplier.keyed("visits", v.id),
                        field: { rest in "visit" + ScenarioApplier.key(rest) }))
                return "visit"
            case .setProgram(let program, let budget, let perFamily):
                return setProgram(program, budgetMinutes: budget, familyMinutesPerWeek: perFamily)
            case .scaleDemand(let factor, let seed):
                let scaled = ScenarioApplier.scale(theCase, factor: factor, seed: seed, ids: &ids)
                theCase = scaled.theCase
                for v in scaled.added {
                    touched.append(Touched(prefix: ScenarioApplier.keyed("visits", v.id), field: { _ in "factor" }))
                }
                return "factor"
            }
        }

        mutating func removeSitters(_ sids: [String]) -> String? {
            _ = sitterIndices(sids, field: sids.count == 1 ? { _ in "sitter" } : Work.listField("sitters"))
            guard errors.isEmpty else { return nil }
            let gone = Set(sids)
            theCase.sitters.removeAll { gone.contains($0.id) }
            ScenarioApplier.free(&theCase, gone, where: { _ in true })
            for i in theCase.families.indices {
                theCase.families[i].preferredSitters.removeAll { gone.contains($0) }
                theCase.families[i].excludedSitters.removeAll { gone.contains($0) }
                theCase.families[i].previousSitters.removeAll { gone.contains($0) }
            }
            return sids.count == 1 ? "sitter" : "sitters"
        }

        mutating func addSitter(_ t: ScenarioSitter, count: Int, like: String?, _ ids: inout Counters) -> String? {
            var model: Sitter?
            if let like {
                model = theCase.sitters.first { $0.id == like }
                if model == nil {
                    error(
                        "like", "unknown sitter \(CaseValidator.name(like))",
                        fix: "use the id of a sitter listed in the case, or leave like out")
                }
            }
            if let id = t.id, theCase.sitters.contains(where: { $0.id == id }) {
                error(
                    "sitter.id", "sitter \(CaseValidator.name(id)) already exists",
                    fix: "leave id out (relief names new sitters NEW-1, NEW-2, ...) or use a new id")
            }
            let home =
                t.homeTerritory
                ?? model.flatMap { m in (t.territories?.contains(m.homeTerritory) ?? true) ? m.homeTerritory : nil }
                ?? t.territories?.first
            if home == nil && like == nil {
                error(
                    "sitter.homeTerritory", "missing, and no like to copy it from",
                    fix: "give the new sitter's homeTerritory, or copy a sitter with like")
            }
            guard errors.isEmpty, let home else { return nil }
            var serves = t.territories ?? model?.territories
            if t.territories == nil, var ts = serves, !ts.contains(home) {
                ts.insert(home, at: 0)
                serves = ts
            }
            // A volunteer is never on call: one made `like` an employee does not copy the on-call profile.
            let kind = t.kind ?? model?.kind ?? .employee
            let onCall = t.onCall ?? (kind == .volunteer && model?.isVolunteer != true ? nil : model?.onCall)
            for _ in 0..<count {
                let c = theCase
                let id = t.id ?? Counters.next("NEW", &ids.sitter) { id in c.sitters.contains { $0.id == id } }
                theCase.sitters.append(
                    Sitter(
                        id: id, name: t.name ?? "", homeTerritory: home, territories: serves,
                        competencies: t.competencies ?? model?.competencies ?? [],
                        credentials: t.credentials ?? model?.credentials ?? [:],
                        trainee: t.trainee ?? model?.trainee ?? false,
                        availability: t.availability ?? model?.availability ?? [],
                        maxMinutesPerDay: t.maxMinutesPerDay ?? model?.maxMinutesPerDay,
                        maxMinutesPerWeek: t.maxMinutesPerWeek ?? model?.maxMinutesPerWeek,
                        targetMinutesPerWeek: t.targetMinutesPerWeek ?? model?.targetMinutesPerWeek,
                        onCall: onCall, kind: kind,
                        weeklyRestMinutes: t.weeklyRestMinutes ?? model?.weeklyRestMinutes))
                touched.append(
                    Touched(
                        prefix: ScenarioApplier.keyed("sitters", id),
                        field: { rest in "sitter" + ScenarioApplier.key(rest) }))
            }
            return "sitter"
        }

        mutating func setRules(_ rules: ScenarioRules, sitters sids: [String]?) -> String? {
            guard let sids else {
                if let d = rules.maxMinutesPerDay { theCase.rules.maxMinutesPerDay = d }
                if let w = rules.maxMinutesPerWeek { theCase.rules.maxMinutesPerWeek = w }
                if let m = rules.maxConsecutiveShifts { theCase.rules.maxConsecutiveShifts = m }
                if let r = rules.weeklyRestMinutes { theCase.rules.weeklyRestMinutes = r }
                touched.append(Touched(prefix: "$.rules", field: { rest in "rules" + ScenarioApplier.key(rest) }))
                return "rules"
            }
            let sis = sitterIndices(sids, field: Work.listField("sitters"))
            guard errors.isEmpty else { return nil }
            for si in sis {
                if let d = rules.maxMinutesPerDay { theCase.sitters[si].maxMinutesPerDay = d }
                if let w = rules.maxMinutesPerWeek { theCase.sitters[si].maxMinutesPerWeek = w }
                if let r = rules.weeklyRestMinutes { theCase.sitters[si].weeklyRestMinutes = r }
                // A run limit is an on-call rule: for a sitter with no on-call profile it changes nothing.
                if let m = rules.maxConsecutiveShifts, theCase.sitters[si].onCall != nil {
                    theCase.sitters[si].onCall?.maxConsecutiveShifts = m
                }
            }
            touchSitters(sis) { _, rest in "rules" + ScenarioApplier.key(rest) }
            return "rules"
        }

        mutating func setProgram(_ id: String, budgetMinutes: Int??, familyMinutesPerWeek: Int??) -> String? {
            guard let i = theCase.programs.firstIndex(where: { $0.id == id }) else {
                error(
                    "program", "unknown program \(CaseValidator.name(id))",
                    fix: "use an id from $.programs (set-program changes a program's budgets; it adds none)")
                return nil
            }
            if let b = budgetMinutes { theCase.programs[i].budgetMinutes = b }
            if let f = familyMinutesPerWeek { theCase.programs[i].familyMinutesPerWeek = f }
            touched.append(
                Touched(
                    prefix: CasePath.program(i).description,
                    field: { rest in
                        let k = ScenarioApplier.key(rest).dropFirst()
                        return k.isEmpty ? "program" : String(k)
                    }))
            return budgetMinutes != nil ? "budgetMinutes" : "familyMinutesPerWeek"
        }

        mutating func cancelVisits(_ vids: [String]?, family: String?, territory: String?) -> String? {
            if let vids {
                let known = Set(theCase.visits.map(\.id))
                for (i, vid) in vids.enumerated() where !known.contains(vid) {
                    error(
                        "visits[\(i)]", "unknown visit \(CaseValidator.name(vid))",
                        fix: "use the id of a visit in the case (an earlier change may have cancelled it)")
                }
                guard errors.isEmpty else { return nil }
                let cancelled = Set(vids)
                theCase.visits.removeAll { cancelled.contains($0.id) }
                return "visits"
            }
            if let family {
                guard theCase.families.contains(where: { $0.id == family }) else {
                    error("family", "unknown family \(CaseValidator.name(family))", fix: "use an id from $.families")
                    return nil
                }
                theCase.visits.removeAll { $0.family == family }
                return "family"
            }
            let territory = territory ?? ""
            guard theCase.territories.contains(where: { $0.id == territory }) else {
                error(
                    "territory", "unknown territory \(CaseValidator.name(territory))",
                    fix: "use an id from $.territories")
                return nil
            }
            let there = Set(theCase.families.filter { $0.territory == territory }.map(\.id))
            theCase.visits.removeAll { there.contains($0.family) }
            return "territory"
        }
    }
}
