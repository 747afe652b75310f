import Foundation

/// One what-if alternative of a `relief.scenarios/1` file: a name (an identifier,
/// unique in the file) and changes applied in order to a copy of the base case.
public struct Scenario: Sendable, Equatable {
    public static let format = "relief.scenarios/1"

    public var name: String
    public var changes: [ScenarioChange]

    public init(name: String, changes: [ScenarioChange]) {
        self.name = name
        self.changes = changes
    }
}

/// One change of a scenario: one case per `op` of the contract's `scenarios.md`,
/// with its fields. What each does where the contract is silent is written on
/// `ScenarioApplier`.
public enum ScenarioChange: Sendable, Equatable {
    /// `remove-sitter` (`sitter` or `sitters`).
    case removeSitters([String])
    /// `add-sitter`: `count` sitters built from the fields `template` gives, the others from `like`.
    case addSitter(template: ScenarioSitter, count: Int, like: String?)
    /// `grant-competency`.
    case grantCompetency(sitters: [String], competency: String)
    /// `revoke-competency`.
    case revokeCompetency(sitters: [String], competency: String)
    /// `set-credential`: `validUntil` nil is `null`, no expiry.
    case setCredential(sitters: [String], kind: String, validUntil: LocalDate?)
    /// `absence` (`sitter`, `start`, `end`).
    case absence(sitter: String, span: TimeSpan)
    /// `set-availability`.
    case setAvailability(sitter: String, availability: [TimeSpan])
    /// `set-rules`: for everyone (`sitters` nil) or for those sitters.
    case setRules(rules: ScenarioRules, sitters: [String]?)
    /// `cancel-visits`: exactly one of the three is given.
    case cancelVisits(visits: [String]?, family: String?, territory: String?)
    /// `add-visit`.
    case addVisit(Visit)
    /// `set-program`: a program's budgets (`weeks.md`); for each, nil leaves it as it is,
    /// `.some(nil)` (`null` in the file) removes the limit.
    case setProgram(program: String, budgetMinutes: Int??, familyMinutesPerWeek: Int??)
    /// `scale-demand`: `factor` > 0; the same seed always gives the same case.
    case scaleDemand(factor: Double, seed: UInt64)

    /// The contract's `op` of the change.
    public var op: String {
        switch self {
        case .removeSitters: return "remove-sitter"
        case .addSitter: return "add-sitter"
        case .grantCompetency: return "grant-competency"
        case .revokeCompetency: return "revoke-competency"
        case .setCredential: return "set-credential"
        case .absence: return "absence"
        case .setAvailability: return "set-availability"
        case .setRules: return "set-rules"
        case .cancelVisits: return "cancel-visits"
        case .addVisit: return "add-visit"
        case .setProgram: return "set-program"
        case .scaleDemand: return "scale-demand"
        }
    }

    /// Every `op` this relief reads, in the order of the contract's table.
    public static let ops = [
        "remove-sitter", "add-sitter", "grant-competency", "revoke-competency", "set-credential", "absence",
        "set-availability", "set-rules", "cancel-visits", "add-visit", "set-program", "scale-demand",
    ]
}

/// The sitter object of `add-sitter`: every field of a case's sitter, each optional.
/// A field left `nil` (absent or `null` in the file) comes from `like`, else from
/// the contract's defaults.
public struct ScenarioSitter: Sendable, Equatable {
    public var id: String?
    public var name: String?
    public var homeTerritory: String?
    public var territories: [String]?
    public var competencies: Set<String>?
    public var credentials: [String: LocalDate?]?
    public var trainee: Bool?
    public var availability: [TimeSpan]?
    public var maxMinutesPerDay: Int?
    public var maxMinutesPerWeek: Int?
    public var targetMinutesPerWeek: Int?
    public var onCall: OnCallProfile?
    /// Employee or volunteer (`people.md`); nil: `like`'s, else an employee.
    public var kind: SitterKind?
    /// The sitter's own weekly rest (`people.md`); nil: `like`'s, else the case's rule.
    public var weeklyRestMinutes: Int? = nil

    public init(
        id: String? = nil, name: String? = nil, homeTerritory: String? = nil, territories: [String]? = nil,
        competencies: Set<String>? = nil, credentials: [String: LocalDate?]? = nil, trainee: Bool? = nil,
        availability: [TimeSpan]? = nil, maxMinutesPerDay: Int? = nil, maxMinutesPerWeek: Int? = nil,
        targetMinutesPerWeek: Int? = nil, onCall: OnCallProfile? = nil, kind: SitterKind? = nil
    ) {
        self.kind = kind
        self.id = id
        self.name = name
        self.homeTerritory = homeTerritory
        self.territories = territories
        self.competencies = competencies
        self.credentials = credentials
        self.trainee = trainee
        self.availability = availability
        self.maxMinutesPerDay = maxMinutesPerDay
        self.maxMinutesPerWeek = maxMinutesPerWeek
        self.targetMinutesPerWeek = targetMinutesPerWeek
        self.onCall = onCall
    }
}

/// The `rules` of `set-rules`: the limits it sets; a `nil` one is left as it is.
public struct ScenarioRules: Sendable, Equatable {
    public var maxMinutesPerDay: Int?
    public var maxMinutesPerWeek: Int?
    /// The most touching on-call shifts in a run (`people.md`): the case's rule, or each named
    /// sitter's `onCall.maxConsecutiveShifts`.
    public var maxConsecutiveShifts: Int?
    /// The weekly rest in minutes (`people.md`): the case's rule, or each named sitter's own.
    public var weeklyRestMinutes: Int?

    public init(
        maxMinutesPerDay: Int? = nil, maxMinutesPerWeek: Int? = nil, maxConsecutiveShifts: Int? = nil,
        weeklyRestMinutes: Int? = nil
    ) {
        self.weeklyRestMinutes = weeklyRestMinutes
        self.maxConsecutiveShifts = maxConsecutiveShifts
        self.maxMinutesPerDay = maxMinutesPerDay
        self.maxMinutesPerWeek = maxMinutesPerWeek
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small generator whose output depends
/// on the seed only, so `scale-demand` gives the same case on any machine and
/// with any Swift version (the standard library's shuffle may change; this does not).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in `0..<bound` (rejection sampling, no modulo bias).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        let limit = UInt64.max - UInt64.max % b
        while true {
            let x = next()
            if x < limit { return Int(x % b) }
        }
    }

    /// A Fisher-Yates shuffle of `xs`.
    mutating func shuffle<T>(_ xs: inout [T]) {
        guard xs.count > 1 else { return }
        for i in stride(from: xs.count - 1, to: 0, by: -1) {
            xs.swapAt(i, below(i + 1))
        }
    }
}
