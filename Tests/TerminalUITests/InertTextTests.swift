import Testing
@testable import TerminalUI

@Suite("Inert text")
struct InertTextTests {
    static let esc = "\u{1B}"

    @Test func controlsAndEscapeSequencesAreReplaced() {
        #expect(InertText.make("\(Self.esc)[2J张三") == "\u{FFFD}[2J张三")
        #expect(InertText.make("\(Self.esc)]0;x\u{07}") == "\u{FFFD}]0;x\u{FFFD}")
        #expect(InertText.make("a\tb\nc\rd\u{0}e\u{7F}f") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f")
        // C1: CSI (U+009B) and OSC (U+009D) are escape sequences in one character on some terminals.
        #expect(InertText.make("\u{9B}2J\u{9D}0;x\u{9C}") == "\u{FFFD}2J\u{FFFD}0;x\u{FFFD}")
        // CR LF is one grapheme: one placeholder.
        #expect(InertText.make("a\r\nb") == "a\u{FFFD}b")
    }

    @Test func bidiOverridesIsolatesAndMarksAreReplaced() {
        let bidi: [UInt32] = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
        for v in bidi {
            let s = "张" + String(Unicode.Scalar(v)!) + "三"
            #expect(InertText.make(s) == "张\u{FFFD}三", "U+\(String(v, radix: 16))")
        }
    }

    @Test func ordinaryTextIsUntouched() {
        for s in ["张三", "Li Ming", "欧阳娜娜（奶奶）", "é", "❤️", "👨‍👩‍👧", "¥12 · 第 3 / 59 名", "العربية", ""] {
            #expect(InertText.make(s) == s)
        }
    }

    @Test func widthIsTheSameBeforeAndAfter() {
        for s in ["\(Self.esc)[2J张三", "a\u{202E}b", "x\r\ny", "\u{9B}\u{7F}"] {
            #expect(TextWidth.of(s) == TextWidth.of(InertText.make(s)), "\(s.unicodeScalars.map(\.value))")
        }
        #expect(TextWidth.of("a\u{202E}b") == 3)
    }

    @Test func theBufferNeverHoldsAnUnsafeCharacter() {
        var b = Buffer(size: Size(width: 20, height: 2))
        let hostile = "\(Self.esc)[2J\(Self.esc)]0;x\u{07}\u{202E}张三"
        b.put(hostile, x: 0, y: 0)
        b.putPadded(hostile, x: 0, y: 1, width: 12)
        for cell in b.cells {
            #expect(!InertText.isUnsafe(cell.grapheme), "\(cell.grapheme.unicodeScalars.map(\.value))")
        }
        #expect(b.line(0) == "\u{FFFD}[2J\u{FFFD}]0;x\u{FFFD}\u{FFFD}张三")
        #expect(TextWidth.of(b.line(1)) <= 12)
    }

    @Test func aTableRowStaysInItsColumns() {
        let columns = [TableColumn("姓名", .fixed(8)), TableColumn("年龄", .fixed(4), alignRight: true)]
        var b = Buffer(size: Size(width: 13, height: 2))
        Table(columns: columns, rows: [["\u{202E}\(Self.esc)[2J王", "9"], ["李四", "10"]], selected: nil)
            .render(into: &b, area: b.area)
        #expect(b.line(1) == "\u{FFFD}\u{FFFD}[2J王     9")
    }
}
