import Foundation
import ReliefCore
import ReliefRender

/// One hire profile: what an `add-sitter` change would add to the case.
public struct HireProfile: Sendable, Equatable {
    public enum Source: String, Sendable {
        /// A copy of an existing non-trainee sitter (`like`).
        case clone
        /// Drawn from a group of unfilled visits sharing a territory and competencies.
        case unfilled
    }
    public var source: Source
    /// The sitter copied, for a clone.
    public var like: String?
    /// For an `unfilled` profile: the sitter whose availability it takes (nil: the union of the visits' times).
    public var availabilityFrom: String?
    public var homeTerritory: String
    public var territories: [String]
    public var competencies: Set<String>
    public var credentials: [String: LocalDate?]
    public var availability: [TimeSpan]
    public var targetMinutesPerWeek: Int?

    /// The `add-sitter` change of the contract that adds this profile.
    public var change: ScenarioChange {
        switch source {
        case .clone:
            return .addSitter(template: ScenarioSitter(), count: 1, like: like)
        case .unfilled:
            return .addSitter(
                template: ScenarioSitter(
                    homeTerritory: homeTerritory, territories: territories, competencies: competencies,
                    credentials: credentials, trainee: false, availability: availability),
                count: 1, like: nil)
        }
    }

    /// What makes two profiles the same hire.
    var key: String {
        let spans = availability.map { "\($0.start.seconds)-\($0.end.seconds)" }.joined(separator: ",")
        let creds = credentials.keys.sorted().map { "\($0)=\(credentials[$0]!.map { "\($0.day)" } ?? "-")" }
        return [
            competencies.sorted().joined(separator: ","), homeTerritory, territories.joined(separator: ","), spans,
            creds.joined(separator: ","), "\(targetMinutesPerWeek ?? -1)",
        ].joined(separator: "|")
    }
}

/// One suggested hire: the profile, what it adds to the levels, and the visits it fills.
public struct SuggestedHire: Sendable {
    public var step: Int
    /// The new sitter's id in that step's case (`NEW-1`, `NEW-2`, ...).
    public var id: String
    public var profile: HireProfile
    public var status: Schedule.Status
    /// Levels 1-4 with this hire and the ones before it.
    public var levels: Levels
    /// Levels minus the previous step's.
    public var gain: Levels
    /// Visits short in the previous step's schedule that get more sitters in this one, the new sitter among them.
    public var fills: [String]
    /// Visits short before that get more sitters without the new sitter (someone it freed).
    public var fillsFreed: [String]
    /// Candidates evaluated at this step, and how many of their solves failed.
    public var candidates: Int
    public var failedSolves: Int
}

public struct HireSuggestions: Sendable {
    public enum Stop: String, Sendable {
        /// N hires found.
        case requested
        /// No candidate improves levels 1-4.
        case noGain = "no-gain"
        /// No candidate profile could be drawn from the case.
        case noCandidate = "no-candidate"
    }
    public var caseName: String
    public var requested: Int
    public var cap: Int
    public var baseStatus: Schedule.Status
    public var baseLevels: Levels
    public var hires: [SuggestedHire]
    public var stop: Stop

    /// How the candidates are drawn, as the output says it.
    public static func rule(cap: Int) -> String {
        "each step: one clone (like) per distinct non-trainee sitter of the case (competencies, home, territories, "
            + "availability, credentials, target), and one new profile per group of the visits still short "
            + "(family territory x competencies: home there, the visits' credentials, the availability of the "
            + "sitter serving that territory whose availability holds most of them, else the union of their times, "
            + "the case's limits); kept: the \(cap) that could take the most short visit-minutes themselves "
            + "(on-call, urgent, high, normal, compared in that order), ties in that order, clones first"
    }
}

