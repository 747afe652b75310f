import Foundation
import ReliefCore
import ReliefFormulation

/// `relief export CASE --dat FILE.dat`: the case as data for `Models/relief.mod`.
public enum ExportService {
    public static let spec = ArgumentSpec(valued: ["--dat"])

    public static func request(_ arguments: [String]) throws(UsageError) -> (input: CaseInput, dat: String) {
        let a = try ArgumentParser.parse(arguments, spec)
        let path = try a.positionals(["CASE"])[0]
        guard let dat = a.values["--dat"] else { throw UsageError("missing --dat FILE.dat") }
        return (CaseInput(argument: path), dat)
    }

    /// Writes the data file atomically; refuses a `--dat` that is the case itself (exit 64).
    public static func export(_ input: CaseInput, dat: String) throws(ServiceError) -> ExportReport {
        try FileIdentity.refuseOverwriting(input, with: dat, option: "--dat")
        let (c, _) = try CaseLoader.load(input)
        let cm = CompactModel(PlanningIndex(c))
        let text: String
        do { text = try MathProgData.text(cm) } catch {
            throw .badData(
                CaseInputError(
                    file: input.description,
                    diagnostics: [
                        Diagnostic(
                            .error, "$", "cannot be written as MathProg data: \(error)",
                            fix: "relief validate lists the case's problems")
                    ]))
        }
        try AtomicFile.write(text, to: dat)
        return ExportReport(datPath: dat, pairs: cm.x.count + cm.y.count)
    }
}

public struct ExportReport: Sendable {
    public var datPath: String
    public var pairs: Int

    public var line: String {
        let d = TerminalText.safe(datPath)
        return
            "\(d): data for Models/relief.mod, \(pairs) eligible pairs; solve with glpsol -m Models/relief.mod -d \(d)"
    }
}
