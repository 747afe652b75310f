import Foundation
import ReliefCore
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

extension AgendaState {
    /// Reads the state file; no file is an empty state. A damaged file is an
    /// error, not a fresh start: restarting sequences at 0 would make calendars
    /// ignore the updates.
    static func read(_ path: String) throws(ServiceError) -> AgendaState {
        guard FileManager.default.fileExists(atPath: path) else { return AgendaState() }
        func bad(_ message: String) -> ServiceError {
            .badData(
                InputError(
                    .agendaState, file: path,
                    diagnostics: [
                        Diagnostic(
                            .error, "$", message,
                            fix: "restore it, or delete it to start over (calendars may then keep old copies of"
                                + " changed events)")
                    ]))
        }
        // A FIFO would block the read, a device would feed it anything: only a regular file is a state.
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG {
            let kind: String
            switch st.st_mode & S_IFMT {
            case S_IFIFO: kind = "a FIFO (named pipe)"
            case S_IFCHR, S_IFBLK: kind = "a device"
            case S_IFDIR: kind = "a directory"
            case S_IFSOCK: kind = "a socket"
            default: kind = "not a file"
            }
            throw .badData(
                InputError(
                    .agendaState, file: path,
                    diagnostics: [
                        Diagnostic(
                            .error, "$", "is not a regular file: it is \(kind), so it cannot be the agenda state",
                            fix: "remove it (relief agenda writes the state itself as a regular file), or restore"
                                + " the state file that was there")
                    ]))
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .noInput("\(path): cannot read the agenda state (\(error.localizedDescription))")
        }
        let json = try JSONDocument.parse(data) { bad($0.message) }
        guard json["format"] == .string(format), case .object(let events)? = json["events"] else {
            throw bad("not a \(format) document")
        }
        var state = AgendaState()
        for (uid, e) in events {
            func str(_ k: String) -> String? {
                if case .string(let s)? = e[k] { return s }
                return nil
            }
            func int(_ k: String) -> Int64? {
                if case .number(let d)? = e[k], d.isFinite, d == d.rounded(), abs(d) < 1e15 { return Int64(d) }
                return nil
            }
            guard let sitter = str("sitter"), let caseName = str("case"), let kind = str("kind"),
                let item = str("item"), let seq = int("sequence"), seq >= 0, let hash = str("hash"),
                let stamp = str("stamp"), case .bool(let cancelled)? = e["cancelled"], let start = int("start"),
                let end = int("end"), let summary = str("summary"), let description = str("description")
            else { throw bad("event \(uid) is incomplete") }
            state.entries[uid] = AgendaStateEntry(
                sitter: sitter, caseName: caseName, kind: kind, item: item, sequence: Int(seq), hash: hash,
                stamp: stamp, cancelled: cancelled, start: Instant(seconds: start), end: Instant(seconds: end),
                summary: summary, location: str("location"), description: description)
        }
        return state
    }
}
