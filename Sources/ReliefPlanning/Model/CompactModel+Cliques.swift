import LinearProgramming
import ReliefCore

/// A sitter's conflicts: the overlap cliques of `no_overlap`, grown with travel
/// conflicts into the cliques of `conflictCliques`.
extension CompactModel {
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
        var graph = ConflictGraph(self, sitter: si)
        // Without a travel conflict the overlap cliques are the sitter's cliques (intervals
        // that pairwise overlap share an instant): nothing to grow. On SMPTSP weeks (no
        // travel, hundreds of tasks per worker) growing them would cost most of the time.
        if graph.travelPairs.isEmpty { return ConflictCliques(cliques: cliques(sitter: si), pairs: []) }
        for k in graph.neighbours.indices { graph.neighbours[k].sort() }
        var found: [(key: Int64, members: [Int])] = []
        for (t, members) in cliques(sitter: si) {
            found.append((t, graph.grow(members.map { graph.position[$0]! })))
        }
        let pairs = graph.growTravelPairs(into: &found)
        return ConflictCliques(
            cliques: graph.outermost(found),
            pairs: pairs.map { (graph.items[$0.0].index, graph.items[$0.1].index) })
    }
}

/// A sitter's items in time order and which of them conflict (overlap, or travel
/// between two visits), for `CompactModel.conflictCliques`: items by position.
struct ConflictGraph {
    typealias Item = CompactModel.Item
    var items: [Item]
    var position: [Item: Int] = [:]
    let c: Case
    /// Neighbours in time order: every item that conflicts with item k; the same as
    /// a bit matrix (n x n bits: 125 kB for a sitter with 1 000 items).
    var neighbours: [[Int]]
    var adjacent: BitMatrix
    /// Conflicting visits that do not overlap (travel), by position.
    var travelPairs: [(Int, Int)] = []

    init(_ cm: CompactModel, sitter si: Int) {
        c = cm.index.theCase
        let rules = cm.index.rules
        var items: [Item] = cm.index.sitterVisits[si].map { Item(isVisit: true, index: $0) }
        items += cm.index.sitterShifts[si].map { Item(isVisit: false, index: $0) }
        let c = c
        func span(_ it: Item) -> TimeSpan { Self.span(it, in: c) }
        items.sort {
            (span($0).start, span($0).end, $0.isVisit ? 0 : 1, $0.index) < (
                span($1).start, span($1).end, $1.isVisit ? 0 : 1, $1.index
            )
        }
        self.items = items
        for (k, it) in items.enumerated() { position[it] = k }
        func conflict(_ a: Item, _ b: Item) -> Bool {
            if a.isVisit && b.isVisit { return rules.visitsConflict(a.index, b.index) }
            return span(a).overlaps(span(b))
        }
        let n = items.count
        neighbours = [[Int]](repeating: [], count: n)
        adjacent = BitMatrix(n)
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
    }

    static func span(_ it: Item, in c: Case) -> TimeSpan {
        it.isVisit ? c.visits[it.index].span : c.onCallShifts[it.index].span
    }

    /// Grows `members` (positions) with every item conflicting with all of them, in time order.
    func grow(_ members: [Int]) -> [Int] {
        var out = members
        let first = members.min { neighbours[$0].count < neighbours[$1].count }!
        for m in neighbours[first] where !out.contains(m) {
            if out.allSatisfy({ adjacent.get($0, m) }) { out.append(m) }
        }
        return out.sorted()
    }

    /// A clique grown from each travel pair no clique of `found` holds yet, added to
    /// `found` under a key of its own; the pairs that grow into nothing, returned.
    func growTravelPairs(into found: inout [(key: Int64, members: [Int])]) -> [(Int, Int)] {
        var held = BitMatrix(items.count)
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
            var key = Self.span(items[m.last!], in: c).start.seconds
            while keys.contains(key) { key += 1 }
            keys.insert(key)
            found.append((key, m))
            hold(m)
        }
        return pairs
    }

    /// The cliques of `found` inside no other (a clique inside another says nothing
    /// more), as items, by key.
    func outermost(_ found: [(key: Int64, members: [Int])]) -> [(Int64, [Item])] {
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
        return kept
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
