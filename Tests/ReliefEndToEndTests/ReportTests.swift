import Foundation
import ReliefCore
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The bundled Quebec City week, planned and reported once by the built binary
/// (`relief plan`, then `relief report`), for every test that reads the page.
struct BundledWeekReport: Sendable {
    let directory: String
    let casePath: String
    let schedulePath: String
    let pagePath: String
    let page: String
    let schedule: JSONValue

    static let shared: Result<BundledWeekReport, ReportTestFailure> = {
        do { return .success(try BundledWeekReport()) } catch { return .failure(ReportTestFailure("\(error)")) }
    }()

    static func get() throws -> BundledWeekReport {
        switch shared {
        case .success(let r): return r
        case .failure(let message):
            throw ReportTestFailure("the bundled week could not be planned and reported: \(message)")
        }
    }

    private init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relief-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        directory = dir.path
        // Removed when the test process ends (the page names the bundled week's families).
        atexit {
            if case .success(let r) = BundledWeekReport.shared {
                try? FileManager.default.removeItem(atPath: r.directory)
            }
        }
        casePath = PackageTree.url("Data/quebec-city-week.json").path
        schedulePath = dir.appendingPathComponent("week.schedule.json").path
        pagePath = dir.appendingPathComponent("week.html").path
        let plan = try Relief.run(["plan", casePath, "-o", schedulePath, "--quiet"], in: dir, timeout: 300)
        guard plan.status == 0 else { throw ReportTestFailure("relief plan: \(plan)") }
        let report = try Relief.run(["report", schedulePath, "--case", casePath, "-o", pagePath], in: dir)
        guard report.status == 0 else { throw ReportTestFailure("relief report: \(report)") }
        page = try String(contentsOfFile: pagePath, encoding: .utf8)
        schedule = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: schedulePath)))
    }

    /// The visit ids of the schedule's `unfilled` list.
    var scheduleUnfilledIDs: [String] {
        guard case .array(let items)? = schedule["unfilled"] else { return [] }
        return items.compactMap { if case .string(let s)? = $0["visit"] { return s } else { return nil } }
    }
}

struct ReportTestFailure: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// What a page says in its data attributes and its tags, read without a browser.
enum PageReading {
    /// Every value of `attribute="..."` in the page, in order.
    static func values(of attribute: String, in page: String) -> [String] {
        var out: [String] = []
        var rest = page[...]
        let needle = " \(attribute)=\""
        while let r = rest.range(of: needle) {
            let after = rest[r.upperBound...]
            guard let close = after.firstIndex(of: "\"") else { break }
            out.append(String(after[..<close]))
            rest = after[close...]
        }
        return out
    }

    /// The opening tag of each element carrying `attribute="value"`.
    static func tag(with attribute: String, _ value: String, in page: String) -> String? {
        guard let r = page.range(of: " \(attribute)=\"\(value)\"") else { return nil }
        let start = page[..<r.lowerBound].lastIndex(of: "<") ?? r.lowerBound
        let end = page[r.upperBound...].firstIndex(of: ">") ?? page.endIndex
        return String(page[start..<end])
    }

    static func integer(_ attribute: String, in tag: String) -> Int? {
        values(of: attribute, in: " " + tag).first.flatMap { Int($0) }
    }

    static let voidElements: Set<String> = ["meta", "br", "wbr", "hr", "img", "input", "link"]

