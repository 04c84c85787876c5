import Foundation
import Testing
@testable import Domain

@Suite("Text helpers")
struct TextTests {
    /// `trimmingWhitespace` is `trimmingCharacters(in: .whitespaces)`, for every kind of space at either end.
    @Test func trimmingAgreesWithFoundation() {
        var samples = ["", "张三", " 张三", "张三 ", "\t张三\t", "张 三", "\u{3000}张三\u{3000}", "\u{00A0}x", "x\u{2009}", "\n张三\n",
                       "\u{200B}张三", " ", "\t", "a\u{301} ", " \u{301}a"]
        for v in Array(0..<0x3100) + Array(0xFE00..<0x10000) + [0x1F600, 0xE0020] where v < 0xD800 || v > 0xDFFF {
            if let s = Unicode.Scalar(v) { samples.append(String(s) + "x" + String(s)) }
        }
        for s in samples { #expect(s.trimmingWhitespace == s.trimmingCharacters(in: .whitespaces), "\(s.unicodeScalars.map { $0.value })") }
    }

    @Test func lengthsCountCharacters() {
        #expect(!"张三".isLonger(than: 2) && "张三丰".isLonger(than: 2))
        #expect(!"e\u{301}e\u{301}".isLonger(than: 2) && "abc".isLonger(than: 2) && !"".isLonger(than: 0))
    }
}
