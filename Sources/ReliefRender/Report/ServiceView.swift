import Foundation
import ReliefCore

/// A schedule's service to families and programs (`weeks.md`) as the plan's summary, the
/// week's page and the spreadsheets show it: the schedule's own `levels.fairSharePermille`,
/// `families` and `programs` rows (what `relief_check.py` checks), the families furthest
/// behind first. Empty for a case without programs or ledgers: nothing is shown then.
public struct ServiceView: Sendable {
    public let fairSharePermille: Int?
    /// Lowest share first (over the ledger and this week), then lowest share this week, then id.
    public let families: [FamilyShare]
    /// In the schedule's (the case's) order.
    public let programs: [ProgramUse]

    public init(_ s: Schedule) {
        fairSharePermille = s.levels.fairSharePermille
        families = s.families.sorted(by: Self.behind)
        programs = s.programs
    }

    public var isEmpty: Bool { fairSharePermille == nil && families.isEmpty && programs.isEmpty }

    /// Whether `a` is further behind than `b`: exact fractions, no rounding.
    public static func behind(_ a: FamilyShare, _ b: FamilyShare) -> Bool {
        func cross(_ n1: Int, _ d1: Int, _ n2: Int, _ d2: Int) -> Int { n1 * max(1, d2) - n2 * max(1, d1) }
        let total = cross(
            a.pastServedMinutes + a.servedMinutes, a.pastRequestedMinutes + a.requestedMinutes,
            b.pastServedMinutes + b.servedMinutes, b.pastRequestedMinutes + b.requestedMinutes)
        if total != 0 { return total < 0 }
        let week = cross(a.servedMinutes, a.requestedMinutes, b.servedMinutes, b.requestedMinutes)
        if week != 0 { return week < 0 }
        return a.family < b.family
    }

    /// A per mille as a percent, one decimal only when needed: `425` -> `42,5` / `42.5`, `420` -> `42`.
    public static func percent(permille p: Int, decimalComma: Bool) -> String {
        let whole = "\(p / 10)"
        return p % 10 == 0 ? whole : whole + (decimalComma ? "," : ".") + "\(p % 10)"
    }

    /// This week's served minutes out of requested, in per mille (floor).
    public static func weekPermille(_ f: FamilyShare) -> Int { 1000 * f.servedMinutes / max(1, f.requestedMinutes) }

    /// Served minutes out of the budget, in per mille (floor); nil without a budget.
    public static func usePermille(_ p: ProgramUse) -> Int? {
        p.budgetMinutes.map { 1000 * p.servedMinutes / max(1, $0) }
    }

    /// How many families per band of share: ten bands of 10 %, a share of 100 % in the last.
    public var histogram: [Int] {
        var bins = Array(repeating: 0, count: 10)
        for f in families { bins[min(9, max(0, f.permille / 100))] += 1 }
        return bins
    }
}

extension ServiceView {
    /// How many families the plan's summary names as furthest behind.
    public static let summaryFamilies = 3

    /// The plan summary's lines: the fair-share level, the families furthest behind (ids only),
    /// each program's served minutes against its budget. None for a case without programs or ledgers.
    public func summaryLines(_ language: Language) -> [String] {
        let w = ServiceWords(language)
        let comma = language == .fr
        var lines: [String] = []
        if let level = fairSharePermille {
            lines.append(w.fairShare(Self.percent(permille: level, decimalComma: comma)))
        }
        if !families.isEmpty {
            lines.append(
                w.behind(
                    families.prefix(Self.summaryFamilies).map {
                        "\(TerminalText.safe($0.family)) \(Self.percent(permille: $0.permille, decimalComma: comma)) %"
                    }))
        }
        // Why the families at the level are there: their unfilled visits' reason codes (ids and
        // codes only: the summary goes to logs), or the ledger.
        for f in families.prefix(Self.summaryFamilies) where !f.reasons.isEmpty {
            let parts = f.reasons.map { r in
                r.visit.map { "\(TerminalText.safe($0)) (\(TerminalText.safe(r.reason.code)))" } ?? w.ledgerShort
            }
            lines.append(w.whyLine(TerminalText.safe(f.family), parts))
        }
        for p in programs {
            lines.append(
                w.programLine(
                    TerminalText.safe(p.program), p.servedMinutes, p.budgetMinutes, Self.usePermille(p).map { $0 / 10 }
                ))
        }
        return lines
    }
}

extension ServiceView {
    /// The spreadsheet files `relief export-csv --schedule` adds beside the case's (which `import-csv`
    /// never reads): `family-shares.csv`, one row per family furthest behind first, and
    /// `program-use.csv`, one row per program; minutes and per mille as whole numbers (a French
    /// and an English spreadsheet read them alike), an empty budget for none. None when empty.
    public func csvTables(english: Bool) -> [(name: String, rows: [[String]])] {
        var out: [(name: String, rows: [[String]])] = []
        if !families.isEmpty {
            let header =
                english
                ? [
                    "family", "requestedMinutes", "servedMinutes", "pastRequestedMinutes", "pastServedMinutes",
                    "sharePermille", "weekSharePermille",
                ]
                : [
                    "famille", "minutesDemandées", "minutesServies", "minutesDemandéesAvant", "minutesServiesAvant",
                    "partPourMille", "partSemainePourMille",
                ]
            out.append(
                (
                    "family-shares.csv",
                    [header]
                        + families.map {
                            [
                                $0.family, "\($0.requestedMinutes)", "\($0.servedMinutes)",
                                "\($0.pastRequestedMinutes)",
                                "\($0.pastServedMinutes)", "\($0.permille)", "\(Self.weekPermille($0))",
                            ]
                        }
                ))
        }
        if !programs.isEmpty {
            let header =
                english
                ? ["program", "servedMinutes", "budgetMinutes", "usedPermille"]
                : ["programme", "minutesServies", "minutesBudget", "utiliséPourMille"]
            out.append(
                (
                    "program-use.csv",
                    [header]
                        + programs.map { p in
                            [
                                p.program, "\(p.servedMinutes)", p.budgetMinutes.map { "\($0)" } ?? "",
                                Self.usePermille(p).map { "\($0)" } ?? "",
                            ]
                        }
                ))
        }
        return out
    }
}
