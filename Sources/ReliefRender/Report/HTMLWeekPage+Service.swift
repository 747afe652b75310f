import Foundation
import ReliefCore

/// The week page: the service to families (each family's share, furthest behind first, and a
/// chart of shares) and each program's served minutes against its budget (`weeks.md`). Rows
/// carry `data-family` (with `data-share-permille`, `data-served`, `data-requested`,
/// `data-past-served`, `data-past-requested`, in minutes) and `data-program` (with
/// `data-served`, `data-budget`). Nothing at all for a case without programs or ledgers.
extension HTMLWeekPage {
    var service: ServiceView { ServiceView(week.schedule) }

    /// `42,5 %` / `42.5%`
    func sharePercent(_ permille: Int) -> String {
        ServiceView.percent(permille: permille, decimalComma: t.decimalComma) + (t.decimalComma ? "\u{A0}%" : "%")
    }

    var serviceSection: String {
        let v = service
        guard !v.isEmpty else { return "" }
        var h = ""
        if !v.families.isEmpty || v.fairSharePermille != nil {
            h += """
                <section id="service" aria-labelledby="h-service">
                <h2 id="h-service">\(sw.title)</h2>
                <p>\(sw.intro)</p>

                """
            if let level = v.fairSharePermille {
                h += "<p class=\"level\" data-fair-share-permille=\"\(level)\">\(sw.level(sharePercent(level)))</p>\n"
            }
            if !v.families.isEmpty { h += whyList(v) + shareChart(v) + familyTable(v) }
            h += "</section>\n\n"
        }
        if !v.programs.isEmpty { h += programSection(v) }
        return h
    }

