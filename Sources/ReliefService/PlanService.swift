import Foundation
import ReliefCore
import ReliefFormulation

/// `relief plan` as a library entry point: read, solve, verify, write.
public struct PlanService: Sendable {
    public init() {}

    public struct Outcome: Sendable {
        public var theCase: Case
        public var result: PlanResult
        public var warnings: [Diagnostic]
        public var outputPath: String?
    }

    /// Solves a case already read. The schedule returned has passed the verifier.
    public func solve(_ c: Case, options: PlanOptions, file: String = "case") throws(ServiceError) -> PlanResult {
        let result: PlanResult
        do { result = try Planner().plan(c, options: options) } catch PlanError.noStartingPoint {
            throw .tryAgain(PlanError.noStartingPoint.description)
        } catch let e as PlanError {
            throw .badData(
                CaseInputError(
                    file: file,
                    diagnostics: [
                        Diagnostic(
                            .error, "$.visits", e.description,
                            fix: "unlock some visits (relief validate lists the locks)")
                    ]))
        } catch {
            throw .internalError("\(error)")
        }
        let problems = ScheduleVerifier(c).violations(of: result.schedule)
        guard problems.isEmpty else {
            throw .internalError(
                "the solver produced a schedule that breaks hard rules: \(problems.prefix(5).joined(separator: "; "))")
        }
        return result
    }

    public func plan(casePath: String, outputPath: String?, options: PlanOptions) throws(ServiceError) -> Outcome {
        let (c, warnings) = try CaseLoader.load(casePath)
        let result = try solve(c, options: options, file: casePath)
        if let outputPath { try AtomicFile.write(result.schedule.json().serialized(), to: outputPath) }
        return Outcome(theCase: c, result: result, warnings: warnings, outputPath: outputPath)
    }

    /// Where `plan` writes when no `-o` is given: beside the case, `X.schedule.json`.
    public static func defaultOutput(for casePath: String) -> String {
        let base = casePath.hasSuffix(".json") ? String(casePath.dropLast(5)) : casePath
        return base + ".schedule.json"
    }

    /// The short summary `plan` prints on stdout.
    public static func summary(_ o: Outcome) -> String {
        let c = o.theCase
        let s = o.result.schedule
        var lines: [String] = []
        lines.append(
            "case \(c.name): \(c.sitters.count) sitters, \(c.visits.count) visits, \(c.onCallShifts.count) on-call shifts"
        )
        let proven =
            s.status == .optimal
            ? "optimal (proven)" : "feasible, not proven optimal (gap \(String(format: "%.2f", s.solver.gap * 100)) %)"
        lines.append("status: \(proven), solved in \(String(format: "%.2f", s.solver.seconds)) s")
        let totalOnCall = c.onCallShifts.reduce(0) { $0 + $1.minutes * $1.staff }
        lines.append(
            "on-call: \(s.levels.onCallMinutes) of \(totalOnCall) minutes staffed"
                + (s.unstaffedShifts.isEmpty
                    ? "" : " (\(s.unstaffedShifts.count) shift\(s.unstaffedShifts.count == 1 ? "" : "s") short)"))
        for p in Priority.allCases {
            let positions = c.visits.filter { $0.priority == p }.reduce(0) { $0 + $1.sitters }
            let filled = s.levels[priority: p]
            let pct = positions == 0 ? 100.0 : 100.0 * Double(filled) / Double(positions)
            lines.append(
                "\(p.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(filled) of \(positions) positions filled (\(String(format: "%.0f", pct)) %)"
            )
        }
        let m = o.result.modelStats
        lines.append("model: \(m.rows) rows, \(m.columns) columns (\(m.binaries) binary), \(m.nonZeros) non-zeros")
        if !s.unstaffedShifts.isEmpty {
            lines.append("unstaffed on-call shifts:")
            for u in s.unstaffedShifts {
                lines.append(
                    "  \(u.id) missing \(u.missing): "
                        + u.reasons.map { "[\($0.code)] \($0.detail)" }.joined(separator: "; "))
            }
        }
        if !s.unfilled.isEmpty {
            lines.append("unfilled visits:")
            let byID = Dictionary(c.visits.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let sorted = s.unfilled.sorted { a, b in
                let pa = byID[a.id]?.priority ?? .normal
                let pb = byID[b.id]?.priority ?? .normal
                return (pa, byID[a.id]?.span.start ?? Instant(seconds: 0)) < (
                    pb, byID[b.id]?.span.start ?? Instant(seconds: 0)
                )
            }
            for u in sorted {
                let v = byID[u.id]
                let when = v.map { c.clock.formatLocal($0.span.start) } ?? ""
                lines.append(
                    "  \(u.id) \(v?.priority.rawValue ?? "") \(when) missing \(u.missing): "
                        + u.reasons.map { "[\($0.code)] \($0.detail)" }.joined(separator: "; "))
            }
        }
        if let out = o.outputPath { lines.append("schedule written to \(out)") }
        return lines.joined(separator: "\n")
    }
}
