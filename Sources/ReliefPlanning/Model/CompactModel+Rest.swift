import LinearProgramming
import ReliefCore

/// Weekly rest (people.md) in the compact model, by rest blocks
/// (`WeekRules.restBlocks`): per sitter whose rest can bind, one binary
/// `rest_at[s,k]` per kept block, `rest_block[s]` choosing exactly one, and per
/// item `rest_visit[s,v]` or `rest_shift[s,o]`: the item and the blocks it
/// overlaps, at most one. Stated per item rather than per (block, item) pair:
/// fewer rows, and a tighter relaxation.
extension CompactModel {
    /// One sitter's rest: the blocks and their columns.
    public struct RestRows: Sendable {
        public let blocks: WeekRules.RestBlocks
        public let columns: [Int]
    }

    /// The items sitter `si` could take, visits then shifts, in index order.
    func restItems(_ si: Int) -> [WeekRules.Item] {
        index.sitterVisits[si].map { .visit($0) } + index.sitterShifts[si].map { .shift($0) }
    }

    func column(_ si: Int, _ it: WeekRules.Item) -> Int {
        switch it {
        case .visit(let v): return x[.init(si, v)]!
        case .shift(let o): return y[.init(si, o)]!
        }
    }

    func itemName(_ it: WeekRules.Item) -> String {
        switch it {
        case .visit(let v): return c.visits[v].id
        case .shift(let o): return c.onCallShifts[o].id
        }
    }

    /// rest_block[s]: for every sitter whose weekly rest can bind, exactly one of their
    /// blocks `rest_at[s,k]` (no row when no block fits the horizon: `restItems` keeps them idle).
    mutating func restBlocks() {
        for si in c.sitters.indices {
            guard let blocks = index.rules.restBlocks(sitter: si, items: restItems(si)) else { continue }
            let sid = c.sitters[si].id
            let columns = blocks.starts.indices.map {
                model.addColumn("rest_at[\(sid),\($0 + 1)]", lower: 0, upper: 1)
            }
            rest[si] = RestRows(blocks: blocks, columns: columns)
            for it in restItems(si) { sitterOfColumn[column(si, it)] = si }
            if !columns.isEmpty {
                model.addRow("rest_block[\(sid)]", columns.map { ($0, 1.0) }, lower: 1, upper: 1)
            }
        }
    }

    /// rest_visit[s,v] (`visits` true) and rest_shift[s,o]: the item and the rest blocks
    /// it overlaps, at most one; the item alone at most 0 when no block fits the horizon.
    mutating func restItems(visits: Bool) {
        for (si, r) in rest.sorted(by: { $0.key < $1.key }) {
            var blocking: [WeekRules.Item: [Int]] = [:]
            for (k, members) in r.blocks.overlapping.enumerated() {
                for it in members { blocking[it, default: []].append(r.columns[k]) }
            }
            for it in restItems(si) where it.isVisit == visits {
                let columns = blocking[it] ?? []
                guard !columns.isEmpty || r.columns.isEmpty else { continue }
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
