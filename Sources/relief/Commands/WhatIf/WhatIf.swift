import Foundation
import ReliefApp

extension Command {
    static let whatIf = Command(
        name: "whatif",
        synopsis: """
            relief whatif CASE SCENARIOS [--format text|json|csv|html] [-o FILE] [--jobs N] [--time-limit SECONDS]
                          [--lang fr|en] [--backend local|slurm] [--slurm-dir DIR] [--partition P]
            relief whatif CASE --suggest-hires N [--format text|json] [-o FILE] [--jobs J] [--time-limit SECONDS]
                apply each scenario of SCENARIOS (relief.scenarios/1) to a copy of CASE, solve the base and every
                valid variant, and print one table: levels 1-4 and their change against the base, unfilled
                visit-hours by priority, competency and territory, on-call minutes unstaffed, hours used against
                contract hours, travel, status (an invalid scenario names its change and field) and solve time.
            """,
        options: WhatIfForm.options,
        column: 23,
        notes: """
                SIGTERM, SIGINT or SIGHUP stops every solve, removes the case copies and ends relief without
                writing anything.
            relief whatif CASE --min-staff [--format text|json] [-o FILE] [--time-limit SECONDS]
                the fewest sitters of the roster that still reach the case's optimal levels 1-4, with a proven
                lower bound and their schedule (relief.minstaff/1 with --format json)
            """,
        forms: { args in
            if args.contains("--task") {  // one Slurm array task (see --backend slurm)
                return try WhatIfSlurm.runTask(
                    try WhatIfSlurm.taskRequest(try ArgumentParser.parse(args, WhatIfForm.task)))
            }
            if args.contains("--min-staff") {
                let r = try MinStaffService.request(try ArgumentParser.parse(args, WhatIfForm.minStaff))
                let signals = StopSignals(notice: { sig in
                    Console.log(
                        "\(StopSignals.name(sig)): stopping the solve; the best schedule found so far will be written")
                })
                defer { signals.uninstall() }
                Console.write(try MinStaffService.run(r, cancellation: signals.token) { Console.log($0) }.stdout)
                return .ok
            }
            let r = try WhatIfService.request(try ArgumentParser.parse(args, WhatIfForm.compare))
            let signals = StopSignals(notice: { sig in
                Console.log("\(StopSignals.name(sig)): stopping the solves; nothing will be written")
                WhatIfService.stop(signal: sig)
            })
            defer { signals.uninstall() }
            Console.write(try WhatIfService.run(r) { Console.log($0) }.stdout)
            return .ok
        })
}

/// `relief whatif`'s options, declared once, and its three forms: scenarios or `--suggest-hires`,
/// `--min-staff`, and `--task` (what each Slurm array task runs), each accepting its own.
enum WhatIfForm {
    static let options: [OptionSpec] = [
        .valued(
            "--format", value: "FORMAT",
            help: ["text (default), json (relief.whatif/1), csv (RFC 4180) or html (one page)"]),
        .valued("-o", "--output", value: "FILE", help: ["write it there, atomically, readable by its owner only"]),
        .valued(
            "--jobs", value: "N",
            help: [
                "solves at once, each in a child process (default: the machine's cores);",
                "the results do not depend on it",
            ]),
        .valued("--time-limit", value: "SECONDS", help: ["each solve's wall-clock budget (default 60)"]),
        .valued(
            "--lang", value: "fr|en",
            help: [
                "language of the html page and of the text tables, --min-staff's and --suggest-hires' too (default fr)"
            ]),
        .valued(
            "--suggest-hires", value: "N",
            help: [
                "instead of a SCENARIOS file: propose up to N hires (1-50), greedily; each step",
                "solves the case plus each candidate profile (clones of the sitters, and one",
                "profile per territory and competencies of the unfilled visits; the 12 most",
                "promising) and keeps the best gain on levels 1-4; text or json (relief.hires/1)",
            ]),
        .valued(
            "--backend", value: "local|slurm",
            help: [
                "local child processes (default), or one Slurm job array (sbatch) whose",
                "tasks write DIR/results/INDEX.schedule.json; same table",
            ]),
        .valued(
            "--slurm-dir", value: "DIR",
            help: [
                "the folder shared with the tasks (default: a new one beside -o, or in",
                "$TMPDIR); a re-run with the same DIR solves only what is missing",
            ]),
        .valued("--partition", value: "P", help: ["the Slurm partition (default: the cluster's)"]),
        .flag("--min-staff", help: []),  // in its synopsis, under the notes
        // A test hook: the program run instead of this relief for each solve (a failing or slow planner).
        .valued("--solver", value: "PROGRAM", help: [], hidden: true),
        // An internal entry point: `--task DIR/INDEX` names the Slurm array task to run.
        .valued("--task", value: "DIR/INDEX", help: [], hidden: true),
    ]

    /// `relief whatif CASE SCENARIOS ...` and `relief whatif CASE --suggest-hires N ...`.
    static let compare = Command.form(
        options,
        keys: [
            "--format", "-o", "--jobs", "--time-limit", "--lang", "--solver", "--suggest-hires", "--backend",
            "--slurm-dir", "--partition",
        ])
    /// `relief whatif CASE --min-staff ...`.
    static let minStaff = Command.form(options, keys: ["--format", "-o", "--time-limit", "--min-staff", "--lang"])
    /// `relief whatif --task DIR/INDEX [--time-limit S] [--solver X]`.
    static let task = Command.form(options, keys: ["--task", "--time-limit", "--solver"])
}
