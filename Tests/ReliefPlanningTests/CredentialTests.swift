import ReliefCore
import ReliefTestSupport
import Testing

/// Hard rule 1, credentials: a credential is valid for an assignment when its
/// last valid date is on or after the local date on which the assignment ends;
/// `null` is no expiry; visits may ask for more kinds.
@Suite("Credentials: valid through the local date the assignment ends")
struct CredentialTests {
    /// One visit, one sitter whose first-aid (required) is valid through `firstAid`.
    static func firstAid(_ firstAid: String?, start: String, end: String) -> CaseBuilder {
        var b = CaseBuilder()
        b.requiredCredentials = ["first-aid"]
        b.sitters = [SitterSpec(id: "S1", credentials: [("first-aid", firstAid)])]
        b.visits = [VisitSpec(id: "V1", start: start, end: end)]
        return b
    }

    @Test("expiry on the visit's last day is fine, a day earlier is not")
    func expiryOnVisitDay() throws {
        // Tuesday 2026-11-24 18:00-22:00.
        let ok = try solve(Self.firstAid("2026-11-24", start: "2026-11-24T18:00", end: "2026-11-24T22:00"))
        #expect(ok.levels == levels(normal: 1))
        let late = try solve(Self.firstAid("2026-11-23", start: "2026-11-24T18:00", end: "2026-11-24T22:00"))
        #expect(late.levels == levels())
        #expect(late.unfilledCodes("V1") == ["no-credential"])
    }

    @Test("a visit ending at 00:30 the next day needs the credential through the next day")
    func visitEndingAfterMidnight() throws {
        // Tuesday 22:00 to Wednesday 00:30: it ends on 2026-11-25.
        let start = "2026-11-24T22:00"
        let end = "2026-11-25T00:30"
        let short = try solve(Self.firstAid("2026-11-24", start: start, end: end))
        #expect(short.levels == levels())
        #expect(short.unfilledCodes("V1") == ["no-credential"])
        #expect(try solve(Self.firstAid("2026-11-25", start: start, end: end)).levels == levels(normal: 1))
    }

    @Test("a visit ending at midnight ends on the next local date (the contract read literally)")
    func visitEndingAtMidnight() throws {
        // The end instant 2026-11-25T00:00 has local date 2026-11-25: a credential valid through
        // 2026-11-24 does not cover it. Both relief and relief_check.py read the contract so.
        let start = "2026-11-24T20:00"
        let end = "2026-11-25T00:00"
        #expect(try solve(Self.firstAid("2026-11-24", start: start, end: end)).levels == levels())
        #expect(try solve(Self.firstAid("2026-11-25", start: start, end: end)).levels == levels(normal: 1))
    }

    @Test("null is no expiry")
    func nullNeverExpires() throws {
        let s = try solve(Self.firstAid(nil, start: "2026-11-24T18:00", end: "2026-11-24T22:00"))
        #expect(s.levels == levels(normal: 1))
    }

    @Test("a sitter without a required credential kind cannot take any visit")
    func missingRequiredKind() throws {
        var b = Self.firstAid(nil, start: "2026-11-24T18:00", end: "2026-11-24T22:00")
        b.requiredCredentials = ["first-aid", "record-check"]
        b.sitters[0].holdsRequired = false
        let s = try solve(b)
        #expect(s.levels == levels())
        #expect(s.unfilledCodes("V1") == ["no-credential"])
    }

    /// Two overlapping visits; V1 also needs gtube. S1's gtube valid through `gtube`; S2 has none.
    static func gtube(_ gtube: String?) -> CaseBuilder {
        var b = CaseBuilder()
        b.requiredCredentials = ["first-aid"]
        b.sitters = [SitterSpec(id: "S1", credentials: [("gtube", gtube)]), SitterSpec(id: "S2")]
        b.visits = [
            VisitSpec(id: "V1", start: "2026-11-24T10:00", end: "2026-11-24T12:00", credentials: ["gtube"]),
            VisitSpec(id: "V2", start: "2026-11-24T10:00", end: "2026-11-24T12:00"),
        ]
        return b
    }

    @Test("a visit-specific credential decides who goes where")
    func visitSpecificCredential() throws {
        let s = try solve(Self.gtube("2026-11-24"))
        // Only S1 may take V1, so S2 takes V2: both filled.
        #expect(s.levels == levels(normal: 2))
        #expect(s.sitters(on: "V1") == ["S1"])
        #expect(s.sitters(on: "V2") == ["S2"])
        #expect(try solve(Self.gtube(nil)).levels == levels(normal: 2))
    }

    @Test("an expired visit-specific credential leaves the visit unfilled")
    func visitSpecificExpired() throws {
        let s = try solve(Self.gtube("2026-11-23"))
        #expect(s.levels == levels(normal: 1))
        #expect(s.unfilledCodes("V1") == ["no-credential"])
    }

    @Test("on-call: the required credential must hold through the day the shift ends")
    func onCallCredential() throws {
        var b = CaseBuilder()
        b.requiredCredentials = ["first-aid"]
        b.sitters = [SitterSpec(id: "S1", credentials: [("first-aid", "2026-11-23")], onCall: OnCallSpec())]
        // Monday 20:00 to Tuesday 08:00 ends on 2026-11-24.
        b.shifts = [ShiftSpec(id: "OC1", start: "2026-11-23T20:00", end: "2026-11-24T08:00")]
        let s = try solve(b)
        #expect(s.levels == levels())
        #expect(s.unstaffedCodes("OC1") == ["no-credential"])
        b.sitters[0].credentials = [("first-aid", "2026-11-24")]
        #expect(try solve(b).levels == levels(onCall: 720))
    }
}
