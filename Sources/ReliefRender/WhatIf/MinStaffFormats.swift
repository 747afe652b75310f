import Foundation
import ReliefCore

/// What `relief whatif --min-staff` found, as its outputs show it: the headcount planner's
/// result (`HeadcountResult`, in ReliefPlanning) as plain values, for `MinStaffJSON` and `MinStaffText`.
public struct MinStaffSummary: Sendable {
    public var caseName: String
    /// A complete schedule of the case using exactly `sitters`.
    public var schedule: Schedule
    /// Sitter ids with an assignment or a shift in `schedule`, in case order.
    public var sitters: [String]
    public var lowerBound: Int
    public var overlapBound: Int
    public var levelsProven: Bool
    /// Sitters used by the base schedule (before minimising).
    public var baseCount: Int
    /// Why the search stopped early (`StopReason`'s raw value), if it did.
    public var stoppedBy: String?
    public var seconds: Double
    /// `optimal` in the contract's sense (count at the lower bound, levels proven), else `feasible`.
    public var status: String
    /// The volunteers among `sitters` (`people.md`), in their order; nil for a case without volunteers,
    /// whose outputs say nothing of them.
    public var volunteers: [String]?

    public init(
        caseName: String, schedule: Schedule, sitters: [String], lowerBound: Int, overlapBound: Int,
        levelsProven: Bool, baseCount: Int, stoppedBy: String?, seconds: Double, isOptimal: Bool
    ) {
        self.caseName = caseName
        self.schedule = schedule
        self.sitters = sitters
        self.lowerBound = lowerBound
        self.overlapBound = overlapBound
        self.levelsProven = levelsProven
        self.baseCount = baseCount
        self.stoppedBy = stoppedBy
        self.seconds = seconds
        status = Self.status(optimal: isOptimal)
    }

    public var count: Int { sitters.count }
    /// Employees and volunteers of the headcount, for a case with volunteers.
    public var split: (employees: Int, volunteers: Int)? { volunteers.map { (count - $0.count, $0.count) } }

    /// `optimal` / `feasible`, as `relief.minstaff/1` says it.
    public static func status(optimal: Bool) -> String { optimal ? "optimal" : "feasible" }
}

/// `relief.minstaff/1` (`../shared/contract/scenarios.md`, "Minimum headcount").
public enum MinStaffJSON {
    public static func document(_ r: MinStaffSummary) -> JSONValue {
        var f: [(String, JSONValue)] = [
            ("format", .string("relief.minstaff/1")), ("case", .string(r.caseName)),
            ("status", .string(r.status)), ("count", .number(Double(r.count))),
            ("lowerBound", .number(Double(r.lowerBound))),
            ("sitters", .array(r.sitters.map { .string($0) })),
        ]
        if let split = r.split {
            f += [("employees", .number(Double(split.employees))), ("volunteers", .number(Double(split.volunteers)))]
        }
        f += [
            ("levels", WhatIfJSON.levels(r.schedule.levels)),
            ("baseCount", .number(Double(r.baseCount))), ("overlapBound", .number(Double(r.overlapBound))),
            ("levelsProven", .bool(r.levelsProven)),
            ("seconds", .number((r.seconds * 100).rounded() / 100)),
        ]
        if let s = r.stoppedBy { f.append(("stoppedBy", .string(s))) }
        f.append(("schedule", r.schedule.json()))
        return .object(f)
    }
}

/// The minimum headcount for a terminal, in `language`; case text escaped.
public enum MinStaffText {
    public static func document(_ r: MinStaffSummary, language: Language = .fr) -> String {
        let w = MinStaffWords(language)
        let l = r.schedule.levels
        return w.needed(TerminalText.safe(r.caseName), r.count, r.lowerBound, w.status[r.status] ?? r.status)
            + (r.split.map { ", " + w.split($0.employees, $0.volunteers) } ?? "") + "\n"
            + w.levels(l.onCallMinutes, l.urgentSlots, l.highSlots, l.normalSlots)
            + (r.levelsProven ? w.proven : w.notProven) + "\n"
            + w.search(r.baseCount, r.overlapBound, w.seconds(r.seconds))
            + (r.stoppedBy.map { w.stoppedBy(TerminalText.safe($0)) } ?? "") + "\n"
            + w.sitters + r.sitters.map { TerminalText.safe($0) }.joined(separator: " ") + "\n"
    }
}
