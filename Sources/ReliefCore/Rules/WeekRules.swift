/// The rules of one sitter's week, written once: two items a sitter cannot
/// both take (visits that overlap or leave too little travel time, a visit or
/// shift that overlaps an on-call shift), visit minutes per local day and per
/// horizon, the on-call shift limit and the longest run of touching on-call
/// shifts (people.md). Eligibility (competency, credential,
/// territory, exclusion, availability) is `Eligibility`'s.
///
/// Everything that builds or checks a week uses it: the case validator's lock
/// check, the compact model's rows, pricing, the greedy fill, the exchange
/// search and the explainer. `ScheduleVerifier` does not, on purpose: it is the
/// independent second opinion.
public struct WeekRules: Sendable {
    /// A visit or an on-call shift, by its index in the case.
    public enum Item: Hashable, Sendable, Comparable, CustomStringConvertible {
        case visit(Int)
        case shift(Int)
        public var isVisit: Bool {
            if case .visit = self { return true }
            return false
        }
        public var index: Int {
            switch self {
            case .visit(let i), .shift(let i): return i
            }
        }
        public var description: String { isVisit ? "visit \(index)" : "shift \(index)" }
    }

    /// Why a sitter cannot take one more item.
    public enum Breach: Hashable, Sendable {
        /// Overlaps `item`, or (two visits) leaves less than `travel` minutes between them.
        case conflict(with: Item, travel: Int, overlap: Bool)
        /// Visit minutes on the local day (days since 1970-01-01) would reach `minutes` over `cap`.
        case dayLimit(day: Int, minutes: Int, cap: Int)
        /// Visit minutes in the horizon would reach `minutes` over `cap`.
        case weekLimit(minutes: Int, cap: Int)
        /// On-call shifts would reach `count` over `cap`.
        case shiftLimit(count: Int, cap: Int)
        /// Touching on-call shifts would form a run of `run` over `cap`.
        case runLimit(run: Int, cap: Int)
        /// The longest stretch without assignment in the horizon would be `longest`
        /// minutes, under the weekly rest `need` (people.md).
        case rest(longest: Int, need: Int)
    }

    public struct Limits: Sendable, Equatable {
        public var day: Int
        public var week: Int
        public var shifts: Int?
        /// The most touching on-call shifts in one run; nil: no limit.
        public var run: Int? = nil
        /// Minutes of weekly rest the sitter keeps (people.md); nil: no rule.
        public var rest: Int? = nil
    }

    public let visitSpan: [TimeSpan]
    public let shiftSpan: [TimeSpan]
    /// The case's horizon: it bounds the stretches of weekly rest.
    public let horizon: TimeSpan
    /// Visit ids break ties between visits that start together (the earlier by start, then id).
    let visitID: [String]
    /// Territory index of each visit's family (-1 when unknown: no travel).
    public let visitTerritory: [Int]
    /// Local day (days since epoch) on which each visit starts: day limits count it there.
    public let visitDay: [Int]
    public let visitMinutes: [Int]
    public let shiftMinutes: [Int]
    /// travel[a][b] in minutes between territory indices (0 for a missing pair).
    public let travel: [[Int]]
    /// The longest travel time of the case: a visit starting that long after
    /// another one ends never conflicts with it.
    public let maxTravel: Int
    public let limits: [Limits]
    /// For each shift, the shifts that end exactly when it starts (a run's links).
    public let shiftsBefore: [[Int]]
    /// For each shift, the shifts that start exactly when it ends.
    public let shiftsAfter: [[Int]]

