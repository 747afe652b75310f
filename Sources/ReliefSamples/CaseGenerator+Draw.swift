import Foundation
import ReliefCore

extension CaseGenerator {
    /// One generation in progress: the options, the week's clock and horizon, and the
    /// one random stream that every step draws from. The steps must be taken in the
    /// order `generate` takes them (sitters, on-call, families, visits, published
    /// assignments): each draw's place in the stream is part of what a seed means.
    struct Draw {
        let o: Options
        let clock: CaseClock
        let horizon: TimeSpan
        var rng: SplitMix64

        init(_ o: Options) {
            self.o = o
            let clock = CaseClock(identifier: "America/Toronto")!
            self.clock = clock
            horizon = TimeSpan(start: Self.local(0, 0, o, clock), end: Self.local(o.days, 0, o, clock))
            rng = SplitMix64(seed: o.seed)
        }

        /// Day offset from week start, minutes after local midnight (may pass 24 h).
        func local(_ day: Int, _ minute: Int) -> Instant { Self.local(day, minute, o, clock) }

        static func local(_ day: Int, _ minute: Int, _ o: Options, _ clock: CaseClock) -> Instant {
            let wall = Int64(o.weekStart.day + day) * 86400 + Int64(minute) * 60
            return clock.resolve(wall: wall) ?? clock.resolve(wall: wall + 3600)!
        }

        func date(_ dayOffset: Int) -> LocalDate { LocalDate(day: o.weekStart.day + dayOffset) }

        /// A district drawn by its weight of families.
        mutating func pickDistrict() -> Int {
            let total = districts.reduce(0) { $0 + $1.weight }
            var r = Double.random(in: 0..<total, using: &rng)
            for (i, d) in districts.enumerated() {
                r -= d.weight
                if r < 0 { return i }
            }
            return districts.count - 1
        }

        /// The `k` districts nearest to `a` (by travel time), `a` itself left out.
        func nearest(_ a: Int, _ k: Int) -> [Int] {
            Array(districts.indices.filter { $0 != a }.sorted { travelMinutes(a, $0) < travelMinutes(a, $1) }.prefix(k))
        }

        static let patterns = ["evenings", "days", "flex", "nights", "weekends", "evenings", "flex"]

        /// Sitter `i` (0-based): home, districts served, competencies, credentials, availability and limits.
        mutating func sitter(_ i: Int) -> Sitter {
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
            let pattern = senior ? "on-call" : Self.patterns.randomElement(using: &rng)!
            let avail = availability(pattern, dayOff: Int.random(in: 0..<o.days, using: &rng))
            let week = [1200, 1500, 1800, 2100, 2400].randomElement(using: &rng)!
            let onCallEligible = senior || (!trainee && Double.random(in: 0..<1, using: &rng) < 0.45)
            return Sitter(
                id: id, name: name, homeTerritory: districts[home].id, territories: serves.map { districts[$0].id },
                competencies: comps, credentials: creds, trainee: trainee, availability: avail,
                maxMinutesPerDay: Double.random(in: 0..<1, using: &rng) < 0.3 ? 480 : nil, maxMinutesPerWeek: week,
                targetMinutesPerWeek: Double.random(in: 0..<1, using: &rng) < 0.7 ? week * 3 / 4 : nil,
                onCall: onCallEligible
                    ? OnCallProfile(
                        eligible: true, maxShifts: senior ? 6 : Int.random(in: 2...4, using: &rng),
                        competencies: ["crisis-support"])
                    : nil)
        }

        /// A sitter's availability over the week for a pattern, every day but `dayOff`,
        /// cut to the horizon (no draw).
        func availability(_ pattern: String, dayOff: Int) -> [TimeSpan] {
            var avail: [TimeSpan] = []
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
            return avail.map { TimeSpan(start: max($0.start, horizon.start), end: min($0.end, horizon.end)) }.filter {
                $0.start < $0.end
            }
        }

        /// Three 8-hour on-call shifts a day tiling the week, two people on Friday and
        /// Saturday evenings (no draw).
        func onCallShifts() -> [OnCallShift] {
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
            return shifts
        }

        /// The families, each with its district, needs, and previous, preferred and
        /// excluded sitters among those serving its district; with each family's needs.
        mutating func families(sitters: [Sitter]) -> ([Family], [Set<String>]) {
            let familyCount = o.families ?? max(1, o.visits * 3 / 10)
            var families: [Family] = []
            var familyNeeds: [Set<String>] = []
            for i in 0..<familyCount {
                let t = pickDistrict()
                var n = Set<String>()
                let k = [0, 0, 1, 1, 1, 2].randomElement(using: &rng)!
                while n.count < k { n.insert(needs.randomElement(using: &rng)!) }
                if Double.random(in: 0..<1, using: &rng) < 0.1 { n.insert("english") }
                let serving = sitters.indices.filter { sitters[$0].territories.contains(districts[t].id) }
                var prev: [String] = []
                var pref: [String] = []
                var excl: [String] = []
                if !serving.isEmpty {
                    if Double.random(in: 0..<1, using: &rng) < 0.5 {
                        prev.append(sitters[serving.randomElement(using: &rng)!].id)
                    }
                    if Double.random(in: 0..<1, using: &rng) < 0.3 {
                        pref.append(sitters[serving.randomElement(using: &rng)!].id)
                    }
                    if Double.random(in: 0..<1, using: &rng) < 0.08 {
                        let e = sitters[serving.randomElement(using: &rng)!].id
                        if !prev.contains(e) && !pref.contains(e) { excl.append(e) }
                    }
                }
                families.append(
                    Family(
                        id: String(format: "F%03d", i + 1), name: "Famille \(lastNames.randomElement(using: &rng)!)",
                        territory: districts[t].id, preferredSitters: pref, excludedSitters: excl,
                        previousSitters: prev))
                familyNeeds.append(n)
            }
            return (families, familyNeeds)
        }

        /// Visits: (start minute, length in minutes) by kind.
        static let kinds: [(start: ClosedRange<Int>, length: [Int], weekend: Bool)] = [
            (930...990, [180, 210, 240], false),  // after school
            (1050...1110, [180, 240], false),  // evening
            (540...600, [240, 360, 480], true),  // weekend day
            (1170...1230, [600, 720], false),  // overnight
            (780...840, [120, 180], false),  // afternoon
        ]

        /// Visit `i` (0-based): a family, a kind, a day and a time, needs, priority and headcount.
        mutating func visit(_ i: Int, families: [Family], needs familyNeeds: [Set<String>]) -> Visit {
            let kinds = Self.kinds
            let f = Int.random(in: 0..<families.count, using: &rng)
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
            return Visit(
                id: String(format: "V%04d", i + 1), family: families[f].id, span: TimeSpan(start: start, end: end),
                sitters: need, competencies: comps, credentials: creds, priority: priority)
        }

        /// Published assignments: about a third of the visits already went out to an
        /// eligible sitter; a few are locked (kept only when they break no rule).
        mutating func publish(_ c: inout Case) {
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
        }
    }
}
