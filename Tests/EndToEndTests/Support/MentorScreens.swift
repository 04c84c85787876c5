import Domain
import Foundation
import Storage
import XCTest

/// What the header, the mentors table, the pair picker and the files (of children and mentors) show,
/// read from the captured text. The files are drawn by one renderer: a section is a line
/// ` ── 结对帮扶 `, its entries the lines below it up to the next blank line.
enum MentorScreen {
    /// The numbers of the header line by placeholder of the catalog's `header.counts`
    /// (`在册 {0} 人 · 未结对 {1} · 已归档 {2}` → [0: active, 1: unpaired, 2: archived]).
    static func headerNumbers(_ screen: String, _ c: [String: String] = Catalog.zh) -> [Int: Int]? {
        var pattern = ""
        var placeholders: [Int] = []
        var rest = Substring(c.text("header.counts"))
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"),
              let n = Int(rest[rest.index(after: open)..<close]) {
            pattern += NSRegularExpression.escapedPattern(for: String(rest[..<open])) + "(\\d+)"
            placeholders.append(n)
            rest = rest[rest.index(after: close)...]
        }
        pattern += NSRegularExpression.escapedPattern(for: String(rest))
        guard let header = screen.components(separatedBy: "\n").first,
              let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: header, range: NSRange(header.startIndex..., in: header)) else { return nil }
        var values: [Int: Int] = [:]
        for (i, n) in placeholders.enumerated() {
            if let r = Range(m.range(at: i + 1), in: header), let v = Int(header[r]) { values[n] = v }
        }
        return values
    }

    /// The header's 未结对 number.
    static func unpaired(_ screen: String) -> Int? { headerNumbers(screen)?[1] }

    /// The table row (mentors list or pair picker) whose first cell is `name`.
    static func row(_ screen: String, name: String) -> String? {
        RosterScreen.rows(screen).first { $0.split(separator: " ").first.map(String.init) == name }
    }

    /// The 结对 cell of a mentors row: load and capacity (`1/2`).
    static func load(_ row: String) -> (load: Int, capacity: Int)? {
        guard let regex = try? NSRegularExpression(pattern: "(?<![\\d/])(\\d+)/(\\d+)(?![\\d/])"),
              let m = regex.firstMatch(in: row, range: NSRange(row.startIndex..., in: row)),
              let a = Range(m.range(at: 1), in: row), let b = Range(m.range(at: 2), in: row),
              let load = Int(row[a]), let capacity = Int(row[b]) else { return nil }
        return (load, capacity)
    }

    /// The screen line of a file section's heading.
    static func sectionIndex(_ screen: String, _ title: String) -> Int? {
        screen.components(separatedBy: "\n").firstIndex { $0.hasPrefix(" ── " + title) }
    }

    /// The entries of a file section (trimmed lines below its heading up to the next blank line,
    /// never reaching the message line and status bar of a `height`-row screen); nil when the heading is not shown.
    static func sectionLines(_ screen: String, _ title: String, height: Int = 30) -> [String]? {
        let lines = screen.components(separatedBy: "\n")
        guard let i = sectionIndex(screen, title) else { return nil }
        var out: [String] = []
        for line in lines[(i + 1)...].prefix(max(0, height - 2 - (i + 1))) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("── ") { break }
            out.append(t)
        }
        return out
    }

    /// The value of a `label  value` field line of a file.
    static func field(_ screen: String, _ label: String) -> String? {
        for line in screen.components(separatedBy: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix(label + " ") else { continue }
            return t.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// Whether the file titled `name` is shown (the title line: two spaces, the name, two spaces).
    static func isFile(_ screen: String, of name: String) -> Bool {
        screen.components(separatedBy: "\n").dropFirst(2).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?
            .hasPrefix("  " + name + "  ") == true
    }

    /// The scroll position of a file (`9–34/34` at the right of the message line): first line shown, last, total.
    static func filePosition(_ screen: String, height: Int = 30) -> (first: Int, last: Int, total: Int)? {
        let lines = screen.components(separatedBy: "\n")
        guard lines.count >= height - 1 else { return nil }
        let line = lines[height - 2]
        guard let regex = try? NSRegularExpression(pattern: "(\\d+)–(\\d+)/(\\d+)\\s*$"),
              let m = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
              let a = Range(m.range(at: 1), in: line), let b = Range(m.range(at: 2), in: line),
              let c = Range(m.range(at: 3), in: line) else { return nil }
        return (Int(line[a])!, Int(line[b])!, Int(line[c])!)
    }

    /// The position line of a list (`第 6 / 9 名`): the row under the cursor and how many rows the list has.
    static func position(_ screen: String, _ c: [String: String] = Catalog.zh) -> (row: Int, total: Int)? {
        let parts = c.text("roster.position", "\u{1}", "\u{1}").components(separatedBy: "\u{1}")
        let pattern = parts.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "(\\d+)")
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let m = regex.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)),
              let a = Range(m.range(at: 1), in: screen), let b = Range(m.range(at: 2), in: screen) else { return nil }
        return (Int(screen[a])!, Int(screen[b])!)
    }

    /// The question line (the row above the status bar) of a `height`-row screen.
    static func promptLine(_ screen: String, height: Int = 30) -> String { FormScreen.messageLine(screen, height: height) }
}

