/// Weekly rest (people.md): an employee's assignments, visits and on-call shifts
/// together, leave at least one stretch of `rest` consecutive minutes inside the
/// horizon with no assignment; the horizon's start and end bound the stretches.
///
/// The models state it with rest blocks (`restBlocks`): a free stretch that long
/// starts at the horizon's start or when one of the sitter's items ends, so the
/// sitter chooses one block `[p, p + rest)` among those starts, and an item that
/// overlaps the chosen block is not held. Blocks whose items include another
/// block's are dropped: choosing the other is never worse.
extension WeekRules {
    /// Minutes of the longest stretch inside the horizon that none of `spans` covers
    /// (`longest_rest` of the contract's reference checker).
    public func longestRest(_ spans: [TimeSpan]) -> Int {
        let (h0, h1) = (horizon.start, horizon.end)
        let inside = spans.filter { $0.end > h0 && $0.start < h1 }.sorted { $0.start < $1.start }
        var best = 0
        var t = h0
        for s in inside {
            let a = max(s.start, h0)
            if a > t { best = max(best, t.minutes(to: a)) }
            t = max(t, min(s.end, h1))
        }
        return max(best, t.minutes(to: h1))
    }

    /// The rest blocks of one sitter over the items they could take.
    public struct RestBlocks: Sendable, Equatable {
        /// Where each kept block starts.
        public let starts: [Instant]
        /// The items (of those given) that overlap each kept block, in the order given.
        public let overlapping: [[Item]]
    }

    /// The blocks that state `sitter`'s weekly rest over `items` (the items they could
    /// take), or nil when the rest can never bind: no rule for the sitter, or a block
    /// that none of the items overlaps. No block at all (a horizon shorter than the
    /// rest): `starts` is empty, and the sitter can hold none of the items.
    public func restBlocks(sitter: Int, items: [Item]) -> RestBlocks? {
        guard let need = limits[sitter].rest else { return nil }
        let (h0, h1) = (horizon.start, horizon.end)
        var starts = Set<Instant>()
        for p in [h0] + items.map({ max(span($0).end, h0) }) where p.adding(minutes: need) <= h1 { starts.insert(p) }
        var blocks: [(start: Instant, members: [Int])] = []
        for p in starts.sorted() {
            let block = TimeSpan(start: p, end: p.adding(minutes: need))
            let members = items.indices.filter { span(items[$0]).overlaps(block) }
            if members.isEmpty { return nil }
            blocks.append((p, members))
        }
        let kept = WeekRules.minimalSets(blocks.map(\.members), universe: items.count)
        return RestBlocks(
            starts: kept.map { blocks[$0].start }, overlapping: kept.map { blocks[$0].members.map { items[$0] } })
    }

    /// The indices (in their original order) of the sets of `sets` that hold no other
    /// set of the list (the first of equal sets stays), each a subset of `0..<universe`.
    static func minimalSets(_ sets: [[Int]], universe: Int) -> [Int] {
        let words = (universe + 63) / 64
        let bits: [[UInt64]] = sets.map { members in
            var b = [UInt64](repeating: 0, count: words)
            for m in members { b[m / 64] |= 1 << UInt64(m % 64) }
            return b
        }
        var kept: [Int] = []
        for i in sets.indices.sorted(by: { (sets[$0].count, $0) < (sets[$1].count, $1) }) {
            let holdsKept = kept.contains { k in zip(bits[k], bits[i]).allSatisfy { $0 & ~$1 == 0 } }
            if !holdsKept { kept.append(i) }
        }
        return kept.sorted()
    }
}

extension WeekRules.Week {
    /// The longest stretch without assignment this week would leave with `it` added.
    public func longestRest(adding it: WeekRules.Item?, _ rules: WeekRules) -> Int {
        var spans = visits.map { rules.visitSpan[$0] } + shifts.map { rules.shiftSpan[$0] }
        if let it { spans.append(rules.span(it)) }
        return rules.longestRest(spans)
    }
}
