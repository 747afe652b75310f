import Foundation
import ReliefTestSupport
import Testing

@testable import ReliefCore

/// The parser every input goes through: what it accepts, and where it says a
/// broken file is broken.
@Suite("JSON parser")
struct JSONParserTests {
    /// Parses and returns the syntax error, or records an issue when it parses.
    func syntaxError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONSyntaxError? {
        syntaxError(Data(text.utf8), sourceLocation: sourceLocation)
    }

    func syntaxError(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) -> JSONSyntaxError? {
        do {
            let v = try JSONParser.parse(data)
            Issue.record("expected a syntax error, parsed \(v)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Valid documents

    @Test func scalarsAndContainers() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse("true") == .bool(true))
        #expect(try JSONParser.parse(" false ") == .bool(false))
        #expect(try JSONParser.parse("0") == .number(0))
        #expect(try JSONParser.parse("-12.5e1") == .number(-125))
        #expect(try JSONParser.parse("\"\"") == .string(""))
        #expect(try JSONParser.parse("[]") == .array([]))
        #expect(try JSONParser.parse("{}") == .object([]))
        #expect(
            try JSONParser.parse("[1, [2, [3]], {\"a\": null}]")
                == .array([.number(1), .array([.number(2), .array([.number(3)])]), .object([("a", .null)])]))
    }

    @Test func objectsKeepKeyOrder() throws {
        let v = try JSONParser.parse("{\"z\": 1, \"a\": 2, \"m\": 3}")
        guard case .object(let members) = v else {
            Issue.record("not an object: \(v)")
            return
        }
        #expect(members.map(\.0) == ["z", "a", "m"])
        #expect(v["a"] == .number(2))
        #expect(v["missing"] == nil)
    }

    @Test func whitespaceOfEveryKind() throws {
        let v = try JSONParser.parse(" \t\r\n{ \"a\" \n:\r\n [ 1 ,\t2 ] }\n\n")
        #expect(v == .object([("a", .array([.number(1), .number(2)]))]))
    }

    @Test func stringEscapes() throws {
        let v = try JSONParser.parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\u20AC""#)
        #expect(v == .string("a\"b\\c/d\u{8}\u{c}\n\r\té€"))
    }

