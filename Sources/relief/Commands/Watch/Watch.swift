import Foundation
import ReliefApp

extension Command {
    /// `relief watch` runs until SIGTERM or SIGINT; its log lines carry ids, never names or needs.
    /// The hidden options are test hooks, never in its usage: `--now` (the daemon's clock),
    /// `--crash-after` (SIGKILL itself after a step, for the recovery tests), `--solver` (a
    /// stand-in for the child planner), `--rescan` and `--settle-ms` (shorter waits).
    static let watch = Command(
        name: "watch",
        synopsis: """
            relief watch DIR [--case CASE.json] [--freeze MINUTES] [--solve-time-limit SECONDS] [--lang fr|en]
                         [--replan incremental|full] [--output-group GROUP]
                run in the foreground over the state folder DIR: apply each event (relief.event/1) renamed into
                DIR/inbox/, re-plan with least change, write DIR/case.json, DIR/schedule.json and a change notice
                in DIR/notices/; applied files go to DIR/archive/, refused ones to DIR/rejected/ with NAME.error.json.
            """,
        options: [
            .valued(
                "--case", value: "CASE.json",
                help: ["the week to start from, on first start (a restart resumes from DIR)"]),
            .valued(
                "--freeze", value: "MINUTES",
                help: ["visits starting within this many minutes, or started, keep their", "sitters (default 120)"]),
            .valued(
                "--solve-time-limit", value: "SECS",
                help: ["each re-plan's budget, solved in a child process (default 30)"]),
            .valued("--lang", value: "fr|en", help: ["language of the text notices (default fr)"]),
            .valued(
                "--replan", value: "incremental|full",
                help: [
                    "incremental (default): repair the published schedule and improve around",
                    "what changed; full: re-plan the whole week for each event",
                ]),
            .valued(
                "--output-group", value: "GROUP",
                help: [
                    "give GROUP read access to case.json, schedule.json, week.html, notices/",
                    "and agendas/ (files 0640, folders 0750, DIR 0711); the daemon's user",
                    "must be a member of GROUP",
                ]),
            .valued("--now", value: "TIME", help: [], hidden: true),
            .valued("--crash-after", value: "STEP", help: [], hidden: true),
            .valued("--solver", value: "PROGRAM", help: [], hidden: true),
            .valued("--rescan", value: "SECONDS", help: [], hidden: true),
            .valued("--settle-ms", value: "MS", help: [], hidden: true),
        ],
        column: 28,
        notes: """
                SIGTERM, SIGINT or SIGHUP stops it (exit 0; events not yet applied stay pending). A second
                instance on DIR exits 75. With NOTIFY_SOCKET set it speaks sd_notify (READY, WATCHDOG, STOPPING).
            """,
        run: { args in
            let request = try WatchRequest(args)
            let status = try WatchService.run(request) { Console.log("watch: \($0)") }
            return ExitCode(rawValue: status) ?? .software
        })
}

extension WatchRequest {
    /// The request of arguments parsed with `relief watch`'s declared options.
    init(_ a: ParsedArguments) throws(UsageError) {
        self.init(folder: try a.positionals(["DIR"])[0])
        seedCase = a.values["--case"]
        if let f = try a.count("--freeze", in: 0...10080) { freezeMinutes = f }
        if let t = try a.seconds("--solve-time-limit") { solveTimeLimit = t }
        if let l = try a.language() { language = l }
        incremental = try a.incrementalReplan()
        if let g = a.values["--output-group"] {
            guard let gid = Self.group(g) else {
                throw UsageError("--output-group: no group \(quoted(g)) on this system")
            }
            outputGroup = gid
        }
        if let now = a.values["--now"] { clock = ManualClock(written: now) }
        if let c = a.values["--crash-after"] {
            guard WatchService.crashSteps.contains(c) else {
                throw UsageError("--crash-after takes one of \(WatchService.crashSteps.joined(separator: ", "))")
            }
            crashAfter = c
        }
        solver = a.values["--solver"]
        if let r = try a.seconds("--rescan") { rescanSeconds = r }
        if let s = try a.count("--settle-ms", in: 0...60000) {
            settleQuiet = Double(s) / 1000
            settleMax = max(settleMax, settleQuiet)
        }
    }

    /// A group by name or number.
    static func group(_ g: String) -> gid_t? {
        if let n = UInt32(g) { return n }
        guard let entry = getgrnam(g) else { return nil }
        return entry.pointee.gr_gid
    }
}
