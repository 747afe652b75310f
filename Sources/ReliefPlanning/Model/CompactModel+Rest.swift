import LinearProgramming
import ReliefCore

/// Weekly rest (people.md) in the compact model, by rest blocks
/// (`WeekRules.restBlocks`): per sitter whose rest can bind, one binary
/// `rest_at[s,k]` per kept block, `rest_block[s]` choosing exactly one; per
/// `no_overlap` clique, `rest_clique[s,t]`: its items and the blocks every one of
/// them overlaps, at most one; and per item not covered that way, `rest_visit[s,v]`
/// or `rest_shift[s,o]`: the item and the blocks it overlaps, at most one. Stated
/// per item (or clique) rather than per (block, item) pair: fewer rows, and a
/// tighter relaxation; the clique rows are what lets GLPK's tree close small weeks.
extension CompactModel {
    /// One sitter's rest: the blocks and their columns; the blocks (indices into
    /// `columns`) each item overlaps; the cliques of `no_overlap` with the blocks all
    /// their members overlap, when any; the items whose own row such a clique row
    /// implies (their blocks are exactly the clique's).
    public struct RestRows: Sendable {
        public let blocks: WeekRules.RestBlocks
        public let columns: [Int]
        public let blocksOf: [WeekRules.Item: Set<Int>]
        public let cliques: [(key: Int64, members: [WeekRules.Item], blocks: [Int])]
        public let implied: Set<WeekRules.Item>
    }

    func column(_ si: Int, _ it: WeekRules.Item) -> Int { columnIfAny(si, it)! }

    /// The column of sitter `si` on `it`, nil when the pair is not in the model (not eligible).
    func columnIfAny(_ si: Int, _ it: WeekRules.Item) -> Int? {
        switch it {
        case .visit(let v): return x[.init(si, v)]
        case .shift(let o): return y[.init(si, o)]
        }
    }

    func itemName(_ it: WeekRules.Item) -> String {
        switch it {
        case .visit(let v): return c.visits[v].id
        case .shift(let o): return c.onCallShifts[o].id
        }
    }

    /// rest_block[s]: for every sitter whose weekly rest can bind, exactly one of their
    /// blocks `rest_at[s,k]` (no row when no block fits the horizon: `rest_visit` and `rest_shift` keep them idle).
    mutating func restBlocks() {
        for si in c.sitters.indices {
            guard let blocks = index.rules.restBlocks(sitter: si, items: index.sitterItems(si)) else { continue }
            let sid = c.sitters[si].id
            let columns = blocks.starts.indices.map {
                model.addColumn("rest_at[\(sid),\($0 + 1)]", lower: 0, upper: 1)
            }
            var blocksOf: [WeekRules.Item: Set<Int>] = [:]
            for (k, members) in blocks.overlapping.enumerated() {
                for it in members { blocksOf[it, default: []].insert(k) }
            }
            let (cliques, implied) = restCliques(si, blocksOf)
            rest[si] = RestRows(
                blocks: blocks, columns: columns, blocksOf: blocksOf, cliques: cliques, implied: implied)
            if !columns.isEmpty {
                model.addRow("rest_block[\(sid)]", columns.map { ($0, 1.0) }, lower: 1, upper: 1)
            }
        }
    }

    /// The `no_overlap` cliques of sitter `si` (two members or more) with the blocks all
    /// their members overlap, and the items whose own blocks are exactly such a clique's.
    /// (No block at all: no clique has a block in common.)
    func restCliques(_ si: Int, _ blocking: [WeekRules.Item: Set<Int>]) -> (
        [(key: Int64, members: [WeekRules.Item], blocks: [Int])], Set<WeekRules.Item>
    ) {
        var out: [(key: Int64, members: [WeekRules.Item], blocks: [Int])] = []
        var implied = Set<WeekRules.Item>()
        for (t, cms) in conflicts[si].cliques where cms.count >= 2 {
            let members = cms.map { $0.isVisit ? WeekRules.Item.visit($0.index) : .shift($0.index) }
            var common = blocking[members[0]] ?? []
            for m in members.dropFirst() { common.formIntersection(blocking[m] ?? []) }
            guard !common.isEmpty else { continue }
            out.append((t, members, common.sorted()))
            for m in members where blocking[m] == common { implied.insert(m) }
        }
        return (out, implied)
    }

    /// rest_clique[s,t]: the clique's items and the blocks all of them overlap, at most one.
    mutating func restCliqueRows() {
        for (si, r) in rest.sorted(by: { $0.key < $1.key }) {
            for q in r.cliques {
                model.addRow(
                    "rest_clique[\(c.sitters[si].id),\(q.key)]",
                    q.members.map { (column(si, $0), 1.0) } + q.blocks.map { (r.columns[$0], 1.0) }, upper: 1)
            }
        }
    }

    /// rest_visit[s,v] (`visits` true) and rest_shift[s,o]: the item and the rest blocks
    /// it overlaps, at most one (unless a clique row implies it); the item alone at most 0
    /// when no block fits the horizon.
    mutating func restItems(visits: Bool) {
        for (si, r) in rest.sorted(by: { $0.key < $1.key }) {
            for it in index.sitterItems(si) where it.isVisit == visits {
                let columns = (r.blocksOf[it] ?? []).sorted().map { r.columns[$0] }
                guard (!columns.isEmpty && !r.implied.contains(it)) || r.columns.isEmpty else { continue }
                model.addRow(
                    "rest_\(visits ? "visit" : "shift")[\(c.sitters[si].id),\(itemName(it))]",
                    [(column(si, it), 1.0)] + columns.map { ($0, 1.0) }, upper: r.columns.isEmpty ? 0 : 1)
            }
        }
    }

    /// Sets the rest columns of a 0/1 point: each sitter rests in the first block
    /// that none of their held items overlaps (none: the point breaks the rule).
    func fillRest(_ v: inout [Double], held: [Int: Set<WeekRules.Item>]) {
        for (si, r) in rest {
            let mine = held[si] ?? []
            if let k = r.blocks.overlapping.firstIndex(where: { $0.allSatisfy { !mine.contains($0) } }) {
                v[r.columns[k]] = 1
            }
        }
    }
}
