import Foundation

/// Levels 1-4 of the contract's lexicographic order.
public struct Levels: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var onCallMinutes: Int
    public var urgentSlots: Int
    public var highSlots: Int
    public var normalSlots: Int
    /// The fair-share level (`weeks.md`), when the case places it (not part of `vector`).
    public var fairSharePermille: Int?

    public init(
        onCallMinutes: Int = 0, urgentSlots: Int = 0, highSlots: Int = 0, normalSlots: Int = 0,
        fairSharePermille: Int? = nil
    ) {
        self.fairSharePermille = fairSharePermille
        self.onCallMinutes = onCallMinutes
        self.urgentSlots = urgentSlots
        self.highSlots = highSlots
        self.normalSlots = normalSlots
    }

    public var vector: [Int] { [onCallMinutes, urgentSlots, highSlots, normalSlots] }
    public init(vector v: [Int]) {
        self.init(onCallMinutes: v[0], urgentSlots: v[1], highSlots: v[2], normalSlots: v[3])
    }

    public static func < (a: Levels, b: Levels) -> Bool { a.vector.lexicographicallyPrecedes(b.vector) }

    public subscript(priority p: Priority) -> Int {
        switch p {
        case .urgent: return urgentSlots
        case .high: return highSlots
        case .normal: return normalSlots
        }
    }

    public var description: String {
        "on-call \(onCallMinutes) min, urgent \(urgentSlots), high \(highSlots), normal \(normalSlots)"
            + (fairSharePermille.map { ", fair share \($0) ‰" } ?? "")
    }
}

public struct Assignment: Sendable, Hashable {
    public var visit: String
    public var sitter: String
    public init(visit: String, sitter: String) {
        self.visit = visit
        self.sitter = sitter
    }
}

public struct OnCallAssignment: Sendable, Hashable {
    public var shift: String
    public var sitter: String
    public init(shift: String, sitter: String) {
        self.shift = shift
        self.sitter = sitter
    }
}

public struct Reason: Sendable, Hashable {
    public var code: String
    public var detail: String
    /// The parts `detail` was written from (not in the JSON; empty when read back).
    public var facts: [ReasonFact]
    public init(code: String, detail: String, facts: [ReasonFact] = []) {
        self.code = code
        self.detail = detail
        self.facts = facts
    }
    public static func == (a: Reason, b: Reason) -> Bool { a.code == b.code && a.detail == b.detail }
    public func hash(into h: inout Hasher) {
        h.combine(code)
        h.combine(detail)
    }
}

public struct Unfilled: Sendable, Hashable {
    public var id: String
    public var missing: Int
    public var reasons: [Reason]
    public init(id: String, missing: Int, reasons: [Reason]) {
        self.id = id
        self.missing = missing
        self.reasons = reasons
    }
}

/// What the solver knows about the answer.
public struct SolverReport: Sendable, Equatable {
    public var seconds: Double
    /// Relative gap on levels 1-4 (0 when proven optimal).
    public var gap: Double
    /// Optional extras (relief's extension of the contract).
    public var backend: String
    public var qualityScore: Double?
    public var qualityBound: Double?
    public var bounds: Levels?
    /// Why the solve stopped before finishing its own work ("time-limit",
    /// "cancelled", "work-limit"); nil when it finished.
    public var stoppedBy: String?
    /// An incremental re-plan's: levels 1-4 of the repaired published schedule it started
    /// from (relief's extension: `solver.repaired`); never above `levels`.
    public var repaired: Levels?
    public init(
        seconds: Double, gap: Double, backend: String = "glpk", qualityScore: Double? = nil,
        qualityBound: Double? = nil, bounds: Levels? = nil, stoppedBy: String? = nil
    ) {
        self.stoppedBy = stoppedBy
        self.seconds = seconds
        self.gap = gap
        self.backend = backend
        self.qualityScore = qualityScore
        self.qualityBound = qualityBound
        self.bounds = bounds
    }
}

/// One answer to a case (`relief.schedule/1`).
public struct Schedule: Sendable {
    public static let format = "relief.schedule/1"
    public enum Status: String, Sendable { case optimal, feasible }

    public var caseName: String
    public var status: Status
    public var levels: Levels
    public var assignments: [Assignment]
    public var onCall: [OnCallAssignment]
    public var unfilled: [Unfilled]
    public var unstaffedShifts: [Unfilled]
    public var solver: SolverReport
    /// Each family's service (`weeks.md`): present when the case places the fair-share level.
    public var families: [FamilyShare] = []
    /// Each program's served minutes against its budget (`weeks.md`).
    public var programs: [ProgramUse] = []

