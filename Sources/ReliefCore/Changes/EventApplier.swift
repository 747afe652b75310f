/// Applies `relief.event/1` events to a case. Where the contract is silent, relief decided:
///
/// - **visit.request** adds the visit at the end of `visits`. A request carries no `assigned`
///   and is not `locked` (a requested visit is not yet published). A visit id that exists is a
///   conflict, unless the request's content (family, start, end, sitters, competencies,
///   credentials, priority, program) is the existing visit's: then the event is a no-op, not an
///   error. Its `program` (`weeks.md`) is checked as a visit's: a known program, one of the
///   family's (`event evt-7 visit.program`); without it the visit is billed to the family's only
///   program, if it has one.
/// - Every event keeps what it does not touch: programs and their budgets, the families'
///   programs and ledgers, standing requests, the sitters' weekly availability.
/// - **visit.cancel** removes the visit, which frees its sitters. An unknown visit is an error
///   (it may have been cancelled already).
/// - **sitter.absence** removes the span from the sitter's availability (intervals are split)
///   and frees only what it must: the sitter leaves `assigned` of every visit and on-call
///   shift that overlaps the absence, and leaves its lock with it (a visit with nobody left
///   locked is unlocked). Every other assignment stays published. Should a lock left to
///   trainees alone (or beside volunteers only) then have no possible mentor, the
///   overlapping visits locked to trainees without a supervisor are unlocked too (the
///   trainees stay published): an absence is a fact and is not refused for a lock.
/// - **visit.change** (extension) replaces the visit with that id by the new fields. Its
///   `assigned` stays (even when the time moved: the planner's least-change level decides
///   whom to keep); its lock is released when the time, family or requirements (sitters,
///   competencies, credentials) changed, since it was confirmed for the old visit. A change
///   of priority or program alone keeps the lock (a lock that then breaks the program's budget
///   refuses the change).
/// - **sitter.availability** (extension) adds the span to the sitter's availability (merged).
/// - **assignment.confirm** (extension) needs a known visit and a sitter eligible for it
///   (`Eligibility`); it adds the sitter to `assigned` if missing and locks the visit. The
///   contract's lock is per visit, so the other sitters published on it are locked too, and
///   a confirmation that would lock more sitters than the visit needs is refused.
///   `CaseValidator`'s lock rules refuse a confirmation that breaks a hard rule, naming it.
/// - **visit.suggest** (`people.md`) changes nothing; an unknown visit is an error. The
///   daemon answers it beside the schedule (`DIR/suggestions/V.json`).
///
/// The case after the event goes through `CaseValidator`. Its diagnostics about the element
/// the event touched (the requested, changed or confirmed visit; the absent or available
/// sitter) are located on the event (`event evt-7 visit.end`); a diagnostic the case already
/// had before the event is not blamed on it; any other new one is located on the event's
/// main field, with the case path in its message. The event is refused when one of these
/// is an error, and the case is then unchanged.
public enum EventApplier {
    /// Applies one event to a case: the new case, or the diagnostics that refuse the event
    /// (the case is then unchanged). The result is checked with CaseValidator; errors the case
    /// already had before the event are not blamed on it. Locations name the event:
    /// `.event(id: ..., field: "visit.end")` etc. The error's `file` is the event's id.
    public static func apply(_ event: Event, to c: Case) -> Result<Case, InputError> {
        let s = step(event, c, before: Checked(c))
        if let after = s.after { return .success(after.theCase) }
        return .failure(InputError(.event, file: event.id, diagnostics: s.diagnostics))
    }

    /// `apply`, with what the event brings either way: its errors (and warnings) when it is
    /// refused (`theCase` nil), the new warnings it causes when it applies.
    public static func applyReporting(_ event: Event, to c: Case) -> (theCase: Case?, diagnostics: [Diagnostic]) {
        let s = step(event, c, before: Checked(c), report: true)
        return (s.after?.theCase, s.diagnostics)
    }

    /// Applies events in order; a refused event is skipped (reported) and the next applies to the case before it.
    public static func apply(_ events: [Event], to c: Case) -> (theCase: Case, refused: [String: InputError]) {
        var current = Checked(c)
        var refused: [String: InputError] = [:]
        for e in events {
            let s = step(e, current.theCase, before: current)
            if let after = s.after {
                current = after
            } else {
                refused[e.id] = InputError(.event, file: e.id, diagnostics: s.diagnostics)
            }
        }
        return (current.theCase, refused)
    }

    // MARK: - One event

    /// A case and its diagnostics twice: located by element id (to compare a case with the
    /// next whatever moved) and at the case's JSON paths (to show), in the validator's order,
    /// from one validation made when first asked for. A case before a change is asked only
    /// when the change leaves an error (or its warnings are reported): an applied change
    /// validates the case it makes, never again the one it started from.
    final class Checked {
        let theCase: Case
        private var found: (keyed: [Diagnostic], plain: [Diagnostic])?

        init(_ c: Case) { theCase = c }

        var keyed: [Diagnostic] { located.keyed }
        var plain: [Diagnostic] { located.plain }
        var hasErrors: Bool { keyed.contains { $0.severity == .error } }

