import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// `DIR/journal.jsonl`: one line per committed re-plan, appended and fsynced. The
/// line is the commit point: a re-plan whose line is complete happened (its staged
/// files are rolled forward at restart), one without a line did not (its events are
/// still in `work/` and are processed again). A torn last line is cut off at start.
struct WatchJournal {
    /// What became of one event in a committed re-plan.
    enum Outcome: String, Sendable { case applied, rejected, duplicate }

    struct Entry: Sendable {
        var id: String
        var sha256: String
        var file: String
        var outcome: Outcome
        /// For `rejected`: the report written beside the file.
        var error: JSONValue?
    }

    struct Record: Sendable {
        var seq: Int
        var caseSHA: String
        var scheduleSHA: String
        var events: [Entry]

        func json() -> JSONValue {
            .object([
                ("seq", .number(Double(seq))),
                ("case", .string(caseSHA)),
                ("schedule", .string(scheduleSHA)),
                (
                    "events",
                    .array(
                        events.map { e in
                            var m: [(String, JSONValue)] = [
                                ("id", .string(e.id)), ("sha256", .string(e.sha256)), ("file", .string(e.file)),
                                ("outcome", .string(e.outcome.rawValue)),
                            ]
                            if let err = e.error { m.append(("error", err)) }
                            return .object(m)
                        })
                ),
            ])
        }

        init(seq: Int, caseSHA: String, scheduleSHA: String, events: [Entry]) {
            self.seq = seq
            self.caseSHA = caseSHA
            self.scheduleSHA = scheduleSHA
            self.events = events
        }

        init?(_ v: JSONValue) {
            guard case .number(let n)? = v["seq"], case .string(let c)? = v["case"],
                case .string(let s)? = v["schedule"], case .array(let es)? = v["events"]
            else { return nil }
            var events: [Entry] = []
            for e in es {
                guard case .string(let id)? = e["id"], case .string(let sha)? = e["sha256"],
                    case .string(let f)? = e["file"], case .string(let o)? = e["outcome"],
                    let outcome = Outcome(rawValue: o)
                else { return nil }
                events.append(Entry(id: id, sha256: sha, file: f, outcome: outcome, error: e["error"]))
            }
            self.init(seq: Int(n), caseSHA: c, scheduleSHA: s, events: events)
        }
    }

    let path: String
    private(set) var last: Record?
    /// Event id -> what became of it (the first applied or refused content).
    private(set) var known: [String: Entry] = [:]

    /// Reads the journal, cutting a torn or unreadable tail (a crash while appending).
    init(path: String, log: (String) -> Void) throws(ServiceError) {
        self.path = path
        guard let data = WatchFolder.readOwn(path) else { return }
        var good = 0
        var start = data.startIndex
        while let nl = data[start...].firstIndex(of: 0x0A) {
            let line = data[start..<nl]
            guard let v = try? JSONParser.parse(Data(line)), let r = Record(v) else { break }
            add(r)
            start = nl + 1
            good = start - data.startIndex
        }
        if good < data.count {
            log("journal: cutting \(data.count - good) bytes of an unfinished last line (a crash while committing)")
            guard truncate(path, off_t(good)) == 0 else {
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    private mutating func add(_ r: Record) {
        last = r
        for e in r.events where e.outcome != .duplicate && known[e.id] == nil { known[e.id] = e }
    }

    /// A JSON value on one line (the writer indents; the journal has one record a line).
    static func oneLine(_ v: JSONValue) -> String {
        v.serialized().split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
    }

    /// Appends one record and fsyncs: the commit point of a re-plan.
    mutating func append(_ r: Record) throws(ServiceError) {
        let line = Data((WatchJournal.oneLine(r.json()) + "\n").utf8)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var before = stat()
        _ = fstat(fd, &before)
        var reason = AtomicFile.writeAll(line, to: fd)
        if reason == nil && fsync(fd) != 0 { reason = String(cString: strerror(errno)) }
        if let reason {
            // Leave no partial line behind: cut back to where it was.
            _ = ftruncate(fd, before.st_size)
            close(fd)
            throw .cannotWrite(path: path, reason: reason)
        }
        close(fd)
        if r.seq == 1 { WatchFolder.fsyncDir((path as NSString).deletingLastPathComponent) }
        add(r)
    }
}
