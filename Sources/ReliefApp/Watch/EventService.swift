import Foundation
import ReliefCore
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// `relief event`: one `relief.event/1` document, built from the command line, read back
/// with the daemon's own `EventReader` (a bad one is refused here, located, exit 65), then
/// written into the inbox as the protocol asks: a dotfile ending in `.tmp`, fsync, rename
/// to `ID.json` (`AtomicFile`), so the daemon never reads half of it.
public struct EventRequest: Sendable {
    /// The event's `type` (`sitter.absence`, `visit.cancel` ...).
    public var type: String
    /// Its own fields, in the order they are written.
    public var fields: [(String, JSONValue)]
    /// The daemon's `DIR/inbox`.
    public var inbox: String
    /// The event's id; a fresh one when nil.
    public var id: String?

    public init(type: String, fields: [(String, JSONValue)], inbox: String, id: String? = nil) {
        self.type = type
        self.fields = fields
        self.inbox = inbox
        self.id = id
    }
}

public enum EventService {
    /// What was written: the file and the event's id.
    public struct Written: Sendable, Equatable {
        public var path: String
        public var id: String
    }

    /// A fresh id: the UTC second it was made and 32 random bits (`evt-20261124-081500-3fa9c2d1`),
    /// so that two producers, or one twice in a second, never share one.
    public static func freshID(at date: Date = Date()) -> String {
        // The calendar's UTC stamp (`20261124T081500Z`), as `YYYYMMDD-HHMMSS`.
        let stamp = ICS.utc(Instant(seconds: Int64(date.timeIntervalSince1970.rounded(.down))))
        return "evt-\(stamp.dropLast().replacingOccurrences(of: "T", with: "-"))-"
            + String(format: "%08x", UInt32.random(in: 0...UInt32.max))
    }

    /// The document the request describes.
    public static func document(_ r: EventRequest, id: String) -> JSONValue {
        .object([("format", .string(Event.format)), ("id", .string(id)), ("type", .string(r.type))] + r.fields)
    }

    /// Writes the event into the inbox; refuses an inbox that is not a folder (66), the state
    /// folder given for its inbox (64), an event the daemon would refuse to read (65) and an id
    /// whose file is already there (73).
    public static func run(_ r: EventRequest) throws(ServiceError) -> Written {
        var st = stat()
        guard stat(r.inbox, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
            throw .noInput(
                "\(r.inbox): no such folder; give the inbox of a relief watch state folder (DIR/inbox),"
                    + " which the daemon makes on its first start")
        }
        var sub = stat()
        if stat(r.inbox + "/inbox", &sub) == 0, sub.st_mode & S_IFMT == S_IFDIR {
            // The state folder itself: a file there would never be read.
            throw .usage("\(r.inbox) is a state folder, not its inbox; give --inbox \(r.inbox)/inbox")
        }
        let id = r.id ?? freshID()
        let path = (r.inbox.hasSuffix("/") ? r.inbox : r.inbox + "/") + id + ".json"
        let data = Data(document(r, id: id).serialized().utf8)
        // Times are read in UTC here: the daemon reads them in the case's clock, which changes
        // no check made here (format, types, end after start).
        do { _ = try EventReader.read(data: data, file: path, clock: CaseClock(identifier: "UTC")!) } catch {
            throw .badData(error)
        }
        var existing = stat()
        if lstat(path, &existing) == 0 {
            throw .cannotWrite(path: path, reason: "an event with this id is already waiting; give another --id")
        }
        // A group-writable inbox is shared with producers in other accounts: the daemon reads
        // the file through the group (it makes what it claims 0600 when it can).
        try AtomicFile.write(data, to: path, mode: st.st_mode & 0o020 != 0 ? 0o640 : 0o600)
        return Written(path: path, id: id)
    }
}
