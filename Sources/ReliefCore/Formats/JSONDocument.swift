import Foundation

/// The prologue every reader of a relief JSON document shares (a case, an event,
/// a scenarios file, a schedule, the agenda state): the size limit, the parse,
/// and a syntax error told at `$` with its line and column. What follows (the
/// `format`, the fields) is each reader's.
public enum JSONDocument {
    /// The most bytes a document may have, and what to say beyond them:
    /// `NOUN is N bytes, over the limit of BYTES`.
    public struct Limit: Sendable {
        public var bytes: Int
        /// The document as the message names it: `the event`, `the file`.
        public var noun: String
        public var fix: String

        public init(bytes: Int, noun: String, fix: String) {
            self.bytes = bytes
            self.noun = noun
            self.fix = fix
        }
    }

    /// What to do about a syntax error, unless the reader says better.
    public static let syntaxFix = "correct the JSON syntax at that place"

    /// The document `data` holds; over `limit`, or not JSON, the one diagnostic
    /// (at `$`, the syntax error's line and column in its message) that says
    /// why, thrown as `refuse` makes it into the reader's error.
    public static func parse<E: Error>(
        _ data: Data, limit: Limit? = nil, syntaxFix: String = syntaxFix, refuse: (Diagnostic) -> E
    ) throws(E) -> JSONValue {
        if let limit, data.count > limit.bytes {
            throw refuse(
                Diagnostic(
                    .error, "$", "\(limit.noun) is \(data.count) bytes, over the limit of \(limit.bytes)",
                    fix: limit.fix))
        }
        do { return try JSONParser.parse(data) } catch {
            throw refuse(Diagnostic(.error, "$", "not valid JSON: \(error)", fix: syntaxFix))
        }
    }
}