extension EndToEndTestCase {
    /// A pairing line of a file, as the catalog writes it (`pairing.active` / `pairing.ended`), seen from the child.
    func pairingLine(mentor: String, role: MentorRole, pairRole: PairRole = .primary, start: String,
                     end: String? = nil, endReason: PairingEndReason? = nil, actor: String = EndToEndTestCase.actor) -> String {
        let zh = Catalog.zh
        let who = mentor + " · " + zh.text("mrole." + role.rawValue)
        if let end {
            return zh.text("pairing.ended", who, zh.text("prole." + pairRole.rawValue), start, end,
                           endReason.map { zh.text("pend." + $0.rawValue) } ?? "")
        }
        return zh.text("pairing.active", who, zh.text("prole." + pairRole.rawValue), start, actor)
    }

    /// Scrolls the open file (child or mentor) until the section `title` is shown with room for its
    /// entries below it (its heading in the upper part of the screen, or the file at its end), and
    /// returns that screen.
    @discardableResult
    func revealSection(_ title: String, height: Int = 30, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        for _ in 0..<60 {
            let screen = try waitFor("a file on screen", file: file, line: line) { s in
                s.contains(" ── ")
            }
            let position = MentorScreen.filePosition(screen, height: height)
            let atEnd = position.map { $0.last == $0.total } ?? true // no position: the whole file fits
            let heading = MentorScreen.sectionIndex(screen, title)
            if let heading, heading <= height / 2 || atEnd { return screen }
            if atEnd {
                XCTFail("the file has no section “\(title)”:\n\(screen)", file: file, line: line)
                throw E2EError.timeout("section \(title)")
            }
            try send(heading == nil ? "PageDown" : "Down")
            try waitFor("the file to scroll past line \(position?.first ?? 0)", file: file, line: line) { s in
                MentorScreen.filePosition(s, height: height).map { $0.first != position?.first } ?? false
            }
        }
        XCTFail("could not scroll to “\(title)”", file: file, line: line)
        throw E2EError.timeout("section \(title)")
    }

