import LinearProgramming
import ReliefCore

/// One family of hard rows of the compact model, as a value: its name (the
/// rows' name before `[`, as in `Models/relief.mod`) and its row builder. A rule
/// on a sitter's week has two faces: these rows, which the MIPs keep, and its
/// check in `WeekRules`, which the heuristics (`SitterWeeks.fits`), the lock
/// check, the explainer and the pricer's labels keep. A new rule is one entry of
/// `CompactModel.rules` and its `WeekRules` check; what else it must reach is in
/// docs/solver.md ("Adding a level or a rule").
public struct ModelRule: Sendable {
    /// The family's row name (`no_overlap`, `day_minutes`).
    public let family: String
    /// Adds the family's rows (and any column of its own) to the model.
    let addRows: @Sendable (inout CompactModel) -> Void

    init(_ family: String, addRows: @escaping @Sendable (inout CompactModel) -> Void) {
        self.family = family
        self.addRows = addRows
    }
}

extension CompactModel {
    /// Every rule of the model, in the order of its rows: each entry's builder adds
    /// the family's rows after those of the entries above (`travel` reads the
    /// cliques `no_overlap` found: it comes after it).
    public static let rules: [ModelRule] = [
        ModelRule("cover_visit") { $0.coverVisit() },
        ModelRule("staff_shift") { $0.staffShift() },
        ModelRule("no_overlap") { $0.noOverlap() },
        ModelRule("travel") { $0.travelConflict() },
        ModelRule("day_minutes") { $0.dayMinutes() },
        ModelRule("week_minutes") { $0.weekMinutes() },
        ModelRule("max_shifts") { $0.maxShifts() },
        ModelRule("trainee") { $0.traineeWithMentor() },
        ModelRule("budget") { $0.budgetRows(family: false) },
        ModelRule("family_budget") { $0.budgetRows(family: true) },
        ModelRule("max_run") { $0.maxRun() },
        ModelRule("rest_block") { $0.restBlocks() },
        ModelRule("rest_clique") { $0.restCliqueRows() },
        ModelRule("rest_visit") { $0.restItems(visits: true) },
        ModelRule("rest_shift") { $0.restItems(visits: false) },
    ]

    /// cover_visit[v]: assigned sitters + unfilled = sitters needed.
    mutating func coverVisit() {
        for (vi, v) in c.visits.enumerated() {
            var e = index.visitEligible[vi].map { (column: x[.init($0, vi)]!, value: 1.0) }
            e.append((unfilled[vi], 1))
            model.addRow("cover_visit[\(v.id)]", e, lower: Double(v.sitters), upper: Double(v.sitters))
        }
    }

    /// staff_shift[o]: on-call people + unstaffed = staff.
    mutating func staffShift() {
        for (oi, o) in c.onCallShifts.enumerated() {
            var e = index.shiftEligible[oi].map { (column: y[.init($0, oi)]!, value: 1.0) }
            e.append((unstaffed[oi], 1))
            model.addRow("staff_shift[\(o.id)]", e, lower: Double(o.staff), upper: Double(o.staff))
        }
    }

    /// no_overlap[s,t]: at most one of a clique of the sitter's items (`conflictCliques`):
    /// items that all cover one instant t, grown with the items that the sitter cannot
    /// reach in time from, or before, every member.
    mutating func noOverlap() {
        conflicts = c.sitters.indices.map { conflictCliques(sitter: $0) }
        for si in c.sitters.indices {
            for (t, members) in conflicts[si].cliques {
                let e = members.map { m in
                    (column: m.isVisit ? x[.init(si, m.index)]! : y[.init(si, m.index)]!, value: 1.0)
                }
                model.addRow("no_overlap[\(c.sitters[si].id),\(t)]", e, upper: 1)
            }
        }
    }

