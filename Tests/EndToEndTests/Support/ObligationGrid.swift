import XCTest

/// Reading the obligations grid (screen 4) off a captured screen.
extension EndToEndTestCase {
    /// The grid's line for a child and mentor.
    func gridLine(_ screen: String, child: String, mentor: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(child) && $0.contains(mentor) && $0.contains("/5") }
    }

    /// The marks of a grid line, in rule order (✓ · ! –).
    func marks(_ line: String) -> [String] {
        line.split(separator: " ").map(String.init).filter { ["✓", "·", "!", "–"].contains($0) }
    }

    /// Opens screen 4 (`4`) and waits for the grid: the screen, its first line, and that line's
    /// child and mentor.
    func openObligationsGrid() throws -> (screen: String, firstRow: String, child: String, mentor: String) {
        try send("4")
        let grid = try waitFor("the obligations grid") { s in s.contains(Catalog.zh.text("obligation.legend")) && s.contains("/5") }
        let firstRow = try XCTUnwrap(grid.split(separator: "\n").map(String.init).first { $0.contains("/5") }, grid)
        let words = firstRow.split(separator: " ").map(String.init)
        return (grid, firstRow, words[0], words[1])
    }
}
