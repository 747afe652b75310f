import Foundation
import ReliefCore

/// What one agenda event said the last time relief wrote it, kept in
/// `DIR/.agenda-state.json` so that a re-plan raises `SEQUENCE` only for the events
/// that changed and can still cancel an event that is no longer the sitter's.
public struct AgendaStateEntry: Equatable {
    public var sitter: String
    /// The case's name: an entry of another case (another week) is kept but never cancelled.
    public var caseName: String
    public var kind: String
    public var item: String
    public var sequence: Int
    /// SHA-256 of what the sitter sees (times, summary, place, needs, status).
    public var hash: String
    /// When the content last changed (`DTSTAMP`), `YYYYMMDDTHHMMSSZ`.
    public var stamp: String
    public var cancelled: Bool
    public var start: Instant
    public var end: Instant
    public var summary: String
    public var location: String?
    public var description: String

    public init(
        sitter: String, caseName: String, kind: String, item: String, sequence: Int, hash: String, stamp: String,
        cancelled: Bool, start: Instant, end: Instant, summary: String, location: String?, description: String
    ) {
        self.sitter = sitter
        self.caseName = caseName
        self.kind = kind
        self.item = item
        self.sequence = sequence
        self.hash = hash
        self.stamp = stamp
        self.cancelled = cancelled
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
    }
}

/// The whole state file: uid -> entry.
public struct AgendaState: Equatable {
    public static let format = "relief.agenda-state/1"
    public static let fileName = ".agenda-state.json"

    public var entries: [String: AgendaStateEntry] = [:]

    public init(entries: [String: AgendaStateEntry] = [:]) { self.entries = entries }

    public func json() -> JSONValue {
        .object([
            ("format", .string(AgendaState.format)),
            (
                "events",
                .object(
                    entries.sorted { $0.key < $1.key }.map { uid, e in
                        var m: [(String, JSONValue)] = [
                            ("sitter", .string(e.sitter)), ("case", .string(e.caseName)), ("kind", .string(e.kind)),
                            ("item", .string(e.item)), ("sequence", .number(Double(e.sequence))),
                            ("hash", .string(e.hash)), ("stamp", .string(e.stamp)), ("cancelled", .bool(e.cancelled)),
                            ("start", .number(Double(e.start.seconds))), ("end", .number(Double(e.end.seconds))),
                            ("summary", .string(e.summary)),
                        ]
                        if let l = e.location { m.append(("location", .string(l))) }
                        m.append(("description", .string(e.description)))
                        return (uid, .object(m))
                    })
            ),
        ])
    }
}
