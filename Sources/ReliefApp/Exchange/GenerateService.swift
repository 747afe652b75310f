import Foundation
import ReliefCore
import ReliefRender
import ReliefSamples

/// `relief generate`: a realistic Quebec City case of a bounded size, from a seed.
public enum GenerateService {
    /// Sizes a case can have. Generating checks every sitter-visit pair (for the published
    /// assignments), so time and memory grow with sitters x visits: 2000 x 20000 takes about
    /// a minute and 500 MiB in a debug build, far beyond what a solve can prove (see bench).
    public static let sitterRange = 1...2000
    public static let visitRange = 1...20_000
    public static let familyRange = 1...20_000

    public struct Request: Sendable {
        public var options = CaseGenerator.Options()
        /// nil: the case goes to stdout.
        public var output: String?

        public init() {}
    }

    /// Generates the case; writes it atomically to `output`, or returns its text for stdout.
    public static func generate(_ r: Request) throws(ServiceError) -> GeneratedCase {
        let c = CaseGenerator.generate(r.options)
        let text = CaseWriter.json(c).serialized()
        if let out = r.output { try AtomicFile.write(text, to: out) }
        return GeneratedCase(theCase: c, text: text, output: r.output)
    }
}

public struct GeneratedCase: Sendable {
    public var theCase: Case
    public var text: String
    public var output: String?

    /// The stderr line after writing a file: ids and numbers only.
    public var note: String? {
        output.map {
            "wrote \(TerminalText.safe($0)): \(theCase.sitters.count) sitters, \(theCase.visits.count) visits, "
                + "\(theCase.onCallShifts.count) on-call shifts"
        }
    }
}
