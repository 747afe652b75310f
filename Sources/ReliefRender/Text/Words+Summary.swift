import Foundation
import ReliefCore

/// The words of `relief plan`'s summary on stdout, and reasons for a terminal or a page.
public struct SummaryWords: Sendable {
    public var caseLine: @Sendable (_ name: String, _ sitters: Int, _ visits: Int, _ shifts: Int) -> String
    public var proven: String
    /// `gap` in percent, already formatted.
    public var notProven: @Sendable (_ gap: String) -> String
    public var status: @Sendable (_ status: String, _ seconds: String) -> String
    public var stoppedEarly: @Sendable (_ why: String) -> String
    public var onCall: @Sendable (_ staffed: Int, _ total: Int) -> String
    public var shortShifts: @Sendable (_ count: Int) -> String
    public var leastChange: @Sendable (_ kept: Int, _ published: Int) -> String
    public var provenMost: String
    public var bound: @Sendable (_ bound: Int) -> String
    /// `urgent` / `urgente`, padded by the caller.
    public var priority: [Priority: String]
    public var positions: @Sendable (_ filled: Int, _ positions: Int, _ percent: String) -> String
    public var model: @Sendable (_ rows: Int, _ columns: Int, _ binaries: Int, _ nonZeros: Int) -> String
    public var unstaffedHeading: String
    public var unfilledHeading: String
    public var missing: @Sendable (_ count: Int) -> String
    public var written: @Sendable (_ path: String) -> String
    /// `2,35` / `2.35`
    public var decimal: @Sendable (_ value: Double, _ digits: Int) -> String
    let reason: ReasonWords

    /// A reason's sentence in this language (French from its facts; English: the schedule's `detail`).
    public func text(_ r: Reason) -> String { reason.text(r) }

    public init(_ language: Language) { self = language == .fr ? .french : .english }

    init(
        _ caseLine: @escaping @Sendable (String, Int, Int, Int) -> String, proven: String,
        notProven: @escaping @Sendable (String) -> String, status: @escaping @Sendable (String, String) -> String,
        stoppedEarly: @escaping @Sendable (String) -> String, onCall: @escaping @Sendable (Int, Int) -> String,
        shortShifts: @escaping @Sendable (Int) -> String, leastChange: @escaping @Sendable (Int, Int) -> String,
        provenMost: String, bound: @escaping @Sendable (Int) -> String, priority: [Priority: String],
        positions: @escaping @Sendable (Int, Int, String) -> String,
        model: @escaping @Sendable (Int, Int, Int, Int) -> String, unstaffedHeading: String, unfilledHeading: String,
        missing: @escaping @Sendable (Int) -> String, written: @escaping @Sendable (String) -> String,
        decimalComma: Bool, reason: ReasonWords
    ) {
        (self.caseLine, self.proven, self.notProven, self.status) = (caseLine, proven, notProven, status)
        (self.stoppedEarly, self.onCall, self.shortShifts, self.leastChange) =
            (stoppedEarly, onCall, shortShifts, leastChange)
        (self.provenMost, self.bound, self.priority, self.positions) = (provenMost, bound, priority, positions)
        (self.model, self.unstaffedHeading, self.unfilledHeading) = (model, unstaffedHeading, unfilledHeading)
        (self.missing, self.written, self.reason) = (missing, written, reason)
        decimal = { v, d in
            let s = String(format: "%.\(d)f", v)
            return decimalComma ? s.replacingOccurrences(of: ".", with: ",") : s
        }
    }

    static let french = SummaryWords(
        { "cas \($0) : \($1) intervenant·es, \($2) visites, \($3) gardes" }, proven: "optimal (prouvé)",
        notProven: { "réalisable, optimalité non prouvée (écart \($0) %)" },
        status: { "statut : \($0), résolu en \($1) s" },
        stoppedEarly: { "arrêt anticipé (\($0)) : le meilleur planning trouvé jusque-là" },
        onCall: { "garde : \($0) minutes couvertes sur \($1)" },
        shortShifts: { " (\($0) garde\($0 == 1 ? "" : "s") incomplète\($0 == 1 ? "" : "s"))" },
        leastChange: { "moindre changement : \($0) affectations publiées gardées sur \($1)" },
        provenMost: " (maximum prouvé)", bound: { " (borne \($0))" },
        priority: [.urgent: "urgente", .high: "haute", .normal: "normale"],
        positions: { "\($0) postes pourvus sur \($1) (\($2) %)" },
        model: { "modèle : \($0) lignes, \($1) colonnes (\($2) binaires), \($3) non-zéros" },
        unstaffedHeading: "gardes non pourvues :", unfilledHeading: "visites non pourvues :",
        missing: { "manque \($0) : " }, written: { "planning écrit dans \($0)" }, decimalComma: true,
        reason: .french)