    /// On the roster: `f`, down to the 未结对 row, → to 仅未结对, Enter; waits for the filtered list of `count`.
    @discardableResult
    func filterUnpairedOnly(count: Int, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let zh = Catalog.zh
        try send("f")
        let row = zh.text("filter.unpaired")
        let panel = try waitFor("the filter panel with its 未结对 row", file: file, line: line) { s in
            s.contains(zh.text("filter.title")) && RosterScreen.line(s, containing: "▶") != nil
                && s.components(separatedBy: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix(row + " ") }
        }
        let lines = panel.components(separatedBy: "\n")
        let focused = try XCTUnwrap(lines.firstIndex { $0.contains("▶") }, panel, file: file, line: line)
        let target = try XCTUnwrap(lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix(row + " ") },
                                   panel, file: file, line: line)
        try send("Down", times: target - focused)
        try waitFor("the 未结对 row focused", file: file, line: line) { s in
            RosterScreen.line(s, containing: "▶")?.contains(row) == true
        }
        try send("Right")
        let only = zh.text("filter.unpaired_only")
        try waitFor("‹ \(only) ›", file: file, line: line) { s in
            RosterScreen.line(s, containing: "▶").map { $0.contains(row) && $0.contains("‹ " + only + " ›") } == true
        }
        try send("Enter")
        return try waitFor("the roster of the \(count) unpaired children", file: file, line: line) { s in
            !s.contains(zh.text("filter.title")) && s.contains(zh.text("roster.position", 1, count))
                && s.contains(zh.text("filter.prefix") + only)
        }
    }

    /// On a roster list of `count`: moves the cursor to row `index` (0-based; it must be on the first
    /// page), checks that the row is `name`, opens it and waits for the file.
    @discardableResult
    func openRosterRow(_ index: Int, named name: String, count: Int, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let zh = Catalog.zh
        try send("Down", times: index)
        let list = try waitFor("the cursor on row \(index + 1)", file: file, line: line) { s in
            s.contains(zh.text("roster.position", index + 1, count))
        }
        XCTAssertEqual(RosterScreen.names(list).dropFirst(index).first, name, list, file: file, line: line)
        try send("Enter")
        return try waitForFile(of: name, file: file, line: line)
    }

    /// On the roster: `/`, the name typed, Enter; the first of the results must be `name`; opens it.
    @discardableResult
    func openChildBySearch(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let zh = Catalog.zh
        try send("/")
        try waitFor("the roster search field", file: file, line: line) { RosterScreen.isSearching($0) }
        try type(name)
        try waitFor("the roster searched for \(name)", file: file, line: line) { s in
            RosterScreen.query(s) == name && RosterScreen.names(s).first == name
        }
        try send("Enter")
        try waitFor("the search accepted with \(name) first", file: file, line: line) { s in
            !RosterScreen.isSearching(s) && RosterScreen.names(s).first == name
                && s.contains(zh.text("roster.position", 1, RosterScreen.resultCount(s) ?? -1))
        }
        try send("Enter")
        return try waitForFile(of: name, file: file, line: line)
    }

    /// Waits for the file (child or mentor) titled `name`, loaded.
    @discardableResult
    func waitForFile(of name: String, timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line,
                     _ extra: @escaping (String) -> Bool = { _ in true }) throws -> String {
        try waitFor("the file of \(name)", timeout: timeout, file: file, line: line) { s in
            MentorScreen.isFile(s, of: name) && s.contains(" ── ") && extra(s)
        }
    }

    /// In a child's file: `p`, and waits for the picker with its suggestions (or results) loaded.
    @discardableResult
    func openPicker(for childName: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let zh = Catalog.zh
        try send("p")
        return try waitFor("the pair picker for \(childName)", file: file, line: line) { s in
            s.contains(zh.text("picker.title", childName, zh.text("prole.primary")))
                && (!RosterScreen.rows(s).isEmpty || s.contains(zh.text("picker.none")))
        }
    }

    /// On the mentors screen: `/`, `text` typed, Enter; waits until the search is accepted with `count` results.
    @discardableResult
    func searchMentors(_ text: String, count: Int? = nil, file: StaticString = #filePath, line: UInt = #line,
                       _ extra: @escaping (String) -> Bool = { _ in true }) throws -> String {
        try send("/")
        try waitFor("the mentors search field", file: file, line: line) { RosterScreen.isSearching($0) }
        try type(text)
        try waitFor("the mentors searched for \(text)", file: file, line: line) { s in
            RosterScreen.query(s) == text && (count == nil || RosterScreen.resultCount(s) == count)
        }
        try send("Enter")
        return try waitFor("the mentors search for \(text) accepted", file: file, line: line) { s in
            !RosterScreen.isSearching(s) && RosterScreen.query(s) == text && extra(s)
        }
    }
}
