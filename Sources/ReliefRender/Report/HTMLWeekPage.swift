import Foundation
import ReliefCore

/// The week as one self-contained HTML page: inline CSS and SVG, no script, no
/// font or image from the network, landscape pages for Letter or A4. Every piece
/// of case text goes through `HTMLText`. Rows that tests and other tools read
/// carry data attributes: `data-unfilled-visit`, `data-unstaffed-shift`,
/// `data-coverage` (with `data-filled` and `data-needed`), `data-sitter`.
public struct HTMLWeekPage {
    let week: ReportWeek
    let t: Words
    let key: TerritoryKey
    /// The words of the service to families and programs.
    let sw: ServiceWords

    public init(_ week: ReportWeek, language: Language) {
        self.week = week
        t = language.words
        sw = ServiceWords(language)
        key = TerritoryKey(week.theCase.territories)
    }

    func e(_ s: String) -> String { HTMLText.escape(s) }
    func n(_ s: String) -> String { HTMLText.name(s) }

    public var html: String {
        let c = week.theCase
        let first = week.days.first.map(t.date) ?? ""
        let last = week.days.last.map(t.date) ?? ""
        var h = HTMLText.pageStart(lang: t.htmlLang, title: "\(t.title) · \(n(c.name))", css: css)
        h += """
            <header>
            <h1>\(t.title) <span class="case">\(n(c.name))</span></h1>
            <p class="meta">\(t.weekOf) \(first) \(t.through) \(last) · \(e(c.clock.identifier)) · \(statusLine)</p>
            <p class="meta">\(c.sitters.count) \(t.sitters) · \(c.visits.count) \(t.visits) · \
            \(c.onCallShifts.count) \(t.shifts)</p>
            </header>

            """
        h += brokenBanner
        h += "<main>\n"
        h += coverageSection
        h += serviceSection
        h += onCallSection
        h += gridSection
        h += unfilledSection
        h += hoursSection
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    var statusLine: String {
        let s = week.schedule
        let secs = String(format: "%.1f", s.solver.seconds)
        return
            "\(t.status[s.status] ?? s.status.rawValue), \(t.solvedIn) \(t.decimalComma ? secs.replacingOccurrences(of: ".", with: ",") : secs) s"
    }

    var brokenBanner: String {
        guard !week.violations.isEmpty else { return "" }
        let shown = week.violations.prefix(20).map { "<li>\(e($0))</li>" }.joined(separator: "\n")
        let more = week.violations.count > 20 ? "<li>… (\(week.violations.count - 20))</li>\n" : ""
        return """
            <div class="broken" role="alert">
            <h2>\(t.broken)</h2>
            <p>\(t.brokenIntro)</p>
            <ul>
            \(shown)
            \(more)</ul>
            </div>

            """
    }
}
