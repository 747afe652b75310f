import Foundation
import ReliefCore

extension Words {
    static let french = Words(
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
            "staffed": "couverte", "short": "personnel incomplet", "nobody": "personne n’est de garde",
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
        trainee: "stagiaire", volunteer: "bénévole", volunteerMark: "B",
        gap: "TROU", weekdays: ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
        months: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
        decimalComma: true, agenda: .french, notice: .french, whatIf: .french, reason: .french)

    static let english = Words(
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
        volunteer: "volunteer", volunteerMark: "V",
        gap: "GAP", weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
        decimalComma: false, agenda: .english, notice: .english, whatIf: .english, reason: .english)
}

extension AgendaWords {
    static let french = AgendaWords(
        visitSummary: { "Visite \($0) — famille \($1)" }, shiftHeading: { "Garde \($0)" }, onCall: "Garde",
        competencies: "Compétences : ", credentials: "Attestations : ", noNeeds: "Aucun besoin particulier",
        calendarLanguage: "FR", calendarName: "Répit — ", visitCategory: "Visite",
        teamHeader: ["intervenant", "date", "début", "fin", "type", "activité", "territoire"], visitKind: "visite",
        onCallKind: "garde", coWorkers: "En binôme avec : ", phone: "Téléphone de la famille : ")

    static let english = AgendaWords(
        visitSummary: { "Visit \($0) — family \($1)" }, shiftHeading: { "On-call shift \($0)" }, onCall: "On call",
        competencies: "Competencies: ", credentials: "Credentials: ", noNeeds: "No particular needs",
        calendarLanguage: "EN", calendarName: "Respite — ", visitCategory: "Visit",
        teamHeader: ["sitter", "date", "start", "end", "kind", "item", "territory"], visitKind: "visit",
        onCallKind: "on-call", coWorkers: "With: ", phone: "Family's phone: ")
}

extension NoticeWords {
    static let french = NoticeWords(
        colon: " : ", semicolon: " ; ", sittersTitle: "Intervenantes :", familiesTitle: "Familles :",
        nobody: "personne", and: " et ", notFilled: "non pourvue", cancelledNote: " (annulée)",
        onCallShift: "garde ",
        clock: { h, m in "\(h < 10 ? "0" : "")\(h) h \(m < 10 ? "0" : "")\(m)" },
        nothing: { "Aucun changement pour \($0) : personne à appeler." },
        heading: { caseName, sitters, visits, families in
            let people = "\(sitters) intervenante\(sitters > 1 ? "s" : "")"
            let visits =
                visits == 0
                ? "" : ", \(visits) visite\(visits > 1 ? "s" : "") de \(families) famille\(families > 1 ? "s" : "")"
            return "Changements pour \(caseName) : \(people)\(visits) à appeler."
        },
        familyNote: { " (famille \($0))" },
        newVisit: { "nouvelle visite \($0)\($1)\($2)" }, newShift: { "nouvelle garde \($0)\($1)" },
        offVisit: { "ne fait plus \($0)\($1)\($2)" }, offShift: { "n'est plus de garde \($0)\($1)\($2)" },
        moved: { what, to, from, family in "\(what) déplacée au\(to) (avant :\(from)\(family))" },
        movedFamily: { " ; famille \($0)" }, cancelledVisit: { "\($0)\($1) annulée" },
        newRequest: { "nouvelle demande \($0)\($1) : \($2)" }, movedWas: { "déplacée (avant :\($0))" },
        nowWas: { "maintenant \($0) (avant : \($1))" }, still: { "toujours \($0)" },
        onCallLine: { shift, when, now, was in "Ligne de garde, \(shift)\(when) : \(now)\(was)" },
        urgentLine: { visit, when, family, now, was in "Visite urgente \(visit)\(when)\(family) : \(now)\(was)" },
        shiftState: { now, needed in
            now >= needed
                ? "couverte"
                : now == 0 ? "aucune personne de garde" : "\(now) personne\(now > 1 ? "s" : "") de garde sur \(needed)"
        },
        visitState: { now, needed in
            now >= needed
                ? "pourvue" : now == 0 ? "non pourvue" : "\(now) intervenante\(now > 1 ? "s" : "") sur \(needed)"
        },
        was: { " (avant : \($0))" })

