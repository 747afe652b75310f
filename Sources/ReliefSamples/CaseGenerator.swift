import Foundation
import ReliefCore

/// Generates realistic Quebec City respite weeks: districts with real-ish
/// travel times (Lévis across the river), sitters with availability patterns,
/// competencies, expiring credentials, trainees and on-call eligibility;
/// families with needs, preferences and exclusions; visits of the usual kinds
/// (after school, evening, weekend day, overnight) and 8-hour on-call shifts
/// tiling the week. Used for `Data/` and for benchmarks at any size.
public struct CaseGenerator {
    public struct Options: Sendable {
        public var sitters = 35
        public var visits = 250
        public var families: Int?
        public var seed: UInt64 = 48
        /// Monday the week starts (local date).
        public var weekStart = LocalDate(year: 2026, month: 11, dayOfMonth: 23)!
        public var days = 7
        public var name: String?
        /// The scarce variant (`relief generate --scarcity`, see `makeScarce`).
        public var scarce = false
        /// Programs, ledgers, standing requests and usual weeks (`relief generate --programs`,
        /// see `addPrograms`); without it the case is byte for byte what it was before.
        public var programs = false
        /// Percent of the sitters who are volunteers, and visits that allow them (`addVolunteers`); nil: none.
        public var volunteers: Int?
        /// `rules.weeklyRestMinutes` of the case; nil: not set.
        public var weeklyRestMinutes: Int?
        /// `rules.maxConsecutiveShifts` of the case; nil: not set.
        public var maxConsecutiveShifts: Int?
        public init() {}
    }

    /// Under `scarce`, the sitters together may work at most this share of the visit minutes asked.
    public static let scarceSupply = 0.5

    /// District, position in km (east, north of Vieux-Québec), relative weight of families.
    static let districts: [(id: String, name: String, x: Double, y: Double, weight: Double)] = [
        ("vieux-quebec", "Vieux-Québec", 0, 0, 0.5),
        ("saint-roch", "Saint-Roch", -1.0, 0.8, 1.0),
        ("saint-sauveur", "Saint-Sauveur", -2.2, 0.5, 1.2),
        ("montcalm", "Montcalm", -1.5, -0.8, 0.8),
        ("limoilou", "Limoilou", 0.0, 2.5, 1.8),
        ("vanier", "Vanier", -3.5, 2.0, 1.2),
        ("sainte-foy", "Sainte-Foy", -7.0, -1.5, 1.6),
        ("sillery", "Sillery", -5.0, -2.0, 0.6),
        ("charlesbourg", "Charlesbourg", -0.5, 7.0, 1.6),
        ("beauport", "Beauport", 4.0, 5.0, 1.5),
        ("neufchatel", "Neufchâtel", -7.0, 6.0, 1.0),
        ("levis", "Lévis", 1.5, -3.5, 1.3),
    ]

    static let firstNames = [
        "Marie", "Julie", "Catherine", "Isabelle", "Geneviève", "Mélanie", "Émilie", "Sophie", "Audrey", "Camille",
        "Léa", "Chloé", "Noémie", "Rosalie", "Maxime", "Alexandre", "Olivier", "Gabriel", "Samuel", "Jérémie",
        "Mathieu",
        "Félix", "Justine", "Valérie", "Annie", "Karine", "Nadia", "Amélie", "Sarah", "Laurence",
    ]
    static let lastNames = [
        "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné", "Ouellet",
        "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher", "Caron",
        "Beaulieu", "Cloutier", "Dubé", "Poirier", "Fournier", "Lapointe", "Leclerc", "Lefebvre", "Poulin",
    ]
    static let needs = ["autism", "adhd", "behaviour", "infant", "medical", "physical-disability"]

    public static func travelMinutes(_ a: Int, _ b: Int) -> Int {
        let da = districts[a]
        let db = districts[b]
        if a == b { return 5 }
        let km = ((da.x - db.x) * (da.x - db.x) + (da.y - db.y) * (da.y - db.y)).squareRoot()
        let river = (da.id == "levis") != (db.id == "levis") ? 12.0 : 0
        return Int((6 + 2.4 * km + river).rounded())
    }

