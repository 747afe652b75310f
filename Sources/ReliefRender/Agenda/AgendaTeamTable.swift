import Foundation
import ReliefCore

/// `team.csv`: the whole team's schedule, one row per sitter and item in time order, in
/// the dialect of the case's spreadsheet files (`CSV.Style.spreadsheet`, as French Excel
/// writes: UTF-8 with a byte-order mark, `;`, CRLF, fields quoted when they hold `;` `"`
/// or a line break). Times are local; an end on a later day has its date.
public struct AgendaTeamTable {
    let c: Case
    let w: AgendaWords

    public init(_ c: Case, language: Language) {
        self.c = c
        w = language.words.agenda
    }

    public func csv(_ items: [AgendaItem]) -> String {
        var rows = [w.teamHeader]
        for i in items {
            let start = c.clock.formatLocal(i.start)
            let end = c.clock.formatLocal(i.end)
            let (sd, st) = split(start)
            let (ed, et) = split(end)
            let kind = i.kind == "visit" ? w.visitKind : w.onCallKind
            rows.append([i.sitter, sd, st, ed == sd ? et : "\(ed) \(et)", kind, i.item, i.territory ?? ""])
        }
        // A field a spreadsheet would run as a formula gets a leading `'` (`CSV.formulaSafe`, shared by every CSV relief writes).
        return CSV.write(rows.map { $0.map(CSV.formulaSafe) }, style: .spreadsheet)
    }

    private func split(_ local: String) -> (String, String) {
        let parts = local.split(separator: "T", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }
}
