import Domain
import Foundation
import Storage
import XCTest

/// A child whose name and guardian hold escape sequences and a bidi override: the terminal shows
/// them as inert placeholders and is never driven by them (the screen is not cleared, the window
/// title not changed, no colour switched on).
final class HostileTextEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh
    static let esc = "\u{1B}"
    /// Clear screen, set the window title to "x", then a right-to-left override.
    static let hostileName = "\(esc)[2J\(esc)]0;x\u{07}\u{202E}王小明"
    static let hostileGuardian = "\(esc)[31m\u{2066}李奶奶"

    func makeDatabase() throws -> String {
        let db = path("hostile.sqlite")
        try withDatabase(db) { d in
            _ = try d.addChild(Child(name: Self.hostileName, sex: .male, birthDate: LocalDate(parsing: "2016-03-05"),
                                     gridName: "柳湾村1组", guardian: Guardian(name: Self.hostileGuardian, relation: .paternalGrandmother,
                                                                           phone: "13912340824"),
                                     leftBehindType: .bothAway),
                               timestamp: "2026-11-23T09:00:00+08:00")
            _ = try d.addChild(Child(name: "张三", sex: .male, gridName: "柳湾村1组"), timestamp: "2026-11-23T09:00:00+08:00")
        }
        return db
    }

    func paneTitle() throws -> String {
        let s = try session
        return try s.run(["display-message", "-p", "-t", s.target, "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every line of the screen is where it belongs: header, tabs, table header, both rows, status bar.
    func assertIntact(_ screen: String, file: StaticString = #filePath, line: UInt = #line) {
        let lines = screen.components(separatedBy: "\n")
        XCTAssertTrue(lines.first?.hasPrefix(" " + zh.text("app.name")) == true, "header line\n\(screen)", file: file, line: line)
        XCTAssertTrue(lines.count > 1 && lines[1].contains(zh.text("tab.roster")), "tab line\n\(screen)", file: file, line: line)
        let status = lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        XCTAssertTrue(status.contains("q " + zh.text("action.quit")), "status bar at the bottom\n\(screen)", file: file, line: line)
        XCTAssertFalse(screen.contains(Self.esc) || screen.contains("\u{202E}") || screen.contains("\u{2066}") || screen.contains("\u{07}"),
                       "a control character reached the terminal\n\(screen)", file: file, line: line)
    }

    func testEscapeSequencesInANameLeaveTheScreenIntact() throws {
        let db = try makeDatabase()
        try startTUI(["--db", db])
        let titleBefore = try paneTitle()
        let screen = try waitFor("the roster with both children") { s in
            RosterScreen.rows(s).count == 2 && s.contains(self.zh.text("roster.position", 1, 2))
        }
        assertIntact(screen)
        let rows = RosterScreen.rows(screen)
        let hostileRow = try XCTUnwrap(rows.first { $0.hasPrefix("\u{FFFD}") }, screen)
        XCTAssertTrue(hostileRow.hasPrefix("\u{FFFD}[2J\u{FFFD}]0;x"), "the name shown inert\n\(screen)")
        XCTAssertTrue(hostileRow.contains("\u{FFFD}[31m\u{FFFD}李"), "the guardian shown inert\n\(screen)")
        XCTAssertTrue(rows.contains { $0.hasPrefix("张三") }, screen)
        // The sex column lines up in both rows, whatever the name held.
        let zhangRow = try XCTUnwrap(rows.first { $0.hasPrefix("张三") })
        func sexColumn(_ row: String) -> Int? { row.range(of: " 男 ").map { TextWidthEstimate.columns(row[..<$0.lowerBound]) } }
        XCTAssertNotNil(sexColumn(zhangRow), screen)
        XCTAssertEqual(sexColumn(hostileRow), sexColumn(zhangRow), screen)

        // The child's file: the title line carries the inert name, and the screen keeps its frame.
        let position = rows.firstIndex(of: hostileRow) ?? 0
        if position == 1 { try send("j") }
        try send("Enter")
        let detail = try waitFor("the hostile child's file") { $0.contains("── " + self.zh.text("detail.section.basic")) }
        assertIntact(detail)
        XCTAssertTrue(detail.contains("\u{FFFD}[2J\u{FFFD}]0;x\u{FFFD}\u{FFFD}王小明"), detail)

        XCTAssertNotEqual(try paneTitle(), "x", "the window title was changed")
        XCTAssertEqual(try paneTitle(), titleBefore)
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }
}

/// Columns of text as a terminal counts them (Han and fullwidth forms two, the rest one): enough to
/// compare positions on a captured line without the app's own width code.
enum TextWidthEstimate {
    static func columns(_ s: Substring) -> Int {
        s.unicodeScalars.reduce(0) { n, u in
            let wide = (0x1100...0x115F).contains(u.value) || (0x2E80...0xA4CF).contains(u.value)
                || (0xAC00...0xD7A3).contains(u.value) || (0xF900...0xFAFF).contains(u.value) || (0xFF00...0xFF60).contains(u.value)
            return n + (wide ? 2 : 1)
        }
    }
}
