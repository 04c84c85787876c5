import Domain
import Foundation
import Storage
import XCTest

/// `shouhu report` as a command: the HTML printed to PDF by a real browser (chromium, headless) carries
/// the Chinese title and figures; the annual summary fills every blank; bad periods are one-line errors.
final class ReportEndToEndTests: EndToEndTestCase {
    func testHTMLReportPrintsToPDFWithChineseText() throws {
        let db = try makeDemoDatabase(children: 150)
        let html = path("report.html"), pdf = path("report.pdf")
        let r = try runShouhu(["report", "--db", db, "--period", "2026-autumn", "--format", "html", "--out", html])
        XCTAssertEqual(r.status, 0, r.stderr)
        let attributes = try FileManager.default.attributesOfItem(atPath: html)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let chromium = try XCTUnwrap(["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                     "chromium is installed by scripts/ensure-deps --test")
        let print = try ProcessRunner.run(executable: chromium, arguments: [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=" + path("chromium"),
            "--print-to-pdf=" + pdf, "file://" + html,
        ], environment: ["HOME": workDir.path, "PATH": "/usr/bin:/bin"], timeout: 120)
        XCTAssertTrue(FileManager.default.fileExists(atPath: pdf), "no PDF: \(print.stderr)")
        let text = try ProcessRunner.run(executable: "/usr/bin/pdftotext", arguments: [pdf, "-"], environment: [:], timeout: 60).stdout
        XCTAssertTrue(text.contains("留守儿童关爱工作统计报表"), text)
        XCTAssertTrue(text.contains("在册留守儿童"), text)
        let pages = try ProcessRunner.run(executable: "/usr/bin/pdfinfo", arguments: [pdf], environment: [:], timeout: 30).stdout
        XCTAssertTrue(pages.contains("(A4)"), "A4 pages: \(pages)")
    }

    func testAnnualSummaryAndJSONAndErrors() throws {
        let db = try makeDemoDatabase(children: 150)
        let summary = try runShouhu(["report", "--db", db, "--period", "2026", "--template", "annual-summary"])
        XCTAssertEqual(summary.status, 0, summary.stderr)
        XCTAssertFalse(summary.stdout.contains("_"), summary.stdout)
        XCTAssertTrue(summary.stdout.contains("隔代看护") && summary.stdout.contains("男生"), summary.stdout)
        let json = try runShouhu(["report", "--db", db, "--period", "2026-Q4", "--format", "json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["period"] as? String, "2026-Q4")
        let bad = try runShouhu(["report", "--db", db, "--period", "2026-Q9"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("2026-Q9"), bad.stderr)
        let cards = try runShouhu(["report", "--db", db, "--period", "2026-10", "--template", "talk-card"])
        XCTAssertTrue(cards.stdout.contains("留守儿童谈心记录卡"))
        let roster = try runShouhu(["report", "--db", db, "--template", "roster"])
        XCTAssertTrue(roster.stdout.contains("身份证"), String(roster.stdout.prefix(300)))
    }

    /// A quarter's text report names the quarter and the one term its five ones count (the one it starts
    /// in), counted to the quarter's end: 2026-Q3 gives the spring term's figures, not spring and autumn added.
    func testQuarterReportCountsItsOwnTermToItsEnd() throws {
        let db = try makeDemoDatabase(children: 150)
        let q3 = try runShouhu(["report", "--db", db, "--period", "2026-Q3", "--format", "text"])
        XCTAssertEqual(q3.status, 0, q3.stderr)
        XCTAssertTrue(q3.stdout.contains("统计期：2026年第三季度（2026-07-01 至 2026-09-30），统计截至 2026-09-30"), q3.stdout)
        XCTAssertTrue(q3.stdout.contains("七、“五个一”完成情况（2026年春季学期，截至 2026-09-30）"), q3.stdout)
        let spring = try runShouhu(["report", "--db", db, "--period", "2026-spring", "--format", "text"])
        func overall(_ text: String) -> String? { text.split(separator: "\n").first { $0.contains("“五个一”完成率") }.map(String.init) }
        XCTAssertNotNil(overall(q3.stdout))
        XCTAssertEqual(overall(q3.stdout), overall(spring.stdout), "Q3 counts the spring term alone")
        let json = try runShouhu(["report", "--db", db, "--period", "2026-10", "--format", "json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((object["five_ones"] as? [String: Any])?["semesters"] as? [String], ["2026-autumn"])
    }
}