    public init(_ c: Case) {
        let tIndex = Dictionary(c.territories.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let familyTerritory = Dictionary(c.families.map { ($0.id, $0.territory) }, uniquingKeysWith: { a, _ in a })
        let tIDs = c.territories.map(\.id)
        travel = tIDs.map { a in tIDs.map { b in c.travelMinutes(a, b) ?? 0 } }
        maxTravel = travel.joined().max() ?? 0
        horizon = c.horizon
        visitSpan = c.visits.map(\.span)
        shiftSpan = c.onCallShifts.map(\.span)
        visitID = c.visits.map(\.id)
        visitTerritory = c.visits.map { v in familyTerritory[v.family].flatMap { tIndex[$0] } ?? -1 }
        visitDay = c.visits.map { c.clock.localDate($0.span.start).day }
        visitMinutes = c.visits.map(\.minutes)
        shiftMinutes = c.onCallShifts.map(\.minutes)
        limits = c.sitters.map {
            Limits(
                day: c.maxMinutesPerDay($0), week: c.maxMinutesPerWeek($0), shifts: $0.onCall?.maxShifts,
                run: c.maxConsecutiveShifts($0), rest: c.weeklyRestMinutes($0))
        }
        let spans = c.onCallShifts.map(\.span)
        let anyRun = c.sitters.contains { c.maxConsecutiveShifts($0) != nil }
        let starting = Dictionary(grouping: spans.indices, by: { spans[$0].start })
        let after = spans.map { anyRun ? starting[$0.end] ?? [] : [] }
        var before = spans.map { _ in [Int]() }
        for (o, next) in after.enumerated() { for n in next { before[n].append(o) } }
        shiftsAfter = after
        shiftsBefore = before
    }

    /// The length of the run of touching shifts, among `held`, that taking shift
    /// `o` would make (`o` counted once).
    public func run(through o: Int, held: (Int) -> Bool) -> Int {
        var n = 1
        for links in [shiftsBefore, shiftsAfter] {
            var at = o
            while let next = links[at].first(where: { $0 != o && held($0) }) {
                n += 1
                at = next
                if n > shiftSpan.count { break }
            }
        }
        return n
    }

    /// The most shifts of one chain of touching shifts among `shifts` (given in time order).
    public func longestRun(of shifts: [Int]) -> Int {
        var length: [Int: Int] = [:]
        for o in shifts { length[o] = 1 + (shiftsBefore[o].compactMap { length[$0] }.max() ?? 0) }
        return length.values.max() ?? 0
    }

    /// Every chain of `length` touching shifts among `shifts` (each in time order,
    /// in the order of `shifts`' first members): the windows a run limit of
    /// `length - 1` must keep from being all held.
    public func runWindows(of shifts: [Int], length: Int) -> [[Int]] {
        let among = Set(shifts)
        var out: [[Int]] = []
        func grow(_ chain: [Int]) {
            guard chain.count < length else { return out.append(chain) }
            for n in shiftsAfter[chain.last!] where among.contains(n) { grow(chain + [n]) }
        }
        for o in shifts { grow([o]) }
        return out
    }

    public func span(_ it: Item) -> TimeSpan {
        switch it {
        case .visit(let v): return visitSpan[v]
        case .shift(let o): return shiftSpan[o]
        }
    }

    /// Travel minutes between the families of two visits.
    public func travelMinutes(visit a: Int, visit b: Int) -> Int {
        let ta = visitTerritory[a]
        let tb = visitTerritory[b]
        return ta < 0 || tb < 0 ? 0 : travel[ta][tb]
    }

    /// True when `a` comes before `b` in a week's order: by start, then id.
    public func visitPrecedes(_ a: Int, _ b: Int) -> Bool {
        (visitSpan[a].start, visitID[a]) <= (visitSpan[b].start, visitID[b])
    }

    /// True when one sitter cannot do both visits: with `a` the earlier (by
    /// start, then id), `a.end + travel(a, b) > b.start`. Covers overlaps.
    public func visitsConflict(_ a0: Int, _ b0: Int) -> Bool {
        let (a, b) = visitPrecedes(a0, b0) ? (a0, b0) : (b0, a0)
        return visitSpan[a].end.adding(minutes: travelMinutes(visit: a, visit: b)) > visitSpan[b].start
    }

    public func visitsOverlap(_ a: Int, _ b: Int) -> Bool { visitSpan[a].overlaps(visitSpan[b]) }

    /// True when one sitter cannot hold both items (shifts only clash by overlap).
    public func conflict(_ x: Item, _ y: Item) -> Bool {
        if case .visit(let a) = x, case .visit(let b) = y { return visitsConflict(a, b) }
        return span(x).overlaps(span(y))
    }

    /// True when no visit starting at `later` or after can conflict with a visit
    /// ending at `end` (the look-ahead of pairwise checks over a sorted week).
    public func beyondReach(_ later: Instant, after end: Instant) -> Bool {
        later >= end.adding(minutes: maxTravel)
    }

    /// One sitter's items, with the minutes and counts the limits need.
    public struct Week: Sendable {
        public let sitter: Int
        public private(set) var visits: Set<Int> = []
        public private(set) var shifts: Set<Int> = []
        public private(set) var weekMinutes = 0
        public private(set) var dayMinutes: [Int: Int] = [:]

        public init(sitter: Int) { self.sitter = sitter }

        public func contains(_ it: Item) -> Bool {
            switch it {
            case .visit(let v): return visits.contains(v)
            case .shift(let o): return shifts.contains(o)
            }
        }

        public mutating func add(_ it: Item, _ rules: WeekRules) {
            switch it {
            case .visit(let v):
                guard visits.insert(v).inserted else { return }
                weekMinutes += rules.visitMinutes[v]
                dayMinutes[rules.visitDay[v], default: 0] += rules.visitMinutes[v]
            case .shift(let o):
                shifts.insert(o)
            }
        }

        public mutating func remove(_ it: Item, _ rules: WeekRules) {
            switch it {
            case .visit(let v):
                guard visits.remove(v) != nil else { return }
                weekMinutes -= rules.visitMinutes[v]
                dayMinutes[rules.visitDay[v], default: 0] -= rules.visitMinutes[v]
            case .shift(let o):
                shifts.remove(o)
            }
        }

        /// The items of this week that `it` conflicts with, in index order (visits first).
        public func conflicts(_ it: Item, _ rules: WeekRules) -> [Item] {
            var out: [Item] = []
            for v in visits.sorted() where !(it == .visit(v)) && rules.conflict(.visit(v), it) { out.append(.visit(v)) }
            for o in shifts.sorted() where !(it == .shift(o)) && rules.conflict(.shift(o), it) { out.append(.shift(o)) }
            return out
        }

        /// Every rule that taking `it` would break, conflicts first (empty: it fits).
        public func breaches(adding it: Item, _ rules: WeekRules) -> [Breach] {
            guard !contains(it) else { return [] }
            var out: [Breach] = conflicts(it, rules).map { other in
                if case .visit(let a) = other, case .visit(let b) = it {
                    return .conflict(
                        with: other, travel: rules.travelMinutes(visit: a, visit: b),
                        overlap: rules.visitsOverlap(a, b))
                }
                return .conflict(with: other, travel: 0, overlap: true)
            }
            let lim = rules.limits[sitter]
            switch it {
            case .visit(let v):
                let m = rules.visitMinutes[v]
                let d = rules.visitDay[v]
                let day = (dayMinutes[d] ?? 0) + m
                if day > lim.day { out.append(.dayLimit(day: d, minutes: day, cap: lim.day)) }
                if weekMinutes + m > lim.week { out.append(.weekLimit(minutes: weekMinutes + m, cap: lim.week)) }
            case .shift(let o):
                if let cap = lim.shifts, shifts.count + 1 > cap {
                    out.append(.shiftLimit(count: shifts.count + 1, cap: cap))
                }
                if let cap = lim.run {
                    let run = rules.run(through: o, held: shifts.contains)
                    if run > cap { out.append(.runLimit(run: run, cap: cap)) }
                }
            }
            if let need = lim.rest {
                let longest = longestRest(adding: it, rules)
                if longest < need { out.append(.rest(longest: longest, need: need)) }
            }
            return out
        }

        /// True when the sitter may take `it` besides what the week holds.
        public func fits(_ it: Item, _ rules: WeekRules) -> Bool {
            if contains(it) { return false }
            let lim = rules.limits[sitter]
            switch it {
            case .visit(let v):
                let m = rules.visitMinutes[v]
                if weekMinutes + m > lim.week || (dayMinutes[rules.visitDay[v]] ?? 0) + m > lim.day { return false }
            case .shift(let o):
                if let cap = lim.shifts, shifts.count >= cap { return false }
                if let cap = lim.run, rules.run(through: o, held: shifts.contains) > cap { return false }
            }
            for v in visits where rules.conflict(.visit(v), it) { return false }
            for o in shifts where rules.conflict(.shift(o), it) { return false }
            if let need = lim.rest, longestRest(adding: it, rules) < need { return false }
            return true
        }
    }

    /// Builds `sitter`'s week from `items` in week order, returning each item that
    /// could not be added with the rules it breaks against those before it.
    public func assemble(sitter: Int, _ items: [Item]) -> (week: Week, refused: [(Item, [Breach])]) {
        var week = Week(sitter: sitter)
        var refused: [(Item, [Breach])] = []
        let ordered = items.sorted { a, b in
            let (sa, sb) = (span(a).start, span(b).start)
            if sa != sb { return sa < sb }
            return a < b
        }
        for it in ordered {
            let b = week.breaches(adding: it, self)
            if b.isEmpty { week.add(it, self) } else { refused.append((it, b)) }
        }
        return (week, refused)
    }
}
