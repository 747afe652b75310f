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

    /// Scenario levels minus the base's, when both were solved.
    public func delta(_ e: WhatIfEntry) -> Levels? {
        guard let a = e.metrics?.levels, let b = base.metrics?.levels else { return nil }
        return Levels(vector: zip(a.vector, b.vector).map { $0 - $1 })
    }

    /// Every competency / territory with unfilled minutes in some row, sorted.
    public var competencies: [String] {
        Set(entries.flatMap { $0.metrics.map { Array($0.unfilledMinutesByCompetency.keys) } ?? [] }).sorted()
    }
    public var territories: [String] {
        Set(entries.flatMap { $0.metrics.map { Array($0.unfilledMinutesByTerritory.keys) } ?? [] }).sorted()
    }
}
