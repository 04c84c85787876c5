import Domain
import TerminalUI

/// The sign-in and first-account screens, and the locked screen. Nothing of the records shows on
/// them: the header names the program only, the body the fields; passwords show as dots.
enum SignInView {
    static let labelWidth = 12
    static let fieldWidth = 30

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let form = state.signIn else { return }
        let s = state.strings
        let left = max(area.x + 2, (area.width - labelWidth - fieldWidth) / 2)
        let hint = form.mode == .firstAccount ? wrap(s[.signInFirstHint], width: labelWidth + fieldWidth) : []
        // Title, hint, fields and a line of message: raised when that would not fit below the usual top.
        let height = 2 + (hint.isEmpty ? 0 : hint.count + 1) + 2 * form.fields.count + 1
        var y = area.y + max(1, min(area.height / 2 - 6, (area.height - height) / 2))
        let title = form.mode == .signIn ? s[.signInTitle] : s[.signInFirstTitle]
        buffer.put(title, x: left, y: y, style: Theme.title)
        y += 2
        if form.mode == .firstAccount {
            for line in hint {
                buffer.put(line, x: left, y: y, style: Theme.hint)
                y += 1
            }
            y += 1
        }
        for field in form.fields {
            let label: StringKey
            switch field {
            case .name: label = .signInName
            case .password: label = .signInPassword
            case .again: label = .signInAgain
            case .community: label = .signInCommunity
            }
            buffer.put(s[label], x: left, y: y, style: Theme.label, maxWidth: labelWidth - 1)
            let value = form[field]
            let secret = field == .password || field == .again
            let shown = !secret ? value : TextField(String(repeating: "•", count: value.characters.count),
                                                    cursor: value.cursor)
            let (text, col) = shown.visible(width: fieldWidth)
            buffer.putPadded(text, x: left + labelWidth, y: y, width: fieldWidth, style: Style(underline: true))
            if field == form.focus, !form.checking { buffer.cursor = (left + labelWidth + col, y) }
            y += 2
        }
        if form.checking {
            buffer.put(s[.signInChecking], x: left, y: y, style: Theme.hint)
        } else if let error = form.error {
            for line in wrap(error, width: area.width - left - 2) {
                buffer.put(line, x: left, y: y, style: Theme.error)
                y += 1
            }
        } else if form.mode == .signIn {
            buffer.put(s[.signInHint], x: left, y: y, style: Theme.hint)
        }
    }

    /// The locked screen: only the lock's own words and the password field.
    static func renderLock(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        guard let lock = state.lock else { return }
        let s = state.strings
        let left = max(area.x + 2, (area.width - labelWidth - fieldWidth) / 2)
        var y = area.y + max(1, area.height / 2 - 4)
        buffer.put(s[.lockTitle], x: left, y: y, style: Theme.title)
        y += 2
        if state.accountsInUse {
            buffer.put(s.format(.lockPassword, state.principal.name), x: left, y: y, style: Theme.label)
            y += 1
            let shown = TextField(String(repeating: "•", count: lock.password.characters.count), cursor: lock.password.cursor)
            let (text, col) = shown.visible(width: fieldWidth)
            buffer.putPadded(text, x: left, y: y, width: fieldWidth, style: Style(underline: true))
            if !lock.checking { buffer.cursor = (left + col, y) }
        } else {
            buffer.put(s[.lockPressEnter], x: left, y: y, style: Theme.label)
        }
        y += 2
        if lock.checking {
            buffer.put(s[.signInChecking], x: left, y: y, style: Theme.hint)
        } else if let error = lock.error {
            for line in wrap(error, width: area.width - left - 2) {
                buffer.put(line, x: left, y: y, style: Theme.error)
                y += 1
            }
        } else {
            buffer.put(s[.lockKept], x: left, y: y, style: Theme.hint)
        }
    }

    /// Words (or, in Chinese, characters) broken into lines of at most `width` columns.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for ch in text {
            if TextWidth.of(line) + TextWidth.of(ch) > max(10, width) {
                if ch != " ", let space = line.lastIndex(of: " "), line.unicodeScalars.allSatisfy({ $0.isASCII }) {
                    lines.append(String(line[..<space]))
                    line = String(line[line.index(after: space)...])
                } else {
                    lines.append(line)
                    line = ""
                }
            }
            if !(line.isEmpty && ch == " ") { line.append(ch) }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
