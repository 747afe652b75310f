import Foundation
import ReliefCore

/// One sitter's iCalendar file.
public struct AgendaCalendar {
    let c: Case
    let w: AgendaWords

    public init(_ c: Case, language: Language) {
        self.c = c
        w = language.words.agenda
    }

    public func calendar(sitter: String, events: [AgendaEvent]) -> String {
        let sorted = events.sorted { ($0.item.start, $0.uid) < ($1.item.start, $1.uid) }
        var lo = c.horizon.start
        var hi = c.horizon.end
        for e in sorted {
            lo = min(lo, e.item.start)
            hi = max(hi, e.item.end)
        }
        var s = ICS.line("BEGIN", "VCALENDAR")
        s += ICS.line("VERSION", "2.0")
        s += ICS.line("PRODID", "-//relief//relief \(ReliefVersion.current)//\(w.calendarLanguage)")
        s += ICS.line("CALSCALE", "GREGORIAN")
        s += ICS.line("METHOD", "PUBLISH")
        s += ICS.line("X-WR-CALNAME", ICS.text(w.calendarName + sitter))
        s += ICS.line("X-WR-TIMEZONE", ICS.text(c.clock.identifier))
        // Always one VTIMEZONE: it is the zone of every local time here, and it keeps
        // a sitter with nothing this week a valid calendar (RFC 5545 wants a component).
        s += ICSTimeZone.component(c.clock, covering: TimeSpan(start: lo, end: hi))
        for e in sorted { s += event(e) }
        return s + ICS.line("END", "VCALENDAR")
    }

    func event(_ e: AgendaEvent) -> String {
        var s = ICS.line("BEGIN", "VEVENT")
        s += ICS.line("UID", e.uid)
        s += ICS.line("DTSTAMP", e.stamp)
        s += ICS.line("SEQUENCE", String(e.sequence))
        s += ICS.dateTimeLine("DTSTART", e.item.start, clock: c.clock)
        s += ICS.dateTimeLine("DTEND", e.item.end, clock: c.clock)
        s += ICS.line("SUMMARY", ICS.text(e.item.summary))
        if let l = e.item.location { s += ICS.line("LOCATION", ICS.text(l)) }
        s += ICS.line("DESCRIPTION", ICS.text(e.item.description))
        s += ICS.line(
            "CATEGORIES",
            e.item.kind == "visit" ? w.visitCategory : w.onCall)
        s += ICS.line("STATUS", e.cancelled ? "CANCELLED" : "CONFIRMED")
        s += ICS.line("TRANSP", e.cancelled ? "TRANSPARENT" : "OPAQUE")
        s += ICS.line("CLASS", "PRIVATE")
        return s + ICS.line("END", "VEVENT")
    }
}
