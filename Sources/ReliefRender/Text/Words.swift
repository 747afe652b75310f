import Foundation
import ReliefCore

extension Language {
    var text: ReportText { self == .fr ? .french : .english }
}

struct ReportText {
    var htmlLang: String
    var title: String
    var weekOf: String
    var status: [Schedule.Status: String]
    var solvedIn: String
    var sitters: String
    var visits: String
    var shifts: String
    var coverage: String
    var coverageIntro: String
    var level: String
    var filled: String
    var needed: String
    var percent: String
    var onCallMinutes: String
    var priority: [Priority: String]
    var priorityWord: String
    var chartTitle: String
    var onCallLine: String
    var onCallIntro: String
    var noGaps: String
    var gapsHeading: String
    var lineState: [String: String]
    var from: String
    var to: String
    var people: String
    var unstaffedShifts: String
    var grid: String
    var gridIntro: String
    var sitter: String
    var legend: String
    var onCallBlock: String
    var urgentMark: String
    var highMark: String
    var lockedMark: String
    var unfilledRow: String
    var nothing: String
    var unfilled: String
    var unfilledIntro: String
    var noUnfilled: String
    var visit: String
    var when: String
    var family: String
    var territory: String
    var missing: String
    var reasons: String
    var hours: String
    var hoursIntro: String
    var visitHours: String
    var target: String
    var difference: String
    var onCallCount: String
    var noTarget: String
    var hoursKey: [String]
    var visitCount: String
    var through: String
    var shift: String
    var unavailable: String
    var broken: String
    var brokenIntro: String
    var trainee: String
    var weekdays: [String]
    var months: [String]
    var decimalComma: Bool

    static let french = ReportText(
        htmlLang: "fr-CA", title: "La semaine sur une page", weekOf: "Semaine du",
        status: [.optimal: "optimal (prouvé)", .feasible: "réalisable (optimalité non prouvée)"],
        solvedIn: "résolu en", sitters: "intervenantes et intervenants", visits: "visites",
        shifts: "gardes", coverage: "Couverture par priorité",
        coverageIntro: "Postes pourvus sur postes demandés (une visite à deux personnes compte deux postes); "
            + "pour la garde, minutes couvertes sur minutes demandées.",
        level: "Niveau", filled: "Pourvus", needed: "Demandés", percent: "Taux",
        onCallMinutes: "Garde 24/7 (minutes)",
        priority: [.urgent: "Urgente", .high: "Haute", .normal: "Normale"], priorityWord: "Priorité",
        chartTitle: "Taux de couverture par niveau", onCallLine: "Ligne de garde 24/7",
        onCallIntro: "Qui répond à la ligne, heure par heure; en rouge, les trous.",
        noGaps: "Aucun trou : la ligne a toujours quelqu’un.", gapsHeading: "Trous de la ligne",
        lineState: [
            "staffed": "couverte", "short": "personnel incomplet", "nobody": "personne de garde",
            "uncovered": "aucune garde prévue",
        ], from: "Début", to: "Fin", people: "De garde", unstaffedShifts: "Gardes non pourvues",
        grid: "Horaire des intervenants",
        gridIntro: "Une ligne par personne, une colonne par jour; chaque bloc porte les initiales du territoire.",
        sitter: "Intervenant·e", legend: "Territoires", onCallBlock: "Garde", urgentMark: "urgente",
        highMark: "haute", lockedMark: "verrouillée", unfilledRow: "Non pourvues", nothing: "—",
        unfilled: "Visites non pourvues",
        unfilledIntro: "Chaque visite à qui il manque quelqu’un, avec les raisons données par le planificateur.",
        noUnfilled: "Toutes les visites sont pourvues.", visit: "Visite", when: "Quand", family: "Famille",
        territory: "Territoire", missing: "Manque", reasons: "Raisons", hours: "Heures par intervenant·e",
        hoursIntro: "Heures de visite de la semaine contre la cible du contrat (targetMinutesPerWeek).",
        visitHours: "Heures", target: "Cible", difference: "Écart", onCallCount: "Gardes",
        noTarget: "sans cible",
        hoursKey: ["à 10 % près de la cible", "plus de 10 % au-dessus", "plus de 10 % en dessous"],
        visitCount: "Visites", through: "au", shift: "Garde", unavailable: "non disponible",
        broken: "Ce planning enfreint des règles",
        brokenIntro: "relief verify trouve ces problèmes; replanifiez avant de publier :",
        trainee: "stagiaire",
        weekdays: Language.fr.weekdayAbbreviations, months: Language.fr.monthAbbreviations,
        decimalComma: true)