    /// Problems with the nesting of the page's tags (a stack of open elements; `<style>`
    /// content skipped; void elements and `/>` close themselves); empty when balanced.
    static func nestingProblems(_ page: String) -> [String] {
        var problems: [String] = []
        var stack: [String] = []
        let u = Array(page.utf8)
        var i = 0
        func name(from j: Int) -> (String, Int) {
            var k = j
            while k < u.count, (u[k] >= 48 && u[k] <= 57) || (u[k] | 0x20 >= 97 && u[k] | 0x20 <= 122) { k += 1 }
            return (String(decoding: u[j..<k], as: UTF8.self).lowercased(), k)
        }
        while i < u.count {
            guard u[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if page.utf8.dropFirst(i).starts(with: "<!".utf8) {
                while i < u.count, u[i] != UInt8(ascii: ">") { i += 1 }
                continue
            }
            let closing = i + 1 < u.count && u[i + 1] == UInt8(ascii: "/")
            let (tag, after) = name(from: i + (closing ? 2 : 1))
            var end = after
            while end < u.count, u[end] != UInt8(ascii: ">") { end += 1 }
            guard !tag.isEmpty, end < u.count else {
                problems.append("a stray < at byte \(i)")
                i += 1
                continue
            }
            let selfClosing = u[end - 1] == UInt8(ascii: "/")
            if closing {
                if stack.last == tag {
                    stack.removeLast()
                } else {
                    problems.append("</\(tag)> at byte \(i) closes <\(stack.last ?? "nothing")>")
                    if let k = stack.lastIndex(of: tag) { stack.removeSubrange(k...) }
                }
                i = end + 1
            } else if selfClosing || voidElements.contains(tag) {
                i = end + 1
            } else if tag == "style" {
                stack.append(tag)
                guard let close = page.utf8.dropFirst(end).firstRange(of: "</style>".utf8) else {
                    problems.append("<style> never closed")
                    break
                }
                i = page.utf8.distance(from: page.utf8.startIndex, to: close.lowerBound)
            } else {
                stack.append(tag)
                i = end + 1
            }
        }
        if !stack.isEmpty { problems.append("still open at the end: \(stack)") }
        return problems
    }
}

@Suite("relief report: the week on one page")
struct ReportTests {
    @Test func thePageOfTheBundledWeekIsSelfContainedAndWellFormed() throws {
        let w = try BundledWeekReport.get()
        let page = w.page
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr-CA\">"))
        #expect(page.components(separatedBy: "<html").count == 2, "exactly one <html>")
        #expect(page.components(separatedBy: "</html>").count == 2)
        #expect(page.components(separatedBy: "<body").count == 2)
        #expect(PageReading.nestingProblems(page) == [])
        let lower = page.lowercased()
        for forbidden in ["http://", "https://", "<script", "<link", "@import", "url(", "<iframe", "<img", "src="] {
            #expect(!lower.contains(forbidden), "the page must not contain \(forbidden)")
        }
        // Prints landscape on whatever paper the printer has (Letter or A4), a section a page.
        #expect(page.contains("@page { size: landscape;"))
        #expect(page.contains("section { break-before: page; }"))
        // Every section a coordinator looks for, each under a heading.
        for id in ["coverage", "on-call", "grid", "unfilled", "hours"] {
            #expect(page.contains("<section id=\"\(id)\" aria-labelledby=\"h-\(id)\">"))
            #expect(page.contains("<h2 id=\"h-\(id)\">"))
        }
        #expect(page.contains("<th scope=\"col\">lun. 23 nov.</th>"), "French day headers by default")
        let sitters = PageReading.values(of: "data-sitter", in: page)
        #expect(Set(sitters).count == 35, "a grid row and an hours row for each of the 35 sitters")
        #expect(sitters.count == 70)
        #expect(fileMode(w.pagePath) == 0o600, "the page names families: owner only")
    }

    @Test func theUnfilledListIsExactlyTheSchedulesUnfilledList() throws {
        let w = try BundledWeekReport.get()
        let onPage = PageReading.values(of: "data-unfilled-visit", in: w.page)
        let inSchedule = w.scheduleUnfilledIDs
        #expect(inSchedule.count > 50, "the bundled week leaves many visits unfilled")
        #expect(onPage.sorted() == inSchedule.sorted())
        #expect(Set(onPage).count == onPage.count, "no visit listed twice")
        // Most urgent first: every urgent row comes before the first high or normal row.
        let rows = onPage.map { PageReading.tag(with: "data-unfilled-visit", $0, in: w.page) ?? "" }
        let ranks = rows.map { $0.contains("pr-urgent") ? 0 : $0.contains("pr-high") ? 1 : 2 }
        #expect(ranks == ranks.sorted())
        // Each row carries the planner's reason codes.
        guard case .array(let items)? = w.schedule["unfilled"], let first = items.first,
            case .string(let id)? = first["visit"], case .array(let reasons)? = first["reasons"],
            case .string(let code)? = reasons.first?["code"]
        else {
            Issue.record("the schedule has no unfilled visit with a reason")
            return
        }
        let row = try #require(w.page.range(of: "data-unfilled-visit=\"\(id)\""))
        let rowText = w.page[row.upperBound...].prefix { $0 != "\n" }
        #expect(rowText.contains("<code>\(code)</code>"))
    }

    @Test func coverageFiguresAreTheSchedulesLevels() throws {
        let w = try BundledWeekReport.get()
        let (c, _) = try CaseReader.read(data: Data(contentsOf: URL(fileURLWithPath: w.casePath)), file: "week")
        func level(_ key: String) -> Int? {
            if case .number(let d)? = w.schedule["levels"]?[key] { return Int(d) }
            return nil
        }
        let expected: [(String, Int?, Int)] = [
            ("on-call", level("onCallMinutes"), c.onCallShifts.reduce(0) { $0 + $1.minutes * $1.staff }),
            ("urgent", level("urgentSlots"), c.visits.filter { $0.priority == .urgent }.reduce(0) { $0 + $1.sitters }),
            ("high", level("highSlots"), c.visits.filter { $0.priority == .high }.reduce(0) { $0 + $1.sitters }),
            ("normal", level("normalSlots"), c.visits.filter { $0.priority == .normal }.reduce(0) { $0 + $1.sitters }),
        ]
        #expect(PageReading.values(of: "data-coverage", in: w.page) == expected.map(\.0))
        for (key, filled, needed) in expected {
            let tag = try #require(PageReading.tag(with: "data-coverage", key, in: w.page))
            #expect(filled != nil)
            #expect(PageReading.integer("data-filled", in: tag) == filled, "\(key): \(tag)")
            #expect(PageReading.integer("data-needed", in: tag) == needed, "\(key): \(tag)")
        }
        // The chart says the same in words for a screen reader (19 / 21 · 90 %).
        let urgent = try #require(level("urgentSlots"))
        #expect(w.page.contains("Urgente: \(urgent) / 21 · \(urgent * 100 / 21)\u{A0}%"))
    }

    @Test func caseTextIsEscapedEverywhere() throws {
        let dir = try ScratchDirectory()
        let hostile = try PackageTree.smallCase()
            .setting("name", to: .string("<script>alert('case')</script>"))
            .setting("sitters[0].name", to: .string("<script>alert(1)</script> Marie \u{202E}evil"))
            .setting("families[2].name", to: .string("\"><img src=x onerror=alert(2)>"))
            .setting("territories[2].name", to: .string("<b>Vieux</b> & Québec"))
            .setting(
                "visits[4]",
                to: .json(
                    #"{"id": "V5", "family": "F3", "start": "2026-11-24T14:00", "end": "2026-11-24T16:00", "competencies": ["<sign-language>"], "priority": "high"}"#
                ))
        let casePath = try dir.write("case.json", hostile)
        let plan = try Relief.run(["plan", casePath, "-o", dir.path("s.json"), "--quiet"], in: dir.url)
        #expect(plan.status == 0, "\(plan)")
        let r = try Relief.run(
            ["report", dir.path("s.json"), "--case", casePath, "-o", dir.path("w.html")], in: dir.url)
        #expect(r.status == 0, "\(r)")
        let page = try String(contentsOfFile: dir.path("w.html"), encoding: .utf8)
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("<b>Vieux"))
        #expect(!page.contains("<sign-language>"))
        #expect(!page.unicodeScalars.contains("\u{202E}"), "a bidi override is shown as text, never obeyed")
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Marie \\u{202E}evil"))
        #expect(page.contains("&lt;script&gt;alert(&#39;case&#39;)&lt;/script&gt;"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        #expect(page.contains("&lt;b&gt;Vieux&lt;/b&gt; &amp; Québec"))
        #expect(PageReading.values(of: "data-unfilled-visit", in: page) == ["V5"])
        #expect(PageReading.nestingProblems(page) == [])
    }

    @Test func timesAreInTheCasesZoneAndEnglishOnRequest() throws {
        let dir = try ScratchDirectory()
        // 18:00 in Montreal is 15:00 in Vancouver: the page shows the case's own clock.
        let c = try PackageTree.smallCase().setting("timeZone", to: .string("America/Vancouver"))
            .setting(
                "visits[4]",
                to: .json(
                    #"{"id": "V5", "family": "F3", "start": "2026-11-24T18:00-05:00", "end": "2026-11-24T20:30-05:00", "competencies": ["sign-language"], "priority": "urgent"}"#
                ))
        let casePath = try dir.write("case.json", c)
        let plan = try Relief.run(["plan", casePath, "-o", dir.path("s.json"), "--quiet"], in: dir.url)
        #expect(plan.status == 0, "\(plan)")
        let r = try Relief.run(
            ["report", dir.path("s.json"), "--case", casePath, "-o", dir.path("w.html"), "--lang", "en"], in: dir.url)
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("the week on one page: 4 sitters, 5 visits, 1 unfilled"), "\(r)")
        let page = try String(contentsOfFile: dir.path("w.html"), encoding: .utf8)
        #expect(page.contains("<html lang=\"en-CA\">"))
        #expect(page.contains("<h2 id=\"h-unfilled\">Unfilled visits (1)</h2>"))
        let row = try #require(PageReading.tag(with: "data-unfilled-visit", "V5", in: page))
        #expect(row.contains("pr-urgent"))
        #expect(page.contains("<td class=\"nowrap\">Tue Nov 24 15:00–17:30</td>"))
        #expect(page.contains("America/Vancouver"))
    }

    @Test func commandLine() throws {
        let dir = try ScratchDirectory()
        let help = try Relief.run(["report", "--help"], in: dir.url)
        #expect(help.status == 0)
        #expect(help.stdout.contains("relief report SCHEDULE --case CASE -o WEEK.html [--lang fr|en]"))
        let all = try Relief.run(["--help"], in: dir.url)
        #expect(all.stdout.contains("relief report SCHEDULE"))
        let noCase = try Relief.run(["report", "s.json", "-o", "w.html"], in: dir.url)
        #expect(noCase.status == 64)
        #expect(noCase.stderr.contains("missing --case CASE"))
        let badLang = try Relief.run(
            ["report", "s.json", "--case", "c.json", "-o", "w.html", "--lang", "de"], in: dir.url)
        #expect(badLang.status == 64)
        #expect(badLang.stderr.contains("--lang takes fr or en"))

        let casePath = try dir.write("case.json", try PackageTree.smallCase())
        #expect(try Relief.run(["plan", casePath, "-o", dir.path("s.json"), "--quiet"], in: dir.url).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: dir.path("s.json")))
        // The page never replaces its inputs.
        let overSchedule = try Relief.run(
            ["report", dir.path("s.json"), "--case", casePath, "-o", dir.path("s.json")], in: dir.url)
        #expect(overSchedule.status == 64, "\(overSchedule)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir.path("s.json"))) == before)
        let overCase = try Relief.run(["report", dir.path("s.json"), "--case", casePath, "-o", casePath], in: dir.url)
        #expect(overCase.status == 64, "\(overCase)")
        // A schedule that is not one: bad data, nothing written.
        try dir.write("bad.json", "{\"format\": \"something else\"}")
        let bad = try Relief.run(
            ["report", dir.path("bad.json"), "--case", casePath, "-o", dir.path("w.html")], in: dir.url)
        #expect(bad.status == 65, "\(bad)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("w.html")))
        // A schedule broken by hand is shown, under a banner naming what is broken.
        let s = try JSONParser.parse(before).setting("onCall", to: .array([]))
        try dir.write("edited.json", s)
        let edited = try Relief.run(
            ["report", dir.path("edited.json"), "--case", casePath, "-o", dir.path("w.html")], in: dir.url)
        #expect(edited.status == 0, "\(edited)")
        // French by default (the English line: timesAreInTheCasesZoneAndEnglishOnRequest).
        #expect(edited.stdout.contains("w.html : la semaine sur une page : 4 intervenant·es, 4 visites"), "\(edited)")
        #expect(
            edited.stdout.contains(" ; le planning enfreint 3 règles de ce cas (relief verify les énumère)"),
            "\(edited)")
        let page = try String(contentsOfFile: dir.path("w.html"), encoding: .utf8)
        #expect(page.contains("<div class=\"broken\" role=\"alert\">"))
        #expect(page.contains("personne n’est de garde"), "an empty on-call line is a gap, said as nobody on call")
        #expect(try dir.contents().filter { $0.hasPrefix(".relief-") } == [], "no temporary file left")
    }
}
