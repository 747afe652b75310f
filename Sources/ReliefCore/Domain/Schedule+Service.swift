/// A schedule's service to families and programs (`weeks.md`): its rows in the JSON,
/// and counting them from a case.
extension Schedule {
    /// The families' and programs' rows (`weeks.md`), when the schedule has them.
    func serviceFields() -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = []
        if !families.isEmpty {
            fields.append(
                (
                    "families",
                    .array(
                        families.map {
                            .object(
                                [
                                    ("family", .string($0.family)),
                                    ("requestedMinutes", .number(Double($0.requestedMinutes))),
                                    ("servedMinutes", .number(Double($0.servedMinutes))),
                                    ("pastRequestedMinutes", .number(Double($0.pastRequestedMinutes))),
                                    ("pastServedMinutes", .number(Double($0.pastServedMinutes))),
                                    ("share", .number(($0.share * 10000).rounded() / 10000)),
                                ] + Schedule.reasonsField($0.reasons))
                        })
                ))
        }
        if !programs.isEmpty {
            fields.append(
                (
                    "programs",
                    .array(
                        programs.map {
                            var o: [(String, JSONValue)] = [
                                ("program", .string($0.program)), ("servedMinutes", .number(Double($0.servedMinutes))),
                            ]
                            if let b = $0.budgetMinutes { o.append(("budgetMinutes", .number(Double(b)))) }
                            return .object(o)
                        })
                ))
        }
        return fields
    }

    /// `reasons` of a family row, when it has any: each with its visit (if any), code and detail.
    static func reasonsField(_ rs: [FamilyReason]) -> [(String, JSONValue)] {
        guard !rs.isEmpty else { return [] }
        return [
            (
                "reasons",
                .array(
                    rs.map { r in
                        .object(
                            (r.visit.map { [("visit", JSONValue.string($0))] } ?? [])
                                + [("code", .string(r.reason.code)), ("detail", .string(r.reason.detail))])
                    })
            )
        ]
    }

    /// The schedule with its service to families and programs counted from `c` (`weeks.md`):
    /// the fair-share level when the case places it, the families' and programs' rows.
    public func withService(_ c: Case) -> Schedule {
        var out = self
        let placement = c.fairSharePlacement
        guard placement != .off || !c.programs.isEmpty else { return out }
        let share = ServiceShare(c)
        if placement != .off {
            out.families = share.rows(assignments: assignments)
            let level = ServiceShare.permille(out.families)
            out.levels.fairSharePermille = level
            let visitFamily = Dictionary(c.visits.map { ($0.id, $0.family) }, uniquingKeysWith: { a, _ in a })
            for i in out.families.indices where out.families[i].permille == level {
                out.families[i].reasons = FamilyReason.of(out.families[i], unfilled: unfilled, visitFamily: visitFamily)
            }
        }
        out.programs = share.programRows(assignments: assignments)
        return out
    }
}
