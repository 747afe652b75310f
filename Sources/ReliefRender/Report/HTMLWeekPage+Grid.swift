import Foundation
import ReliefCore

/// The week page: the sitters' grid.
extension HTMLWeekPage {
    func chip(_ b: ReportWeek.Block, unfilled: Bool = false) -> String {
        let more = b.daysLater > 0 ? "<sup>+\(b.daysLater)</sup>" : ""
        switch b.kind {
        case .onCall:
            return "<div class=\"b oc\">\(t.onCallBlock) \(b.hours)\(more)</div>"
        case .visit(let p):
            let k = key.entry(b.territory)
            let cls = key.position(b.territory).map { "t\($0)" } ?? "tx"
            var mark = ""
            if p == .urgent { mark = "<abbr class=\"pu\" title=\"\(t.urgentMark)\">!</abbr>" }
            if p == .high { mark = "<abbr class=\"ph\" title=\"\(t.highMark)\">↑</abbr>" }
            let title = [b.id, b.family.map { "\($0.id) \($0.name)" }, k.map { $0.territory.name }, t.priority[p]]
                .compactMap { $0 }.map(n).joined(separator: " · ")
            return """
                <div class="b \(cls)\(unfilled ? " nf" : "")\(p == .urgent ? " urgent" : "")" title="\(title)">\
                \(mark)<b class="ti">\(e(k?.initials ?? "?"))</b> \(b.hours)\(more) <span class="vid">\(e(b.id))</span>\
                \(b.sitters > 1 ? " <span class=\"n\">×\(b.sitters)</span>" : "")</div>
                """
        }
    }

    var gridSection: String {
        let legend = key.entries.enumerated().map { i, k in
            "<li><span class=\"b t\(i)\"><b class=\"ti\">\(e(k.initials))</b></span> \(n(k.territory.name.isEmpty ? k.territory.id : k.territory.name))</li>"
        }.joined(separator: "\n")
        let head = week.days.map { "<th scope=\"col\">\(t.day($0))</th>" }.joined()
        var body = ""
        let territories = Dictionary(
            key.entries.map { ($0.territory.id, $0.initials) }, uniquingKeysWith: { a, _ in a })
        for r in week.rows {
            let s = r.sitter
            let target = s.targetMinutesPerWeek.map { " (\(t.target.lowercased()) \(t.hours($0)))" } ?? ""
            let home = territories[s.homeTerritory].map { e($0) } ?? e(s.homeTerritory)
            body += """
                <tr data-sitter="\(e(s.id))"><th scope="row"><span class="sid">\(e(s.id))</span> \(n(s.name))\(volunteerMark(s))\
                \(s.trainee ? " <em>(\(t.trainee))</em>" : "")<br><small>\(home) · \(t.hours(r.visitMinutes))\(target)</small></th>
                """
            for (d, free) in zip(r.days, r.available) {
                // A day without any availability says so, so that an empty cell means "free".
                body +=
                    free || !d.isEmpty
                    ? "<td>" + d.map { chip($0) }.joined() + "</td>"
                    : "<td class=\"off\"><span>\(t.unavailable)</span></td>"
            }
            body += "</tr>\n"
        }
        body += "<tr class=\"nfrow\"><th scope=\"row\">\(t.unfilledRow)</th>"
        for d in week.unfilledByDay { body += "<td>" + d.map { chip($0, unfilled: true) }.joined() + "</td>" }
        body += "</tr>\n"
        return """
            <section id="grid" aria-labelledby="h-grid">
            <h2 id="h-grid">\(t.grid)</h2>
            <p>\(t.gridIntro)</p>
            <h3>\(t.legend)</h3>
            <ul class="legend">
            \(legend)
            <li><span class="b oc">\(t.onCallBlock)</span></li>
            <li><span class="b"><abbr class="pu" title="\(t.urgentMark)">!</abbr></span> \(t.priority[.urgent]!)</li>
            <li><span class="b"><abbr class="ph" title="\(t.highMark)">↑</abbr></span> \(t.priority[.high]!)</li>
            <li><span class="b nf">&nbsp;&nbsp;&nbsp;</span> \(t.unfilledRow)</li>
            <li><span class="b off">&nbsp;&nbsp;&nbsp;</span> \(t.unavailable)</li>
            \(volunteerLegend)</ul>
            <table class="grid">
            <thead><tr><th scope="col" class="who">\(t.sitter)</th>\(head)</tr></thead>
            <tbody>
            \(body)</tbody>
            </table>
            </section>

            """
    }
}
