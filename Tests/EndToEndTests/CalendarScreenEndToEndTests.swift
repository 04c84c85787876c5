import Domain
import Storage
import XCTest

/// The calendar screen in a real terminal: pick a date, add an activity typing Chinese, mark
/// attendance, and find both in the database.
final class CalendarScreenEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh
    func testAddAnActivityOnADateAndMarkAttendance() throws {
        let db = try makeDemoDatabase(children: 120)
        let firstChild = try withDatabase(db) { db in try db.rosterRows(ids: Array(try db.rosterIDs().prefix(1))).first! }
        try startTUI(["--db", db])
        try waitFor(zh.text("tab.roster"))
        try send("3")
        try waitFor("2026年11月")
        // Move to Saturday 2026-11-28 (today is Monday the 23rd): five days right.
        for _ in 0..<5 { try send("l") }
        try waitFor("2026-11-28 星期六")
        try send("a")
        try waitFor(zh.text("activity_form.add_title"))
        try type("亲情茶话会")
        try send("Tab")
        try type("家") // 家园活动 / 家长会: the first category starting with 家
        try send("Tab", "Tab")
        try type("1400")
        try send("Tab")
        try type("1600")
        try send("Tab")
        try type("村委会")
        try send("C-s")
        let agenda = try waitFor("14:00–16:00  亲情茶话会")
        XCTAssertTrue(agenda.contains("28•"), "the day is marked in the grid\n\(agenda)")

        try send("m")
        try waitFor(zh.text("action.save_attendance"))
        try type(firstChild.name)
        try waitFor("the searched child") { $0.contains("[ ] " + firstChild.name) || $0.contains("[ ]  " + firstChild.name) }
        try send("Space")
        try waitFor("a tick") { $0.contains("[✓]") }
        try send("Enter")
        try waitFor(zh.text("attendance.count", 1))

        let stored = try withDatabase(db) { db -> [Activity] in
            try db.activities(from: LocalDate(year: 2026, month: 11, day: 28)!, to: LocalDate(year: 2026, month: 11, day: 28)!)
        }
        XCTAssertEqual(stored.map(\.title), ["亲情茶话会"])
        XCTAssertEqual(stored.first?.startTime, "14:00")
        XCTAssertEqual(stored.first?.place, "村委会")
        let present = try withDatabase(db) { db in try db.attendance(activityID: stored[0].id!) }
        XCTAssertEqual(present, [firstChild.id])
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }
}
