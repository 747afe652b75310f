/// Applies `relief.event/1` events to a case. Where the contract is silent, relief decided:
///
/// - **visit.request** adds the visit at the end of `visits`. A request carries no `assigned`
///   and is not `locked` (a requested visit is not yet published). A visit id that exists is a
///   conflict, unless the request's content (family, start, end, sitters, competencies,
///   credentials, priority) is the existing visit's: then the event is a no-op, not an error.
/// - **visit.cancel** removes the visit, which frees its sitters. An unknown visit is an error
///   (it may have been cancelled already).
/// - **sitter.absence** removes the span from the sitter's availability (intervals are split)
///   and frees only what it must: the sitter leaves `assigned` of every visit and on-call
///   shift that overlaps the absence, and leaves its lock with it (a visit with nobody left
///   locked is unlocked). Every other assignment stays published. Should a lock left to
///   trainees alone then have no possible mentor, the overlapping visits locked to trainees
///   only are unlocked too (the trainees stay published): an absence is a fact and is not
///   refused for a lock.
/// - **visit.change** (extension) replaces the visit with that id by the new fields. Its
///   `assigned` stays (even when the time moved: the planner's least-change level decides
///   whom to keep); its lock is released when the time, family or requirements (sitters,
///   competencies, credentials) changed, since it was confirmed for the old visit. A change
///   of priority alone keeps the lock.
/// - **sitter.availability** (extension) adds the span to the sitter's availability (merged).
/// - **assignment.confirm** (extension) needs a known visit and a sitter eligible for it
///   (`Eligibility`); it adds the sitter to `assigned` if missing and locks the visit. The
///   contract's lock is per visit, so the other sitters published on it are locked too, and
///   a confirmation that would lock more sitters than the visit needs is refused.
///   `CaseValidator`'s lock rules refuse a confirmation that breaks a hard rule, naming it.
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
        let (theCase, diagnostics) = applyReporting(event, to: c)
        if let theCase { return .success(theCase) }
        return .failure(InputError(.event, file: event.id, diagnostics: diagnostics))
    }

    /// `apply`, with what the event brings either way: its errors (and warnings) when it is
    /// refused (`theCase` nil), the new warnings it causes when it applies.
    public static func applyReporting(_ event: Event, to c: Case) -> (theCase: Case?, diagnostics: [Diagnostic]) {
        let s = step(event, c, before: Checked(c))
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

    /// A case with its diagnostics twice: located by element id (to compare a case with the
    /// next whatever moved) and at the case's JSON paths (to show), in the validator's order.
    struct Checked {
        let theCase: Case
        let keyed: [Diagnostic]
        let plain: [Diagnostic]
        init(_ c: Case) {
            theCase = c
            keyed = CaseValidator.validate(c, sources: EventApplier.keyed(c))
            let plain = CaseValidator.check(c)
            self.plain = plain.count == keyed.count ? plain : keyed
        }
    }

    /// What the event touched, to locate the validator's diagnostics about it on the event.
    enum Touched {
        case visit(String)
        case sitter(String)
        case nothing
    }

    static func step(_ event: Event, _ c: Case, before: Checked) -> (after: Checked?, diagnostics: [Diagnostic]) {
        var errors: [Diagnostic] = []
        func error(_ field: String, _ message: String, fix: String) {
            errors.append(Diagnostic(.error, .event(id: event.id, field: field), message, fix: fix))
        }
        func sitterIndex(_ sid: String) -> Int? {
            let i = c.sitters.firstIndex { $0.id == sid }
            if i == nil {
                error(
                    "sitter", "unknown sitter \(CaseReader.quoted(sid))",
                    fix: "use the id of a sitter listed in the case")
            }
            return i
        }
        func spanOK(_ s: TimeSpan) -> Bool {
            if s.start < s.end { return true }
            error("end", "end is not after start", fix: "make end later than start")
            return false
        }
        func published(_ v: Visit, as what: String) -> Bool {
            if !v.assigned.isEmpty {
                error(
                    "visit.assigned", "a \(what) cannot set assigned",
                    fix: "remove assigned; confirm an assignment with an assignment.confirm event")
            }
            if v.locked {
                error(
                    "visit.locked", "a \(what) cannot set locked",
                    fix: "remove locked; confirm an assignment with an assignment.confirm event")
            }
            return v.assigned.isEmpty && !v.locked
        }

        var new = c
        let touched: Touched
        let mainField: String
        var fallback: ((inout Case) -> Void)?
        switch event.kind {
        case .visitRequest(let v):
            mainField = "visit"
            touched = .visit(v.id)
            guard published(v, as: "visit request") else { return (nil, errors) }
            if let old = c.visits.first(where: { $0.id == v.id }) {
                if sameRequest(old, v) { return (before, []) }
                error(
                    "visit.id",
                    "visit \(CaseValidator.name(v.id)) already exists with other content (\(differences(old, v, c.clock)))",
                    fix: "use a new visit id, or send a visit.change event to change \(CaseValidator.name(v.id))")
                return (nil, errors)
            }
            new.visits.append(v)
        case .visitCancel(let vid):
            mainField = "visit"
            touched = .nothing
            guard let i = c.visits.firstIndex(where: { $0.id == vid }) else {
                error(
                    "visit", "unknown visit \(CaseReader.quoted(vid))",
                    fix: "use the id of a visit in the case (it may have been cancelled already)")
                return (nil, errors)
            }
            new.visits.remove(at: i)
        case .sitterAbsence(let sid, let span):
            mainField = "sitter"
            touched = .sitter(sid)
            guard spanOK(span), let si = sitterIndex(sid) else { return (nil, errors) }
            new.sitters[si].availability = subtract(c.sitters[si].availability, span)
            for i in new.visits.indices where new.visits[i].span.overlaps(span) && new.visits[i].assigned.contains(sid)
            {
                new.visits[i].assigned.removeAll { $0 == sid }
                if new.visits[i].assigned.isEmpty { new.visits[i].locked = false }
            }
            for i in new.onCallShifts.indices where new.onCallShifts[i].span.overlaps(span) {
                new.onCallShifts[i].assigned.removeAll { $0 == sid }
            }
            fallback = { c in
                let trainee = Dictionary(c.sitters.map { ($0.id, $0.trainee) }, uniquingKeysWith: { a, _ in a })
                for i in c.visits.indices where c.visits[i].locked && c.visits[i].span.overlaps(span) {
                    if c.visits[i].assigned.allSatisfy({ trainee[$0] ?? false }) { c.visits[i].locked = false }
                }
            }
        case .visitChange(let v):
            mainField = "visit"
            touched = .visit(v.id)
            guard published(v, as: "visit change") else { return (nil, errors) }
            guard let i = c.visits.firstIndex(where: { $0.id == v.id }) else {
                error(
                    "visit.id", "unknown visit \(CaseReader.quoted(v.id))",
                    fix: "use the id of a visit in the case, or send a visit.request event for a new visit")
                return (nil, errors)
            }
            let old = c.visits[i]
            var changed = v
            changed.assigned = old.assigned
            changed.locked =
                old.locked && old.span == v.span && old.family == v.family && old.sitters == v.sitters
                && old.competencies == v.competencies && old.credentials == v.credentials
            new.visits[i] = changed
        case .sitterAvailability(let sid, let span):
            mainField = "sitter"
            touched = .sitter(sid)
            guard spanOK(span), let si = sitterIndex(sid) else { return (nil, errors) }
            new.sitters[si].availability = mergeSpans(c.sitters[si].availability + [span])
        case .assignmentConfirm(let vid, let sid):
            mainField = "sitter"
            touched = .visit(vid)
            let vi = c.visits.firstIndex { $0.id == vid }
            if vi == nil {
                error(
                    "visit", "unknown visit \(CaseReader.quoted(vid))",
                    fix: "use the id of a visit in the case (it may have been cancelled)")
            }
            guard let si = sitterIndex(sid), let vi else { return (nil, errors) }
            let v = c.visits[vi]
            if let f = c.families.first(where: { $0.id == v.family }),
                let why = Eligibility(c).check(c.sitters[si], visit: v, family: f)
            {
                error(
                    "sitter",
                    "sitter \(CaseValidator.name(sid)) cannot take visit \(CaseValidator.name(vid)): the \(why.rawValue) rule",
                    fix: "confirm an eligible sitter, or correct the visit or the sitter's record first")
                return (nil, errors)
            }
            if !v.assigned.contains(sid) { new.visits[vi].assigned.append(sid) }
            new.visits[vi].locked = true
        }

        var after = Checked(new)
        var blamed = blame(after, before: before, touched: touched, event: event, mainField: mainField)
        if let fallback, blamed.contains(where: { $0.severity == .error }) {
            fallback(&new)
            after = Checked(new)
            blamed = blame(after, before: before, touched: touched, event: event, mainField: mainField)
        }
        if blamed.contains(where: { $0.severity == .error }) { return (nil, blamed) }
        return (after, blamed)
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

    // MARK: - Helpers

    /// The fields a request sets: `assigned` and `locked` are the case's, not the request's.
    static func sameRequest(_ a: Visit, _ b: Visit) -> Bool {
        a.id == b.id && a.family == b.family && a.span == b.span && a.sitters == b.sitters
            && a.competencies == b.competencies && a.credentials == b.credentials && a.priority == b.priority
    }

    static func differences(_ a: Visit, _ b: Visit, _ clock: CaseClock) -> String {
        var out: [String] = []
        if a.family != b.family {
            out.append("family \(CaseValidator.name(a.family)), not \(CaseValidator.name(b.family))")
        }
        if a.span.start != b.span.start { out.append("start \(clock.formatLocal(a.span.start))") }
        if a.span.end != b.span.end { out.append("end \(clock.formatLocal(a.span.end))") }
        if a.sitters != b.sitters { out.append("sitters \(a.sitters)") }
        if a.competencies != b.competencies { out.append("other competencies") }
        if a.credentials != b.credentials { out.append("other credentials") }
        if a.priority != b.priority { out.append("priority \(a.priority.rawValue)") }
        return "it has " + out.joined(separator: ", ")
    }

    /// `spans` without `cut`: an interval that overlaps it is split around it.
    static func subtract(_ spans: [TimeSpan], _ cut: TimeSpan) -> [TimeSpan] {
        spans.flatMap { s -> [TimeSpan] in
            guard s.overlaps(cut) else { return [s] }
            var out: [TimeSpan] = []
            if s.start < cut.start { out.append(TimeSpan(start: s.start, end: cut.start)) }
            if cut.end < s.end { out.append(TimeSpan(start: cut.end, end: s.end)) }
            return out
        }
    }
}
