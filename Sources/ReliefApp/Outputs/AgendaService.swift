import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// The language of the agendas and of `team.csv`.
public typealias AgendaLanguage = Language

/// `relief agenda SCHEDULE --case CASE --out DIR [--lang fr|en]`.
public struct AgendaRequest: Sendable, Equatable {
    public var schedule: CaseInput
    public var caseInput: CaseInput
    public var directory: String
    public var language: AgendaLanguage

    public init(schedule: CaseInput, caseInput: CaseInput, directory: String, language: AgendaLanguage = .fr) {
        self.schedule = schedule
        self.caseInput = caseInput
        self.directory = directory
        self.language = language
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

    /// The line `relief agenda` prints on stdout.
    public var line: String {
        "\(TerminalText.safe(directory)): \(files) agenda\(files == 1 ? "" : "s"), \(events) event"
            + "\(events == 1 ? "" : "s") (\(added) new, \(changed) changed, \(cancelled) cancelled), team.csv with"
            + " \(teamRows) row\(teamRows == 1 ? "" : "s")"
    }
}

/// One thing a sitter holds in the current schedule, as their calendar shows it.
struct AgendaItem: Equatable {
    var sitter: String
    /// `visit` or `on-call`.
    var kind: String
    var item: String
    var start: Instant
    var end: Instant
    var summary: String
    /// The family's territory (visits only).
    var location: String?
    var description: String
}

/// An event as written: an item (current or taken away) with its identity and revision.
struct AgendaEvent: Equatable {
    var uid: String
    var item: AgendaItem
    var sequence: Int
    var stamp: String
    var cancelled: Bool
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
        let items = AgendaBuilder(c, language: r.language).items(schedule)
        let stamp = ICS.utc(Instant(seconds: Int64(now.timeIntervalSince1970.rounded(.down))))
        let rec = AgendaReconciler.reconcile(items, caseName: c.name, state: &state, stamp: stamp)

