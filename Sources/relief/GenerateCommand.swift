import Foundation
import ReliefCore
import ReliefService

/// `relief generate`: a realistic Quebec City case of any size, from a seed.
enum GenerateCommand {
    static func run(_ args: ArraySlice<String>) -> Int32 {
        let a = Arguments(
            args,
            valued: ["--sitters", "--visits", "--families", "--seed", "--week-start", "--name", "-o", "--output"],
            flags: [])
        guard a.positionals.isEmpty else {
            fail("relief generate: unexpected argument \(a.positionals[0])\n\n\(usage)", .usage)
        }
        var o = CaseGenerator.Options()
        if let n = a.int("--sitters") { o.sitters = n }
        if let n = a.int("--visits") { o.visits = n }
        if let n = a.int("--families") { o.families = max(1, n) }
        if let n = a.int("--seed") { o.seed = UInt64(n) }
        if let w = a.options["--week-start"] {
            guard let d = LocalDate.parse(w) else {
                fail("relief generate: --week-start takes YYYY-MM-DD, not \(w)", .usage)
            }
            o.weekStart = d
        }
        o.name = a.options["--name"]
        let c = CaseGenerator.generate(o)
        let text = CaseWriter.json(c).serialized()
        if let out = a.options["-o"] ?? a.options["--output"] {
            do { try AtomicFile.write(text, to: out) } catch { fail(error) }
            FileHandle.standardError.write(
                Data(
                    "relief: wrote \(out): \(c.sitters.count) sitters, \(c.visits.count) visits, \(c.onCallShifts.count) on-call shifts\n"
                        .utf8))
        } else {
            print(text, terminator: "")
        }
        return 0
    }
}
