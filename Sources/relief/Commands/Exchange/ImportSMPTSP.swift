import Foundation
import ReliefApp

extension Command {
    static let importSMPTSP = Command(
        name: "import-smptsp",
        synopsis: """
            relief import-smptsp FILE -o CASE.json
                convert an SMPTSP benchmark instance (tasks with start and end, each worker's qualified tasks) into
                relief.case/1: visit T<j> per task, sitter W<w> per worker eligible for exactly their listed
                tasks, no travel, no on-call, limits that never bind. Errors in the file are listed with their
                line and column (exit 65); nothing is written then.
            """,
        options: [.valued("-o", "--output", value: "FILE", help: ["the case to write"])],
        column: 23,
        run: { args in
            Console.out(try ImportSMPTSPService.run(try ImportSMPTSPService.request(args)))
            return .ok
        })
}

extension ImportSMPTSPService {
    static func request(_ a: ParsedArguments) throws(UsageError) -> Request {
        let file = try a.positionals(["FILE"])[0]
        guard let out = a.values["-o"] else { throw UsageError("missing -o CASE.json (where to write the case)") }
        return Request(input: CaseInput(argument: file), output: out)
    }
}
