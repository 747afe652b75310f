import Foundation
import ReliefApp

extension Command {
    static let suggest = Command(
        name: "suggest",
        synopsis: """
            relief suggest CASE SCHEDULE --visit V [--top K] [--format text|json] [-o FILE] [--jobs N]
                           [--time-limit SECONDS] [--lang fr|en]
                who could take visit V, and what would it cost: every sitter who may take it on their own terms
                (not already on it), each solved with V locked to them and least change against SCHEDULE, ranked by
                levels 1-4, then fewer other changes, then id; each one's levels, change against SCHEDULE, proof,
                and the moves it implies; every sitter left out with the reason (locked: a lock elsewhere is in the
                way). relief.suggest/1 with --format json.
            """,
        options: [
            .valued("--visit", value: "V", help: ["the visit (required): an id of the case"]),
            .valued("--top", value: "K", help: ["candidates shown (default 5); every one is solved and ranked"]),
            .valued("--format", value: "FORMAT", help: ["text (default) or json (relief.suggest/1)"]),
            .valued("-o", "--output", value: "FILE", help: ["write it there, atomically, readable by its owner only"]),
            .valued(
                "--jobs", value: "N",
                help: ["solves at once, each in a child process (default: the machine's cores)"]),
            .valued(
                "--time-limit", value: "SECONDS", help: ["each candidate's solve's wall-clock budget (default 60)"]),
            .valued("--lang", value: "fr|en", help: ["the text's language (default fr)"]),
        ],
        column: 23,
        notes: """
                exit 65 for an unknown visit (named under --visit) or a schedule that is not the case's.
            """,
        run: { args in
            let r = try SuggestService.Request(args)
            let signals = StopSignals(notice: { sig in
                Console.log("\(StopSignals.name(sig)): stopping the solves; nothing will be written")
                WhatIfService.stop(signal: sig)
            })
            defer { signals.uninstall() }
            Console.write(try SuggestService.run(r) { Console.log($0) }.stdout)
            return .ok
        })
}

extension SuggestService.Request {
    /// The request of arguments parsed with `relief suggest`'s declared options.
    init(_ a: ParsedArguments) throws(UsageError) {
        let p = try a.positionals(["CASE", "SCHEDULE"])
        guard let visit = a.values["--visit"] else {
            throw UsageError("missing --visit V: the visit to find sitters for (an id of the case's visits)")
        }
        self.init(theCase: CaseInput(argument: p[0]), schedule: CaseInput(argument: p[1]), visit: visit)
        try refuseBothStandardInput(theCase, schedule, "the case and the schedule")
        if let k = try a.count("--top", in: 1...1000) { top = k }
        if let f = a.values["--format"] {
            guard let format = SuggestService.Format(rawValue: f) else {
                throw UsageError("--format takes text or json, not \(quoted(f))")
            }
            self.format = format
        }
        output = a.values["-o"]
        if let j = try a.count("--jobs", in: 1...256) { jobs = j }
        if let t = try a.seconds("--time-limit") { timeLimit = t }
        if let l = try a.language() { language = l }
    }
}
