import Foundation

/// An instant, in whole seconds since 1970-01-01T00:00Z. Durations between
/// instants are real elapsed time, whatever the clocks did (DST).
public struct Instant: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }
    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }
    public func adding(minutes: Int) -> Instant { Instant(seconds: seconds + Int64(minutes) * 60) }
    /// Whole minutes from `self` to `other`, rounded to the nearest minute.
    public func minutes(to other: Instant) -> Int {
        let d = other.seconds - seconds
        // Half minutes round to even, as Python's round() in the contract's checker.
        return Int((Double(d) / 60).rounded(.toNearestOrEven))
    }
    public var description: String { ISOTime.formatUTC(self) }
}

/// A half-open time interval `[start, end)`.
public struct TimeSpan: Hashable, Sendable {
    public var start: Instant
    public var end: Instant
    public init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }
    public var minutes: Int { start.minutes(to: end) }
    public func overlaps(_ o: TimeSpan) -> Bool { start < o.end && o.start < end }
    public func contains(_ o: TimeSpan) -> Bool { start <= o.start && o.end <= end }
}

/// A local calendar date.
public struct LocalDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var day: Int
    public init(day: Int) { self.day = day }

    public init?(year: Int, month: Int, dayOfMonth: Int) {
        guard (1...12).contains(month), dayOfMonth >= 1, dayOfMonth <= LocalDate.daysIn(year: year, month: month),
            (1...9999).contains(year)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + dayOfMonth - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        day = era * 146097 + doe - 719468
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = day + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.day < b.day }

    /// 0 for Monday through 6 for Sunday (day 0, 1970-01-01, was a Thursday).
    public var weekday: Int { ((day % 7) + 7 + 3) % 7 }

    /// `YYYY-MM-DD`
    public var description: String {
        let c = components
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// Parses `YYYY-MM-DD` strictly.
    public static func parse(_ text: String) -> LocalDate? {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
            let y = ISOTime.int(u[0..<4]), let m = ISOTime.int(u[5..<7]), let d = ISOTime.int(u[8..<10])
        else { return nil }
        return LocalDate(year: y, month: m, dayOfMonth: d)
    }
}

/// Why a time string could not be read.
public enum TimeParseError: Error, Equatable, Sendable {
    case malformed
    case nonexistentLocalTime
}

/// The case's clock: turns ISO 8601 strings into instants and instants into
/// local dates, in one IANA time zone.
public struct CaseClock: Sendable {
    public let identifier: String
    private let zone: TimeZone
    /// `Area/Location` names (and UTC/GMT); not abbreviations or "GMT+5" offsets.
    static func isIANAName(_ id: String) -> Bool {
        if id == "UTC" || id == "GMT" { return true }
        guard id.contains("/"), !id.hasPrefix("GMT"), !id.hasPrefix("UTC"), !id.hasPrefix("/"), !id.contains("..")
        else { return false }
        return id.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "/_-+".unicodeScalars.contains($0)
        }
    }

    public init?(identifier: String) {
        // IANA names only: Foundation also takes "GMT+5", which IANA spells Etc/GMT-5.
        guard CaseClock.isIANAName(identifier), let z = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        zone = z
    }

    /// Offset from UTC in seconds at an instant.
    public func offset(at t: Instant) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds)))
    }

    public func localDate(_ t: Instant) -> LocalDate {
        let local = t.seconds + Int64(offset(at: t))
        return LocalDate(day: Int((local >= 0 ? local : local - 86399) / 86400))
    }

    /// Resolves a local wall time (seconds since the epoch as if it were UTC).
    /// A time in a spring-forward gap does not exist; a fall-back time means its first occurrence.
    public func resolve(wall: Int64) -> Instant? {
        var candidates: Set<Int> = []
        for probe in [wall - 86400, wall, wall + 86400] {
            candidates.insert(offset(at: Instant(seconds: probe)))
        }
        var valid: [Instant] = []
        for o in candidates {
            let t = Instant(seconds: wall - Int64(o))
            if offset(at: t) == o { valid.append(t) }
        }
        return valid.min()
    }

    /// Parses an ISO 8601 time: `YYYY-MM-DDTHH:MM[:SS]` optionally followed by `Z` or `±HH:MM`.
    public func parse(_ text: String) -> Result<Instant, TimeParseError> {
        guard let p = ISOTime.split(text) else { return .failure(.malformed) }
        if let off = p.offsetSeconds { return .success(Instant(seconds: p.wall - Int64(off))) }
        guard let t = resolve(wall: p.wall) else { return .failure(.nonexistentLocalTime) }
        return .success(t)
    }

    /// `YYYY-MM-DDTHH:MM` with this zone's offset, e.g. `2026-11-24T18:00-05:00`.
    public func format(_ t: Instant) -> String {
        let o = offset(at: t)
        return ISOTime.format(wall: t.seconds + Int64(o), offset: o)
    }

    /// Local wall time without offset, `2026-11-24T18:00`.
    public func formatLocal(_ t: Instant) -> String {
        ISOTime.formatWall(t.seconds + Int64(offset(at: t)))
    }
}

