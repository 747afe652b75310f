import Foundation
import ReliefCore

/// The week page: the on-call line.
extension HTMLWeekPage {
    func when(_ w: WallTime) -> String { "\(t.day(w.day)) \(w.clock)" }

    /// The band's SVG content: one rectangle per stretch of the line (with its people, or
    /// the gap word, when they fit), and the day lines and names above.
    var onCallBand: String {
        let c = week.theCase
        let hs = c.horizon.start.seconds
        let span = Double(max(1, c.horizon.end.seconds - hs))
        let width = 1400.0
        func x(_ i: Instant) -> Double { (Double(i.seconds - hs) / span * width * 10).rounded() / 10 }
        var svg = ""
        for s in week.line {
            let (x1, x2) = (x(s.startInstant), x(s.endInstant))
            let cls = "ln-\(s.state.rawValue)"
            svg += "<rect class=\"\(cls)\" x=\"\(x1)\" y=\"22\" width=\"\(max(0.5, x2 - x1))\" height=\"34\"/>"
            // A thin white line where one stretch hands over to the next.
            if x1 > 0 { svg += "<line class=\"cut\" x1=\"\(x1)\" y1=\"22\" x2=\"\(x1)\" y2=\"56\"/>" }
            let text =
                s.state == .staffed || s.state == .short
                ? s.sitters.joined(separator: " ") : t.gap
            // Each character of the 11-unit font is about 6.6 units wide.
            if Double(text.count) * 6.6 + 6 < x2 - x1 {
                svg += "<text class=\"\(cls)\" x=\"\((x1 + x2) / 2)\" y=\"44\">\(e(text))</text>"
            }
            svg += "\n"
        }
        for (i, d) in week.days.enumerated() {
            let midnight = c.clock.resolve(wall: Int64(d.day) * 86400) ?? c.horizon.start
            let dx = max(0, x(max(midnight, c.horizon.start)))
            let next =
                i + 1 < week.days.count
                ? x(c.clock.resolve(wall: Int64(d.day + 1) * 86400) ?? c.horizon.end) : width
            svg += "<line class=\"day\" x1=\"\(dx)\" y1=\"4\" x2=\"\(dx)\" y2=\"60\"/>"
            svg += "<text class=\"dayname\" x=\"\((dx + next) / 2)\" y=\"15\">\(t.day(d))</text>\n"
        }
        return svg
    }

    /// One row per shift of the case, in time order: who is on it, and whether that is enough.
    var shiftRows: String {
        let c = week.theCase
        var rows = ""
        let onShift = Dictionary(grouping: week.schedule.onCall, by: \.shift)
        let sitters = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in c.onCallShifts.sorted(by: { ($0.span.start, $0.id) < ($1.span.start, $1.id) }) {
            let people = Set((onShift[o.id] ?? []).map(\.sitter)).sorted()
            let state = people.isEmpty ? "nobody" : people.count < o.staff ? "short" : "staffed"
            let names = people.map { id in
                "<span class=\"sid\">\(e(id))</span> \(sitters[id].map { n($0.name) } ?? "")"
            }
            rows += """
                <tr class="st-\(state)"><th scope="row">\(e(o.id))</th><td>\(when(week.wall(o.span.start)))</td>\
                <td>\(when(week.wall(o.span.end)))</td><td class="num">\(people.count)/\(o.staff)</td>\
                <td>\(names.isEmpty ? "<strong>\(t.lineState["nobody"]!)</strong>" : names.joined(separator: ", "))\
                \(state == "short" ? " <strong>(\(t.lineState["short"]!))</strong>" : "")</td></tr>

                """
        }
        return rows
    }

    /// The shifts the planner could not staff, with its reasons; empty when there are none.
    var unstaffedTable: String {
        guard !week.schedule.unstaffedShifts.isEmpty else { return "" }
        var rows = ""
        for u in week.schedule.unstaffedShifts {
            rows += """
                <tr data-unstaffed-shift="\(e(u.id))"><th scope="row">\(e(u.id))</th>\
                <td class="num">\(u.missing)</td><td>\(reasonList(u.reasons))</td></tr>

                """
        }
        return """
            <h3>\(t.unstaffedShifts)</h3>
            <table class="list">
            <thead><tr><th scope="col">\(t.shift)</th><th scope="col">\(t.missing)</th>\
            <th scope="col">\(t.reasons)</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
    }

    var onCallSection: String {
        let gaps = week.gaps
        let gapText = gaps.map { "\(when($0.start)) – \(when($0.end)): \(t.lineState[$0.state.rawValue] ?? "")" }
        return """
            <section id="on-call" aria-labelledby="h-on-call">
            <h2 id="h-on-call">\(t.onCallLine)</h2>
            <p>\(t.onCallIntro)</p>
            <svg class="band" viewBox="0 0 1400 62" role="img" aria-labelledby="band-title band-desc">
            <title id="band-title">\(t.onCallLine)</title>
            <desc id="band-desc">\(gaps.isEmpty ? t.noGaps : gapText.joined(separator: "; "))</desc>
            \(onCallBand)</svg>
            <ul class="key">
            <li><span class="sw ln-staffed"></span> \(t.lineState["staffed"]!)</li>
            <li><span class="sw ln-short"></span> \(t.lineState["short"]!)</li>
            <li><span class="sw ln-nobody"></span> \(t.lineState["nobody"]!) / \(t.lineState["uncovered"]!)</li>
            </ul>
            <h3>\(t.gapsHeading)</h3>
            \(gaps.isEmpty ? "<p class=\"ok\">\(t.noGaps)</p>" : "<ul class=\"gaps\">\n" + gapText.map { "<li>\($0)</li>" }.joined(separator: "\n") + "\n</ul>")
            <table class="list shifts">
            <thead><tr><th scope="col">\(t.shift)</th><th scope="col">\(t.from)</th><th scope="col">\(t.to)</th>\
            <th scope="col">\(t.filled)</th><th scope="col">\(t.people)</th></tr></thead>
            <tbody>
            \(shiftRows)</tbody>
            </table>
            \(unstaffedTable)</section>

            """
    }
}
