/// What each kind of event does to a case, before the result is checked (see `EventApplier`).
extension EventApplier {
    /// One event's change to a case, before it is checked.
    struct Edit {
        var theCase: Case
        /// The element whose diagnostics are located on the event's own fields.
        var touched: Touched
        /// Where any other new diagnostic is located.
        var mainField: String
        /// A second try when the change leaves an error (an absence unlocks visits left to trainees).
        var fallback: ((inout Case) -> Void)?
    }

    enum EditResult {
        case edit(Edit)
        /// The event is already in the case (a request repeated with the same content).
        case noChange
        /// Refused before any check of the case: unknown ids, bad spans, forbidden fields.
        case refused([Diagnostic])
    }

    /// The errors of one event, located on its fields.
    struct EventErrors {
        let event: String
        var list: [Diagnostic] = []

        mutating func add(_ field: String, _ message: String, fix: String) {
            list.append(Diagnostic(.error, .event(id: event, field: field), message, fix: fix))
        }

        mutating func sitterIndex(_ sid: String, in c: Case) -> Int? {
            let i = c.sitters.firstIndex { $0.id == sid }
            if i == nil {
                add(
                    "sitter", "unknown sitter \(CaseReader.quoted(sid))",
                    fix: "use the id of a sitter listed in the case")
            }
            return i
        }

        mutating func spanOK(_ s: TimeSpan) -> Bool {
            if s.start < s.end { return true }
            add("end", "end is not after start", fix: "make end later than start")
            return false
        }

        /// A request or change carries neither `assigned` nor `locked` (those are the case's).
        mutating func unpublished(_ v: Visit, as what: String) -> Bool {
            if !v.assigned.isEmpty {
                add(
                    "visit.assigned", "a \(what) cannot set assigned",
                    fix: "remove assigned; confirm an assignment with an assignment.confirm event")
            }
            if v.locked {
                add(
                    "visit.locked", "a \(what) cannot set locked",
                    fix: "remove locked; confirm an assignment with an assignment.confirm event")
            }
            return v.assigned.isEmpty && !v.locked
        }
    }

    /// The event's change to `c`, or why it is refused before any check.
    static func edit(_ event: Event, _ c: Case) -> EditResult {
        var errors = EventErrors(event: event.id)
        let result: EditResult?
        switch event.kind {
        case .visitRequest(let v): result = request(v, c, &errors)
        case .visitCancel(let vid): result = cancel(vid, c, &errors)
        case .sitterAbsence(let sid, let span): result = absence(sid, span, c, &errors)
        case .visitChange(let v): result = change(v, c, &errors)
        case .sitterAvailability(let sid, let span): result = availability(sid, span, c, &errors)
        case .assignmentConfirm(let vid, let sid): result = confirm(vid, sid, c, &errors)
        case .visitSuggest(let vid): result = suggest(vid, c, &errors)
        }
        return result ?? .refused(errors.list)
    }

    static func request(_ v: Visit, _ c: Case, _ errors: inout EventErrors) -> EditResult? {
        guard errors.unpublished(v, as: "visit request") else { return nil }
        if let old = c.visits.first(where: { $0.id == v.id }) {
            if sameRequest(old, v) { return .noChange }
            errors.add(
                "visit.id",
                "visit \(CaseValidator.name(v.id)) already exists with other content (\(differences(old, v, c.clock)))",
                fix: "use a new visit id, or send a visit.change event to change \(CaseValidator.name(v.id))")
            return nil
        }
        var new = c
        new.visits.append(v)
        return .edit(Edit(theCase: new, touched: .visit(v.id), mainField: "visit"))
    }

    static func cancel(_ vid: String, _ c: Case, _ errors: inout EventErrors) -> EditResult? {
        guard let i = c.visits.firstIndex(where: { $0.id == vid }) else {
            errors.add(
                "visit", "unknown visit \(CaseReader.quoted(vid))",
                fix: "use the id of a visit in the case (it may have been cancelled already)")
            return nil
        }
        var new = c
        new.visits.remove(at: i)
        return .edit(Edit(theCase: new, touched: .nothing, mainField: "visit"))
    }

    /// `visit.suggest` changes nothing: it names a visit of the case, or is refused.
    static func suggest(_ vid: String, _ c: Case, _ errors: inout EventErrors) -> EditResult? {
        guard c.visits.contains(where: { $0.id == vid }) else {
            errors.add(
                "visit", "unknown visit \(CaseReader.quoted(vid))",
                fix: "use the id of a visit in the case (relief agenda or the schedule lists them)")
            return nil
        }
        return .noChange
    }

