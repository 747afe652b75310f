import ReliefApp
import Testing

/// The test hooks and internal entry points: declared hidden in the spec that accepts them,
/// and still parsed into their requests (CLITests checks that no `--help` shows one).
@Suite("Test hooks")
struct TestHookTests {
    @Test func eachHookIsHiddenWhereItIsAccepted() {
        #expect(WatchRequest.spec.hidden == ["--now", "--crash-after", "--solver", "--rescan", "--settle-ms"])
        #expect(WhatIfService.spec.hidden == ["--solver"])
        #expect(WhatIfSlurm.taskSpec.hidden == ["--task", "--solver"])
        // bench's --solve-one is declared hidden with bench's options (CommandHelpTests, CLITests).
        for spec in [WatchRequest.spec, WhatIfService.spec, WhatIfSlurm.taskSpec] {
            #expect(spec.hidden.isSubset(of: spec.valued.union(spec.flags)))
        }
    }

    @Test func watchHooksStillParse() throws {
        let r = try WatchRequest(arguments: [
            "state", "--now", "2026-11-24T18:00", "--crash-after", "journal", "--solver", "/bin/false",
            "--rescan", "1", "--settle-ms", "50",
        ])
        #expect(r.now == "2026-11-24T18:00")
        #expect(r.crashAfter == "journal")
        #expect(r.solver == "/bin/false")
        #expect(r.rescanSeconds == 1)
        #expect(r.settleQuiet == 0.05)
    }

    @Test func whatIfHooksStillParse() throws {
        #expect(try WhatIfService.request(["c.json", "s.json", "--solver", "/bin/false"]).solver == "/bin/false")
        let t = try WhatIfSlurm.taskRequest(["--task", "/shared/run/2", "--solver", "/bin/false"])
        #expect(t.dir == "/shared/run" && t.index == 2 && t.solver == "/bin/false")
    }
}
