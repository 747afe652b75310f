import Foundation
import ReliefCore

extension ScheduleChanges {
    public static let format = "relief.notice/1"

    /// The notice as `relief.notice/1`. It carries sitter and family names (from the
    /// new case, else the old one): write it to a private file (0600), never to a log.
    public func json(oldCase: Case?, newCase: Case) -> JSONValue {
        let names = Names(oldCase: oldCase, newCase: newCase)
        func span(_ start: WallTime?, _ end: WallTime?) -> [(String, JSONValue)] {
            [("start", .string(start?.description ?? "")), ("end", .string(end?.description ?? ""))]
        }
        func item(_ i: Item) -> JSONValue {
            var m: [(String, JSONValue)] = [("kind", .string(i.kind.rawValue)), ("id", .string(i.id))]
            m += span(i.start, i.end)
            if let f = i.family { m.append(("family", .string(f))) }
            if i.cancelled { m.append(("cancelled", .bool(true))) }
            return .object(m)
        }
        func moved(_ x: Moved) -> JSONValue {
            var m: [(String, JSONValue)] = [("kind", .string(x.kind.rawValue)), ("id", .string(x.id))]
            if let f = x.family { m.append(("family", .string(f))) }
            m.append(("from", .object(span(x.oldStart, x.oldEnd))))
            m.append(("to", .object(span(x.newStart, x.newEnd))))
            return .object(m)
        }
        let sitterList: [JSONValue] = sitters.map { s in
            var m: [(String, JSONValue)] = [("sitter", .string(s.sitter))]
            if let n = names.sitter(s.sitter) { m.append(("name", .string(n))) }
            m += [
                ("added", .array(s.added.map(item))), ("removed", .array(s.removed.map(item))),
                ("moved", .array(s.moved.map(moved))),
            ]
            return .object(m)
        }
        let familyList: [JSONValue] = families.map { f in
            var m: [(String, JSONValue)] = [("family", .string(f.family))]
            if let n = names.family(f.family) { m.append(("name", .string(n))) }
            m += [("visit", .string(f.visit))] + span(f.start, f.end)
            m += [
                ("before", .array(f.before.map { .string($0) })), ("after", .array(f.after.map { .string($0) })),
                ("timeChanged", .bool(f.timeChanged)), ("cancelled", .bool(f.cancelled)),
                ("requested", .bool(f.requested)),
            ]
            if let s = f.previousStart, let e = f.previousEnd { m.append(("previous", .object(span(s, e)))) }
            return .object(m)
        }
        return .object([
            ("format", .string(Self.format)),
            ("case", .string(newCase.name)),
            ("timeZone", .string(newCase.clock.identifier)),
            ("sitters", .array(sitterList)),
            ("families", .array(familyList)),
        ])
    }

