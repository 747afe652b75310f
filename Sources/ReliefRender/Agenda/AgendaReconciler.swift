import Foundation
import ReliefCore

/// Compares the items of this run with the state of the last: new events start
/// at SEQUENCE 0, a changed one goes up by one, and an event of this case that a
/// sitter no longer holds comes back once more as `STATUS:CANCELLED` (one more
/// step), then stays cancelled without rising again.
public enum AgendaReconciler {
    public struct Result {
        public var events: [AgendaEvent]
        public var added = 0
        public var changed = 0
        public var cancelled = 0
    }

    /// Stable across re-plans of one case: the case's name, the kind, the item's id
    /// and the sitter's id, hashed (never times, never random).
    static func uid(caseName: String, kind: String, item: String, sitter: String) -> String {
        let key = ["relief-agenda/1", caseName, kind, item, sitter].joined(separator: "\u{1F}")
        return String(SHA256.hex(Data(key.utf8)).prefix(40)) + "@relief"
    }

    static func hash(_ i: AgendaItem, cancelled: Bool) -> String {
        let fields = [
            i.kind, i.item, String(i.start.seconds), String(i.end.seconds), i.summary, i.location ?? "\u{0}",
            i.description, cancelled ? "CANCELLED" : "CONFIRMED",
        ]
        return SHA256.hex(Data(fields.joined(separator: "\u{1F}").utf8))
    }

    public static func reconcile(_ items: [AgendaItem], caseName: String, state: inout AgendaState, stamp: String)
        -> Result
    {
        var r = Result(events: [])
        var current: Set<String> = []
        for i in items {
            let uid = uid(caseName: caseName, kind: i.kind, item: i.item, sitter: i.sitter)
            current.insert(uid)
            let h = hash(i, cancelled: false)
            var seq = 0
            var st = stamp
            if let old = state.entries[uid] {
                if old.hash == h {
                    seq = old.sequence
                    st = old.stamp
                } else {
                    seq = old.sequence + 1
                    r.changed += 1
                }
            } else {
                r.added += 1
            }
            state.entries[uid] = entry(i, caseName: caseName, sequence: seq, hash: h, stamp: st, cancelled: false)
            r.events.append(AgendaEvent(uid: uid, item: i, sequence: seq, stamp: st, cancelled: false))
        }
        for (uid, old) in state.entries.sorted(by: { $0.key < $1.key })
        where old.caseName == caseName && !current.contains(uid) {
            let i = AgendaItem(
                sitter: old.sitter, kind: old.kind, item: old.item, start: old.start, end: old.end,
                summary: old.summary, location: old.location, description: old.description)
            var e = old
            if !old.cancelled {
                e.cancelled = true
                e.sequence += 1
                e.stamp = stamp
                e.hash = hash(i, cancelled: true)
                state.entries[uid] = e
                r.cancelled += 1
            }
            r.events.append(AgendaEvent(uid: uid, item: i, sequence: e.sequence, stamp: e.stamp, cancelled: true))
        }
        return r
    }

    static func entry(_ i: AgendaItem, caseName: String, sequence: Int, hash: String, stamp: String, cancelled: Bool)
        -> AgendaStateEntry
    {
        AgendaStateEntry(
            sitter: i.sitter, caseName: caseName, kind: i.kind, item: i.item, sequence: sequence, hash: hash,
            stamp: stamp, cancelled: cancelled, start: i.start, end: i.end, summary: i.summary, location: i.location,
            description: i.description)
    }
}
