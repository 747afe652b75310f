import Foundation
import ReliefTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Headless Chromium, when it is on PATH (`.ci/setup` installs Debian's `chromium`).
enum Chromium {
    static let path: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Runs `chromium --headless ARGS URL` with its own profile in `directory`;
    /// its exit status and standard output (stderr is Chromium's own chatter).
    static func run(_ args: [String], page: String, in directory: URL, timeout: Double = 90) throws
        -> (status: Int32, stdout: Data)
    {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(path))
        p.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
            ] + args + [URL(fileURLWithPath: page).absoluteString]
        p.currentDirectoryURL = directory
        let out = directory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            Issue.record("chromium ran longer than \(timeout) s")
        }
        p.waitUntilExit()
        return (p.terminationStatus, try Data(contentsOf: out))
    }

    /// A screenshot of `page` at 1600x1200 (a coordinator's screen).
    static func screenshot(_ page: String, in directory: URL, name: String) throws -> (status: Int32, png: Data) {
        let png = directory.appendingPathComponent(name)
        let r = try run(["--screenshot=\(png.path)", "--window-size=1600,1200"], page: page, in: directory)
        return (r.status, (try? Data(contentsOf: png)) ?? Data())
    }
}

@Suite("relief report in a browser")
struct ReportBrowserTests {
    static let pngSignature = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

    @Test(
        "the bundled week's page renders to a screenshot that is not blank",
        .enabled(if: Chromium.path != nil, "chromium is not on PATH; bash .ci/setup installs it"))
    func screenshotIsNotBlank() throws {
        let w = try BundledWeekReport.get()
        let dir = try ScratchDirectory()
        let empty = try dir.write(
            "empty.html", "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body></body></html>\n")
        let blank = try Chromium.screenshot(empty, in: dir.url, name: "empty.png")
        let week = try Chromium.screenshot(w.pagePath, in: dir.url, name: "week.png")
        #expect(week.status == 0)
        #expect(blank.status == 0)
        #expect(week.png.prefix(8) == Self.pngSignature, "a PNG file")
        #expect(blank.png.prefix(8) == Self.pngSignature)
        // An empty white page compresses to almost nothing; the week's grid, band and
        // tables do not. Measured: about 3 KB against about 200 KB.
        #expect(week.png.count > 50_000, "\(week.png.count) bytes")
        #expect(week.png != blank.png)
        #expect(
            week.png.count > 10 * blank.png.count, "\(week.png.count) bytes against \(blank.png.count) for a blank page"
        )
        #expect(Self.dimensions(week.png).map { [$0.0, $0.1] } == [1600, 1200])
    }

    @Test(
        "the page as the browser parsed it lists every unfilled visit and runs no script",
        .enabled(if: Chromium.path != nil, "chromium is not on PATH; bash .ci/setup installs it"))
    func parsedPageListsTheUnfilledVisits() throws {
        let w = try BundledWeekReport.get()
        let dir = try ScratchDirectory()
        let r = try Chromium.run(["--dump-dom"], page: w.pagePath, in: dir.url)
        #expect(r.status == 0)
        let dom = String(decoding: r.stdout, as: UTF8.self)
        #expect(dom.contains("<section id=\"unfilled\""))
        let ids = PageReading.values(of: "data-unfilled-visit", in: dom)
        #expect(!ids.isEmpty)
        #expect(ids.sorted() == w.scheduleUnfilledIDs.sorted())
        #expect(PageReading.values(of: "data-coverage", in: dom) == ["on-call", "urgent", "high", "normal"])
        #expect(!dom.lowercased().contains("<script"))
    }

    /// Width and height from a PNG's IHDR chunk.
    static func dimensions(_ png: Data) -> (Int, Int)? {
        guard png.count >= 24 else { return nil }
        let b = [UInt8](png.prefix(24))
        func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        guard String(decoding: b[12..<16], as: UTF8.self) == "IHDR" else { return nil }
        return (be32(16), be32(20))
    }
}
