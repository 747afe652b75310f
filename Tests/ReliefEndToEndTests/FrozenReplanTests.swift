import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

/// The daemon's re-plan of a week whose visits have all started: every visit
/// locked to the sitters its plan gave it, every on-call shift's `assigned` from
/// the same plan, then `relief plan --least-change`. The solve child died in
/// GLPK (`glp_add_cols: ncs = 0`, SIGABRT) right after "published assignments
/// kept ... proven".
@Suite("End to end: re-planning a frozen week")
struct FrozenReplanTests {
    /// The bundled week (committed: a missing file is a failure, not a skip).
    static let weekPath = "Data/quebec-city-week.json"

    @Test
    func everyVisitLockedEveryShiftAssignedPlansWithLeastChange() throws {
        let dir = try ScratchDirectory()
        let first = dir.path("first.schedule.json")
        let plan = try Relief.run(["plan", PackageTree.url(Self.weekPath).path, "-o", first, "--quiet"], in: dir.url)
        #expect(plan.status == 0, "\(plan)")

        let schedule = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: first)))
        func people(_ list: String, _ key: String) -> [String: [JSONValue]] {
            var out: [String: [JSONValue]] = [:]
            guard case .array(let items)? = schedule[list] else { return out }
            for a in items {
                if case .string(let id)? = a[key], let sitter = a["sitter"] { out[id, default: []].append(sitter) }
            }
            return out
        }
        let byVisit = people("assignments", "visit")
        let byShift = people("onCall", "shift")
        guard case .object(var root) = try JSONParser.parse(Data(contentsOf: PackageTree.url(Self.weekPath))) else {
            Issue.record("the week is not an object")
            return
        }
        var locked = 0
        for (k, (key, value)) in root.enumerated() {
            guard case .array(let items) = value, key == "visits" || key == "onCallShifts" else { continue }
            root[k].1 = .array(
                items.map { item in
                    guard case .object(var fields) = item, case .string(let id)? = item["id"] else { return item }
                    fields.removeAll { $0.0 == "assigned" || $0.0 == "locked" }
                    if key == "visits" {
                        fields.append(("assigned", .array(byVisit[id] ?? [])))
                        fields.append(("locked", .bool(true)))
                        locked += 1
                    } else {
                        fields.append(("assigned", .array(byShift[id] ?? [])))
                    }
                    return .object(fields)
                })
        }
        #expect(locked == 250)
        let frozen = try dir.write("frozen.json", JSONValue.object(root))
        let again = dir.path("again.schedule.json")
        let replan = try Relief.run(["plan", frozen, "--least-change", "-o", again, "--quiet"], in: dir.url)
        #expect(replan.status == 0 && replan.killedBy == nil, "\(replan)")
        let verify = try Relief.run(["verify", frozen, again], in: dir.url)
        #expect(verify.status == 0, "\(verify)")
        let kept = "schedule keeps every hard rule; levels on-call 11040 min, urgent 19, high 51, normal 85"
        #expect(verify.stdout.contains(kept), "\(verify)")
    }
}
