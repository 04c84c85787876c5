import TerminalUI

/// The help screen, generated from the key table: one section per context.
public enum HelpView {
    struct Line { var text: String; var style: Style; var keyColumn: String? }

    /// Sections in reading order: what works everywhere, then each screen and overlay.
    static let order: [KeyContext] = [.global, .roster, .search, .filter, .detail, .form, .mentors, .mentorDetail, .pairPicker,
                                      .prompt, .help]

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

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        let (titleRow, rest) = area.splitTop(2)
        let (body, footer) = rest.splitBottom(1)
        buffer.put(s[.helpTitle], x: titleRow.x + 2, y: titleRow.y, style: Theme.title)
        let all = lines(state)
        let keyWidth = 22
        for (i, line) in all.dropFirst(state.helpScroll).prefix(body.height).enumerated() {
            let y = body.y + i
            if let keys = line.keyColumn {
                buffer.putPadded(keys, x: body.x + 4, y: y, width: keyWidth, style: Theme.prompt)
                buffer.put(line.text, x: body.x + 4 + keyWidth + 1, y: y, style: line.style, maxWidth: body.width - keyWidth - 6)
            } else {
                buffer.put(line.text, x: body.x + 2, y: y, style: line.style)
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
