import Foundation
import ReliefCore

// PLACEHOLDER until branch `scenarios` lands ScenarioReader / ScenarioApplier in ReliefCore.
// Only remove-sitter and add-sitter are understood. Delete this file after the merge.

struct Scenario: Sendable {
    var name: String
    var changes: [JSONValue]
}

struct ScenarioInputError: Error, Sendable {
    var scenario: String?
    var diagnostics: [Diagnostic]
}

enum ScenarioReader {
    static func read(data: Data, file: String, clock: CaseClock) throws(ScenarioInputError)
        -> [(name: String, scenario: Result<Scenario, ScenarioInputError>)]
    {
        func fail(_ m: String) -> ScenarioInputError {
            ScenarioInputError(scenario: nil, diagnostics: [Diagnostic(.error, "$", m, fix: "")])
        }
        guard let root = try? JSONParser.parse(data) else { throw fail("not valid JSON") }
        guard root["format"] == .string("relief.scenarios/1"), case .array(let list)? = root["scenarios"] else {
            throw fail("not a relief.scenarios/1 document")
        }
        return list.enumerated().map { i, s in
            guard case .string(let name)? = s["name"], case .array(let changes)? = s["changes"] else {
                let e = ScenarioInputError(
                    scenario: nil, diagnostics: [Diagnostic(.error, "$.scenarios[\(i)]", "no name or changes", fix: "")])
                return (name: "scenario-\(i + 1)", scenario: .failure(e))
            }
            return (name: name, scenario: .success(Scenario(name: name, changes: changes)))
        }
    }
}

enum ScenarioApplier {
    static func apply(_ s: Scenario, index: Int, to base: Case) -> Result<Case, ScenarioInputError> {
        var c = base
        func fail(_ j: Int, _ field: String, _ m: String) -> Result<Case, ScenarioInputError> {
            .failure(
                ScenarioInputError(
                    scenario: s.name,
                    diagnostics: [Diagnostic(.error, "$.scenarios[\(index)].changes[\(j)].\(field)", m, fix: "")]))
        }
        for (j, ch) in s.changes.enumerated() {
            switch ch["op"] {
            case .string("remove-sitter")?:
                var ids: [String] = []
                if case .string(let one)? = ch["sitter"] { ids = [one] }
                if case .array(let many)? = ch["sitters"] {
                    ids = many.compactMap { if case .string(let x) = $0 { return x } else { return nil } }
                }
                for id in ids {
                    guard c.sitters.contains(where: { $0.id == id }) else {
                        return fail(j, "sitter", "unknown sitter \(id)")
                    }
                    c.sitters.removeAll { $0.id == id }
                    for v in c.visits.indices {
                        c.visits[v].assigned.removeAll { $0 == id }
                        if c.visits[v].assigned.isEmpty { c.visits[v].locked = false }
                    }
                }
            case .string("add-sitter")?:
                guard case .string(let like)? = ch["like"], let model = c.sitters.first(where: { $0.id == like })
                else { return fail(j, "like", "unknown sitter") }
                var count = 1
                if case .number(let n)? = ch["count"] { count = Int(n) }
                for _ in 0..<count {
                    var n = model
                    var k = 1
                    while c.sitters.contains(where: { $0.id == "NEW-\(k)" }) { k += 1 }
                    n.id = "NEW-\(k)"
                    if case .array(let ts)? = ch["sitter"]?["territories"] {
                        n.territories = ts.compactMap { if case .string(let x) = $0 { return x } else { return nil } }
                    }
                    if case .array(let cs)? = ch["sitter"]?["competencies"] {
                        n.competencies = Set(
                            cs.compactMap { if case .string(let x) = $0 { return x } else { return nil } })
                    }
                    c.sitters.append(n)
                }
            default:
                return fail(j, "op", "unknown op")
            }
        }
        let errors = CaseValidator.check(c).filter { $0.severity == .error }
        if !errors.isEmpty { return .failure(ScenarioInputError(scenario: s.name, diagnostics: errors)) }
        return .success(c)
    }
}
