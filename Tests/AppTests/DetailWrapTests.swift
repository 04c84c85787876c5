import Testing
import TerminalUI
@testable import App

/// A file's long values go on under their label instead of being cut at the screen's edge: the
/// five ones of the term at 80 columns, a long note.
struct DetailWrapTests {
    @Test func aLongValueGoesOnUnderItsLabel() {
        let coverage = "家访 ✓ 10-12  谈心 ·  联系班主任 ·  监护人沟通 ·  写信 ·"
        let lines = DetailView.wrapped([.field("本学期五个一", coverage), .field("备注", "短")], width: 50)
        let values = lines.compactMap { line -> (String, String)? in
            if case let .field(label, value) = line { return (label, value) }
            return nil
        }
        // Every value fits its column (50 − label column − margins), the label is on the first line only.
        let column = 50 - DetailView.labelWidth(lines) - 6
        #expect(values.allSatisfy { TextWidth.of($0.1) <= column })
        #expect(values.count >= 3 && values[0].0 == "本学期五个一" && values.last! == ("备注", "短"))
        #expect(values.dropFirst().dropLast().allSatisfy { $0.0.isEmpty })
        // Nothing is lost: the same words in the same order.
        let shown = values.dropLast().map(\.1).joined(separator: " ")
        #expect(shown.split(separator: " ") == coverage.split(separator: " "))
    }

    @Test func textWithoutSpacesBreaksAtTheWidth() {
        let note = String(repeating: "留守儿童关爱", count: 10) // 120 columns
        let parts = DetailView.broken(note, width: 40)
        #expect(parts.count == 3 && parts.allSatisfy { TextWidth.of($0) == 40 })
        #expect(parts.joined() == note)
    }
}
