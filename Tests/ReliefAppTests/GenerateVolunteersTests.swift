import Foundation
import ReliefApp
import ReliefCore
import ReliefSamples
import Testing

/// `relief generate --volunteers P --weekly-rest MIN --max-consecutive-shifts N`: people.md in a
/// generated week; without them, what `relief generate` writes is what it wrote before.
@Suite("relief generate --volunteers, --weekly-rest, --max-consecutive-shifts")
struct GenerateVolunteersTests {
    static func options(seed: UInt64, volunteers: Int? = nil) -> CaseGenerator.Options {
        var o = CaseGenerator.Options()
        (o.seed, o.volunteers) = (seed, volunteers)
        return o
    }

    static func written(_ o: CaseGenerator.Options) throws -> String {
        var r = GenerateService.Request()
        r.options = o
        return try GenerateService.generate(r).text
    }

    /// The text `relief generate --seed 1` wrote on main (GenerateScarcityTests pins the same SHA-256
    /// for `CaseWriter`'s JSON), and the scarce, programs variant as `CaseWriter` writes it.
    @Test func withoutTheOptionsTheTextIsTheOneOfBefore() throws {
        let plain = try Self.written(Self.options(seed: 1))
        #expect(SHA256.hex(Data(plain.utf8)) == "5f1b6056ab16a594a5a516e725ebab05e4435798a950f4f50e939e4cacf0208a")
        var o = Self.options(seed: 7)
        (o.scarce, o.programs) = (true, true)
        #expect(try Self.written(o) == CaseWriter.json(CaseGenerator.generate(o)).serialized())
    }

    @Test(arguments: [UInt64(1), 7, 48])
    func aFifthOfTheSittersAreVolunteersOnTheSameDemand(_ seed: UInt64) throws {
        let plain = CaseGenerator.generate(Self.options(seed: seed))
        let c = CaseGenerator.generate(Self.options(seed: seed, volunteers: 20))
        #expect(c.name == plain.name + " volunteers 20%")
        let volunteers = c.sitters.indices.filter { c.sitters[$0].isVolunteer }
        #expect(volunteers.count == 7)
        for i in volunteers {
            let s = c.sitters[i]
            #expect(i % 8 != 0 && s.onCall == nil && !s.trainee && s.maxMinutesPerWeek == nil, "\(s.id)")
            #expect(c.maxMinutesPerWeek(s) == Rules.defaultVolunteerMinutes)
        }
        // The same families, on-call line and visits (but who may take them and who was told).
        #expect(c.families == plain.families)
        #expect(c.onCallShifts == plain.onCallShifts)
        func bare(_ vs: [Visit]) -> [Visit] {
            vs.map {
                var v = $0
                (v.assigned, v.locked, v.volunteers) = ([], false, false)
                return v
            }
        }
        #expect(bare(c.visits) == bare(plain.visits))
        let open = c.visits.filter { $0.volunteers }
        let could = c.visits.filter { $0.priority != .urgent && $0.competencies.isEmpty && $0.credentials.isEmpty }
        #expect(open.allSatisfy { $0.priority != .urgent && $0.competencies.isEmpty && $0.credentials.isEmpty })
        #expect(open.count * 4 >= could.count && open.count * 4 <= could.count * 3, "\(open.count) of \(could.count)")
        // The same visits at every share, so that two shares compare.
        let none = CaseGenerator.generate(Self.options(seed: seed, volunteers: 0))
        #expect(none.visits.map(\.volunteers) == c.visits.map(\.volunteers))
        #expect(none.sitters.allSatisfy { !$0.isVolunteer })
        let (checked, diagnostics) = CaseValidator.checked(c)
        #expect(checked != nil, "\(diagnostics.filter { $0.severity == .error })")
        // Published assignments respect who may take what.
        let byID = Dictionary(uniqueKeysWithValues: c.sitters.map { ($0.id, $0) })
        #expect(c.visits.allSatisfy { v in v.volunteers || v.assigned.allSatisfy { byID[$0]?.isVolunteer == false } })
    }

    @Test func theRestRulesAreWrittenInRules() throws {
        var o = Self.options(seed: 3)
        (o.weeklyRestMinutes, o.maxConsecutiveShifts) = (1920, 2)
        let text = try Self.written(o)
        guard case .object(let fields) = try JSONParser.parse(Data(text.utf8)),
            case .object(let rules)? = fields.first(where: { $0.0 == "rules" })?.1
        else {
            Issue.record("no rules object in \(text.prefix(400))")
            return
        }
        #expect(
            rules.map(\.0) == ["maxMinutesPerDay", "maxMinutesPerWeek", "maxConsecutiveShifts", "weeklyRestMinutes"])
        #expect(rules.map(\.1).suffix(2) == [.number(2), .number(1920)])
        let (c, _) = try CaseReader.read(data: Data(text.utf8), file: "generated.json")
        #expect(c.rules.maxConsecutiveShifts == 2)
        #expect(c.name.hasSuffix(" rest 1920 runs 2"))
        // Only the rules: the week is the plain one of the seed.
        var back = c
        (back.name, back.rules) = (
            CaseGenerator.generate(Self.options(seed: 3)).name, Rules(maxMinutesPerDay: 720, maxMinutesPerWeek: 3000)
        )
        #expect(CaseWriter.json(back).serialized() == (try Self.written(Self.options(seed: 3))))
    }
}
