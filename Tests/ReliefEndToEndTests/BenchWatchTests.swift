import Foundation
import ReliefTestSupport
import Testing

/// `relief bench-watch --case`: the daemon re-plans each event incrementally by default (each
/// committed schedule says the repaired levels it started from, and none ends below them), the
/// whole week with `--replan full` (no schedule says it).
@Suite("bench-watch")
struct BenchWatchTests {
    @Test("three events, each committed; incremental by default, full on request")
    func incrementalAndFull() throws {
        let dir = try ScratchDirectory()
        let week = PackageTree.url("Data/quebec-city-week.json").path
        let inc = try Relief.run(["bench-watch", "--case", week, "--events", "3"], in: dir.url, timeout: 300)
        #expect(inc.status == 0, "\(inc)")
        #expect(inc.stdout.contains("events: 3, one at a time"), "\(inc)")
        #expect(inc.stdout.contains("re-plan incremental"))
        for t in ["visit.request (1)", "sitter.absence (1)", "visit.cancel (1)"] {
            #expect(inc.stdout.contains(t), "\(t)")
        }
        #expect(inc.stdout.contains("3 incremental, 0 below their repaired schedule"), "\(inc)")
        let full = try Relief.run(
            ["bench-watch", "--case", week, "--events", "3", "--replan", "full"], in: dir.url, timeout: 300)
        #expect(full.status == 0, "\(full)")
        #expect(full.stdout.contains("re-plan full") && full.stdout.contains("0 incremental"), "\(full)")
    }

    @Test("the case given twice, or an unknown mode: usage errors")
    func usage() throws {
        let dir = try ScratchDirectory()
        let twice = try Relief.run(["bench-watch", "a.json", "--case", "b.json"], in: dir.url)
        #expect(twice.status == 64 && twice.stderr.contains("give the case once"), "\(twice)")
        let mode = try Relief.run(["bench-watch", "--replan", "partial"], in: dir.url)
        #expect(mode.status == 64 && mode.stderr.contains("--replan takes incremental or full"), "\(mode)")
        let watch = try Relief.run(["watch", "state", "--replan", "sometimes"], in: dir.url)
        #expect(watch.status == 64 && watch.stderr.contains("--replan takes incremental or full"), "\(watch)")
    }
}
