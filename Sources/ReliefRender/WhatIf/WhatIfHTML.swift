import Foundation
import ReliefCore

/// The comparison as one self-contained page (inline CSS and SVG, no script, nothing
/// fetched), French by default like `relief report`. The chart has one
/// `<g class="bars" data-scenario="NAME">` per row (base first): levels 1-4 as the
/// share of what full coverage needs. Case text goes through `HTMLText`.
public struct WhatIfHTML {
    let r: WhatIfResult
    let words: Words
    /// The page's words, from the one table (`Words.whatIf`).
    var w: WhatIfWords { words.whatIf }
    /// The words of the minimum share and the programs (`weeks.md`), as the text table has them.
    let weeks: WhatIfWeeksWords

    public init(_ r: WhatIfResult, language: Language) {
        self.r = r
        words = language.words
        weeks = WhatIfTextWords(language).weeks
    }

    private func e(_ s: String) -> String { HTMLText.escape(s) }
    private func n(_ s: String) -> String { HTMLText.name(s) }

    private var levelNames: [String] { w.levels }

    private func status(_ s: WhatIfEntry.Status) -> String { w.status[s] ?? s.rawValue }

    public var html: String {
        var h = HTMLText.pageStart(lang: words.htmlLang, title: "\(w.title) · \(n(r.caseName))", css: css)
        h += """
            <header>
            <h1>\(w.title) <span class="case">\(n(r.caseName))</span></h1>
            <p class="meta">\(r.scenarios.count) \(w.compared)</p>
            </header>
            <main>

            """
        h += chart
        h += table
        h += programs
        h += breakdown(w.byCompetency, r.competencies, { $0.unfilledMinutesByCompetency })
        h += breakdown(w.byTerritory, r.territories, { $0.unfilledMinutesByTerritory })
        h += errors
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    private var chart: String {
        let colors = ["#2e7d6b", "#b3261e", "#c25e00", "#3b5ba9"]
        let bar = 14
        let groupWidth = 4 * bar + 26
        let plotHeight = 160
        let top = 10
        let left = 40
        // Room for the last labels, slanted 30 degrees below the axis (24 characters at most).
        let width = left + groupWidth * r.entries.count + 150
        let height = top + plotHeight + 110
        var s = "<section>\n<h2>\(w.chartTitle)</h2>\n"
        s += "<p>\(w.chartIntro)</p>\n"
        s += "<ul class=\"legend\">"
        for (i, l) in levelNames.enumerated() {
            s += "<li><span class=\"sw\" style=\"background:\(colors[i])\"></span> \(l)</li>"
        }
        s += "</ul>\n"
        s +=
            "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" "
        s += "aria-label=\"\(w.chartLabel)\">\n"
        for p in [0, 50, 100] {
            let y = top + plotHeight - plotHeight * p / 100
            s +=
                "<line class=\"grid\" x1=\"\(left)\" x2=\"\(left + groupWidth * r.entries.count + 10)\" y1=\"\(y)\" y2=\"\(y)\"/>"
            s += "<text class=\"axis\" x=\"\(left - 4)\" y=\"\(y + 4)\">\(p) %</text>\n"
        }
        for (i, entry) in r.entries.enumerated() {
            let x0 = left + 10 + i * groupWidth
            s += "<g class=\"bars\" data-scenario=\"\(e(entry.name))\" data-status=\"\(entry.status.rawValue)\">"
            s += "<title>\(n(entry.name)): \(status(entry.status))</title>"
            if let m = entry.metrics {
                for k in 0..<4 {
                    let need = m.needed.vector[k]
                    let share = need == 0 ? 1.0 : Double(m.levels.vector[k]) / Double(need)
                    let bh = Int((share * Double(plotHeight)).rounded())
                    s += "<rect x=\"\(x0 + k * bar)\" y=\"\(top + plotHeight - bh)\" width=\"\(bar - 2)\" "
                    s +=
                        "height=\"\(bh)\" fill=\"\(colors[k])\"><title>\(levelNames[k]): \(m.levels.vector[k]) / \(need)</title></rect>"
                }
            } else {
                s +=
                    "<text class=\"none\" x=\"\(x0 + 2 * bar)\" y=\"\(top + plotHeight - 6)\">\(status(entry.status))</text>"
            }
            let lx = x0 + 2 * bar
            let ly = top + plotHeight + 12
            s += "<text class=\"lbl\" x=\"\(lx)\" y=\"\(ly)\" transform=\"rotate(30 \(lx) \(ly))\">"
            s += "\(e(TerminalText.safe(entry.name, limit: 24)))</text></g>\n"
        }
        s += "</svg>\n</section>\n"
        return s
    }

    private var table: String {
        var s = "<section>\n<h2>\(w.comparison)</h2>\n<table class=\"list\">\n<thead><tr>"
        let share = r.hasFairShare
        let heads =
            [w.scenario, w.statusHeading] + levelNames + (share ? [weeks.share] : []) + w.unfilledHours + [
                w.onCallUnstaffed, w.hoursUsed, w.travel, w.seconds,
            ]
        s += heads.map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (i, entry) in r.entries.enumerated() {
            s += "<tr class=\"st-\(entry.status.rawValue)\" data-scenario=\"\(e(entry.name))\">"
            s += "<th class=\"sid\">\(n(entry.name))</th><td>\(status(entry.status))</td>"
            if let m = entry.metrics {
                let d = i == 0 ? nil : r.delta(entry)
                for k in 0..<4 { s += "<td class=\"num\">\(m.levels.vector[k])\(change(d?.vector[k]))</td>" }
                if share {
                    let v = m.levels.fairSharePermille.map(String.init) ?? "–"
                    s += "<td class=\"num\">\(v)\(change(d?.fairSharePermille))</td>"
                }
                for p in Priority.allCases {
                    s += "<td class=\"num\">\(WhatIfHours.text(m.unfilledMinutesByPriority[p] ?? 0))</td>"
                }
                s += "<td class=\"num\">\(m.onCallMinutesUnstaffed)</td>"
                s +=
                    "<td class=\"num\">\(WhatIfHours.text(m.minutesUsed)) / \(WhatIfHours.text(m.contractMinutes))</td>"
                s += "<td class=\"num\">\(m.travelMinutes)</td>"
                s += "<td class=\"num\">\(WhatIfHours.seconds(entry.seconds))</td>"
            } else {
                s += String(repeating: "<td class=\"num\">–</td>", count: heads.count - 2)
            }
            s += "</tr>\n"
        }
        s += "</tbody>\n</table>\n<p class=\"note\">"
        s += w.note
        if share { s += " " + weeks.shareNote.trimmingCharacters(in: .whitespacesAndNewlines) }
        s += "</p>\n</section>\n"
        return s
    }

    /// ` (+2)` in the colour of its sign; nothing without a change.
    private func change(_ v: Int?) -> String {
        guard let v else { return "" }
        return " <span class=\"\(v < 0 ? "down" : v > 0 ? "up" : "same")\">(\(WhatIfHours.signed(v)))</span>"
    }

    /// Each program's served minutes against its budget, per solved row (`weeks.md`); nothing without programs.
    private var programs: String {
        let ids = r.programs
        guard !ids.isEmpty else { return "" }
        var s = "<section>\n<h2>\(e(weeks.programs.prefix(1).uppercased() + weeks.programs.dropFirst()))</h2>\n"
        s += "<table class=\"list\">\n<thead><tr><th>\(w.scenario)</th>"
        s += ids.map { "<th>\(n($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for (i, entry) in r.entries.enumerated() where entry.metrics != nil {
            s += "<tr data-scenario=\"\(e(entry.name))\"><th class=\"sid\">\(n(entry.name))</th>"
            for id in ids {
                guard let (u, delta) = r.programUse(entry, id) else {
                    s += "<td class=\"num\">–</td>"
                    continue
                }
                let head = WhatIfText.programCell(u, delta: nil, weeks)
                s += "<td class=\"num\">\(e(head))\(change(i > 0 ? delta : nil))</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody>\n</table>\n</section>\n"
    }

    private func breakdown(_ title: String, _ keys: [String], _ pick: (WhatIfMetrics) -> [String: Int]) -> String {
        var s = "<section>\n<h2>\(title)</h2>\n"
        guard !keys.isEmpty else { return s + "<p>\(w.none)</p>\n</section>\n" }
        s += "<table class=\"list\">\n<thead><tr><th>\(w.scenario)</th>"
        s += keys.map { "<th>\(n($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for entry in r.entries {
            guard let m = entry.metrics else { continue }
            let values = pick(m)
            s += "<tr><th class=\"sid\">\(n(entry.name))</th>"
            s += keys.map { "<td class=\"num\">\(WhatIfHours.text(values[$0] ?? 0))</td>" }.joined() + "</tr>\n"
        }
        return s + "</tbody>\n</table>\n</section>\n"
    }

    private var errors: String {
        let failed = r.entries.filter { !$0.errors.isEmpty }
        guard !failed.isEmpty else { return "" }
        var s = "<section>\n<h2>\(w.notSolved)</h2>\n<ul class=\"errors\">\n"
        for entry in failed {
            for d in entry.errors {
                s += "<li><b class=\"sid\">\(n(entry.name))</b> (\(status(entry.status))) <code>\(e(d.path))</code>: "
                s += "\(e(d.message))" + (d.fix.isEmpty ? "" : " — <i>\(e(d.fix))</i>") + "</li>\n"
            }
        }
        return s + "</ul>\n</section>\n"
    }

    private var css: String {
        """
        @page { size: landscape; margin: 10mm; }
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 13px;
          color: #111; margin: 16px; line-height: 1.35; }
        h1 { font-size: 22px; margin: 0 0 4px; }
        h1 .case { font-weight: normal; color: #333; }
        h2 { font-size: 18px; margin: 18px 0 6px; border-bottom: 2px solid #333; }
        .meta, .note { color: #333; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; }
        thead th { background: #eee; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .sid, code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.92em; }
        .down { color: #b3261e; font-weight: bold; }
        .up { color: #1e5e2e; font-weight: bold; }
        .same { color: #666; }
        tr.st-invalid td, tr.st-invalid th, tr.st-error td, tr.st-error th { background: #fde0e0; }
        ul.legend { list-style: none; padding: 0; display: flex; gap: 16px; }
        .sw { display: inline-block; width: 14px; height: 14px; vertical-align: -2px; border: 1px solid #333; }
        svg text { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 11px; }
        svg .axis { text-anchor: end; }
        svg line.grid { stroke: #ccc; stroke-width: 1; }
        svg text.none { fill: #a00000; text-anchor: middle; }
        ul.errors li { color: #8a0000; }
        @media print { body { margin: 0; font-size: 10px; } section { break-inside: avoid; } }
        """
    }
}
