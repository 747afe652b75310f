import Foundation
import ReliefCore
import ReliefRender

#if canImport(Glibc)
    import Glibc
#endif

/// `relief agenda SCHEDULE --case CASE --out DIR [--lang fr|en]`.
public struct AgendaRequest: Sendable, Equatable {
    public var schedule: CaseInput
    public var caseInput: CaseInput
    public var directory: String
    public var language: Language
    /// The families' address and phone in the visits (`--with-contact`): personal data, so only when asked.
    public var withContact: Bool

    public init(
        schedule: CaseInput, caseInput: CaseInput, directory: String, language: Language = .fr,
        withContact: Bool = false
    ) {
        self.schedule = schedule
        self.caseInput = caseInput
        self.directory = directory
        self.language = language
        self.withContact = withContact
    }
}

/// What `relief agenda` wrote.
public struct AgendaReport: Sendable, Equatable {
    public var directory: String
    /// Sitters' `.ics` files written.
    public var files: Int
    /// Events of the current schedule (visits and on-call shifts).
    public var events: Int
    public var added: Int
    public var changed: Int
    /// Events cancelled by this run (taken from their sitter since the last run).
    public var cancelled: Int
    public var teamRows: Int
    public var language: Language = .fr

    /// The line `relief agenda` prints on stdout, in the agendas' language.
    public var line: String {
        ConfirmationWords(language).agenda(
            TerminalText.safe(directory), [files, events, added, changed, cancelled, teamRows])
    }
}

/// `relief agenda`: one iCalendar file per sitter, `team.csv`, and the state that
/// keeps UIDs and SEQUENCE numbers right across re-plans.
public enum AgendaService {
    public static let teamFile = "team.csv"
    static let lockFile = ".agenda.lock"

    /// Reads the case and the schedule, checks that one answers the other, and
    /// writes `DIR/SITTER.ics` for every sitter (and for any sitter whose events
    /// were taken away), `DIR/team.csv` and `DIR/.agenda-state.json`, each atomically (0600).
    public static func write(_ r: AgendaRequest, now: Date = Date()) throws(ServiceError) -> AgendaReport {
        let (c, _) = try CaseLoader.load(r.caseInput)
        let schedule = try readSchedule(r.schedule, for: c)
        return try write(c, schedule, r, now: now)
    }

    /// The agendas of a case and a schedule already read and verified against it (the
    /// daemon's view after a commit: nothing read or checked again). `r` names the
    /// directory, the language, and the input files no output may replace.
    static func write(_ c: Case, _ schedule: Schedule, _ r: AgendaRequest, now: Date = Date()) throws(ServiceError)
        -> AgendaReport
    {
        try prepareDirectory(r.directory)
        let lock = try lockDirectory(r.directory)
        defer { close(lock) }

        let statePath = path(r.directory, AgendaState.fileName)
        var state = try AgendaState.read(statePath)
        let items = AgendaBuilder(c, language: r.language, withContact: r.withContact).items(schedule)
        let stamp = ICS.utc(Instant(seconds: Int64(now.timeIntervalSince1970.rounded(.down))))
        let rec = AgendaReconciler.reconcile(items, caseName: c.name, state: &state, stamp: stamp)

        var sitters = Set(c.sitters.map(\.id))
        for e in rec.events { sitters.insert(e.item.sitter) }
        var names: [String: String] = [:]
        for s in sitters {
            guard let f = fileName(for: s) else {
                throw .badData(
                    InputError(
                        .agendaState, file: statePath,
                        diagnostics: [
                            Diagnostic(
                                .error, "$.events", "sitter id \(quoted(s)) cannot be a file name",
                                fix: "ids are 1 to 64 characters from A-Z a-z 0-9 . _ - and do not start with a dot")
                        ]))
            }
            names[s] = f
        }
        try refuseNamesEqualIgnoringCase(Array(sitters), c, caseInput: r.caseInput, statePath: statePath)
        let outputs = names.values.map { path(r.directory, $0) } + [path(r.directory, teamFile), statePath]
        for o in outputs {
            try FileIdentity.refuseOverwriting(r.caseInput, with: o, option: "--out")
            try FileIdentity.refuseOverwriting(r.schedule, with: o, option: "--out")
        }

        let bySitter = Dictionary(grouping: rec.events, by: { $0.item.sitter })
        let writer = AgendaCalendar(c, language: r.language)
        for s in sitters.sorted() {
            let text = writer.calendar(sitter: s, events: bySitter[s] ?? [])
            try AtomicFile.writeIfChanged(Data(text.utf8), to: path(r.directory, names[s]!), mode: 0o600)
        }
        let table = AgendaTeamTable(c, language: r.language).csv(items)
        try AtomicFile.writeIfChanged(Data(table.utf8), to: path(r.directory, teamFile), mode: 0o600)
        try AtomicFile.writeIfChanged(Data(state.json().serialized().utf8), to: statePath, mode: 0o600)
        return AgendaReport(
            directory: r.directory, files: sitters.count, events: items.count, added: rec.added, changed: rec.changed,
            cancelled: rec.cancelled, teamRows: items.count, language: r.language)
    }

