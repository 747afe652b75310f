import LinearProgramming
import ReliefCore

/// The compact integer program of the contract: one binary per eligible
/// (sitter, visit) and (sitter, shift) pair, one function per constraint
/// family. Row and column names match `Models/relief.mod`.
public struct CompactModel: Sendable {
    public let index: PlanningIndex
    public private(set) var model: LinearModel
    /// Column of x[s,v] / y[s,o].
    public private(set) var x: [PlanningIndex.Pair: Int] = [:]
    public private(set) var y: [PlanningIndex.Pair: Int] = [:]
    /// Slack (unfilled positions) column per visit and shift.
    public private(set) var unfilled: [Int] = []
    public private(set) var unstaffed: [Int] = []
    /// Deviation from target minutes, per sitter with a target.
    public private(set) var deviation: [Int: Int] = [:]
    /// Each sitter's conflict cliques and the travel pairs outside them (`conflictCliques`).
    public private(set) var conflicts: [ConflictCliques] = []
    /// Index of the level rows added by `fixLevel`.
    public private(set) var levelRows: [Int] = []

    public init(_ index: PlanningIndex) {
        self.index = index
        model = LinearModel(name: "relief", direction: .maximize)
        addVariables()
        coverVisit()
        staffShift()
        noOverlap()
        travelConflict()
        dayMinutes()
        weekMinutes()
        maxShifts()
        traineeWithMentor()
        fairShare()
    }

    var c: Case { index.theCase }

    static func name(_ s: String) -> String { s }

    mutating func addVariables() {
        for (vi, v) in c.visits.enumerated() {
            for si in index.visitEligible[vi] {
                let locked = index.locked.contains(.init(si, vi))
                x[.init(si, vi)] = model.addColumn("x[\(c.sitters[si].id),\(v.id)]", lower: locked ? 1 : 0, upper: 1)
            }
        }
        for (oi, o) in c.onCallShifts.enumerated() {
            for si in index.shiftEligible[oi] {
                y[.init(si, oi)] = model.addColumn("y[\(c.sitters[si].id),\(o.id)]")
            }
        }
        unfilled = c.visits.map {
            model.addColumn("unfilled[\($0.id)]", lower: 0, upper: Double($0.sitters), integer: false)
        }
        unstaffed = c.onCallShifts.map {
            model.addColumn("unstaffed[\($0.id)]", lower: 0, upper: Double($0.staff), integer: false)
        }
    }

    /// cover_visit[v]: assigned sitters + unfilled = sitters needed.
    mutating func coverVisit() {
        for (vi, v) in c.visits.enumerated() {
            var e = index.visitEligible[vi].map { (column: x[.init($0, vi)]!, value: 1.0) }
            e.append((unfilled[vi], 1))
            model.addRow("cover_visit[\(v.id)]", e, lower: Double(v.sitters), upper: Double(v.sitters))
        }
    }

    /// staff_shift[o]: on-call people + unstaffed = staff.
    mutating func staffShift() {
        for (oi, o) in c.onCallShifts.enumerated() {
            var e = index.shiftEligible[oi].map { (column: y[.init($0, oi)]!, value: 1.0) }
            e.append((unstaffed[oi], 1))
            model.addRow("staff_shift[\(o.id)]", e, lower: Double(o.staff), upper: Double(o.staff))
        }
    }

    /// no_overlap[s,t]: at most one of a clique of the sitter's items (`conflictCliques`):
    /// items that all cover one instant t, grown with the items that the sitter cannot
    /// reach in time from, or before, every member.
    mutating func noOverlap() {
        conflicts = c.sitters.indices.map { conflictCliques(sitter: $0) }
        for si in c.sitters.indices {
            for (t, members) in conflicts[si].cliques {
                let e = members.map { m in
                    (column: m.isVisit ? x[.init(si, m.index)]! : y[.init(si, m.index)]!, value: 1.0)
                }
                model.addRow("no_overlap[\(c.sitters[si].id),\(t)]", e, upper: 1)
            }
        }
    }

    public struct Item: Hashable, Sendable {
        public let isVisit: Bool
        public let index: Int
    }

    /// Maximal cliques of a sitter's items, keyed by their start time (epoch seconds).
    public func cliques(sitter si: Int) -> [(Int64, [Item])] {
        var items: [(TimeSpan, Item)] = index.sitterVisits[si].map {
            (c.visits[$0].span, Item(isVisit: true, index: $0))
        }
        items += index.sitterShifts[si].map { (c.onCallShifts[$0].span, Item(isVisit: false, index: $0)) }
        let starts = Array(Set(items.map(\.0.start))).sorted()
        var out: [(Int64, [Item])] = []
        for (k, t) in starts.enumerated() {
            let members = items.filter { $0.0.start <= t && t < $0.0.end }
            guard members.count >= 2 else { continue }
            if k + 1 < starts.count {
                let next = starts[k + 1]
                // Contained in the next clique when nothing here ends by then.
                if members.allSatisfy({ $0.0.end > next }) { continue }
            }
            out.append((t.seconds, members.map(\.1)))
        }
        return out
    }