    /// Why each family at the fair share is there: each unfilled visit with its first reason (in
    /// the page's language, from the schedule's unfilled list), or its earlier weeks.
    func whyList(_ v: ServiceView) -> String {
        let at = v.families.filter { !$0.reasons.isEmpty }
        guard !at.isEmpty else { return "" }
        let unfilled = Dictionary(week.schedule.unfilled.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var items = ""
        for f in at {
            let parts = f.reasons.map { r -> String in
                guard let visit = r.visit else {
                    return e(sw.ledgerWhy(t.hours(f.pastServedMinutes), t.hours(f.pastRequestedMinutes)))
                }
                let reason = unfilled[visit]?.reasons.first ?? r.reason
                return
                    "<span class=\"sid\">\(e(visit))</span> <code>\(e(reason.code))</code> \(e(t.reason.text(reason)))"
            }
            items +=
                "<li data-why-family=\"\(e(f.family))\"><span class=\"sid\">\(e(f.family))</span> : "
                + parts.joined(separator: " ; ") + "</li>\n"
        }
        return "<h3>\(sw.whyTitle)</h3>\n<ul class=\"why\">\n\(items)</ul>\n"
    }

    func familyTable(_ v: ServiceView) -> String {
        let names = Dictionary(week.theCase.families.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var rows = ""
        for f in v.families {
            let behind = v.fairSharePermille.map { f.permille <= $0 } ?? false
            rows += """
                <tr data-family="\(e(f.family))" data-share-permille="\(f.permille)" data-served="\(f.servedMinutes)" \
                data-requested="\(f.requestedMinutes)" data-past-served="\(f.pastServedMinutes)" \
                data-past-requested="\(f.pastRequestedMinutes)"\(behind ? " class=\"least\"" : "")>\
                <th scope="row"><span class="sid">\(e(f.family))</span> \(names[f.family].map(n) ?? "")</th>\
                <td class="num">\(t.hours(f.servedMinutes)) / \(t.hours(f.requestedMinutes))</td>\
                <td class="num">\(sharePercent(ServiceView.weekPermille(f)))</td>\
                <td class="num">\(t.hours(f.pastServedMinutes)) / \(t.hours(f.pastRequestedMinutes))</td>\
                <td class="num">\(sharePercent(f.permille))</td>\
                <td>\(bar(fraction: Double(f.permille) / 1000, mark: v.fairSharePermille.map { Double($0) / 1000 }))</td></tr>

                """
        }
        return """
            <table class="list service">
            <thead><tr><th scope="col">\(sw.family)</th><th scope="col">\(sw.thisWeek)</th>\
            <th scope="col">\(sw.weekShare)</th><th scope="col">\(sw.earlier)</th><th scope="col">\(sw.share)</th>\
            <th scope="col"><span class="sr">\(sw.share)</span></th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>

            """
    }

    /// A bar of `fraction` (0 to 1) on a grey track, with a black tick at `mark`.
    func bar(fraction: Double, mark: Double?) -> String {
        let w = 160.0
        let bw = (min(1, max(0, fraction)) * w * 10).rounded() / 10
        let tick = mark.map { m -> String in
            let x = (min(1, max(0, m)) * w * 10).rounded() / 10
            return "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"16\" stroke=\"#000\" stroke-width=\"2\"/>"
        }
        return """
            <svg class="sbar" viewBox="0 0 \(Int(w) + 2) 16" width="\(Int(w) + 2)" height="16" aria-hidden="true">\
            <rect x="0" y="3" width="\(Int(w))" height="10" fill="#e6e6e6"/>\
            <rect x="0" y="3" width="\(bw)" height="10" fill="#3b5ba9"/>\(tick ?? "")</svg>
            """
    }

    /// Columns of families per band of 10 % of share, the fair share marked by a dashed line.
    func shareChart(_ v: ServiceView) -> String {
        let bins = v.histogram
        let top = max(1, bins.max() ?? 1)
        let (x0, colW, h0, plotH) = (30, 34, 18, 120)
        var cols = ""
        var desc: [String] = []
        for (i, count) in bins.enumerated() {
            let hgt = count * plotH / top
            let x = x0 + i * colW
            cols += """
                <rect x="\(x + 3)" y="\(h0 + plotH - hgt)" width="\(colW - 6)" height="\(hgt)" fill="#3b5ba9"/>\
                <text x="\(x + colW / 2)" y="\(h0 + plotH - hgt - 4)" class="cnt">\(count > 0 ? "\(count)" : "")</text>\
                <text x="\(x)" y="\(h0 + plotH + 14)" class="tick">\(i * 10)</text>

                """
            if count > 0 { desc.append(sw.band(count, i * 10, i * 10 + 10)) }
        }
        var mark = ""
        if let level = v.fairSharePermille {
            let x = x0 + level * colW * 10 / 1000
            mark = """
                <line x1="\(x)" y1="\(h0 - 6)" x2="\(x)" y2="\(h0 + plotH)" stroke="#b3261e" stroke-width="2" \
                stroke-dasharray="4 3"/><text x="\(x + 4)" y="\(h0 - 8)" class="mark">\(sw.levelMark) \
                \(sharePercent(level))</text>
                """
        }
        let width = x0 + 10 * colW + 40
        let height = h0 + plotH + 20
        return """
            <figure class="shares">
            <svg class="chart" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" \
            aria-labelledby="shares-title shares-desc">
            <title id="shares-title">\(sw.chartTitle)</title>
            <desc id="shares-desc">\(desc.joined(separator: "; "))</desc>
            <line x1="\(x0)" y1="\(h0 + plotH)" x2="\(x0 + 10 * colW)" y2="\(h0 + plotH)" stroke="#111"/>
            \(cols)\(mark)<text x="\(x0 + 10 * colW)" y="\(h0 + plotH + 14)" class="tick">\(sharePercent(1000))</text>
            </svg>
            <figcaption>\(sw.chartTitle). \(sw.chartIntro)</figcaption>
            </figure>

            """
    }

    func programSection(_ v: ServiceView) -> String {
        let names = Dictionary(week.theCase.programs.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var rows = ""
        for p in v.programs {
            let used = ServiceView.usePermille(p)
            rows += """
                <tr data-program="\(e(p.program))" data-served="\(p.servedMinutes)"\
                \(p.budgetMinutes.map { " data-budget=\"\($0)\"" } ?? "")>\
                <th scope="row"><span class="sid">\(e(p.program))</span> \(names[p.program].map(n) ?? "")</th>\
                <td class="num">\(t.hours(p.servedMinutes))</td>\
                <td class="num">\(p.budgetMinutes.map { t.hours($0) } ?? sw.noBudget)</td>\
                <td class="num">\(used.map(sharePercent) ?? t.nothing)</td>\
                <td>\(used.map { bar(fraction: Double($0) / 1000, mark: nil) } ?? "")</td></tr>

                """
        }
        return """
            <section id="programs" aria-labelledby="h-programs">
            <h2 id="h-programs">\(sw.programs)</h2>
            <p>\(sw.programsIntro)</p>
            <table class="list programs">
            <thead><tr><th scope="col">\(sw.program)</th><th scope="col">\(sw.served)</th>\
            <th scope="col">\(sw.budget)</th><th scope="col">\(sw.used)</th>\
            <th scope="col"><span class="sr">\(sw.served) / \(sw.budget)</span></th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </section>

            """
    }

    /// The section's own rules, added to the page's style only when the section is there.
    static let serviceStyle = """
        table.list.service, table.list.programs { width: auto; }
        table.service tbody th { white-space: nowrap; }
        table.service tr.least th, table.service tr.least td { background: #fde0e0; }
        .level b { font-size: 15px; }
        figure.shares { margin: 0; }
        figure.shares figcaption { font-size: 12px; color: #333; max-width: 420px; }
        .shares .cnt, .shares .tick { font-size: 11px; text-anchor: middle; }
        .shares .mark { font-size: 11px; fill: #8a0000; }
        .sbar { display: block; }
        """
}
