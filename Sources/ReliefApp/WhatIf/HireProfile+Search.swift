import Foundation
import ReliefCore
import ReliefRender

/// What the hire search does with a profile: apply it to the case, and tell two apart.
extension HireProfile {
    /// The `add-sitter` change of the contract that adds this profile.
    var change: ScenarioChange {
        switch source {
        case .clone:
            return .addSitter(template: ScenarioSitter(kind: kind), count: 1, like: like)
        case .unfilled:
            return .addSitter(
                template: ScenarioSitter(
                    homeTerritory: homeTerritory, territories: territories, competencies: competencies,
                    credentials: credentials, trainee: false, availability: availability, kind: kind),
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
        ].joined(separator: "|") + (kind == .volunteer ? "|volunteer" : "")
    }
}
