import Foundation
import ReliefSamples
import Testing

@testable import ReliefApp
@testable import relief

/// `relief bench`'s options as its request holds them (the bench itself runs in the end-to-end tests).
@Suite("relief bench's request")
struct BenchRequestTests {
    @Test func sizesTakeNamesAndSittersByVisits() throws {
        let r = try BenchService.request(["--sizes", "S,m,L,xl,60x300", "--seeds", "1,2,3", "--scarce"])
        #expect(r.sizes.map(\.label) == ["S", "M", "L", "XL", "60x300"])
        #expect(r.sizes.map(\.sitters) == [35, 120, 400, 1000, 60])
        #expect(r.sizes.map(\.visits) == [250, 800, 3000, 10_000, 300])
        #expect(r.seeds == [1, 2, 3])
        #expect(r.scarce)
        // Every named size is one the generator makes.
        for s in BenchService.namedSizes {
            #expect(GenerateService.sitterRange.contains(s.sitters) && GenerateService.visitRange.contains(s.visits))
        }
        #expect(try BenchService.request(["--seed", "9"]).seeds == [9])
    }
}
