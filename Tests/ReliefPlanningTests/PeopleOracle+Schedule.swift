import Foundation

/// The checker of a full schedule (`relief_check.py` `hard_errors`, `levels`
/// and the unfilled lists) and the exact optimum of levels 1-4 by branch and
/// bound over the eligible pairs.
extension PeopleOracle {
    /// A schedule as pairs of indices into `visits`/`shifts` and `sitters`.
    struct Pairs: Equatable {
        var visits: [(item: Int, sitter: Int)] = []
        var shifts: [(item: Int, sitter: Int)] = []
        static func == (a: Pairs, b: Pairs) -> Bool {
            a.visits.map { [$0.item, $0.sitter] } == b.visits.map { [$0.item, $0.sitter] }
                && a.shifts.map { [$0.item, $0.sitter] } == b.shifts.map { [$0.item, $0.sitter] }
        }
    }

    /// A schedule by ids (as relief writes it) in indices; nil when an id is unknown.
    func pairs(assignments: [(String, String)], onCall: [(String, String)]) -> Pairs? {
        var p = Pairs()
        for (v, s) in assignments {
            guard let i = visits.firstIndex(where: { $0.id == v }), let j = sitters.firstIndex(where: { $0.id == s })
            else { return nil }
            p.visits.append((i, j))
        }
        for (o, s) in onCall {
            guard let i = shifts.firstIndex(where: { $0.id == o }), let j = sitters.firstIndex(where: { $0.id == s })
            else { return nil }
            p.shifts.append((i, j))
        }
        return p
    }

    /// Every hard rule the schedule breaks, named as `relief_check.py` names it.
    func violations(_ p: Pairs) -> [String] {
        var errors: [String] = []
        if Set(p.visits.map { "\($0.item)/\($0.sitter)" }).count != p.visits.count {
            errors.append("duplicate assignment")
        }
        if Set(p.shifts.map { "\($0.item)/\($0.sitter)" }).count != p.shifts.count {
            errors.append("duplicate on-call")
        }
        for (v, s) in p.visits {
            if let why = visitEligible(sitters[s], visits[v]) {
                errors.append("\(sitters[s].id) on \(visits[v].id): \(why)")
            }
        }
        for (o, s) in p.shifts {
            if let why = shiftEligible(sitters[s], shifts[o]) {
                errors.append("\(sitters[s].id) on call \(shifts[o].id): \(why)")
            }
        }
        for (v, visit) in visits.enumerated() {
            let on = p.visits.filter { $0.item == v }.map { sitters[$0.sitter] }
            if on.count > visit.need { errors.append("\(visit.id) has \(on.count) sitters, needs \(visit.need)") }
            if on.contains(where: \.trainee) && on.allSatisfy({ $0.trainee || $0.volunteer }) {
                errors.append("\(visit.id): trainee without an employee who is not a trainee")
            }
            if visit.locked && !Set(visit.assigned).isSubset(of: on.map(\.id)) {
                errors.append("\(visit.id) is locked to \(visit.assigned)")
            }
        }
        for (o, shift) in shifts.enumerated() where p.shifts.filter({ $0.item == o }).count > shift.staff {
            errors.append("shift \(shift.id) over staff \(shift.staff)")
        }
        for (s, sitter) in sitters.enumerated() {
            let vs = p.visits.filter { $0.sitter == s }.map { visits[$0.item] }
            let os = p.shifts.filter { $0.sitter == s }.map { shifts[$0.item] }
            errors += weekViolations(sitter, visits: vs, shifts: os)
        }
        return errors
    }

    /// Levels 1-4: on-call minutes, urgent, high and normal slots.
    func levels(_ p: Pairs) -> [Int] {
        var lv = [0, 0, 0, 0]
        for (v, visit) in visits.enumerated() {
            lv[visit.level] += min(visit.need, Set(p.visits.filter { $0.item == v }.map(\.sitter)).count)
        }
        for (o, shift) in shifts.enumerated() {
            lv[0] += shift.minutes * min(shift.staff, Set(p.shifts.filter { $0.item == o }.map(\.sitter)).count)
        }
        return lv
    }

    /// What the schedule document says beside its pairs: its levels, and every
    /// item short of people listed with the number missing and a reason.
    func reportViolations(
        _ p: Pairs, levels reported: [Int], unfilled: [String: (Int, Int)], unstaffed: [String: (Int, Int)]
    ) -> [String] {
        var errors: [String] = []
        if reported != levels(p) { errors.append("reported levels \(reported), the pairs give \(levels(p))") }
        for (v, visit) in visits.enumerated() {
            let missing = visit.need - min(visit.need, p.visits.filter { $0.item == v }.count)
            let listed = unfilled[visit.id]
            if missing > 0 && (listed?.0 != missing || listed?.1 == 0) || missing == 0 && listed != nil {
                errors.append("\(visit.id) lacks \(missing), unfilled says \(String(describing: listed))")
            }
        }
        for (o, shift) in shifts.enumerated() {
            let missing = shift.staff - min(shift.staff, p.shifts.filter { $0.item == o }.count)
            let listed = unstaffed[shift.id]
            if missing > 0 && (listed?.0 != missing || listed?.1 == 0) || missing == 0 && listed != nil {
                errors.append("shift \(shift.id) lacks \(missing), unstaffedShifts says \(String(describing: listed))")
            }
        }
        return errors
    }
}