    /// The notice as plain sentences: a heading, one line per sitter, one line per
    /// family. Names and the case name are escaped for a terminal and cut at 80 characters.
    public func text(oldCase: Case?, newCase: Case, lang: Language) -> String {
        let names = Names(oldCase: oldCase, newCase: newCase)
        let w = NoticeWords(lang)
        let caseName = TerminalText.safe(newCase.name, limit: TerminalText.fieldLimit)
        guard !isEmpty else { return w.nothing(caseName) + "\n" }
        func who(_ id: String, _ name: String?) -> String {
            let shown = TerminalText.safe(id, limit: TerminalText.fieldLimit)
            guard let name, !name.isEmpty else { return shown }
            return "\(shown) (\(TerminalText.safe(name, limit: TerminalText.fieldLimit)))"
        }
        var lines = [
            w.heading(caseName, sitters: sitters.count, visits: families.count, families: changedFamilies.count)
        ]
        if !sitters.isEmpty {
            lines.append(w.sittersTitle)
            for s in sitters {
                let parts =
                    s.added.map(w.added) + s.removed.map(w.removed) + s.moved.map(w.moved)
                lines.append(who(s.sitter, names.sitter(s.sitter)) + w.colon + parts.joined(separator: w.semicolon))
            }
        }
        if !families.isEmpty {
            lines.append(w.familiesTitle)
            var i = families.startIndex
            while i < families.endIndex {
                let f = families[i].family
                let j = families[i...].firstIndex { $0.family != f } ?? families.endIndex
                let parts = families[i..<j].map(w.visit)
                lines.append(who(f, names.family(f)) + w.colon + parts.joined(separator: w.semicolon))
                i = j
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Names by id, the new case first.
    struct Names {
        let sitters: [String: String]
        let families: [String: String]
        init(oldCase: Case?, newCase: Case) {
            var s: [String: String] = [:]
            var f: [String: String] = [:]
            for c in [oldCase, newCase].compactMap({ $0 }) {
                for x in c.sitters where !x.name.isEmpty { s[x.id] = x.name }
                for x in c.families where !x.name.isEmpty { f[x.id] = x.name }
            }
            sitters = s
            families = f
        }
        func sitter(_ id: String) -> String? { sitters[id] }
        func family(_ id: String) -> String? { families[id] }
    }
}

/// The sentences of a notice in one language, with local times written without
/// any locale: `Tue 24 Nov 18:00–21:00`, `mar. 24 nov. 18 h 00–21 h 00`.
struct NoticeWords {
    let lang: Language
    init(_ lang: Language) { self.lang = lang }

    var fr: Bool { lang == .fr }
    var colon: String { fr ? " : " : ": " }
    var semicolon: String { fr ? " ; " : "; " }
    var sittersTitle: String { fr ? "Intervenantes :" : "Sitters:" }
    var familiesTitle: String { fr ? "Familles :" : "Families:" }

    func nothing(_ caseName: String) -> String {
        fr ? "Aucun changement pour \(caseName) : personne à appeler." : "No change for \(caseName): nobody to call."
    }

    func heading(_ caseName: String, sitters: Int, visits: Int, families: Int) -> String {
        if fr {
            return "Changements pour \(caseName) : \(sitters) intervenante\(sitters > 1 ? "s" : ""), "
                + "\(visits) visite\(visits > 1 ? "s" : "") de \(families) famille\(families > 1 ? "s" : "") à appeler."
        }
        return "Changes for \(caseName): \(sitters) sitter\(sitters == 1 ? "" : "s"), "
            + "\(visits) visit\(visits == 1 ? "" : "s") of \(families) famil\(families == 1 ? "y" : "ies") to call."
    }

    func id(_ s: String) -> String { TerminalText.safe(s, limit: TerminalText.fieldLimit) }

    func familyNote(_ f: String?) -> String {
        guard let f else { return "" }
        return fr ? " (famille \(id(f)))" : " (family \(id(f)))"
    }

    func added(_ i: ScheduleChanges.Item) -> String {
        let when = span(i.start, i.end)
        switch (i.kind, fr) {
        case (.visit, true): return "nouvelle visite \(id(i.id))\(when)\(familyNote(i.family))"
        case (.visit, false): return "new visit \(id(i.id))\(when)\(familyNote(i.family))"
        case (.onCall, true): return "nouvelle garde \(id(i.id))\(when)"
        case (.onCall, false): return "new on-call shift \(id(i.id))\(when)"
        }
    }

    func removed(_ i: ScheduleChanges.Item) -> String {
        let when = span(i.start, i.end)
        let note = i.cancelled ? (fr ? " (annulée)" : " (cancelled)") : familyNote(i.family)
        switch (i.kind, fr) {
        case (.visit, true): return "ne fait plus \(id(i.id))\(when)\(note)"
        case (.visit, false): return "no longer on \(id(i.id))\(when)\(note)"
        case (.onCall, true): return "n'est plus de garde \(id(i.id))\(when)\(i.cancelled ? " (annulée)" : "")"
        case (.onCall, false): return "no longer on call \(id(i.id))\(when)\(i.cancelled ? " (cancelled)" : "")"
        }
    }

    func moved(_ m: ScheduleChanges.Moved) -> String {
        let to = span(m.newStart, m.newEnd)
        let from = span(m.oldStart, m.oldEnd)
        let what = m.kind == .visit ? id(m.id) : (fr ? "garde " : "on-call shift ") + id(m.id)
        let fam = m.family.map { fr ? " ; famille \(id($0))" : "; family \(id($0))" } ?? ""
        return fr
            ? "\(what) déplacée au\(to) (avant :\(from)\(fam))"
            : "\(what) moved to\(to) (was\(from)\(fam))"
    }

    func visit(_ f: ScheduleChanges.FamilyChange) -> String {
        let when = span(f.start, f.end)
        let v = id(f.visit)
        func list(_ s: [String]) -> String {
            s.isEmpty ? (fr ? "personne" : "nobody") : s.map(id).joined(separator: fr ? " et " : " and ")
        }
        if f.cancelled { return fr ? "\(v)\(when) annulée" : "\(v)\(when) cancelled" }
        if f.requested {
            let who = f.after.isEmpty ? (fr ? "non pourvue" : "not filled") : list(f.after)
            return fr ? "nouvelle demande \(v)\(when) : \(who)" : "new request \(v)\(when): \(who)"
        }
        var parts: [String] = []
        if f.timeChanged {
            let was = span(f.previousStart, f.previousEnd)
            parts.append(fr ? "déplacée (avant :\(was))" : "moved (was\(was))")
        }
        if f.sittersChanged {
            parts.append(
                fr
                    ? "maintenant \(list(f.after)) (avant : \(list(f.before)))"
                    : "now \(list(f.after)) (was \(list(f.before)))")
        } else if f.timeChanged && !f.after.isEmpty {
            parts.append(fr ? "toujours \(list(f.after))" : "still \(list(f.after))")
        }
        return "\(v)\(when) " + parts.joined(separator: fr ? ", " : ", ")
    }

    /// ` Tue 24 Nov 18:00–21:00` (with its leading space), the end's day written when
    /// it differs; empty when the time is unknown.
    func span(_ start: WallTime?, _ end: WallTime?) -> String {
        guard let a = start else { return "" }
        guard let b = end else { return " " + day(a.day) + " " + clock(a.minuteOfDay) }
        let endText = a.day == b.day ? clock(b.minuteOfDay) : day(b.day) + " " + clock(b.minuteOfDay)
        return " " + day(a.day) + " " + clock(a.minuteOfDay) + "–" + endText
    }

    func day(_ d: LocalDate) -> String {
        let language: Language = fr ? .fr : .en
        let c = d.components
        return "\(language.weekdayAbbreviations[d.weekday]) \(c.day) \(language.monthAbbreviations[c.month - 1])"
    }

    func clock(_ minute: Int) -> String {
        let (h, m) = (minute / 60, minute % 60)
        return fr ? "\(h < 10 ? "0" : "")\(h) h \(m < 10 ? "0" : "")\(m)" : String(format: "%02d:%02d", h, m)
    }
}
