import Foundation

/// Applies a what-if scenario's changes, in order, to a copy of a base case. Where the
/// contract (`scenarios.md`) is silent, relief decided:
///
/// - **Order and checks.** Each change applies to the case the previous ones left and
///   the result goes through `CaseValidator` after every change, so an error is blamed on
///   the change that caused it; a scenario is refused at its first change that leaves an
///   invalid case (later changes are not tried). Diagnostics the base case already had are
///   not blamed on a scenario. A validator diagnostic about an element the change touched
///   (the new sitter, the new visit, a sitter whose record changed) is located on the
///   change's field (`$.scenarios[2].changes[0].visit.end`); any other one on the change's
///   main field, with the case path in its message (`(in the case at $.visits[3].assigned[0])`).
/// - **Locations.** With the scenario's index in the file (`index` ≥ 0) a location is the
///   file's JSON path, `$.scenarios[2].changes[0].sitter`, as the contract shows; with an
///   index < 0 (a scenario built in memory) it is `Location.scenario(id:change:field:)`.
///   Messages name ids as the contract's example does: `unknown sitter S99`.
/// - **remove-sitter**: the sitters leave `sitters`, every visit's and on-call shift's
///   `assigned`, and each family's preferred, excluded and previous sitters. A locked visit
///   left with nobody, or with trainees and no supervisor, is unlocked (its trainees stay published).
/// - **add-sitter**: ids `NEW-1`, `NEW-2`, ... numbered across the scenario, skipping ids the
///   case already has; an `id` given in `sitter` is used as is (one sitter only; refused if
///   it exists). Every field `sitter` does not give (absent or `null`) comes from `like`:
///   territories, competencies, credentials, trainee, availability, limits, target, on-call;
///   never its id or name (the name is the given one, else empty). A given field replaces
///   `like`'s (`competencies: ["autism"]` is autism only). When `territories` is given
///   without `homeTerritory`, `like`'s home is kept if it is among them, else the first
///   given territory is home; when `homeTerritory` is given without `territories`, `like`'s
///   territories get it added. Without `like`, the contract's defaults: territories
///   `[homeTerritory]` (which must then be given), no competency, no credential, not a
///   trainee, no availability (so a sitter added without `like` or `availability` takes no
///   visit, which `applyReporting` warns about), the case's limits, not on call, an employee.
///   `kind: "volunteer"` (`people.md`) adds volunteers; one made `like` an employee gets no
///   on-call profile (a volunteer is never on call), and `like` a volunteer keeps the kind.
/// - **grant-competency / revoke-competency**: revoking a competency the sitter lacks is
///   no change. **set-credential** sets the kind for each sitter, added if missing.
/// - **absence**: as the event `sitter.absence` (`EventApplier`): the span leaves the
///   availability, the sitter leaves `assigned` of every visit and on-call shift overlapping
///   it; a locked visit left with nobody or trainees only is unlocked.
/// - **set-availability** replaces the availability (merged); published assignments stay,
///   so a lock outside the new availability makes the scenario invalid, naming the lock.
/// - **set-rules** without `sitters` sets the case's `rules` (the limits given; the other
///   stays); a sitter's own limit still overrides it, as in a case. With `sitters`, it
///   sets those sitters' own limits. `maxConsecutiveShifts` (`people.md`) sets
///   `rules.maxConsecutiveShifts`, or each named sitter's `onCall.maxConsecutiveShifts`
///   (a sitter without an on-call profile is left as is). `weeklyRestMinutes` sets
///   `rules.weeklyRestMinutes`, or each named sitter's own (a volunteer's is never used).
/// - **cancel-visits**: exactly one of `visits`, `family`, `territory` (the family's
///   territory); a family or territory with no visit is no change; locked visits go too.
/// - **add-visit**: the visit as in a case (`assigned` and `locked` allowed); an id the
///   case has is refused.
/// - **set-program**: sets the program's `budgetMinutes` and/or `familyMinutesPerWeek` (a
///   number, or `null`: no limit); a field not given stays. An unknown program is an error at
///   `program`; a budget the locked assignments already exceed makes the scenario invalid,
///   located at the budget's field.
/// - **scale-demand**: with `n` visits, the case gets `round(n × factor)` visits. Above 1,
///   the copies are drawn from the case's visits in the order of seeded shuffles (each
///   visit once before any twice); a copy keeps its source's family, needs (`sitters`,
///   competencies, credentials), priority, program, weekday and local hours, on the same day or,
///   when the horizon is longer than a week, in another week of it chosen by the seed;
///   it is unassigned and unlocked, with id `SCALE-1`, `SCALE-2`, ... (numbered across the
///   scenario, skipping existing ids), appended after the visits. Below 1, the visits
///   removed are the first of a seeded shuffle, locked or not. The generator is SplitMix64
///   seeded with `seed`: the same seed on the same case gives the same case anywhere.
public enum ScenarioApplier {
    /// Applies the changes in order to a copy of `base` and checks the result with CaseValidator;
    /// every error names the scenario, the change and the field: Location.scenario(id: name, change: k, field: "sitter"),
    /// rendered like `$.scenarios[2].changes[0].sitter` where the file index is known (pass the scenario's index).
    public static func apply(_ s: Scenario, index: Int, to base: Case) -> Result<Case, InputError> {
        applied(s, index: index, to: base, report: false).map(\.theCase)
    }

