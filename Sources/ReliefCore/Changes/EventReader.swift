import Foundation

/// Reads one `relief.event/1` document: JSON syntax and types, as `CaseReader`
/// reads a case (with its typed readers, so a malformed time or a string where a
/// number belongs gets the same words). What the values mean against the case
/// (an unknown family, a visit outside the horizon) is `EventApplier`'s.
///
/// Every diagnostic is located on the event once its `id` is read
/// (`event evt-7 visit.end`); before that (no id, or an id that is not allowed)
/// at the document's JSON path (`$.id`).
public enum EventReader {
    /// Max size of an event document (bytes); larger files are refused before parsing.
    public static let maxBytes = 1 << 20
    static let limit = JSONDocument.Limit(
        bytes: maxBytes, noun: "the event",
        fix: "an event holds one change: check that the right file was put in the inbox")

    /// The fields of each `type`, besides `format`, `id` and `type`.
    static let fields: [String: [String]] = [
        "visit.request": ["visit"],
        "visit.cancel": ["visit"],
        "sitter.absence": ["sitter", "start", "end"],
        "visit.change": ["visit"],
        "sitter.availability": ["sitter", "start", "end"],
        "assignment.confirm": ["visit", "sitter"],
        "visit.suggest": ["visit"],
    ]

    /// Parses one relief.event/1 document (syntax and types, as CaseReader does for a case; times in the case's clock).
    public static func read(data: Data, file: String, clock: CaseClock) throws(InputError) -> Event {
        try readWithWarnings(data: data, file: file, clock: clock).event
    }

    /// `read`, with the warnings of an event that reads (unknown fields, ignored).
    public static func readWithWarnings(
        data: Data, file: String, clock: CaseClock
    ) throws(InputError) -> (event: Event, warnings: [Diagnostic]) {
        let json = try JSONDocument.parse(data, limit: limit) { InputError(.event, file: file, diagnostics: [$0]) }
        var reader = CaseReader()
        let (event, id) = read(json, &reader, clock: clock)
        let diagnostics = reader.diagnostics.map { relocate($0, to: id) }
        guard let event, diagnostics.allSatisfy({ $0.severity != .error }) else {
            throw InputError(.event, file: file, diagnostics: diagnostics)
        }
        return (event, diagnostics)
    }

    /// A JSON path of the document as a field of the event: `$.visit.end` is `event <id> visit.end`.
    static func relocate(_ d: Diagnostic, to id: String?) -> Diagnostic {
        guard let id, case .json(let p) = d.location, p.hasPrefix("$") else { return d }
        var out = d
        let rest = p.dropFirst()
        let field = rest.hasPrefix(".") ? String(rest.dropFirst()) : String(rest)
        out.location = .event(id: id, field: field.isEmpty ? nil : field)
        return out
    }

    /// The event, and its id when it is usable for locations.
    static func read(_ root: JSONValue, _ r: inout CaseReader, clock: CaseClock) -> (Event?, String?) {
        let top = CasePath.root
        guard case .object = root else {
            r.error(
                top, "is \(root.typeName), expected an object",
                fix: "write one event as { \"format\": \"relief.event/1\", \"id\": ..., \"type\": ... }")
            return (nil, nil)
        }
        r.format(root, Event.format)
        var id: String?
        if let s = r.string(root["id"], top.key("id"), required: true) {
            if CaseValidator.isValidID(s) {
                id = s
            } else {
                r.error(
                    top.key("id"), "identifier \(CaseReader.quoted(s)) is not allowed",
                    fix: "use 1 to 64 characters from A-Z a-z 0-9 . _ -, not . or .. (event ids become file names)")
            }
        }
        guard let type = r.string(root["type"], top.key("type"), required: true) else { return (nil, id) }
        guard let own = fields[type] else {
            r.error(
                top.key("type"), "unknown type \(CaseReader.quoted(type))",
                fix: "use one of \(Event.types.joined(separator: ", "))")
            return (nil, id)
        }
        _ = r.object(root, top, known: ["format", "id", "type"] + own)

        let kind: Event.Kind?
        switch type {
        case "visit.request", "visit.change":
            kind = visit(root, &r, clock: clock, request: type == "visit.request").map {
                type == "visit.request" ? .visitRequest($0) : .visitChange($0)
            }
        case "visit.cancel", "visit.suggest":
            kind = r.string(root["visit"], top.key("visit"), required: true).map {
                type == "visit.cancel" ? .visitCancel(visit: $0) : .visitSuggest(visit: $0)
            }
        case "sitter.absence", "sitter.availability":
            let sitter = r.string(root["sitter"], top.key("sitter"), required: true)
            var span = r.startEnd(root, top, clock: clock)
            if let s = span, s.start >= s.end {
                r.error(top.key("end"), "end is not after start", fix: "make end later than start")
                span = nil
            }
            guard let sitter, let span else {
                kind = nil
                break
            }
            kind =
                type == "sitter.absence"
                ? .sitterAbsence(sitter: sitter, span: span) : .sitterAvailability(sitter: sitter, span: span)
        case "assignment.confirm":
            let visit = r.string(root["visit"], top.key("visit"), required: true)
            let sitter = r.string(root["sitter"], top.key("sitter"), required: true)
            if let visit, let sitter { kind = .assignmentConfirm(visit: visit, sitter: sitter) } else { kind = nil }
        default:
            kind = nil
        }
        guard let id, let kind else { return (nil, id) }
        return (Event(id: id, kind: kind), id)
    }

    /// The `visit` object of a request or a change: the case's visit fields, without
    /// `assigned` and `locked` (a request is not yet published; a change keeps the
    /// visit's assignment, and `assignment.confirm` locks one).
    static func visit(_ root: JSONValue, _ r: inout CaseReader, clock: CaseClock, request: Bool) -> Visit? {
        let p = CasePath.root.key("visit")
        guard let v = root["visit"], v != .null else {
            r.error(p, "missing", fix: "add the visit as an object with the case's visit fields")
            return nil
        }
        var refused = false
        for key in ["assigned", "locked"] where v[key] != nil && v[key] != .null {
            refused = true
            r.error(
                p.key(key),
                request
                    ? "a visit request cannot set \(key): a requested visit is not yet published"
                    : "a visit change cannot set \(key): it keeps the visit's published assignment",
                fix: "remove \(key); confirm an assignment with an assignment.confirm event")
        }
        guard var visit = r.readVisit(v, p, at: p, clock: clock), !refused else { return nil }
        visit.assigned = []
        visit.locked = false
        return visit
    }
}
