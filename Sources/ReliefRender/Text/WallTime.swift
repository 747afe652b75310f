import Foundation
import ReliefCore

/// A local wall time: seconds since 1970-01-01T00:00 as if the zone were UTC, that is
/// what a clock on the wall shows in the case's zone. Renderers keep times as this value
/// and write them only at the end, each in its own form.
public struct WallTime: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// The wall time of an instant on a case's clock.
    public init(_ t: Instant, on clock: CaseClock) { seconds = t.seconds + Int64(clock.offset(at: t)) }

    public static func < (a: WallTime, b: WallTime) -> Bool { a.seconds < b.seconds }

    public var day: LocalDate { LocalDate(day: Int((seconds >= 0 ? seconds : seconds - 86399) / 86400)) }
    public var minuteOfDay: Int { Int(seconds - Int64(day.day) * 86400) / 60 }
    /// `18:30`
    public var clock: String { String(format: "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60) }
    /// `2026-11-24T18:00` (seconds only when not zero), as `CaseClock.formatLocal` writes it.
    public var description: String { ISOTime.formatWall(seconds) }
}
