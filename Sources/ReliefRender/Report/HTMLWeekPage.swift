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

    public init(_ week: ReportWeek, language: Language) {
        self.week = week
        t = language.words
        key = TerritoryKey(week.theCase.territories)
    }

    private func e(_ s: String) -> String { HTMLText.escape(s) }
    private func n(_ s: String) -> String { HTMLText.name(s) }

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
        h += onCallSection
        h += gridSection
        h += unfilledSection
        h += hoursSection
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    private var statusLine: String {
        let s = week.schedule
        let secs = String(format: "%.1f", s.solver.seconds)
        return
            "\(t.status[s.status] ?? s.status.rawValue), \(t.solvedIn) \(t.decimalComma ? secs.replacingOccurrences(of: ".", with: ",") : secs) s"
    }

    private var brokenBanner: String {
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

    // MARK: - coverage

    private func label(_ cov: ReportWeek.Coverage) -> String {
        cov.priority.map { t.priority[$0] ?? $0.rawValue } ?? t.onCallMinutes
    }

    private var coverageSection: String {
        var rows = ""
        for cov in week.coverage {
            let cls = cov.filled < cov.needed ? " class=\"short\"" : ""
            rows += """
                <tr data-coverage="\(cov.key)" data-filled="\(cov.filled)" data-needed="\(cov.needed)"\(cls)>\
                <th scope="row">\(label(cov))</th><td class="num">\(t.number(cov.filled))</td>\
                <td class="num">\(t.number(cov.needed))</td><td class="num">\(t.percent(cov.fraction))</td></tr>

                """
        }
        return """
            <section id="coverage" aria-labelledby="h-coverage">
            <h2 id="h-coverage">\(t.coverage)</h2>
            <p>\(t.coverageIntro)</p>
            <div class="side">
            <table class="coverage">
            <thead><tr><th scope="col">\(t.level)</th><th scope="col">\(t.filled)</th><th scope="col">\(t.needed)</th>\
            <th scope="col">\(t.percent)</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            \(coverageChart)
            </div>
            </section>

            """
    }

    /// Horizontal bars, one per level: the track is what is needed, the bar what is filled.
    private var coverageChart: String {
        let rowH = 34
        let height = week.coverage.count * rowH + 10
        let (x0, w) = (190, 330)
        var bars = ""
        var desc: [String] = []
        for (i, cov) in week.coverage.enumerated() {
            let y = 8 + i * rowH
            let fw = Int((Double(w) * min(1, cov.fraction)).rounded())
            let colour =
                cov.priority == nil
                ? "#2e7d6b" : cov.priority == .urgent ? "#b3261e" : cov.priority == .high ? "#c25e00" : "#3b5ba9"
            let value = "\(t.number(cov.filled)) / \(t.number(cov.needed)) · \(t.percent(cov.fraction))"
            desc.append("\(label(cov)): \(value)")
            bars += """
                <text x="0" y="\(y + 17)" class="lbl">\(label(cov))</text>\
                <rect x="\(x0)" y="\(y)" width="\(w)" height="22" fill="#e6e6e6"/>\
                <rect x="\(x0)" y="\(y)" width="\(fw)" height="22" fill="\(colour)"/>\
                <text x="\(x0 + w + 8)" y="\(y + 16)" class="val">\(value)</text>

                """
        }
        return """
            <svg class="chart" viewBox="0 0 700 \(height)" width="700" height="\(height)" role="img" \
            aria-labelledby="chart-title chart-desc">
            <title id="chart-title">\(t.chartTitle)</title>
            <desc id="chart-desc">\(desc.joined(separator: "; "))</desc>
            \(bars)</svg>
            """
    }

    // MARK: - on-call line

    private func when(_ w: WallTime) -> String { "\(t.day(w.day)) \(w.clock)" }

    private var onCallSection: String {
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
        let gaps = week.gaps
        let gapText = gaps.map { "\(when($0.start)) – \(when($0.end)): \(t.lineState[$0.state.rawValue] ?? "")" }
        var shiftRows = ""
        let onShift = Dictionary(grouping: week.schedule.onCall, by: \.shift)
        let sitters = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in c.onCallShifts.sorted(by: { ($0.span.start, $0.id) < ($1.span.start, $1.id) }) {
            let people = Set((onShift[o.id] ?? []).map(\.sitter)).sorted()
            let state = people.isEmpty ? "nobody" : people.count < o.staff ? "short" : "staffed"
            let names = people.map { id in
                "<span class=\"sid\">\(e(id))</span> \(sitters[id].map { n($0.name) } ?? "")"
            }
            shiftRows += """
                <tr class="st-\(state)"><th scope="row">\(e(o.id))</th><td>\(when(week.wall(o.span.start)))</td>\
                <td>\(when(week.wall(o.span.end)))</td><td class="num">\(people.count)/\(o.staff)</td>\
                <td>\(names.isEmpty ? "<strong>\(t.lineState["nobody"]!)</strong>" : names.joined(separator: ", "))\
                \(state == "short" ? " <strong>(\(t.lineState["short"]!))</strong>" : "")</td></tr>

                """
        }
        var unstaffed = ""
        if !week.schedule.unstaffedShifts.isEmpty {
            var rows = ""
            for u in week.schedule.unstaffedShifts {
                rows += """
                    <tr data-unstaffed-shift="\(e(u.id))"><th scope="row">\(e(u.id))</th>\
                    <td class="num">\(u.missing)</td><td>\(reasonList(u.reasons))</td></tr>

                    """
            }
            unstaffed = """
                <h3>\(t.unstaffedShifts)</h3>
                <table class="list">
                <thead><tr><th scope="col">\(t.shift)</th><th scope="col">\(t.missing)</th>\
                <th scope="col">\(t.reasons)</th></tr></thead>
                <tbody>
                \(rows)</tbody>
                </table>

                """
        }
        return """
            <section id="on-call" aria-labelledby="h-on-call">
            <h2 id="h-on-call">\(t.onCallLine)</h2>
            <p>\(t.onCallIntro)</p>
            <svg class="band" viewBox="0 0 1400 62" role="img" aria-labelledby="band-title band-desc">
            <title id="band-title">\(t.onCallLine)</title>
            <desc id="band-desc">\(gaps.isEmpty ? t.noGaps : gapText.joined(separator: "; "))</desc>
            \(svg)</svg>
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
            \(unstaffed)</section>

            """
    }

    // MARK: - grid

    private func chip(_ b: ReportWeek.Block, unfilled: Bool = false) -> String {
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

    private var gridSection: String {
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
                <tr data-sitter="\(e(s.id))"><th scope="row"><span class="sid">\(e(s.id))</span> \(n(s.name))\
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
            </ul>
            <table class="grid">
            <thead><tr><th scope="col" class="who">\(t.sitter)</th>\(head)</tr></thead>
            <tbody>
            \(body)</tbody>
            </table>
            </section>

            """
    }

    // MARK: - unfilled

    private func reasonList(_ reasons: [Reason]) -> String {
        "<ul class=\"reasons\">"
            + reasons.map { "<li><code>\(e($0.code))</code> \(e($0.detail))</li>" }.joined() + "</ul>"
    }

    private var unfilledSection: String {
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

    // MARK: - hours

    private var hoursSection: String {
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

    // MARK: - style

    private var css: String {
        let territories = key.entries.enumerated().map { i, k in
            ".t\(i){background:\(k.fill);border-left-color:\(k.edge)}"
        }.joined(separator: "\n")
        return """
            @page { size: landscape; margin: 10mm; }
            * { box-sizing: border-box; }
            html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 13px;
              color: #111; margin: 16px; line-height: 1.35; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h1 .case { font-weight: normal; color: #333; }
            h2 { font-size: 18px; margin: 18px 0 6px; border-bottom: 2px solid #333; padding-bottom: 2px; }
            h3 { font-size: 14px; margin: 12px 0 4px; }
            p { margin: 4px 0 8px; }
            .meta { color: #333; margin: 0; }
            .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .sid, .vid, code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }
            table { border-collapse: collapse; }
            th, td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top; text-align: left; }
            thead th { background: #eee; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; }
            .side { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
            table.coverage tr.short td:last-child { font-weight: bold; }
            svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
            .chart .lbl { font-size: 14px; }
            .chart .val { font-size: 13px; }
            svg.band { width: 100%; height: auto; display: block; }
            .band text { font-size: 11px; text-anchor: middle; }
            .band .dayname { font-size: 12px; font-weight: bold; }
            .band line.day { stroke: #111; stroke-width: 1; }
            rect.ln-staffed, .sw.ln-staffed { fill: #2e7d6b; background: #2e7d6b; }
            rect.ln-short, .sw.ln-short { fill: #f0a030; background: #f0a030; }
            rect.ln-nobody, rect.ln-uncovered, .sw.ln-nobody { fill: #c62828; background: #c62828; }
            text.ln-staffed, text.ln-nobody, text.ln-uncovered { fill: #fff; }
            text.ln-short { fill: #000; }
            ul.key, ul.legend { list-style: none; padding: 0; margin: 4px 0 8px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
            .sw { display: inline-block; width: 14px; height: 14px; vertical-align: -2px; border: 1px solid #333; }
            .ok { color: #1e5e2e; font-weight: bold; }
            ul.gaps li { color: #a00000; font-weight: bold; }
            tr.st-nobody td, tr.st-nobody th { background: #fde0e0; }
            tr.st-short td, tr.st-short th { background: #fff0d0; }
            table.grid { width: 100%; table-layout: fixed; }
            table.grid th.who { width: 13em; }
            table.grid td { padding: 2px; }
            table.grid tbody th { font-weight: normal; font-size: 12px; }
            table.grid tbody th small { color: #444; }
            table.grid tbody tr:nth-child(even) td, table.grid tbody tr:nth-child(even) th { background-color: #f7f7f7; }
            table.grid tbody tr.nfrow th { font-weight: bold; color: #a00000; }
            .b { display: block; border: 1px solid #999; border-left-width: 5px; border-radius: 2px; padding: 0 3px;
              margin: 1px 0; font-size: 11px; line-height: 1.4; background: #fff; }
            .legend .b, .unfilled .b { display: inline-block; }
            .unfilled .b, .legend .b { min-width: 2.6em; }
            .b .ti { font-weight: bold; }
            .b.oc { background: #2e7d6b; color: #fff; border-color: #1b4d42; font-weight: bold; }
            .b.urgent { border-color: #b3261e; border-width: 2px 2px 2px 5px; }
            .b.nf { border-style: dashed; border-color: #b3261e; }
            abbr.pu { color: #b3261e; font-weight: bold; text-decoration: none; margin-right: 2px; }
            abbr.ph { color: #c25e00; font-weight: bold; text-decoration: none; margin-right: 2px; }
            .b .n { font-weight: bold; }
            \(territories)
            .broken { border: 3px solid #b3261e; background: #fde0e0; padding: 6px 12px; margin: 12px 0; }
            .broken h2 { border: 0; margin-top: 4px; color: #8a0000; }
            table.list { width: 100%; }
            ul.reasons { margin: 0; padding-left: 1.1em; }
            ul.reasons code { background: #eee; padding: 0 2px; }
            tr.pr-urgent th { color: #b3261e; }
            .hours svg { display: block; }
            .hbar rect.near, .sw.near { fill: #2e7d6b; background: #2e7d6b; }
            .hbar rect.over, .sw.over { fill: #c25e00; background: #c25e00; }
            .hbar rect.under, .sw.under { fill: #3b5ba9; background: #3b5ba9; }
            .hbar rect.none, .sw.none { fill: #888; background: #888; }
            .sw.tick { width: 3px; background: #000; }
            table.list.hours, table.list.shifts { width: auto; }
            td.nowrap { white-space: nowrap; }
            table.grid td.off, .b.off { background: repeating-linear-gradient(135deg, #ececec 0 3px, #fafafa 3px 7px); }
            table.grid td.off span { font-size: 10px; color: #555; font-style: italic; }
            .band line.cut { stroke: #fff; stroke-width: 2; }
            .hbar line.target { stroke: #000; stroke-width: 2; }
            .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
            @media print {
              body { margin: 0; font-size: 10px; }
              section { break-before: page; }
              section:first-of-type { break-before: auto; }
              h2 { break-after: avoid; }
              .b { font-size: 8.5px; padding: 0 2px; border-left-width: 4px; }
              table.grid th.who { width: 11em; }
              table.grid tbody th { font-size: 9px; }
              .chart { width: 560px; height: auto; }
              th, td { padding: 1px 4px; }
              table.list { font-size: 9px; }
              .hbar { height: 11px; }
            }
            """
    }
}
