import Foundation
import ReliefCore

/// The week page: the unfilled visits.
extension HTMLWeekPage {
    func reasonList(_ reasons: [Reason]) -> String {
        "<ul class=\"reasons\">"
            + reasons.map { "<li><code>\(e($0.code))</code> \(e(t.reason.text($0)))</li>" }.joined() + "</ul>"
    }

    var unfilledSection: String {
        var rows = ""
        for u in week.unfilled {
            let v = u.visit
            let k = key.entry(u.family?.territory)
            let idx = key.position(u.family?.territory)
            let p = v?.priority
            let whenText: String
            if let v {
                let s = week.wall(v.span.start)
                let b = ReportWeek.Block(
                    id: v.id, kind: .visit(v.priority), territory: nil, family: nil, start: s,
                    end: week.wall(v.span.end), sitters: v.sitters, locked: v.locked, dayIndex: 0)
                whenText = "\(t.day(s.day)) \(b.hours)"
            } else {
                whenText = t.nothing
            }
            rows += """
                <tr data-unfilled-visit="\(e(u.entry.id))" class="pr-\(p?.rawValue ?? "unknown")">\
                <th scope="row">\(e(u.entry.id))</th><td>\(p.flatMap { t.priority[$0] } ?? t.nothing)</td>\
                <td class="nowrap">\(whenText)</td>\
                <td>\(u.family.map { "<span class=\"sid\">\(e($0.id))</span> \(n($0.name))" } ?? t.nothing)</td>\
                <td class="nowrap">\(k.map { "<span class=\"b t\(idx ?? 0)\"><b class=\"ti\">\(e($0.initials))</b></span> \(n($0.territory.name))" } ?? t.nothing)</td>\
                <td class="num">\(u.entry.missing)</td><td>\(reasonList(u.entry.reasons))</td></tr>

                """
        }
        let body =
            week.unfilled.isEmpty
            ? "<p class=\"ok\">\(t.noUnfilled)</p>\n"
            : """
            <table class="list unfilled">
            <thead><tr><th scope="col">\(t.visit)</th><th scope="col">\(t.priorityWord)</th>\
            <th scope="col">\(t.when)</th><th scope="col">\(t.family)</th><th scope="col">\(t.territory)</th>\
            <th scope="col">\(t.missing)</th><th scope="col">\(t.reasons)</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
        return """
            <section id="unfilled" aria-labelledby="h-unfilled">
            <h2 id="h-unfilled">\(t.unfilled) (\(week.unfilled.count))</h2>
            <p>\(t.unfilledIntro)</p>
            \(body)</section>

            """
    }
}