    /// `SITTER.ics`, or nil when the id cannot be a file name: ids are checked by the
    /// case validator, but a state file or a schedule could still bring another.
    public static func fileName(for id: String) -> String? {
        guard (1...64).contains(id.utf8.count), !id.hasPrefix("."),
            id.unicodeScalars.allSatisfy({
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0))
            })
        else { return nil }
        return id + ".ics"
    }

    static func path(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    /// Two sitters whose ids differ only by case (`S1`, `s1`) would get `S1.ics` and `s1.ics`:
    /// one file on a case-insensitive share (SMB, macOS, Windows), where one sitter's calendar
    /// would replace the other's. Refused (65) before anything is written, naming both ids, rather
    /// than renamed, so that no subscribed calendar silently changes hands.
    static func refuseNamesEqualIgnoringCase(
        _ sitters: [String], _ c: Case, caseInput: CaseInput, statePath: String
    ) throws(ServiceError) {
        let groups = Dictionary(grouping: sitters, by: CaseValidator.fileNameKey).values.filter { $0.count > 1 }
        guard !groups.isEmpty else { return }
        let inCase = Dictionary(c.sitters.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var diagnostics: [Diagnostic] = []
        for g in groups.map({ $0.sorted() }).sorted(by: { $0[0] < $1[0] }) {
            let files = g.map { "\($0).ics" }.joined(separator: ", ")
            let fromState = g.filter { inCase[$0] == nil }
            let place = g.compactMap { inCase[$0] }.min().map { "$.sitters[\($0)].id" } ?? "$.sitters"
            diagnostics.append(
                Diagnostic(
                    .error, place,
                    "sitter ids \(g.joined(separator: ", ")) differ only by case: their agendas \(files) would be one"
                        + " file on a case-insensitive drive, one sitter's calendar replacing the other's"
                        + (fromState.isEmpty
                            ? ""
                            : " (\(fromState.joined(separator: ", ")) only in \(statePath), with events to cancel)"),
                    fix: "give the sitters ids that differ by more than case, then plan again"))
        }
        throw .badData(InputError(.theCase, file: caseInput.description, diagnostics: diagnostics))
    }

    /// The schedule, refused unless it is of this case and keeps every hard rule:
    /// an agenda tells sitters where to go, so it must not be built on a wrong plan.
    static func readSchedule(_ input: CaseInput, for c: Case) throws(ServiceError) -> Schedule {
        let s = try ScheduleLoader.load(input)
        func bad(_ path: String, _ message: String, _ fix: String) -> ServiceError {
            .badData(
                InputError(
                    .schedule, file: input.description, diagnostics: [Diagnostic(.error, path, message, fix: fix)]))
        }
        guard s.caseName == c.name else {
            throw bad(
                "$.case", "is the schedule of \(quoted(s.caseName)), not of the case \(quoted(c.name))",
                "give the case this schedule was planned from, or plan the case again")
        }
        let problems = ScheduleVerifier(c).violations(of: s)
        guard problems.isEmpty else {
            throw .badData(
                InputError(
                    .schedule, file: input.description,
                    diagnostics: problems.prefix(20).map {
                        Diagnostic(.error, "$", $0, fix: "plan the case again (relief verify lists every problem)")
                    }))
        }
        return s
    }

    /// Creates DIR (0700) when missing; an existing directory open to others is closed (0700).
    static func prepareDirectory(_ dir: String) throws(ServiceError) {
        var st = stat()
        if stat(dir, &st) != 0 {
            guard errno == ENOENT else { throw .cannotWrite(path: dir, reason: String(cString: strerror(errno))) }
            guard mkdir(dir, 0o700) == 0 else {
                throw .cannotWrite(path: dir, reason: String(cString: strerror(errno)) + "; create its parent first")
            }
            guard stat(dir, &st) == 0 else { throw .cannotWrite(path: dir, reason: String(cString: strerror(errno))) }
        }
        guard st.st_mode & S_IFMT == S_IFDIR else {
            throw .cannotWrite(path: dir, reason: "it is not a directory; give a directory for the agendas")
        }
        if st.st_mode & 0o7777 != 0o700 {
            guard chmod(dir, 0o700) == 0 else {
                throw .cannotWrite(
                    path: dir,
                    reason:
                        "cannot make it private (0700): \(String(cString: strerror(errno))); give a directory of your own"
                )
            }
        }
    }

    /// An exclusive lock on DIR for the whole run, so that two runs (the daemon and
    /// a coordinator) do not interleave their state; busy is "try again" (75).
    static func lockDirectory(_ dir: String) throws(ServiceError) -> Int32 {
        let p = path(dir, lockFile)
        let fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .cannotWrite(path: p, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .tryAgain("\(dir): another relief agenda is writing there; try again when it has finished")
        }
        return fd
    }
}