    @Test func surrogatePairBecomesOneScalar() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""\uD834\uDD1E""#) == .string("𝄞"))
    }

    @Test func escapedNULIsAllowed() throws {
        #expect(try JSONParser.parse(#""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func rawUnicodeIsKept() throws {
        let text = "\"\u{200F}שלום e\u{301} 👩‍👧 Québec\""
        #expect(try JSONParser.parse(text) == .string("\u{200F}שלום e\u{301} 👩‍👧 Québec"))
    }

    @Test func byteOrderMarkIsTolerated() throws {
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Data("{\"a\": 1}".utf8))
        #expect(try JSONParser.parse(data) == .object([("a", .number(1))]))
    }

    @Test func byteOrderMarkAloneIsAnEmptyDocument() {
        let e = syntaxError(Data([0xEF, 0xBB, 0xBF]))
        #expect(e?.message.contains("end of file") == true)
    }

    @Test func byteOrderMarkInTheMiddleIsAnError() {
        var data = Data("[1,".utf8)
        data.append(Data([0xEF, 0xBB, 0xBF]))
        data.append(Data("2]".utf8))
        let e = syntaxError(data)
        #expect(e?.line == 1)
        #expect(e?.column == 4)
        #expect(e?.message.contains("0xEF") == true)
    }

    @Test func serializeThenParseRoundTrips() throws {
        let v: JSONValue = .object([
            ("name", .string("Famille Côté \"Q\"\n\u{1}")),
            ("list", .array([.number(1), .number(-0.5), .bool(true), .null, .string("")])),
            ("nested", .object([("deep", .array([.object([])]))])),
            ("big", .number(123_456_789_012)),
        ])
        #expect(try JSONParser.parse(v.serialized()) == v)
    }

    // MARK: - Syntax errors, with line and column

    @Test func truncatedObjectPointsAtTheEnd() {
        let e = syntaxError("{\n  \"a\": 1,\n  \"b\": [1, 2")
        #expect(e?.line == 3)
        #expect(e?.column == 13)
        #expect(e?.message.contains("end of file") == true)
    }

    @Test func truncatedInsideAString() {
        let e = syntaxError("{\"name\": \"Mar")
        #expect(e?.line == 1)
        #expect(e?.column == 14)
        #expect(e?.message.contains("inside a string") == true)
    }

    @Test func truncatedLiteralAndNumber() {
        #expect(syntaxError("[tru")?.message.contains("expected true") == true)
        #expect(syntaxError("-")?.message.contains("malformed number") == true)
        #expect(syntaxError("1.")?.message.contains("after '.'") == true)
        #expect(syntaxError("1e+")?.message.contains("exponent") == true)
        #expect(syntaxError("")?.message.contains("end of file") == true)
        #expect(syntaxError("   \n ")?.line == 2)
    }

    @Test func trailingCommaInObject() {
        let e = syntaxError("{\n  \"a\": 1,\n}")
        #expect(e?.line == 3)
        #expect(e?.column == 1)
        #expect(e?.message.contains("quoted field name") == true)
    }

    @Test func trailingCommaInArray() {
        let e = syntaxError("[1, 2, ]")
        #expect(e?.line == 1)
        #expect(e?.column == 8)
        #expect(e?.message.contains("expected a JSON value") == true)
    }

    @Test func missingCommaAndColon() {
        let a = syntaxError("[1 2]")
        #expect(a?.column == 4)
        #expect(a?.message.contains("',' or ']'") == true)
        let b = syntaxError("{\"a\" 1}")
        #expect(b?.column == 6)
        #expect(b?.message.contains("':'") == true)
        let c = syntaxError("{\"a\": 1 \"b\": 2}")
        #expect(c?.message.contains("',' or '}'") == true)
    }

    @Test func textAfterTheDocument() {
        let e = syntaxError("{}\n{}")
        #expect(e?.line == 2)
        #expect(e?.column == 1)
        #expect(e?.message.contains("after the end") == true)
    }

    @Test func badEscapes() {
        let a = syntaxError(#"["ok", "a\qb"]"#)
        #expect(a?.message.contains("unknown escape") == true)
        #expect(a?.line == 1)
        #expect(a?.column == 12)
        #expect(syntaxError(#""\u12G4""#)?.message.contains("hex digit") == true)
        #expect(syntaxError(#""\u12""#)?.message.contains("\\u") == true)
        #expect(syntaxError(#""\x41""#)?.message.contains("unknown escape") == true)
    }

    @Test func loneSurrogatesAreErrors() {
        for text in [
            #""\ud800""#, #""\ud800x""#, #""\ud800\u0041""#, #""\udc00""#, #""\uDFFF\uD800""#, #""\ud800\ud800""#,
        ] {
            let e = syntaxError(text)
            #expect(e?.message.contains("surrogate") == true, "\(text)")
        }
    }

    @Test func rawControlCharactersInStringsAreErrors() {
        let e = syntaxError("{\"a\":\n \"x\ty\"}")
        #expect(e?.line == 2)
        #expect(e?.column == 4)
        #expect(e?.message.contains("control character") == true)
        #expect(syntaxError("\"a\u{0}b\"")?.message.contains("control character") == true)
        #expect(syntaxError("\"line\nbreak\"")?.message.contains("control character") == true)
    }

    @Test func invalidUTF8InAStringIsAnError() {
        var data = Data("\"ab".utf8)
        data.append(contentsOf: [0xC3, 0x28])
        data.append(Data("\"".utf8))
        #expect(syntaxError(data)?.message.contains("UTF-8") == true)
        #expect(syntaxError(Data([0x22, 0xFF, 0xFE, 0x22]))?.message.contains("UTF-8") == true)
    }

    @Test func duplicateKeysAreErrors() {
        let e = syntaxError("{\n  \"id\": \"S1\",\n  \"id\": \"S2\"\n}")
        #expect(e?.message.contains("\"id\" appears twice") == true)
        #expect(e?.line == 3)
        // The same key in two different objects is fine.
        #expect((try? JSONParser.parse("[{\"id\": 1}, {\"id\": 2}]")) != nil)
    }

    /// `{"k0": 0, "k1": 1, ...}`, one member a line (member `i` on line `i + 2`), then `extra`.
    static func wideObject(_ count: Int, extra: String = "") -> Data {
        var text = "{\n"
        text.reserveCapacity(count * 16)
        for i in 0..<count { text += "\"k\(i)\": \(i),\n" }
        text += extra.isEmpty ? "\"last\": true\n}\n" : extra
        return Data(text.utf8)
    }

    /// A scan of the members per key made this quadratic: 80 000 keys took 16.8 s in a release
    /// build, 200 000 several minutes in a debug one. Now a few hundred milliseconds.
    @Test func wideObjectParsesInLinearTime() throws {
        let data = Self.wideObject(200_000)
        let start = Date()
        let v = try JSONParser.parse(data)
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 5, "200 000 keys took \(seconds) s")
        guard case .object(let members) = v else {
            Issue.record("not an object")
            return
        }
        #expect(members.count == 200_001)
        #expect(members[0].0 == "k0" && members[199_999].0 == "k199999" && members[200_000].0 == "last")
    }

    @Test func duplicateKeyLateInAWideObjectIsReportedWhereItIs() {
        // The last member repeats the first: found by the set of keys, at its own line.
        let e = syntaxError(Self.wideObject(100_000, extra: "\"k0\": 1\n}\n"))
        #expect(e?.message == "field \"k0\" appears twice in one object")
        #expect(e?.line == 100_002)
        #expect(e?.column == 8)
        // Repeats on either side of the switch from a scan to a set, and at it.
        for (count, key) in [(3, "k1"), (16, "k15"), (17, "k0"), (17, "k16"), (40, "k20")] {
            let e = syntaxError(Self.wideObject(count, extra: "\"\(key)\": null}"))
            #expect(e?.message == "field \"\(key)\" appears twice in one object", "\(count) keys, repeating \(key)")
            #expect(e?.line == count + 2 && e?.column == key.count + 9, "\(count) keys: \(String(describing: e))")
        }
        // Distinct keys around the switch all parse.
        for count in [15, 16, 17, 18] { #expect((try? JSONParser.parse(Self.wideObject(count))) != nil) }
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two bytes but one column.
        let e = syntaxError("[\"é\", x]")
        #expect(e?.line == 1)
        #expect(e?.column == 7)
    }

    @Test func commentsAndSingleQuotesAreRefused() {
        #expect(syntaxError("{\"a\": 1 // note\n}") != nil)
        #expect(syntaxError("{'a': 1}")?.message.contains("quoted field name") == true)
        #expect(syntaxError("[NaN]") != nil)
        #expect(syntaxError("[Infinity]") != nil)
        #expect(syntaxError("[+1]") != nil)
        #expect(syntaxError("[.5]") != nil)
        #expect(syntaxError("[0x10]") != nil)
    }

    @Test func leadingZerosAreRefused() {
        #expect(syntaxError("[01]") != nil)
        #expect(syntaxError("-007") != nil)
    }

    // MARK: - Nesting

    @Test func nestingUpToTheLimitParses() throws {
        let depth = JSONParser.maxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        _ = try JSONParser.parse(text)
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() {
        let depth = JSONParser.maxDepth + 1
        let e = syntaxError(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(e?.message.contains("nesting deeper than \(JSONParser.maxDepth)") == true)
        #expect(e?.line == 1)
        #expect(e?.column == JSONParser.maxDepth + 1)
    }

    @Test func hostileNestingIsAnErrorNotACrash() {
        // A hundred thousand open brackets, alone and mixed with objects.
        #expect(syntaxError(String(repeating: "[", count: 100_000)) != nil)
        #expect(syntaxError(String(repeating: "{\"a\":", count: 100_000)) != nil)
        #expect(syntaxError(String(repeating: "[{\"k\":", count: 50_000)) != nil)
    }

    // MARK: - Numbers

    @Test func hugeExponentIsInfiniteOrRefusedNeverATrap() {
        // Either reading is fine for relief: CaseReader refuses non-finite numbers.
        for text in ["1e400", "-1e400", "[1E+999999999999]"] {
            do {
                let v = try JSONParser.parse(text)
                let number: JSONValue
                if case .array(let items) = v, items.count == 1 { number = items[0] } else { number = v }
                guard case .number(let d) = number else {
                    Issue.record("\(text) parsed as \(v)")
                    continue
                }
                #expect(d.isInfinite, "\(text)")
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func tinyExponentUnderflowsToZero() throws {
        #expect(try JSONParser.parse("1e-400") == .number(0))
    }

    @Test func negativeZero() throws {
        let v = try JSONParser.parse("-0")
        guard case .number(let d) = v else {
            Issue.record("\(v)")
            return
        }
        #expect(d == 0)
        #expect(d.sign == .minus)
        #expect(try JSONParser.parse("-0.0e5") == .number(0))
    }

    @Test func hugeIntegersBecomeDoubles() throws {
        #expect(try JSONParser.parse("9223372036854775808") == .number(9_223_372_036_854_775_808.0))
        #expect(try JSONParser.parse("-9223372036854775809") == .number(-9_223_372_036_854_775_808.0))
        let digits = String(repeating: "9", count: 400)
        guard case .number(let d) = try JSONParser.parse(digits) else {
            Issue.record("not a number")
            return
        }
        #expect(d.isInfinite || d > 1e300)
        #expect(try JSONParser.parse("1e308") == .number(1e308))
        #expect(try JSONParser.parse("0.1") == .number(0.1))
    }

    @Test func serializerNeverWritesNonFiniteNumbers() {
        #expect(JSONValue.number(.infinity).serialized() == "null\n")
        #expect(JSONValue.number(-.infinity).serialized() == "null\n")
        #expect(JSONValue.number(.nan).serialized() == "null\n")
        #expect(JSONValue.number(9_223_372_036_854_775_808.0).serialized() != "")
    }
}
