import Foundation
import ReliefCore
import ReliefService

/// Commands beyond plan/validate/verify. Returns an exit code, or nil when
/// the command is not one of these.
enum ExtraCommands {
    static func run(_ command: String, _ args: ArraySlice<String>) -> Int32? {
        switch command {
        case "generate": return GenerateCommand.run(args)
        case "export": return ExportCommand.run(args)
        case "bench": return BenchCommand.run(args)
        default: return nil
        }
    }
}
