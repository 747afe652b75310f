/// The structured parts of a reason: who (sitter ids), which rule and its numbers,
/// so each language writes its own sentence from them (the schedule's English
/// `detail` in ReliefPlanning, the French page and summary in ReliefRender's table).
/// Only ids: never names or needs.
public enum ReasonFact: Sendable, Hashable {
    /// Before the rule that follows: nobody may take it (`eligible` 0), or only
    /// `eligible` sitters may and all are on it ("of the others, ...").
    case lead(eligible: Int)
    case noSitters
    case allOnIt
    /// A static rule of the funnel stops `sitters` (every one, named when few).
    case rule(ReasonCode, sitters: [String], what: RuleWhat)
    /// A sitter who passes every other rule but whose day or week limit is shorter than the item.
    case longerThanLimit(sitter: String, minutes: Int, cap: Int, perDay: Bool)
    /// `count` sitters (with the visit's competencies, serving its territory) could take it.
    case candidates(count: Int, competencies: [String], territory: String?)
    case onIt(count: Int)
    /// `sitter` is on `visit` (of `priority`), which overlaps or leaves too little travel time.
    case busy(sitter: String, visit: String, priority: Priority, locked: Bool, travel: Bool)
    case onCallThen(sitter: String, shift: String)
    /// Taking it would bring `sitter`'s visit minutes that day or week from `worked` past `cap`.
    case limit(sitter: String, worked: Int, minutes: Int, cap: Int, perDay: Bool)
    case shiftLimit(sitter: String, cap: Int)
    /// Taking the shift would give `sitter` more than `cap` touching on-call shifts in a row.
    case runLimit(sitter: String, cap: Int)
    /// Taking it would leave `sitter` no stretch of `need` minutes without assignment in
    /// the horizon (weekly rest, people.md): the longest would be `longest`.
    case rest(sitter: String, longest: Int, need: Int)
    /// Free, yet not used (`trainees`: the free ones include trainees, who need an experienced partner).
    case freeUnused(sitters: [String], trainees: Bool)
    /// `sitters` are free (none: the same as the fact before), but `program`'s budget (or
    /// `family`'s weekly cap in it) of `cap` minutes has `used` served already, and the
    /// visit would add `minutes`.
    case budget(sitters: [String], program: String, family: String?, used: Int, minutes: Int, cap: Int)

    /// What a static rule is about, for its sentence.
    public enum RuleWhat: Sendable, Hashable {
        case none
        case competencies([String])
        /// The credential kinds lacking, valid through `through`; `expired`: sitter -> last valid date.
        case credentials(kinds: [String], through: LocalDate, expired: [String: LocalDate])
        case territory(String)
        /// The visit's or shift's length, for the over-limit rule.
        case minutes(Int)
        case shift
    }

    /// At most this many ids are written; the rest are counted.
    public static let shownIDs = 4
    /// Static rules name their sitters only when this few.
    public static let namedWhenAtMost = 3

    /// ` (S01, S02)` after a static rule when few sitters, each lapsed credential written by
    /// `expired` (` (S07, expired 2026-10-31)`, then `separator` between sitters); empty when many.
    public static func names(
        _ sitters: [String], _ what: RuleWhat, separator: String = "; ", expired word: (String, LocalDate) -> String
    ) -> String {
        guard sitters.count <= namedWhenAtMost else { return "" }
        guard case .credentials(_, _, let lapsed) = what, !lapsed.isEmpty else {
            return " (" + sitters.joined(separator: ", ") + ")"
        }
        return " (" + sitters.map { s in lapsed[s].map { word(s, $0) } ?? s }.joined(separator: separator) + ")"
    }
}

extension Reason {
    /// The reason's sentence, its facts written by `word` and joined by `separator`
    /// (a lead runs into the fact after it).
    public func sentence(separator: String, _ word: (ReasonFact) -> String) -> String {
        var out = ""
        var afterLead = true
        for f in facts {
            if !afterLead { out += separator }
            out += word(f)
            if case .lead = f { afterLead = true } else { afterLead = false }
        }
        return out
    }
}
