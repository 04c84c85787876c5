import Domain
import Foundation
import Scheduling
import Storage
import TestSupport
import XCTest

/// The obligations grid (五个一) in a real terminal, and `shouhu obligations` / `shouhu rules` as commands.
final class ObligationsEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    /// 4 opens the grid; the first line's home visit is due (·); Enter records a visit with a place, Ctrl-S
    /// saves it; the same line now shows ✓ under 家访, and the database holds the contact.
    func testRecordAHomeVisitFromTheGrid() throws {
        let db = try makeDemoDatabase(children: 120)
        try startApp(["--db", db])
        try waitFor(zh.text("tab.obligations"))
        let (grid, firstRow, child, mentor) = try openObligationsGrid()
        XCTAssertEqual(marks(firstRow).first, "·", "the first line's home visit is due\n\(grid)")
        let before = try withDatabase(db) { try $0.contactCount() }

        try send("Enter")
        try waitFor(zh.text("contact.form_title", child, mentor))
        try send("Tab")
        try type("入户走访")
        try send("C-s")
        let after = try waitFor("the visit marked done") { s in
            guard s.contains(self.zh.text("contact.saved")), let line = self.gridLine(s, child: child, mentor: mentor) else { return false }
            return self.marks(line).first == "✓"
        }
        let line = try XCTUnwrap(gridLine(after, child: child, mentor: mentor), after)
        XCTAssertTrue(line.hasSuffix("1/5") || line.contains(" 1/5") || line.contains("/5"), line)
        try withDatabase(db) { db in
            XCTAssertEqual(try db.contactCount(), before + 1)
            let childID = try XCTUnwrap(try db.rosterRows(ids: try db.rosterIDs()).first { $0.name == child }?.id)
            let latest = try XCTUnwrap(try db.contacts(childID: childID).first)
            XCTAssertEqual(latest.contact.kind, .visit)
            XCTAssertEqual(latest.contact.date, Self.todayDate)
            XCTAssertEqual(latest.contact.place, "入户走访")
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// `shouhu obligations --format json` names every required key; `--mentor` narrows to one mentor;
    /// a visit recorded changes that row to done; `rules check` reports line numbers and `rules set` applies.
    func testObligationsCommandAndRules() throws {
        let db = try makeDemoDatabase(children: 60)
        let json = try runShouhu(["obligations", "--db", db, "--semester", "2026-autumn", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertFalse(rows.isEmpty)
        for key in ["child", "mentor", "rule", "kind", "period", "status", "date", "target", "reason"] {
            XCTAssertTrue(rows.allSatisfy { $0.keys.contains(key) }, "every row has \(key)")
        }
        XCTAssertEqual(Set(rows.compactMap { $0["kind"] as? String }), ["visit", "talk", "teacher", "guardian", "letter"])
        XCTAssertTrue(rows.allSatisfy { ["done", "due", "overdue", "not_owed"].contains($0["status"] as? String ?? "") })
        XCTAssertTrue(rows.allSatisfy { ($0["period"] as? String) == "2026-autumn" })
        XCTAssertTrue(rows.filter { ($0["status"] as? String) == "done" }.allSatisfy { $0["date"] is String })
        XCTAssertTrue(rows.filter { ($0["status"] as? String) != "not_owed" }.allSatisfy { $0["reason"] is NSNull })

        let phone = try XCTUnwrap(rows.first?["mentor"] as? String)
        let mine = try runShouhu(["obligations", "--db", db, "--mentor", phone, "--format", "json"])
        let mineRows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: Any]])
        XCTAssertTrue(!mineRows.isEmpty && mineRows.allSatisfy { ($0["mentor"] as? String) == phone })
        // The overdue figure after the semester: with --today in February every undone row is overdue.
        let later = try runShouhu(["obligations", "--db", db, "--semester", "2026-autumn", "--today", "2027-02-10", "--format", "csv"])
        XCTAssertEqual(later.status, 0)
        XCTAssertFalse(later.stdout.contains("待完成"), "nothing is merely due once the semester is over")
        let table = try runShouhu(["obligations", "--db", db])
        XCTAssertTrue(table.stdout.contains("2026-autumn"), table.stdout)

        // Rules as data: a monthly call rule replaces the five ones without a code change.
        let bad = path("bad.yaml")
        try "min_days: 30\nrules:\n  - id: call\n    name: 电话\n    kind: phone\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let check = try runShouhu(["rules", "check", bad])
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("第 5 行第 11 列：“kind”的值“phone”无法识别；可用：“visit”"), check.stderr)
        XCTAssertEqual(englishWords(inChinese: check.stderr, data: [bad]), [], "no English in the Chinese reason: \(check.stderr)")
        let english = try runShouhu(["rules", "check", bad, "--lang", "en"])
        XCTAssertEqual(english.status, 1)
        XCTAssertTrue(english.stderr.contains("line 5, column 11: unknown kind 'phone'; use one of visit"), english.stderr)
        XCTAssertFalse(english.stderr.contains("第"), english.stderr)
        let good = path("calls.yaml")
        try "min_days: 14\nrules:\n  - {id: call, name: 亲情电话, kind: call, period: month}\n".write(toFile: good, atomically: true, encoding: .utf8)
        XCTAssertEqual(try runShouhu(["rules", "check", good]).status, 0)
        XCTAssertEqual(try runShouhu(["rules", "set", good, "--db", db]).status, 0)
        let monthly = try runShouhu(["obligations", "--db", db, "--format", "json"])
        let mRows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(monthly.stdout.utf8)) as? [[String: Any]])
        // August, between the spring term (ends 31 Jul) and the autumn term (starts 1 Sep), belongs to the coming term.
        XCTAssertEqual(Set(mRows.compactMap { $0["period"] as? String }), ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01"])
        XCTAssertTrue(try runShouhu(["rules", "show", "--db", db]).stdout.contains("call"))
        XCTAssertEqual(try runShouhu(["rules", "reset", "--db", db]).status, 0)
        XCTAssertTrue(try runShouhu(["rules", "show", "--db", db]).stdout.contains("visit"))
    }
}
