import Domain

/// The search keys of a child's row, computed from the record alone (no database): the trimmed
/// name and its pinyin, the upper-case ID number, the `search_extra` haystack and the guardian's
/// `name_pinyin`. Throws for an empty name.
struct ChildKeys: Sendable {
    let name: String
    let pinyin: PinyinKeys
    let idNumber: String?
    let searchExtra: String
    let guardianPinyin: String?

    init(_ c: Child, pinyin cache: inout PinyinCache) throws {
        name = c.name.trimmingWhitespace
        guard !name.isEmpty else { throw StorageError.refused(.emptyName) }
        pinyin = cache.keys(name)
        idNumber = c.idNumber.flatMap { $0.isEmpty ? nil : $0.uppercased() }
        searchExtra = Self.searchExtra(c, idNumber: idNumber, pinyin: &cache)
        guardianPinyin = c.guardian.map { Self.guardianPinyin($0.name, pinyin: &cache) }
    }

    /// A guardian's `name_pinyin` column: full pinyin and initials.
    static func guardianPinyin(_ name: String, pinyin: inout PinyinCache) -> String {
        let keys = pinyin.keys(name)
        return keys.full + " " + keys.initials
    }

    /// The lowercase haystack for "contains" search beyond the name: ID number, guardian name and
    /// its pinyin, and the phone numbers, separated by `|` so no match spans two values.
    static func searchExtra(_ c: Child, idNumber: String?, pinyin: inout PinyinCache) -> String {
        var parts: [String] = []
        if let idNumber { parts.append(idNumber.lowercased()) }
        if let g = c.guardian, !g.name.isEmpty {
            let k = pinyin.keys(g.name)
            parts += [g.name, k.full, k.initials]
            if !g.phone.isEmpty { parts.append(g.phone) }
        }
        parts += [c.father.phone, c.mother.phone].filter { !$0.isEmpty }
        return "|" + parts.joined(separator: "|") + "|"
    }
}
