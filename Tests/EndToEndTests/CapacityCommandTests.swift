import Domain
import Storage
import XCTest

/// `shouhu capacity`: the per-role rule a community sets, read by new mentors' forms and imports.
final class CapacityCommandTests: EndToEndTestCase {
    func testShowAndSetTheCapacityOfARole() throws {
        let db = path("capacity.sqlite")
        let shown = try runShouhu(["capacity", "--db", db])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("volunteer\t志愿者\t2"), shown.stdout)

        let set = try runShouhu(["capacity", "--db", db, "volunteer", "3"])
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertTrue(set.stdout.contains("volunteer\t志愿者\t3"), set.stdout)
        XCTAssertEqual(try withDatabase(db) { try $0.capacity(for: .volunteer) }, 3)

        let bad = try runShouhu(["capacity", "--db", db, "astronaut", "3"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.hasPrefix("错误：没有“astronaut”这个角色"), bad.stderr)
        let tooMany = try runShouhu(["capacity", "--db", db, "volunteer", "5000"])
        XCTAssertNotEqual(tooMany.status, 0)
        XCTAssertEqual(try withDatabase(db) { try $0.capacity(for: .volunteer) }, 3, "a refused change changes nothing")
    }
}