    /// A sitter's conflicts as rows: cliques (at most one item of each) and the
    /// travel pairs that no clique holds.
    public struct ConflictCliques: Sendable {
        /// Key (a start time in epoch seconds, unique per sitter) and members.
        public var cliques: [(Int64, [Item])] = []
        /// Visits (a, b), a first, that the sitter cannot both reach, outside every clique.
        public var pairs: [(Int, Int)] = []
    }

    /// The sitter's items that pairwise exclude each other, as few and as large
    /// cliques as a greedy pass finds. Start from the maximal cliques of overlap
    /// (`cliques(sitter:)`, one per distinct start time); grow each with the items
    /// that conflict with every member (travel: a visit the sitter cannot reach in
    /// time after, or leave in time before, every member), in time order; then grow
    /// a clique from each travel pair no clique holds yet. A clique inside another
    /// is dropped; a pair that grows into nothing stays a `travel` row. The LP of
    /// the model is then tighter (a clique row cuts off what pair rows allow) and
    /// smaller (one row for many pairs).
    public func conflictCliques(sitter si: Int) -> ConflictCliques {
        let rules = index.rules
        var items: [Item] = index.sitterVisits[si].map { Item(isVisit: true, index: $0) }
        items += index.sitterShifts[si].map { Item(isVisit: false, index: $0) }
        func span(_ it: Item) -> TimeSpan { it.isVisit ? c.visits[it.index].span : c.onCallShifts[it.index].span }
        items.sort {
            (span($0).start, span($0).end, $0.isVisit ? 0 : 1, $0.index) < (
                span($1).start, span($1).end, $1.isVisit ? 0 : 1, $1.index
            )
        }
        var position: [Item: Int] = [:]
        for (k, it) in items.enumerated() { position[it] = k }
        func conflict(_ a: Item, _ b: Item) -> Bool {
            if a.isVisit && b.isVisit { return rules.visitsConflict(a.index, b.index) }
            return span(a).overlaps(span(b))
        }
        // Neighbours in time order: every item that conflicts with item k; the same as
        // a bit matrix (n x n bits: 125 kB for a sitter with 1 000 items).
        let n = items.count
        var neighbours = [[Int]](repeating: [], count: n)
        var adjacent = BitMatrix(n)
        var travelPairs: [(Int, Int)] = []
        for i in items.indices {
            for j in (i + 1)..<max(i + 1, n) {
                let (a, b) = (items[i], items[j])
                // Sorted by start: nothing later can be closer than travel allows.
                if rules.beyondReach(span(b).start, after: span(a).end) { break }
                guard conflict(a, b) else { continue }
                neighbours[i].append(j)
                neighbours[j].append(i)
                adjacent.set(i, j)
                if a.isVisit && b.isVisit && !span(a).overlaps(span(b)) { travelPairs.append((i, j)) }
            }
        }
        // Without a travel conflict the overlap cliques are the sitter's cliques (intervals
        // that pairwise overlap share an instant): nothing to grow. On SMPTSP weeks (no
        // travel, hundreds of tasks per worker) growing them would cost most of the time.
        if travelPairs.isEmpty { return ConflictCliques(cliques: cliques(sitter: si), pairs: []) }
        for k in neighbours.indices { neighbours[k].sort() }
        /// Grows `members` (positions) with every item conflicting with all of them, in time order.
        func grow(_ members: [Int]) -> [Int] {
            var out = members
            let first = members.min { neighbours[$0].count < neighbours[$1].count }!
            for m in neighbours[first] where !out.contains(m) {
                if out.allSatisfy({ adjacent.get($0, m) }) { out.append(m) }
            }
            return out.sorted()
        }
        var found: [(key: Int64, members: [Int])] = []
        for (t, members) in cliques(sitter: si) {
            found.append((t, grow(members.map { position[$0]! })))
        }
        // Pairs a clique holds.
        var held = BitMatrix(n)
        func hold(_ m: [Int]) {
            for x in m.indices { for y in m.indices where y > x { held.set(m[x], m[y]) } }
        }
        for f in found { hold(f.members) }
        var keys = Set(found.map(\.key))
        var pairs: [(Int, Int)] = []
        for (i, j) in travelPairs where !held.get(i, j) {
            let m = grow([i, j])
            if m.count == 2 {
                pairs.append((i, j))
                continue
            }
            var key = span(items[m.last!]).start.seconds
            while keys.contains(key) { key += 1 }
            keys.insert(key)
            found.append((key, m))
            hold(m)
        }
        // A clique inside another says nothing more.
        let sets = found.map { Set($0.members) }
        var kept: [(Int64, [Item])] = []
        for (k, f) in found.enumerated() {
            let inside = sets.indices.contains { o in
                o != k && sets[o].count >= sets[k].count && sets[k].isSubset(of: sets[o])
                    && (sets[o].count > sets[k].count || o < k)
            }
            if !inside { kept.append((f.key, f.members.map { items[$0] })) }
        }
        kept.sort { $0.0 < $1.0 }
        return ConflictCliques(
            cliques: kept,
            pairs: pairs.map { (items[$0.0].index, items[$0.1].index) })
    }

