import Dispatch
import Foundation
import ReliefApp
import ReliefCore
import ReliefTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon run in this process (`WatchService.run`, no `relief watch` binary) with a
/// manual clock and a manual stop source; only its solve child is the built `relief`.
@Suite("relief watch in process", .serialized)
struct WatchInProcessTests {
    /// A daemon running on a thread of its own over a scratch folder seeded with the small case
    /// (the scratch folder and the case are only touched by the test's thread).
    final class Daemon: @unchecked Sendable {
        let scratch: ScratchDirectory
        let dir: String
        let theCase: Case
        let clock: ManualClock
        let stopper = ManualStopSource()
        private let lines = Mutex<[String]>([])
        private let outcome = Mutex<Result<Int32, ServiceError>?>(nil)
        private let done = DispatchSemaphore(value: 0)

        init(now: String) throws {
            scratch = try ScratchDirectory()
            let casePath = try scratch.write("week.json", try PackageTree.smallCase())
            theCase = try CaseReader.read(file: casePath).0
            dir = scratch.path("state")
            clock = ManualClock(try theCase.clock.parse(now).get())
            var request = WatchRequest(folder: dir)
            request.seedCase = casePath
            request.clock = clock
            request.stopSource = stopper
            request.solver = try #require(Relief.executable).path
            request.rescanSeconds = 1
            DispatchQueue.global().async { [self, request] in
                let r = Result { () throws(ServiceError) -> Int32 in
                    try WatchService.run(request) { line in self.lines.withLock { $0.append(line) } }
                }
                outcome.withLock { $0 = r }
                done.signal()
            }
        }

        var log: [String] { lines.withLock { $0 } }
        func path(_ p: String) -> String { dir + "/" + p }

        /// Whether `cond` holds within `timeout` seconds.
        func wait(until cond: () -> Bool, timeout: Double) -> Bool {
            let end = Date().addingTimeInterval(timeout)
            while Date() < end {
                if cond() { return true }
                usleep(20_000)
            }
            return cond()
        }

        /// What `WatchService.run` returned, once it has (nil after `timeout` seconds).
        func returned(timeout: Double) -> Result<Int32, ServiceError>? {
            if let r = outcome.withLock({ $0 }) { return r }
            guard done.wait(timeout: .now() + timeout) == .success else { return nil }
            return outcome.withLock { $0 }
        }

        /// Stops the daemon if it still runs (a test that failed half-way), before the
        /// scratch folder goes.
        func end() {
            guard outcome.withLock({ $0 }) == nil else { return }
            stopper.stop("test over")
            _ = returned(timeout: 30)
        }

        func solveCase() throws -> Case { try CaseReader.read(file: path("staging/solve-case.json")).0 }
        func schedule() throws -> Schedule {
            try #require(
                ScheduleReader.read(try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: path("schedule.json")))))
            )
        }
    }

    /// The freeze window is counted from the injected clock, moved while the daemon runs;
    /// the manual stop ends it through the same path as SIGTERM (exit 0).
    @Test func theFreezeFollowsTheInjectedClockAndAStopEndsTheDaemon() throws {
        let mask = umask(0o022)  // the daemon sets 077 for the whole process: put it back after
        defer { umask(mask) }
        let d = try Daemon(now: "2026-11-20T00:00")
        defer { d.end() }
        #expect(d.wait(until: { d.log.contains { $0.hasPrefix("watching ") } }, timeout: 60), "\(d.log)")
        // Seeded with now three days before the week: nothing frozen (V4 is locked in the case).
        #expect(try d.solveCase().visits.filter(\.locked).map(\.id) == ["V4"])
        let published = try d.schedule().assignments
        let v1Sitters = published.filter { $0.visit == "V1" }.map(\.sitter).sorted()
        try #require(!v1Sitters.isEmpty)

        // 17:00 on the 23rd: V1 (18:00) is within the 2 h window, V2 (09:00) has started; V3
        // and V9 (the 24th) are not.
        d.clock.set(try d.theCase.clock.parse("2026-11-23T17:00").get())
        let tmp = d.path("inbox/.e1.json.tmp")
        try Data(WatchTests.request("evt-1", visit: "V9", day: 24, hour: 18).utf8).write(to: URL(fileURLWithPath: tmp))
        #expect(rename(tmp, d.path("inbox/e1.json")) == 0)
        let archived = d.wait(until: { FileManager.default.fileExists(atPath: d.path("archive/e1.json")) }, timeout: 60)
        #expect(archived, "\(d.log)")

        let solved = try d.solveCase()
        let v1 = try #require(solved.visits.first { $0.id == "V1" })
        #expect(v1.locked && v1.assigned.sorted() == v1Sitters)
        #expect(solved.visits.filter(\.locked).map(\.id) == ["V1", "V2", "V4"])
        #expect(try d.schedule().assignments.filter { $0.visit == "V1" }.map(\.sitter).sorted() == v1Sitters)
        #expect(try d.schedule().assignments.contains { $0.visit == "V9" })

        d.stopper.stop("manual stop")
        let r = try #require(d.returned(timeout: 30), "the daemon did not return: \(d.log)")
        #expect(try r.get() == 0)
        #expect(d.log.contains("manual stop: stopping (no new claims; a running solve is abandoned)"))
        #expect(d.log.last?.hasPrefix("stopped; ") == true)
    }

    /// `--now` is a manual clock: read in the case's time zone once it is known (a time that is
    /// not ISO 8601 refused as before), then moved only when told.
    @Test func theNowOfTheCommandIsAManualClock() throws {
        let toronto = try #require(CaseClock(identifier: "America/Toronto"))
        let clock = ManualClock(written: "2026-11-23T17:00")
        try clock.read(in: toronto)
        #expect(clock.now() == (try toronto.parse("2026-11-23T17:00").get()))
        clock.advance(minutes: 90)
        #expect(toronto.formatLocal(clock.now()) == "2026-11-23T18:30")
        try clock.read(in: toronto)  // read once: a later case does not put it back
        #expect(toronto.formatLocal(clock.now()) == "2026-11-23T18:30")
        let e = #expect(throws: ServiceError.self) { try ManualClock(written: "tomorrow").read(in: toronto) }
        #expect(e?.exit == .usage)
        #expect(e?.description == "--now tomorrow is not an ISO 8601 time (2026-11-24T18:00)")
    }

    /// A stop asked before the daemon installs its handler is not lost: it is delivered at
    /// the installation, and later ones as they come.
    @Test func aStopBeforeTheStartIsKept() throws {
        let stopper = ManualStopSource()
        stopper.stop("early")
        let got = Mutex<[String]>([])
        stopper.install { reason in got.withLock { $0.append(reason) } }
        stopper.stop("late")
        #expect(got.withLock { $0 } == ["early", "late"])
    }
}
