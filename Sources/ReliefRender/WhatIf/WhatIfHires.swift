import Foundation
import ReliefCore
import ReliefRender

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

    /// The `add-sitter` change of the contract that adds this profile.
    public var change: ScenarioChange {
        switch source {
        case .clone:
            return .addSitter(template: ScenarioSitter(), count: 1, like: like)
        case .unfilled:
            return .addSitter(
                template: ScenarioSitter(
                    homeTerritory: homeTerritory, territories: territories, competencies: competencies,
                    credentials: credentials, trainee: false, availability: availability),
                count: 1, like: nil)
        }
    }

    /// What makes two profiles the same hire.
    var key: String {
        let spans = availability.map { "\($0.start.seconds)-\($0.end.seconds)" }.joined(separator: ",")
        let creds = credentials.keys.sorted().map { "\($0)=\(credentials[$0]!.map { "\($0.day)" } ?? "-")" }
        return [
            competencies.sorted().joined(separator: ","), homeTerritory, territories.joined(separator: ","), spans,
            creds.joined(separator: ","), "\(targetMinutesPerWeek ?? -1)",
        ].joined(separator: "|")
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
