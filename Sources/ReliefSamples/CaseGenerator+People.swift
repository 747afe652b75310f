import Foundation
import ReliefCore

// `people.md` in a generated week (`relief generate --volunteers P --weekly-rest MIN
// --max-consecutive-shifts N`): without these options the case is byte for byte what it was.
extension CaseGenerator {
    /// Senior educators (every eighth sitter, who staff the on-call line) stay employees.
    static func isSenior(_ i: Int) -> Bool { i % 8 == 0 }

    /// Volunteers as in a community organization: `percent` of the sitters (rounded, about one in
    /// five at 20), drawn among those who are not senior educators, become volunteers: never on
    /// call, not trainees, no weekly limit or target of their own (the rules' volunteer cap, 480
    /// minutes by default). Half of the normal and high visits that ask no competency and no
    /// credential allow volunteers, whatever the percent, so that two shares compare on the same
    /// visits. Its draws come from a stream of their own: families, visits and on-call shifts are
    /// the plain case's of the same seed.
    static func addVolunteers(_ c: inout Case, percent: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed ^ 0xB0E1_E701_EB0E_1E70)
        let candidates = c.sitters.indices.filter { !isSenior($0) }
        let count = min(candidates.count, Int((Double(c.sitters.count * percent) / 100).rounded()))
        for i in candidates.shuffled(using: &rng).prefix(count).sorted() {
            c.sitters[i].kind = .volunteer
            c.sitters[i].onCall = nil
            c.sitters[i].trainee = false
            c.sitters[i].maxMinutesPerWeek = nil
            c.sitters[i].targetMinutesPerWeek = nil
        }
        for vi in c.visits.indices where c.visits[vi].priority != .urgent {
            guard c.visits[vi].competencies.isEmpty && c.visits[vi].credentials.isEmpty else { continue }
            c.visits[vi].volunteers = Double.random(in: 0..<1, using: &rng) < 0.5
        }
    }

    /// The name's suffix for the people options, empty without them.
    static func peopleSuffix(_ o: Options) -> String {
        var s = ""
        if let p = o.volunteers { s += " volunteers \(p)%" }
        if let r = o.weeklyRestMinutes { s += " rest \(r)" }
        if let m = o.maxConsecutiveShifts { s += " runs \(m)" }
        return s
    }
}
