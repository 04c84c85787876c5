import Testing
@testable import TerminalUI

@Suite("Text width")
struct TextWidthTests {
    @Test func hanTakesTwoColumns() {
        #expect(TextWidth.of("张三") == 4)
        #expect(TextWidth.of("abc") == 3)
        #expect(TextWidth.of("王小明ab") == 8)
        #expect(TextWidth.of("（）") == 4)
        #expect(TextWidth.of("é") == 1) // combining sequence
        #expect(TextWidth.of("") == 0)
    }

    @Test func truncationNeverSplitsAWideCharacter() {
        #expect(TextWidth.truncate("留守儿童关爱", to: 7) == "留守儿…")
        #expect(TextWidth.truncate("留守儿童关爱", to: 6) == "留守…")
        #expect(TextWidth.truncate("留守儿童", to: 8) == "留守儿童")
        #expect(TextWidth.truncate("abc", to: 2) == "a…")
        #expect(TextWidth.truncate("留守", to: 1) == "…")
        #expect(TextWidth.truncate("x", to: 0) == "")
        for w in 1...13 {
            #expect(TextWidth.of(TextWidth.truncate("张三李四ab王五", to: w)) <= w)
        }
    }

    @Test func fitPadsToExactWidth() {
        #expect(TextWidth.fit("张三", to: 6) == "张三  ")
        #expect(TextWidth.fit("张三李", to: 5) == "张三…")
        #expect(TextWidth.fit("张三李", to: 4) == "张… ")
        #expect(TextWidth.fit("7", to: 3, alignRight: true) == "  7")
    }
}

@Suite("Cell buffer")
struct BufferTests {
    @Test func wideCharactersOccupyTwoCells() {
        var b = Buffer(size: Size(width: 10, height: 1))
        #expect(b.put("张a三", x: 1, y: 0) == 5)
        #expect(b[1, 0].grapheme == "张")
        #expect(b[1, 0].width == 2)
        #expect(b[2, 0].isContinuation)
        #expect(b[3, 0].grapheme == "a")
        #expect(b.line(0) == " 张a三")
    }

    @Test func clippingAtTheEdgeUsesAnEllipsis() {
        var b = Buffer(size: Size(width: 5, height: 1))
        b.put("留守儿童", x: 0, y: 0)
        #expect(b.line(0) == "留守…")
        var c = Buffer(size: Size(width: 5, height: 1))
        c.put("ab留守", x: 0, y: 0, maxWidth: 4)
        #expect(c.line(0) == "ab…")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = Buffer(size: Size(width: 6, height: 1))
        b.put("张三", x: 0, y: 0)
        b.put("x", x: 1, y: 0)
        #expect(b.line(0) == " x三")
        b.put("y", x: 2, y: 0)
        #expect(b.line(0) == " xy")
    }

    @Test func stylesAreKept() {
        var b = Buffer(size: Size(width: 4, height: 2))
        b.put("ab", x: 0, y: 1, style: Style(bold: true))
        #expect(b[0, 1].style.bold)
        #expect(!b[0, 0].style.bold)
        b.fill(Rect(x: 0, y: 0, width: 4, height: 1), style: Style(reverse: true))
        #expect(b[3, 0].style.reverse)
        #expect(b.text == "\nab")
    }
}

@Suite("Table")
struct TableTests {
    let columns = [
        TableColumn("姓名", .flex(min: 8, weight: 1)),
        TableColumn("Age", .fixed(4), alignRight: true),
        TableColumn("学校", .flex(min: 10, weight: 2)),
    ]

    @Test func layoutFillsTheWidth() {
        let w = Table.layout(columns, totalWidth: 40)
        #expect(w.reduce(0, +) + 2 == 40)
        #expect(w[1] == 4)
        #expect(w[0] >= 8 && w[2] >= 10)
    }

    @Test func columnsThatDoNotFitAreDropped() {
        #expect(Table.layout(columns, totalWidth: 15) == [10, 4, 0])
    }

    @Test func mixedScriptsLineUp() {
        var b = Buffer(size: Size(width: 30, height: 4))
        Table(columns: columns, rows: [["张三", "9", "青山镇中心小学"], ["Li Ming", "12", "Qingshan Primary"], ["欧阳娜娜", "", "x"]],
              selected: 1).render(into: &b, area: b.area)
        let widths = Table.layout(columns, totalWidth: 30)
        let secondColumnStart = widths[0] + 1
        for y in 1..<4 {
            // Measure the display width of each row up to the age column: always the same.
            var col = 0
            var prefix = ""
            for ch in b.line(y) {
                if col >= secondColumnStart { break }
                prefix.append(ch)
                col += TextWidth.of(ch)
            }
            #expect(col == secondColumnStart, "row \(y): \(b.line(y))")
        }
        #expect(b.line(1).hasPrefix("张三"))
        #expect(b[0, 2].style.reverse) // selected row
        #expect(b.line(0).contains("姓名"))
    }

    @Test func scrollingKeepsTheCursorVisible() {
        #expect(Scrolling.top(cursor: 0, top: 5, height: 10, count: 100) == 0)
        #expect(Scrolling.top(cursor: 25, top: 0, height: 10, count: 100) == 16)
        #expect(Scrolling.top(cursor: 12, top: 5, height: 10, count: 100) == 5)
        #expect(Scrolling.top(cursor: 99, top: 95, height: 10, count: 100) == 90)
        #expect(Scrolling.top(cursor: 2, top: 0, height: 10, count: 3) == 0)
    }
}

@Suite("Month grid")
struct MonthGridTests {
    // November 2026 starts on a Sunday: six week rows.
    let november = MonthGrid(days: 30, firstWeekday: 7, weekdayNames: ["一", "二", "三", "四", "五", "六", "日"],
                             selectedDay: 23, today: 23, labels: [1: "廿二", 23: "十五", 15: "初七"], festivals: [15],
                             marked: [20])

    @Test func weeksStartOnMonday() {
        #expect(november.weeks == 6 && november.height == 13)
        #expect(november.position(of: 1) == (0, 6))
        #expect(november.position(of: 2) == (1, 0))
        #expect(november.position(of: 30) == (5, 0))
        let feb = MonthGrid(days: 28, firstWeekday: 1, weekdayNames: [], selectedDay: 1, today: nil)
        #expect(feb.weeks == 4)
    }

    @Test func rendersAsAWallCalendar() {
        var b = Buffer(size: Size(width: 70, height: 14))
        november.render(into: &b, area: b.area)
        // Ten columns a day at 70 wide.
        #expect(b.line(0) == " 一        二        三        四        五        六        日")
        #expect(b.line(1) == String(repeating: " ", count: 60) + "  1")
        #expect(b.line(2) == String(repeating: " ", count: 60) + " 廿二")
        #expect(b.line(3).hasPrefix("  2         3         4"))
        #expect(b.line(7).contains("20•"))
        // Labels of wide characters stay in their column.
        #expect(b[61, 2].grapheme == "廿" && b[62, 2].isContinuation && b[63, 2].grapheme == "二")
        // The selected day is reversed; a festival label is bold.
        let (w, c) = november.position(of: 23)
        #expect(b[c * 10 + 1, 1 + w * 2].style.reverse)
        let (fw, fc) = november.position(of: 15)
        #expect(b[fc * 10 + 1, 2 + fw * 2].style.bold)
    }
}
