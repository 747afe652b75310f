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
    /// The family's territory (visits only); with `--with-contact`, the family's address before it.
    public var location: String?
    public var description: String
    /// The family's territory (visits only), for team.csv whatever the location says.
    public var territory: String? = nil
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
/// visit carries the family's territory, the needs a sitter must know and, on a
/// visit of several sitters, who the others are (name and id: a colleague met at
/// the door is not the family's data). Never the family's name; the family's
/// address (as the event's location) and phone only `withContact`, since a calendar
/// travels to phones and calendar servers.
public struct AgendaBuilder {
    let c: Case
    let w: AgendaWords
    let withContact: Bool

    public init(_ c: Case, language: Language, withContact: Bool = false) {
        self.c = c
        w = language.words.agenda
        self.withContact = withContact
    }

    public func items(_ s: Schedule) -> [AgendaItem] {
        let visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let shifts = Dictionary(c.onCallShifts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let territories = Dictionary(c.territories.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sitters = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let team = Dictionary(grouping: s.assignments, by: \.visit).mapValues { $0.map(\.sitter) }
        var out: [AgendaItem] = []
        for a in s.assignments {
            guard let v = visits[a.visit] else { continue }
            let family = families[v.family]
            let t = family?.territory
            let territoryName = t.map { territories[$0].map { $0.name.isEmpty ? $0.id : $0.name } ?? $0 }
            var place = territoryName
            var lines = [needs(competencies: v.competencies, credentials: v.credentials)]
            let others = (team[v.id] ?? []).filter { $0 != a.sitter }.sorted()
            if !others.isEmpty {
                let names = others.map { id in sitters[id].map { $0.name.isEmpty ? id : "\($0.name) (\(id))" } ?? id }
                lines.append(w.coWorkers + names.joined(separator: ", "))
            }
            if withContact, let family {
                if let address = family.address { place = place.map { "\(address) (\($0))" } ?? address }
                if let phone = family.phone { lines.append(w.phone + phone) }
            }
            out.append(
                AgendaItem(
                    sitter: a.sitter, kind: "visit", item: v.id, start: v.span.start, end: v.span.end,
                    summary: w.visitSummary(v.id, v.family), location: place,
                    description: lines.joined(separator: "\n"), territory: territoryName))
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
