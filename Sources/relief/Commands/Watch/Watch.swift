import Foundation
import ReliefApp

extension Command {
    /// `relief watch` runs until SIGTERM or SIGINT; its log lines carry ids, never names or needs.
    static let watch = Command(
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
                SIGTERM, SIGINT or SIGHUP stops it (exit 0; events not yet applied stay pending). A second
                instance on DIR exits 75. With NOTIFY_SOCKET set it speaks sd_notify (READY, WATCHDOG, STOPPING).
            """,
        specs: [WatchRequest.spec],
        hidden: ["--now", "--crash-after", "--rescan", "--settle-ms", "--solver"],
        run: { args in
            let request = try WatchRequest(arguments: args)
            let status = try WatchService.run(request) { Console.log("watch: \($0)") }
            return ExitCode(rawValue: status) ?? .software
        })
}