    public static func generate(_ o: Options) -> Case {
        // One stream of draws, taken step by step in this order: a seed always gives the same week.
        var draw = Draw(o)
        var sitters: [Sitter] = []
        for i in 0..<o.sitters { sitters.append(draw.sitter(i)) }
        let shifts = draw.onCallShifts()
        let (families, familyNeeds) = draw.families(sitters: sitters)
        var visits: [Visit] = []
        for i in 0..<o.visits { visits.append(draw.visit(i, families: families, needs: familyNeeds)) }
        visits.sort { ($0.span.start, $0.id) < ($1.span.start, $1.id) }

        var c = Case(
            name: o.name
                ?? "petit-repit \(o.weekStart) generated s\(o.sitters) v\(o.visits) seed \(o.seed)\(o.scarce ? " scarce" : "")\(o.programs ? " programs" : "")\(peopleSuffix(o))",
            clock: draw.clock,
            horizon: draw.horizon, territories: districts.map { Territory(id: $0.id, name: $0.name) },
            travel: travelTable(),
            requiredCredentials: ["first-aid", "record-check"],
            rules: Rules(maxMinutesPerDay: 720, maxMinutesPerWeek: 3000), sitters: sitters, families: families,
            visits: visits, onCallShifts: shifts)

        if o.scarce { makeScarce(&c, seed: o.seed) }
        if let p = o.volunteers { addVolunteers(&c, percent: p, seed: o.seed) }
        c.rules.maxConsecutiveShifts = o.maxConsecutiveShifts
        c.rules.weeklyRestMinutes = o.weeklyRestMinutes
        draw.publish(&c)
        if o.programs { addPrograms(&c, seed: o.seed) }
        return c
    }

    /// Travel minutes between every pair of districts (each pair once, itself included).
    static func travelTable() -> [TravelEntry] {
        var travel: [TravelEntry] = []
        for a in districts.indices {
            for b in districts.indices where b >= a {
                travel.append(TravelEntry(from: districts[a].id, to: districts[b].id, minutes: travelMinutes(a, b)))
            }
        }
        return travel
    }

    /// The scarce variant of a case: the same families, visits and on-call shifts, fewer
    /// qualified sitters' hours. Each visit competency a sitter holds is kept with probability
    /// 1/2 (about half as many holders of each need and of English), and every sitter's weekly
    /// limit is scaled by one factor so that all of them together may work at most
    /// `scarceSupply` of the visit minutes asked (minutes x sitters of every visit; each limit
    /// rounded down to 30 minutes, with a floor of 120 that only a tiny case could reach), targets
    /// following at three quarters of the limit. The on-call line is left as it is. Its draws come
    /// from a stream of their own, so the demand is the plain case's of the same seed, and the plain
    /// case itself is unchanged.
    static func makeScarce(_ c: inout Case, seed: UInt64) {
        var rng = SplitMix64(seed: seed ^ 0x5CA2_CE5C_A2CE_5CA2)
        for i in c.sitters.indices {
            // In sorted order: a Set's order differs between processes, the draws must not.
            for comp in c.sitters[i].competencies.sorted() where Double.random(in: 0..<1, using: &rng) < 0.5 {
                c.sitters[i].competencies.remove(comp)
            }
        }
        let asked = c.visits.reduce(0) { $0 + $1.span.minutes * $1.sitters }
        let offered = c.sitters.reduce(0) { $0 + ($1.maxMinutesPerWeek ?? c.rules.maxMinutesPerWeek) }
        guard offered > 0 else { return }
        let scale = min(1, scarceSupply * Double(asked) / Double(offered))
        for i in c.sitters.indices {
            let week = c.sitters[i].maxMinutesPerWeek ?? c.rules.maxMinutesPerWeek
            let cut = max(120, Int(Double(week) * scale / 30) * 30)
            c.sitters[i].maxMinutesPerWeek = cut
            if c.sitters[i].targetMinutesPerWeek != nil { c.sitters[i].targetMinutesPerWeek = cut * 3 / 4 }
        }
    }
}
