import Foundation

/// One change dropped into the daemon's inbox (`relief.event/1`). The first
/// three kinds are the contract's; the others are relief's extensions.
public struct Event: Sendable, Equatable {
    public static let format = "relief.event/1"

    public var id: String
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        /// `visit.request` (contract): a new visit, not yet published (no `assigned`, not locked).
        case visitRequest(Visit)
        /// `visit.cancel` (contract): the visit is removed, its sitters freed.
        case visitCancel(visit: String)
        /// `sitter.absence` (contract): the span is removed from the sitter's availability.
        case sitterAbsence(sitter: String, span: TimeSpan)
        /// `visit.change` (extension): a visit moved or changed (same id, new fields).
        case visitChange(Visit)
        /// `sitter.availability` (extension): the span is added to the sitter's availability.
        case sitterAvailability(sitter: String, span: TimeSpan)
        /// `assignment.confirm` (extension): confirmed by phone, the assignment becomes locked.
        case assignmentConfirm(visit: String, sitter: String)
        /// `visit.suggest` (`people.md`): who could take the visit; answered beside the
        /// schedule (`DIR/suggestions/V.json`), the case and the schedule unchanged.
        case visitSuggest(visit: String)
    }

    public init(id: String, kind: Kind) {
        self.id = id
        self.kind = kind
    }

    /// The `type` of the event document: `visit.request`, ...
    public var type: String { kind.type }

    /// Every `type` this relief reads, in the order of `Kind`.
    public static let types = [
        "visit.request", "visit.cancel", "sitter.absence", "visit.change", "sitter.availability", "assignment.confirm",
        "visit.suggest",
    ]
}

extension Event.Kind {
    /// The ids of the visits and sitters the event names: where an incremental re-plan looks
    /// first (`PlanOptions.incremental`).
    public var touches: [String] {
        switch self {
        case .visitRequest(let v), .visitChange(let v): return [v.id]
        case .visitCancel(let v), .visitSuggest(let v): return [v]
        case .sitterAbsence(let s, _), .sitterAvailability(let s, _): return [s]
        case .assignmentConfirm(let v, let s): return [v, s]
        }
    }

    public var type: String {
        switch self {
        case .visitRequest: return "visit.request"
        case .visitCancel: return "visit.cancel"
        case .sitterAbsence: return "sitter.absence"
        case .visitChange: return "visit.change"
        case .sitterAvailability: return "sitter.availability"
        case .assignmentConfirm: return "assignment.confirm"
        case .visitSuggest: return "visit.suggest"
        }
    }
}
