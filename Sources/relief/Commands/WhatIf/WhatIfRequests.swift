import Foundation
import ReliefApp

extension WhatIfService {
    /// The request of arguments parsed with `WhatIfForm.compare`.
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let hires = try a.count("--suggest-hires", in: 1...50)
        let p = try a.positionals(hires == nil ? ["CASE", "SCENARIOS"] : ["CASE"])
        var r = Request(theCase: CaseInput(argument: p[0]), scenarios: p.count > 1 ? CaseInput(argument: p[1]) : nil)
        r.suggestHires = hires
        try refuseBothStandardInput(r.theCase, r.scenarios, "the case and the scenarios")
        if let f = a.values["--format"] {
            guard let format = Format(rawValue: f) else {
                throw UsageError("--format takes text, json, csv or html, not \(quoted(f))")
            }
            r.format = format
            if hires != nil && format != .text && format != .json {
                throw UsageError("--suggest-hires writes text or json, not \(f)")
            }
        }
        if let l = try a.language() { r.language = l }
        r.output = a.values["-o"]
        r.solver = a.values["--solver"]
        if let j = try a.count("--jobs", in: 1...256) { r.jobs = j }
        if let t = try a.seconds("--time-limit") { r.timeLimit = t }
        switch a.values["--backend"] ?? "local" {
        case "local":
            for o in ["--slurm-dir", "--partition"] where a.values[o] != nil {
                throw UsageError("\(o) goes with --backend slurm")
            }
        case "slurm":
            r.backend = .slurm(
                WhatIfSlurm.Options(dir: a.values["--slurm-dir"], partition: a.values["--partition"], output: r.output))
        case let b: throw UsageError("--backend takes local or slurm, not \(quoted(b))")
        }
        return r
    }

}

extension MinStaffService {
    /// The request of arguments parsed with `WhatIfForm.minStaff`.
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let p = try a.positionals(["CASE"])
        var r = Request(theCase: CaseInput(argument: p[0]))
        if let f = a.values["--format"] {
            guard let format = Format(rawValue: f) else {
                throw UsageError("--format with --min-staff takes text or json, not \(quoted(f))")
            }
            r.format = format
        }
        r.output = a.values["-o"]
        if let t = try a.seconds("--time-limit") { r.timeLimit = t }
        if let l = try a.language() { r.language = l }
        return r
    }

}

extension WhatIfSlurm {
    /// The task of arguments parsed with `WhatIfForm.task`.
    static func taskRequest(_ a: ParsedArguments) throws(UsageError) -> Task {
        _ = try a.positionals([])
        guard let t = a.values["--task"] else { throw UsageError("--task takes DIR/INDEX") }
        let url = URL(fileURLWithPath: t)
        guard let i = Int(url.lastPathComponent), i >= 0 else {
            throw UsageError("--task takes DIR/INDEX (a task number), not \(quoted(t))")
        }
        var task = Task(dir: url.deletingLastPathComponent().path, index: i)
        if let s = try a.seconds("--time-limit") { task.timeLimit = s }
        task.solver = a.values["--solver"]
        return task
    }

}
