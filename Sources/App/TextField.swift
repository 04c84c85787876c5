import TerminalUI

/// A single-line text being edited, by characters (grapheme clusters), so a Han character is one
/// step of the cursor and one Backspace, whatever its width on screen.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    /// Index of the character the cursor is before (0...count).
    public private(set) var cursor: Int

    public init(_ text: String = "", cursor: Int? = nil) {
        characters = Array(text)
        // Clamped both ways: a draft read back from the database may hold anything.
        self.cursor = max(0, min(cursor ?? characters.count, characters.count))
    }

    public var text: String { String(characters) }

    public mutating func insert(_ c: Character) {
        characters.insert(c, at: cursor)
        cursor += 1
    }

    public mutating func insert(_ s: String) { for c in s { insert(c) } }

    /// Removes the character before the cursor. Returns false when there was none.
    @discardableResult public mutating func backspace() -> Bool {
        guard cursor > 0 else { return false }
        characters.remove(at: cursor - 1)
        cursor -= 1
        return true
    }

    /// Removes the character under the cursor.
    @discardableResult public mutating func delete() -> Bool {
        guard cursor < characters.count else { return false }
        characters.remove(at: cursor)
        return true
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(characters.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = characters.count }
    public mutating func clear() { characters = []; cursor = 0 }

    public mutating func set(_ text: String) { characters = Array(text); cursor = characters.count }

    /// Display column of the cursor from the start of the text.
    public var cursorColumn: Int { characters[..<cursor].reduce(0) { $0 + TextWidth.of($1) } }

    /// The part of the text to show in `width` columns so the cursor stays visible, and the
    /// cursor's column within it.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        var start = 0
        var col = cursorColumn
        // Scroll right by whole characters until the cursor (plus one cell for it) fits.
        while col > width - 1, start < cursor {
            col -= TextWidth.of(characters[start])
            start += 1
        }
        var shown = ""
        var used = 0
        for ch in characters[start...] {
            let w = TextWidth.of(ch)
            if used + w > width { break }
            shown.append(ch)
            used += w
        }
        return (shown, col)
    }
}

extension TextField: Codable {
    enum CodingKeys: String, CodingKey { case text, cursor }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .text), cursor: try c.decode(Int.self, forKey: .cursor))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(text, forKey: .text)
        try c.encode(cursor, forKey: .cursor)
    }
}
