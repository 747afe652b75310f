import Foundation
import ReliefApp

extension Command {
    static let validate = Command(
        name: "validate",
        synopsis: """
            relief validate CASE
                list the errors (exit 65) and warnings (exit 0) of a case (a file, or - for standard input)
            """,
        options: [],
        run: { args in
            let report = try ValidateService.validate(try ValidateService.request(args))
            Console.out(report.lines)
            return report.exitCode
        })
}

extension ValidateService {
    /// Parses `CASE` (a path, or `-` for standard input).
    static func request(_ a: ParsedArguments) throws(UsageError) -> CaseInput {
        CaseInput(argument: try a.positionals(["CASE"])[0])
    }
}
