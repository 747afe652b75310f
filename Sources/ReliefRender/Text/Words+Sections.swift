import Foundation

/// The agendas' words (summaries, needs, calendar name and categories, team.csv).
struct AgendaWords: Sendable {
    /// `Visite V1 — famille F1`, from the visit's and the family's ids.
    var visitSummary: @Sendable (_ visit: String, _ family: String) -> String
    /// `Garde OC1`: the first line of a shift's description.
    var shiftHeading: @Sendable (_ shift: String) -> String
    /// A shift's summary and category: `Garde` / `On call`.
    var onCall: String
    var competencies: String
    var credentials: String
    var noNeeds: String
    /// The language in the calendar's PRODID: `FR` / `EN`.
    var calendarLanguage: String
    /// Before the sitter's id in the calendar's name: `Répit — `.
    var calendarName: String
    var visitCategory: String
    var teamHeader: [String]
    /// The `type` column of team.csv.
    var visitKind: String
    var onCallKind: String
    /// Before the other sitters of a double visit: `En binôme avec : `.
    var coWorkers: String
    /// Before the family's phone (`relief agenda --with-contact`).
    var phone: String
}

/// The notices' words: sentences with holes for ids and names (already made safe for a
/// terminal), times (` mar. 24 nov. 18 h 00–21 h 00`, with their leading space) and notes.
struct NoticeWords: Sendable {
    var colon: String
    var semicolon: String
    var sittersTitle: String
    var familiesTitle: String
    /// An empty list of sitters.
    var nobody: String
    /// Between two sitters.
    var and: String
    /// A new request nobody took.
    var notFilled: String
    /// After an item that is gone from the case.
    var cancelledNote: String
    /// Before a shift's id when it moved.
    var onCallShift: String
    /// `18 h 00` / `18:00`
    var clock: @Sendable (_ hour: Int, _ minute: Int) -> String
    var nothing: @Sendable (_ caseName: String) -> String
    var heading: @Sendable (_ caseName: String, _ sitters: Int, _ visits: Int, _ families: Int) -> String
    /// ` (famille F1)`
    var familyNote: @Sendable (_ family: String) -> String
    var newVisit: @Sendable (_ visit: String, _ when: String, _ familyNote: String) -> String
    var newShift: @Sendable (_ shift: String, _ when: String) -> String
    var offVisit: @Sendable (_ visit: String, _ when: String, _ note: String) -> String
    var offShift: @Sendable (_ shift: String, _ when: String, _ note: String) -> String
    var moved: @Sendable (_ what: String, _ to: String, _ from: String, _ family: String) -> String
    /// ` ; famille F1`, inside `moved`'s parentheses.
    var movedFamily: @Sendable (_ family: String) -> String
    var cancelledVisit: @Sendable (_ visit: String, _ when: String) -> String
    var newRequest: @Sendable (_ visit: String, _ when: String, _ who: String) -> String
    var movedWas: @Sendable (_ was: String) -> String
    var nowWas: @Sendable (_ after: String, _ before: String) -> String
    var still: @Sendable (_ after: String) -> String
    /// The first lines: an on-call shift whose staffing changed, an urgent visit lost or gained.
    var onCallLine: @Sendable (_ shift: String, _ when: String, _ now: String, _ was: String) -> String
    var urgentLine:
        @Sendable (_ visit: String, _ when: String, _ familyNote: String, _ now: String, _ was: String) -> String
    /// `aucune personne de garde`, `1 personne de garde sur 2`, `couverte`.
    var shiftState: @Sendable (_ now: Int, _ needed: Int) -> String
    /// `non pourvue`, `1 intervenante sur 2`, `pourvue`.
    var visitState: @Sendable (_ now: Int, _ needed: Int) -> String
    /// ` (avant : couverte)`
    var was: @Sendable (_ state: String) -> String
}

/// The what-if page's words (`relief whatif --format html`): headings, columns, statuses, notes.
struct WhatIfWords: Sendable {
    /// `Et si…` / `What if`: the page's title and heading.
    var title: String
    /// After the number of scenarios, under the heading.
    var compared: String
    var status: [WhatIfEntry.Status: String]
    /// Levels 1-4: on-call minutes, then urgent, high and normal positions.
    var levels: [String]
    var chartTitle: String
    var chartIntro: String
    /// The chart's `aria-label`.
    var chartLabel: String
    var comparison: String
    var scenario: String
    var statusHeading: String
    /// Unfilled hours per priority: urgent, high, normal.
    var unfilledHours: [String]
    var onCallUnstaffed: String
    var hoursUsed: String
    var travel: String
    var seconds: String
    /// Under the comparison: what the brackets and the travel column mean.
    var note: String
    var byCompetency: String
    var byTerritory: String
    /// A breakdown with nothing unfilled.
    var none: String
    var notSolved: String
}

/// The words of `relief simulate`'s table (one row per week).
struct SimulateWords: Sendable {
    /// `CASE : N semaines planifiées` (the case's name already safe for a terminal).
    var planned: @Sendable (_ caseName: String, _ weeks: Int) -> String
    /// Before the fair-share placement: `part équitable : `.
    var fairShare: String
    /// By `rules.fairShare` value.
    var placement: [String: String]
    /// By schedule status.
    var status: [String: String]
    /// The columns before the programs': week, start, status, minimum, 10th percentile and
    /// median share, families never served, positions filled, normal positions filled.
    var columns: [String]
    /// Under the table: what the columns count.
    var note: String
}
