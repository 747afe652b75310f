import Foundation
import ReliefCore

/// One hire profile: what an `add-sitter` change would add to the case.
public struct HireProfile: Sendable, Equatable {
    public enum Source: String, Sendable {
        /// A copy of an existing non-trainee sitter (`like`).
        case clone
        /// Drawn from a group of unfilled visits sharing a territory and competencies.
        case unfilled
    }
    public var source: Source
    /// The sitter copied, for a clone.
    public var like: String?
    /// For an `unfilled` profile: the sitter whose availability it takes (nil: the union of the visits' times).
    public var availabilityFrom: String?
    public var homeTerritory: String
    public var territories: [String]
    public var competencies: Set<String>
    public var credentials: [String: LocalDate?]
    public var availability: [TimeSpan]
    public var targetMinutesPerWeek: Int?
    /// An employee, or a volunteer (`people.md`: visits open to volunteers only, never on call,
    /// the volunteer weekly cap).
    public var kind: SitterKind

    public init(
        source: Source, like: String?, availabilityFrom: String?, homeTerritory: String, territories: [String],
        competencies: Set<String>, credentials: [String: LocalDate?], availability: [TimeSpan],
        targetMinutesPerWeek: Int?, kind: SitterKind = .employee
    ) {
        self.kind = kind
        self.source = source
        self.like = like
        self.availabilityFrom = availabilityFrom
        self.homeTerritory = homeTerritory
        self.territories = territories
        self.competencies = competencies
        self.credentials = credentials
        self.availability = availability
        self.targetMinutesPerWeek = targetMinutesPerWeek
    }
}

/// One suggested hire: the profile, what it adds to the levels, and the visits it fills.
public struct SuggestedHire: Sendable {
    public var step: Int
    /// The new sitter's id in that step's case (`NEW-1`, `NEW-2`, ...).
    public var id: String
    public var profile: HireProfile
    public var status: Schedule.Status
    /// Levels 1-4 with this hire and the ones before it.
    public var levels: Levels
    /// Levels minus the previous step's.
    public var gain: Levels
    /// Visits short in the previous step's schedule that get more sitters in this one, the new sitter among them.
    public var fills: [String]
    /// Visits short before that get more sitters without the new sitter (someone it freed).
    public var fillsFreed: [String]
    /// Candidates evaluated at this step, and how many of their solves failed.
    public var candidates: Int
    public var failedSolves: Int

    public init(
        step: Int, id: String, profile: HireProfile, status: Schedule.Status, levels: Levels, gain: Levels,
        fills: [String], fillsFreed: [String], candidates: Int, failedSolves: Int
    ) {
        self.step = step
        self.id = id
        self.profile = profile
        self.status = status
        self.levels = levels
        self.gain = gain
        self.fills = fills
        self.fillsFreed = fillsFreed
        self.candidates = candidates
        self.failedSolves = failedSolves
    }
}

public struct HireSuggestions: Sendable {
    public enum Stop: String, Sendable {
        /// N hires found.
        case requested
        /// No candidate improves levels 1-4.
        case noGain = "no-gain"
        /// No candidate profile could be drawn from the case.
        case noCandidate = "no-candidate"
    }
    public var caseName: String
    public var requested: Int
    public var cap: Int
    public var baseStatus: Schedule.Status
    public var baseLevels: Levels
    public var hires: [SuggestedHire]
    public var stop: Stop

    public init(
        caseName: String, requested: Int, cap: Int, baseStatus: Schedule.Status, baseLevels: Levels,
        hires: [SuggestedHire], stop: Stop
    ) {
        self.caseName = caseName
        self.requested = requested
        self.cap = cap
        self.baseStatus = baseStatus
        self.baseLevels = baseLevels
        self.hires = hires
        self.stop = stop
    }

    /// How the candidates are drawn, as the output says it.
    public static func rule(cap: Int) -> String {
        "each step: one clone (like) per distinct non-trainee sitter of the case (competencies, home, territories, "
            + "availability, credentials, target), and one new profile per group of the visits still short "
            + "(family territory x competencies: home there, the visits' credentials, the availability of the "
            + "sitter serving that territory whose availability holds most of them, else the union of their times, "
            + "the case's limits); kept: the \(cap) that could take the most short visit-minutes themselves "
            + "(on-call, urgent, high, normal, compared in that order), ties in that order, clones first"
    }
}
