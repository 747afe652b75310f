import Foundation
import ReliefApp

extension Command {
    static let export = Command(
        name: "export",
        synopsis: """
            relief export CASE --dat FILE.dat
            relief export CASE --mps DIR [--time-limit SECONDS]
            """,
        options: [
            .valued(
                "--dat", value: "FILE.dat",
                help: [
                    "write the case as data for Models/relief.mod (glpsol -m Models/relief.mod -d",
                    "FILE.dat)",
                ]),
            .valued(
                "--mps", value: "DIR",
                help: [
                    "solve the case and write each level's model exactly as the planner solves it,",
                    "DIR/stageK.mps (free MPS, maximise level K, the levels above held by rows",
                    "level_KEY >= the value relief found), and DIR/manifest.json: per level its",
                    "key, name, file, direction, relief's value, bound, whether proven, seconds.",
                    "DIR is created (0700) when missing. Models/peers.py runs other solvers on it.",
                ]),
            .valued("--time-limit", value: "SECONDS", help: ["the solve's wall-clock budget with --mps (default 60)"]),
        ],
        column: 23,
        run: { args in
            Console.out(try ExportService.run(try ExportService.request(args)))
            return .ok
        })
}

extension ExportService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let path = try a.positionals(["CASE"])[0]
        var r = Request(input: CaseInput(argument: path), dat: a.values["--dat"], mps: a.values["--mps"])
        guard r.dat != nil || r.mps != nil else { throw UsageError("missing --dat FILE.dat or --mps DIR") }
        if let t = try a.seconds("--time-limit") {
            guard r.mps != nil else {
                throw UsageError("--time-limit is the solve's, and only --mps solves: add --mps DIR")
            }
            r.timeLimit = t
        }
        return r
    }
}
