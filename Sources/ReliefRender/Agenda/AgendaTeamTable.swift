import Foundation
import ReliefCore

/// `team.csv`: the whole team's schedule (RFC 4180: CRLF, fields quoted when they
/// hold `,` `"` or a line break, UTF-8 without a byte-order mark), one row per
/// sitter and item, in time order. Times are local; an end on a later day has its date.
public struct AgendaTeamTable {
    let c: Case
    let w: AgendaWords

    public init(_ c: Case, language: Language) {
        self.c = c
        w = language.words.agenda
    }

    public func csv(_ items: [AgendaItem]) -> String {
        var out = AgendaTeamTable.row(w.teamHeader)
        for i in items {
            let start = c.clock.formatLocal(i.start)
            let end = c.clock.formatLocal(i.end)
            let (sd, st) = split(start)
            let (ed, et) = split(end)
            let kind = i.kind == "visit" ? w.visitKind : w.onCallKind
            out += AgendaTeamTable.row([
                i.sitter, sd, st, ed == sd ? et : "\(ed) \(et)", kind, i.item, i.location ?? "",
            ])
        }
        return out
    }

    private func split(_ local: String) -> (String, String) {
        let parts = local.split(separator: "T", maxSplits: 1).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "")
    }

    /// One record. A field a spreadsheet would run as a formula gets a leading `'`
    /// (`CSV.formulaSafe`, shared by every CSV relief writes).
    static func row(_ fields: [String]) -> String {
        fields.map { f -> String in
            let v = CSV.formulaSafe(f)
            guard v.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
                return v
            }
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }
}
