import Foundation
import ReliefCore

/// The events `relief bench-watch` drops, and what it reads of each committed schedule.
extension WatchBench {
    /// Event `i` against the daemon's current week (`state/case.json`, `state/schedule.json`):
    /// in turn a normal visit requested for a family of the seed case, an absence of a
    /// published sitter over one of their visits, and the cancellation of a published visit.
    static func event(_ i: Int, state: String, original: Case) throws(ServiceError) -> (type: String, text: String) {
        let c = try CaseLoader.load(.file(state + "/case.json")).0
        let schedule = try ScheduleLoader.load(.file(state + "/schedule.json"))
        let published = schedule.assignments.sorted { ($0.visit, $0.sitter) < ($1.visit, $1.sitter) }
        let visits = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let head = "\"format\": \"relief.event/1\", \"id\": \"bench-\(i)\""
        switch i % 3 {
        case 1 where !published.isEmpty:
            let a = published[(i * 7) % published.count]
            let span = visits[a.visit]!.span
            return (
                "sitter.absence",
                "{ \(head), \"type\": \"sitter.absence\", \"sitter\": \"\(a.sitter)\", \"start\": \"\(c.clock.format(span.start))\", \"end\": \"\(c.clock.format(span.end))\" }"
            )
        case 2 where !published.isEmpty:
            let a = published[(i * 11) % published.count]
            return ("visit.cancel", "{ \(head), \"type\": \"visit.cancel\", \"visit\": \"\(a.visit)\" }")
        default:
            let days = max(1, original.horizon.minutes / 1440)
            let n = i / 3
            let start = original.horizon.start.adding(minutes: (n % days) * 1440 + 10 * 60 + (n / days % 8) * 30)
            let family = original.families[n % original.families.count].id
            return (
                "visit.request",
                """
                { \(head), "type": "visit.request",
                  "visit": { "id": "BENCH\(i)", "family": "\(family)", "start": "\(original.clock.format(start))",
                             "end": "\(original.clock.format(start.adding(minutes: 120)))", "priority": "normal" } }
                """
            )
        }
    }
}

extension WatchBench.Result {
    /// Counts the committed schedule of `event`: proven, incremental, below its repaired levels.
    mutating func tally(schedule path: String, event: String) {
        guard let s = try? ScheduleLoader.load(.file(path)) else {
            belowRepaired.append("\(event): no readable schedule")
            return
        }
        if s.status == .optimal { optimal += 1 }
        guard let start = s.solver.repaired else { return }
        repaired += 1
        if s.levels < start { belowRepaired.append(event) }
    }
}
