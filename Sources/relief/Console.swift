import Foundation
import ReliefApp

/// stdout for results, stderr for progress and errors. Every write goes through
/// `StandardStream`, which never traps: a full disk or a closed pipe loses the text,
/// not the schedule (nor the daemon, whose log lines come here too).
enum Console {
    static func out(_ lines: [String]) {
        StandardStream.output.write(lines.map { $0 + "\n" }.joined())
    }

    /// One result line on stdout.
    static func out(_ line: String) {
        StandardStream.output.write(line + "\n")
    }

    /// Text on stdout as it is (results that end with their own newline, or none).
    static func write(_ text: String) {
        StandardStream.output.write(text)
    }

    static func log(_ line: String) {
        StandardStream.error.write("relief: \(line)\n")
    }

    static func err(_ text: String) {
        StandardStream.error.write(text.hasSuffix("\n") ? text : text + "\n")
    }
}
