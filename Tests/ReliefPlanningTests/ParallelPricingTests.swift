import Foundation
import LinearProgramming
import ReliefApp
import ReliefCore
import Synchronization
import Testing

@testable import ReliefPlanning

/// Pricing sitters on both cores: the same results, in sitter order, as on one.
@Suite struct ParallelPricingTests {
    @Test func everyIndexOnceInItsPlace() {
        let calls = Mutex([Int](repeating: 0, count: 500))
        let out = ColumnBound.priceInParallel(500, control: SolveControl()) { i in
            calls.withLock { $0[i] += 1 }
            return i * i
        }
        #expect(out == (0..<500).map { Optional($0 * $0) })
        #expect(calls.withLock { $0 }.allSatisfy { $0 == 1 })
        #expect(ColumnBound.priceInParallel(0, control: SolveControl()) { $0 }.isEmpty)
    }

    @Test func aStopLeavesTheRestUnpriced() {
        let token = CancellationToken()
        token.cancel()
        let out = ColumnBound.priceInParallel(50, control: SolveControl(token: token)) { $0 }
        #expect(out.allSatisfy { $0 == nil })
        // Cancelled half-way: what was priced is in its place, the rest nil.
        let half = CancellationToken()
        // Each index takes a millisecond: the other thread cannot finish the 1 900
        // left before the cancel is seen.
        let partial = ColumnBound.priceInParallel(2000, control: SolveControl(token: half)) { i in
            if i == 100 { half.cancel() } else { usleep(1000) }
            return i
        }
        for (i, r) in partial.enumerated() { if let r { #expect(r == i) } }
        #expect(partial[100] == 100)
        #expect(partial.contains(nil))
    }

    /// The column bound of a generated week, twice: the same bound, rounds and
    /// columns (the weeks join the master in sitter order whichever thread priced them).
    @Test func theColumnBoundIsTheSameEachTime() throws {
        let w = GeneratedWeek(sitters: 25, visits: 160, seed: 12, level: .slots(.urgent))
        let cb = ColumnBound(w.ix)
        let a = try #require(cb.upperBound(level: w.level, held: [], seed: w.locked, cm: w.cm, search: false))
        let b = try #require(cb.upperBound(level: w.level, held: [], seed: w.locked, cm: w.cm, search: false))
        #expect(a.bound == b.bound && a.rounds == b.rounds && a.columns == b.columns)
        #expect(a.bound < Int.max && a.rounds > 1)
    }
}
