import ReliefCore

/// The budgets of `weeks.md` over a planning index, as rows: `budget[p]` for a
/// program with `budgetMinutes`, `family_budget[f,p]` for a family with visits
/// billed to a program with `familyMinutesPerWeek`; each row's served minutes
/// (the visit's minutes per sitter assigned) at most its cap. A row is kept
/// only when its eligible pairs could go over the cap (as `week_minutes`): a
/// case without programs has none. The compact model's rows, the column
/// master's linking rows, the heuristics' running totals (`SitterWeeks`) and
/// the explainer read the same rows from here.
public struct ProgramBudgets: Sendable {
    public struct Row: Sendable {
        /// `budget[p]` or `family_budget[f,p]`, as in `Models/relief.mod`.
        public let name: String
        public let program: String
        /// The family of a per-family cap; nil for the program's budget.
        public let family: String?
        public let cap: Int
        /// The visits billed there (case order).
        public let visits: [Int]
    }

    /// Program budgets in the case's program order, then the per-family caps by
    /// first visit billed to them.
    public let rows: [Row]
    /// Per visit: the rows it counts in (none, or its program's and its family's).
    public let rowsOf: [[Int]]

    public var isEmpty: Bool { rows.isEmpty }

    public init(_ ix: PlanningIndex) {
        let c = ix.theCase
        var rows: [Row] = []
        var rowsOf = [[Int]](repeating: [], count: c.visits.count)
        guard !c.programs.isEmpty else {
            self.rows = rows
            self.rowsOf = rowsOf
            return
        }
        let billed = c.visits.indices.map { c.billedProgram(c.visits[$0], family: c.families[ix.visitFamily[$0]]) }
        func couldGoOver(_ visits: [Int], _ cap: Int) -> Bool {
            visits.reduce(0) { $0 + ix.visitMinutes[$1] * ix.visitEligible[$1].count } > cap
        }
        func add(_ row: Row) {
            guard couldGoOver(row.visits, row.cap) else { return }
            for v in row.visits { rowsOf[v].append(rows.count) }
            rows.append(row)
        }
        for p in c.programs {
            guard let cap = p.budgetMinutes else { continue }
            let visits = c.visits.indices.filter { billed[$0] == p.id }
            add(Row(name: "budget[\(p.id)]", program: p.id, family: nil, cap: cap, visits: visits))
        }
        let caps = Dictionary(c.programs.map { ($0.id, $0.familyMinutesPerWeek) }, uniquingKeysWith: { a, _ in a })
        var order: [FamilyProgram] = []
        var visitsOf: [FamilyProgram: [Int]] = [:]
        for (vi, v) in c.visits.enumerated() {
            guard let p = billed[vi], caps[p] ?? nil != nil else { continue }
            let key = FamilyProgram(family: v.family, program: p)
            if visitsOf[key] == nil { order.append(key) }
            visitsOf[key, default: []].append(vi)
        }
        for key in order {
            add(
                Row(
                    name: "family_budget[\(key.family),\(key.program)]", program: key.program, family: key.family,
                    cap: (caps[key.program] ?? nil)!, visits: visitsOf[key]!))
        }
        self.rows = rows
        self.rowsOf = rowsOf
    }

    /// Served minutes per row of `assignments`.
    public func used(_ assignments: some Sequence<PlanningIndex.Pair>, minutes: [Int]) -> [Int] {
        var used = [Int](repeating: 0, count: rows.count)
        for p in assignments { for r in rowsOf[p.item] { used[r] += minutes[p.item] } }
        return used
    }
}
