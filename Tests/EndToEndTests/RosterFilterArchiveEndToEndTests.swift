import Domain
import Foundation
import Storage
import XCTest

/// The roster's filter panel and archiving a child's file, in a real terminal on a demo database.
final class RosterFilterArchiveEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    /// 5. `f`, the age-band row set to 6–11 with →, Enter: every age listed is 6–11 and the position
    /// line counts what the database's query for that filter returns.
    func testAgeBandFilterMatchesTheDatabase() throws {
        let db = try makeDemoDatabase(children: 300)
        let band = RosterFilter.AgeBand.primary
        let (total, expected) = try withDatabase(db) { db in
            (try db.rosterIDs().count,
             try db.rosterIDs(RosterQuery(filter: RosterFilter(ageBand: band)), today: Self.todayDate).count)
        }
        XCTAssertGreaterThan(expected, 0, "the demo data has children aged 6–11")
        XCTAssertLessThan(expected, total, "the filter must narrow the list")

        try startApp(["--db", db], width: 100, height: 30)
        try waitFor(zh.text("roster.position", 1, total))
        try send("f")
        try waitFor(zh.text("filter.title"))
        // Down to the age-band row, counted from the panel as drawn (the focused first row has ▶).
        let ageRow = zh.text("filter.age")
        let panel = try waitFor("the filter rows") { s in
            RosterScreen.line(s, containing: "▶") != nil && RosterScreen.line(s, containing: ageRow) != nil
        }
        let lines = panel.components(separatedBy: "\n")
        let first = try XCTUnwrap(lines.firstIndex { $0.contains("▶") }, panel)
        let age = try XCTUnwrap(lines.firstIndex { $0.contains(ageRow) }, panel)
        XCTAssertGreaterThanOrEqual(age, first, panel)
        try send("Down", times: age - first)
        try waitFor("the age-band row focused") { s in
            RosterScreen.line(s, containing: "▶")?.contains(ageRow) == true
        }
        try send("Right", times: 2) // 全部 → 0–5岁 → 6–11岁
        let bandLabel = zh.text("age." + band.rawValue)
        try waitFor("‹ \(bandLabel) ›") { s in
            RosterScreen.line(s, containing: "▶").map { $0.contains(ageRow) && $0.contains("‹ " + bandLabel + " ›") } == true
        }
        try send("Enter")
        let position = zh.text("roster.position", 1, expected)
        let screen = try waitFor("the filtered roster at “\(position)”") { s in
            !s.contains(self.zh.text("filter.title")) && s.contains(position) && !RosterScreen.rows(s).isEmpty
        }
        XCTAssertTrue(screen.contains(zh.text("filter.prefix") + bandLabel), "the active filter is shown\n\(screen)")
        let rows = RosterScreen.rows(screen)
        XCTAssertEqual(rows.count, min(expected, 30 - 6), screen)
        for row in rows {
            let cells = row.split(separator: " ", omittingEmptySubsequences: true)
            let age = cells.count > 2 ? Int(cells[2]) : nil
            XCTAssertNotNil(age, "no age in “\(row)”")
            if let age { XCTAssertTrue(band.range.contains(age), "age \(age) outside \(bandLabel): \(row)") }
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 6. Open a child, `x`, `2` (父母返乡): the file shows 已归档; back in the roster the child is
    /// gone and the header's archived count went up by one.
    func testArchiveFromTheFileRemovesTheChildFromTheRoster() throws {
        let db = try makeDemoDatabase(children: 300)
        let (before, ids, first) = try withDatabase(db) { db -> (RosterSummary, [Int64], Child) in
            let ids = try db.rosterIDs()
            return (try db.rosterSummary(), ids, try XCTUnwrap(try db.child(id: ids[0])))
        }

        try startApp(["--db", db], width: 100, height: 30)
        let roster = try waitFor("the roster with its header counts") { s in
            s.contains(self.zh.text("roster.position", 1, ids.count)) && self.headerCounts(s) != nil
        }
        let shown = try XCTUnwrap(headerCounts(roster), roster)
        XCTAssertEqual(shown.active, before.activeChildren, roster)
        XCTAssertEqual(shown.archived, before.archivedChildren, roster)
        XCTAssertEqual(RosterScreen.names(roster).first, first.name, roster)
        try send("Enter")
        let basic = "── " + zh.text("detail.section.basic")
        try waitFor("the file of \(first.name)") { s in
            s.contains(basic) && RosterScreen.line(s, containing: first.name)?.hasPrefix("  " + first.name) == true
        }
        try send("x")
        try waitFor(zh.text("prompt.archive"))
        try send("2")
        let archivedStatus = zh.text("status.archived") + "（" + zh.text("archive.parent_returned")
        let file = try waitFor("the file marked archived") { s in
            s.contains(self.zh.text("detail.archived_message")) && s.contains(archivedStatus)
        }
        XCTAssertTrue(file.contains(zh.text("value.archived_on", Self.today)), file)

        let after = try withDatabase(db) { db -> RosterSummary in
            let child = try XCTUnwrap(try db.child(id: ids[0]))
            XCTAssertEqual(child.status, .archived)
            XCTAssertEqual(child.archiveReason, .parentReturned)
            XCTAssertEqual(child.archivedOn, Self.todayDate)
            XCTAssertFalse(try db.rosterIDs().contains(ids[0]))
            XCTAssertTrue(try db.history(childID: ids[0]).contains { $0.field == "status" && $0.new == "archived:parent_returned" })
            return try db.rosterSummary()
        }
        XCTAssertEqual(after.archivedChildren, before.archivedChildren + 1)
        XCTAssertEqual(after.activeChildren, before.activeChildren - 1)

        try send("Escape")
        let back = try waitFor("the roster without \(first.name)") { s in
            !s.contains(basic) && s.contains(self.zh.text("roster.position", 1, ids.count - 1))
                && self.headerCounts(s)?.archived == before.archivedChildren + 1
        }
        XCTAssertEqual(headerCounts(back)?.active, before.activeChildren - 1, back)
        let expectedNames = try withDatabase(db) { db in try db.rosterRows(ids: Array(db.rosterIDs().prefix(30 - 6))).map(\.name) }
        XCTAssertEqual(RosterScreen.names(back), expectedNames, back)
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// The active ({0}) and archived ({2}) counts of the header line, read with the catalog's
    /// `header.counts` pattern (whatever the other placeholders say).
    func headerCounts(_ screen: String) -> (active: Int, archived: Int)? {
        // "在册 {0} 人 · … · 已归档 {2}" → literal pieces escaped, each placeholder a group.
        var pattern = ""
        var placeholders: [Int] = []
        var rest = Substring(zh.text("header.counts"))
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"),
              let n = Int(rest[rest.index(after: open)..<close]) {
            pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
            pattern += n == 0 || n == 2 ? "(\\d+)" : "(\\S+?)"
            placeholders.append(n)
            rest = rest[rest.index(after: close)...]
        }
        pattern += NSRegularExpression.escapedPattern(for: String(rest))
        guard let header = screen.components(separatedBy: "\n").first,
              let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: header, range: NSRange(header.startIndex..., in: header)) else { return nil }
        var values: [Int: Int] = [:]
        for (i, n) in placeholders.enumerated() {
            if let r = Range(m.range(at: i + 1), in: header) { values[n] = Int(header[r]) }
        }
        guard let active = values[0], let archived = values[2] else { return nil }
        return (active, archived)
    }
}
