import ReliefCore

/// The language of what relief writes for people (notices, agendas, the week's page): French first (Quebec).
/// Its words are in one table, `Words`.
public enum Language: String, Sendable, CaseIterable {
    case fr, en

    /// Weekdays, Monday first (index `LocalDate.weekday`): `lun.` / `Mon` (from `Words`).
    public var weekdayAbbreviations: [String] { words.weekdays }

    /// Months, January first: `janv.` / `Jan` (from `Words`).
    public var monthAbbreviations: [String] { words.months }
}