    /// travel[s,a,b]: two visits that do not overlap but cannot both be reached in
    /// time, and that no clique of `no_overlap` holds together.
    mutating func travelConflict() {
        for si in c.sitters.indices {
            for (a, b) in conflicts[si].pairs {
                model.addRow(
                    "travel[\(c.sitters[si].id),\(c.visits[a].id),\(c.visits[b].id)]",
                    [(x[.init(si, a)]!, 1), (x[.init(si, b)]!, 1)], upper: 1)
            }
        }
    }

    /// day_minutes[s,d]: visit minutes per local day (a visit counts on the day it starts).
    mutating func dayMinutes() {
        for si in c.sitters.indices {
            let cap = index.maxDay(si)
            var byDay: [Int: [Int]] = [:]
            for v in index.sitterVisits[si] { byDay[index.visitDay[v], default: []].append(v) }
            for (d, vs) in byDay.sorted(by: { $0.key < $1.key }) {
                guard vs.reduce(0, { $0 + index.visitMinutes[$1] }) > cap else { continue }
                model.addRow(
                    "day_minutes[\(c.sitters[si].id),\(LocalDate(day: d))]",
                    vs.map { (x[.init(si, $0)]!, Double(index.visitMinutes[$0])) }, upper: Double(cap))
            }
        }
    }

    /// week_minutes[s]: visit minutes in the horizon.
    mutating func weekMinutes() {
        for si in c.sitters.indices {
            let vs = index.sitterVisits[si]
            let cap = index.maxWeek(si)
            guard vs.reduce(0, { $0 + index.visitMinutes[$1] }) > cap else { continue }
            model.addRow(
                "week_minutes[\(c.sitters[si].id)]", vs.map { (x[.init(si, $0)]!, Double(index.visitMinutes[$0])) },
                upper: Double(cap))
        }
    }

    /// max_shifts[s]: on-call shifts within `maxShifts`.
    mutating func maxShifts() {
        for si in c.sitters.indices {
            guard let m = index.maxShifts(si), index.sitterShifts[si].count > m else { continue }
            model.addRow(
                "max_shifts[\(c.sitters[si].id)]", index.sitterShifts[si].map { (y[.init(si, $0)]!, 1) },
                upper: Double(m))
        }
    }

    /// max_run[s,k]: of the k-th chain of `maxConsecutiveShifts` + 1 touching shifts the
    /// sitter may take (`WeekRules.runWindows`), at most `maxConsecutiveShifts`.
    mutating func maxRun() {
        for si in c.sitters.indices {
            guard let m = index.rules.limits[si].run else { continue }
            let windows = index.rules.runWindows(of: index.sitterShifts[si], length: m + 1)
            for (k, w) in windows.enumerated() {
                model.addRow(
                    "max_run[\(c.sitters[si].id),\(k + 1)]", w.map { (y[.init(si, $0)]!, 1) }, upper: Double(m))
            }
        }
    }

    /// trainee[t,v]: a trainee on a visit only with a non-trainee on it too.
    mutating func traineeWithMentor() {
        for (vi, v) in c.visits.enumerated() {
            let el = index.visitEligible[vi]
            let mentors = el.filter(index.canSupervise)
            for t in el where index.isTrainee(t) {
                var e: [(column: Int, value: Double)] = [(x[.init(t, vi)]!, 1)]
                e += mentors.map { (x[.init($0, vi)]!, -1) }
                model.addRow("trainee[\(c.sitters[t].id),\(v.id)]", e, upper: 0)
            }
        }
    }

    /// budget[p] (`family` false) and family_budget[f,p]: served minutes of the visits
    /// billed to a program, or to one family in it, within the cap (`ProgramBudgets`).
    mutating func budgetRows(family: Bool) {
        for row in budgets.rows where (row.family != nil) == family {
            var e: [(column: Int, value: Double)] = []
            for v in row.visits {
                for s in index.visitEligible[v] { e.append((x[.init(s, v)]!, Double(index.visitMinutes[v]))) }
            }
            model.addRow(row.name, e, upper: Double(row.cap))
        }
    }
}
