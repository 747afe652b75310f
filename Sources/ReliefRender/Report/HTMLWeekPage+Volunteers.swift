import Foundation
import ReliefCore

/// The week page: volunteers (`people.md`) marked by a small letter beside their name, with its
/// key in the legend; a case without volunteers gets none of it, style included (the page of before).
extension HTMLWeekPage {
    var hasVolunteers: Bool { week.theCase.sitters.contains(where: \.isVolunteer) }

    /// The mark after a volunteer's name; nothing for an employee.
    func volunteerMark(_ s: Sitter) -> String {
        s.isVolunteer ? " <abbr class=\"vol\" title=\"\(t.volunteer)\">\(t.volunteerMark)</abbr>" : ""
    }

    /// The legend's line for the mark, when the case has volunteers.
    var volunteerLegend: String {
        hasVolunteers
            ? "<li><abbr class=\"vol\" title=\"\(t.volunteer)\">\(t.volunteerMark)</abbr> \(t.volunteer)</li>\n" : ""
    }

    /// A discreet letter in a ring: readable in grey on paper, not a colour of its own.
    static let volunteerStyle = """
        abbr.vol { display: inline-block; min-width: 1.4em; border: 1px solid #555; border-radius: 0.7em;
          font-size: 9px; line-height: 1.3; text-align: center; text-decoration: none; color: #333;
          vertical-align: 1px; margin-left: 2px; }
        """
}
