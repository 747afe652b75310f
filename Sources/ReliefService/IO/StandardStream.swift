#if canImport(Glibc)
    import Glibc
#endif

/// Standard output and standard error written with write(2), never trapping.
///
/// `FileHandle.write(_:)` traps on any error, so a full disk (`2>/dev/full`), a closed
/// pipe (`| head -1`) or a revoked terminal would end relief in the middle of its work,
/// before the schedule is written, or end the daemon at its next log line. Here a write
/// is retried after EINTR, EAGAIN and a partial write; any other error drops the rest of
/// the text and is otherwise ignored: a lost progress line must never cost the result.
/// (A closed pipe gives EPIPE rather than SIGPIPE because `ignoreBrokenPipes` is called
/// at start.)
public enum StandardStream: Int32, Sendable {
    case output = 1
    case error = 2

    /// Writes all of `text`, or as much as the stream takes; whether all of it went.
    @discardableResult
    public func write(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return true }
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(rawValue, base + offset, bytes.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    // A non-blocking descriptor inherited from the caller: wait as a blocking one would.
                    var p = pollfd(fd: rawValue, events: Int16(POLLOUT), revents: 0)
                    if poll(&p, 1, -1) < 0 && errno != EINTR { return false }
                } else {
                    return false  // EPIPE, ENOSPC, EIO, EBADF...: the text is lost, relief goes on.
                }
            }
            return true
        }
    }

    /// SIGPIPE ignored for the whole process, so that writing to a closed pipe is an
    /// EPIPE error (ignored above) instead of the end of relief.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }
}
