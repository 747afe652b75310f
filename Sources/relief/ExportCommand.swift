import Foundation
import ReliefCore
import ReliefFormulation
import ReliefService

/// `relief export CASE --dat FILE.dat`: the case as data for `Models/relief.mod`.
enum ExportCommand {
    static func run(_ args: ArraySlice<String>) -> Int32 {
        let a = Arguments(args, valued: ["--dat"], flags: [])
        guard a.positionals.count == 1, let out = a.options["--dat"], !out.isEmpty else {
            return complain("relief export: give one case file and --dat FILE.dat\n\n\(usage)", .usage)
        }
        let path = a.positionals[0]
        do {
            let (c, _) = try CaseLoader.load(path)
            let cm = CompactModel(PlanningIndex(c))
            let text: String
            do { text = try MathProgData.text(cm) } catch {
                return complain("relief: \(path): \(error)", .dataError)
            }
            try AtomicFile.write(text, to: out)
            let pairs = cm.x.count + cm.y.count
            print(
                "\(out): data for Models/relief.mod, \(pairs) eligible pairs; solve with glpsol -m Models/relief.mod -d \(out)"
            )
            return Exit.ok.rawValue
        } catch {
            return complain("relief: " + error.description, Exit(rawValue: error.exitCode) ?? .software)
        }
    }

    static func complain(_ message: String, _ code: Exit) -> Int32 {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
        return code.rawValue
    }
}
