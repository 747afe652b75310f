import ReliefCore

/// The English sentences of reasons: the schedule's `detail` (the contract's
/// message). French is written from the same facts by ReliefRender's table.
extension ReasonFact {
    public var english: String {
        switch self {
        case .lead(let n):
            return n == 0
                ? "no sitter can take it: "
                : "only \(Self.count(n)) may take it and \(n == 1 ? "is" : "are") on it; of the others, "
        case .noSitters: return "the case has no sitters"
        case .allOnIt: return "every sitter of the case is already on it"
        case .rule(let code, let sitters, let what): return Self.rule(code, sitters, what)
        case .longerThanLimit(let s, let minutes, let cap, let perDay):
            return "\(s) passes every other rule but may work at most \(cap) min a \(perDay ? "day" : "week");"
                + " it lasts \(minutes) min"
        case .candidates(let n, let comps, let territory):
            let with = comps.isEmpty ? "" : " with \(comps.joined(separator: " and "))"
            guard let territory else { return "\(Self.count(n))\(with) could be on call" }
            return "\(Self.count(n))\(with) serving \(territory) could take it"
        case .onIt(let n): return "\(n) already on it"
        case .busy(let s, let v, let p, let locked, let travel):
            return "\(s) is on \(v) (\(p.rawValue)\(locked ? ", locked" : ""))"
                + (travel ? ", too close to travel between them" : " at that time")
        case .onCallThen(let s, let shift): return "\(s) is on call \(shift) then"
        case .limit(let s, let worked, let minutes, let cap, let perDay):
            return "\(s) has \(worked) min of visits that \(perDay ? "day" : "week");"
                + " \(minutes) more would pass the \(cap)-min \(perDay ? "day" : "week") limit"
        case .shiftLimit(let s, let cap): return "\(s) is at the limit of \(cap) on-call shift\(cap == 1 ? "" : "s")"
        case .runLimit(let s, let cap):
            return "\(s) would pass the limit of \(cap) on-call shift\(cap == 1 ? "" : "s") in a row"
        case .rest(let s, let longest, let need):
            return "\(s) would lose the weekly rest of \(need) min in a row (\(longest) min free at most)"
        case .freeUnused(let sitters, let trainees):
            return "free but not used: \(Self.list(sitters))"
                + (trainees ? " (trainees need an experienced sitter on the visit)" : "")
        case .budget(let sitters, let program, let family, let used, let minutes, let cap):
            let whose =
                family.map { "family \($0)'s weekly cap of \(cap) min in program \(program)" }
                ?? "program \(program)'s budget of \(cap) min"
            let lead =
                sitters.isEmpty ? "and " : "\(Self.list(sitters)) \(sitters.count == 1 ? "is" : "are") free, but "
            let state =
                used >= cap
                ? "is used up (\(used) min served)"
                : "has only \(cap - used) min left (\(used) min served) for the visit's \(minutes)"
            return lead + whose + " " + state
        }
    }

    static func count(_ n: Int) -> String { n == 1 ? "1 sitter" : "\(n) sitters" }

    static func list(_ ids: [String]) -> String {
        let shown = ids.prefix(shownIDs).joined(separator: ", ")
        return ids.count > shownIDs ? "\(shown) and \(ids.count - shownIDs) more" : shown
    }

    static func rule(_ code: ReasonCode, _ sitters: [String], _ what: RuleWhat) -> String {
        let n = sitters.count
        let (who, s, does, are) = (count(n), n == 1 ? "s" : "", n == 1 ? "does" : "do", n == 1 ? "is" : "are")
        let item = what == .shift ? "shift" : "visit"
        let text: String
        switch (code, what) {
        case (.noCompetency, .competencies(let comps)): text = "\(who) lack\(s) \(comps.joined(separator: " and "))"
        case (.noCredential, .credentials(let kinds, let through, _)):
            let k =
                kinds.count == 1 ? "a valid \(kinds[0]) credential" : "a credential (\(kinds.joined(separator: ", ")))"
            text = "\(who) lack\(s) \(k) through \(through)"
        case (.noTerritory, .territory(let t)): text = "\(who) \(does) not serve \(t)"
        case (.excluded, _): text = "\(who) \(are) excluded by the family"
        case (.notAvailable, _): text = "\(who) \(are) not available for the whole \(item)"
        case (.notForVolunteers, _):
            text = "\(who) \(are) volunteer\(n == 1 ? "" : "s"), and the visit does not allow volunteers"
        case (.notOnCall, _): text = "\(who) \(are) not on-call eligible (or \(n == 1 ? "a trainee" : "trainees"))"
        case (.traineeOnly, _):
            text =
                n == 1
                ? "1 sitter is a trainee, who never works a visit alone"
                : "\(who) are trainees, who never work a visit alone"
        case (.overLimit, .minutes(let m)):
            text = "\(who) may not work that long in a day or a week (it lasts \(m) min)"
        case (.capacity, _): text = "\(who) \(are) busy"
        default: text = "\(who) fail\(s) the \(code.rawValue) rule"
        }
        return text + names(sitters, what) { "\($0), expired \($1)" }
    }
}
