import Foundation
import ReliefCore
import ReliefPlanning
import ReliefRender

extension PlanService {
    /// The short summary `plan` prints on stdout, in `language`.
    public static func summary(_ o: Outcome, language: Language = .fr) -> String {
        let c = o.theCase
        let s = o.result.schedule
        let w = SummaryWords(language)
        var lines = [
            w.caseLine(
                TerminalText.safe(c.name, limit: TerminalText.fieldLimit), c.sitters.count, c.visits.count,
                c.onCallShifts.count),
            w.status(
                s.status == .optimal ? w.proven : w.notProven(w.decimal(s.solver.gap * 100, 2)),
                w.decimal(s.solver.seconds, 2)),
        ]
        if let why = s.solver.stoppedBy { lines.append(w.stoppedEarly(TerminalText.safe(why))) }
        let totalOnCall = c.onCallShifts.reduce(0) { $0 + $1.minutes * $1.staff }
        lines.append(
            w.onCall(s.levels.onCallMinutes, totalOnCall)
                + (s.unstaffedShifts.isEmpty ? "" : w.shortShifts(s.unstaffedShifts.count)))
        if let kept = o.result.levels.first(where: { $0.key == PlanningLevel.keptPublished.key }) {
            let published =
                c.visits.reduce(0) { $0 + $1.assigned.count } + c.onCallShifts.reduce(0) { $0 + $1.assigned.count }
            lines.append(
                w.leastChange(kept.value, published) + (kept.value >= kept.bound ? w.provenMost : w.bound(kept.bound)))
        }
        for p in Priority.allCases {
            let positions = c.visits.filter { $0.priority == p }.reduce(0) { $0 + $1.sitters }
            let filled = s.levels[priority: p]
            let pct = positions == 0 ? 100.0 : 100.0 * Double(filled) / Double(positions)
            let name = w.priority[p] ?? p.rawValue
            lines.append(
                name.padding(toLength: 7, withPad: " ", startingAt: 0) + " "
                    + w.positions(filled, positions, String(format: "%.0f", pct)))
        }
        lines += ServiceView(s).summaryLines(language)
        let m = o.result.modelStats
        lines.append(w.model(m.rows, m.columns, m.binaries, m.nonZeros))
        lines += unfilledLines(o, w)
        if let out = o.outputPath { lines.append(w.written(TerminalText.safe(out))) }
        return lines.joined(separator: "\n")
    }

    /// The unstaffed shifts, then the unfilled visits by priority and start, each with its reasons.
    static func unfilledLines(_ o: Outcome, _ w: SummaryWords) -> [String] {
        let c = o.theCase
        let s = o.result.schedule
        let names = PlanService.freeTextNames(c)
        func reasons(_ rs: [Reason]) -> String {
            rs.map { "[\(TerminalText.safe($0.code))] \(TerminalText.safe(w.text($0), cutting: names))" }
                .joined(separator: "; ")
        }
        var lines: [String] = []
        if !s.unstaffedShifts.isEmpty {
            lines.append(w.unstaffedHeading)
            for u in s.unstaffedShifts {
                lines.append("  \(TerminalText.safe(u.id)) " + w.missing(u.missing) + reasons(u.reasons))
            }
        }
        guard !s.unfilled.isEmpty else { return lines }
        lines.append(w.unfilledHeading)
        let byID = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = s.unfilled.sorted { a, b in
            let pa = byID[a.id]?.priority ?? .normal
            let pb = byID[b.id]?.priority ?? .normal
            return (pa, byID[a.id]?.span.start ?? Instant(seconds: 0)) < (
                pb, byID[b.id]?.span.start ?? Instant(seconds: 0)
            )
        }
        for u in sorted {
            let v = byID[u.id]
            let when = v.map { c.clock.formatLocal($0.span.start) } ?? ""
            let priority = v.map { w.priority[$0.priority] ?? $0.priority.rawValue } ?? ""
            lines.append(
                "  \(TerminalText.safe(u.id)) \(priority) \(when) " + w.missing(u.missing) + reasons(u.reasons))
        }
        return lines
    }
}