    /// travel[s,a,b]: two visits that do not overlap but cannot both be reached in
    /// time, and that no clique of `no_overlap` holds together.
    mutating func travelConflict() {
        for si in c.sitters.indices {
            for (a, b) in conflicts[si].pairs {
                model.addRow(
                    "travel[\(c.sitters[si].id),\(c.visits[a].id),\(c.visits[b].id)]",
                    [(x[.init(si, a)]!, 1), (x[.init(si, b)]!, 1)], upper: 1)
            }
        }
    }

    /// day_minutes[s,d]: visit minutes per local day (a visit counts on the day it starts).
    mutating func dayMinutes() {
        for si in c.sitters.indices {
            let cap = index.maxDay(si)
            var byDay: [Int: [Int]] = [:]
            for v in index.sitterVisits[si] { byDay[index.visitDay[v], default: []].append(v) }
            for (d, vs) in byDay.sorted(by: { $0.key < $1.key }) {
                guard vs.reduce(0, { $0 + index.visitMinutes[$1] }) > cap else { continue }
                model.addRow(
                    "day_minutes[\(c.sitters[si].id),\(LocalDate(day: d))]",
                    vs.map { (x[.init(si, $0)]!, Double(index.visitMinutes[$0])) }, upper: Double(cap))
            }
        }
    }

    /// week_minutes[s]: visit minutes in the horizon.
    mutating func weekMinutes() {
        for si in c.sitters.indices {
            let vs = index.sitterVisits[si]
            let cap = index.maxWeek(si)
            guard vs.reduce(0, { $0 + index.visitMinutes[$1] }) > cap else { continue }
            model.addRow(
                "week_minutes[\(c.sitters[si].id)]", vs.map { (x[.init(si, $0)]!, Double(index.visitMinutes[$0])) },
                upper: Double(cap))
        }
    }

    /// max_shifts[s]: on-call shifts within `maxShifts`.
    mutating func maxShifts() {
        for si in c.sitters.indices {
            guard let m = index.maxShifts(si), index.sitterShifts[si].count > m else { continue }
            model.addRow(
                "max_shifts[\(c.sitters[si].id)]", index.sitterShifts[si].map { (y[.init(si, $0)]!, 1) },
                upper: Double(m))
        }
    }

    /// trainee[t,v]: a trainee on a visit only with a non-trainee on it too.
    mutating func traineeWithMentor() {
        for (vi, v) in c.visits.enumerated() {
            let el = index.visitEligible[vi]
            let mentors = el.filter { !index.isTrainee($0) }
            for t in el where index.isTrainee(t) {
                var e: [(column: Int, value: Double)] = [(x[.init(t, vi)]!, 1)]
                e += mentors.map { (x[.init($0, vi)]!, -1) }
                model.addRow("trainee[\(c.sitters[t].id),\(v.id)]", e, upper: 0)
            }
        }
    }

    /// fair_share[s]: deviation of the sitter's visit minutes from target (both sides).
    mutating func fairShare() {
        for (si, s) in c.sitters.enumerated() {
            guard let target = s.targetMinutesPerWeek, !index.sitterVisits[si].isEmpty else { continue }
            let d = model.addColumn("deviation[\(s.id)]", lower: 0, upper: .infinity, integer: false)
            deviation[si] = d
            let minutes = index.sitterVisits[si].map {
                (column: x[.init(si, $0)]!, value: Double(index.visitMinutes[$0]))
            }
            // d >= minutes - target  and  d >= target - minutes
            model.addRow("fair_share_over[\(s.id)]", minutes + [(d, -1)], upper: Double(target))
            model.addRow(
                "fair_share_under[\(s.id)]", minutes.map { ($0.column, -$0.value) } + [(d, -1)], upper: -Double(target))
        }
    }

    // MARK: - Objectives

    /// Objective coefficients of a level: what each x and y column adds to it.
    public func levelCoefficients(_ level: PlanningLevel) -> [(column: Int, value: Double)] {
        var out: [(column: Int, value: Double)] = []
        for (p, col) in x {
            let v = level.value(index, p.sitter, .visit(p.item))
            if v != 0 { out.append((col, v)) }
        }
        for (p, col) in y {
            let v = level.value(index, p.sitter, .shift(p.item))
            if v != 0 { out.append((col, v)) }
        }
        return out.sorted { $0.column < $1.column }
    }