    static func absence(_ sid: String, _ span: TimeSpan, _ c: Case, _ errors: inout EventErrors) -> EditResult? {
        guard errors.spanOK(span), let si = errors.sitterIndex(sid, in: c) else { return nil }
        var new = c
        new.sitters[si].availability = subtract(c.sitters[si].availability, span)
        for i in new.visits.indices where new.visits[i].span.overlaps(span) && new.visits[i].assigned.contains(sid) {
            new.visits[i].assigned.removeAll { $0 == sid }
            if new.visits[i].assigned.isEmpty { new.visits[i].locked = false }
        }
        for i in new.onCallShifts.indices where new.onCallShifts[i].span.overlaps(span) {
            new.onCallShifts[i].assigned.removeAll { $0 == sid }
        }
        let fallback: (inout Case) -> Void = { c in
            let byID = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for i in c.visits.indices where c.visits[i].locked && c.visits[i].span.overlaps(span) {
                if CaseValidator.releasable(c.visits[i].assigned, byID) { c.visits[i].locked = false }
            }
        }
        return .edit(Edit(theCase: new, touched: .sitter(sid), mainField: "sitter", fallback: fallback))
    }

    static func availability(_ sid: String, _ span: TimeSpan, _ c: Case, _ errors: inout EventErrors) -> EditResult? {
        guard errors.spanOK(span), let si = errors.sitterIndex(sid, in: c) else { return nil }
        var new = c
        new.sitters[si].availability = mergeSpans(c.sitters[si].availability + [span])
        return .edit(Edit(theCase: new, touched: .sitter(sid), mainField: "sitter"))
    }

    static func change(_ v: Visit, _ c: Case, _ errors: inout EventErrors) -> EditResult? {
        guard errors.unpublished(v, as: "visit change") else { return nil }
        guard let i = c.visits.firstIndex(where: { $0.id == v.id }) else {
            errors.add(
                "visit.id", "unknown visit \(CaseReader.quoted(v.id))",
                fix: "use the id of a visit in the case, or send a visit.request event for a new visit")
            return nil
        }
        let old = c.visits[i]
        var changed = v
        changed.assigned = old.assigned
        changed.locked =
            old.locked && old.span == v.span && old.family == v.family && old.sitters == v.sitters
            && old.competencies == v.competencies && old.credentials == v.credentials
        var new = c
        new.visits[i] = changed
        return .edit(Edit(theCase: new, touched: .visit(v.id), mainField: "visit"))
    }

    static func confirm(_ vid: String, _ sid: String, _ c: Case, _ errors: inout EventErrors) -> EditResult? {
        let vi = c.visits.firstIndex { $0.id == vid }
        if vi == nil {
            errors.add(
                "visit", "unknown visit \(CaseReader.quoted(vid))",
                fix: "use the id of a visit in the case (it may have been cancelled)")
        }
        guard let si = errors.sitterIndex(sid, in: c), let vi else { return nil }
        let v = c.visits[vi]
        if let f = c.families.first(where: { $0.id == v.family }),
            let why = Eligibility(c).check(c.sitters[si], visit: v, family: f)
        {
            errors.add(
                "sitter",
                "sitter \(CaseValidator.name(sid)) cannot take visit \(CaseValidator.name(vid)): the \(why.rawValue) rule",
                fix: "confirm an eligible sitter, or correct the visit or the sitter's record first")
            return nil
        }
        var new = c
        if !v.assigned.contains(sid) { new.visits[vi].assigned.append(sid) }
        new.visits[vi].locked = true
        return .edit(Edit(theCase: new, touched: .visit(vid), mainField: "sitter"))
    }

    // MARK: - Helpers

    /// The fields a request sets (its `program` too): `assigned` and `locked` are the case's, not the request's.
    static func sameRequest(_ a: Visit, _ b: Visit) -> Bool {
        a.id == b.id && a.family == b.family && a.span == b.span && a.sitters == b.sitters
            && a.competencies == b.competencies && a.credentials == b.credentials && a.priority == b.priority
            && a.program == b.program
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
        if a.program != b.program { out.append(a.program.map { "program \(CaseValidator.name($0))" } ?? "no program") }
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
