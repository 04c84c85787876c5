import Domain
import Foundation
import XCTest

/// What the child form (add, edit, sweep) shows, read from the captured text.
///
/// A field row is drawn as ` ▶ 姓名          王小         ✗ problem`: the focus mark in column 1,
/// the label from column 3 padded to the widest label, the value, then the problem (if any) after
/// at least two spaces. Positions below are in characters of the captured line, except where they
/// say columns (a Han character is two columns wide).
enum FormScreen {
    /// The row of the field labelled `label` (the catalog's `cf.*` text): its line number and text.
    static func row(_ screen: String, _ label: String) -> (y: Int, text: String)? {
        for (y, line) in screen.components(separatedBy: "\n").enumerated() {
            let chars = Array(line)
            guard chars.count > 3, chars[0] == " ", chars[1] == " " || chars[1] == "▶", chars[2] == " " else { continue }
            let rest = String(chars[3...])
            guard rest.hasPrefix(label) else { continue }
            let after = rest.dropFirst(label.count)
            if after.isEmpty || after.first == " " { return (y, line) }
        }
        return nil
    }

    /// Whether the field labelled `label` has the focus mark.
    static func isFocused(_ screen: String, _ label: String) -> Bool {
        guard let r = row(screen, label) else { return false }
        return Array(r.text)[1] == "▶"
    }

    /// The label of the focused field, if a form is shown.
    static func focusedLabel(_ screen: String) -> String? {
        for line in screen.components(separatedBy: "\n") {
            let chars = Array(line)
            guard chars.count > 3, chars[0] == " ", chars[1] == "▶", chars[2] == " " else { continue }
            return String(String(chars[3...]).prefix { $0 != " " })
        }
        return nil
    }

    /// The value shown in the field (a focused choice without its `‹ ›`); "" for an empty text field.
    static func value(_ screen: String, _ label: String) -> String? {
        guard let r = row(screen, label) else { return nil }
        let (_, value) = split(r.text, label)
        return value
    }

    /// The problem shown beside the field (after `✗ ` or `! `), if any.
    static func issue(_ screen: String, _ label: String) -> String? {
        guard let r = row(screen, label) else { return nil }
        let chars = Array(r.text)
        guard let i = chars.indices.first(where: { (chars[$0] == "✗" || chars[$0] == "!") && $0 > 3 + label.count }) else { return nil }
        return String(chars[i...]).trimmingCharacters(in: .whitespaces)
    }

    /// The character index in the row where the value starts, and the value.
    static func split(_ line: String, _ label: String) -> (start: Int, value: String) {
        let chars = Array(line)
        var i = 3 + label.count
        while i < chars.count, chars[i] == " " { i += 1 }
        let rest = String(chars[min(i, chars.count)...])
        if rest.hasPrefix("✗ ") || rest.hasPrefix("! ") || rest.hasPrefix("←") { return (i, "") }
        var value = rest.components(separatedBy: "  ")[0]
        if value.hasPrefix("‹ ") && value.hasSuffix(" ›") { value = String(value.dropFirst(2).dropLast(2)) }
        return (i, value)
    }

    /// The screen column where the value of the field starts.
    static func valueColumn(_ screen: String, _ label: String) -> Int? {
        guard let r = row(screen, label) else { return nil }
        let (start, _) = split(r.text, label)
        return displayWidth(String(Array(r.text)[..<start]))
    }

    /// The message line (the row above the status bar) of a `height`-row screen, trimmed.
    static func messageLine(_ screen: String, height: Int) -> String {
        let lines = screen.components(separatedBy: "\n")
        guard lines.count >= height - 1, height >= 2 else { return "" }
        return lines[height - 2].trimmingCharacters(in: .whitespaces)
    }
}

/// Columns a string takes in a terminal: 2 for East Asian wide and fullwidth characters, 1 otherwise
/// (enough for the Han text, ASCII and the marks these tests read).
func displayWidth(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { acc, u in
        let v = u.value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        return acc + (wide ? 2 : 1)
    }
}

extension TmuxSession {
    /// The terminal cursor of the pane: column, row, and whether it is shown.
    func cursor() throws -> (x: Int, y: Int, visible: Bool) {
        let out = try run(["display-message", "-p", "-t", target, "#{cursor_x} #{cursor_y} #{cursor_flag}"])
        let parts = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").compactMap { Int($0) }
        guard parts.count == 3 else { throw Failure(description: "cannot read the cursor: \(out.debugDescription)") }
        return (parts[0], parts[1], parts[2] == 1)
    }
}

extension EndToEndTestCase {
    /// The person recorded in the change history and in the draft key (`form:` + actor).
    static let actor = "e2e-worker"

    /// Starts shouhu in tmux with a fixed actor (`SHOUHU_ACTOR`), so the draft key is known.
    func startApp(_ args: [String], width: Int = 100, height: Int = 30) throws {
        try startTUI(args, env: ["SHOUHU_ACTOR": Self.actor], width: width, height: height)
    }

    /// Sends the same key `count` times in one tmux call.
    func send(_ key: String, times count: Int) throws {
        guard count > 0 else { return }
        let s = try session
        try s.run(["send-keys", "-t", s.target] + Array(repeating: key, count: count))
    }

    /// Waits until the form shows `label` focused (and `value` in it, when given).
    @discardableResult
    func waitForField(_ label: String, focused: Bool = true, value: String? = nil, timeout: Double = 10,
                      file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let what = "the field \(label)" + (focused ? " focused" : "") + (value.map { " showing “\($0)”" } ?? "")
        return try waitFor(what, timeout: timeout, file: file, line: line) { s in
            (!focused || FormScreen.isFocused(s, label)) && (value == nil || FormScreen.value(s, label) == value)
        }
    }

    /// Waits until no shouhu started for this test's directory is running.
    func waitForShouhuToEnd(timeout: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !shouhuPIDs(matching: workDir.path).isEmpty {
            if Date() > deadline {
                XCTFail("shouhu still running \(timeout) s after its terminal closed", file: file, line: line)
                throw E2EError.timeout("shouhu to end")
            }
            usleep(50_000)
        }
    }

    /// A valid 18-character ID number: region, birth date, three-digit sequence (odd: male), check character.
    func validIDNumber(region: String = "510722", birth: String, sequence: String) -> String {
        let first17 = region + birth.replacingOccurrences(of: "-", with: "") + sequence
        precondition(first17.count == 17)
        return first17 + String(IDNumber.checkCharacter(forFirst17: Array(first17))!)
    }
}
