import Foundation
import Testing

@testable import ReliefCore

/// SHA-256 against the FIPS 180-4 example vectors (NIST CSRC "Examples with intermediate values").
@Suite("SHA-256")
struct SHA256Tests {
    @Test func emptyMessage() {
        #expect(SHA256.hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abc() {
        #expect(SHA256.hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash(Data("abc".utf8)).prefix(4) == [0xba, 0x78, 0x16, 0xbf])
        #expect(SHA256.hash(Data("abc".utf8)).count == 32)
    }

    /// 448 bits: the padding needs a second block.
    @Test func twoBlockMessage() {
        let m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(m.utf8.count * 8 == 448)
        #expect(SHA256.hex(Data(m.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func oneMillionA() {
        let m = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(m) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundary (55, 56, 63, 64 bytes) each give a distinct digest.
    @Test func paddingBoundariesDiffer() {
        let digests = Set([55, 56, 63, 64, 65].map { SHA256.hex(Data(repeating: 0x61, count: $0)) })
        #expect(digests.count == 5)
        #expect(
            SHA256.hex(Data(repeating: 0x61, count: 64))
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }
}
