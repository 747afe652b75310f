import Foundation
import ReliefCore

/// One row of the comparison: the base or a scenario.
public struct WhatIfEntry: Sendable {
    public enum Status: String, Sendable {
        case optimal, feasible
        /// The scenario leaves an invalid case (or cannot be read); not solved.
        case invalid
        /// The solve failed (a crashed or failing child): this row only.
        case error
    }
    public var name: String
    public var status: Status
    /// Nil unless solved.
    public var metrics: WhatIfMetrics?
    public var errors: [Diagnostic]
    /// What the validator warns about this row's case that the base did not have (a scenario's
    /// added sitter who can never work), or, for the base, about the base; the row is solved all the same.
    public var warnings: [Diagnostic] = []
    public var seconds: Double?
    public var gap: Double?
    public var stoppedBy: String?

    public init(
        name: String, status: Status, metrics: WhatIfMetrics?, errors: [Diagnostic], seconds: Double?, gap: Double?,
        stoppedBy: String?
    ) {
        self.name = name
        self.status = status
        self.metrics = metrics
        self.errors = errors
        self.seconds = seconds
        self.gap = gap
        self.stoppedBy = stoppedBy
    }
}

/// What `relief whatif` compares: the base and each scenario, in the file's order.
public struct WhatIfResult: Sendable {
    public var caseName: String
    public var base: WhatIfEntry
    public var scenarios: [WhatIfEntry]

    public init(caseName: String, base: WhatIfEntry, scenarios: [WhatIfEntry]) {
        self.caseName = caseName
        self.base = base
        self.scenarios = scenarios
    }

    public var entries: [WhatIfEntry] { [base] + scenarios }

    /// Scenario levels minus the base's, when both were solved (the fair-share level too, when both have it).
    public func delta(_ e: WhatIfEntry) -> Levels? {
        guard let a = e.metrics?.levels, let b = base.metrics?.levels else { return nil }
        var d = Levels(vector: zip(a.vector, b.vector).map { $0 - $1 })
        if let x = a.fairSharePermille, let y = b.fairSharePermille { d.fairSharePermille = x - y }
        return d
    }

    /// Whether some row has the fair-share level (its case has programs or ledgers).
    public var hasFairShare: Bool { entries.contains { $0.metrics?.levels.fairSharePermille != nil } }

    /// Every program of some solved row, in the order of the first row that has it.
    public var programs: [String] {
        var out: [String] = []
        for e in entries { for p in e.metrics?.programs ?? [] where !out.contains(p.program) { out.append(p.program) } }
        return out
    }

    /// A row's use of a program, and its change against the base's when both have it.
    public func programUse(_ e: WhatIfEntry, _ program: String) -> (use: ProgramUse, delta: Int?)? {
        guard let u = e.metrics?.programs.first(where: { $0.program == program }) else { return nil }
        let b = base.metrics?.programs.first { $0.program == program }
        return (u, b.map { u.servedMinutes - $0.servedMinutes })
    }

    /// Every competency / territory with unfilled minutes in some row, sorted.
    public var competencies: [String] {
        Set(entries.flatMap { $0.metrics.map { Array($0.unfilledMinutesByCompetency.keys) } ?? [] }).sorted()
    }
    public var territories: [String] {
        Set(entries.flatMap { $0.metrics.map { Array($0.unfilledMinutesByTerritory.keys) } ?? [] }).sorted()
    }
}
