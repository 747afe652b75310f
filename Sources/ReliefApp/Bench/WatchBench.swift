import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// `relief bench-watch [--case CASE] [--events N] [--replan incremental|full]`: starts
/// `relief watch` as a child on a temporary folder seeded with the case (its now held at the
/// week's start, nothing frozen), drops N events one
/// at a time, in turn a `visit.request`, a `sitter.absence` (a published sitter sick for
/// one of their visits) and a `visit.cancel` (a published visit), each waiting for its
/// committed schedule, and measures the time from drop to commit. Each committed schedule
/// of an incremental re-plan says the levels of the repaired schedule it started from
/// (`solver.repaired`): the bench counts those that end below it (none should).
public enum WatchBench {
    public struct Request: Sendable {
        public var casePath: String
        public var events = 50
        public var solveTimeLimit = 30.0
        public var incremental = true

        public init(casePath: String) { self.casePath = casePath }
    }

    public struct Result: Sendable {
        /// Per event: its type and the seconds from drop to commit.
        public var latencies: [(type: String, seconds: Double)]
        public var seedSeconds: Double
        /// Committed schedules proven optimal, and those that said their repaired levels.
        public var optimal = 0
        public var repaired = 0
        /// Committed schedules whose levels 1-4 end below the repaired schedule's (should be none).
        public var belowRepaired: [String] = []
        public var incremental = true

        static func quantiles(_ xs: [Double]) -> String {
            let s = xs.sorted()
            func q(_ p: Double) -> Double {
                s.isEmpty ? 0 : s[min(s.count - 1, max(0, Int((p * Double(s.count)).rounded(.up)) - 1))]
            }
            func ms(_ x: Double) -> String { String(format: "%.0f ms", x * 1000) }
            return "p50 \(ms(q(0.5))), p95 \(ms(q(0.95))), max \(ms(s.last ?? 0))"
        }

        public var lines: [String] {
            let all = latencies.map(\.seconds)
            var out = [
                "events: \(all.count), one at a time (each waits for its committed schedule); re-plan \(incremental ? "incremental" : "full")",
                "seed plan: \(String(format: "%.2f", seedSeconds)) s",
                "drop to committed schedule: \(Self.quantiles(all)), min \(String(format: "%.0f ms", (all.min() ?? 0) * 1000))",
            ]
            for t in ["visit.request", "sitter.absence", "visit.cancel"] {
                let xs = latencies.filter { $0.type == t }.map(\.seconds)
                if !xs.isEmpty { out.append("  \(t) (\(xs.count)): \(Self.quantiles(xs))") }
            }
            out.append(
                "schedules: \(optimal) proven optimal; \(repaired) incremental, \(belowRepaired.count) below their repaired schedule"
                    + (belowRepaired.isEmpty ? "" : " (\(belowRepaired.joined(separator: ", ")))"))
            return out
        }
    }

    public static func run(_ r: Request, progress: (String) -> Void) throws(ServiceError) -> Result {
        let (c, _) = try CaseLoader.load(.file(r.casePath))
        guard !c.families.isEmpty else {
            throw .usage("\(r.casePath): the case has no family to request a visit for")
        }
        var template = Array("/tmp/relief-bench-watch-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else {
            throw .cannotWrite(path: "/tmp", reason: String(cString: strerror(errno)))
        }
        let dir = String(cString: p)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = dir + "/state"
        // The daemon's now held at the week's start: with the machine's, a week in the past
        // would be frozen whole (every visit started, so locked to its published sitters).
        let proc = SelfInvocation.watch(
            state: state, seedCase: r.casePath, solveTimeLimit: r.solveTimeLimit, incremental: r.incremental,
            now: c.clock.format(c.horizon.start)
        ).process()
        proc.standardInput = FileHandle.nullDevice
        proc.standardOutput = FileHandle.nullDevice
        proc.standardError = FileHandle.nullDevice
        let clock = SystemClock()
        let t0 = clock.uptime()
        do { try proc.run() } catch { throw .internalError("cannot start relief watch: \(error)") }
        defer {
            if proc.isRunning {
                kill(proc.processIdentifier, SIGTERM)
                proc.waitUntilExit()
            }
        }
        func wait(_ what: String, timeout: Double, _ cond: () -> Bool) throws(ServiceError) {
            let end = clock.uptime() + timeout
            while !cond() {
                guard proc.isRunning else { throw .internalError("relief watch ended while waiting for \(what)") }
                guard clock.uptime() < end else { throw .internalError("no \(what) after \(timeout) s") }
                usleep(1000)
            }
        }
        try wait("first schedule", timeout: 600) {
            WatchFolder.exists(state + "/inbox") && journalLines(state) >= 1 && WatchFolder.exists(state + "/case.json")
                && WatchFolder.exists(state + "/schedule.json")
        }
        var result = Result(latencies: [], seedSeconds: clock.uptime() - t0, incremental: r.incremental)
        progress("seeded in \(String(format: "%.2f", result.seedSeconds)) s; dropping \(r.events) events")
        for i in 0..<r.events {
            let (type, text) = try event(i, state: state, original: c)
            let tmp = "\(state)/inbox/.bench-\(i).json.tmp"
            try AtomicFile.write(text, to: tmp)
            let before = journalLines(state)
            let dropped = clock.uptime()
            guard rename(tmp, "\(state)/inbox/bench-\(i).json") == 0 else {
                throw .cannotWrite(path: state, reason: String(cString: strerror(errno)))
            }
            try wait("schedule for event \(i)", timeout: r.solveTimeLimit * 3 + 60) {
                journalLines(state) > before && WatchFolder.exists("\(state)/archive/bench-\(i).json")
                    || WatchFolder.exists("\(state)/rejected/bench-\(i).json")
            }
            result.latencies.append((type, clock.uptime() - dropped))
            if WatchFolder.exists("\(state)/rejected/bench-\(i).json") {
                throw .internalError(
                    "event \(i) (\(type)) was refused: see \(state)/rejected (kept until the bench ends)")
            }
            result.tally(schedule: state + "/schedule.json", event: "bench-\(i)")
        }
        kill(proc.processIdentifier, SIGTERM)
        proc.waitUntilExit()
        return result
    }

    static func journalLines(_ state: String) -> Int {
        guard let d = FileManager.default.contents(atPath: state + "/journal.jsonl") else { return 0 }
        return d.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