    public mutating func setObjective(_ level: PlanningLevel) {
        model.clearObjective()
        for (col, v) in levelCoefficients(level) { model.setObjective(col, v) }
    }

    /// The level's value at a point of this model (whatever objective is set).
    public func value(of level: PlanningLevel, at point: [Double]) -> Int {
        var total = levelCoefficients(level).reduce(0.0) { $0 + $1.value * point[$1.column] }
        if level.perSitter != 0 {
            var working = Set<Int>()
            for (p, col) in x where point[col] > 0.5 { working.insert(p.sitter) }
            for (p, col) in y where point[col] > 0.5 { working.insert(p.sitter) }
            total += level.perSitter * Double(working.count)
        }
        return Int(total.rounded())
    }

    /// Keeps a level at least `value` (row `level_oncall`, `level_urgent`, ...).
    public mutating func hold(_ level: PlanningLevel, atLeast value: Int) {
        levelRows.append(model.addRow(level.rowName, levelCoefficients(level), lower: Double(value)))
    }

    public mutating func setQualityObjective(_ q: QualityWeights) {
        model.clearObjective()
        for (pair, col) in x {
            model.setObjective(col, q.assignmentScore(index, sitter: pair.sitter, visit: pair.item))
        }
        for (_, d) in deviation { model.setObjective(d, -q.perMinuteOffTarget) }
    }

    /// A 0/1 point of this model from assignments, with slacks filled in.
    public func point(assignments: Set<PlanningIndex.Pair>, onCall: Set<PlanningIndex.Pair>) -> [Double] {
        var v = Array(repeating: 0.0, count: model.columns.count)
        var perVisit = Array(repeating: 0, count: c.visits.count)
        var perShift = Array(repeating: 0, count: c.onCallShifts.count)
        var minutes: [Int: Int] = [:]
        for p in assignments {
            guard let col = x[p] else { continue }
            v[col] = 1
            perVisit[p.item] += 1
            minutes[p.sitter, default: 0] += index.visitMinutes[p.item]
        }
        for p in onCall {
            guard let col = y[p] else { continue }
            v[col] = 1
            perShift[p.item] += 1
        }
        for (i, col) in unfilled.enumerated() { v[col] = Double(max(0, c.visits[i].sitters - perVisit[i])) }
        for (i, col) in unstaffed.enumerated() { v[col] = Double(max(0, c.onCallShifts[i].staff - perShift[i])) }
        for (si, col) in deviation {
            v[col] = Double(abs((minutes[si] ?? 0) - (c.sitters[si].targetMinutesPerWeek ?? 0)))
        }
        return v
    }
}

/// Level 5 (quality) weights: the project's choice, documented in the README.
public struct QualityWeights: Sendable, Equatable {
    /// Per assignment kept from `assigned` (published).
    public var keepPublished: Double = 10
    /// Per assignment to one of the family's `previousSitters` (continuity of care).
    public var continuity: Double = 4
    /// Per assignment to one of the family's `preferredSitters`.
    public var preferred: Double = 3
    /// Per minute of travel from the sitter's home territory to the visit.
    public var perTravelMinute: Double = 0.1
    /// Per minute of visit time away from `targetMinutesPerWeek` (either side).
    public var perMinuteOffTarget: Double = 1.0 / 60

    public init() {}

    public func assignmentScore(_ ix: PlanningIndex, sitter s: Int, visit v: Int) -> Double {
        let c = ix.theCase
        let sid = c.sitters[s].id
        let visit = c.visits[v]
        let fam = c.families[ix.visitFamily[v]]
        var score = 0.0
        if visit.assigned.contains(sid) { score += keepPublished }
        if fam.previousSitters.contains(sid) { score += continuity }
        if fam.preferredSitters.contains(sid) { score += preferred }
        score -= perTravelMinute * Double(ix.travel[ix.homeTerritory[s]][ix.visitTerritory[v]])
        return score
    }
}

/// A symmetric n x n matrix of bits (a sitter's conflict graph, the pairs a clique holds).
struct BitMatrix {
    let n: Int
    private var words: [UInt64]
    init(_ n: Int) {
        self.n = n
        words = [UInt64](repeating: 0, count: (n * n + 63) / 64)
    }
    mutating func set(_ i: Int, _ j: Int) {
        let a = i * n + j
        let b = j * n + i
        words[a >> 6] |= 1 << UInt64(a & 63)
        words[b >> 6] |= 1 << UInt64(b & 63)
    }
    func get(_ i: Int, _ j: Int) -> Bool {
        let k = i * n + j
        return words[k >> 6] & (1 << UInt64(k & 63)) != 0
    }
}
