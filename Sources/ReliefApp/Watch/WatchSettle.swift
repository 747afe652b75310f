import Dispatch
import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// After a commit: the views refreshed, the batch's files archived or rejected with their reports.
extension WatchService {
    /// What people look at, refreshed after each commit from the committed state:
    /// `DIR/week.html` (the week on one page) and `DIR/agendas/` (one calendar per
    /// sitter; SEQUENCE and cancellations follow re-plans). Best effort: the state
    /// is committed already, a failure here is logged and the next commit retries. The
    /// schedule was verified when the child wrote it, against the case solved, which has
    /// the committed case's locks and more (freeze): it breaks no rule of the committed
    /// case either, so the page is not verified again.
    func refreshViews(_ seq: Int) {
        let (c, schedule) = current!
        do {
            _ = try ReportService.write(
                c, schedule, to: folder.root + "/week.html", language: request.language, violations: [])
            _ = try AgendaService.write(
                c, schedule,
                AgendaRequest(
                    schedule: .file(folder.schedulePath), caseInput: .file(folder.casePath),
                    directory: folder.root + "/agendas", language: request.language))
        } catch {
            log("commit \(seq): week.html or agendas not refreshed (\(error.exitCode)); the schedule is committed")
        }
        shareOutputs()
    }

    /// Moves the files of a committed record out of work/: archive or rejected. Idempotent.
    func finalize(_ r: WatchJournal.Record) -> Bool {
        var first = true
        for e in r.events where WatchFolder.exists(folder.work + "/" + e.file) {
            // The file must still be that event (a new file of the same name is judged on its own).
            guard let d = WatchFolder.readOwn(folder.work + "/" + e.file, limit: Self.maxEventBytes),
                SHA256.hex(d) == e.sha256
            else { continue }
            let ok: Bool
            switch e.outcome {
            case .applied, .duplicate: ok = archive(e.file)
            case .rejected: ok = reject(e.file, id: e.id, errors: Self.errors(of: e.error))
            }
            if !ok { return false }
            if first {
                first = false
                crashPoint("archive")
            }
        }
        return true
    }

    func archive(_ name: String) -> Bool {
        let target = WatchFolder.freeName(WatchFolder.producerName(name), in: folder.archive)
        if let why = WatchFolder.rename(Array(name.utf8), in: folder.work, to: Array(target.utf8), in: folder.archive) {
            log("cannot archive a file (\(why)); it stays in work/")
            return false
        }
        WatchFolder.fsyncDir(folder.archive)
        WatchFolder.fsyncDir(folder.work)
        return true
    }

    /// `rejected/NAME.error.json` (atomic), then work/NAME -> rejected/NAME.
    func reject(_ name: String, id: String?, errors: [JSONValue]) -> Bool {
        let target = WatchFolder.freeName(WatchFolder.producerName(name), in: folder.rejected)
        var m: [(String, JSONValue)] = [
            ("format", .string("relief.event-error/1")), ("file", .string(WatchFolder.producerName(name))),
        ]
        if let id { m.append(("id", .string(id))) }
        m.append(("errors", .array(errors)))
        do {
            try AtomicFile.write(JSONValue.object(m).serialized(), to: "\(folder.rejected)/\(target).error.json")
        } catch {
            log("cannot write a rejection report (\(error)); the file stays in work/")
            return false
        }
        if let why = WatchFolder.rename(Array(name.utf8), in: folder.work, to: Array(target.utf8), in: folder.rejected)
        {
            log("cannot move a rejected file (\(why)); it stays in work/")
            return false
        }
        WatchFolder.fsyncDir(folder.rejected)
        WatchFolder.fsyncDir(folder.work)
        log(
            id.map { "event \($0): rejected (\(errors.count) error(s))" }
                ?? "a file that is not a valid event: rejected")
        return true
    }

    // MARK: - Reports

    static func errorJSON(location: String, message: String, fix: String) -> JSONValue {
        .object([("location", .string(location)), ("message", .string(message)), ("fix", .string(fix))])
    }

    static func errorJSON(_ d: Diagnostic) -> JSONValue {
        .object([
            ("severity", .string(d.severity.rawValue)), ("location", .string(d.location.description)),
            ("message", .string(d.message)), ("fix", .string(d.fix)),
        ])
    }

    static func report(_ errors: [JSONValue]) -> JSONValue { .array(errors) }

    static func errors(of report: JSONValue?) -> [JSONValue] {
        if case .array(let a)? = report { return a }
        return [errorJSON(location: "event", message: "refused earlier", fix: "")]
    }
}
