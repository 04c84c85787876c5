import Foundation

/// The `--encoding` choice for spreadsheet files.
public enum TextEncodingChoice: String, CaseIterable, Sendable {
    /// BOM first, then UTF-8 if the bytes are valid UTF-8, else GB18030 (which includes GBK and GB2312).
    case auto
    case utf8 = "utf-8"
    case gb18030
}

/// The encoding a file turned out to have.
public enum DetectedEncoding: String, Equatable, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 BOM"
    case gb18030 = "GB18030"
    case utf16 = "UTF-16"
}

/// Why a file cannot be read as a roster at all (nothing is imported).
public enum RosterReadError: Error, Equatable, Sendable {
    /// Not a CSV text file (see the reason).
    case notCSV(NotCSVReason)
    /// The bytes are neither valid UTF-8 nor GB18030 (or not the encoding asked for).
    case encoding
    /// The bytes are not in the encoding asked for with `--encoding`, but read as the other one
    /// (`--encoding gb18030` on a UTF-8 file): the message names that one.
    case wrongEncoding(asked: TextEncodingChoice, looksLike: TextEncodingChoice)
    /// No header row with a name (姓名) column in the first rows.
    case missingNameColumn
    /// The file holds no rows at all.
    case empty
}

/// What a file that is not CSV text looks like.
public enum NotCSVReason: Equatable, Sendable {
    /// A zip container: an `.xlsx` (or `.et`) workbook saved without "Save as CSV".
    case excelWorkbook
    /// An OLE container: an old `.xls` (or `.wps`) workbook.
    case legacyWorkbook
    /// NUL bytes or many control characters: an image, archive or other binary file.
    case binary
    /// A quoted value opened on this spreadsheet row never closes.
    case unterminatedQuote(row: Int)
    /// Larger than any spreadsheet an import takes (`SheetFile.maxBytes`); refused from its size.
    case tooLarge(megabytes: Int)
    /// A line (counted as a text editor counts them) longer than `SheetFile.maxLineBytes`.
    case lineTooLong(row: Int)
}

/// Text of a spreadsheet file, re-encoded as UTF-8 bytes (without BOM) for the parser.
public struct DecodedText: Sendable {
    public var utf8: [UInt8]
    public var encoding: DetectedEncoding
}

/// Detects and decodes the encodings that Excel and WPS write for "CSV" on Chinese Windows.
public enum TextDecoding {
    /// kCFStringEncodingGB_18030_2000: Foundation on Linux decodes GB18030 (and so GBK) with it.
    public static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    public static func decode(_ data: Data, as choice: TextEncodingChoice) throws(RosterReadError) -> DecodedText {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { throw .notCSV(.excelWorkbook) }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw .notCSV(.legacyWorkbook) }
        // "Unicode text" from Excel is UTF-16 with a BOM (and tabs between the values).
        if choice == .auto, bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else { throw .encoding }
            return DecodedText(utf8: Array(text.utf8), encoding: .utf16)
        }
        if choice == .gb18030, bytes.starts(with: [0xEF, 0xBB, 0xBF]), isValidUTF8(Array(bytes[3...])) {
            // A UTF-8 byte-order mark: the file is UTF-8, whatever was asked.
            throw .wrongEncoding(asked: .gb18030, looksLike: .utf8)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]), choice != .gb18030 {
            let rest = Array(bytes[3...])
            try checkNotBinary(rest)
            guard isValidUTF8(rest) else { throw .encoding }
            return DecodedText(utf8: rest, encoding: .utf8BOM)
        }
        try checkNotBinary(bytes)
        if choice != .gb18030, isValidUTF8(bytes) { return DecodedText(utf8: bytes, encoding: .utf8) }
        guard choice != .utf8 else {
            throw String(data: data, encoding: gb18030) == nil ? .encoding : .wrongEncoding(asked: .utf8, looksLike: .gb18030)
        }
        guard let text = String(data: data, encoding: gb18030) else {
            throw choice == .gb18030 && isValidUTF8(bytes) ? .wrongEncoding(asked: .gb18030, looksLike: .utf8) : .encoding
        }
        return DecodedText(utf8: Array(text.utf8), encoding: .gb18030)
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        // Pure ASCII is common (English headers, digits): a quick pass avoids the decoder.
        if !bytes.contains(where: { $0 >= 0x80 }) { return true }
        return String(validating: bytes, as: UTF8.self) != nil
    }

    /// Text files hold no NUL byte and hardly any control characters other than tab, CR and LF
    /// (a stray Ctrl-Z at the end of an old DOS file is tolerated). Looks at the first 64 KiB.
    static func checkNotBinary(_ bytes: [UInt8]) throws(RosterReadError) {
        let sample = bytes.prefix(65_536)
        var controls = 0
        for b in sample {
            if b == 0 { throw .notCSV(.binary) }
            if b < 0x20, b != 0x09, b != 0x0A, b != 0x0D { controls += 1 }
        }
        if controls > max(2, sample.count / 100) { throw .notCSV(.binary) }
    }
}