/// Strict ISO 8601 pieces shared by the clock and the writers.
public enum ISOTime {
    static func int(_ s: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for b in s {
            guard b >= 48 && b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return s.isEmpty ? nil : v
    }

    /// Wall seconds (as if UTC) and an optional explicit offset.
    static func split(_ text: String) -> (wall: Int64, offsetSeconds: Int?)? {
        let u = Array(text.utf8)
        guard u.count >= 16, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
            u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "), u[13] == UInt8(ascii: ":"),
            let date = LocalDate.parse(String(decoding: u[0..<10], as: UTF8.self)),
            let hh = int(u[11..<13]), let mm = int(u[14..<16]), hh < 24, mm < 60
        else { return nil }
        var i = 16
        var ss = 0
        if i < u.count, u[i] == UInt8(ascii: ":") {
            guard i + 3 <= u.count, let s = int(u[(i + 1)..<(i + 3)]), s < 60 else { return nil }
            ss = s
            i += 3
            if i < u.count, u[i] == UInt8(ascii: ".") {
                i += 1
                let st = i
                while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }
                guard i > st else { return nil }
            }
        }
        let wall = Int64(date.day) * 86400 + Int64(hh * 3600 + mm * 60 + ss)
        if i == u.count { return (wall, nil) }
        if u[i] == UInt8(ascii: "Z") && i + 1 == u.count { return (wall, 0) }
        guard u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") else { return nil }
        let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
        let rest = Array(u[(i + 1)...])
        var oh = 0
        var om = 0
        if rest.count == 5 && rest[2] == UInt8(ascii: ":") {
            guard let a = int(rest[0..<2]), let b = int(rest[3..<5]) else { return nil }
            oh = a
            om = b
        } else if rest.count == 4 {
            guard let a = int(rest[0..<2]), let b = int(rest[2..<4]) else { return nil }
            oh = a
            om = b
        } else if rest.count == 2 {
            guard let a = int(rest[0..<2]) else { return nil }
            oh = a
        } else {
            return nil
        }
        guard oh <= 18, om < 60 else { return nil }
        return (wall, sign * (oh * 3600 + om * 60))
    }

    public static func formatWall(_ wall: Int64) -> String {
        let days = Int((wall >= 0 ? wall : wall - 86399) / 86400)
        let secs = Int(wall - Int64(days) * 86400)
        let d = LocalDate(day: days)
        var s = "\(d)T" + String(format: "%02d:%02d", secs / 3600, (secs / 60) % 60)
        if secs % 60 != 0 { s += String(format: ":%02d", secs % 60) }
        return s
    }

    static func format(wall: Int64, offset: Int) -> String {
        if offset == 0 { return formatWall(wall) + "Z" }
        let a = abs(offset)
        return formatWall(wall) + (offset < 0 ? "-" : "+") + String(format: "%02d:%02d", a / 3600, (a / 60) % 60)
    }

    public static func formatUTC(_ t: Instant) -> String { format(wall: t.seconds, offset: 0) }
}
