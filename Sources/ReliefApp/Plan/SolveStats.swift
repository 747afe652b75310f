import Foundation
import ReliefCore
import ReliefPlanning

/// What one solve measured, level by level: model size, each level's value, bound and
/// seconds, the outcome. `relief bench` reads it from the child that solved a case;
/// `relief export --mps` writes it, with each level's model file, as the manifest.
public struct SolveStats: Sendable, Equatable {
    public struct Level: Sendable, Equatable {
        public var key: String
        public var name: String
        public var value: Int
        public var bound: Int
        public var proven: Bool
        /// This level's stage: column bound, searches, branch-and-cut, fill (writing its model excluded).
        public var seconds: Double
    }

    public var model: ModelStats
    public var levels: [Level]
    /// Level 5 (quality), optimised to a gap rather than proven.
    public var qualitySeconds: Double
    /// The planner's whole solve (index and model built, every level, level 5).
    public var seconds: Double
    public var status: String
    /// Relative gap of the first level not proven (0 when every level is).
    public var gap: Double
    public var stoppedBy: String?

    public init(_ r: PlanResult, levels: [PlanningLevel]) {
        model = r.modelStats
        self.levels = r.levels.enumerated().map { k, l in
            Level(
                key: l.key, name: k < levels.count ? levels[k].name : l.key, value: l.value, bound: l.bound,
                proven: k < r.proven.count && r.proven[k], seconds: k < r.stageSeconds.count ? r.stageSeconds[k] : 0)
        }
        qualitySeconds = r.stageSeconds.count > r.levels.count ? r.stageSeconds[r.levels.count] : 0
        seconds = r.schedule.solver.seconds
        status = r.schedule.status.rawValue
        gap = r.schedule.solver.gap
        stoppedBy = r.schedule.solver.stoppedBy
    }

    /// Seconds to a tenth of a millisecond: short levels stay above zero (peers.py divides by them).
    static func rounded(_ s: Double) -> JSONValue { .number((s * 10_000).rounded() / 10_000) }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            (
                "model",
                .object([
                    ("rows", .number(Double(model.rows))), ("columns", .number(Double(model.columns))),
                    ("nonZeros", .number(Double(model.nonZeros))), ("binaries", .number(Double(model.binaries))),
                ])
            ),
            ("status", .string(status)),
            ("gap", .number((gap * 1e6).rounded() / 1e6)),
        ]
        if let s = stoppedBy { members.append(("stoppedBy", .string(s))) }
        members.append(("seconds", Self.rounded(seconds)))
        members.append(("qualitySeconds", Self.rounded(qualitySeconds)))
        members.append(("levels", .array(levels.map(\.json))))
        return .object(members)
    }

    public init?(json j: JSONValue) {
        func int(_ v: JSONValue?) -> Int? {
            guard case .number(let d)? = v, d.isFinite, d == d.rounded(), abs(d) < 1e15 else { return nil }
            return Int(d)
        }
        func number(_ v: JSONValue?) -> Double? {
            guard case .number(let d)? = v, d.isFinite else { return nil }
            return d
        }
        func string(_ v: JSONValue?) -> String? {
            guard case .string(let s)? = v else { return nil }
            return s
        }
        guard let m = j["model"], let rows = int(m["rows"]), let columns = int(m["columns"]),
            let nonZeros = int(m["nonZeros"]), let binaries = int(m["binaries"]),
            let status = string(j["status"]), let gap = number(j["gap"]), let seconds = number(j["seconds"]),
            let quality = number(j["qualitySeconds"]), case .array(let ls)? = j["levels"]
        else { return nil }
        var levels: [Level] = []
        for l in ls {
            guard let key = string(l["key"]), let name = string(l["name"]), let value = int(l["value"]),
                let bound = int(l["bound"]), case .bool(let proven)? = l["proven"], let s = number(l["seconds"])
            else { return nil }
            levels.append(Level(key: key, name: name, value: value, bound: bound, proven: proven, seconds: s))
        }
        model = ModelStats(rows: rows, columns: columns, nonZeros: nonZeros, binaries: binaries)
        self.levels = levels
        qualitySeconds = quality
        self.seconds = seconds
        self.status = status
        self.gap = gap
        stoppedBy = string(j["stoppedBy"])
    }
}

extension SolveStats.Level {
    public var json: JSONValue {
        .object([
            ("key", .string(key)), ("name", .string(name)), ("value", .number(Double(value))),
            ("bound", .number(Double(bound))), ("proven", .bool(proven)), ("seconds", SolveStats.rounded(seconds)),
        ])
    }
}
