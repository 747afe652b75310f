import Foundation
import ReliefCore

/// `relief.suggest/1` (`people.md`): `format`, `case`, `visit`, the first `top` `candidates`
/// (each one's `sitter`, `status`, `levels`, `delta`, `changes`, `moves`) and every sitter
/// left out in `ineligible` (their `reasons`, each `code` and English `detail`). A move names
/// its visit (`visit`) or on-call shift (`shift`) as the schedule does, the sitter, and
/// `change` (`added` or `removed`). Nothing in it depends on the machine or on `--jobs`.
extension Suggestion {
    public func json() -> JSONValue {
        let fairShare = base.fairSharePermille != nil
        let cs = shown.map { c -> JSONValue in
            .object([
                ("sitter", .string(c.sitter)), ("status", .string(c.status.rawValue)),
                ("levels", WhatIfJSON.levels(c.levels, fairShare: fairShare)),
                ("delta", WhatIfJSON.levels(c.delta(from: base), fairShare: fairShare)),
                ("changes", .number(Double(c.changes))),
                (
                    "moves",
                    .array(
                        c.moves.map { m in
                            .object([
                                (m.kind.rawValue, .string(m.item)), ("sitter", .string(m.sitter)),
                                ("change", .string(m.added ? "added" : "removed")),
                            ])
                        })
                ),
            ])
        }
        let out = ineligible.map { i -> JSONValue in
            .object([
                ("sitter", .string(i.sitter)),
                (
                    "reasons",
                    .array(i.reasons.map { .object([("code", .string($0.code)), ("detail", .string($0.detail))]) })
                ),
            ])
        }
        return .object([
            ("format", .string(Self.format)), ("case", .string(caseName)), ("visit", .string(visit)),
            ("candidates", .array(cs)), ("ineligible", .array(out)),
        ])
    }

    /// For a coordinator on the phone: the visit, the schedule's levels, each candidate shown
    /// on two lines (what the levels gain or lose, proven or not, how much else changes;
    /// then the moves), and the sitters left out, grouped by reason.
    public func text(_ c: Case, language: Language) -> String {
        let w = SuggestWords.of(language)
        var lines: [String] = []
        if let v = c.visits.first(where: { $0.id == visit }) {
            let (from, to) = (WallTime(v.span.start, on: c.clock), WallTime(v.span.end, on: c.clock))
            let day = language.words.day(from.day)
            lines.append(w.heading(visit, w.priority[v.priority] ?? "", "\(day) \(from.clock)–\(to.clock)", caseName))
        }
        lines.append(w.base(w.levels(base)))
        if !onIt.isEmpty { lines.append(w.onIt(onIt.joined(separator: ", "))) }
        lines.append(candidates.isEmpty ? w.nobody : w.count(shown.count, candidates.count))
        for (k, cand) in shown.enumerated() {
            let d = cand.delta(from: base)
            let gain = d.vector.allSatisfy { $0 == 0 } ? w.same : w.delta(d)
            let parts = [gain, w.status[cand.status] ?? "", w.changes(cand.changes)]
            lines.append("\(k + 1). \(cand.sitter)\(w.colon)" + parts.joined(separator: w.semicolon))
            let moves = Self.grouped(cand.moves)
            if !moves.isEmpty { lines.append("   " + moves) }
        }
        if !ineligible.isEmpty {
            lines.append(w.ineligible(ineligible.count))
            lines += ineligibleLines(w, language: language)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `V0101 −S004 +S012, OC-3 +S007`: each item's removals then additions.
    static func grouped(_ moves: [Move]) -> String {
        var out: [String] = []
        var last: (Move.Kind, String)?
        for m in moves {
            let sign = (m.added ? "+" : "−") + m.sitter
            if let l = last, l.0 == m.kind, l.1 == m.item {
                out[out.count - 1] += " " + sign
            } else {
                out.append("\(m.item) \(sign)")
                last = (m.kind, m.item)
            }
        }
        return out.joined(separator: ", ")
    }

    /// The sitters left out, one line per rule (the sitters' ids, then the rule in words), the
    /// rule that keeps the most first; then each `locked` sitter on a line of their own, naming the lock.
    func ineligibleLines(_ w: SuggestWords, language: Language) -> [String] {
        let words = language.words.reason
        let ranked = groups.enumerated().sorted {
            ($0.element.sitters.count, -$0.offset) > ($1.element.sitters.count, -$1.offset)
        }
        var lines = ranked.map { _, g in
            "  [\(g.reason.code)] \(g.sitters.joined(separator: ", "))\(w.colon)\(words.text(g.reason))"
        }
        for i in ineligible where i.reasons.first?.code == Self.lockedCode {
            lines.append("  [\(Self.lockedCode)] \(w.locked(i.sitter, i.lock, i.reasons.first?.detail ?? ""))")
        }
        return lines
    }
}
