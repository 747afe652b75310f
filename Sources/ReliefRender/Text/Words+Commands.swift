import Foundation
import ReliefCore

/// The words of `relief whatif --suggest-hires`'s text (its JSON, `relief.hires/1`, stays in English).
struct HiresWords: Sendable {
    var heading: @Sendable (_ caseName: String, _ requested: Int) -> String
    var base: @Sendable (_ status: String) -> String
    /// On-call minutes, urgent, high and normal positions, each already formatted (signed for a gain).
    var levels: @Sendable (_ onCall: String, _ urgent: String, _ high: String, _ normal: String) -> String
    var status: [Schedule.Status: String]
    var like: @Sendable (_ sitter: String) -> String
    var newProfile: String
    /// The labels of a hire's lines, padded to one width: competencies, territories, available, contract,
    /// gain, levels, fills, also filled, candidates.
    var labels: [String]
    var territories: @Sendable (_ home: String, _ serves: String) -> String
    var availableAs: @Sendable (_ sitter: String) -> String
    var none: String
    var contract: @Sendable (_ hours: String) -> String
    var freed: String
    var failed: @Sendable (_ count: Int) -> String
    var suggested: @Sendable (_ count: Int) -> String
    var noGain: @Sendable (_ count: Int, _ requested: Int) -> String
    var noCandidate: @Sendable (_ count: Int, _ requested: Int) -> String
    var candidates: @Sendable (_ rule: String) -> String
    var rule: @Sendable (_ cap: Int) -> String
    var weekdays: [String]
    var decimalComma: Bool

    init(_ language: Language) { self = language == .fr ? .french : .english }

    init(
        heading: @escaping @Sendable (String, Int) -> String, base: @escaping @Sendable (String) -> String,
        levels: @escaping @Sendable (String, String, String, String) -> String, status: [Schedule.Status: String],
        like: @escaping @Sendable (String) -> String, newProfile: String, labels: [String],
        territories: @escaping @Sendable (String, String) -> String,
        availableAs: @escaping @Sendable (String) -> String, none: String,
        contract: @escaping @Sendable (String) -> String, freed: String, failed: @escaping @Sendable (Int) -> String,
        suggested: @escaping @Sendable (Int) -> String, noGain: @escaping @Sendable (Int, Int) -> String,
        noCandidate: @escaping @Sendable (Int, Int) -> String, candidates: @escaping @Sendable (String) -> String,
        rule: @escaping @Sendable (Int) -> String, words: Words
    ) {
        (self.heading, self.base, self.levels, self.status, self.like) = (heading, base, levels, status, like)
        (self.newProfile, self.territories, self.availableAs, self.none) = (newProfile, territories, availableAs, none)
        (self.contract, self.freed, self.failed, self.suggested) = (contract, freed, failed, suggested)
        (self.noGain, self.noCandidate, self.candidates, self.rule) = (noGain, noCandidate, candidates, rule)
        let width = labels.map(\.count).max() ?? 0
        self.labels = labels.map { $0.padding(toLength: width + 1, withPad: " ", startingAt: 0) }
        (weekdays, decimalComma) = (words.weekdays, words.decimalComma)
    }

    static let french = HiresWords(
        heading: { "Embauches pour le cas \($0) : jusqu’à \($1), une à la fois" }, base: { "base (\($0)) : " },
        levels: { "garde \($0) min, urgentes \($1), hautes \($2), normales \($3)" },
        status: [.optimal: "optimal", .feasible: "réalisable"], like: { "comme \($0)" },
        newProfile: "nouveau profil tiré des visites non pourvues",
        labels: [
            "compétences :", "territoires :", "disponible :", "contrat :", "gain :", "niveaux :", "pourvoit :",
            "pourvoit aussi :", "candidats :",
        ],
        territories: { "attache \($0), dessert \($1)" }, availableAs: { " (comme \($0))" }, none: "aucune",
        contract: { "\($0) h/semaine" }, freed: " (par les intervenant·es libéré·es)",
        failed: { ", \($0) non résolu\($0 == 1 ? "" : "s")" },
        suggested: { "\($0) embauche\($0 == 1 ? "" : "s") suggérée\($0 == 1 ? "" : "s")." },
        noGain: { "Arrêt après \($0) sur \($1) : plus aucun candidat n’améliore les niveaux 1 à 4." },
        noCandidate: { "Arrêt après \($0) sur \($1) : aucun profil candidat." },
        candidates: { "Candidats : \($0)." },
        rule: {
            "à chaque étape, un clone (comme) par intervenant·e distinct·e du cas, hors stagiaires (compétences, "
                + "attache, territoires, disponibilités, attestations, cible), et un nouveau profil par groupe des "
                + "visites encore incomplètes (territoire de la famille × compétences : attache là, les attestations "
                + "des visites, les disponibilités de l’intervenant·e de ce territoire qui en couvrent le plus, sinon "
                + "l’union de leurs heures, les limites du cas) ; gardés : les \($0) qui pourraient prendre "
                + "eux-mêmes le plus de minutes de visites incomplètes (garde, urgentes, hautes, normales, comparées "
                + "dans cet ordre), égalités dans cet ordre, clones d’abord"
        }, words: .french)