    static let english = ReportText(
        htmlLang: "en-CA", title: "The week on one page", weekOf: "Week of",
        status: [.optimal: "optimal (proven)", .feasible: "feasible (optimality not proven)"],
        solvedIn: "solved in", sitters: "sitters", visits: "visits", shifts: "on-call shifts",
        coverage: "Coverage by priority",
        coverageIntro: "Positions filled out of positions needed (a visit for two people counts two); "
            + "for on-call, minutes staffed out of minutes needed.",
        level: "Level", filled: "Filled", needed: "Needed", percent: "Rate", onCallMinutes: "24/7 on-call (minutes)",
        priority: [.urgent: "Urgent", .high: "High", .normal: "Normal"], priorityWord: "Priority",
        chartTitle: "Coverage rate by level",
        onCallLine: "24/7 on-call line", onCallIntro: "Who answers the line, hour by hour; gaps in red.",
        noGaps: "No gaps: someone always answers the line.", gapsHeading: "Gaps in the line",
        lineState: [
            "staffed": "staffed", "short": "short-staffed", "nobody": "nobody on call",
            "uncovered": "no shift planned",
        ], from: "From", to: "To", people: "On call", unstaffedShifts: "Unstaffed shifts",
        grid: "Sitters' week",
        gridIntro: "One row per person, one column per day; each block shows its territory's initials.",
        sitter: "Sitter", legend: "Territories", onCallBlock: "On call", urgentMark: "urgent", highMark: "high",
        lockedMark: "locked", unfilledRow: "Unfilled", nothing: "—", unfilled: "Unfilled visits",
        unfilledIntro: "Every visit still missing someone, with the planner's reasons.",
        noUnfilled: "Every visit is filled.", visit: "Visit", when: "When", family: "Family", territory: "Territory",
        missing: "Missing", reasons: "Reasons", hours: "Hours per sitter",
        hoursIntro: "Visit hours in the week against the contract target (targetMinutesPerWeek).",
        visitHours: "Hours", target: "Target", difference: "Difference", onCallCount: "On call",
        noTarget: "no target",
        hoursKey: ["within 10 % of the target", "more than 10 % over", "more than 10 % under"],
        visitCount: "Visits", through: "to", shift: "Shift", unavailable: "not available",
        broken: "This schedule breaks rules",
        brokenIntro: "relief verify finds these problems; re-plan before publishing:", trainee: "trainee",
        weekdays: Language.en.weekdayAbbreviations, months: Language.en.monthAbbreviations,
        decimalComma: false)

    /// `lun. 23 nov.` / `Mon Nov 23`
    func day(_ d: LocalDate) -> String {
        let c = d.components
        let w = weekdays[d.weekday]
        return decimalComma ? "\(w) \(c.day) \(months[c.month - 1])" : "\(w) \(months[c.month - 1]) \(c.day)"
    }

    /// `23 nov. 2026` / `Nov 23, 2026`
    func date(_ d: LocalDate) -> String {
        let c = d.components
        return decimalComma ? "\(c.day) \(months[c.month - 1]) \(c.year)" : "\(months[c.month - 1]) \(c.day), \(c.year)"
    }

    /// `22,5` / `22.5` hours from minutes (one decimal, none when whole).
    func hours(_ minutes: Int) -> String {
        let tenths = Int((Double(minutes) / 6).rounded())
        let whole = "\(tenths / 10)"
        let s = tenths % 10 == 0 ? whole : "\(whole)\(decimalComma ? "," : ".")\(abs(tenths % 10))"
        return s + (decimalComma ? " h" : " h")
    }

    /// `90 %` (French, with a no-break space) / `90%`
    func percent(_ fraction: Double) -> String {
        let p = Int((fraction * 100).rounded(.down))
        return decimalComma ? "\(p)\u{A0}%" : "\(p)%"
    }

    /// `12 345` / `12,345`
    func number(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += decimalComma ? "\u{A0}" : "," }
            out.append(ch)
        }
        return (n < 0 ? "−" : "") + out
    }
}