    static let english = SummaryWords(
        { "case \($0): \($1) sitters, \($2) visits, \($3) on-call shifts" }, proven: "optimal (proven)",
        notProven: { "feasible, not proven optimal (gap \($0) %)" }, status: { "status: \($0), solved in \($1) s" },
        stoppedEarly: { "stopped early (\($0)): the best schedule found so far" },
        onCall: { "on-call: \($0) of \($1) minutes staffed" },
        shortShifts: { " (\($0) shift\($0 == 1 ? "" : "s") short)" },
        leastChange: { "least change: \($0) of \($1) published assignments kept" }, provenMost: " (proven most)",
        bound: { " (bound \($0))" }, priority: [.urgent: "urgent", .high: "high", .normal: "normal"],
        positions: { "\($0) of \($1) positions filled (\($2) %)" },
        model: { "model: \($0) rows, \($1) columns (\($2) binary), \($3) non-zeros" },
        unstaffedHeading: "unstaffed on-call shifts:", unfilledHeading: "unfilled visits:",
        missing: { "missing \($0): " }, written: { "schedule written to \($0)" }, decimalComma: false,
        reason: .english)
}

/// The words of `relief whatif --min-staff`'s text.
struct MinStaffWords: Sendable {
    var needed: @Sendable (_ caseName: String, _ count: Int, _ lowerBound: Int, _ status: String) -> String
    var status: [String: String]
    var levels: @Sendable (_ onCall: Int, _ urgent: Int, _ high: Int, _ normal: Int) -> String
    var proven: String
    var notProven: String
    /// The base schedule's headcount, the overlap bound (the most positions at one time) and the seconds.
    var search: @Sendable (_ base: Int, _ overlap: Int, _ seconds: String) -> String
    var stoppedBy: @Sendable (_ why: String) -> String
    var sitters: String
    var seconds: @Sendable (Double) -> String
    /// Employees and volunteers of the headcount (`people.md`), for a case with volunteers.
    var split: @Sendable (_ employees: Int, _ volunteers: Int) -> String

    init(_ language: Language) { self = language == .fr ? .french : .english }

    init(
        needed: @escaping @Sendable (String, Int, Int, String) -> String, status: [String: String],
        levels: @escaping @Sendable (Int, Int, Int, Int) -> String, proven: String, notProven: String,
        search: @escaping @Sendable (Int, Int, String) -> String, stoppedBy: @escaping @Sendable (String) -> String,
        sitters: String, split: @escaping @Sendable (Int, Int) -> String, summary: SummaryWords
    ) {
        self.split = split
        (self.needed, self.status, self.levels, self.proven, self.notProven) =
            (needed, status, levels, proven, notProven)
        (self.search, self.stoppedBy, self.sitters) = (search, stoppedBy, sitters)
        seconds = { summary.decimal($0, 2) }
    }

    static let french = MinStaffWords(
        needed: { "\($0) : \($1) intervenant·es nécessaires (borne inférieure \($2), \($3))" },
        status: ["optimal": "optimal", "feasible": "réalisable"],
        levels: { "niveaux : garde \($0) min, urgentes \($1), hautes \($2), normales \($3)" },
        proven: " (optimal prouvé)", notProven: " (non prouvé)",
        search: {
            "le planning de base en employait \($0) ; borne de chevauchement (le plus de postes à la fois) \($1) ; \($2) s"
        },
        stoppedBy: { ", arrêté par \($0)" }, sitters: "intervenant·es : ",
        split: { "dont \($0) employé\($0 > 1 ? "·es" : "·e") et \($1) bénévole\($1 > 1 ? "s" : "")" },
        summary: .french)

