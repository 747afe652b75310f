import Foundation

/// The words of the service to families and programs (`weeks.md`): the plan summary's lines
/// and the week page's section. Percents come formatted (`42,5` / `42.5`), ids made safe.
public struct ServiceWords: Sendable {
    /// The summary: the fair-share level.
    var fairShare: @Sendable (_ percent: String) -> String
    /// The summary: the families furthest behind, each `F12 33,3 %`.
    var behind: @Sendable (_ list: [String]) -> String
    /// The summary: a program's served minutes against its budget.
    var programLine: @Sendable (_ id: String, _ served: Int, _ budget: Int?, _ percent: Int?) -> String
    // The week page.
    var title: String
    var intro: String
    var level: @Sendable (_ percent: String) -> String
    var family: String
    /// The family table's columns: this week served / asked, this week's share, earlier weeks served / asked,
    /// the share over the ledger and this week.
    var thisWeek: String
    var weekShare: String
    var earlier: String
    var share: String
    var chartTitle: String
    var chartIntro: String
    /// The chart's description: `3 familles entre 40 % et 50 %`.
    var band: @Sendable (_ count: Int, _ from: Int, _ to: Int) -> String
    var levelMark: String
    var programs: String
    var programsIntro: String
    var program: String
    var served: String
    var budget: String
    var used: String
    var noBudget: String
    /// Why the families at the fair share are there: the heading, and a family whose visits
    /// this week are all filled (its earlier weeks, served and asked, in hours).
    var whyTitle: String
    var ledgerWhy: @Sendable (_ served: String, _ asked: String) -> String
    /// The summary: a family at the fair share with its unfilled visits' reason codes (ids only).
    var whyLine: @Sendable (_ family: String, _ parts: [String]) -> String
    /// The summary's part for a family whose visits this week are all filled.
    var ledgerShort: String
}

extension ServiceWords {
    public init(_ language: Language) { self = language == .fr ? .french : .english }

    static let french = ServiceWords(
        fairShare: {
            "part minimale servie : \($0) % (chaque famille a reçu au moins cette part de ses demandes, "
                + "registre compris)"
        },
        behind: { "familles les plus en retard : " + $0.joined(separator: ", ") },
        programLine: { id, served, budget, pct in
            guard let budget, let pct else { return "programme \(id) : \(served) minutes servies (sans budget)" }
            return "programme \(id) : \(served) minutes servies sur \(budget) de budget (\(pct) %)"
        },
        title: "Service aux familles",
        intro: "La part de ce que chaque famille a demandé qu’elle a reçue, en minutes d’intervenant·e (une visite "
            + "à deux compte double) : cette semaine, puis avec les semaines précédentes du registre. "
            + "Les familles les plus en retard d’abord.",
        level: {
            "Part minimale servie : <b>\($0)</b> — aucune famille n’a reçu moins que cette part de ses demandes."
        },
        family: "Famille", thisWeek: "Cette semaine : servi / demandé", weekShare: "Part de la semaine",
        earlier: "Semaines précédentes : servi / demandé", share: "Part, registre compris",
        chartTitle: "Répartition des parts",
        chartIntro: "Nombre de familles par tranche de 10 % de part; le trait marque la part minimale.",
        band: { "\($0) famille\($0 > 1 ? "s" : "") de \($1) à \($2) %" }, levelMark: "part minimale",
        programs: "Programmes et budgets",
        programsIntro: "Minutes servies (minutes × intervenant·es) des visites facturées à chaque programme, "
            + "contre son budget de la semaine.",
        program: "Programme", served: "Servies", budget: "Budget", used: "Utilisé", noBudget: "sans budget",
        whyTitle: "Pourquoi ces familles sont à la part minimale",
        ledgerWhy: {
            "toutes ses visites de la semaine sont pourvues ; sa part reste basse à cause des semaines précédentes "
                + "(\($0) servies sur \($1))"
        },
        whyLine: { f, parts in "\(f) à la part minimale : " + parts.joined(separator: ", ") },
        ledgerShort: "ses semaines précédentes (toutes ses visites de la semaine sont pourvues)")

    static let english = ServiceWords(
        fairShare: {
            "fair share: \($0) % (every family got at least this part of what it asked for, ledger included)"
        },
        behind: { "furthest behind: " + $0.joined(separator: ", ") },
        programLine: { id, served, budget, pct in
            guard let budget, let pct else { return "program \(id): \(served) minutes served (no budget)" }
            return "program \(id): \(served) of \(budget) budget minutes served (\(pct) %)"
        },
        title: "Service to families",
        intro: "The part of what each family asked for that it received, in sitter-minutes (a visit for two "
            + "counts twice): this week, then with the earlier weeks of the ledger. Families furthest behind first.",
        level: { "Fair share: <b>\($0)</b> — no family received less than this part of what it asked for." },
        family: "Family", thisWeek: "This week: served / asked", weekShare: "Share this week",
        earlier: "Earlier weeks: served / asked", share: "Share, ledger included", chartTitle: "Spread of shares",
        chartIntro: "Families per band of 10 % of share; the line marks the fair share.",
        band: { "\($0) famil\($0 == 1 ? "y" : "ies") from \($1) to \($2) %" }, levelMark: "fair share",
        programs: "Programs and budgets",
        programsIntro: "Served minutes (minutes × sitters) of the visits billed to each program, against its "
            + "budget for the week.",
        program: "Program", served: "Served", budget: "Budget", used: "Used", noBudget: "no budget",
        whyTitle: "Why these families are at the fair share",
        ledgerWhy: {
            "every visit it asked this week is filled; its share stays low from earlier weeks (\($0) of \($1) served)"
        },
        whyLine: { f, parts in "\(f) at the fair share: " + parts.joined(separator: ", ") },
        ledgerShort: "its earlier weeks (every visit this week is filled)")
}
