import Domain
import Foundation

/// A roster file read and checked, before anything touches the database.
public struct ParsedRoster: Sendable {
    public var encoding: DetectedEncoding
    public var header: HeaderMap
    /// Every non-blank row after the header, in file order.
    public var rows: [ImportRow]

    public var rejectedCount: Int { rows.lazy.filter(\.isRejected).count }
}

/// Reads a roster spreadsheet saved as CSV: decoding, parsing, header, one `ImportRow` per data row.
///
///     let roster = try RosterReader.read(data, encoding: .auto, today: today)
///     roster.rows.filter(\.isRejected)   // with row numbers, columns and reasons
///
/// Rows above the header (a title such as `XX村留守儿童花名册`) and blank rows are skipped;
/// row numbers stay those the spreadsheet shows (see `CSVRecord.row`).
public enum RosterReader {
    public static func read(_ data: Data, encoding: TextEncodingChoice = .auto, today: LocalDate,
                            progress: ((Int, Int) -> Void)? = nil) throws(RosterReadError) -> ParsedRoster {
        let text = try TextDecoding.decode(data, as: encoding)
        let records = try CSVParser.parse(text.utf8, delimiter: CSVParser.detectDelimiter(text.utf8))
        guard records.contains(where: { !$0.isBlank }) else { throw .empty }
        guard let header = HeaderMap.find(in: records) else { throw .missingNameColumn }
        let data = Array(records.drop(while: { $0.row <= header.row }).filter { !$0.isBlank })
        // Rows are converted and checked independently: blocks of rows are split between the
        // cores, each part with a converter (and memo of parsed words) of its own.
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        let converters = (0..<parts).map { _ in ChildRowConverter(header: header, today: today) }
        let block = 2048
        let rows = [ImportRow](unsafeUninitializedCapacity: data.count) { buffer, initialized in
            for start in stride(from: 0, to: data.count, by: block) {
                let end = min(start + block, data.count)
                let target = buffer
                let n = end - start < 64 ? 1 : parts
                let share = (end - start + n - 1) / n
                DispatchQueue.concurrentPerform(iterations: n) { p in
                    for i in min(end, start + p * share)..<min(end, start + (p + 1) * share) {
                        (target.baseAddress! + i).initialize(to: converters[p].convert(data[i]))
                    }
                }
                if end < data.count { progress?(end, data.count) }
            }
            initialized = data.count
        }
        progress?(rows.count, data.count)
        return ParsedRoster(encoding: text.encoding, header: header, rows: rows)
    }
}
