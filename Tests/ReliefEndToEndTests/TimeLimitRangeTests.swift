import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

@testable import ReliefApp

#if canImport(Glibc)
    import Glibc
#endif

/// Time limits become deadlines in whole nanoseconds or milliseconds: a number too large
/// for them (1e19 s, 1e308 s, WATCHDOG_USEC=1e30) used to trap at start. Options outside
/// 0 < t <= 7 days are usage errors; systemd's watchdog variable is read as libsystemd reads it.
@Suite("Time limits and the watchdog interval in range")
struct TimeLimitRangeTests {
    static let range = "above 0 and at most 604800 (7 days)"

    @Test func watchRefusesAHugeSolveTimeLimit() throws {
        let f = try WatchTests.Folder()
        let r = try Relief.run(
            ["watch", f.dir, "--case", f.casePath, "--solve-time-limit", "1e19"], in: f.scratch.url, timeout: 30)
        #expect(r.status == 64 && r.killedBy == nil, "\(r)")
        #expect(r.stderr.contains("--solve-time-limit takes a number of seconds \(Self.range), not \"1e19\""), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: f.dir), "nothing is created on a usage error")
    }

    @Test(arguments: [
        ["plan", "CASE", "--time-limit", "1e308"],
        ["plan", "CASE", "--time-limit", "inf"],
        ["whatif", "CASE", "--suggest-hires", "1", "--time-limit", "1e19"],
        ["whatif", "CASE", "--min-staff", "--time-limit", "604801"],
        ["export", "CASE", "--mps", "DIR", "--time-limit", "1e19"],
        ["bench", "CASE", "--time-limit", "1e19"],
        ["bench-watch", "CASE", "--solve-time-limit", "1e19"],
    ])
    func everyTimeLimitOptionIsBounded(_ template: [String]) throws {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", try PackageTree.smallCase())
        let args = template.map { $0 == "CASE" ? c : $0 == "DIR" ? dir.path("mps") : $0 }
        let r = try Relief.run(args, in: dir.url, timeout: 60)
        #expect(r.status == 64 && r.killedBy == nil, "\(r)")
        let option = try #require(template.first { $0.hasSuffix("time-limit") })
        #expect(r.stderr.contains("\(option) takes a number of seconds \(Self.range)"), "\(r)")
    }

    @Test func theLargestLimitIsAccepted() throws {
        let dir = try ScratchDirectory()
        let c = try dir.write("case.json", try PackageTree.smallCase())
        let r = try Relief.run(["plan", c, "-o", dir.path("s.json"), "--time-limit", "604800", "-q"], in: dir.url)
        #expect(r.status == 0, "\(r)")
    }

    // MARK: - WATCHDOG_USEC

    static func watchdog(_ usec: String) -> Double? { SystemdNotify.watchdogSeconds(["WATCHDOG_USEC": usec]) }

    @Test func aWholeNumberOfMicrosecondsIsTheInterval() {
        #expect(Self.watchdog("400000") == 0.4)
        #expect(Self.watchdog("30000000") == 30)
    }

    /// What sd_watchdog_enabled(3) refuses means no watchdog: not an error, not a crash.
    @Test(arguments: [
        "1e30", "1.5e6", "inf", "nan", "-1", "0", "", "30s", "18446744073709551615", "99999999999999999999",
    ])
    func whatLibsystemdRefusesIsNoWatchdog(_ usec: String) {
        #expect(Self.watchdog(usec) == nil)
    }

    /// Huge intervals are pinged once a day (in time for any longer one); tiny ones every millisecond.
    @Test func outOfRangeIntervalsAreClamped() {
        #expect(Self.watchdog("18446744073709551614") == 86_400)
        #expect(Self.watchdog("86400000001") == 86_400)
        #expect(Self.watchdog("1") == 0.001)
    }

    @Test func anotherProcesssWatchdogIsNotOurs() {
        #expect(SystemdNotify.watchdogSeconds(["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "\(getpid())"]) == 0.4)
        #expect(SystemdNotify.watchdogSeconds(["WATCHDOG_USEC": "400000", "WATCHDOG_PID": "\(getpid() + 1)"]) == nil)
    }

    /// The daemon under systemd with the largest WATCHDOG_USEC, or with garbage in it: it
    /// starts, says READY=1 and stops cleanly at SIGTERM (both trapped at start). Whether the
    /// huge interval's first tick pings is not asserted: it is skipped when it comes before
    /// the main loop's first heartbeat, and the next one is 12 hours later.
    @Test(arguments: ["18446744073709551614", "1e30"])
    func watchStartsWithAnExtremeWatchdog(_ usec: String) throws {
        let f = try WatchTests.Folder()
        let name = f.scratch.path("notify.sock")
        let fd = try WatchSystemdTests.listen(name)
        defer { close(fd) }
        let p = try Relief.start(
            ["watch", f.dir, "--case", f.casePath, "--now", "2026-11-20T00:00"], in: f.scratch.url,
            environment: ["NOTIFY_SOCKET": name, "WATCHDOG_USEC": usec])
        let ready = WatchSystemdTests.receive(fd, until: "READY=1", timeout: 60)
        #expect(ready.contains { $0.contains("READY=1") }, "\(ready) \(p.stderrSoFar)")
        kill(p.process.processIdentifier, SIGTERM)
        let r = try p.wait(timeout: 30)
        #expect(r.status == 0 && r.killedBy == nil, "\(r)")
    }
}
