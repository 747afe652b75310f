import Foundation
import ReliefCore

/// The week page: hours against targets.
extension HTMLWeekPage {
    var hoursSection: String {
        let scale = Double(
            max(60, week.rows.map { max($0.visitMinutes, $0.sitter.targetMinutesPerWeek ?? 0) }.max() ?? 60))
        let w = 220.0
        var rows = ""
        for r in week.rows {
            let s = r.sitter
            let bw = (Double(r.visitMinutes) / scale * w * 10).rounded() / 10
            var diff = t.nothing
            var cls = ""
            var targetMark = ""
            if let target = s.targetMinutesPerWeek {
                let d = r.visitMinutes - target
                diff = d == 0 ? "0 h" : (d > 0 ? "+" : "−") + t.hours(abs(d))
                cls = d > target / 10 ? "over" : d < -target / 10 ? "under" : "near"
                let tx = (Double(target) / scale * w * 10).rounded() / 10
                targetMark = "<line x1=\"\(tx)\" y1=\"0\" x2=\"\(tx)\" y2=\"16\" class=\"target\"/>"
            }
            rows += """
                <tr data-sitter="\(e(s.id))" class="\(cls)"><th scope="row"><span class="sid">\(e(s.id))</span> \(n(s.name))</th>\
                <td class="num">\(r.visitCount)</td><td class="num">\(r.onCallShifts)</td>\
                <td class="num">\(t.hours(r.visitMinutes))</td>\
                <td class="num">\(s.targetMinutesPerWeek.map { t.hours($0) } ?? t.noTarget)</td><td class="num">\(diff)</td>\
                <td><svg class="hbar" viewBox="0 0 \(Int(w) + 2) 16" width="\(Int(w) + 2)" height="16" aria-hidden="true">\
                <rect x="0" y="3" width="\(bw)" height="10" class="\(cls.isEmpty ? "none" : cls)"/>\(targetMark)</svg></td></tr>

                """
        }
        return """
            <section id="hours" aria-labelledby="h-hours">
            <h2 id="h-hours">\(t.hours)</h2>
            <p>\(t.hoursIntro)</p>
            <ul class="key">
            <li><span class="sw near"></span> \(t.hoursKey[0])</li>
            <li><span class="sw over"></span> \(t.hoursKey[1])</li>
            <li><span class="sw under"></span> \(t.hoursKey[2])</li>
            <li><span class="sw none"></span> \(t.noTarget)</li>
            <li><span class="sw tick"></span> \(t.target)</li>
            </ul>
            <table class="list hours">
            <thead><tr><th scope="col">\(t.sitter)</th><th scope="col">\(t.visitCount)</th>\
            <th scope="col">\(t.onCallCount)</th><th scope="col">\(t.visitHours)</th><th scope="col">\(t.target)</th>\
            <th scope="col">\(t.difference)</th><th scope="col"><span class="sr">\(t.visitHours) / \(t.target)</span></th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </section>

            """
    }
}