    /// A scenario applied, with the sitters its changes left unable to ever work (`CaseValidator`'s
    /// warnings of the case after a change that the case before it did not have, about a sitter
    /// added without `like`, a credential set in the past, ...), each located on its change as
    /// errors are. The validator's other new warnings (a visit nobody can take) are left out.
    public struct Applied: Sendable {
        public var theCase: Case
        public var warnings: [Diagnostic]
    }

    /// `apply`, reporting the warnings the scenario brought (one more validation, of the base).
    public static func applyReporting(_ s: Scenario, index: Int, to base: Case) -> Result<Applied, InputError> {
        applied(s, index: index, to: base, report: true)
    }

    static func applied(_ s: Scenario, index: Int, to base: Case, report: Bool) -> Result<Applied, InputError> {
        var current = EventApplier.Checked(base)
        var ids = Counters()
        var warnings: [Diagnostic] = []
        for (k, change) in s.changes.enumerated() {
            let at = Locator(scenario: s.name, index: index, change: k)
            let (after, diagnostics) = step(change, current, &ids, at, report: report)
            guard let after else { return .failure(InputError(scenario: s.name, diagnostics: diagnostics)) }
            warnings += diagnostics
            current = after
        }
        if report {
            let idle = CaseValidator.idleSitters(current.theCase).map(\.message)
            warnings.removeAll { w in !idle.contains { w.message.hasPrefix($0) } }
        }
        return .success(Applied(theCase: current.theCase, warnings: warnings))
    }

    // MARK: - One change

    /// Where a field of one change is.
    struct Locator {
        let scenario: String
        let index: Int
        let change: Int

        func callAsFunction(_ field: String) -> Location {
            guard index >= 0 else { return .scenario(id: scenario, change: change, field: field) }
            return .json("$.scenarios[\(index)].changes[\(change)].\(field)")
        }
    }

    /// The generated-id counters of one scenario.
    struct Counters {
        var sitter = 0
        var visit = 0

        /// The next `PREFIX-n` not in `taken`.
        static func next(_ prefix: String, _ n: inout Int, taken: (String) -> Bool) -> String {
            while true {
                n += 1
                let id = "\(prefix)-\(n)"
                if !taken(id) { return id }
            }
        }
    }

    /// An element the change touched: diagnostics under `prefix` (a keyed case path) go to `field(rest)`.
    struct Touched {
        let prefix: String
        let field: (Substring) -> String
    }

    /// One change on `before`: the case after it, checked, or nil with the diagnostics that
    /// refuse it (the change's own errors, or the validator's errors it brought).
    /// With `report`, the diagnostics of an applied change are its new warnings.
    static func step(
        _ change: ScenarioChange, _ before: EventApplier.Checked, _ ids: inout Counters, _ at: Locator,
        report: Bool = false
    ) -> (after: EventApplier.Checked?, diagnostics: [Diagnostic]) {
        var work = Work(theCase: before.theCase, at: at)
        guard let mainField = work.make(change, &ids), work.errors.isEmpty else { return (nil, work.errors) }
        let after = EventApplier.Checked(work.theCase)
        // Errors blamed on the change are errors of the case after it: none there, none to blame.
        guard report || after.hasErrors else { return (after, []) }
        let blamed = blame(after, before: before, touched: work.touched, mainField: mainField, at: at)
        if blamed.contains(where: { $0.severity == .error }) { return (nil, blamed) }
        return (after, blamed)
    }

