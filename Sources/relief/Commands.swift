import Foundation
import ReliefService

/// One subcommand: its name, its own usage text, and what runs it (the arguments
/// after the name in, an exit code out). Each run parses with ReliefService,
/// makes one service call and prints the value it returns.
struct Command: Sendable {
    let name: String
    let usage: String
    let run: @Sendable ([String]) throws -> Int32
}

/// stdout for results, stderr for progress and errors. Every write goes through
/// `StandardStream`, which never traps: a full disk or a closed pipe loses the text,
/// not the schedule (nor the daemon, whose log lines come here too).
enum Console {
    static func out(_ lines: [String]) {
        StandardStream.output.write(lines.map { $0 + "\n" }.joined())
    }

    /// One result line on stdout.
    static func out(_ line: String) {
        StandardStream.output.write(line + "\n")
    }

    /// Text on stdout as it is (results that end with their own newline, or none).
    static func write(_ text: String) {
        StandardStream.output.write(text)
    }

    static func log(_ line: String) {
        StandardStream.error.write("relief: \(line)\n")
    }

    static func err(_ text: String) {
        StandardStream.error.write(text.hasSuffix("\n") ? text : text + "\n")
    }
}

let commands: [Command] = [
    Command(
        name: "plan",
        usage: """
            relief plan CASE [-o SCHEDULE.json] [--time-limit SECONDS] [--least-change] [--quiet | --verbose] [--dump-mps DIR]
                solve a case (a file, or - for standard input) and write the schedule atomically; print a summary.
                Exit 0 when a schedule is written, whatever is unfilled.
                -o, --output FILE      the schedule (default: CASE with .schedule.json; required when CASE is -);
                                       a character device or FIFO is written through, never replaced
                --time-limit SECONDS   wall-clock budget of the solve (default 60)
                --least-change         after levels 1-4, keep as many published assignments (assigned) as possible
                -q, --quiet            no progress lines on stderr
                --verbose              more progress lines (column-generation timings)
                --dump-mps DIR         write each level's model as DIR/stageK.mps, to cross-check other solvers
                SIGTERM, SIGINT or SIGHUP stops the solve and writes the best schedule found so far; a second one
                stops relief at once and writes nothing. (Under nohup, SIGHUP stays ignored.)
            """,
        run: { args in
            var request = try PlanRequest(arguments: args)
            if !request.quiet { request.options.progress = { Console.log($0) } }
            let signals = StopSignals(notice: { sig in
                Console.log(
                    "\(StopSignals.name(sig)): stopping the solve; the best schedule found so far will be written")
            })
            request.options.cancellation = signals.token
            let o = try PlanService().plan(request)
            if !request.quiet && !o.warnings.isEmpty {
                let n = o.warnings.count
                let name = TerminalText.safe(request.input.description)
                let again = request.input == .standardInput ? "-" : name
                Console.log("\(name): \(n) warning\(n == 1 ? "" : "s") (relief validate \(again) lists them)")
            }
            Console.out(PlanService.summary(o))
            return 0
        }),
    Command(
        name: "validate",
        usage: """
            relief validate CASE
                list the errors (exit 65) and warnings (exit 0) of a case (a file, or - for standard input)
            """,
        run: { args in
            let report = try ValidateService.validate(try ValidateService.request(args))
            Console.out(report.lines)
            return report.exitCode
        }),
    Command(
        name: "verify",
        usage: """
            relief verify CASE SCHEDULE
                check a schedule against every hard rule and its reported levels (exit 65 if broken)
            """,
        run: { args in
            let (c, s) = try VerifyService.request(args)
            let report = try VerifyService.verify(case: c, schedule: s)
            Console.out(report.lines)
            return report.exitCode
        }),
    Command(
        name: "diff",
        usage: """
            relief diff OLD.schedule.json NEW.schedule.json --case CASE [--old-case OLD_CASE] [--lang fr|en]
                        [--format text|json] [-o FILE]
                whom to phone after a re-plan: each sitter whose week changed, each family visit whose sitters,
                time or existence changed. The notice names people: -o writes it atomically, readable by its
                owner only.
                --case CASE            the case of the new schedule
                --old-case OLD_CASE    the case of the old schedule (default: CASE); gives old times and
                                       tells cancelled and newly requested visits apart
                --lang fr|en           French (default) or English sentences
                --format text|json     sentences (default) or relief.notice/1 JSON
                -o, --output FILE      write the notice there instead of stdout
            """,
        run: { args in
            Console.write(try DiffService.diff(try DiffService.request(args)).stdout)
            return 0
        }),
    Command(
        name: "agenda",
        usage: """
            relief agenda SCHEDULE --case CASE --out DIR [--lang fr|en]
                write each sitter's calendar as DIR/SITTER.ics (iCalendar, RFC 5545) and the team's week as
                DIR/team.csv; files 0600, DIR 0700. A second run over a new schedule of the same case updates the
                events that changed (SEQUENCE) and cancels those taken from a sitter (DIR/.agenda-state.json).
                --case CASE     the case the schedule was planned from
                -o, --out DIR   the folder of the agendas (created when missing)
                --lang fr|en    language of the summaries and of team.csv (default fr)
            """,
        run: { args in
            Console.out(try AgendaService.write(try AgendaService.request(args)).line)
            return 0
        }),
    Command(
        name: "report",
        usage: """
            relief report SCHEDULE --case CASE -o WEEK.html [--lang fr|en]
                the week on one page (HTML, self-contained, prints landscape on Letter or A4): sitters by day
                coloured by territory, the on-call line and its gaps, unfilled visits and why, coverage by priority,
                hours against targets. Written atomically, readable by its owner only.
                --case CASE        the case the schedule was planned from
                -o, --output FILE  the page
                --lang fr|en       the page's language (default fr)
            """,
        run: { args in
            Console.out(try ReportService.report(try ReportService.request(args)).line)
            return 0
        }),
    Command(
        name: "whatif",
        usage: """
            relief whatif CASE SCENARIOS [--format text|json|csv|html] [-o FILE] [--jobs N] [--time-limit SECONDS]
                          [--lang fr|en] [--backend local|slurm] [--slurm-dir DIR] [--partition P]
            relief whatif CASE --suggest-hires N [--format text|json] [-o FILE] [--jobs J] [--time-limit SECONDS]
                apply each scenario of SCENARIOS (relief.scenarios/1) to a copy of CASE, solve the base and every
                valid variant, and print one table: levels 1-4 and their change against the base, unfilled
                visit-hours by priority, competency and territory, on-call minutes unstaffed, hours used against
                contract hours, travel, status (an invalid scenario names its change and field) and solve time.
                --format FORMAT        text (default), json (relief.whatif/1), csv (RFC 4180) or html (one page)
                -o, --output FILE      write it there, atomically, readable by its owner only
                --jobs N               solves at once, each in a child process (default: the machine's cores);
                                       the results do not depend on it
                --time-limit SECONDS   each solve's wall-clock budget (default 60)
                --lang fr|en           language of the html page (default fr)
                --suggest-hires N      instead of a SCENARIOS file: propose up to N hires (1-50), greedily; each step
                                       solves the case plus each candidate profile (clones of the sitters, and one
                                       profile per territory and competencies of the unfilled visits; the 12 most
                                       promising) and keeps the best gain on levels 1-4; text or json (relief.hires/1)
                --backend local|slurm  local child processes (default), or one Slurm job array (sbatch) whose
                                       tasks write DIR/results/INDEX.schedule.json; same table
                --slurm-dir DIR        the folder shared with the tasks (default: a new one beside -o, or in
                                       $TMPDIR); a re-run with the same DIR solves only what is missing
                --partition P          the Slurm partition (default: the cluster's)
                SIGTERM, SIGINT or SIGHUP stops every solve, removes the case copies and ends relief without
                writing anything.
            relief whatif CASE --min-staff [--format text|json] [-o FILE] [--time-limit SECONDS]
                the fewest sitters of the roster that still reach the case's optimal levels 1-4, with a proven
                lower bound and their schedule (relief.minstaff/1 with --format json)
            """,
        run: { args in
            if args.contains("--task") {  // one Slurm array task (see --backend slurm)
                return try WhatIfSlurm.runTask(try WhatIfSlurm.taskRequest(args))
            }
            if MinStaffService.asked(args) {
                let r = try MinStaffService.request(args)
                let signals = StopSignals(notice: { sig in
                    Console.log(
                        "\(StopSignals.name(sig)): stopping the solve; the best schedule found so far will be written")
                })
                defer { signals.uninstall() }
                Console.write(try MinStaffService.run(r, cancellation: signals.token) { Console.log($0) }.stdout)
                return 0
            }
            let r = try WhatIfService.request(args)
            let signals = StopSignals(notice: { sig in
                Console.log("\(StopSignals.name(sig)): stopping the solves; nothing will be written")
                WhatIfService.stop(signal: sig)
            })
            defer { signals.uninstall() }
            Console.write(try WhatIfService.run(r) { Console.log($0) }.stdout)
            return 0
        }),
    Command(
        name: "export",
        usage: """
            relief export CASE --dat FILE.dat
            relief export CASE --mps DIR [--time-limit SECONDS]
                --dat FILE.dat         write the case as data for Models/relief.mod (glpsol -m Models/relief.mod -d
                                       FILE.dat)
                --mps DIR              solve the case and write each level's model exactly as the planner solves it,
                                       DIR/stageK.mps (free MPS, maximise level K, the levels above held by rows
                                       level_KEY >= the value relief found), and DIR/manifest.json: per level its
                                       key, name, file, direction, relief's value, bound, whether proven, seconds.
                                       DIR is created (0700) when missing. Models/peers.py runs other solvers on it.
                --time-limit SECONDS   the solve's wall-clock budget with --mps (default 60)
            """,
        run: { args in
            Console.out(try ExportService.run(try ExportService.request(args)))
            return 0
        }),
    Command(
        name: "import-csv",
        usage: """
            relief import-csv DIR -o CASE.json
                read a case from spreadsheet files in DIR (settings.csv, territories.csv, travel.csv, sitters.csv,
                families.csv, visits.csv; optional credentials.csv, availability.csv, oncall.csv; see the contract's
                csv.md) and write it as relief.case/1, atomically. Every problem is listed with its file, line, column
                and header; nothing is written unless every file is clean (exit 65). A missing DIR or file: exit 66.
                -o, --output FILE      the case to write
            """,
        run: { args in
            let report = try ImportCSVService.importCSV(try ImportCSVService.request(args))
            Console.out(report.lines)
            return report.exitCode
        }),
    Command(
        name: "import-smptsp",
        usage: """
            relief import-smptsp FILE -o CASE.json
                convert an SMPTSP benchmark instance (tasks with start and end, each worker's qualified tasks) into
                relief.case/1: visit T<j> per task, sitter W<w> per worker eligible for exactly their listed
                tasks, no travel, no on-call, limits that never bind. Errors in the file are listed with their
                line and column (exit 65); nothing is written then.
                -o, --output FILE      the case to write
            """,
        run: { args in
            Console.out(try ImportSMPTSPService.run(try ImportSMPTSPService.request(args)))
            return 0
        }),
    Command(
        name: "bench-smptsp",
        usage: """
            relief bench-smptsp DIR [--reference FILE.csv] [--time-limit SECONDS] [-o FILE.md] [--only N]
                run whatif --min-staff on every SMPTSP instance (*.dat) in DIR, smallest first, and write a Markdown
                table: instance, known optimum (from the reference CSV's LB column when its status says optimal),
                relief's count, its lower bound, status and seconds, then the counts.
                --reference FILE.csv   reference_values.csv of the benchmark folder
                --time-limit SECONDS   per instance (default 20)
                --only N               the N smallest instances only
            """,
        run: { args in
            Console.write(try BenchSMPTSPService.run(try BenchSMPTSPService.request(args)) { Console.log($0) })
            return 0
        }),
    Command(
        name: "export-csv",
        usage: """
            relief export-csv CASE DIR [--comma]
                write a case (a file, or - for standard input) as the spreadsheet files that import-csv reads, each
                atomically into DIR (created if missing): UTF-8 with a byte-order mark, ; between cells, CRLF.
                --comma                , between cells and no byte-order mark
            """,
        run: { args in
            Console.out(try ExportCSVService.export(try ExportCSVService.request(args)).line)
            return 0
        }),
    Command(
        name: "generate",
        usage: """
            relief generate [--sitters N] [--visits N] [--families N] [--seed N] [--week-start YYYY-MM-DD]
                            [--name TEXT] [--scarcity] [-o CASE.json]
                write a random but realistic Quebec City case (for benchmarks and tests), to stdout without -o.
                Sitters 1 to \(GenerateService.sitterRange.upperBound) (default 35), visits 1 to \
            \(GenerateService.visitRange.upperBound) (default 250), families 1 to \
            \(GenerateService.familyRange.upperBound).
                --scarcity   the scarce variant: the same families, visits and on-call shifts as without it, but
                             each sitter keeps each visit competency with probability 1/2 and the weekly limits
                             shrink so that all sitters together may work at most half the visit hours asked
            """,
        run: { args in
            let g = try GenerateService.generate(try GenerateService.request(args))
            if let note = g.note { Console.log(note) } else { Console.write(g.text) }
            return 0
        }),
    Command(
        name: "bench",
        usage: """
            relief bench [CASE ...] [--sizes S,M,L,XL | --sizes 35x250,60x300] [--seeds 1,2,3 | --seed N] [--scarce]
                         [--time-limit SECONDS] [-o FILE.md]
                model size, seconds per level, proven gap and peak memory of each case, as a Markdown table on
                stdout. Each case is solved by a child process of its own, so that its peak memory is its own.
                --sizes LIST           generated cases: S (35x250), M (120x800), L (400x3000), XL (1000x10000) or
                                       SITTERSxVISITS (default 35x250,60x300,140x1000 when no CASE is given;
                                       with CASE files, only when --sizes is given)
                --seeds LIST           the generator's seeds, each size with each (default 1); --seed N for one
                --scarce               each generated case also in its scarce variant (generate --scarcity), a second row
                --time-limit SECONDS   per solve (default 60); a child still running at twice that plus 30 s
                                       is killed and its row says so
                -o, --output FILE      also write the table, with the command and the machine (cores, CPU,
                                       memory, load), as a Markdown document, atomically after every row
                SIGTERM, SIGINT or SIGHUP stops the running solve and the bench; the rows measured stay (exit 75).
            """,
        run: { args in
            if args.contains("--solve-one") {  // one case, in the child process bench starts for it
                Console.write(try BenchService.solveOne(args))
                return 0
            }
            let r = try BenchService.request(args)
            let signals = StopSignals(notice: { sig in
                Console.log("\(StopSignals.name(sig)): stopping the bench; the rows measured so far are kept")
            })
            defer { signals.uninstall() }
            Console.out(BenchService.header)
            _ = try BenchService.bench(r, cancellation: signals.token, progress: { Console.log($0) }) {
                // Written at once (Console does not buffer): a row may come minutes after the one before.
                Console.out($0.markdown)
            }
            return signals.received == nil ? 0 : 75
        }),
    watchCommand,
    benchWatchCommand,
]

