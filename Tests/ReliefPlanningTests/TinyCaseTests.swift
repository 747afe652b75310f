import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// The hand-checked cases of `Data/tiny/`, read from disk as a user would run
/// them, each with its known optimum.
@Suite("Hand-checked tiny cases in Data/tiny")
struct TinyCaseTests {
    struct Known: Sendable, CustomTestStringConvertible {
        var file: String
        var levels: Levels
        var unfilled: [String: Int]
        var why: String
        var testDescription: String { file }
    }

    static let known: [Known] = [
        Known(
            file: "travel-chain.json", levels: levels(high: 1, normal: 3), unfilled: ["V3": 1],
            why: """
                One sitter, north-south 30 min, north-north 10. V1 -> V2 (north to south, exactly 30), V2 -> V3
                (inside south, no entry: 0, touching), V4 -> V5 (inside north, exactly 10) all chain; V3 -> V4
                (12:30 + 30 > 12:59) does not. The high V4 wins over V3: high 1, normal V1 V2 V5.
                """),
        Known(
            file: "trainee-pair.json", levels: levels(onCall: 240, high: 1, normal: 2), unfilled: ["V1": 2],
            why: """
                M1 is the only mentor and the only one who may be on call (T1 is a trainee despite onCall).
                M1: OC1 16:00-20:00 (240), the high 1-sitter V2 10:00-12:00, and V3 13:00-15:00 with a trainee.
                V1 (2 sitters, 10:00-12:00) overlaps V2: only trainees are left, so it stays empty.
                """),
        Known(
            file: "dst-fallback.json", levels: levels(onCall: 600, high: 1), unfilled: ["V1": 1, "V3": 1],
            why: """
                OC1 Oct 31 20:00-00:00 (240) and OC2 Nov 1 20:00-Nov 2 02:00 (EST, 360): 600. V3 (Nov 2
                01:00-02:00) overlaps OC2. V1 (Nov 1 00:00-04:00, touching OC1) lasts 300 real minutes, the high
                V2 (10:00-13:00) 180: 480 > 450 on Nov 1, so V2 alone (wall-clock, 240 + 180 = 420 would fit).
                """),
        Known(
            file: "lexicographic.json", levels: levels(onCall: 30, high: 1, normal: 1), unfilled: ["U1": 1, "N1": 1],
            why: """
                One sitter. OC1 (30 min) overlaps the urgent U1 and wins; H1 12:00-14:00 beats the overlapping
                N1; N2 15:00-16:00 fits after H1.
                """),
        Known(
            file: "locked-pair.json", levels: levels(urgent: 1, normal: 1), unfilled: ["V1": 1, "U1": 1],
            why: """
                S1 is locked on V1 (2 sitters, 10:00-12:00), which overlaps the urgent U1 (2 sitters, 11:00-13:00).
                S2 goes to U1 (urgent 1); V1 keeps S1 only (normal 1). Unlocked, both would go to U1 (urgent 2).
                """),
    ]

    @Test("known optimum", arguments: known)
    func knownOptimum(_ k: Known) throws {
        let path = PackageTree.root.appendingPathComponent("Data/tiny/\(k.file)").path
        let (c, _) = try CaseReader.read(file: path)
        let s = try solve(c)
        #expect(s.levels == k.levels, "\(k.why)")
        #expect(
            Dictionary(uniqueKeysWithValues: s.unfilled.map { ($0.id, $0.missing) }) == k.unfilled
                && s.unfilled.allSatisfy { !$0.reasons.isEmpty }, "\(k.why)")
        // The dst case's point: the 00:00-04:00 visit lasts 300 minutes.
        if k.file == "dst-fallback.json" { #expect(c.visits.first { $0.id == "V1" }?.minutes == 300) }
    }

    @Test("every case in Data/tiny has a known optimum here")
    func allListed() throws {
        let dir = PackageTree.root.appendingPathComponent("Data/tiny")
        // mathprog-*.json are listed, with their levels, by the MathProg cross-check.
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
            $0.hasSuffix(".json") && !$0.hasPrefix("mathprog-")
        }
        #expect(Set(files) == Set(Self.known.map(\.file)))
    }

    @Test("without the lock, locked-pair.json sends both sitters to the urgent visit")
    func lockedPairUnlocked() throws {
        let path = PackageTree.root.appendingPathComponent("Data/tiny/locked-pair.json").path
        var (c, _) = try CaseReader.read(file: path)
        c.visits[0].locked = false
        #expect(try solve(c).levels == levels(urgent: 2))
    }
}
