import Foundation
import ReliefCore
import ReliefTestSupport
import Synchronization
import Testing

/// Work limits count rounds, nodes and iterations, not seconds: a solve that
/// finishes within them writes the same schedule whatever the machine's load.
@Suite("Reproducible plans under load")
struct ReproducibilityTests {
    /// Threads spinning on arithmetic until told to stop.
    final class Spinners: Sendable {
        let stop = Atomic<Bool>(false)
        let finished = Atomic<Int>(0)
        let spins = Atomic<Int>(0)

        func start(_ n: Int) {
            for _ in 0..<n {
                let t = Thread { [self] in
                    var x: UInt64 = 0x9E37_79B9_7F4A_7C15
                    var rounds = 0
                    while !stop.load(ordering: .relaxed) {
                        for _ in 0..<10_000 { x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407 }
                        rounds += 1
                    }
                    // Publish the work so that the loop cannot be optimised away.
                    spins.add(rounds + Int(x & 1), ordering: .relaxed)
                    finished.add(1, ordering: .relaxed)
                }
                t.start()
            }
        }

        /// Stops the threads and waits (at most 5 s) until they have all returned.
        func stopAndWait(_ n: Int) -> Bool {
            stop.store(true, ordering: .relaxed)
            let deadline = Date().addingTimeInterval(5)
            while finished.load(ordering: .relaxed) < n && Date() < deadline { usleep(1000) }
            return finished.load(ordering: .relaxed) == n
        }
    }

    /// The schedule without `solver.seconds`, the one member that is a measurement of the clock.
    static func withoutSeconds(_ path: String) throws -> (text: String, json: JSONValue) {
        let json = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: path)))
        guard case .object(var members) = json, let i = members.firstIndex(where: { $0.0 == "solver" }),
            case .object(var solver) = members[i].1
        else {
            Issue.record("\(path) has no solver object")
            return ("", json)
        }
        let before = solver.count
        solver.removeAll { $0.0 == "seconds" }
        #expect(solver.count == before - 1, "solver.seconds was there to remove")
        members[i].1 = .object(solver)
        let out = JSONValue.object(members)
        return (out.serialized(), out)
    }

    @Test("60x300 seed 1 planned twice, the second time with two busy threads: the same schedule but solver.seconds")
    func sameScheduleUnderLoad() throws {
        let dir = try ScratchDirectory()
        let gen = try Relief.run(
            ["generate", "--sitters", "60", "--visits", "300", "--seed", "1", "-o", dir.path("case.json")],
            in: dir.url)
        #expect(gen.status == 0, "\(gen)")

        let quiet = try Relief.run(["plan", dir.path("case.json"), "-o", dir.path("a.json"), "-q"], in: dir.url)
        #expect(quiet.status == 0, "\(quiet)")

        let spinners = Spinners()
        spinners.start(2)
        let loaded: CommandResult
        do {
            defer { #expect(spinners.stopAndWait(2), "the busy threads stopped") }
            loaded = try Relief.run(["plan", dir.path("case.json"), "-o", dir.path("b.json"), "-q"], in: dir.url)
        }
        #expect(spinners.finished.load(ordering: .relaxed) == 2)
        #expect(spinners.spins.load(ordering: .relaxed) > 0, "the threads did spin")
        #expect(loaded.status == 0, "\(loaded)")

        let a = try Self.withoutSeconds(dir.path("a.json"))
        let b = try Self.withoutSeconds(dir.path("b.json"))
        #expect(a.text == b.text)
        if a.text != b.text {
            // Name the first member that differs, for the failure message.
            let la = a.text.split(separator: "\n", omittingEmptySubsequences: false)
            let lb = b.text.split(separator: "\n", omittingEmptySubsequences: false)
            if let k = zip(la, lb).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("first difference at line \(k + 1): \(la[k]) vs \(lb[k])")
            }
        }
        #expect(a.json["status"] == .string("optimal"))
        let solver = a.json["solver"]
        #expect(solver?["stoppedBy"] == nil)
        // The members that could differ with timing are there and compared.
        for key in ["gap", "quality", "qualityBound", "levelBounds"] {
            #expect(solver?[key] != nil, "solver.\(key) is written")
        }
    }
}
