import Foundation
import ReliefCore

extension Language {
    /// This language's words (`Words.french`, `Words.english`).
    var words: Words { self == .fr ? .french : .english }
}

/// The one table of the words relief writes for people, in French (the default:
/// Quebec) and English: the calendar's day and month names, number formats, and the
/// words of the week's page, of the agendas, of the notices and of the what-if page. The two tables are
/// `Words.french` and `Words.english` (Words+Table.swift). Case text (names, ids) is never
/// translated; reasons are written from their facts (`ReasonWords`).
struct Words: Sendable {
    /// `fr-CA` / `en-CA`
    var htmlLang: String
    var title: String
    var weekOf: String
    // The week's page.
    var status: [Schedule.Status: String]
    var solvedIn: String
    var sitters: String
    var visits: String
    var shifts: String
    var coverage: String
    var coverageIntro: String
    var level: String
    var filled: String
    var needed: String
    var percent: String
    var onCallMinutes: String
    var priority: [Priority: String]
    var priorityWord: String
    var chartTitle: String
    var onCallLine: String
    var onCallIntro: String
    var noGaps: String
    var gapsHeading: String
    var lineState: [String: String]
    var from: String
    var to: String
    var people: String
    var unstaffedShifts: String
    var grid: String
    var gridIntro: String
    var sitter: String
    var legend: String
    var onCallBlock: String
    var urgentMark: String
    var highMark: String
    var lockedMark: String
    var unfilledRow: String
    var nothing: String
    var unfilled: String
    var unfilledIntro: String
    var noUnfilled: String
    var visit: String
    var when: String
    var family: String
    var territory: String
    var missing: String
    var reasons: String
    var hours: String
    var hoursIntro: String
    var visitHours: String
    var target: String
    var difference: String
    var onCallCount: String
    var noTarget: String
    var hoursKey: [String]
    var visitCount: String
    var through: String
    var shift: String
    var unavailable: String
    var broken: String
    var brokenIntro: String
    var trainee: String
    /// A volunteer (`people.md`), and the letter that marks one on the week page.
    var volunteer: String
    var volunteerMark: String
    /// `TROU` / `GAP`, on the on-call band where nobody answers.
    var gap: String
    /// Weekdays, Monday first (index `LocalDate.weekday`): `lun.` / `Mon`.
    var weekdays: [String]
    /// Months, January first. French as the Office québécois de la langue française
    /// abbreviates them (juillet is `juil.`; `mars`, `mai`, `juin` and `août` stay whole).
    var months: [String]
    /// French writes `22,5`, `12 345` and `90 %`; English `22.5`, `12,345` and `90%`.
    var decimalComma: Bool
    var agenda: AgendaWords
    var notice: NoticeWords
    var whatIf: WhatIfWords
    /// The unfilled positions' reasons, from their facts.
    var reason: ReasonWords

    /// `lun. 23 nov.` / `Mon Nov 23`
    func day(_ d: LocalDate) -> String {
        let c = d.components
        let w = weekdays[d.weekday]
        return decimalComma ? "\(w) \(c.day) \(months[c.month - 1])" : "\(w) \(months[c.month - 1]) \(c.day)"
    }

    /// `23 nov. 2026` / `Nov 23, 2026`
    func date(_ d: LocalDate) -> String {
        let c = d.components
        return decimalComma ? "\(c.day) \(months[c.month - 1]) \(c.year)" : "\(months[c.month - 1]) \(c.day), \(c.year)"
    }

    /// `22,5` / `22.5` hours from minutes (one decimal, none when whole).
    func hours(_ minutes: Int) -> String {
        let tenths = Int((Double(minutes) / 6).rounded())
        let whole = "\(tenths / 10)"
        let s = tenths % 10 == 0 ? whole : "\(whole)\(decimalComma ? "," : ".")\(abs(tenths % 10))"
        return s + (decimalComma ? " h" : " h")
    }

    /// `90 %` (French, with a no-break space) / `90%`
    func percent(_ fraction: Double) -> String {
        let p = Int((fraction * 100).rounded(.down))
        return decimalComma ? "\(p)\u{A0}%" : "\(p)%"
    }

    /// `12 345` / `12,345`
    func number(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += decimalComma ? "\u{A0}" : "," }
            out.append(ch)
        }
        return (n < 0 ? "−" : "") + out
    }
}