    static let english = HiresWords(
        heading: { "Hires for \($0): up to \($1), greedily" }, base: { "base (\($0)): " },
        levels: { "on-call \($0) min, urgent \($1), high \($2), normal \($3)" },
        status: [.optimal: "optimal", .feasible: "feasible"], like: { "like \($0)" },
        newProfile: "new profile from unfilled visits",
        labels: [
            "competencies:", "territories:", "available:", "contract:", "gain:", "levels:", "fills:", "also filled:",
            "candidates:",
        ],
        territories: { "home \($0), serves \($1)" }, availableAs: { " (as \($0))" }, none: "none",
        contract: { "\($0) h/week" }, freed: " (by sitters it frees)", failed: { ", \($0) failed to solve" },
        suggested: { "\($0) hire\($0 == 1 ? "" : "s") suggested." },
        noGain: { "Stopped after \($0) of \($1): no candidate improves levels 1-4 any more." },
        noCandidate: { "Stopped after \($0) of \($1): no candidate profile." }, candidates: { "Candidates: \($0)." },
        rule: { HireSuggestions.rule(cap: $0) }, words: .english)
}

/// The one-line confirmations of `relief report`, `relief agenda` and `relief diff -o` on stdout
/// (ids, paths and counts only). `relief publish`, `export-csv` and `import-csv` have no `--lang`
/// and keep their English lines.
public struct ConfirmationWords: Sendable {
    /// The path, sitters, visits, unfilled visits, gaps in the on-call line.
    public var report: @Sendable (_ path: String, _ sitters: Int, _ visits: Int, _ unfilled: Int, _ gaps: Int) -> String
    public var violations: @Sendable (_ count: Int) -> String
    /// The directory, agendas, events, new, changed, cancelled, the team table's rows.
    public var agenda: @Sendable (_ directory: String, _ counts: [Int]) -> String
    /// The notice's path, sitters and families to call.
    public var notice: @Sendable (_ path: String, _ sitters: Int, _ families: Int) -> String

    public init(_ language: Language) { self = language == .fr ? .french : .english }

    init(
        report: @escaping @Sendable (String, Int, Int, Int, Int) -> String,
        violations: @escaping @Sendable (Int) -> String, agenda: @escaping @Sendable (String, [Int]) -> String,
        notice: @escaping @Sendable (String, Int, Int) -> String
    ) {
        (self.report, self.violations, self.agenda, self.notice) = (report, violations, agenda, notice)
    }

    static let french = ConfirmationWords(
        report: {
            "\($0) : la semaine sur une page : \($1) intervenant·es, \($2) visites, \($3) non pourvue\($3 > 1 ? "s" : ""), "
                + "\($4) trou\($4 > 1 ? "s" : "") dans la ligne de garde"
        },
        violations: { " ; le planning enfreint \($0) règle\($0 > 1 ? "s" : "") de ce cas (relief verify les énumère)" },
        agenda: { d, n in
            "\(d) : \(n[0]) agenda\(n[0] > 1 ? "s" : ""), \(n[1]) événement\(n[1] > 1 ? "s" : "") (\(n[2]) "
                + "nouveau\(n[2] > 1 ? "x" : ""), \(n[3]) modifié\(n[3] > 1 ? "s" : ""), \(n[4]) annulé"
                + "\(n[4] > 1 ? "s" : "")), team.csv avec \(n[5]) ligne\(n[5] > 1 ? "s" : "")"
        },
        notice: {
            "avis écrit dans \($0) : \($1) intervenant·e\($1 > 1 ? "s" : ""), \($2) famille\($2 > 1 ? "s" : "") "
                + "à appeler"
        })

    static let english = ConfirmationWords(
        report: {
            "\($0): the week on one page: \($1) sitters, \($2) visits, \($3) unfilled, \($4) gap\($4 == 1 ? "" : "s") "
                + "in the on-call line"
        },
        violations: { "; the schedule breaks \($0) rule(s) of this case (relief verify lists them)" },
        agenda: { d, n in
            "\(d): \(n[0]) agenda\(n[0] == 1 ? "" : "s"), \(n[1]) event\(n[1] == 1 ? "" : "s") (\(n[2]) new, "
                + "\(n[3]) changed, \(n[4]) cancelled), team.csv with \(n[5]) row\(n[5] == 1 ? "" : "s")"
        },
        notice: {
            "notice written to \($0): \($1) sitter\($1 == 1 ? "" : "s"), \($2) famil\($2 == 1 ? "y" : "ies") to call"
        }
    )
}

