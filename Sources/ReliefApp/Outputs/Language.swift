import ReliefCore

/// The language of what relief writes for people (notices, agendas, the week's page): French first (Quebec).
public enum Language: String, Sendable, CaseIterable {
    case fr, en

    /// Weekdays, Monday first (index `LocalDate.weekday`): `lun.` / `Mon`.
    public var weekdayAbbreviations: [String] {
        switch self {
        case .fr: return ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]
        case .en: return ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        }
    }

    /// Months, January first. French as the Office québécois de la langue française
    /// abbreviates them (juillet is `juil.`; `mars`, `mai`, `juin` and `août` stay whole).
    public var monthAbbreviations: [String] {
        switch self {
        case .fr:
            return ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
        case .en: return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        }
    }
}
