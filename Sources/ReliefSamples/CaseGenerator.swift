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
        var rng = SplitMix64(seed: o.seed)
        let clock = CaseClock(identifier: "America/Toronto")!
        func local(_ day: Int, _ minute: Int) -> Instant {
            // Day offset from week start, minutes after local midnight (may pass 24 h).
            let wall = Int64(o.weekStart.day + day) * 86400 + Int64(minute) * 60
            return clock.resolve(wall: wall) ?? clock.resolve(wall: wall + 3600)!
        }
        let horizon = TimeSpan(start: local(0, 0), end: local(o.days, 0))
        let territories = districts.map { Territory(id: $0.id, name: $0.name) }
        var travel: [TravelEntry] = []
        for a in districts.indices {
            for b in districts.indices where b >= a {
                travel.append(TravelEntry(from: districts[a].id, to: districts[b].id, minutes: travelMinutes(a, b)))
            }
        }
        func pickDistrict() -> Int {
            let total = districts.reduce(0) { $0 + $1.weight }
            var r = Double.random(in: 0..<total, using: &rng)
            for (i, d) in districts.enumerated() {
                r -= d.weight
                if r < 0 { return i }
            }
            return districts.count - 1
        }
        func nearest(_ a: Int, _ k: Int) -> [Int] {
            Array(districts.indices.filter { $0 != a }.sorted { travelMinutes(a, $0) < travelMinutes(a, $1) }.prefix(k))
        }
        func date(_ dayOffset: Int) -> LocalDate { LocalDate(day: o.weekStart.day + dayOffset) }

        // Sitters.
        var sitters: [Sitter] = []
        let patterns = ["evenings", "days", "flex", "nights", "weekends", "evenings", "flex"]
        for i in 0..<o.sitters {
            let id = String(format: "S%03d", i + 1)
            let name = "\(firstNames.randomElement(using: &rng)!) \(lastNames.randomElement(using: &rng)!)"
            let home = pickDistrict()
            let serves = [home] + nearest(home, Int.random(in: 2...5, using: &rng))
            var comps = Set<String>()
            for n in needs where Double.random(in: 0..<1, using: &rng) < 0.5 { comps.insert(n) }
            if Double.random(in: 0..<1, using: &rng) < 0.25 { comps.insert("english") }
            var creds: [String: LocalDate?] = [:]
            // First-aid: a few expire during the week (renewal pending).
            let fa =
                Double.random(in: 0..<1, using: &rng) < 0.08
                ? Int.random(in: 0..<o.days, using: &rng) : Int.random(in: 30...700, using: &rng)
            creds["first-aid"] = .some(date(fa))
            creds["record-check"] =
                Double.random(in: 0..<1, using: &rng) < 0.03
                ? .some(date(-3)) : .some(date(Int.random(in: 60...1400, using: &rng)))
            if comps.contains("medical") && Double.random(in: 0..<1, using: &rng) < 0.6 { creds["gtube"] = .some(nil) }
            // Every eighth sitter is a senior educator who also staffs the on-call line.
            let senior = i % 8 == 0
            let trainee = !senior && Double.random(in: 0..<1, using: &rng) < 0.1
            let pattern = senior ? "on-call" : patterns.randomElement(using: &rng)!
            var avail: [TimeSpan] = []
            let dayOff = Int.random(in: 0..<o.days, using: &rng)
            for d in 0..<o.days where d != dayOff {
                let weekday = (d + 0) % 7  // 0 = Monday when weekStart is a Monday
                switch pattern {
                case "evenings" where weekday < 5 || weekday == 6:
                    avail.append(TimeSpan(start: local(d, 14 * 60), end: local(d, 23 * 60)))
                case "days" where weekday < 5: avail.append(TimeSpan(start: local(d, 7 * 60), end: local(d, 18 * 60)))
                case "nights": avail.append(TimeSpan(start: local(d, 18 * 60), end: local(d, 33 * 60)))
                case "weekends" where weekday >= 4:
                    avail.append(TimeSpan(start: local(d, 8 * 60), end: local(d, 24 * 60)))
                case "weekends" where weekday == 1 || weekday == 3:
                    avail.append(TimeSpan(start: local(d, 15 * 60), end: local(d, 23 * 60)))
                case "flex": avail.append(TimeSpan(start: local(d, 7 * 60), end: local(d, 23 * 60)))
                case "on-call": avail.append(TimeSpan(start: local(d, 0), end: local(d, 24 * 60)))
                default: break
                }
            }
            avail = avail.map { TimeSpan(start: max($0.start, horizon.start), end: min($0.end, horizon.end)) }.filter {
                $0.start < $0.end
            }
            let week = [1200, 1500, 1800, 2100, 2400].randomElement(using: &rng)!
            let onCallEligible = senior || (!trainee && Double.random(in: 0..<1, using: &rng) < 0.45)
            sitters.append(
                Sitter(
                    id: id, name: name, homeTerritory: districts[home].id, territories: serves.map { districts[$0].id },
                    competencies: comps, credentials: creds, trainee: trainee, availability: avail,
                    maxMinutesPerDay: Double.random(in: 0..<1, using: &rng) < 0.3 ? 480 : nil, maxMinutesPerWeek: week,
                    targetMinutesPerWeek: Double.random(in: 0..<1, using: &rng) < 0.7 ? week * 3 / 4 : nil,
                    onCall: onCallEligible
                        ? OnCallProfile(
                            eligible: true, maxShifts: senior ? 6 : Int.random(in: 2...4, using: &rng),
                            competencies: ["crisis-support"])
                        : nil))
        }
        // On-call: a few more sitters who only do on-call (night line), so the tiling is coverable.
        let shiftsPerDay = 3
        var shifts: [OnCallShift] = []
        let labels = ["N", "D", "E"]
        for d in 0..<o.days {
            for k in 0..<shiftsPerDay {
                let start = local(d, k * 480)
                let end = local(d, (k + 1) * 480)
                let weekday = d % 7
                let staff = (k == 2 && (weekday == 4 || weekday == 5)) ? 2 : 1
                shifts.append(
                    OnCallShift(
                        id: "OC-\(date(d))-\(labels[k])", span: TimeSpan(start: start, end: end), staff: staff,
                        competencies: ["crisis-support"]))
            }
        }

        // Families.
        let familyCount = o.families ?? max(1, o.visits * 3 / 10)
        var families: [Family] = []
        var familyNeeds: [Set<String>] = []
        for i in 0..<familyCount {
            let t = pickDistrict()
            var n = Set<String>()
            let k = [0, 0, 1, 1, 1, 2].randomElement(using: &rng)!
            while n.count < k { n.insert(needs.randomElement(using: &rng)!) }
            if Double.random(in: 0..<1, using: &rng) < 0.1 { n.insert("english") }
            let local = sitters.indices.filter { sitters[$0].territories.contains(districts[t].id) }
            var prev: [String] = []
            var pref: [String] = []
            var excl: [String] = []
            if !local.isEmpty {
                if Double.random(in: 0..<1, using: &rng) < 0.5 {
                    prev.append(sitters[local.randomElement(using: &rng)!].id)
                }
                if Double.random(in: 0..<1, using: &rng) < 0.3 {
                    pref.append(sitters[local.randomElement(using: &rng)!].id)
                }
                if Double.random(in: 0..<1, using: &rng) < 0.08 {
                    let e = sitters[local.randomElement(using: &rng)!].id
                    if !prev.contains(e) && !pref.contains(e) { excl.append(e) }
                }
            }
            families.append(
                Family(
                    id: String(format: "F%03d", i + 1), name: "Famille \(lastNames.randomElement(using: &rng)!)",
                    territory: districts[t].id, preferredSitters: pref, excludedSitters: excl, previousSitters: prev))
            familyNeeds.append(n)
        }

        // Visits: (start minute, length in minutes) by kind.
        let kinds: [(start: ClosedRange<Int>, length: [Int], weekend: Bool)] = [
            (930...990, [180, 210, 240], false),  // after school
            (1050...1110, [180, 240], false),  // evening
            (540...600, [240, 360, 480], true),  // weekend day
            (1170...1230, [600, 720], false),  // overnight
            (780...840, [120, 180], false),  // afternoon
        ]
        var visits: [Visit] = []
        for i in 0..<o.visits {
            let f = Int.random(in: 0..<familyCount, using: &rng)
            var kind = kinds.randomElement(using: &rng)!
            let day = Int.random(in: 0..<o.days, using: &rng)
            let weekend = day % 7 >= 5
            if kind.weekend && !weekend { kind = kinds[0] }
            let startMinute =
                (kind.start.lowerBound / 30 + Int.random(in: 0...(kind.start.count / 30), using: &rng)) * 30
            let length = kind.length.randomElement(using: &rng)!
            var start = local(day, startMinute)
            var end = local(day, startMinute + length)
            if end > horizon.end {
                end = horizon.end
                start = min(start, end.adding(minutes: -120))
            }
            var comps = familyNeeds[f]
            var creds = Set<String>()
            if comps.contains("medical") && Double.random(in: 0..<1, using: &rng) < 0.3 { creds.insert("gtube") }
            if Double.random(in: 0..<1, using: &rng) < 0.3, let n = comps.sorted().randomElement(using: &rng) {
                comps.remove(n)
            }
            let r = Double.random(in: 0..<1, using: &rng)
            let priority: Priority = r < 0.08 ? .urgent : (r < 0.33 ? .high : .normal)
            let need = Double.random(in: 0..<1, using: &rng) < 0.07 ? 2 : 1
            visits.append(
                Visit(
                    id: String(format: "V%04d", i + 1), family: families[f].id, span: TimeSpan(start: start, end: end),
                    sitters: need, competencies: comps, credentials: creds, priority: priority))
        }
        visits.sort { ($0.span.start, $0.id) < ($1.span.start, $1.id) }

        var c = Case(
            name: o.name
                ?? "petit-repit \(o.weekStart) generated s\(o.sitters) v\(o.visits) seed \(o.seed)\(o.scarce ? " scarce" : "")",
            clock: clock,
            horizon: horizon, territories: territories, travel: travel,
            requiredCredentials: ["first-aid", "record-check"],
            rules: Rules(maxMinutesPerDay: 720, maxMinutesPerWeek: 3000), sitters: sitters, families: families,
            visits: visits, onCallShifts: shifts)

        if o.scarce { makeScarce(&c, seed: o.seed) }

        // Published assignments: about a third of the visits already went out to an
        // eligible sitter; a few are locked (kept only when they break no rule).
        let ix = PlanningIndex(c)
        var locked = c.sitters.indices.map { WeekRules.Week(sitter: $0) }
        for vi in c.visits.indices where Double.random(in: 0..<1, using: &rng) < 0.3 {
            let el = ix.visitEligible[vi].filter { !ix.isTrainee($0) }
            guard let s = el.randomElement(using: &rng) else { continue }
            c.visits[vi].assigned = [c.sitters[s].id]
            if Double.random(in: 0..<1, using: &rng) < 0.1 {
                // At most one locked visit a day per sitter (a choice of the generator),
                // and never one that breaks a rule of the sitter's week.
                let sameDay = locked[s].dayMinutes[ix.visitDay[vi], default: 0] > 0
                if !sameDay && locked[s].fits(.visit(vi), ix.rules) {
                    c.visits[vi].locked = true
                    locked[s].add(.visit(vi), ix.rules)
                }
            }
        }
        return c
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