        private var located: (keyed: [Diagnostic], plain: [Diagnostic]) {
            if let found { return found }
            let v = CaseValidator.pass(CaseDraft(theCase, sources: EventApplier.keyed(theCase)), also: .json)
            found = (v.diagnostics, v.alsoDiagnostics)
            return found!
        }
    }

    /// What the event touched, to locate the validator's diagnostics about it on the event.
    enum Touched {
        case visit(String)
        case sitter(String)
        case nothing
    }

    /// One event on `c` (`before` is `c` checked): the case after it, checked, or nil with the
    /// diagnostics that refuse it. The diagnostics of an applied event (its new warnings) are
    /// worked out only when `report` asks for them.
    static func step(_ event: Event, _ c: Case, before: Checked, report: Bool = false)
        -> (after: Checked?, diagnostics: [Diagnostic])
    {
        var edit: Edit
        switch self.edit(event, c) {
        case .refused(let errors): return (nil, errors)
        case .noChange: return (before, [])
        case .edit(let e): edit = e
        }
        var after = Checked(edit.theCase)
        // Errors blamed on the event are errors of the case after it: none there, none to blame.
        guard report || after.hasErrors else { return (after, []) }
        func blamed() -> [Diagnostic] {
            blame(after, before: before, touched: edit.touched, event: event, mainField: edit.mainField)
        }
        var diagnostics = blamed()
        if let fallback = edit.fallback, diagnostics.contains(where: { $0.severity == .error }) {
            fallback(&edit.theCase)
            after = Checked(edit.theCase)
            diagnostics = blamed()
        }
        if diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
        return (after, diagnostics)
    }

    /// The diagnostics of `after` that `before` did not have, located on the event.
    static func blame(_ after: Checked, before: Checked, touched: Touched, event: Event, mainField: String)
        -> [Diagnostic]
    {
        let prefix: String?
        switch touched {
        case .visit(let id): prefix = keyedPath(list: "visits", id: id).description
        case .sitter(let id): prefix = keyedPath(list: "sitters", id: id).description
        case .nothing: prefix = nil
        }
        let under: [(prefix: String, field: (Substring) -> String)] =
            prefix.map { p in [(p, { rest in field(rest, touched: touched, event: event) })] } ?? []
        return relocate(after, before: before, touched: under, mainField: mainField) {
            .event(id: event.id, field: $0)
        }
    }

    /// The diagnostics a change brought (those of `after` not already in `before`,
    /// matched by element id, so a removed element does not make old problems look
    /// new), placed on the change: one under a touched element's keyed path goes to
    /// that element's field, any other to `mainField` with the case path in its
    /// message. Shared by events and scenario changes.
    static func relocate(
        _ after: Checked, before: Checked, touched: [(prefix: String, field: (Substring) -> String)],
        mainField: String, at place: (String) -> Location
    ) -> [Diagnostic] {
        var had: [String: Int] = [:]
        for d in before.keyed { had[d.description, default: 0] += 1 }
        var out: [Diagnostic] = []
        for (k, shown) in zip(after.keyed, after.plain) {
            if let n = had[k.description], n > 0 {
                had[k.description] = n - 1
                continue
            }
            var d = shown
            var placed = false
            if case .json(let p) = k.location {
                for t in touched {
                    if let rest = remainder(p, after: t.prefix) {
                        d.location = place(t.field(rest))
                        placed = true
                        break
                    }
                }
            }
            if !placed {
                d.location = place(mainField)
                d.message += " (in the case at \(shown.location))"
            }
            out.append(d)
        }
        return out
    }

    /// The event's field for a path under the touched element: `.end` of a requested visit
    /// is `visit.end`; `.assigned[1]` of a confirmed visit is `sitter`.
    static func field(_ rest: Substring, touched: Touched, event: Event) -> String {
        let key = rest.drop { $0 == "." }.prefix { $0 != "." && $0 != "[" }
        switch (touched, event.kind) {
        case (.sitter, _): return "sitter"
        case (.visit, .assignmentConfirm): return key == "assigned" ? "sitter" : "visit"
        default: return key.isEmpty ? "visit" : "visit.\(key)"
        }
    }

    /// What follows `prefix` in `path` when `path` is `prefix` or under it.
    static func remainder(_ path: String, after prefix: String) -> Substring? {
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        return rest.isEmpty || rest.hasPrefix(".") || rest.hasPrefix("[") ? rest : nil
    }

    static let keyedLists: Set<String> = ["territories", "sitters", "families", "visits", "onCallShifts"]

    static func keyedPath(list: String, id: String) -> CasePath { CasePath([.key(list), .key("#" + id)]) }

    /// Sources naming each element of a list by its id rather than its index, so that
    /// the same problem reads the same before and after a visit is removed.
    static func keyed(_ c: Case) -> CaseSources {
        let ids: [String: [String]] = [
            "territories": c.territories.map(\.id), "sitters": c.sitters.map(\.id), "families": c.families.map(\.id),
            "visits": c.visits.map(\.id), "onCallShifts": c.onCallShifts.map(\.id),
        ]
        return CaseSources { p in
            var steps = p.steps
            if steps.count >= 2, case .key(let list) = steps[0], case .index(let i) = steps[1],
                let l = ids[list], i < l.count
            {
                steps[1] = .key("#" + l[i])
            }
            return .json(CasePath(steps).description)
        }
    }
}