    // MARK: - Helpers

    /// `.competencies[2]` of a touched element as `.competencies` (the field of the change).
    static func key(_ rest: Substring) -> String {
        let k = rest.drop { $0 == "." }.prefix { $0 != "." && $0 != "[" }
        return k.isEmpty ? "" : ".\(k)"
    }

    static func keyed(_ list: String, _ id: String) -> String {
        EventApplier.keyedPath(list: list, id: id).description
    }

    /// Takes `gone` off every visit and shift whose span passes `when`; a locked visit left
    /// with nobody, or with trainees and nobody to supervise them (`people.md`), is unlocked.
    static func free(_ c: inout Case, _ gone: Set<String>, where when: (TimeSpan) -> Bool) {
        let byID = Dictionary(c.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for i in c.visits.indices where when(c.visits[i].span) && c.visits[i].assigned.contains(where: gone.contains) {
            c.visits[i].assigned.removeAll { gone.contains($0) }
            if CaseValidator.releasable(c.visits[i].assigned, byID) { c.visits[i].locked = false }
        }
        for i in c.onCallShifts.indices where when(c.onCallShifts[i].span) {
            c.onCallShifts[i].assigned.removeAll { gone.contains($0) }
        }
    }

    /// The diagnostics of `after` that `before` did not have, located on the change
    /// (as `EventApplier.blame` does for an event).
    static func blame(
        _ after: EventApplier.Checked, before: EventApplier.Checked, touched: [Touched], mainField: String,
        at: Locator
    ) -> [Diagnostic] {
        EventApplier.relocate(
            after, before: before, touched: touched.map { ($0.prefix, $0.field) }, mainField: mainField,
            at: { at($0) })
    }

    /// The case with `round(n × factor)` visits, and the visits added (see the type's comment).
    static func scale(_ c: Case, factor: Double, seed: UInt64, ids: inout Counters) -> (theCase: Case, added: [Visit]) {
        let n = c.visits.count
        guard n > 0 else { return (c, []) }
        let target = Int((Double(n) * factor).rounded())
        var rng = SplitMix64(seed: seed)
        var out = c
        if target < n {
            var order = Array(0..<n)
            rng.shuffle(&order)
            let removed = Set(order.prefix(n - target))
            out.visits = c.visits.enumerated().filter { !removed.contains($0.offset) }.map(\.element)
            return (out, [])
        }
        var taken = Set(c.visits.map(\.id))
        var added: [Visit] = []
        var order: [Int] = []
        for _ in 0..<(target - n) {
            if order.isEmpty {
                order = Array(0..<n)
                rng.shuffle(&order)
                order.reverse()
            }
            let src = c.visits[order.removeLast()]
            let weeks = weekMoves(src.span, in: c)
            let span = weeks[rng.below(weeks.count)]
            let id = Counters.next("SCALE", &ids.visit) { taken.contains($0) }
            taken.insert(id)
            added.append(
                Visit(
                    id: id, family: src.family, span: span, sitters: src.sitters, competencies: src.competencies,
                    credentials: src.credentials, priority: src.priority, program: src.program))
        }
        out.visits += added
        return (out, added)
    }

    /// `span` and the same local weekday and hours in the other weeks of the horizon.
    static func weekMoves(_ span: TimeSpan, in c: Case) -> [TimeSpan] {
        let week: Int64 = 7 * 86_400
        let length = c.horizon.end.seconds - c.horizon.start.seconds
        let reach = max(0, Int(min(length / week, 520)))
        var out = [span]
        guard reach > 0 else { return out }
        let startWall = span.start.seconds + Int64(c.clock.offset(at: span.start))
        let endWall = span.end.seconds + Int64(c.clock.offset(at: span.end))
        for w in -reach...reach where w != 0 {
            guard let s = c.clock.resolve(wall: startWall + Int64(w) * week),
                let e = c.clock.resolve(wall: endWall + Int64(w) * week), s < e
            else { continue }
            let moved = TimeSpan(start: s, end: e)
            if c.horizon.contains(moved) { out.append(moved) }
        }
        return out
    }
}
