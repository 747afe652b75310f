import Foundation
import ReliefCore

/// One planned week of `relief simulate`: what its table row shows, counted from the week's
/// case and its verified schedule. Shares are `ServiceShare`'s rows (the schedule's
/// `families` when the case places the fair-share level; counted the same way when it does
/// not, so that the three placements compare).
public struct SimulationWeek: Sendable, Equatable {
    public var week: Int
    public var weekStart: LocalDate
    public var caseFile: String
    public var scheduleFile: String
    public var status: Schedule.Status
    /// The families with requested minutes this week.
    public var families: Int
    /// Minimum, 10th percentile and median of the families' shares (nearest rank); nil without families.
    public var minShare: Double?
    public var p10Share: Double?
    public var medianShare: Double?
    /// Families with requested minutes that received nothing this week nor in the counted ledger weeks.
    public var neverServed: Int
    /// Sitter positions: filled and asked (every visit's `sitters`), and those of normal visits.
    public var positionsFilled: Int
    public var positionsAsked: Int
    public var normalFilled: Int
    public var normalAsked: Int
    public var fairSharePermille: Int?
    public var programs: [ProgramUse]

    public init(week: Int, caseFile: String, scheduleFile: String, theCase c: Case, schedule s: Schedule) {
        self.week = week
        self.caseFile = caseFile
        self.scheduleFile = scheduleFile
        weekStart = c.clock.localDate(c.horizon.start)
        status = s.status
        let service = ServiceShare(c)
        let rows = service.rows(assignments: s.assignments)
        families = rows.count
        // In whole per mille, floored, as the fair-share level counts them (17.56 % is 17.5 %, as in the summary).
        let shares = rows.map { Double($0.permille) / 1000 }.sorted()
        minShare = shares.first
        p10Share = SimulationWeek.nearestRank(shares, 0.1)
        medianShare = SimulationWeek.nearestRank(shares, 0.5)
        neverServed = rows.filter { $0.pastServedMinutes + $0.servedMinutes == 0 }.count
        positionsFilled = s.assignments.count
        positionsAsked = c.visits.reduce(0) { $0 + $1.sitters }
        normalFilled = s.levels.normalSlots
        normalAsked = c.visits.filter { $0.priority == .normal }.reduce(0) { $0 + $1.sitters }
        fairSharePermille = s.levels.fairSharePermille
        programs = service.programRows(assignments: s.assignments)
    }

    /// The value at rank `ceil(q × n)` of sorted values (the smallest for q = 0).
    public static func nearestRank(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }
}

/// `relief simulate`'s table, as text (`--lang`) or `relief.simulate/1` JSON.
public enum SimulationTable {
    public static func text(
        caseName: String, placement: FairSharePlacement, _ weeks: [SimulationWeek], language: Language
    )
        -> String
    {
        let w = language == .fr ? SimulateWords.french : SimulateWords.english
        let programs = weeks.first?.programs.map(\.program) ?? []
        var rows = [w.columns + programs.map { TerminalText.safe($0) }]
        for k in weeks {
            var row = [String(k.week), k.weekStart.description, w.status[k.status.rawValue] ?? k.status.rawValue]
            row += [k.minShare, k.p10Share, k.medianShare].map { percent($0, language) }
            row += ["\(k.neverServed)/\(k.families)", "\(k.positionsFilled)/\(k.positionsAsked)"]
            row.append("\(k.normalFilled)/\(k.normalAsked)")
            row += programs.map { p in
                guard let u = k.programs.first(where: { $0.program == p }) else { return "—" }
                return "\(u.servedMinutes)" + (u.budgetMinutes.map { "/\($0)" } ?? "")
            }
            rows.append(row)
        }
        let widths = rows[0].indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
        let lines = rows.map { row in
            row.indices.map { i in row[i].padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let head =
            "\(w.planned(TerminalText.safe(caseName), weeks.count)), \(w.fairShare)\(w.placement[placement.rawValue] ?? placement.rawValue)"
        return ([head, ""] + lines + ["", w.note]).joined(separator: "\n")
    }

    /// A share as a percentage with one decimal (`42,5 %` / `42.5%`), `—` for none.
    static func percent(_ share: Double?, _ language: Language) -> String {
        guard let s = share else { return "—" }
        let t = String(format: "%.1f", s * 100)
        return language == .fr ? t.replacingOccurrences(of: ".", with: ",") + " %" : t + "%"
    }

    public static func json(caseName: String, placement: FairSharePlacement, _ weeks: [SimulationWeek]) -> JSONValue {
        func num(_ d: Double?) -> JSONValue { d.map { .number(($0 * 10000).rounded() / 10000) } ?? .null }
        func pair(_ a: Int, _ b: Int) -> JSONValue {
            .object([("filled", .number(Double(a))), ("asked", .number(Double(b)))])
        }
        let rows: [JSONValue] = weeks.map { k in
            var f: [(String, JSONValue)] = [
                ("week", .number(Double(k.week))), ("weekStart", .string(k.weekStart.description)),
                ("case", .string(k.caseFile)), ("schedule", .string(k.scheduleFile)),
                ("status", .string(k.status.rawValue)), ("families", .number(Double(k.families))),
                ("minShare", num(k.minShare)), ("p10Share", num(k.p10Share)), ("medianShare", num(k.medianShare)),
                ("neverServed", .number(Double(k.neverServed))),
                ("positions", pair(k.positionsFilled, k.positionsAsked)),
                ("normalPositions", pair(k.normalFilled, k.normalAsked)),
            ]
            if let p = k.fairSharePermille { f.append(("fairSharePermille", .number(Double(p)))) }
            f.append(
                (
                    "programs",
                    .array(
                        k.programs.map { u in
                            .object(
                                [("program", .string(u.program)), ("servedMinutes", .number(Double(u.servedMinutes)))]
                                    + (u.budgetMinutes.map { [("budgetMinutes", .number(Double($0)))] } ?? []))
                        })
                ))
            return .object(f)
        }
        return .object([
            ("format", .string("relief.simulate/1")), ("case", .string(caseName)),
            ("fairShare", .string(placement.rawValue)), ("weeks", .array(rows)),
        ])
    }
}
