import Foundation
import ReliefCore

/// What one solved variant of a case achieves, beyond its levels: what stays
/// unfilled (in visit-minutes, by priority, competency and territory), the on-call
/// minutes nobody holds, the visit minutes given against the contract hours, and
/// travel. All computed from the case and the schedule's assignments, so that a
/// schedule read back from a child process gives the same numbers as one in memory.
public struct WhatIfMetrics: Sendable, Equatable {
    /// Levels 1-4 the schedule achieves, and the fair-share level (`weeks.md`) when the
    /// case places it, counted from the case and the assignments.
    public var levels: Levels
    /// What full coverage would be: on-call minutes × staff, positions per priority.
    public var needed: Levels
    /// Missing positions × visit minutes, per priority (every priority present, 0 when all filled).
    public var unfilledMinutesByPriority: [Priority: Int]
    /// Per competency a visit needs: a visit needing two competencies counts under both,
    /// a visit needing none under none. Only competencies with unfilled minutes appear.
    public var unfilledMinutesByCompetency: [String: Int]
    /// Per family territory of the visit; only territories with unfilled minutes appear.
    public var unfilledMinutesByTerritory: [String: Int]
    public var onCallMinutesUnstaffed: Int
    /// Visit minutes assigned, over every sitter.
    public var minutesUsed: Int
    /// Sum of `targetMinutesPerWeek` over the sitters that have one.
    public var contractMinutes: Int
    /// Minutes from each assigned sitter's home territory to the visit's territory, one
    /// way, as level 5 counts it (not the chaining between consecutive visits).
    public var travelMinutes: Int
    /// Each program's served minutes against its budgets in this variant (`weeks.md`); empty
    /// when the case has no programs.
    public var programs: [ProgramUse]
    /// The variant's per-family limit of each program that has one.
    public var familyMinutesPerWeek: [String: Int]

    public init(case c: Case, schedule s: Schedule) {
        let served = s.withService(c)
        levels = s.levels
        levels.fairSharePermille = served.levels.fairSharePermille
        programs = served.programs
        familyMinutesPerWeek = Dictionary(
            c.programs.compactMap { p in p.familyMinutesPerWeek.map { (p.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var assigned: [String: Int] = [:]
        for a in s.assignments { assigned[a.visit, default: 0] += 1 }
        let families = Dictionary(c.families.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sitters = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byPriority = Dictionary(uniqueKeysWithValues: Priority.allCases.map { ($0, 0) })
        var byCompetency: [String: Int] = [:]
        var byTerritory: [String: Int] = [:]
        var neededSlots = Dictionary(uniqueKeysWithValues: Priority.allCases.map { ($0, 0) })
        for v in c.visits {
            neededSlots[v.priority, default: 0] += v.sitters
            let missing = max(0, v.sitters - (assigned[v.id] ?? 0))
            guard missing > 0 else { continue }
            let m = missing * v.minutes
            byPriority[v.priority, default: 0] += m
            for k in v.competencies { byCompetency[k, default: 0] += m }
            if let t = families[v.family]?.territory { byTerritory[t, default: 0] += m }
        }
        let onCallNeeded = c.onCallShifts.reduce(0) { $0 + $1.staff * $1.minutes }
        needed = Levels(
            onCallMinutes: onCallNeeded, urgentSlots: neededSlots[.urgent] ?? 0, highSlots: neededSlots[.high] ?? 0,
            normalSlots: neededSlots[.normal] ?? 0)
        unfilledMinutesByPriority = byPriority
        unfilledMinutesByCompetency = byCompetency
        unfilledMinutesByTerritory = byTerritory
        onCallMinutesUnstaffed = max(0, onCallNeeded - s.levels.onCallMinutes)
        var used = 0
        var travel = 0
        for a in s.assignments {
            guard let v = visits[a.visit] else { continue }
            used += v.minutes
            if let home = sitters[a.sitter]?.homeTerritory, let t = families[v.family]?.territory {
                travel += c.travelMinutes(home, t) ?? 0
            }
        }
        minutesUsed = used
        travelMinutes = travel
        contractMinutes = c.sitters.reduce(0) { $0 + ($1.targetMinutesPerWeek ?? 0) }
    }

    /// Unfilled visit-minutes over all priorities.
    public var unfilledMinutes: Int { unfilledMinutesByPriority.values.reduce(0, +) }
}