        var sitters = Set(c.sitters.map(\.id))
        for e in rec.events { sitters.insert(e.item.sitter) }
        var names: [String: String] = [:]
        for s in sitters {
            guard let f = fileName(for: s) else {
                throw .badData(
                    CaseInputError(
                        file: statePath,
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
            try AtomicFile.write(Data(text.utf8), to: path(r.directory, names[s]!), mode: 0o600)
        }
        let table = AgendaTeamTable(c, language: r.language).csv(items)
        try AtomicFile.write(Data(table.utf8), to: path(r.directory, teamFile), mode: 0o600)
        try AtomicFile.write(Data(state.json().serialized().utf8), to: statePath, mode: 0o600)
        return AgendaReport(
            directory: r.directory, files: sitters.count, events: items.count, added: rec.added, changed: rec.changed,
            cancelled: rec.cancelled, teamRows: items.count)
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
        throw .badData(CaseInputError(file: caseInput.description, diagnostics: diagnostics))
    }

    /// The schedule, refused unless it is of this case and keeps every hard rule:
    /// an agenda tells sitters where to go, so it must not be built on a wrong plan.
    static func readSchedule(_ input: CaseInput, for c: Case) throws(ServiceError) -> Schedule {
        let s = try ScheduleLoader.load(input)
        func bad(_ path: String, _ message: String, _ fix: String) -> ServiceError {
            .badData(
                CaseInputError(file: input.description, diagnostics: [Diagnostic(.error, path, message, fix: fix)]))
        }
        guard s.caseName == c.name else {
            throw bad(
                "$.case", "is the schedule of \(quoted(s.caseName)), not of the case \(quoted(c.name))",
                "give the case this schedule was planned from, or plan the case again")
        }
        let problems = ScheduleVerifier(c).violations(of: s)
        guard problems.isEmpty else {
            throw .badData(
                CaseInputError(
                    file: input.description,
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

/// The schedule as calendar items, per sitter, in the request's language. Each
/// visit carries the family's territory and the needs a sitter must know, and
/// nothing else: no family name, no address, no other sitter.
struct AgendaBuilder {
    let c: Case
    let language: AgendaLanguage

    init(_ c: Case, language: AgendaLanguage) {
        self.c = c
        self.language = language
    }

    func items(_ s: Schedule) -> [AgendaItem] {
        let visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shifts = Dictionary(c.onCallShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let territories = Dictionary(c.territories.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [AgendaItem] = []
        for a in s.assignments {
            guard let v = visits[a.visit] else { continue }
            let t = families[v.family]?.territory
            let place = t.map { territories[$0].map { $0.name.isEmpty ? $0.id : $0.name } ?? $0 }
            out.append(
                AgendaItem(
                    sitter: a.sitter, kind: "visit", item: v.id, start: v.span.start, end: v.span.end,
                    summary: language == .fr
                        ? "Visite \(v.id) — famille \(v.family)" : "Visit \(v.id) — family \(v.family)",
                    location: place, description: needs(competencies: v.competencies, credentials: v.credentials)))
        }
        for a in s.onCall {
            guard let o = shifts[a.shift] else { continue }
            let head = language == .fr ? "Garde \(o.id)" : "On-call shift \(o.id)"
            out.append(
                AgendaItem(
                    sitter: a.sitter, kind: "on-call", item: o.id, start: o.span.start, end: o.span.end,
                    summary: language == .fr ? "Garde" : "On call", location: nil,
                    description: head + "\n" + needs(competencies: o.competencies, credentials: [])))
        }
        return out.sorted { ($0.start, $0.sitter, $0.item) < ($1.start, $1.sitter, $1.item) }
    }

    func needs(competencies: Set<String>, credentials: Set<String>) -> String {
        var lines: [String] = []
        let (comp, cred, none) =
            language == .fr
            ? ("Compétences : ", "Attestations : ", "Aucun besoin particulier")
            : ("Competencies: ", "Credentials: ", "No particular needs")
        if !competencies.isEmpty { lines.append(comp + competencies.sorted().joined(separator: ", ")) }
        if !credentials.isEmpty { lines.append(cred + credentials.sorted().joined(separator: ", ")) }
        return lines.isEmpty ? none : lines.joined(separator: "\n")
    }
}

/// Compares the items of this run with the state of the last: new events start
/// at SEQUENCE 0, a changed one goes up by one, and an event of this case that a
/// sitter no longer holds comes back once more as `STATUS:CANCELLED` (one more
/// step), then stays cancelled without rising again.
enum AgendaReconciler {
    struct Result {
        var events: [AgendaEvent]
        var added = 0
        var changed = 0
        var cancelled = 0
    }

    /// Stable across re-plans of one case: the case's name, the kind, the item's id
    /// and the sitter's id, hashed (never times, never random).
    static func uid(caseName: String, kind: String, item: String, sitter: String) -> String {
        let key = ["relief-agenda/1", caseName, kind, item, sitter].joined(separator: "\u{1F}")
        return String(SHA256.hex(Data(key.utf8)).prefix(40)) + "@relief"
    }

    static func hash(_ i: AgendaItem, cancelled: Bool) -> String {
        let fields = [
            i.kind, i.item, String(i.start.seconds), String(i.end.seconds), i.summary, i.location ?? "\u{0}",
            i.description, cancelled ? "CANCELLED" : "CONFIRMED",
        ]
        return SHA256.hex(Data(fields.joined(separator: "\u{1F}").utf8))
    }

    static func reconcile(_ items: [AgendaItem], caseName: String, state: inout AgendaState, stamp: String) -> Result {
        var r = Result(events: [])
        var current: Set<String> = []
        for i in items {
            let uid = uid(caseName: caseName, kind: i.kind, item: i.item, sitter: i.sitter)
            current.insert(uid)
            let h = hash(i, cancelled: false)
            var seq = 0
            var st = stamp
            if let old = state.entries[uid] {
                if old.hash == h {
                    seq = old.sequence
                    st = old.stamp
                } else {
                    seq = old.sequence + 1
                    r.changed += 1
                }
            } else {
                r.added += 1
            }
            state.entries[uid] = entry(i, caseName: caseName, sequence: seq, hash: h, stamp: st, cancelled: false)
            r.events.append(AgendaEvent(uid: uid, item: i, sequence: seq, stamp: st, cancelled: false))
        }
        for (uid, old) in state.entries.sorted(by: { $0.key < $1.key })
        where old.caseName == caseName && !current.contains(uid) {
            let i = AgendaItem(
                sitter: old.sitter, kind: old.kind, item: old.item, start: old.start, end: old.end,
                summary: old.summary, location: old.location, description: old.description)
            var e = old
            if !old.cancelled {
                e.cancelled = true
                e.sequence += 1
                e.stamp = stamp
                e.hash = hash(i, cancelled: true)
                state.entries[uid] = e
                r.cancelled += 1
            }
            r.events.append(AgendaEvent(uid: uid, item: i, sequence: e.sequence, stamp: e.stamp, cancelled: true))
        }
        return r
    }

    static func entry(_ i: AgendaItem, caseName: String, sequence: Int, hash: String, stamp: String, cancelled: Bool)
        -> AgendaStateEntry
    {
        AgendaStateEntry(
            sitter: i.sitter, caseName: caseName, kind: i.kind, item: i.item, sequence: sequence, hash: hash,
            stamp: stamp, cancelled: cancelled, start: i.start, end: i.end, summary: i.summary, location: i.location,
            description: i.description)
    }
}

/// One sitter's iCalendar file.
struct AgendaCalendar {
    let c: Case
    let language: AgendaLanguage

    init(_ c: Case, language: AgendaLanguage) {
        self.c = c
        self.language = language
    }

    func calendar(sitter: String, events: [AgendaEvent]) -> String {
        let sorted = events.sorted { ($0.item.start, $0.uid) < ($1.item.start, $1.uid) }
        var lo = c.horizon.start
        var hi = c.horizon.end
        for e in sorted {
            lo = min(lo, e.item.start)
            hi = max(hi, e.item.end)
        }
        var s = ICS.line("BEGIN", "VCALENDAR")
        s += ICS.line("VERSION", "2.0")
        s += ICS.line("PRODID", "-//relief//relief \(ReliefVersion.current)//\(language == .fr ? "FR" : "EN")")
        s += ICS.line("CALSCALE", "GREGORIAN")
        s += ICS.line("METHOD", "PUBLISH")
        s += ICS.line("X-WR-CALNAME", ICS.text((language == .fr ? "Répit — " : "Respite — ") + sitter))
        s += ICS.line("X-WR-TIMEZONE", ICS.text(c.clock.identifier))
        // Always one VTIMEZONE: it is the zone of every local time here, and it keeps
        // a sitter with nothing this week a valid calendar (RFC 5545 wants a component).
        s += ICSTimeZone.component(c.clock, covering: TimeSpan(start: lo, end: hi))
        for e in sorted { s += event(e) }
        return s + ICS.line("END", "VCALENDAR")
    }

    func event(_ e: AgendaEvent) -> String {
        var s = ICS.line("BEGIN", "VEVENT")
        s += ICS.line("UID", e.uid)
        s += ICS.line("DTSTAMP", e.stamp)
        s += ICS.line("SEQUENCE", String(e.sequence))
        s += ICS.dateTimeLine("DTSTART", e.item.start, clock: c.clock)
        s += ICS.dateTimeLine("DTEND", e.item.end, clock: c.clock)
        s += ICS.line("SUMMARY", ICS.text(e.item.summary))
        if let l = e.item.location { s += ICS.line("LOCATION", ICS.text(l)) }
        s += ICS.line("DESCRIPTION", ICS.text(e.item.description))
        s += ICS.line(
            "CATEGORIES",
            e.item.kind == "visit" ? (language == .fr ? "Visite" : "Visit") : (language == .fr ? "Garde" : "On call"))
        s += ICS.line("STATUS", e.cancelled ? "CANCELLED" : "CONFIRMED")
        s += ICS.line("TRANSP", e.cancelled ? "TRANSPARENT" : "OPAQUE")
        s += ICS.line("CLASS", "PRIVATE")
        return s + ICS.line("END", "VEVENT")
    }
}

/// `team.csv`: the whole team's schedule (RFC 4180: CRLF, fields quoted when they
/// hold `,` `"` or a line break, UTF-8 without a byte-order mark), one row per
/// sitter and item, in time order. Times are local; an end on a later day has its date.
struct AgendaTeamTable {
    let c: Case
    let language: AgendaLanguage

    init(_ c: Case, language: AgendaLanguage) {
        self.c = c
        self.language = language
    }

    func csv(_ items: [AgendaItem]) -> String {
        let header =
            language == .fr
            ? ["intervenant", "date", "début", "fin", "type", "activité", "territoire"]
            : ["sitter", "date", "start", "end", "kind", "item", "territory"]
        var out = AgendaTeamTable.row(header)
        for i in items {
            let start = c.clock.formatLocal(i.start)
            let end = c.clock.formatLocal(i.end)
            let (sd, st) = split(start)
            let (ed, et) = split(end)
            let kind =
                i.kind == "visit" ? (language == .fr ? "visite" : "visit") : (language == .fr ? "garde" : "on-call")
            out += AgendaTeamTable.row([
                i.sitter, sd, st, ed == sd ? et : "\(ed) \(et)", kind, i.item, i.location ?? "",
            ])
        }
        return out
    }

    private func split(_ local: String) -> (String, String) {
        let parts = local.split(separator: "T", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }

    /// One record. A field a spreadsheet would run as a formula gets a leading `'`
    /// (`CSV.formulaSafe`, shared by every CSV relief writes).
    static func row(_ fields: [String]) -> String {
        fields.map { f -> String in
            let v = CSV.formulaSafe(f)
            guard v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
                return v
            }
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }
}