/// `relief watch` runs until SIGTERM or SIGINT; its log lines carry ids, never names or needs.
let watchCommand = Command(
    name: "watch",
    usage: """
        relief watch DIR [--case CASE.json] [--freeze MINUTES] [--solve-time-limit SECONDS] [--lang fr|en]
            run in the foreground over the state folder DIR: apply each event (relief.event/1) renamed into
            DIR/inbox/, re-plan with least change, write DIR/case.json, DIR/schedule.json and a change notice
            in DIR/notices/; applied files go to DIR/archive/, refused ones to DIR/rejected/ with NAME.error.json.
            --case CASE.json          the week to start from, on first start (a restart resumes from DIR)
            --freeze MINUTES          visits starting within this many minutes, or started, keep their
                                      sitters (default 120)
            --solve-time-limit SECS   each re-plan's budget, solved in a child process (default 30)
            --lang fr|en              language of the text notices (default fr)
            SIGTERM or SIGINT stops it (exit 0; events not yet applied stay pending). A second instance on DIR
            exits 75. With NOTIFY_SOCKET set it speaks sd_notify (READY, WATCHDOG, STOPPING).
        """,
    run: { args in
        let request = try WatchRequest(arguments: args)
        return try WatchService.run(request) { Console.log("watch: \($0)") }
    })

let benchWatchCommand = Command(
    name: "bench-watch",
    usage: """
        relief bench-watch [CASE] [--events N] [--solve-time-limit SECONDS]
            start the watch daemon on a temporary folder seeded with CASE (default Data/quebec-city-week.json), drop N
            visit.request events one at a time (default 50), each waiting for its new schedule, and print the
            median and p95 of the drop-to-new-schedule latency
        """,
    run: { args in
        let r = try WatchBench.request(args, defaultCase: "Data/quebec-city-week.json")
        let result = try WatchBench.run(r) { Console.log("bench-watch: \($0)") }
        Console.out(result.lines)
        return 0
    })

let globalUsage = """
    relief \(ReliefVersion.current): plans respite visits and on-call shifts for a week (relief.case/1 -> relief.schedule/1)

    usage:
    \(commands.map { $0.usage.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") }.joined(separator: "\n"))

    relief COMMAND --help (or relief help COMMAND) shows one command; relief --version its version.
    exit codes: 0 ok, 64 usage, 65 bad data, 66 no input, 70 internal, 73 cannot write, 75 try again
    """