/// `relief whatif CASE --suggest-hires N`: greedy hiring. Each step solves the case so far
/// plus each candidate profile (one `add-sitter` change applied by `ScenarioApplier`, all
/// the candidates solved by `WhatIfRunner` like scenarios), keeps the candidate with the
/// best lexicographic gain on levels 1-4 (ties: fewer contract minutes, then candidate
/// order), and goes on from that case. Every solve is a pure function of its case, and the
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
                    if gain == bst.gain && (x.contractMinutes, x.order) >= (y.contractMinutes, y.order) { continue }
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
                    availability: s.availability, targetMinutesPerWeek: s.targetMinutesPerWeek))
        }
        // (b) one profile per (territory, competencies) group of short visits.
        let families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let short = shortVisits(c, plan)
        var groups: [String: (territory: String, competencies: Set<String>, visits: [Visit])] = [:]
        for (v, _) in short {
            guard let t = families[v.family]?.territory else { continue }
            let k = t + "|" + v.competencies.sorted().joined(separator: ",")
            groups[k, default: (t, v.competencies, [])].visits.append(v)
        }
        for k in groups.keys.sorted() {
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
            add(
                HireProfile(
                    source: .unfilled, like: nil, availabilityFrom: from?.id, homeTerritory: g.territory,
                    territories: [g.territory], competencies: g.competencies, credentials: creds,
                    availability: from?.availability ?? mergeSpans(g.visits.map(\.span)), targetMinutesPerWeek: nil))
        }
        // Applied, and ranked by what the new sitter could take itself.
        var onCallShort: [(OnCallShift, Int)] = []
        var held: [String: Int] = [:]
        for a in plan.onCall { held[a.shift, default: 0] += 1 }
        for o in c.onCallShifts where o.staff > (held[o.id] ?? 0) { onCallShort.append((o, o.staff - held[o.id]!)) }
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

// MARK: - Output

enum HiresAvailability {
    static func weekday(_ d: LocalDate) -> String { Language.en.weekdayAbbreviations[d.weekday] }

    /// `Mon 08:00–22:00, Tue 22:00–Wed 06:00` in the case's time zone.
    static func summary(_ spans: [TimeSpan], _ clock: CaseClock) -> String {
        if spans.isEmpty { return "none" }
        return spans.map { s in
            let a = clock.formatLocal(s.start)
            let b = clock.formatLocal(s.end)
            let da = clock.localDate(s.start)
            let db = clock.localDate(s.end)
            let ha = String(a.suffix(5))
            let hb = String(b.suffix(5))
            if da == db { return "\(weekday(da)) \(ha)–\(hb)" }
            if db.day == da.day + 1 && hb == "00:00" { return "\(weekday(da)) \(ha)–24:00" }
            return "\(weekday(da)) \(ha)–\(weekday(db)) \(hb)"
        }.joined(separator: ", ")
    }
}

/// `relief.hires/1` (README, "What if"). Nothing in it depends on the machine or on `--jobs`.
enum HiresJSON {
    static func document(_ h: HireSuggestions, clock: CaseClock) -> JSONValue {
        .object([
            ("format", .string("relief.hires/1")), ("case", .string(h.caseName)),
            ("requested", .number(Double(h.requested))),
            (
                "candidates",
                .object([("cap", .number(Double(h.cap))), ("rule", .string(HireSuggestions.rule(cap: h.cap)))])
            ),
            (
                "base",
                .object([("status", .string(h.baseStatus.rawValue)), ("levels", WhatIfJSON.levels(h.baseLevels))])
            ),
            ("hires", .array(h.hires.map { hire($0, clock) })),
            ("stopped", .string(h.stop.rawValue)),
            ("levels", WhatIfJSON.levels(h.hires.last?.levels ?? h.baseLevels)),
        ])
    }

