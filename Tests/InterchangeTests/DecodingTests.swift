import Foundation
import Testing
@testable import Interchange

@Suite("Encodings and files that are not CSV")
struct DecodingTests {
    let text = "姓名,性别,家庭住址\r\n张三,男,青山村1组12号\r\n"

    @Test func utf8WithAndWithoutBOM() throws {
        let plain = try TextDecoding.decode(Data(text.utf8), as: .auto)
        #expect(plain.encoding == .utf8)
        #expect(String(decoding: plain.utf8, as: UTF8.self) == text)
        let bom = try TextDecoding.decode(utf8BOM(text), as: .auto)
        #expect(bom.encoding == .utf8BOM)
        #expect(String(decoding: bom.utf8, as: UTF8.self) == text, "the BOM is removed")
    }

    @Test func gb18030IsDetectedAutomatically() throws {
        let data = gb18030(text)
        #expect(String(data: data, encoding: .utf8) == nil, "the fixture is not valid UTF-8")
        let decoded = try TextDecoding.decode(data, as: .auto)
        #expect(decoded.encoding == .gb18030)
        #expect(String(decoding: decoded.utf8, as: UTF8.self) == text)
        // Characters outside GBK's two-byte range (four-byte GB18030) survive too.
        let rare = "姓名\r\n𠮷野家\r\n"
        #expect(String(decoding: try TextDecoding.decode(gb18030(rare), as: .auto).utf8, as: UTF8.self) == rare)
    }

    @Test func explicitEncodings() throws {
        #expect(try TextDecoding.decode(gb18030(text), as: .gb18030).encoding == .gb18030)
        // The wrong --encoding: the error names the one the file has.
        #expect(throws: RosterReadError.wrongEncoding(asked: .utf8, looksLike: .gb18030)) { try TextDecoding.decode(gb18030(text), as: .utf8) }
        #expect(throws: RosterReadError.wrongEncoding(asked: .gb18030, looksLike: .utf8)) {
            try TextDecoding.decode(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), as: .gb18030)
        }
        #expect(try TextDecoding.decode(Data(text.utf8), as: .utf8).encoding == .utf8)
    }

    @Test func utf16FromExcelUnicodeText() throws {
        var data = Data([0xFF, 0xFE])
        data.append("姓名\t性别\r\n张三\t男\r\n".data(using: .utf16LittleEndian)!)
        let decoded = try TextDecoding.decode(data, as: .auto)
        #expect(decoded.encoding == .utf16)
        let records = try CSVParser.parse(decoded.utf8, delimiter: CSVParser.detectDelimiter(decoded.utf8))
        #expect(records.map(\.fields) == [["姓名", "性别"], ["张三", "男"]])
    }

    @Test func bytesThatAreNeitherUTF8NorGB18030() {
        // 0xFF is never valid in UTF-8, nor as a GB18030 lead or trail byte.
        #expect(throws: RosterReadError.encoding) { try TextDecoding.decode(Data([0x41, 0xFF, 0xFF, 0x0A, 0x42, 0xFF, 0x0A]), as: .auto) }
    }

    @Test func twoLinesOfBinaryAreNotCSV() {
        // A PNG signature and the start of its header: two "lines", NUL bytes.
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x0A])
        #expect(throws: RosterReadError.notCSV(.binary)) { try TextDecoding.decode(png, as: .auto) }
        // Control characters without NUL.
        let noise = Data([0x01, 0x02, 0x03, 0x04, 0x0A, 0x05, 0x06, 0x07, 0x08, 0x0A])
        #expect(throws: RosterReadError.notCSV(.binary)) { try TextDecoding.decode(noise, as: .auto) }
    }

    @Test func workbooksSavedWithoutSaveAsCSV() {
        let xlsx = Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) + Data("[Content_Types].xml".utf8)
        #expect(throws: RosterReadError.notCSV(.excelWorkbook)) { try TextDecoding.decode(xlsx, as: .auto) }
        let xls = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00])
        #expect(throws: RosterReadError.notCSV(.legacyWorkbook)) { try TextDecoding.decode(xls, as: .auto) }
    }

    @Test func aDOSEndOfFileMarkerIsTolerated() throws {
        #expect(try TextDecoding.decode(Data((text + "\u{1A}").utf8), as: .auto).encoding == .utf8)
    }

    @Test func emptyAndHeaderlessFiles() {
        #expect(throws: RosterReadError.empty) { try RosterReader.read(Data(), today: today) }
        #expect(throws: RosterReadError.empty) { try RosterReader.read(utf8BOM("\r\n,,\r\n"), today: today) }
        #expect(throws: RosterReadError.missingNameColumn) {
            try RosterReader.read(Data("日期,金额\n2026-01-01,100\n".utf8), today: today)
        }
    }
}
