import Foundation
import ReliefCore

/// One thing a sitter holds in the current schedule, as their calendar shows it.
public struct AgendaItem: Equatable {
    public var sitter: String
    /// `visit` or `on-call`.
    public var kind: String
    public var item: String
    public var start: Instant
    public var end: Instant
    public var summary: String
    /// The family's territory (visits only).
    public var location: String?
    public var description: String
}

/// An event as written: an item (current or taken away) with its identity and revision.
public struct AgendaEvent: Equatable {
    public var uid: String
    public var item: AgendaItem
    public var sequence: Int
    public var stamp: String
    public var cancelled: Bool
}

/// The schedule as calendar items, per sitter, in the request's language. Each
/// visit carries the family's territory and the needs a sitter must know, and
/// nothing else: no family name, no address, no other sitter.
public struct AgendaBuilder {
    let c: Case
    let w: AgendaWords

    public init(_ c: Case, language: Language) {
        self.c = c
        w = language.words.agenda
    }

    public func items(_ s: Schedule) -> [AgendaItem] {
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
                    summary: w.visitSummary(v.id, v.family),
                    location: place, description: needs(competencies: v.competencies, credentials: v.credentials)))
        }
        for a in s.onCall {
            guard let o = shifts[a.shift] else { continue }
            out.append(
                AgendaItem(
                    sitter: a.sitter, kind: "on-call", item: o.id, start: o.span.start, end: o.span.end,
                    summary: w.onCall, location: nil,
                    description: w.shiftHeading(o.id) + "\n" + needs(competencies: o.competencies, credentials: [])))
        }
        return out.sorted { ($0.start, $0.sitter, $0.item) < ($1.start, $1.sitter, $1.item) }
    }

    func needs(competencies: Set<String>, credentials: Set<String>) -> String {
        var lines: [String] = []
        if !competencies.isEmpty { lines.append(w.competencies + competencies.sorted().joined(separator: ", ")) }
        if !credentials.isEmpty { lines.append(w.credentials + credentials.sorted().joined(separator: ", ")) }
        return lines.isEmpty ? w.noNeeds : lines.joined(separator: "\n")
    }
}
