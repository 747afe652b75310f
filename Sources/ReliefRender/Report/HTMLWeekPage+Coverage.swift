import Foundation
import ReliefCore

/// The week page: the coverage table and chart.
extension HTMLWeekPage {
    func label(_ cov: ReportWeek.Coverage) -> String {
        cov.priority.map { t.priority[$0] ?? $0.rawValue } ?? t.onCallMinutes
    }

    var coverageSection: String {
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
    var coverageChart: String {
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
}
