import Foundation
import ReliefCore
import ReliefRender

/// `relief whatif CASE --suggest-hires N`: greedy hiring. Each step solves the case so far
/// plus each candidate profile (one `add-sitter` change applied by `ScenarioApplier`, all
/// the candidates solved by `WhatIfRunner` like scenarios), keeps the candidate with the
/// best lexicographic gain on levels 1-4 (ties: fewer contract minutes, then a volunteer
/// before an employee, then candidate order), and goes on from that case. Volunteer profiles
/// (`people.md`) are drawn only from short visits open to volunteers: never on call, capped
/// at the volunteer weekly minutes (`Case.maxMinutesPerWeek`). Every solve is a pure function of its case, and the
/// candidates and their order depend on the case and the schedule only, so the result does
/// not depend on `jobs`.
public struct HireSuggester: Sendable {
    public static let defaultCap = 12

    var executable: String
    var jobs: Int
    var timeLimit: Double
    var cap: Int = HireSuggester.defaultCap
    var progress: @Sendable (String) -> Void

    init(executable: String, jobs: Int, timeLimit: Double, progress: @escaping @Sendable (String) -> Void) {
        self.executable = executable
        self.jobs = jobs
        self.timeLimit = timeLimit
        self.progress = progress
    }

    func suggest(_ base: Case, hires n: Int) throws(ServiceError) -> HireSuggestions {
        let runner = WhatIfRunner(executable: executable, timeLimit: timeLimit, jobs: jobs)
        let started = Date()
        let first = try runner.solve([base]) { _, _ in }
        guard case .success(let b) = first[0] else {
            if case .failure(let f) = first[0] {
                throw .internalError("the base case could not be solved: \(f.message)")
            }
            throw .internalError("the base case could not be solved")
        }
        var current = base
        var plan = b.schedule
        var hires: [SuggestedHire] = []
        var stop = HireSuggestions.Stop.requested
        for step in 1...n {
            let candidates = Self.candidates(roster: base.sitters, in: current, plan: plan, cap: cap)
            if candidates.isEmpty {
                stop = .noCandidate
                break
            }
            let solved = try runner.solve(candidates.map(\.theCase)) { done, total in
                let elapsed = Date().timeIntervalSince(started)
                progress("whatif: hire \(step), \(done)/\(total) done, \(String(format: "%.1f", elapsed)) s elapsed")
            }
            var best: (index: Int, gain: Levels, schedule: Schedule)?
            var failed = 0
            for (i, r) in solved.enumerated() {
                guard case .success(let s) = r else {
                    failed += 1
                    continue
                }
                let gain = Levels(vector: zip(s.schedule.levels.vector, plan.levels.vector).map { $0 - $1 })
                guard Levels() < gain else { continue }
                if let bst = best {
                    if gain < bst.gain { continue }
                    let (x, y) = (candidates[i], candidates[bst.index])
                    if gain == bst.gain && !x.tieRank.lexicographicallyPrecedes(y.tieRank) { continue }
                }
                best = (i, gain, s.schedule)
            }
            guard let best else {
                stop = .noGain
                break
            }
            let chosen = candidates[best.index]
            let filled = Self.newlyFilled(current, before: plan, after: best.schedule, newSitter: chosen.sitterID)
            hires.append(
                SuggestedHire(
                    step: step, id: chosen.sitterID, profile: chosen.profile, status: best.schedule.status,
                    levels: best.schedule.levels, gain: best.gain, fills: filled.by, fillsFreed: filled.freed,
                    candidates: candidates.count, failedSolves: failed))
            current = chosen.theCase
            plan = best.schedule
        }
        return HireSuggestions(
            caseName: base.name, requested: n, cap: cap, baseStatus: b.schedule.status, baseLevels: b.schedule.levels,
            hires: hires, stop: stop)
    }

    /// A profile applied to the case: the case with the new sitter, and what it could take directly.
    struct Candidate: Sendable {
        var profile: HireProfile
        var theCase: Case
        var sitterID: String
        /// Short minutes it is eligible for: on-call, urgent, high, normal.
        var reach: [Int]
        /// The profile's place in the order it was drawn (clones, then unfilled groups): the last tie-break.
        var order: Int
        var contractMinutes: Int { profile.targetMinutesPerWeek ?? 0 }
        /// At equal gain: fewer contract minutes, then a volunteer before an employee (no wages), then the order.
        var tieRank: [Int] { [contractMinutes, profile.kind == .volunteer ? 0 : 1, order] }
    }

