import Foundation
import ReliefCore
import ReliefPlanning
import ReliefRender

/// `relief simulate CASE --weeks N -o DIR`: plans week after week as a coordinator would,
/// `relief plan` then `relief next-week`, writing each week's case and schedule in DIR
/// (`week-1.json`, `week-1.schedule.json`, ...) and one table row per week.
public enum SimulateService {
    public static let weekRange = 1...52

    public struct Request: Sendable {
        public var input: CaseInput
        public var weeks: Int
        public var directory: String
        public var options = PlanOptions()
        /// Overrides `rules.fairShare` of every week (written into week 1's case, which the
        /// next weeks inherit); nil keeps the case's.
        public var fairShare: FairSharePlacement?
        public var language: Language = .fr
        public var json = false
        /// Called after each week is written (the command's stderr line).
        public var progress: (@Sendable (String) -> Void)?

        public init(input: CaseInput, weeks: Int, directory: String) {
            self.input = input
            self.weeks = weeks
            self.directory = directory
        }
    }

    /// Each week: its case written, planned (`PlanService`, verified), its schedule
    /// written, its row counted, then the next week's case rolled (`NextWeekService.rolled`,
    /// read back valid). Files are 0600, each written atomically.
    public static func simulate(_ r: Request) throws(ServiceError) -> SimulationReport {
        try prepare(r.directory)
        var checked = try CaseLoader.checked(r.input)
        if let p = r.fairShare {
            var c = checked.theCase
            c.rules.fairShare = p
            guard let again = CaseValidator.checked(c).checked else {
                throw .internalError("the case with rules.fairShare \(p.rawValue) does not validate")
            }
            checked = again
        }
        let first = checked.theCase
        var text = CaseWriter.json(first).serialized()
        var rows: [SimulationWeek] = []
        for k in 1...r.weeks {
            let c = checked.theCase
            let (caseFile, scheduleFile) = ("week-\(k).json", "week-\(k).schedule.json")
            try AtomicFile.write(Data(text.utf8), to: path(r.directory, caseFile), mode: 0o600)
            let schedule = try PlanService().solve(checked, options: r.options, file: path(r.directory, caseFile))
                .schedule
            try AtomicFile.write(
                Data(schedule.json().serialized().utf8), to: path(r.directory, scheduleFile), mode: 0o600)
            rows.append(
                SimulationWeek(week: k, caseFile: caseFile, scheduleFile: scheduleFile, theCase: c, schedule: schedule))
            r.progress?("week \(k) (\(c.clock.localDate(c.horizon.start))): wrote \(caseFile) and \(scheduleFile)")
            if k < r.weeks { (checked, text) = try NextWeekService.rolled(c, schedule) }
        }
        return SimulationReport(caseName: first.name, placement: first.fairSharePlacement, weeks: rows)
    }

    static func path(_ dir: String, _ file: String) -> String { dir.hasSuffix("/") ? dir + file : dir + "/" + file }

    /// DIR exists as a directory, or is made (0700); anything else is refused (73).
    static func prepare(_ dir: String) throws(ServiceError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .cannotWrite(path: dir, reason: "it is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotWrite(path: dir, reason: "the directory cannot be made: \(error.localizedDescription)")
        }
    }
}

/// What `relief simulate` planned: one row per week.
public struct SimulationReport: Sendable {
    public var caseName: String
    /// Where the first week's case places the fair-share level (the next weeks inherit its rules).
    public var placement: FairSharePlacement
    public var weeks: [SimulationWeek]

    public func text(_ language: Language) -> String {
        SimulationTable.text(caseName: caseName, placement: placement, weeks, language: language)
    }
    public var json: JSONValue { SimulationTable.json(caseName: caseName, placement: placement, weeks) }
}
