import Domain

/// Pinyin keys of names already seen, and syllables of characters already seen, for code that
/// computes many names (imports, demo data): ICU's transform costs ~26 µs a call, and a roster
/// repeats names (a child's guardian is asked for twice).
struct PinyinCache {
    private var names: [TextKey: PinyinKeys] = [:]
    /// Syllables by character: single-scalar characters (nearly all) by scalar, cheaper to hash.
    private var scalars: [UInt32: [String]] = [:]
    private var clusters: [Character: [String]] = [:]

    mutating func keys(_ name: String) -> PinyinKeys {
        let key = TextKey(name)
        if let hit = names[key] { return hit }
        let keys = transliterate(name)
        if names.count >= 100_000 { names.removeAll(keepingCapacity: true) }
        names[key] = keys
        return keys
    }

    private mutating func transliterate(_ name: String) -> PinyinKeys {
        var scalars = self.scalars, clusters = self.clusters
        // Keep the dictionaries uniquely referenced while the closure grows them.
        self.scalars = [:]
        self.clusters = [:]
        defer { (self.scalars, self.clusters) = (scalars, clusters) }
        return PinyinKeys(name: name) { ch in
            let s = ch.unicodeScalars
            if let only = s.first, s.index(after: s.startIndex) == s.endIndex {
                if let hit = scalars[only.value] { return hit }
                let syllables = PinyinKeys.syllables(of: String(ch))
                scalars[only.value] = syllables
                return syllables
            }
            if let hit = clusters[ch] { return hit }
            let syllables = PinyinKeys.syllables(of: String(ch))
            clusters[ch] = syllables
            return syllables
        }
    }
}
