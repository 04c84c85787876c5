import TerminalUI

/// The help screen, generated from the key table: one section per context.
public enum HelpView {
    struct Line: Equatable { var text: String; var style: Style; var keyColumn: String? }

    /// Sections in reading order: what works everywhere, then each screen and overlay.
    static let order: [KeyContext] = [.global, .roster, .search, .filter, .detail, .form, .mentors, .mentorDetail, .pairPicker, .calendar, .attendance,
                                      .obligations, .reports,
                                      .prompt, .signIn, .help]

    static func lines(_ state: AppState) -> [Line] {
        let s = state.strings
        var out: [Line] = []
        for context in order {
            let bindings = Keymap.bindings(in: context)
            guard !bindings.isEmpty else { continue }
            if !out.isEmpty { out.append(Line(text: "", style: .plain)) }
            out.append(Line(text: s[context.title], style: Theme.section))
            for b in bindings {
                out.append(Line(text: s[b.label], style: .plain, keyColumn: Keymap.keyText(b)))
            }
        }
        return out
    }

    static func lineCount(_ state: AppState) -> Int { lines(state).count }

    /// Where help opens (call before `showHelp` is set): at the keys of the screen or overlay it was
    /// asked from — the calendar's on the calendar, a form's in a form — or at the top (the keys that
    /// work everywhere, then the roster's) from the roster.
    static func initialScroll(_ state: AppState) -> Int {
        guard let context = state.keyContexts.first, context != .global, context != .roster,
              let title = lines(state).firstIndex(where: { $0.keyColumn == nil && $0.text == state.strings[context.title] })
        else { return 0 }
        return min(title, maxScroll(state))
    }

    /// Lines per column (the body between the title and the footer).
    static func columnHeight(_ state: AppState) -> Int { max(1, state.size.height - 6) }

    /// Two columns on a wide terminal, one otherwise.
    static func columnCount(_ state: AppState) -> Int { state.size.width >= 100 ? 2 : 1 }

    /// Where each line from `scroll` on goes: (line, column, row). A section title never ends a
    /// column (it moves to the top of the next one); lines that do not fit are left out.
    static func layout(_ all: [Line], scroll: Int, height: Int, columns: Int) -> [(Line, Int, Int)] {
        placed(all, scroll: scroll, height: height, columns: columns).lines
    }

    /// `layout`, and whether the last line of the help is among the lines placed (told by position:
    /// the same key and text stand in several sections, so a line's equal does not say it).
    static func placed(_ all: [Line], scroll: Int, height: Int, columns: Int) -> (lines: [(Line, Int, Int)], reachesEnd: Bool) {
        var out: [(Line, Int, Int)] = []
        var column = 0, row = 0
        for line in all.dropFirst(scroll) {
            let isHeading = line.keyColumn == nil
            if isHeading, row == height - 1 { column += 1; row = 0 }
            if isHeading, line.text.isEmpty, row == 0, column > 0 { continue } // no blank line at a column's top
            guard column < columns else { return (out, false) }
            out.append((line, column, row))
            row += 1
            if row == height { column += 1; row = 0 }
        }
        return (out, true)
    }

    /// How far the help can scroll: until its last line is on screen.
    static func maxScroll(_ state: AppState) -> Int {
        let all = lines(state)
        var scroll = 0
        while scroll < all.count, !placed(all, scroll: scroll, height: columnHeight(state), columns: columnCount(state)).reachesEnd {
            scroll += 1
        }
        return min(scroll, max(0, all.count - 1))
    }

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        let (titleRow, rest) = area.splitTop(2)
        let (body, footer) = rest.splitBottom(1)
        buffer.put(s[.helpTitle], x: titleRow.x + 2, y: titleRow.y, style: Theme.title)
        let all = lines(state)
        let columns = columnCount(state)
        let columnWidth = body.width / columns
        let keyWidth = min(22, columnWidth / 2)
        for (line, column, row) in layout(all, scroll: state.helpScroll, height: body.height, columns: columns) {
            let x = body.x + column * columnWidth
            let y = body.y + row
            if let keys = line.keyColumn {
                buffer.putPadded(keys, x: x + 4, y: y, width: keyWidth, style: Theme.prompt)
                buffer.put(line.text, x: x + 4 + keyWidth + 1, y: y, style: line.style, maxWidth: columnWidth - keyWidth - 6)
            } else {
                buffer.put(line.text, x: x + 2, y: y, style: line.style, maxWidth: columnWidth - 3)
            }
        }
        buffer.put(s[.helpFooter], x: footer.x + 2, y: footer.y, style: Theme.hint)
    }
}

extension HelpView {
    /// The key table as Markdown (the README's "Keys" section is this text; a test keeps them equal).
    public static func markdown(_ s: Strings) -> String {
        var out = "| \(s[.helpColumnWhere]) | \(s[.helpColumnKeys]) | \(s[.helpColumnDoes]) |\n| --- | --- | --- |\n"
        for context in order {
            for b in Keymap.bindings(in: context) {
                let keys = b.keys.map { "`" + $0.description + "`" }.joined(separator: " ")
                out += "| \(s[context.title]) | \(keys) | \(s[b.label]) |\n"
            }
        }
        return out
    }
}
