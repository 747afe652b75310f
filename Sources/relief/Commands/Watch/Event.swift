import Foundation
import ReliefApp
import ReliefCore

extension Command {
    /// `relief event KIND ...`: one event file written into a daemon's inbox, so that nobody
    /// hand-writes JSON. Each kind is a form with its own options (`EventForm`).
    static let event = Command(
        name: "event",
        synopsis: """
            relief event absence SITTER --from TIME --to TIME --inbox DIR [--id ID]
            relief event availability SITTER --from TIME --to TIME --inbox DIR [--id ID]
            relief event cancel VISIT --inbox DIR [--id ID]
            relief event confirm VISIT SITTER --inbox DIR [--id ID]
            relief event suggest VISIT --inbox DIR [--id ID]
            relief event request|change VISIT --family F --from TIME --to TIME [--priority P] [--sitters N]
                                        [--competencies A,B] [--program P] --inbox DIR [--id ID]
                write one relief.event/1 file into DIR (a relief watch folder's inbox/): sitter.absence (a sick
                call, leave), sitter.availability, visit.cancel, assignment.confirm (locks that sitter on the
                visit), visit.suggest (who could take it: the daemon writes DIR/suggestions/VISIT.json),
                visit.request or visit.change (the whole visit as it is now); checked as the daemon reads it,
                written under a dot name ending in .tmp, then renamed to ID.json, and its path printed. TIME is
                the case's local time, YYYY-MM-DDTHH:MM.
            """,
        options: EventForm.options,
        column: 23,
        notes: """
                exit 65 for an event the daemon would refuse to read, 66 when DIR is not a folder. In a
                group-writable inbox the file is 0640 (the daemon reads it through the group), else 0600.
            """,
        forms: { args in
            let request = try EventForm.request(args)
            let written = try EventService.run(request)
            Console.write("\(written.path)\n")
            return .ok
        })
}

/// `relief event`'s options, declared once, and its forms: one per kind of event.
enum EventForm {
    static let options: [OptionSpec] = [
        .valued("--inbox", value: "DIR", help: ["the daemon's inbox folder (required)"]),
        .valued("--from", value: "TIME", help: ["start of the absence, availability or visit"]),
        .valued("--to", value: "TIME", help: ["its end"]),
        .valued("--id", value: "ID", help: ["the event's id (default: a fresh one, evt-DATE-TIME-RANDOM)"]),
        .valued("--family", value: "F", help: ["request, change: the visit's family"]),
        .valued("--priority", value: "P", help: ["request, change: urgent, high or normal (default normal)"]),
        .valued("--sitters", value: "N", help: ["request, change: sitters the visit needs (default 1)"]),
        .valued("--competencies", value: "A,B", help: ["request, change: competencies it needs, comma-separated"]),
        .valued(
            "--program", value: "P",
            help: ["request, change: the program that pays for it (default: the family's only one)"]),
    ]

    static let visitKeys: Set<String> = [
        "--family", "--from", "--to", "--priority", "--sitters", "--competencies", "--program",
    ]

    /// Each kind: its event type, its positionals, its own options besides `--inbox` and `--id`.
    static let kinds: [String: (type: String, positionals: [String], keys: Set<String>)] = [
        "absence": ("sitter.absence", ["SITTER"], ["--from", "--to"]),
        "availability": ("sitter.availability", ["SITTER"], ["--from", "--to"]),
        "cancel": ("visit.cancel", ["VISIT"], []),
        "confirm": ("assignment.confirm", ["VISIT", "SITTER"], []),
        "suggest": ("visit.suggest", ["VISIT"], []),
        "request": ("visit.request", ["VISIT"], visitKeys),
        "change": ("visit.change", ["VISIT"], visitKeys),
    ]

    /// The request of `relief event KIND ...`.
    static func request(_ args: [String]) throws(UsageError) -> EventRequest {
        guard let name = args.first, let kind = kinds[name] else {
            let given = args.first.map { "not \(quoted($0))" } ?? "none given"
            throw UsageError("relief event takes a kind: \(kinds.keys.sorted().joined(separator: ", ")) (\(given))")
        }
        let a = try ArgumentParser.parse(
            args.dropFirst(), Command.form(options, keys: kind.keys.union(["--inbox", "--id"])))
        let p = try a.positionals(kind.positionals)
        guard let inbox = a.values["--inbox"] else { throw UsageError("missing --inbox DIR (the daemon's inbox)") }
        func required(_ o: String) throws(UsageError) -> JSONValue {
            guard let v = a.values[o] else { throw UsageError("relief event \(name) needs \(o)") }
            return .string(v)
        }
        var fields: [(String, JSONValue)]
        switch name {
        case "absence", "availability":
            fields = [("sitter", .string(p[0])), ("start", try required("--from")), ("end", try required("--to"))]
        case "cancel", "suggest": fields = [("visit", .string(p[0]))]
        case "confirm": fields = [("visit", .string(p[0])), ("sitter", .string(p[1]))]
        default: fields = [("visit", try visit(p[0], a, required))]
        }
        return EventRequest(type: kind.type, fields: fields, inbox: inbox, id: a.values["--id"])
    }

    /// The `visit` object of a request or a change.
    static func visit(
        _ id: String, _ a: ParsedArguments, _ required: (String) throws(UsageError) -> JSONValue
    ) throws(UsageError) -> JSONValue {
        var v: [(String, JSONValue)] = [
            ("id", .string(id)), ("family", try required("--family")), ("start", try required("--from")),
            ("end", try required("--to")),
        ]
        if let n = try a.count("--sitters", in: 1...CaseValidator.maxSittersPerVisit) {
            v.append(("sitters", .number(Double(n))))
        }
        if let p = a.values["--priority"] { v.append(("priority", .string(p))) }
        let needs = a.values["--competencies"]?.split(separator: ",").map { JSONValue.string(String($0)) } ?? []
        v.append(("competencies", .array(needs)))
        if let p = a.values["--program"] { v.append(("program", .string(p))) }
        return .object(v)
    }
}
