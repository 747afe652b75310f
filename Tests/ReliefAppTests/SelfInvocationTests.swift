import Foundation
import Testing

@testable import ReliefApp
@testable import relief

/// Each child relief starts of itself is a command line its own parser reads back as meant.
@Suite("SelfInvocation")
struct SelfInvocationTests {
    /// The child's arguments after its command's name, parsed as the binary parses them.
    func parsed(_ i: SelfInvocation, _ spec: ArgumentSpec, command: String) throws -> ParsedArguments {
        #expect(i.arguments.first == command)
        return try ArgumentParser.parse(i.arguments.dropFirst(), spec)
    }

    @Test func planChildIsAQuietPlan() throws {
        let i = SelfInvocation.plan(
            "/bin/relief", case: "w/1.case.json", output: "w/1.s.json", timeLimit: 7.5, leastChange: true)
        #expect(i.executable == "/bin/relief")
        let r = try PlanRequest(parsed(i, Command.plan.spec, command: "plan"))
        #expect(r.input == .file("w/1.case.json") && r.outputPath == "w/1.s.json")
        #expect(r.options.timeLimit == 7.5 && r.options.leastChange && r.quiet)
        let plain = try parsed(
            .plan("x", case: "c", output: "o", timeLimit: 1, leastChange: false), Command.plan.spec, command: "plan")
        #expect(!plain.has("--least-change"))
        #expect(r.incrementalFrom == nil && r.around.isEmpty)
    }

    @Test func incrementalChildNamesThePublishedScheduleAndWhatChanged() throws {
        let i = SelfInvocation.plan(
            "/bin/relief", case: "w/c.json", output: "w/o.json", timeLimit: 30, leastChange: true,
            incremental: ("w/published.json", ["V0012", "S003"]))
        let r = try PlanRequest(parsed(i, Command.plan.spec, command: "plan"))
        #expect(r.input == .file("w/c.json") && r.incrementalFrom == "w/published.json")
        #expect(r.around == ["V0012", "S003"] && r.options.leastChange)
        let none = try PlanRequest(
            parsed(
                .plan("x", case: "c", output: "o", timeLimit: 1, leastChange: true, incremental: ("p.json", [])),
                Command.plan.spec, command: "plan"))
        #expect(none.incrementalFrom == "p.json" && none.around.isEmpty)
    }

    @Test func benchChildSolvesOneCase() throws {
        let i = SelfInvocation.benchSolveOne("/bin/relief", case: "/tmp/b/case.json", timeLimit: 60)
        let a = try parsed(i, Command.bench.spec, command: "bench")
        #expect(try BenchService.solveOneCase(a) == .file("/tmp/b/case.json"))
        #expect(try a.seconds("--time-limit") == 60)
    }

    @Test func slurmTaskNamesItsSolverOnlyWhenAnother() throws {
        let own = SelfInvocation.whatIfTask("/bin/relief", task: "/shared/run/4", timeLimit: 30, solver: "/bin/relief")
        #expect(own.executable == "/bin/relief" && !own.arguments.contains("--solver"))
        let t = try WhatIfSlurm.taskRequest(parsed(own, WhatIfForm.task, command: "whatif"))
        #expect(t.dir == "/shared/run" && t.index == 4 && t.timeLimit == 30 && t.solver == nil)
        let other = SelfInvocation.whatIfTask("/bin/relief", task: "/r/0", timeLimit: 5, solver: "/bin/false")
        #expect(try WhatIfSlurm.taskRequest(parsed(other, WhatIfForm.task, command: "whatif")).solver == "/bin/false")
    }

    @Test func benchWatchDaemonFreezesNothing() throws {
        let i = SelfInvocation.watch(state: "/tmp/s", seedCase: "Data/w.json", solveTimeLimit: 12, incremental: true)
        #expect(i.executable == SelfInvocation.own())
        let r = try WatchRequest(parsed(i, Command.watch.spec, command: "watch"))
        #expect(r.folder == "/tmp/s" && r.seedCase == "Data/w.json" && r.solveTimeLimit == 12 && r.freezeMinutes == 0)
        #expect(r.incremental)
        let full = SelfInvocation.watch(
            state: "/tmp/s", seedCase: "Data/w.json", solveTimeLimit: 12, incremental: false)
        #expect(try !WatchRequest(parsed(full, Command.watch.spec, command: "watch")).incremental)
    }

    @Test func shellWordsAreQuotedForSh() {
        let i = SelfInvocation(executable: "/opt/it's/relief", arguments: ["whatif", "--task", "d/"])
        #expect(i.shellWords == ["'/opt/it'\\''s/relief'", "'whatif'", "'--task'", "'d/'"])
    }
}
