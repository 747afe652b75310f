import Foundation
import ReliefService

extension Command {
    static let validate = Command(
        name: "validate",
        usage: """
            relief validate CASE
                list the errors (exit 65) and warnings (exit 0) of a case (a file, or - for standard input)
            """,
        run: { args in
            let report = try ValidateService.validate(try ValidateService.request(args))
            Console.out(report.lines)
            return report.exitCode
        })
}
