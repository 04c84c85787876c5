import Foundation

/// Pinyin search keys for a Chinese name, computed once when a record is written.
///
///     PinyinKeys(name: "曾小明").full      // "zengxiaoming"
///     PinyinKeys(name: "曾小明").initials  // "zxm"
public struct PinyinKeys: Hashable, Sendable {
    /// Toneless pinyin syllables joined without spaces, lowercase ("zhangsan").
    public let full: String
    /// First letter of each syllable ("zs").
    public let initials: String
    /// Syllables separated by spaces, for sorting ("zhang san").
    public let spaced: String

    /// ICU's Mandarin transliteration reads surnames with their common reading, which is wrong for
    /// polyphonic surnames; no Foundation API knows "this is a surname", so this table corrects the
    /// first character(s) of a name. Two-character compound surnames come first.
    static let surnameReadings: [(String, [String])] = [
        ("尉迟", ["yu", "chi"]), ("万俟", ["mo", "qi"]), ("单于", ["chan", "yu"]),
        ("曾", ["zeng"]), ("单", ["shan"]), ("仇", ["qiu"]), ("解", ["xie"]), ("区", ["ou"]),
        ("查", ["zha"]), ("朴", ["piao"]), ("盖", ["ge"]), ("乐", ["yue"]), ("缪", ["miao"]),
        ("繁", ["po"]), ("覃", ["qin"]), ("员", ["yun"]), ("召", ["shao"]), ("种", ["chong"]),
        ("秘", ["bi"]), ("冼", ["xian"]), ("翟", ["zhai"]), ("尉", ["wei"]), ("折", ["she"]),
        ("洗", ["xian"]), ("隗", ["wei"]), ("能", ["nai"]), ("阚", ["kan"]), ("长孙", ["zhang", "sun"]),
    ]

    /// First scalars of the table's surnames: only names starting with one are looked up in it.
    static let surnameFirstScalars = Set(surnameReadings.compactMap { $0.0.unicodeScalars.first?.value })

    /// Keys for `name`, transliterating one character at a time through `syllables`
    /// (pass a caching closure when computing many names).
    public init(name: String, syllables: (Character) -> [String] = { PinyinKeys.syllables(of: String($0)) }) {
        let transliterate = syllables
        var full = "", spaced = "", initials = ""
        var count = 0
        func add(_ syllable: String) {
            full += syllable
            if count > 0 { spaced += " " }
            spaced += syllable
            if let f = syllable.first { initials.append(f) }
            count += 1
        }
        var rest = name.unicodeScalars.contains(where: \.properties.isWhitespace) ? Substring(name.filter { !$0.isWhitespace })
                                                                                    : Substring(name)
        // The table is consulted only for names whose first scalar starts a listed surname (or is a
        // CJK compatibility ideograph, which may equal one).
        if let first = rest.unicodeScalars.first?.value,
           Self.surnameFirstScalars.contains(first) || (0xF900...0xFAFF).contains(first) || (0x2F800...0x2FA1F).contains(first),
           let (surname, readings) = PinyinKeys.surnameReadings.first(where: { rest.hasPrefix($0.0) }) {
            readings.forEach(add)
            rest = rest.dropFirst(surname.count)
        }
        for ch in rest {
            transliterate(ch).forEach(add)
        }
        self.full = full
        self.spaced = spaced
        self.initials = initials
    }

    /// Toneless lowercase syllables of a string, via ICU (`Latin-ASCII` after `Han-Latin`).
    public static func syllables(of text: String) -> [String] {
        guard let latin = text.applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false) else { return [text.lowercased()] }
        return latin.lowercased().split(separator: " ").map(String.init)
    }
}
