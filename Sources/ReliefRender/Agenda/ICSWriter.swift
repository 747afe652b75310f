import ReliefCore

/// The pieces of RFC 5545 the agendas need: content lines folded at 75 octets
/// (never inside a UTF-8 sequence) and ended by CRLF, TEXT escaping, DATE-TIME
/// values, and a VTIMEZONE built from the case clock's own transitions.
public enum ICS {
    static let crlf = "\r\n"
    static let maxOctets = 75

    /// One content line, `NAME;PARAM=VALUE:value`, folded and ended by CRLF.
    /// `value` must already be in its value type's form (TEXT escaped with `text`).
    static func line(_ name: String, _ params: [(String, String)] = [], _ value: String) -> String {
        var s = name
        for (k, v) in params { s += ";\(k)=\(paramValue(v))" }
        return fold(s + ":" + value)
    }

    /// Folds a line: at most 75 octets per physical line (CRLF not counted), each
    /// continuation starting with one space. Breaks fall between characters (grapheme
    /// clusters), so neither a UTF-8 sequence nor an `e` and its accent are parted;
    /// a cluster too long for one line is broken between its Unicode scalars.
    static func fold(_ line: String) -> String {
        var out = ""
        var octets = 0
        func put(_ piece: Substring.UnicodeScalarView, _ n: Int) {
            if octets + n > maxOctets {
                out += crlf + " "
                octets = 1
            }
            out.unicodeScalars.append(contentsOf: piece)
            octets += n
        }
        for character in line {
            let s = Substring(String(character)).unicodeScalars
            let n = String(character).utf8.count
            if n < maxOctets {
                put(s, n)
            } else {
                for scalar in s { put(Substring(String(scalar)).unicodeScalars, UTF8.width(scalar)) }
            }
        }
        return out + crlf
    }

    /// TEXT (RFC 5545 3.3.11): `\` `;` `,` escaped, any line break as `\n`. Other
    /// control characters (and the bidi and line-separator ones a terminal would
    /// also refuse) are dropped: TEXT allows none, and a calendar should not show them.
    static func text(_ s: String) -> String {
        var out = ""
        var lastWasCR = false
        for u in s.unicodeScalars {
            defer { lastWasCR = u == "\r" }
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !lastWasCR { out += "\\n" }
            case "\t": out += " "
            default:
                if TerminalText.isControl(u) { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A parameter value: quoted when it holds `;`, `:` or `,`; `"` and controls dropped.
    static func paramValue(_ v: String) -> String {
        let clean = String(
            String.UnicodeScalarView(v.unicodeScalars.filter { $0 != "\"" && !TerminalText.isControl($0) }))
        return clean.contains(where: { $0 == ";" || $0 == ":" || $0 == "," }) ? "\"\(clean)\"" : clean
    }

    /// `YYYYMMDDTHHMMSS` of wall-clock seconds (seconds since the epoch as if UTC).
    static func dateTime(wall: Int64) -> String {
        let days = Int((wall >= 0 ? wall : wall - 86399) / 86400)
        let secs = Int(wall - Int64(days) * 86400)
        let c = LocalDate(day: days).components
        return pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "T" + pad(secs / 3600, 2) + pad(secs / 60 % 60, 2)
            + pad(secs % 60, 2)
    }

    /// `YYYYMMDDTHHMMSSZ`
    public static func utc(_ t: Instant) -> String { dateTime(wall: t.seconds) + "Z" }

    /// `-0500`
    static func utcOffset(_ seconds: Int) -> String {
        let a = abs(seconds)
        var s = (seconds < 0 ? "-" : "+") + pad(a / 3600, 2) + pad(a / 60 % 60, 2)
        if a % 60 != 0 { s += pad(a % 60, 2) }
        return s
    }

    /// A DATE-TIME property of an instant: local time with `TZID` when that local
    /// time names this instant under RFC 5545's reading (an ambiguous fall-back
    /// time means its first occurrence); UTC (`Z`) for the second occurrence of a
    /// repeated hour, which a local time cannot name.
    static func dateTimeLine(_ name: String, _ t: Instant, clock: CaseClock) -> String {
        let wall = t.seconds + Int64(clock.offset(at: t))
        if clock.resolve(wall: wall) == t {
            return line(name, [("TZID", clock.identifier)], dateTime(wall: wall))
        }
        return line(name, [], utc(t))
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// One change of UTC offset of the case's zone.
struct ICSTransition: Equatable {
    /// The first instant with the new offset.
    var onset: Instant
    var from: Int
    var to: Int
}

/// The VTIMEZONE of the case's zone over a span of time, built from the zone's
/// actual offsets (read through `CaseClock`), not from a recurrence rule: one
/// observance for the offset in force at the start (from the transition that
/// began it) and one per transition inside the span. Calendar apps that know
/// the IANA name use their own rules; the others get exactly what relief used.
enum ICSTimeZone {
    /// How far back to look for the transition that began the offset in force.
    static let lookBackDays = 400

    /// The offset changes of `clock` in `(from, to]`, each found to the second.
    static func transitions(_ clock: CaseClock, from: Instant, to: Instant) -> [ICSTransition] {
        var out: [ICSTransition] = []
        let step: Int64 = 6 * 3600
        var t = from
        var offset = clock.offset(at: t)
        while t < to {
            let next = Instant(seconds: min(t.seconds + step, to.seconds))
            let o = clock.offset(at: next)
            if o != offset {
                // The first second in (t, next] with offset o.
                var lo = t.seconds
                var hi = next.seconds
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2
                    if clock.offset(at: Instant(seconds: mid)) == offset { lo = mid } else { hi = mid }
                }
                let onset = Instant(seconds: hi)
                out.append(ICSTransition(onset: onset, from: offset, to: clock.offset(at: onset)))
                offset = clock.offset(at: onset)
                t = onset
                continue
            }
            t = next
        }
        return out
    }

    /// The VTIMEZONE component's lines (each folded, CRLF-ended) covering `span`.
    static func component(_ clock: CaseClock, covering span: TimeSpan) -> String {
        let back = Instant(seconds: span.start.seconds - Int64(lookBackDays) * 86400)
        let before = transitions(clock, from: back, to: span.start).last
        let inside = transitions(clock, from: span.start, to: span.end)
        var observances: [ICSTransition] = []
        if let before {
            observances.append(before)
        } else {
            let o = clock.offset(at: span.start)
            // No change for more than a year: one observance since 1970.
            observances.append(ICSTransition(onset: Instant(seconds: -Int64(o)), from: o, to: o))
        }
        observances += inside
        var s = ICS.line("BEGIN", "VTIMEZONE") + ICS.line("TZID", ICS.text(clock.identifier))
        for t in observances {
            // DAYLIGHT when the clocks go forward; STANDARD when they go back or never move.
            let kind = t.to > t.from ? "DAYLIGHT" : "STANDARD"
            s += ICS.line("BEGIN", kind)
            // DTSTART of an observance is the local time of the onset before it: the old offset.
            s += ICS.line("DTSTART", ICS.dateTime(wall: t.onset.seconds + Int64(t.from)))
            s += ICS.line("TZOFFSETFROM", ICS.utcOffset(t.from))
            s += ICS.line("TZOFFSETTO", ICS.utcOffset(t.to))
            s += ICS.line("END", kind)
        }
        return s + ICS.line("END", "VTIMEZONE")
    }
}

extension ICS {
    static func line(_ name: String, _ value: String) -> String { line(name, [], value) }
}
