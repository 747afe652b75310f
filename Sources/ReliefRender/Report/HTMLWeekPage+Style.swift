import Foundation
import ReliefCore

/// The week page: the inline style.
extension HTMLWeekPage {
    /// The page's CSS: the fixed rules and, after the grid's, one colour class per territory (`.t0`, `.t1`…).
    var css: String {
        let territories = key.entries.enumerated().map { i, k in
            ".t\(i){background:\(k.fill);border-left-color:\(k.edge)}"
        }.joined(separator: "\n")
        let service = (service.isEmpty ? [] : [Self.serviceStyle]) + (hasVolunteers ? [Self.volunteerStyle] : [])
        return
            ([Self.pageStyle, Self.lineStyle, Self.gridStyle, territories, Self.listStyle] + service + [
                Self.printStyle
            ]).joined(separator: "\n")
    }

    /// Page, headings, type and tables; the coverage table.
    static let pageStyle = """
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
        """

    /// The coverage chart, the on-call band and its key, gaps and shift rows.
    static let lineStyle = """
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
        """

    /// The sitters' grid and its blocks (territory colours follow, from the case).
    static let gridStyle = """
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
        """

    /// The broken-rules banner, the lists and reasons, the hours bars, unavailable days.
    static let listStyle = """
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
        """

    /// On paper: smaller type, one section a page.
    static let printStyle = """
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
