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
    /// Event id -> the record entry that applied it. An id applied once is applied
    /// for good: the same bytes again are a duplicate, other bytes a conflict, also
    /// when an earlier file with that id was refused.
    private(set) var applied: [String: Entry] = [:]
    /// Event id -> SHA-256 -> the entry that refused those bytes. The same bytes
    /// again get the same report; other bytes for an id never applied are judged
    /// anew (a corrected file after a typo).
    private(set) var refused: [String: [String: Entry]] = [:]

    /// What the journal says of an event file, by its id and the SHA-256 of its bytes.
    enum Verdict: Equatable {
        /// Never seen, or seen only refused with other bytes: to be applied.
        case new
        /// These very bytes were applied.
        case duplicate
        /// The id was applied with other bytes.
        case conflict
        /// These very bytes were refused: refused again with this report.
        case refusedBefore(JSONValue?)
    }

    func verdict(id: String, sha256: String) -> Verdict {
        if let a = applied[id] { return a.sha256 == sha256 ? .duplicate : .conflict }
        if let r = refused[id]?[sha256] { return .refusedBefore(r.error) }
        return .new
    }

    /// Reads the journal, cutting a torn tail (a crash while appending: an unfinished
    /// or unreadable last line). An unreadable line with readable records after it is
    /// damage, not a crash: nothing is cut and the daemon does not start (65), since
    /// going on would forget the events that line recorded and reuse its numbers.
    init(path: String, log: (String) -> Void) throws(ServiceError) {
        self.path = path
        guard let data = WatchFolder.readOwn(path) else { return }
        var good = 0
        var start = data.startIndex
        var line = 0
        while start < data.endIndex {
            line += 1
            let nl = data[start...].firstIndex(of: 0x0A)
            let end = nl ?? data.endIndex
            if let v = try? JSONParser.parse(Data(data[start..<end])), let r = Record(v), nl != nil {
                // A whole, readable record out of sequence is no torn append: damage.
                if let l = last, r.seq <= l.seq {
                    throw Self.damage(
                        path, line: line, byte: start - data.startIndex, "has seq \(r.seq), not above \(l.seq)")
                }
                add(r)
                start = end + 1
                good = start - data.startIndex
                continue
            }
            // A record that does not read. Only a tail with no readable record after it is a torn append.
            var next = nl.map { $0 + 1 } ?? data.endIndex
            var later = line
            while next < data.endIndex {
                later += 1
                let e = data[next...].firstIndex(of: 0x0A) ?? data.endIndex
                if let v = try? JSONParser.parse(Data(data[next..<e])), Record(v) != nil {
                    throw Self.damage(
                        path, line: line, byte: start - data.startIndex,
                        "does not read, and line \(later) after it is a good record")
                }
                next = e == data.endIndex ? e : e + 1
            }
            break
        }
        if good < data.count {
            log("journal: cutting \(data.count - good) bytes of an unfinished last line (a crash while committing)")
            guard truncate(path, off_t(good)) == 0 else {
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    /// A damaged journal: exit 65 naming the line, nothing cut.
    static func damage(_ path: String, line: Int, byte: Int, _ what: String) -> ServiceError {
        .badData(
            InputError(
                .journal, file: path,
                diagnostics: [
                    Diagnostic(
                        .error, .file(path: path, line: line, column: 1, header: nil),
                        "journal line \(line) (byte \(byte)) \(what): this is not a crash while committing, so nothing was cut and nothing was started",
                        fix:
                            "restore journal.jsonl from a backup; or, accepting that the events that line recorded may be applied again, delete that one line and start again"
                    )
                ]))
    }

    private mutating func add(_ r: Record) {
        last = r
        for e in r.events {
            switch e.outcome {
            case .applied: if applied[e.id] == nil { applied[e.id] = e }
            case .rejected: if refused[e.id]?[e.sha256] == nil { refused[e.id, default: [:]][e.sha256] = e }
            case .duplicate: break
            }
        }
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
