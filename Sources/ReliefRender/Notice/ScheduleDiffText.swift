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
        func covered(_ c: CoverageChange) -> JSONValue {
            var m: [(String, JSONValue)] = [("kind", .string(c.kind.rawValue)), ("id", .string(c.id))]
            if let f = c.family { m.append(("family", .string(f))) }
            m += span(c.start, c.end) + [("needed", .number(Double(c.needed)))]
            if let b = c.before { m.append(("before", .number(Double(b)))) }
            m += [("after", .number(Double(c.after))), ("gap", .bool(c.isGap))]
            return .object(m)
        }
        var members: [(String, JSONValue)] = [
            ("format", .string(Self.format)),
            ("case", .string(newCase.name)),
            ("timeZone", .string(newCase.clock.identifier)),
        ]
        // Optional (relief.notice/1 adds members only): written when an on-call gap or an urgent visit changed.
        if !coverage.isEmpty { members.append(("coverage", .array(coverage.map(covered)))) }
        return .object(members + [("sitters", .array(sitterList)), ("families", .array(familyList))])
    }

    /// The notice as plain sentences: a heading, one line per sitter, one line per
    /// family. Names and the case name are escaped for a terminal and cut at 80 characters.
    public func text(oldCase: Case?, newCase: Case, lang: Language) -> String {
        let names = Names(oldCase: oldCase, newCase: newCase)
        let w = NoticeLines(lang)
        let caseName = TerminalText.safe(newCase.name, limit: TerminalText.fieldLimit)
        guard !isEmpty else { return w.nothing(caseName) + "\n" }
        func who(_ id: String, _ name: String?) -> String {
            let shown = TerminalText.safe(id, limit: TerminalText.fieldLimit)
            guard let name, !name.isEmpty else { return shown }
            return "\(shown) (\(TerminalText.safe(name, limit: TerminalText.fieldLimit)))"
        }
        // The on-call line and the urgent visits first: what the coordinator must act on.
        var lines = coverage.map(w.coverage)
        lines.append(
            w.heading(caseName, sitters: sitters.count, visits: families.count, families: changedFamilies.count))
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

/// The sentences of a notice in one language, from the `NoticeWords` of its table, with
/// local times written without any locale: `Tue 24 Nov 18:00–21:00`, `mar. 24 nov. 18 h 00–21 h 00`.
struct NoticeLines {
    let words: Words
    let w: NoticeWords

    init(_ lang: Language) {
        words = lang.words
        w = words.notice
    }

    var colon: String { w.colon }
    var semicolon: String { w.semicolon }
    var sittersTitle: String { w.sittersTitle }
    var familiesTitle: String { w.familiesTitle }

    func nothing(_ caseName: String) -> String { w.nothing(caseName) }

    func heading(_ caseName: String, sitters: Int, visits: Int, families: Int) -> String {
        w.heading(caseName, sitters, visits, families)
    }

    func id(_ s: String) -> String { TerminalText.safe(s, limit: TerminalText.fieldLimit) }

    func familyNote(_ f: String?) -> String { f.map { w.familyNote(id($0)) } ?? "" }

    func added(_ i: ScheduleChanges.Item) -> String {
        let when = span(i.start, i.end)
        switch i.kind {
        case .visit: return w.newVisit(id(i.id), when, familyNote(i.family))
        case .onCall: return w.newShift(id(i.id), when)
        }
    }

    func removed(_ i: ScheduleChanges.Item) -> String {
        let when = span(i.start, i.end)
        switch i.kind {
        case .visit: return w.offVisit(id(i.id), when, i.cancelled ? w.cancelledNote : familyNote(i.family))
        case .onCall: return w.offShift(id(i.id), when, i.cancelled ? w.cancelledNote : "")
        }
    }

    func moved(_ m: ScheduleChanges.Moved) -> String {
        let what = m.kind == .visit ? id(m.id) : w.onCallShift + id(m.id)
        let family = m.family.map { w.movedFamily(id($0)) } ?? ""
        return w.moved(what, span(m.newStart, m.newEnd), span(m.oldStart, m.oldEnd), family)
    }

    /// `Ligne de garde, G03 mar. 24 nov. 08 h 00–20 h 00 : aucune personne de garde (avant : couverte)`
    func coverage(_ c: ScheduleChanges.CoverageChange) -> String {
        let when = span(c.start, c.end)
        switch c.kind {
        case .onCall:
            return w.onCallLine(
                id(c.id), when, w.shiftState(c.after, c.needed),
                c.before.map { w.was(w.shiftState($0, c.needed)) } ?? "")
        case .urgent:
            return w.urgentLine(
                id(c.id), when, familyNote(c.family), w.visitState(c.after, c.needed),
                c.before.map { w.was(w.visitState($0, c.needed)) } ?? "")
        }
    }

    func visit(_ f: ScheduleChanges.FamilyChange) -> String {
        let when = span(f.start, f.end)
        let v = id(f.visit)
        func list(_ s: [String]) -> String { s.isEmpty ? w.nobody : s.map(id).joined(separator: w.and) }
        if f.cancelled { return w.cancelledVisit(v, when) }
        if f.requested { return w.newRequest(v, when, f.after.isEmpty ? w.notFilled : list(f.after)) }
        var parts: [String] = []
        if f.timeChanged { parts.append(w.movedWas(span(f.previousStart, f.previousEnd))) }
        if f.sittersChanged {
            parts.append(w.nowWas(list(f.after), list(f.before)))
        } else if f.timeChanged && !f.after.isEmpty {
            parts.append(w.still(list(f.after)))
        }
        return "\(v)\(when) " + parts.joined(separator: ", ")
    }

    /// ` Tue 24 Nov 18:00–21:00` (with its leading space), the end's day written when
    /// it differs; empty when the time is unknown.
    func span(_ start: WallTime?, _ end: WallTime?) -> String {
        guard let a = start else { return "" }
        guard let b = end else { return " " + day(a.day) + " " + clock(a.minuteOfDay) }
        let endText = a.day == b.day ? clock(b.minuteOfDay) : day(b.day) + " " + clock(b.minuteOfDay)
        return " " + day(a.day) + " " + clock(a.minuteOfDay) + "–" + endText
    }

    /// `mar. 24 nov.` / `Tue 24 Nov`: the day before the month in both languages.
    func day(_ d: LocalDate) -> String {
        let c = d.components
        return "\(words.weekdays[d.weekday]) \(c.day) \(words.months[c.month - 1])"
    }

    func clock(_ minute: Int) -> String { w.clock(minute / 60, minute % 60) }
}
