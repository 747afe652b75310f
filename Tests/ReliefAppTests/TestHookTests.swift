import ReliefApp
import ReliefCore
import Testing

@testable import relief

/// The test hooks and internal entry points: declared hidden with the options of the command
/// that accepts them, and still parsed into their requests (CLITests checks that no `--help` shows one).
@Suite("Test hooks")
struct TestHookTests {
    @Test func eachHookIsHiddenWhereItIsAccepted() {
        #expect(Command.watch.hidden == ["--now", "--crash-after", "--solver", "--rescan", "--settle-ms"])
        #expect(Command.whatIf.hidden == ["--solver", "--task"])
        #expect(Command.bench.hidden == ["--solve-one"])
        #expect(WhatIfForm.compare.hidden == ["--solver"])
        #expect(WhatIfForm.task.hidden == ["--task", "--solver"])
        #expect(WhatIfForm.minStaff.hidden == [])
        for c in commands {
            #expect(c.hidden.isSubset(of: c.accepts), "\(c.name)")
        }
    }

    @Test func watchHooksStillParse() throws {
        let r = try WatchRequest(
            ArgumentParser.parse(
                [
                    "state", "--now", "2026-11-24T18:00", "--crash-after", "journal", "--solver", "/bin/false",
                    "--rescan", "1", "--settle-ms", "50",
                ], Command.watch.spec))
        try r.clock.read(in: try #require(CaseClock(identifier: "America/Toronto")))
        #expect(r.clock.now() == Instant(seconds: 1_795_561_200))
        #expect(r.crashAfter == "journal")
        #expect(r.solver == "/bin/false")
        #expect(r.rescanSeconds == 1)
        #expect(r.settleQuiet == 0.05)
    }

    @Test func whatIfHooksStillParse() throws {
        let a = try ArgumentParser.parse(["c.json", "s.json", "--solver", "/bin/false"], WhatIfForm.compare)
        #expect(try WhatIfService.request(a).solver == "/bin/false")
        let t = try WhatIfSlurm.taskRequest(
            ArgumentParser.parse(["--task", "/shared/run/2", "--solver", "/bin/false"], WhatIfForm.task))
        #expect(t.dir == "/shared/run" && t.index == 2 && t.solver == "/bin/false")
    }

    /// Each form of whatif accepts its own options only, as when each had its own parser.
    @Test func whatIfFormsRefuseEachOthersOptions() {
        #expect(throws: UsageError("unknown option \"--jobs\"")) {
            try ArgumentParser.parse(["c.json", "--min-staff", "--jobs", "2"], WhatIfForm.minStaff)
        }
        #expect(throws: UsageError("unknown option \"--min-staff\"")) {
            try ArgumentParser.parse(["c.json", "--min-staff"], WhatIfForm.compare)
        }
        #expect(throws: UsageError("unknown option \"--format\"")) {
            try ArgumentParser.parse(["--task", "d/1", "--format", "json"], WhatIfForm.task)
        }
    }
}