    /// The candidate profiles of one step, at most `cap`, in a deterministic order.
    static func candidates(roster: [Sitter], in c: Case, plan: Schedule, cap: Int) -> [Candidate] {
        var profiles: [HireProfile] = []
        var seen: Set<String> = []
        func add(_ p: HireProfile) {
            if seen.insert(p.key).inserted { profiles.append(p) }
        }
        // (a) clones of the case's own sitters (never of earlier hires).
        for s in roster where !s.trainee {
            add(
                HireProfile(
                    source: .clone, like: s.id, availabilityFrom: nil, homeTerritory: s.homeTerritory,
                    territories: s.territories, competencies: s.competencies, credentials: s.credentials,
                    availability: s.availability, targetMinutesPerWeek: s.targetMinutesPerWeek, kind: s.kind))
        }
        // (b) one profile per (territory, competencies) group of short visits; (c) the same, volunteers,
        // for the short visits open to volunteers (none in a case without them).
        let families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let short = shortVisits(c, plan)
        for p in unfilledProfiles(short, roster: roster, in: c, families: families, kind: .employee) { add(p) }
        let open = short.filter { $0.0.volunteers }
        for p in unfilledProfiles(open, roster: roster, in: c, families: families, kind: .volunteer) { add(p) }
        // Applied, and ranked by what the new sitter could take itself.
        var onCallShort: [(OnCallShift, Int)] = []
        var held: [String: Int] = [:]
        for a in plan.onCall { held[a.shift, default: 0] += 1 }
        for o in c.onCallShifts {
            let missing = o.staff - (held[o.id] ?? 0)
            if missing > 0 { onCallShort.append((o, missing)) }
        }
        var out: [Candidate] = []
        for (order, p) in profiles.enumerated() {
            let scenario = Scenario(name: "hire", changes: [p.change])
            guard case .success(let cc) = ScenarioApplier.apply(scenario, index: -1, to: c),
                let s = cc.sitters.first(where: { n in !c.sitters.contains { $0.id == n.id } })
            else { continue }
            let e = Eligibility(cc)
            var reach = [0, 0, 0, 0]
            for (o, missing) in onCallShort where e.check(s, shift: o) == nil { reach[0] += missing * o.minutes }
            for (v, missing) in short {
                guard let f = families[v.family], e.check(s, visit: v, family: f) == nil else { continue }
                reach[1 + v.priority.rank] += missing * v.minutes
            }
            out.append(Candidate(profile: p, theCase: cc, sitterID: s.id, reach: reach, order: order))
        }
        // Ties keep the order above.
        let ranked = out.sorted { x, y in
            x.reach != y.reach ? y.reach.lexicographicallyPrecedes(x.reach) : x.order < y.order
        }
        return Array(ranked.prefix(cap))
    }

    /// One profile of `kind` per (territory, competencies) group of the `short` visits: that home and
    /// territory, those competencies, the credentials they need, and the availability of the roster's
    /// sitter serving the territory who is free for most of them (else the visits' own times). A
    /// volunteer profile has no contract target and is never on call (`people.md`).
    static func unfilledProfiles(
        _ short: [(Visit, Int)], roster: [Sitter], in c: Case, families: [String: Family], kind: SitterKind
    ) -> [HireProfile] {
        var groups: [String: (territory: String, competencies: Set<String>, visits: [Visit])] = [:]
        for (v, _) in short {
            guard let t = families[v.family]?.territory else { continue }
            let k = t + "|" + v.competencies.sorted().joined(separator: ",")
            groups[k, default: (t, v.competencies, [])].visits.append(v)
        }
        return groups.keys.sorted().map { k in
            let g = groups[k]!
            var from: Sitter?
            var most = 0
            for s in roster where s.territories.contains(g.territory) {
                let n = g.visits.filter { s.isAvailable($0.span) }.count
                if n > most {
                    most = n
                    from = s
                }
            }
            var creds: [String: LocalDate?] = [:]
            for kind in c.requiredCredentials { creds[kind] = .some(nil) }
            for v in g.visits { for kind in v.credentials { creds[kind] = .some(nil) } }
            return HireProfile(
                source: .unfilled, like: nil, availabilityFrom: from?.id, homeTerritory: g.territory,
                territories: [g.territory], competencies: g.competencies, credentials: creds,
                availability: from?.availability ?? mergeSpans(g.visits.map(\.span)), targetMinutesPerWeek: nil,
                kind: kind)
        }
    }

    /// The visits with fewer sitters than they need in `plan`, and how many are missing.
    static func shortVisits(_ c: Case, _ plan: Schedule) -> [(Visit, Int)] {
        var assigned: [String: Int] = [:]
        for a in plan.assignments { assigned[a.visit, default: 0] += 1 }
        return c.visits.compactMap { v in
            let missing = v.sitters - (assigned[v.id] ?? 0)
            return missing > 0 ? (v, missing) : nil
        }
    }

    /// Visits short in `before` that have more sitters in `after`: with the new sitter on them, or not.
    static func newlyFilled(_ c: Case, before: Schedule, after: Schedule, newSitter: String)
        -> (by: [String], freed: [String])
    {
        var was: [String: Int] = [:]
        for a in before.assignments { was[a.visit, default: 0] += 1 }
        var now: [String: Int] = [:]
        var withNew: Set<String> = []
        for a in after.assignments {
            now[a.visit, default: 0] += 1
            if a.sitter == newSitter { withNew.insert(a.visit) }
        }
        var by: [String] = []
        var freed: [String] = []
        for v in c.visits where (was[v.id] ?? 0) < v.sitters && (now[v.id] ?? 0) > (was[v.id] ?? 0) {
            if withNew.contains(v.id) { by.append(v.id) } else { freed.append(v.id) }
        }
        return (by, freed)
    }
}
