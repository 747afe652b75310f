import Foundation
import ReliefApp
import ReliefCore

extension Command {
    static let simulate = Command(
        name: "simulate",
        synopsis: """
            relief simulate CASE --weeks N -o DIR [--time-limit SECONDS] [--fair-share off|after-normal|before-normal]
                            [--format text|json] [--lang fr|en]
                plan week after week as a coordinator would (relief plan, then relief next-week), writing
                DIR/week-1.json, DIR/week-1.schedule.json, ... (0600); print one row per week: the minimum, 10th
                percentile and median of the families' shares, the families never served, the positions filled
                and each program's served minutes against its budget.
            """,
        options: [
            .valued(
                "--weeks", value: "N", help: ["how many weeks to plan, 1 to \(SimulateService.weekRange.upperBound)"]),
            .valued(
                "-o", "--output", value: "DIR", help: ["where the weeks' cases and schedules go (made if missing)"]),
            .valued("--time-limit", value: "SECONDS", help: ["wall-clock budget of each week's solve (default 60)"]),
            .valued(
                "--fair-share", value: "PLACE",
                help: ["rules.fairShare for every week (off, after-normal, before-normal); default: the case's"]),
            .valued("--format", value: "text|json", help: ["the table as text (default) or relief.simulate/1 JSON"]),
            .valued("--lang", value: "fr|en", help: ["the text table's language (default fr)"]),
        ],
        column: 23,
        run: { args in
            var r = try SimulateService.request(args)
            r.progress = { Console.log($0) }
            let report = try SimulateService.simulate(r)
            Console.out(r.json ? report.json.serialized() : report.text(r.language))
            return .ok
        })
}

extension SimulateService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let path = try a.positionals(["CASE"])[0]
        guard let weeks = try a.count("--weeks", in: weekRange) else {
            throw UsageError("missing --weeks N (how many weeks to plan)")
        }
        guard let dir = a.values["-o"] else { throw UsageError("missing -o DIR (where the weeks' files go)") }
        var r = Request(input: CaseInput(argument: path), weeks: weeks, directory: dir)
        if let t = try a.seconds("--time-limit") { r.options.timeLimit = t }
        if let f = a.values["--fair-share"] {
            guard let p = FairSharePlacement(rawValue: f) else {
                throw UsageError("--fair-share takes off, after-normal or before-normal, not \(quoted(f))")
            }
            r.fairShare = p
        }
        if let f = a.values["--format"] {
            guard f == "text" || f == "json" else { throw UsageError("--format takes text or json, not \(quoted(f))") }
            r.json = f == "json"
        }
        if let l = try a.language() { r.language = l }
        return r
    }
}