    public init(
        caseName: String, status: Status, levels: Levels, assignments: [Assignment], onCall: [OnCallAssignment],
        unfilled: [Unfilled], unstaffedShifts: [Unfilled], solver: SolverReport
    ) {
        self.caseName = caseName
        self.status = status
        self.levels = levels
        self.assignments = assignments
        self.onCall = onCall
        self.unfilled = unfilled
        self.unstaffedShifts = unstaffedShifts
        self.solver = solver
    }

    public func json() -> JSONValue {
        func reasons(_ r: [Reason]) -> JSONValue {
            .array(r.map { .object([("code", .string($0.code)), ("detail", .string($0.detail))]) })
        }
        var solverFields: [(String, JSONValue)] = [
            ("seconds", .number((solver.seconds * 1000).rounded() / 1000)),
            ("gap", .number((solver.gap * 1e6).rounded() / 1e6)),
            ("backend", .string(solver.backend)),
        ]
        if let s = solver.stoppedBy { solverFields.append(("stoppedBy", .string(s))) }
        if let q = solver.qualityScore { solverFields.append(("quality", .number((q * 1000).rounded() / 1000))) }
        if let q = solver.qualityBound { solverFields.append(("qualityBound", .number((q * 1000).rounded() / 1000))) }
        // Levels 1-4 by the contract's names (the levels, their bounds, the repaired schedule's).
        func contractLevels(_ l: Levels) -> [(String, JSONValue)] {
            [
                ("onCallMinutes", .number(Double(l.onCallMinutes))), ("urgentSlots", .number(Double(l.urgentSlots))),
                ("highSlots", .number(Double(l.highSlots))), ("normalSlots", .number(Double(l.normalSlots))),
            ]
        }
        if let r = solver.repaired { solverFields.append(("repaired", .object(contractLevels(r)))) }
        if let b = solver.bounds { solverFields.append(("levelBounds", .object(contractLevels(b)))) }
        var levelFields = contractLevels(levels)
        if let f = levels.fairSharePermille { levelFields.append(("fairSharePermille", .number(Double(f)))) }
        var fields: [(String, JSONValue)] = [
            ("format", .string(Schedule.format)),
            ("case", .string(caseName)),
            ("status", .string(status.rawValue)),
            ("levels", .object(levelFields)),
            (
                "assignments",
                .array(assignments.map { .object([("visit", .string($0.visit)), ("sitter", .string($0.sitter))]) })
            ),
            ("onCall", .array(onCall.map { .object([("shift", .string($0.shift)), ("sitter", .string($0.sitter))]) })),
            (
                "unfilled",
                .array(
                    unfilled.map {
                        .object([
                            ("visit", .string($0.id)), ("missing", .number(Double($0.missing))),
                            ("reasons", reasons($0.reasons)),
                        ])
                    })
            ),
            (
                "unstaffedShifts",
                .array(
                    unstaffedShifts.map {
                        .object([
                            ("shift", .string($0.id)), ("missing", .number(Double($0.missing))),
                            ("reasons", reasons($0.reasons)),
                        ])
                    })
            ),
        ]
        fields += serviceFields()
        fields.append(("solver", .object(solverFields)))
        return .object(fields)
    }

    /// Reads the parts of a schedule that a re-plan needs (assignments, on-call).
    public static func read(_ v: JSONValue) -> (assignments: [Assignment], onCall: [OnCallAssignment])? {
        guard v["format"] == .string(format), case .array(let a)? = v["assignments"] else { return nil }
        var asg: [Assignment] = []
        for item in a {
            guard case .string(let vi)? = item["visit"], case .string(let si)? = item["sitter"] else { return nil }
            asg.append(Assignment(visit: vi, sitter: si))
        }
        var oc: [OnCallAssignment] = []
        if case .array(let o)? = v["onCall"] {
            for item in o {
                guard case .string(let sh)? = item["shift"], case .string(let si)? = item["sitter"] else { return nil }
                oc.append(OnCallAssignment(shift: sh, sitter: si))
            }
        }
        return (asg, oc)
    }
}