    static let english = MinStaffWords(
        needed: { "\($0): \($1) sitters needed (lower bound \($2), \($3))" },
        status: ["optimal": "optimal", "feasible": "feasible"],
        levels: { "levels: on-call \($0) min, urgent \($1), high \($2), normal \($3)" }, proven: " (proven optimal)",
        notProven: " (not proven)", search: { "base schedule used \($0); overlap bound \($1); \($2) s" },
        stoppedBy: { ", stopped by \($0)" }, sitters: "sitters: ",
        split: { "of whom \($0) employee\($0 == 1 ? "" : "s") and \($1) volunteer\($1 == 1 ? "" : "s")" },
        summary: .english)
}

/// The words of `relief whatif`'s text table (the page's are `WhatIfWords`, reused for the statuses and titles).
struct WhatIfTextWords: Sendable {
    var heading: @Sendable (_ caseName: String, _ scenarios: Int) -> String
    var columns: [String]
    var note: String
    var none: String
    var notSolved: String
    /// The title of the scenarios' warnings (sitters who can never work).
    var warnings: String
    var fix: String
    /// ` :` / `:` after a title.
    var colon: String
    var page: WhatIfWords
    /// The columns of a case with programs or ledgers (`weeks.md`).
    var weeks: WhatIfWeeksWords

    init(_ language: Language) { self = language == .fr ? .french : .english }

    init(
        heading: @escaping @Sendable (String, Int) -> String, columns: [String], note: String, none: String,
        notSolved: String, warnings: String, fix: String, colon: String, page: WhatIfWords, weeks: WhatIfWeeksWords
    ) {
        (self.heading, self.columns, self.note, self.none) = (heading, columns, note, none)
        (self.notSolved, self.warnings, self.fix, self.colon, self.page) = (notSolved, warnings, fix, colon, page)
        self.weeks = weeks
    }

    static let french = WhatIfTextWords(
        heading: {
            "et si : cas \($0), \($1) scénario\($1 == 1 ? "" : "s") comparé\($1 == 1 ? "" : "s") au cas de base"
        },
        columns: [
            "scénario", "statut", "garde min", "urgentes", "hautes", "normales", "h non comblées urg/haut/norm",
            "garde non couverte", "heures données/contrat", "déplacement min", "secondes",
        ],
        note: "(niveaux avec leur écart au cas de base; déplacement du territoire d’attache de chaque personne à "
            + "chaque visite, aller seulement, comme le compte le niveau 5)\n",
        none: "aucune", notSolved: "non résolus", warnings: "avertissements", fix: "correction", colon: " :",
        page: .french,
        weeks: WhatIfWeeksWords(
            share: "part min ‰",
            shareNote: "(part min : la plus petite part du temps demandé qu’une famille reçoit, "
                + "semaines passées comprises, en pour mille)\n",
            programs: "programmes (minutes servies / budget)", noLimit: "sans limite"))

    static let english = WhatIfTextWords(
        heading: { "what if: case \($0), \($1) scenario\($1 == 1 ? "" : "s") against the base" },
        columns: [
            "scenario", "status", "on-call min", "urgent", "high", "normal", "unfilled h urg/high/norm",
            "on-call unstaffed", "hours used/contract", "travel min", "seconds",
        ],
        note: "(levels with their change against the base; travel from each sitter's home territory to each visit,"
            + " one way, as level 5 counts it)\n",
        none: "none", notSolved: "not solved", warnings: "warnings", fix: "fix", colon: ":", page: .english,
        weeks: WhatIfWeeksWords(
            share: "min share ‰",
            shareNote: "(min share: the smallest part of its requested time a family receives, "
                + "past weeks included, per mille)\n",
            programs: "programs (served minutes / budget)", noLimit: "no limit"))
}

/// What `relief whatif`'s text adds for a case with programs or ledgers (`weeks.md`).
struct WhatIfWeeksWords: Sendable {
    /// The column of the fair-share level.
    var share: String
    /// Under the table: what the column means.
    var shareNote: String
    /// The title of the programs' table.
    var programs: String
    /// A program without a budget.
    var noLimit: String
}
