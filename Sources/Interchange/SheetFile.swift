import Foundation

/// Reads a spreadsheet file for an import, refusing early what cannot be a spreadsheet: a file
/// larger than `maxBytes` is refused from its size alone (nothing read), and a line longer than
/// `maxLineBytes` is refused as soon as the reader passes that many bytes without a line break —
/// so 2 GB of one line costs one chunk of memory, not 2 GB.
public enum SheetFile {
    /// 512 MiB: a county's roster of 100,000 children is about 35 MB, a million contacts about 150 MB.
    public static let maxBytes = 512 << 20
    /// 1 MiB: a roster row with every column full is a few kilobytes.
    public static let maxLineBytes = 1 << 20

    /// Why the bytes of a file could not be had at all (missing, a directory, unreadable).
    public struct Unreadable: Error, Equatable {
        public var path: String
    }

    public static func read(_ path: String, maxBytes: Int = maxBytes,
                            maxLineBytes: Int = maxLineBytes) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Unreadable(path: path) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { throw Unreadable(path: path) }
        if Int(st.st_size) > maxBytes { throw RosterReadError.notCSV(.tooLarge(megabytes: Int(st.st_size) >> 20)) }
        var data = Data()
        data.reserveCapacity(Int(st.st_size))
        let chunkSize = 1 << 20
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var line = 0        // bytes since the last line break
        var row = 1         // the physical line being read
        var previous: UInt8 = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Unreadable(path: path)
            }
            if n == 0 { break }
            let tooLong: Int? = chunk.withUnsafeBufferPointer { buf in
                for i in 0..<n {
                    let b = buf[i]
                    if b == 0x0A || b == 0x0D {
                        if !(b == 0x0A && previous == 0x0D) { row += 1 }   // CRLF is one break
                        line = 0
                    } else {
                        line += 1
                        if line > maxLineBytes { return row }
                    }
                    previous = b
                }
                return nil
            }
            if let tooLong { throw RosterReadError.notCSV(.lineTooLong(row: tooLong)) }
            data.append(contentsOf: chunk[0..<n])
            // A file that grows while it is read (or lies about its size) is held to the same limit.
            if data.count > maxBytes { throw RosterReadError.notCSV(.tooLarge(megabytes: data.count >> 20)) }
        }
        return data
    }
}
