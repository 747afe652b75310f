import Foundation
import ReliefApp
import ReliefCore
import ReliefSamples
import ReliefTestSupport
import Testing

/// `relief generate --scarcity`: the same demand as the plain case of the seed, less supply;
/// and the plain generator's output unchanged byte for byte (other tests and the bench rely on it).
@Suite("relief generate --scarcity")
struct GenerateScarcityTests {
    static func options(_ sitters: Int, _ visits: Int, seed: UInt64, scarce: Bool = false) -> CaseGenerator.Options {
        var o = CaseGenerator.Options()
        o.sitters = sitters
        o.visits = visits
        o.seed = seed
        o.scarce = scarce
        return o
    }

    static func text(_ o: CaseGenerator.Options) -> String { CaseWriter.json(CaseGenerator.generate(o)).serialized() }

    /// SHA-256 of what `relief generate` wrote before `--scarcity` existed (main at eed5ff3).
    @Test(arguments: [
        (35, 250, UInt64(1), "5f1b6056ab16a594a5a516e725ebab05e4435798a950f4f50e939e4cacf0208a"),
        (20, 90, UInt64(7), "bab89148484673e0fa5a31276a4f3e4891d0e3b48a5457b58a30ca897bdcc515"),
        (120, 800, UInt64(1), "78f52007782bad809f009aa22152b1516ff55afd25cdc0340ab3f1884736aadc"),
        (60, 300, UInt64(2), "c171cfcb31347383b08be4486c472a345c94e2e4432da7d2bf824dbd3a4dc502"),
        (35, 250, UInt64(48), "acbddd12d4c50d6581fa56a88b3c4a5870ed9dc77a76b571b11d13be9516185a"),
    ])
    func thePlainGeneratorIsUnchanged(_ sitters: Int, _ visits: Int, _ seed: UInt64, _ sha: String) {
        #expect(SHA256.hex(Data(Self.text(Self.options(sitters, visits, seed: seed)).utf8)) == sha)
    }

    @Test(arguments: [(35, 250, UInt64(1)), (120, 800, UInt64(2))])
    func theScarceCaseHasTheSameDemandAndLessSupply(_ sitters: Int, _ visits: Int, _ seed: UInt64) throws {
        let plain = CaseGenerator.generate(Self.options(sitters, visits, seed: seed))
        let scarce = CaseGenerator.generate(Self.options(sitters, visits, seed: seed, scarce: true))
        #expect(scarce.name == plain.name + " scarce")
        // Demand: the same families, visits (but who was already told) and on-call line.
        func unpublished(_ vs: [Visit]) -> [Visit] {
            vs.map {
                var v = $0
                v.assigned = []
                v.locked = false
                return v
            }
        }
        #expect(unpublished(scarce.visits) == unpublished(plain.visits))
        #expect(scarce.families == plain.families)
        #expect(scarce.onCallShifts == plain.onCallShifts)
        // The same people, where and when they work.
        #expect(scarce.sitters.map(\.id) == plain.sitters.map(\.id))
        #expect(scarce.sitters.map(\.territories) == plain.sitters.map(\.territories))
        #expect(scarce.sitters.map(\.availability) == plain.sitters.map(\.availability))
        #expect(scarce.sitters.map(\.onCall) == plain.sitters.map(\.onCall))
        // Fewer holders of the competencies: a subset each, about half in all.
        var held = (plain: 0, scarce: 0)
        for (p, s) in zip(plain.sitters, scarce.sitters) {
            #expect(s.competencies.isSubset(of: p.competencies), "\(s.id)")
            held.plain += p.competencies.count
            held.scarce += s.competencies.count
        }
        #expect(Double(held.scarce) < 0.65 * Double(held.plain) && Double(held.scarce) > 0.35 * Double(held.plain))
        // Hours: all sitters together at most half the visit minutes asked, and no one above before.
        let asked = plain.visits.reduce(0) { $0 + $1.span.minutes * $1.sitters }
        let offered = scarce.sitters.reduce(0) { $0 + ($1.maxMinutesPerWeek ?? scarce.rules.maxMinutesPerWeek) }
        #expect(Double(offered) <= CaseGenerator.scarceSupply * Double(asked))
        for (p, s) in zip(plain.sitters, scarce.sitters) {
            #expect(s.maxMinutesPerWeek! <= p.maxMinutesPerWeek!)
            #expect(s.maxMinutesPerWeek! % 30 == 0)
            #expect((s.targetMinutesPerWeek == nil) == (p.targetMinutesPerWeek == nil))
            if let t = s.targetMinutesPerWeek { #expect(t <= s.maxMinutesPerWeek!) }
        }
        // Published assignments only to sitters who can still take the visit: no errors.
        #expect(CaseValidator.check(scarce).filter { $0.severity == .error } == [])
        // Scarce means fewer eligible pairs.
        let pairs = { (c: Case) in PlanningIndex(c).visitEligible.reduce(0) { $0 + $1.count } }
        #expect(pairs(scarce) < pairs(plain))
    }

    @Test func theCommandWritesTheScarceCaseAndItIsAFunctionOfTheSeed() throws {
        let dir = try ScratchDirectory()
        for name in ["a.json", "b.json"] {
            let r = try Relief.run(
                ["generate", "--sitters", "20", "--visits", "90", "--seed", "7", "--scarcity", "-o", dir.path(name)],
                in: dir.url)
            #expect(r.status == 0, "\(r)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.path("a.json")))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: dir.path("b.json")))))
        #expect(a == Data(Self.text(Self.options(20, 90, seed: 7, scarce: true)).utf8))
        #expect(a != Data(Self.text(Self.options(20, 90, seed: 7)).utf8))
    }

    @Test func scarcityTakesNoValue() throws {
        let dir = try ScratchDirectory()
        let r = try Relief.run(["generate", "--scarcity=yes", "-o", dir.path("case.json")], in: dir.url)
        #expect(r.status == 64, "\(r)")
        #expect(r.stderr.hasPrefix("relief generate: --scarcity takes no value"), "\(r)")
        #expect(try dir.contents().isEmpty)
    }
}