    static let english = NoticeWords(
        colon: ": ", semicolon: "; ", sittersTitle: "Sitters:", familiesTitle: "Families:",
        nobody: "nobody", and: " and ", notFilled: "not filled", cancelledNote: " (cancelled)",
        onCallShift: "on-call shift ",
        clock: { h, m in String(format: "%02d:%02d", h, m) },
        nothing: { "No change for \($0): nobody to call." },
        heading: { caseName, sitters, visits, families in
            let people = "\(sitters) sitter\(sitters == 1 ? "" : "s")"
            let visits =
                visits == 0
                ? "" : ", \(visits) visit\(visits == 1 ? "" : "s") of \(families) famil\(families == 1 ? "y" : "ies")"
            return "Changes for \(caseName): \(people)\(visits) to call."
        },
        familyNote: { " (family \($0))" },
        newVisit: { "new visit \($0)\($1)\($2)" }, newShift: { "new on-call shift \($0)\($1)" },
        offVisit: { "no longer on \($0)\($1)\($2)" }, offShift: { "no longer on call \($0)\($1)\($2)" },
        moved: { what, to, from, family in "\(what) moved to\(to) (was\(from)\(family))" },
        movedFamily: { "; family \($0)" }, cancelledVisit: { "\($0)\($1) cancelled" },
        newRequest: { "new request \($0)\($1): \($2)" }, movedWas: { "moved (was\($0))" },
        nowWas: { "now \($0) (was \($1))" }, still: { "still \($0)" },
        onCallLine: { shift, when, now, was in "On-call line, \(shift)\(when): \(now)\(was)" },
        urgentLine: { visit, when, family, now, was in "Urgent visit \(visit)\(when)\(family): \(now)\(was)" },
        shiftState: { now, needed in
            now >= needed ? "covered" : now == 0 ? "nobody on call" : "\(now) of \(needed) on call"
        },
        visitState: { now, needed in
            now >= needed ? "filled" : now == 0 ? "not filled" : "\(now) of \(needed) sitters"
        },
        was: { " (was: \($0))" })
}

extension WhatIfWords {
    static let french = WhatIfWords(
        title: "Et si…", compared: "scénario(s) comparé(s) au cas de base",
        status: [.optimal: "optimal", .feasible: "réalisable", .invalid: "invalide", .error: "erreur"],
        levels: ["garde (minutes)", "urgentes", "hautes", "normales"], chartTitle: "Couverture par scénario",
        chartIntro: "Chaque barre : part de ce qu’il faudrait pour tout combler "
            + "(garde, puis places urgentes, hautes, normales).",
        chartLabel: "couverture par scénario", comparison: "Comparaison", scenario: "scénario",
        statusHeading: "statut",
        unfilledHours: ["h non comblées urgentes", "h non comblées hautes", "h non comblées normales"],
        onCallUnstaffed: "garde non couverte (min)", hoursUsed: "heures données / contrat",
        travel: "déplacement (min)", seconds: "secondes",
        note: "Entre parenthèses : l’écart avec le cas de base. Déplacement : du territoire d’attache de chaque "
            + "personne à chaque visite, aller seulement, comme le compte le niveau 5.",
        byCompetency: "Heures de visite non comblées par compétence",
        byTerritory: "Heures de visite non comblées par territoire", none: "Aucune.",
        notSolved: "Scénarios non résolus")

    static let english = WhatIfWords(
        title: "What if", compared: "scenario(s) compared with the base case",
        status: [.optimal: "optimal", .feasible: "feasible", .invalid: "invalid", .error: "error"],
        levels: ["on-call (minutes)", "urgent", "high", "normal"], chartTitle: "Coverage per scenario",
        chartIntro: "Each bar: the share of what full coverage needs (on-call, then urgent, high, normal positions).",
        chartLabel: "coverage per scenario", comparison: "Comparison", scenario: "scenario", statusHeading: "status",
        unfilledHours: ["unfilled h urgent", "unfilled h high", "unfilled h normal"],
        onCallUnstaffed: "on-call unstaffed (min)", hoursUsed: "hours used / contract", travel: "travel (min)",
        seconds: "seconds",
        note: "In brackets: the change against the base case. Travel: from each sitter's home territory to each "
            + "visit, one way, as level 5 counts it.",
        byCompetency: "Unfilled visit-hours by competency", byTerritory: "Unfilled visit-hours by territory",
        none: "None.", notSolved: "Scenarios not solved")
}

extension SimulateWords {
    static let french = SimulateWords(
        planned: { "\($0) : \($1) semaine\($1 == 1 ? "" : "s") planifiée\($1 == 1 ? "" : "s")" },
        fairShare: "part équitable : ",
        placement: [
            "off": "hors des niveaux", "after-normal": "après les normales", "before-normal": "avant les normales",
        ],
        status: ["optimal": "optimal", "feasible": "réalisable"],
        columns: [
            "sem.", "début", "statut", "part min", "10e centile", "médiane", "jamais servies", "postes pourvus",
            "normaux",
        ],
        note: "Parts : servi / demandé de chaque famille, semaines du registre comptées comprises (weeks.md). "
            + "Jamais servies : familles qui n’ont rien reçu ni cette semaine ni dans les semaines comptées. "
            + "Programmes : minutes servies / budget.")

    static let english = SimulateWords(
        planned: { "\($0): \($1) week\($1 == 1 ? "" : "s") planned" },
        fairShare: "fair share: ",
        placement: ["off": "off", "after-normal": "after normal", "before-normal": "before normal"],
        status: ["optimal": "optimal", "feasible": "feasible"],
        columns: [
            "week", "start", "status", "min share", "10th pct", "median", "never served", "positions filled",
            "normal",
        ],
        note: "Shares: each family's served / requested minutes, the counted ledger weeks included (weeks.md). "
            + "Never served: families served nothing this week nor in the counted weeks. "
            + "Programs: served minutes / budget.")
}
