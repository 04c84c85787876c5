import Domain
import Foundation
import Storage
import XCTest

/// The roster in a real terminal: searching in Chinese and in pinyin, opening a child's file,
/// the help screen, moving through the list, and quitting.
final class RosterSearchEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh
    let en = Catalog.en

    /// A surname from the demo data whose matches all fit on one 100×30 screen, and its first match.
    struct SurnamePick {
        var surname: String
        /// The names the search should list, in the database's order.
        var names: [String]
        var first: Child
    }

    /// Picks, from the database, the first surname (in roster order) with 2–20 matches whose first
    /// match has an ID number and a guardian recorded.
    func pickSurname(_ dbPath: String) throws -> SurnamePick {
        try withDatabase(dbPath) { db in
            var tried = Set<String>()
            for row in try db.rosterRows(ids: db.rosterIDs()) {
                let surname = String(row.name.prefix(1))
                guard tried.insert(surname).inserted else { continue }
                let ids = try db.rosterIDs(search: surname)
                guard (2...20).contains(ids.count), let child = try db.child(id: ids[0]),
                      child.idNumber != nil, child.guardian != nil else { continue }
                return SurnamePick(surname: surname, names: try db.rosterRows(ids: ids).map(\.name), first: child)
            }
            throw XCTSkip("no suitable surname in the demo data")
        }
    }

    /// Waits for the roster table with the given position line (`第 1 / 290 名` by default).
    @discardableResult
    func waitForRoster(total: Int, position: Int = 1, _ c: [String: String] = Catalog.zh,
                       file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let pos = c.text("roster.position", position, total)
        return try waitFor("the roster at “\(pos)”", file: file, line: line) { s in
            !RosterScreen.names(s, c).isEmpty && s.contains(pos)
        }
    }

    /// Waits for the search line to show `query` with a result count, and returns the screen.
    @discardableResult
    func waitForResults(_ query: String, searching: Bool = true, _ c: [String: String] = Catalog.zh,
                        file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try waitFor("the search line with “\(query)” and a count", file: file, line: line) { s in
            RosterScreen.query(s, c) == query && RosterScreen.isSearching(s, c) == searching
                && RosterScreen.resultCount(s, c) != nil
        }
    }

    /// 1. Search in Chinese, open the child's file, reveal/hide numbers, back, help, quit.
    func testChineseSearchOpensDetailThenHelpAndQuit() throws {
        let db = try makeDemoDatabase(children: 300)
        let pick = try pickSurname(db)
        let total = try withDatabase(db) { try $0.rosterIDs().count }

        try startTUI(["--db", db])
        try waitForRoster(total: total)

        try send("/")
        try waitFor("the search prompt with a cursor") { RosterScreen.isSearching($0) }
        try type(pick.surname)
        let screen = try waitForResults(pick.surname)
        XCTAssertEqual(RosterScreen.resultCount(screen), pick.names.count, "result count on the search line\n\(screen)")
        XCTAssertTrue(RosterScreen.searchLine(screen)?.contains(zh.text("search.results", pick.names.count)) == true, screen)
        let names = RosterScreen.names(screen)
        XCTAssertFalse(names.isEmpty, "no table rows\n\(screen)")
        // The search also looks at the guardian's name: every row shows the character in the name or
        // the guardian column, and children whose own name matches come first.
        for row in RosterScreen.rows(screen) {
            XCTAssertTrue(row.contains(pick.surname), "row “\(row)” does not show \(pick.surname)\n\(screen)")
        }
        XCTAssertTrue(names[0].hasPrefix(pick.surname), screen)
        let nameMatches = names.prefix { $0.contains(pick.surname) }
        XCTAssertFalse(names.dropFirst(nameMatches.count).contains { $0.contains(pick.surname) },
                       "children named \(pick.surname)… must come before matches on other fields\n\(screen)")
        XCTAssertEqual(names, pick.names, "rows differ from the database's matches, in order\n\(screen)")
        XCTAssertTrue(screen.contains(zh.text("roster.position", 1, pick.names.count)), "position line\n\(screen)")

        // Enter accepts the search (the cursor goes, the filter stays); Enter again opens the file.
        try send("Enter")
        try waitForResults(pick.surname, searching: false)
        try send("Enter")
        let child = pick.first
        let idNumber = try XCTUnwrap(child.idNumber)
        let masked = IDNumber.masked(idNumber)
        let basic = "── " + zh.text("detail.section.basic")
        let detail = try waitFor("the detail of \(child.name)") { $0.contains(basic) && $0.contains(masked) }
        let title = RosterScreen.line(detail, containing: child.name) ?? ""
        XCTAssertTrue(title.hasPrefix("  " + child.name), "title line should start with the name\n\(detail)")
        if let age = child.age(on: Self.todayDate) {
            XCTAssertTrue(title.contains(zh.text("detail.age_years", age)), "title shows the age\n\(detail)")
        }
        XCTAssertTrue(detail.contains("── " + zh.text("detail.section.guardian")), detail)
        XCTAssertTrue(detail.contains("**********"), detail)
        XCTAssertFalse(detail.contains(idNumber), "the full ID number must be hidden by default\n\(detail)")
        let guardian = try XCTUnwrap(child.guardian)
        XCTAssertTrue(detail.contains(guardian.name), "guardian's name\n\(detail)")
        if !guardian.phone.isEmpty {
            XCTAssertTrue(detail.contains(Phone.masked(guardian.phone)), "masked guardian phone\n\(detail)")
            XCTAssertFalse(detail.contains(guardian.phone), "the full phone must be hidden\n\(detail)")
        }

        // v reveals, v hides again.
        try send("v")
        try waitFor(idNumber)
        try send("v")
        try waitFor("the ID masked again") { $0.contains(masked) && !$0.contains(idNumber) }

        // Esc goes back to the filtered roster.
        try send("Escape")
        let back = try waitFor("the filtered roster again") { RosterScreen.names($0) == pick.names }
        XCTAssertFalse(back.contains(basic), back)
        XCTAssertEqual(RosterScreen.query(back), pick.surname, back)

        // Help.
        try send("?")
        let help = try waitFor(zh.text("help.title"))
        XCTAssertEqual(help.components(separatedBy: "\n").filter { $0.contains(zh.text("help.title")) }.count, 1, help)
        for (keys, label) in [("? / F1", "action.help"), ("q / Ctrl-C", "action.quit"), ("Enter / Tab", "action.search_accept"),
                              ("/", "action.search"), ("Enter", "action.open")] {
            let text = zh.text(label)
            let line = help.components(separatedBy: "\n").first { line in
                // The help may be laid out in two columns: look for the pair anywhere on the line.
                let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                return (" " + words.joined(separator: " ") + " ").contains(" " + keys + " " + text + " ")
            }
            XCTAssertNotNil(line, "help line “\(keys)  \(text)”\n\(help)")
        }
        XCTAssertTrue(help.contains(zh.text("context.search")), help)
        try send("Escape")
        try waitFor("the roster after closing help") { !$0.contains(zh.text("help.title")) && RosterScreen.names($0) == pick.names }

        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 2. Pinyin initials (and full pinyin) find the same child; `q` typed into the search is text.
    func testPinyinSearchFindsTheSameChild() throws {
        let db = try makeDemoDatabase(children: 300)
        let pick = try pickSurname(db)
        let child = pick.first
        let childID = try XCTUnwrap(child.id)
        // Computed here, from the name, not read from the database's stored keys.
        let keys = PinyinKeys(name: child.name)
        let (initialsNames, initialsIndex, total) = try withDatabase(db) { db in
            let ids = try db.rosterIDs(search: keys.initials)
            return (try db.rosterRows(ids: ids).map(\.name), ids.firstIndex(of: childID), try db.rosterIDs().count)
        }
        let index = try XCTUnwrap(initialsIndex, "the database search for \(keys.initials) misses \(child.name)")

        try startTUI(["--db", db])
        try waitForRoster(total: total)
        try send("/")
        try type(keys.initials)
        let screen = try waitForResults(keys.initials)
        XCTAssertEqual(RosterScreen.resultCount(screen), initialsNames.count, screen)
        let visible = RosterScreen.names(screen)
        XCTAssertEqual(visible, Array(initialsNames.prefix(visible.count)), screen)
        if index < visible.count {
            XCTAssertEqual(visible[index], child.name, screen)
        }

        // Accept, move down to the child, open it.
        try send("Enter")
        try waitForResults(keys.initials, searching: false)
        if index > 0 {
            let s = try session
            try s.run(["send-keys", "-t", s.target] + Array(repeating: "j", count: index))
        }
        try waitFor(zh.text("roster.position", index + 1, initialsNames.count))
        try send("Enter")
        let basic = "── " + zh.text("detail.section.basic")
        try waitFor("the detail of \(child.name)") { s in
            s.contains(basic) && RosterScreen.line(s, containing: child.name)?.hasPrefix("  " + child.name) == true
        }
        try send("Escape")
        try waitFor("the roster") { !RosterScreen.names($0).isEmpty }

        // Full pinyin, after clearing the input with Ctrl-U.
        try send("/")
        try waitFor("the search prompt with a cursor") { RosterScreen.isSearching($0) }
        try send("C-u")
        try waitFor("an empty search field") { RosterScreen.isSearching($0) && RosterScreen.query($0) == "" }
        try type(keys.full)
        let full = try waitForResults(keys.full)
        XCTAssertTrue(RosterScreen.names(full).contains(child.name), "full pinyin \(keys.full) should list \(child.name)\n\(full)")

        // A polyphonic surname is searched by its surname reading, not the common one.
        let readings = ["曾": "zeng", "单": "shan", "仇": "qiu", "解": "xie", "查": "zha", "覃": "qin"]
        let poly = try withDatabase(db) { db -> (name: String, query: String, count: Int)? in
            for row in try db.rosterRows(ids: db.rosterIDs()) {
                guard let reading = readings[String(row.name.prefix(1))] else { continue }
                let query = reading + row.name.dropFirst().map { PinyinKeys.syllables(of: String($0)).joined() }.joined()
                let ids = try db.rosterIDs(search: query)
                if (1...20).contains(ids.count) { return (row.name, query, ids.count) }
            }
            return nil
        }
        let p = try XCTUnwrap(poly, "the demo data should hold a child with a polyphonic surname (曾单仇解查覃)")
        try send("C-u")
        try type(p.query)
        let polyScreen = try waitForResults(p.query)
        XCTAssertEqual(RosterScreen.resultCount(polyScreen), p.count, polyScreen)
        XCTAssertTrue(RosterScreen.names(polyScreen).contains(p.name), "\(p.query) should list \(p.name)\n\(polyScreen)")

        // While searching, q (and j, k, g) are text, not commands; no match says so.
        try send("C-u")
        try type("qjkg")
        try waitFor("“qjkg” with no match") { s in
            RosterScreen.query(s) == "qjkg" && RosterScreen.searchLine(s)?.contains(self.zh.text("search.none")) == true
                && RosterScreen.names(s).isEmpty
        }
        // Esc clears the search: the whole roster is back (the selection may stay where it was).
        try send("Escape")
        let cleared = try waitFor("the whole roster") { s in
            RosterScreen.searchLine(s) == nil && s.contains(self.zh.text("search.hint"))
                && s.contains(" / \(total) ") && !RosterScreen.names(s).isEmpty
        }
        XCTAssertFalse(cleared.contains("EXIT="), cleared)
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// Moving through the whole roster: G, g, PgDn, k, ↓, j.
    func testRosterNavigation() throws {
        let db = try makeDemoDatabase(children: 300)
        let (names, total) = try withDatabase(db) { db in
            let ids = try db.rosterIDs()
            return (try db.rosterRows(ids: ids).map(\.name), ids.count)
        }
        try startTUI(["--db", db])
        let first = try waitForRoster(total: total)
        let page = 30 - 6
        XCTAssertEqual(RosterScreen.names(first), Array(names.prefix(page)), first)

        try send("G")
        let last = try waitForRoster(total: total, position: total)
        XCTAssertEqual(RosterScreen.names(last), Array(names.suffix(page)), last)

        try send("g")
        try waitForRoster(total: total)
        try send("PageDown")
        let paged = try waitForRoster(total: total, position: page + 1)
        XCTAssertEqual(RosterScreen.names(paged).first, names[page], paged)
        try send("k")
        try waitForRoster(total: total, position: page)
        try send("Down")
        try send("j")
        try waitForRoster(total: total, position: page + 2)
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 3. English, from `--lang en`: headers, detail sections and help; F1 toggles help; q inside
    /// help closes it rather than quitting. Colors are on (no NO_COLOR). Runs with no locale
    /// variables at all, so the C.UTF-8 fallback is used.
    func testEnglishInterface() throws {
        let db = try makeDemoDatabase(children: 300)
        let (total, summary) = try withDatabase(db) { db in (try db.rosterIDs().count, try db.rosterSummary()) }
        try startTUI(["--db", db, "--lang", "en"], env: ["LANG": nil])
        let roster = try waitForRoster(total: total, en)
        let header = RosterScreen.headerRow(roster, en) ?? ""
        for column in ["Name", "Sex", "Age", en.text("col.grid"), en.text("col.guardian")] {
            XCTAssertTrue(header.contains(column), "column \(column)\n\(roster)")
        }
        XCTAssertTrue(roster.contains(en.text("search.hint")), roster)
        XCTAssertTrue(roster.contains(en.text("header.counts", summary.activeChildren, summary.unpaired, summary.archivedChildren)),
                      roster)
        XCTAssertTrue(roster.contains("Enter " + en.text("action.open")), roster)
        XCTAssertFalse(roster.contains(zh.text("col.name")), roster)
        let colored = try session.capture(escapes: true)
        XCTAssertTrue(RosterScreen.hasColor(RosterScreen.sgrParameters(colored)), "expected colors without NO_COLOR")

        try send("Enter")
        let detail = try waitFor("── " + en.text("detail.section.basic"))
        XCTAssertTrue(detail.contains("── " + en.text("detail.section.guardian")), detail)
        XCTAssertTrue(detail.contains(en.text("field.id_number")), detail)
        XCTAssertTrue(detail.contains(en.text("detail.reveal_hint")), detail)
        try send("Escape")
        try waitForRoster(total: total, en)

        let helpTitle = en.text("help.title")
        try send("F1")
        let help = try waitFor(helpTitle)
        for text in [en.text("context.global"), "q / Ctrl-C", en.text("action.quit"), en.text("action.open"),
                     en.text("context.search"), en.text("help.footer")] {
            XCTAssertTrue(help.contains(text), "help shows \(text)\n\(help)")
        }
        XCTAssertFalse(help.contains(zh.text("action.quit")), help)
        try send("F1")
        try waitFor("help closed by F1") { !$0.contains(helpTitle) && !RosterScreen.names($0, self.en).isEmpty }
        try send("?")
        try waitFor(helpTitle)
        try send("q")
        let afterQ = try waitFor("help closed by q") { !$0.contains(helpTitle) && !RosterScreen.names($0, self.en).isEmpty }
        XCTAssertFalse(afterQ.contains("EXIT="), "q in help must close help, not quit\n\(afterQ)")
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// English from `SHOUHU_LANG`, and `NO_COLOR`: no color at all, but reverse video still marks
    /// the selection and the status bar.
    func testLanguageFromEnvironmentAndNoColor() throws {
        let db = try makeDemoDatabase(children: 300)
        let total = try withDatabase(db) { try $0.rosterIDs().count }
        try startTUI(["--db", db], env: ["SHOUHU_LANG": "en", "NO_COLOR": "1"])
        try waitForRoster(total: total, en)
        let params = RosterScreen.sgrParameters(try session.capture(escapes: true))
        XCTAssertFalse(RosterScreen.hasColor(params), "NO_COLOR set but colors drawn: SGR \(Set(params).sorted())")
        XCTAssertTrue(params.contains(7), "reverse video expected without colors: SGR \(Set(params).sorted())")
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }
}