    static func hire(_ x: SuggestedHire, _ clock: CaseClock) -> JSONValue {
        let p = x.profile
        var f: [(String, JSONValue)] = [
            ("step", .number(Double(x.step))), ("id", .string(x.id)), ("source", .string(p.source.rawValue)),
        ]
        if let like = p.like { f.append(("like", .string(like))) }
        if let from = p.availabilityFrom { f.append(("availabilityFrom", .string(from))) }
        f.append(("homeTerritory", .string(p.homeTerritory)))
        f.append(("territories", .array(p.territories.map { .string($0) })))
        f.append(("competencies", .array(p.competencies.sorted().map { .string($0) })))
        f.append(("credentials", .array(p.credentials.keys.sorted().map { .string($0) })))
        f.append(
            (
                "availability",
                .array(
                    p.availability.map {
                        .object([("start", .string(clock.format($0.start))), ("end", .string(clock.format($0.end)))])
                    })
            ))
        f.append(("availabilitySummary", .string(HiresAvailability.summary(p.availability, clock))))
        f.append(("targetMinutesPerWeek", p.targetMinutesPerWeek.map { .number(Double($0)) } ?? .null))
        f.append(("status", .string(x.status.rawValue)))
        f.append(("gain", WhatIfJSON.levels(x.gain)))
        f.append(("levels", WhatIfJSON.levels(x.levels)))
        f.append(("fills", .array(x.fills.map { .string($0) })))
        f.append(("fillsFreed", .array(x.fillsFreed.map { .string($0) })))
        f.append(("candidatesTried", .number(Double(x.candidates))))
        f.append(("failedSolves", .number(Double(x.failedSolves))))
        return .object(f)
    }
}

enum HiresText {
    static func document(_ h: HireSuggestions, clock: CaseClock) -> String {
        func safe(_ s: String) -> String { TerminalText.safe(s) }
        func levels(_ l: Levels) -> String {
            "on-call \(l.onCallMinutes) min, urgent \(l.urgentSlots), high \(l.highSlots), normal \(l.normalSlots)"
        }
        func gain(_ l: Levels) -> String {
            let s = WhatIfHours.signed
            return "on-call \(s(l.onCallMinutes)) min, urgent \(s(l.urgentSlots)), high \(s(l.highSlots)), "
                + "normal \(s(l.normalSlots))"
        }
        var out = "Hires for \(safe(h.caseName)): up to \(h.requested), greedily\n"
        out += "base (\(h.baseStatus.rawValue)): \(levels(h.baseLevels))\n"
        for x in h.hires {
            let p = x.profile
            let what = p.source == .clone ? "like \(safe(p.like ?? ""))" : "new profile from unfilled visits"
            out += "\n\(x.step). \(safe(x.id)) (\(what))\n"
            let comps = p.competencies.isEmpty ? "none" : p.competencies.sorted().map(safe).joined(separator: ", ")
            out += "   competencies: \(comps)\n"
            out +=
                "   territories:  home \(safe(p.homeTerritory)), serves "
                + p.territories.map(safe).joined(separator: ", ") + "\n"
            let from = p.availabilityFrom.map { " (as \(safe($0)))" } ?? ""
            out += "   available:    \(HiresAvailability.summary(p.availability, clock))\(from)\n"
            if let t = p.targetMinutesPerWeek { out += "   contract:     \(WhatIfHours.text(t)) h/week\n" }
            out += "   gain:         \(gain(x.gain))\n"
            out += "   levels:       \(levels(x.levels)) (\(x.status.rawValue))\n"
            out += "   fills:        \(x.fills.isEmpty ? "-" : x.fills.map(safe).joined(separator: ", "))\n"
            if !x.fillsFreed.isEmpty {
                out += "   also filled:  \(x.fillsFreed.map(safe).joined(separator: ", ")) (by sitters it frees)\n"
            }
            out +=
                "   candidates:   \(x.candidates)" + (x.failedSolves > 0 ? ", \(x.failedSolves) failed to solve" : "")
                + "\n"
        }
        switch h.stop {
        case .requested: out += "\n\(h.hires.count) hire\(h.hires.count == 1 ? "" : "s") suggested.\n"
        case .noGain:
            out += "\nStopped after \(h.hires.count) of \(h.requested): no candidate improves levels 1-4 any more.\n"
        case .noCandidate: out += "\nStopped after \(h.hires.count) of \(h.requested): no candidate profile.\n"
        }
        out += "Candidates: \(HireSuggestions.rule(cap: h.cap)).\n"
        return out
    }
}
