import Foundation

/// Files that hold personal data are readable by their owner only: created 0600, written whole
/// under a temporary name and renamed into place, so a reader never sees half a file.
public enum OwnerOnlyFile {
    /// Writes `data` to `path` (replacing it atomically), mode 0600.
    public static func write(_ data: Data, to path: String) throws {
        let temp = temporaryPath(beside: path)
        try createEmpty(temp, contents: data)
        if rename(temp, path) != 0 {
            let code = errno
            unlink(temp)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    /// Creates `path` (which must not exist) with mode 0600, whatever the umask.
    public static func createEmpty(_ path: String, contents: Data = Data()) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        fchmod(fd, 0o600)
        var failed = false
        contents.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count, !failed {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno != EINTR { failed = true } } else { offset += n }
            }
        }
        if failed || fsync(fd) != 0 {
            let code = errno
            unlink(path)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }

    /// A fresh hidden name in the directory of `path`: `.<name>.<uuid>.tmp`.
    public static func temporaryPath(beside path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
    }

    /// Whether the file at `path` can be read by its group or by others (nil when it cannot be examined).
    public static func isReadableByOthers(_ path: String) -> Bool? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o044 != 0
    }
}
