import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// `relief bench-watch [CASE] [--events N]`: starts `relief watch` as a child on a
/// temporary folder seeded with the case, drops N `visit.request` events one at a
/// time (each waits for its new schedule) and measures drop-to-new-schedule latency.
public enum WatchBench {
    public struct Request: Sendable {
        public var casePath: String
        public var events = 50
        public var solveTimeLimit = 30.0

        public init(casePath: String) { self.casePath = casePath }
    }

    public struct Result: Sendable {
        public var latencies: [Double]
        public var seedSeconds: Double
        public var lines: [String] {
            let s = latencies.sorted()
            func q(_ p: Double) -> Double {
                s.isEmpty ? 0 : s[min(s.count - 1, Int((p * Double(s.count)).rounded(.up)) - 1)]
            }
            func ms(_ x: Double) -> String { String(format: "%.0f ms", x * 1000) }
            return [
                "events: \(s.count) visit.request, one at a time (each waits for its schedule)",
                "seed plan: \(String(format: "%.2f", seedSeconds)) s",
                "drop to new schedule: median \(ms(q(0.5))), p95 \(ms(q(0.95))), min \(ms(s.first ?? 0)), max \(ms(s.last ?? 0))",
            ]
        }
    }

    public static func run(_ r: Request, progress: (String) -> Void) throws(ServiceError) -> Result {
        let (c, _) = try CaseLoader.load(.file(r.casePath))
        guard let family = c.families.first else {
            throw .usage("\(r.casePath): the case has no family to request a visit for")
        }
        var template = Array("/tmp/relief-bench-watch-XXXXXX".utf8CString)
        guard let p = mkdtemp(&template) else {
            throw .cannotWrite(path: "/tmp", reason: String(cString: strerror(errno)))
        }
        let dir = String(cString: p)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = dir + "/state"
        let proc = SelfInvocation.watch(state: state, seedCase: r.casePath, solveTimeLimit: r.solveTimeLimit).process()
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
        try wait("first schedule", timeout: 300) { WatchFolder.exists(state + "/inbox") && journalLines(state) >= 1 }
        let seed = clock.uptime() - t0
        progress("seeded in \(String(format: "%.2f", seed)) s; dropping \(r.events) events")
        var latencies: [Double] = []
        let days = max(1, c.horizon.minutes / 1440)
        for i in 0..<r.events {
            let start = c.horizon.start.adding(minutes: (i % days) * 1440 + 10 * 60 + (i / days % 8) * 30)
            let text = """
                { "format": "relief.event/1", "id": "bench-\(i)", "type": "visit.request",
                  "visit": { "id": "BENCH\(i)", "family": "\(family.id)", "start": "\(c.clock.format(start))",
                             "end": "\(c.clock.format(start.adding(minutes: 120)))", "priority": "normal" } }
                """
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
            latencies.append(clock.uptime() - dropped)
        }
        kill(proc.processIdentifier, SIGTERM)
        proc.waitUntilExit()
        return Result(latencies: latencies, seedSeconds: seed)
    }

    static func journalLines(_ state: String) -> Int {
        guard let d = FileManager.default.contents(atPath: state + "/journal.jsonl") else { return 0 }
        return d.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
