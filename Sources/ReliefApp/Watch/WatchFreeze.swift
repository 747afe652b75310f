import Dispatch
import Foundation
import ReliefCore

#if canImport(Glibc)
    import Glibc
#endif

/// The freeze: the published schedule written back into the case as `assigned` (soft:
/// least change), and visits starting before `limit` (now + `--freeze`, or started)
/// locked to the published sitters who can still take them. A value, so that it is
/// decided once per re-plan and tested on its own.
struct FreezePolicy {
    /// Visits that start before this instant keep their published sitters.
    var limit: Instant

    /// `c` with `schedule` written back into every unlocked visit and every on-call shift
    /// (sitters the case no longer has left out), through `Case.publishing`.
    static func published(_ schedule: Schedule, into c: Case) -> Case {
        let known = Set(c.sitters.map(\.id))
        return c.publishing(schedule, keepLocked: true) { now, _ in now.filter(known.contains) }
    }

    /// The case handed to the solve: `applied` with the published schedule, and with every
    /// freeze lock when `freeze` (whether or not they hold: see `frozenCase`).
    func solveCase(_ applied: Case, published: Schedule?, freeze: Bool = true) -> Case {
        guard let published else { return applied }
        var c = Self.published(published, into: applied)
        guard freeze else { return c }
        let sitters = Dictionary(applied.sitters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for i in c.visits.indices where !applied.visits[i].locked && c.visits[i].span.start < limit {
            let v = c.visits[i]
            let keep = v.assigned.filter { sitters[$0]!.isAvailable(v.span) }.prefix(v.sitters)
            c.visits[i].assigned = Array(keep)
            c.visits[i].locked = !keep.isEmpty
        }
        return c
    }

    /// A freeze lock that could not be kept: the visit, and the rule it broke (ids only).
    struct DroppedFreeze: Equatable {
        var visit: String
        var rule: String
    }

    /// The case handed to the solve with every freeze lock that still holds. A freeze
    /// lock that breaks a hard rule of the case (its sitter fell ill, a trainee whose
    /// mentor is gone would be alone) is dropped on its own, never the others: first
    /// the locks of the visits the validator's errors name, then, for an error that
    /// names no visit (a day's minutes), by halving the remaining locks in start order,
    /// so that visits that started earliest keep theirs. `applied` has no error (the
    /// committed case, or what the applier made of it) and the published schedule written
    /// back adds none: only freeze locks can, so the case is validated only when there are some.
    func frozenCase(_ applied: Case, published: Schedule?) -> (Case, [DroppedFreeze]) {
        let all = solveCase(applied, published: published)
        let free = solveCase(applied, published: published, freeze: false)
        let frozen = all.visits.indices.filter { all.visits[$0].locked && !free.visits[$0].locked }
        guard !frozen.isEmpty else { return (all, []) }
        func errors(_ c: Case) -> [Diagnostic] { CaseValidator.check(c).filter { $0.severity == .error } }
        let allErrors = errors(all)
        guard !allErrors.isEmpty else { return (all, []) }
        var dropped: [Int: String] = [:]
        // The visits the errors name.
        for d in allErrors {
            guard let i = d.location.visitIndex, all.visits.indices.contains(i), all.visits[i].locked,
                !free.visits[i].locked, dropped[i] == nil
            else { continue }
            dropped[i] = d.message
        }
        var current = free
        func adding(_ idx: ArraySlice<Int>) -> Case {
            var c = current
            for i in idx {
                c.visits[i].assigned = all.visits[i].assigned
                c.visits[i].locked = true
            }
            return c
        }
        func place(_ idx: ArraySlice<Int>) {
            guard !idx.isEmpty else { return }
            let trial = adding(idx)
            let errs = errors(trial)
            if errs.isEmpty {
                current = trial
            } else if idx.count == 1 {
                dropped[idx.first!] = errs[0].message
            } else {
                let mid = idx.startIndex + idx.count / 2
                place(idx[..<mid])
                place(idx[mid...])
            }
        }
        let rest = frozen.filter { dropped[$0] == nil }.sorted {
            (all.visits[$0].span.start, $0) < (all.visits[$1].span.start, $1)
        }
        place(rest[...])
        return (current, dropped.keys.sorted().map { DroppedFreeze(visit: all.visits[$0].id, rule: dropped[$0]!) })
    }

}

extension WatchService {
    /// This re-plan's freeze: now (`--now` in tests) + `--freeze` minutes.
    var freeze: FreezePolicy { FreezePolicy(limit: nowInstant().adding(minutes: request.freezeMinutes)) }
}