/// The words of `relief suggest`'s text (its JSON, `relief.suggest/1`, stays in English).
struct SuggestWords: Sendable {
    /// The visit, its priority, when, the case's name.
    var heading: @Sendable (_ visit: String, _ priority: String, _ when: String, _ caseName: String) -> String
    var base: @Sendable (_ levels: String) -> String
    var levelNames: [String]
    var priority: [Priority: String]
    var onIt: @Sendable (_ sitters: String) -> String
    var nobody: String
    var count: @Sendable (_ shown: Int, _ total: Int) -> String
    var same: String
    var status: [Schedule.Status: String]
    var changes: @Sendable (_ count: Int) -> String
    var ineligible: @Sendable (_ count: Int) -> String
    /// A sitter a lock keeps off the visit: the sitter, the locked visit in the way, or else the
    /// rule it breaks (English, the validator's words).
    var locked: @Sendable (_ sitter: String, _ lock: String?, _ detail: String) -> String
    var colon: String
    var semicolon: String
    var decimalComma: Bool

    /// `garde 11 040 min, urgentes 20, hautes 51, normales 84`
    func levels(_ l: Levels) -> String {
        zip(levelNames, l.vector).map { "\($0) \(number($1))" }.joined(separator: ", ")
    }

    /// Only the levels that move, signed: `urgentes +1, normales −1`.
    func delta(_ d: Levels) -> String {
        zip(levelNames, d.vector).filter { $1 != 0 }.map { "\($0) \($1 > 0 ? "+" : "−")\(number(abs($1)))" }
            .joined(separator: ", ")
    }

    func number(_ n: Int) -> String { (decimalComma ? Words.french : Words.english).number(n) }

    static func of(_ language: Language) -> SuggestWords { language == .fr ? .french : .english }

    static let french = SuggestWords(
        heading: { "Qui peut prendre \($0) (\($1), \($2)) ? Cas \($3)" },
        base: { "planning actuel : \($0)" }, levelNames: ["garde (min)", "urgentes", "hautes", "normales"],
        priority: [.urgent: "urgente", .high: "haute", .normal: "normale"],
        onIt: { "déjà sur la visite : \($0)" },
        nobody: "Personne ne peut la prendre, même en déplaçant d’autres visites.",
        count: { s, t in
            t == s
                ? "\(t) candidat·e\(t > 1 ? "s" : ""), du meilleur choix au moins bon :"
                : s == 1
                    ? "le meilleur choix parmi \(t) candidat·es :" : "les \(s) meilleurs choix parmi \(t) candidat·es :"
        },
        same: "mêmes niveaux", status: [.optimal: "prouvé", .feasible: "non prouvé"],
        changes: {
            $0 == 0 ? "rien d’autre ne change" : "\($0) autre\($0 > 1 ? "s" : "") changement\($0 > 1 ? "s" : "")"
        },
        ineligible: { "Ne peuvent pas la prendre (\($0)) :" },
        locked: { s, lock, detail in
            lock.map { "\(s) : déjà verrouillé·e sur \($0), qui l’en empêche" }
                ?? "\(s) : un verrou ailleurs l’en empêche (\(detail))"
        }, colon: " : ", semicolon: " ; ", decimalComma: true)

    static let english = SuggestWords(
        heading: { "Who can take \($0) (\($1), \($2))? Case \($3)" },
        base: { "current schedule: \($0)" }, levelNames: ["on-call (min)", "urgent", "high", "normal"],
        priority: [.urgent: "urgent", .high: "high", .normal: "normal"],
        onIt: { "already on the visit: \($0)" }, nobody: "Nobody can take it, even by moving other visits.",
        count: { s, t in
            t == s
                ? "\(t) candidate\(t == 1 ? "" : "s"), best first:"
                : s == 1 ? "the best of \(t) candidates:" : "the best \(s) of \(t) candidates:"
        },
        same: "same levels", status: [.optimal: "proven", .feasible: "not proven"],
        changes: { $0 == 0 ? "nothing else changes" : "\($0) other change\($0 == 1 ? "" : "s")" },
        ineligible: { "Cannot take it (\($0)):" },
        locked: { s, lock, detail in
            lock.map { "\(s): already locked on \($0), which is in the way" }
                ?? "\(s): a lock elsewhere is in the way (\(detail))"
        }, colon: ": ", semicolon: "; ", decimalComma: false)
}
