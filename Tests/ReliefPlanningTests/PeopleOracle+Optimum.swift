import Foundation

/// The lexicographic optimum of levels 1-4 by a depth-first branch and bound
/// over the eligible pairs: locked pairs are in from the start, each other pair
/// is tried in then out. A branch is cut when a sitter's week already breaks a
/// rule (`weekViolations`: only more assignments break those) or when the
/// levels' optimistic bound cannot beat the best found; every schedule kept
/// as best passes the whole checker (`violations`).
extension PeopleOracle {
    enum Optimum {
        /// More free pairs or search nodes than the budget: not compared.
        case tooBig
        /// The locks cannot all hold: relief must refuse the case.
        case infeasible
        case best(levels: [Int], schedule: Pairs)
    }

    private struct Candidate {
        var visit: Bool
        var item: Int
        var sitter: Int
    }

    private struct Search {
        let oracle: PeopleOracle
        let free: [Candidate]
        var taken: Pairs
        var visitCount: [Int]
        var shiftCount: [Int]
        var current: [Int]
        var best: [Int]?
        var bestPairs = Pairs()
        var nodes = 0
        let maxNodes: Int

        func need(_ c: Candidate) -> Int { c.visit ? oracle.visits[c.item].need : oracle.shifts[c.item].staff }
        func count(_ c: Candidate) -> Int { c.visit ? visitCount[c.item] : shiftCount[c.item] }
        func gain(_ c: Candidate) -> (level: Int, value: Int) {
            c.visit ? (oracle.visits[c.item].level, 1) : (0, oracle.shifts[c.item].minutes)
        }

        /// Levels no completion from `k` on can exceed, component by component.
        func bound(from k: Int) -> [Int] {
            var visitRoom = oracle.visits.indices.map { oracle.visits[$0].need - visitCount[$0] }
            var shiftRoom = oracle.shifts.indices.map { oracle.shifts[$0].staff - shiftCount[$0] }
            var bound = current
            for c in free[k...] {
                if c.visit {
                    guard visitRoom[c.item] > 0 else { continue }
                    visitRoom[c.item] -= 1
                } else {
                    guard shiftRoom[c.item] > 0 else { continue }
                    shiftRoom[c.item] -= 1
                }
                let g = gain(c)
                bound[g.level] += g.value
            }
            return bound
        }

        func weekBroken(_ s: Int) -> Bool {
            let vs = taken.visits.filter { $0.sitter == s }.map { oracle.visits[$0.item] }
            let os = taken.shifts.filter { $0.sitter == s }.map { oracle.shifts[$0.item] }
            return !oracle.weekViolations(oracle.sitters[s], visits: vs, shifts: os).isEmpty
        }

        mutating func explore(_ k: Int) {
            nodes += 1
            guard nodes <= maxNodes else { return }
            if let best, !best.lexicographicallyPrecedes(bound(from: k)) { return }
            guard k < free.count else {
                if oracle.violations(taken).isEmpty {
                    best = current
                    bestPairs = taken
                }
                return
            }
            let c = free[k]
            if count(c) < need(c) {
                take(c, 1)
                if !weekBroken(c.sitter) { explore(k + 1) }
                take(c, -1)
            }
            explore(k + 1)
        }

        mutating func take(_ c: Candidate, _ sign: Int) {
            let g = gain(c)
            current[g.level] += sign * g.value
            if c.visit {
                visitCount[c.item] += sign
                if sign > 0 { taken.visits.append((c.item, c.sitter)) } else { taken.visits.removeLast() }
            } else {
                shiftCount[c.item] += sign
                if sign > 0 { taken.shifts.append((c.item, c.sitter)) } else { taken.shifts.removeLast() }
            }
        }
    }

    /// The best levels and one schedule reaching them.
    func optimum(maxPairs: Int = 24, maxNodes: Int = 400_000) -> Optimum {
        var locked = Pairs()
        var free: [Candidate] = []
        for (v, visit) in visits.enumerated() {
            for (s, sitter) in sitters.enumerated() {
                if visit.locked && visit.assigned.contains(sitter.id) {
                    locked.visits.append((v, s))
                } else if visitEligible(sitter, visit) == nil {
                    free.append(Candidate(visit: true, item: v, sitter: s))
                }
            }
        }
        for (o, shift) in shifts.enumerated() {
            for (s, sitter) in sitters.enumerated() where shiftEligible(sitter, shift) == nil {
                free.append(Candidate(visit: false, item: o, sitter: s))
            }
        }
        guard free.count <= maxPairs else { return .tooBig }
        // Shifts first (level 1), then urgent, high, normal visits: good schedules early.
        free.sort {
            ($0.visit ? visits[$0.item].level : 0, $0.item, $0.sitter) < (
                $1.visit ? visits[$1.item].level : 0, $1.item, $1.sitter
            )
        }
        var search = Search(
            oracle: self, free: free, taken: Pairs(), visitCount: visits.map { _ in 0 },
            shiftCount: shifts.map { _ in 0 }, current: [0, 0, 0, 0], maxNodes: maxNodes)
        for (v, s) in locked.visits {
            // A locked sitter who is not eligible, or locks beyond the need, break a rule whatever is added.
            if visitEligible(sitters[s], visits[v]) != nil || search.visitCount[v] == visits[v].need {
                return .infeasible
            }
            search.take(Candidate(visit: true, item: v, sitter: s), 1)
            if search.weekBroken(s) { return .infeasible }
        }
        search.explore(0)
        guard search.nodes <= maxNodes else { return .tooBig }
        guard let best = search.best else { return .infeasible }
        return .best(levels: best, schedule: search.bestPairs)
    }
}

extension PeopleOracle {
    /// The optimum by trying every subset of the eligible and locked pairs with
    /// the whole checker as judge, no pruning: nil above `maxPairs` pairs. It
    /// checks the branch and bound's cuts (`optimum`) on the smallest weeks.
    func bruteForce(maxPairs: Int = 12) -> [Int]?? {
        var all = Pairs()
        for (v, visit) in visits.enumerated() {
            for (s, sitter) in sitters.enumerated()
            where visitEligible(sitter, visit) == nil || visit.locked && visit.assigned.contains(sitter.id) {
                all.visits.append((v, s))
            }
        }
        for (o, shift) in shifts.enumerated() {
            for (s, sitter) in sitters.enumerated() where shiftEligible(sitter, shift) == nil {
                all.shifts.append((o, s))
            }
        }
        let n = all.visits.count + all.shifts.count
        guard n <= maxPairs else { return nil }
        var best: [Int]?
        for mask in 0..<(1 << n) {
            var p = Pairs()
            for (k, pair) in all.visits.enumerated() where mask & (1 << k) != 0 { p.visits.append(pair) }
            for (k, pair) in all.shifts.enumerated() where mask & (1 << (all.visits.count + k)) != 0 {
                p.shifts.append(pair)
            }
            let lv = levels(p)
            if let b = best, !b.lexicographicallyPrecedes(lv) { continue }
            if violations(p).isEmpty { best = lv }
        }
        return .some(best)
    }
}
