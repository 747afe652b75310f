import Foundation
import ReliefRender

/// A command line that cannot be run as given. The message says what is wrong
/// and how to write it instead; the CLI prints it with the command's usage and exits 64.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A user's word, quoted and with control characters made visible.
public func quoted(_ s: String) -> String { "\"" + TerminalText.safe(s, limit: TerminalText.fieldLimit) + "\"" }