/// Reads a whole `relief.schedule/1` document (for `relief verify` and re-plans).
public enum ScheduleReader {
    public static func read(_ v: JSONValue) -> Schedule? {
        guard v["format"] == .string(Schedule.format), let parts = Schedule.read(v) else { return nil }
        func int(_ x: JSONValue?) -> Int? {
            if case .number(let d)? = x, d.isFinite, d == d.rounded(), abs(d) < 1e12 { return Int(d) }
            return nil
        }
        func str(_ x: JSONValue?) -> String? {
            if case .string(let s)? = x { return s }
            return nil
        }
        // Levels 1-4 by the contract's names (as `json()` writes them).
        func contractLevels(_ lv: JSONValue?) -> Levels? {
            guard let a = int(lv?["onCallMinutes"]), let b = int(lv?["urgentSlots"]), let h = int(lv?["highSlots"]),
                let n = int(lv?["normalSlots"])
            else { return nil }
            return Levels(onCallMinutes: a, urgentSlots: b, highSlots: h, normalSlots: n)
        }
        guard let lv = v["levels"], var levels = contractLevels(lv) else { return nil }
        levels.fairSharePermille = int(lv["fairSharePermille"])
        func unfilled(_ key: String, _ idKey: String) -> [Unfilled]? {
            guard case .array(let items)? = v[key] else { return v[key] == nil ? [] : nil }
            var out: [Unfilled] = []
            for it in items {
                guard let id = str(it[idKey]), let m = int(it["missing"]) else { return nil }
                var reasons: [Reason] = []
                if case .array(let rs)? = it["reasons"] {
                    for r in rs {
                        if let code = str(r["code"]) {
                            reasons.append(Reason(code: code, detail: str(r["detail"]) ?? ""))
                        }
                    }
                }
                out.append(Unfilled(id: id, missing: m, reasons: reasons))
            }
            return out
        }
        guard let status = str(v["status"]).flatMap(Schedule.Status.init(rawValue:)),
            let uf = unfilled("unfilled", "visit"), let us = unfilled("unstaffedShifts", "shift")
        else { return nil }
        var seconds = 0.0
        var gap = 0.0
        if case .number(let d)? = v["solver"]?["seconds"] { seconds = d }
        if case .number(let d)? = v["solver"]?["gap"] { gap = d }
        var out = Schedule(
            caseName: str(v["case"]) ?? "", status: status, levels: levels, assignments: parts.assignments,
            onCall: parts.onCall, unfilled: uf, unstaffedShifts: us, solver: SolverReport(seconds: seconds, gap: gap))
        out.solver.repaired = contractLevels(v["solver"]?["repaired"])
        if case .array(let rows)? = v["families"] {
            for r in rows {
                guard let f = str(r["family"]), let rq = int(r["requestedMinutes"]), let sv = int(r["servedMinutes"])
                else { return nil }
                var row = FamilyShare(
                    family: f, requestedMinutes: rq, servedMinutes: sv,
                    pastRequestedMinutes: int(r["pastRequestedMinutes"]) ?? 0,
                    pastServedMinutes: int(r["pastServedMinutes"]) ?? 0)
                if case .array(let rs)? = r["reasons"] {
                    row.reasons = rs.compactMap { x in
                        str(x["code"]).map {
                            FamilyReason(
                                visit: str(x["visit"]), reason: Reason(code: $0, detail: str(x["detail"]) ?? ""))
                        }
                    }
                }
                out.families.append(row)
            }
        }
        if case .array(let rows)? = v["programs"] {
            for r in rows {
                guard let p = str(r["program"]), let sv = int(r["servedMinutes"]) else { return nil }
                out.programs.append(ProgramUse(program: p, servedMinutes: sv, budgetMinutes: int(r["budgetMinutes"])))
            }
        }
        return out
    }
}

extension Case {
    /// The case with `schedule` written back as what was published: each visit's and each
    /// on-call shift's `assigned` becomes the sitters the schedule puts there, in the order
    /// `order` gives from those sitters (in the schedule's order) and the list it had. Locked
    /// visits keep theirs when `keepLocked`. The one mapping from a schedule to `assigned`:
    /// the daemon's re-plan (`FreezePolicy.published`) and `relief publish` differ only in
    /// those two choices.
    public func publishing(
        _ schedule: Schedule, keepLocked: Bool, order: (_ now: [String], _ before: [String]) -> [String]
    ) -> Case {
        var byVisit: [String: [String]] = [:]
        for a in schedule.assignments { byVisit[a.visit, default: []].append(a.sitter) }
        var byShift: [String: [String]] = [:]
        for a in schedule.onCall { byShift[a.shift, default: []].append(a.sitter) }
        var out = self
        for i in out.visits.indices where !(keepLocked && out.visits[i].locked) {
            out.visits[i].assigned = order(byVisit[out.visits[i].id] ?? [], out.visits[i].assigned)
        }
        for i in out.onCallShifts.indices {
            out.onCallShifts[i].assigned = order(byShift[out.onCallShifts[i].id] ?? [], out.onCallShifts[i].assigned)
        }
        return out
    }
}
