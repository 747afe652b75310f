import Foundation
import ReliefCore
import ReliefRender

/// `relief import-smptsp FILE -o CASE.json`: an SMPTSP benchmark instance as a
/// `relief.case/1` (`../shared/contract/scenarios.md`, "Minimum headcount").
public enum ImportSMPTSPService {
    public struct Request: Sendable, Equatable {
        public var input: CaseInput
        public var output: String
        public init(input: CaseInput, output: String) {
            self.input = input
            self.output = output
        }
    }

    /// Reads and converts an instance; errors of the file are thrown with their lines (65).
    public static func read(_ input: CaseInput) throws(ServiceError) -> Case { try checked(input).theCase }

    /// `read`, with the converted case as its one validation left it (for the planner: not checked again).
    public static func checked(_ input: CaseInput) throws(ServiceError) -> CheckedCase {
        let data = try InputData.read(input)
        guard let text = String(data: data, encoding: .utf8) else {
            throw .badData(
                InputError(
                    .theCase, file: input.description,
                    diagnostics: [
                        Diagnostic(
                            .error, .file(path: input.description, line: 1, column: 1, header: nil),
                            "is not UTF-8 text", fix: "give an SMPTSP .dat file")
                    ]))
        }
        switch SMPTSPReader.parse(text, file: input.description) {
        case .failure(let e): throw .badData(e)
        case .success(let p):
            let base = input.description.split(separator: "/").last.map(String.init) ?? "smptsp"
            let name = "smptsp " + (base.hasSuffix(".dat") ? String(base.dropLast(4)) : base)
            let c = SMPTSPReader.makeCase(p, name: name)
            let (checked, diagnostics) = CaseValidator.checked(c)
            guard let checked else {
                let problem = diagnostics.first { $0.severity == .error }!
                throw .internalError("the converted case breaks the contract: \(problem.path) \(problem.message)")
            }
            return checked
        }
    }

    /// Converts and writes the case atomically; returns the summary line.
    public static func run(_ r: Request) throws(ServiceError) -> String {
        try FileIdentity.refuseOverwriting(r.input, with: r.output, option: "-o")
        let c = try read(r.input)
        try AtomicFile.write(CaseWriter.json(c).serialized(), to: r.output)
        let pairs = c.visits.count == 0 ? 0 : PlanningIndexCount.pairs(c)
        return "\(TerminalText.safe(r.input.description)): \(c.visits.count) tasks, \(c.sitters.count) workers, "
            + "\(pairs) qualified pairs; \(Case.format) written to \(TerminalText.safe(r.output))"
    }
}

/// Eligible (sitter, visit) pairs of a converted case, counted by competency.
enum PlanningIndexCount {
    static func pairs(_ c: Case) -> Int {
        c.visits.reduce(0) { n, v in n + c.sitters.filter { v.competencies.isSubset(of: $0.competencies) }.count }
    }
}
