import Foundation

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
    /// Any error but EINTR and EAGAIN (EPIPE, ENOSPC, EIO, EBADF...) loses the text, and
    /// relief goes on.
    @discardableResult
    public func write(_ text: String) -> Bool {
        AtomicFile.writeAll(Data(text.utf8), to: rawValue) == nil
    }

    /// SIGPIPE ignored for the whole process, so that writing to a closed pipe is an
    /// EPIPE error (ignored above) instead of the end of relief.
    public static func ignoreBrokenPipes() {
        signal(SIGPIPE, SIG_IGN)
    }
}
