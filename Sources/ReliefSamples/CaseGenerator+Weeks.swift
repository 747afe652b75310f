import Foundation
import ReliefCore

/// `relief generate --programs`: the fields of `weeks.md` on a generated week, drawn from a
/// stream of their own after everything else, so that the week itself (sitters, families,
/// visits, on-call, published assignments) is the plain case's of the same seed.
extension CaseGenerator {
    /// The ADHD program's budget: this share of the minutes asked of the visits billed to it.
    public static let adhdBudgetShare = 0.8
    /// The ADHD program's cap per family and week; a family's visits beyond it are billed to the general program.
    public static let adhdFamilyMinutes = 600
    /// Ledger weeks written before this one.
    public static let ledgerWeeks = 4

    /// Adds two programs (`tdah`, with a budget and a cap per family; `general`, without),
    /// every family in `general` and about a third in `tdah` (families whose visits ask for
    /// `adhd` first), each visit billed, a standing request behind most visits (80 % every
    /// week, 8 % every other week, the rest one-off), a ledger of `ledgerWeeks` earlier weeks
    /// around this week's demand with a served share that varies by family, and each
    /// sitter's usual week (`weeklyAvailability`) read from this week's availability.
    static func addPrograms(_ c: inout Case, seed: UInt64) {
        var rng = SplitMix64(seed: seed ^ 0x7DA4_0F5E_ED11_A6E5)
        let adhd = Set(c.visits.filter { $0.competencies.contains("adhd") }.map(\.family))
        let order = c.families.indices.shuffled(using: &rng)
        let chosen = Set(
            (order.filter { adhd.contains(c.families[$0].id) } + order.filter { !adhd.contains(c.families[$0].id) })
                .prefix((c.families.count + 1) / 3))
        for i in c.families.indices {
            c.families[i].programs = chosen.contains(i) ? ["tdah", "general"] : ["general"]
        }
        let inADHD = Set(chosen.map { c.families[$0].id })
        var billed: [String: Int] = [:]
        for i in c.visits.indices where inADHD.contains(c.visits[i].family) {
            let v = c.visits[i]
            let asked = v.minutes * v.sitters
            let fits = billed[v.family, default: 0] + asked <= adhdFamilyMinutes
            c.visits[i].program = fits ? "tdah" : "general"
            if fits { billed[v.family, default: 0] += asked }
        }
        let budget = Int(Double(billed.values.reduce(0, +)) * adhdBudgetShare / 60) * 60
        c.programs = [
            Program(id: "tdah", name: "Répit TDAH", budgetMinutes: budget, familyMinutesPerWeek: adhdFamilyMinutes),
            Program(id: "general", name: "Répit-dépannage"),
        ]
        c.standing = standing(c, rng: &rng)
        addLedgers(&c, rng: &rng)
        for i in c.sitters.indices { c.sitters[i].weeklyAvailability = usualWeek(c.sitters[i].availability, c.clock) }
    }

    /// A standing request behind most visits, with the visit's local times and fields.
    static func standing(_ c: Case, rng: inout SplitMix64) -> [StandingRequest] {
        var out: [StandingRequest] = []
        for v in c.visits {
            let r = Double.random(in: 0..<1, using: &rng)
            guard r < 0.88 else { continue }
            let every = r < 0.8 ? 1 : 2
            let day = c.clock.localDate(v.span.start)
            let from = LocalDate(day: day.day - 7 * every * Int.random(in: 1...20, using: &rng))
            out.append(
                StandingRequest(
                    id: "R-\(v.id)", family: v.family, weekday: Weekday(day), start: timeOfDay(v.span.start, c.clock),
                    end: timeOfDay(v.span.end, c.clock), every: every, from: from, sitters: v.sitters,
                    competencies: v.competencies, credentials: v.credentials, priority: v.priority, program: v.program))
        }
        return out
    }

    /// `ledgerWeeks` earlier weeks per family with visits: requested about this week's asked
    /// minutes (75 % to 125 %, in half hours), served a share of it around the family's own
    /// luck (20 % to 100 %), so that some families are far behind and others not at all.
    static func addLedgers(_ c: inout Case, rng: inout SplitMix64) {
        var asked: [String: Int] = [:]
        for v in c.visits { asked[v.family, default: 0] += v.minutes * v.sitters }
        let first = c.clock.localDate(c.horizon.start)
        for i in c.families.indices {
            guard let base = asked[c.families[i].id] else { continue }
            let luck = [0.2, 0.4, 0.6, 0.8, 1.0].randomElement(using: &rng)!
            c.families[i].ledger = (1...ledgerWeeks).reversed().map { w in
                let requested = Int(Double(base) * Double.random(in: 0.75...1.25, using: &rng) / 30) * 30
                let share = min(1, max(0, luck + Double.random(in: -0.2...0.2, using: &rng)))
                return LedgerEntry(
                    weekStart: LocalDate(day: first.day - 7 * w), requestedMinutes: requested,
                    servedMinutes: min(requested, Int(Double(requested) * share / 30) * 30))
            }
        }
    }

    /// The local time of day of an instant.
    static func timeOfDay(_ t: Instant, _ clock: CaseClock) -> TimeOfDay {
        let wall = t.seconds + Int64(clock.offset(at: t))
        return TimeOfDay(minutes: Int(((wall % 86400) + 86400) % 86400) / 60)
    }

    /// Availability as a usual week: each interval cut at local midnights into slots (a
    /// whole day as two halves, since a slot ends before it starts again), no slot twice.
    static func usualWeek(_ spans: [TimeSpan], _ clock: CaseClock) -> [WeeklySlot] {
        var slots: [WeeklySlot] = []
        for s in spans {
            var start = s.start
            while start < s.end {
                let d = clock.localDate(start)
                let midnight = clock.resolve(wall: Int64(d.day + 1) * 86400) ?? s.end
                let end = min(s.end, midnight)
                let (a, b) = (timeOfDay(start, clock), timeOfDay(end, clock))
                if a == b {
                    slots.append(WeeklySlot(weekday: Weekday(d), start: a, end: TimeOfDay(minutes: 12 * 60)))
                    slots.append(WeeklySlot(weekday: Weekday(d), start: TimeOfDay(minutes: 12 * 60), end: b))
                } else {
                    slots.append(WeeklySlot(weekday: Weekday(d), start: a, end: b))
                }
                start = max(end, start.adding(minutes: 1))
            }
        }
        var seen = Set<WeeklySlot>()
        return slots.filter { seen.insert($0).inserted }
    }
}
