import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// A solve is a pure function of its case: separate processes (each with its own
/// hash seed, so Set and Dictionary orders differ) must write the same bytes.
@Suite("Determinism across processes")
struct DeterminismTests {
    @Test func generateIsAFunctionOfTheSeed() throws {
        let dir = try ScratchDirectory()
        for name in ["a.json", "b.json"] {
            let r = try Relief.run(
                ["generate", "--sitters", "20", "--visits", "90", "--seed", "7", "-o", dir.path(name)], in: dir.url)
            #expect(r.status == 0, "\(r)")
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.path("a.json")))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir.path("b.json")))
        #expect(a == b)
        let c = try Relief.run(["generate", "--sitters", "20", "--visits", "90", "--seed", "8"], in: dir.url)
        #expect(c.stdout.utf8.count > 1000 && Data(c.stdout.utf8) != a, "another seed gives another case")
    }

    @Test func planIsAFunctionOfTheCase() throws {
        let dir = try ScratchDirectory()
        let gen = try Relief.run(
            ["generate", "--sitters", "15", "--visits", "60", "--seed", "3", "-o", dir.path("case.json")], in: dir.url)
        #expect(gen.status == 0, "\(gen)")
        var outputs: [String] = []
        for name in ["s1.json", "s2.json"] {
            let r = try Relief.run(["plan", dir.path("case.json"), "-o", dir.path(name), "-q"], in: dir.url)
            #expect(r.status == 0, "\(r)")
            var json = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: dir.path(name))))
            // Everything but the clock.
            if case .object(var members) = json {
                members.removeAll { $0.0 == "solver" }
                json = .object(members)
            }
            outputs.append(json.serialized())
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].contains("\"status\": \"optimal\""))
    }
}
