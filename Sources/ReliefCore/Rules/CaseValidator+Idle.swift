/// Warnings about sitters who can never work in the case: every assignment (visit or on-call
/// shift) needs the case's `requiredCredentials` valid on the day it ends, and time inside the
/// sitter's availability, so a sitter without a required credential, with one whose last valid
/// day is before the horizon's first day, or with no availability inside the horizon takes
/// nothing. The planner simply leaves them out; the coordinator hears why, with the fix.
extension CaseValidator {
    /// Those warnings alone, located as JSON paths, for a case that passed validation: what
    /// `relief plan` shows in full (its other warnings only as a count).
    public static func idleSitters(_ c: Case) -> [Diagnostic] {
        var v = CaseValidator(CaseDraft(c))
        v.warnAboutIdleSitters()
        return v.diagnostics
    }

    mutating func warnAboutIdleSitters() {
        let c = draft.theCase
        let firstDay = c.clock.localDate(c.horizon.start)
        let horizon = "from \(c.clock.formatLocal(c.horizon.start)) to \(c.clock.formatLocal(c.horizon.end))"
        let scenario = "in a scenario's add-sitter: give them, or copy a sitter with like"
        for (i, s) in c.sitters.enumerated() {
            let p = CasePath.sitter(i)
            let who = "sitter \(CaseValidator.name(s.id)) can never work"
            if !s.availability.contains(where: { $0.overlaps(c.horizon) }) {
                let had = s.availability.isEmpty ? "no availability at all" : "no availability inside the horizon"
                warning(
                    p.key("availability"), "\(who): \(had) (the horizon runs \(horizon))",
                    fix: "add the times the sitter can work, \(horizon) (\(scenario)), or remove the sitter")
            }
            for kind in c.requiredCredentials {
                let k = CaseValidator.name(kind)
                switch s.credentials[kind] {
                case nil:
                    warning(
                        p.key("credentials"), "\(who): no \(k) credential, which every assignment requires",
                        fix:
                            "add \(k) to the sitter's credentials with its last valid day, null if it never expires"
                            + " (\(scenario))")
                case .some(.some(let until)) where until < firstDay:
                    warning(
                        p.key("credentials").key(kind),
                        "\(who): the \(k) credential expired on \(until), before the horizon starts (\(firstDay));"
                            + " every assignment requires it",
                        fix: "write the renewed credential's last valid day, or remove the sitter from this case")
                default:
                    break
                }
            }
        }
    }
}
