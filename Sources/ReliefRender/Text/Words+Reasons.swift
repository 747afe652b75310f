import ReliefCore

/// The reasons' words: each of a reason's facts as a sentence. English is the
/// schedule's `detail` (the contract's message, written once in ReliefPlanning from
/// the same facts); French is written here. A reason read back from a schedule file
/// without its facts shows its `detail`.
struct ReasonWords: Sendable {
    var separator: String
    var fact: (@Sendable (ReasonFact) -> String)?

    func text(_ r: Reason) -> String {
        guard let fact, !r.facts.isEmpty else { return r.detail }
        return r.sentence(separator: separator, fact)
    }

    static let english = ReasonWords(separator: "; ", fact: nil)
    static let french = ReasonWords(separator: " ; ", fact: { ReasonWords.frenchFact($0) })

    static func count(_ n: Int) -> String { n == 1 ? "1 personne" : "\(n) personnes" }

    static func list(_ ids: [String]) -> String {
        let shown = ids.prefix(ReasonFact.shownIDs).joined(separator: ", ")
        return ids.count > ReasonFact.shownIDs ? "\(shown) et \(ids.count - ReasonFact.shownIDs) autres" : shown
    }

    static let priority: [Priority: String] = [.urgent: "urgente", .high: "haute", .normal: "normale"]

    static func frenchFact(_ f: ReasonFact) -> String {
        switch f {
        case .lead(let n):
            return n == 0
                ? "personne ne peut la prendre : "
                : "seules \(count(n)) peuvent la prendre et y sont déjà ; parmi les autres, "
        case .noSitters: return "le cas n’a aucune intervenante"
        case .allOnIt: return "toutes les intervenantes du cas y sont déjà"
        case .rule(let code, let sitters, let what): return frenchRule(code, sitters, what)
        case .longerThanLimit(let s, let minutes, let cap, let perDay):
            return "\(s) remplit toutes les autres règles mais ne peut travailler plus de \(cap) min par "
                + "\(perDay ? "jour" : "semaine") ; elle dure \(minutes) min"
        case .candidates(let n, let comps, let territory):
            let with = comps.isEmpty ? "" : " avec \(comps.joined(separator: " et "))"
            let could = n == 1 ? "pourrait" : "pourraient"
            guard let territory else { return "\(count(n))\(with) \(could) être de garde" }
            return "\(count(n))\(with) desservant \(territory) \(could) la prendre"
        case .onIt(let n): return "\(n) déjà dessus"
        case .busy(let s, let v, let p, let locked, let travel):
            return "\(s) est sur \(v) (\(priority[p] ?? p.rawValue)\(locked ? ", verrouillée" : ""))"
                + (travel ? ", trop proche pour le déplacement entre les deux" : " au même moment")
        case .onCallThen(let s, let shift): return "\(s) est de garde (\(shift)) à ce moment"
        case .limit(let s, let worked, let minutes, let cap, let perDay):
            return "\(s) a \(worked) min de visites \(perDay ? "ce jour-là" : "cette semaine") ; "
                + "\(minutes) de plus dépasseraient la limite de \(cap) min par \(perDay ? "jour" : "semaine")"
        case .shiftLimit(let s, let cap): return "\(s) a atteint sa limite de \(cap) garde\(cap == 1 ? "" : "s")"
        case .runLimit(let s, let cap):
            return "\(s) dépasserait sa limite de \(cap) garde\(cap == 1 ? "" : "s") d’affilée"
        case .rest(let s, let longest, let need):
            return "\(s) perdrait son repos hebdomadaire de \(need) min d’affilée (\(longest) min libres au plus)"
        case .freeUnused(let sitters, let trainees):
            return "libres mais non retenues : \(list(sitters))"
                + (trainees ? " (une ou un stagiaire a besoin d’une personne d’expérience sur la visite)" : "")
        case .budget(let sitters, let program, let family, let used, let minutes, let cap):
            let whose =
                family.map { "le plafond de \(cap) min par semaine de la famille \($0) dans le programme \(program)" }
                ?? "le budget de \(cap) min du programme \(program)"
            let lead =
                sitters.isEmpty ? "et " : "\(list(sitters)) \(sitters.count == 1 ? "est libre" : "sont libres"), mais "
            let state =
                used >= cap
                ? "\(family == nil ? "est épuisé" : "est atteint") (\(used) min servies)"
                : "n’a plus que \(cap - used) min (\(used) min servies) pour les \(minutes) de la visite"
            return lead + whose + " " + state
        }
    }

    static func frenchRule(_ code: ReasonCode, _ sitters: [String], _ what: ReasonFact.RuleWhat) -> String {
        let n = sitters.count
        let (who, plural) = (count(n), n == 1 ? "" : "nt")
        let item = what == .shift ? "la garde" : "la visite"
        let text: String
        switch (code, what) {
        case (.noCompetency, .competencies(let comps)):
            text = "\(who) n’\(n == 1 ? "a" : "ont") pas \(comps.joined(separator: " et "))"
        case (.noCredential, .credentials(let kinds, let through, _)):
            let k =
                kinds.count == 1
                ? "d’attestation \(kinds[0]) valide" : "d’attestation (\(kinds.joined(separator: ", ")))"
            text = "\(who) n’\(n == 1 ? "a" : "ont") pas \(k) jusqu’au \(through)"
        case (.noTerritory, .territory(let t)): text = "\(who) ne desser\(n == 1 ? "t" : "vent") pas \(t)"
        case (.excluded, _): text = "\(who) \(n == 1 ? "est exclue" : "sont exclues") par la famille"
        case (.notAvailable, _):
            text = "\(who) \(n == 1 ? "n’est" : "ne sont") pas disponible\(n == 1 ? "" : "s") pour toute \(item)"
        case (.notForVolunteers, _):
            text = "\(who) \(n == 1 ? "est bénévole" : "sont bénévoles"), et la visite n’accepte pas de bénévoles"
        case (.notOnCall, _):
            text = "\(who) ne \(n == 1 ? "fait" : "font") pas de garde (ou \(n == 1 ? "est" : "sont") en stage)"
        case (.traineeOnly, _):
            text = "\(who) \(n == 1 ? "est" : "sont") en stage, et une ou un stagiaire ne fait jamais une visite seul·e"
        case (.overLimit, .minutes(let m)):
            text =
                "\(who) ne peu\(n == 1 ? "t" : "vent") travailler si longtemps en un jour ou une semaine (elle dure \(m) min)"
        case (.capacity, _): text = "\(who) \(n == 1 ? "est" : "sont") occupée\(n == 1 ? "" : "s")"
        default: text = "\(who) ne respecte\(plural) pas la règle \(code.rawValue)"
        }
        return text + ReasonFact.names(sitters, what, separator: " ; ") { "\($0), échue le \($1)" }
    }
}
