import Foundation
import GRDB

/// The search-as-you-type clause shared by the roster and the mentor registry. Both tables carry
/// `name`, `name_pinyin`, `name_initials` and a `|`-separated lowercase `search_extra` haystack,
/// all computed when the record is written, so nothing is transliterated per keystroke.
struct NameSearch {
    /// The WHERE condition (to AND with the others) and its arguments.
    var condition: String
    var conditionArguments: [(any DatabaseValueConvertible)?]
    /// The leading ORDER BY terms (exact, then prefix, then contains, then other fields) and arguments.
    var rank: String
    var rankArguments: [(any DatabaseValueConvertible)?]

    /// Nil for an empty search. `alias` is the table alias in the query (`c`, `m`); `extraFragment`
    /// is a second form of the text to look for in `search_extra` (a phone without dashes).
    init?(_ search: String, alias t: String, extraFragment: String? = nil) {
        let q = search.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return nil }
        let esc = "ESCAPE '\\'"
        let latin = q.lowercased().filter { !$0.isWhitespace }
        if latin.allSatisfy({ $0.isASCII && $0.isLetter }) {
            // Pinyin: full or initials, prefix first; or the guardian's pinyin in the haystack.
            let l = AppDatabase.escapeLike(latin)
            condition = """
                (\(t).name_pinyin LIKE ? || '%' \(esc) OR \(t).name_initials LIKE ? || '%' \(esc)
                 OR \(t).name_pinyin LIKE '%' || ? || '%' \(esc) OR \(t).search_extra LIKE '%|' || ? || '%' \(esc))
                """
            conditionArguments = [l, l, l, l]
            rank = """
                CASE WHEN \(t).name_pinyin = ? OR \(t).name_initials = ? THEN 0
                     WHEN \(t).name_pinyin LIKE ? || '%' \(esc) OR \(t).name_initials LIKE ? || '%' \(esc) THEN 1
                     WHEN \(t).name_pinyin LIKE '%' || ? || '%' \(esc) THEN 2 ELSE 3 END,
                """
            rankArguments = [latin, latin, l, l, l]
        } else {
            // Chinese or digits: the name, then ID-number, phone and other fragments.
            let like = AppDatabase.escapeLike(q.lowercased())
            let extra = extraFragment.map(AppDatabase.escapeLike) ?? like
            condition = """
                (\(t).name LIKE '%' || ? || '%' \(esc) OR \(t).search_extra LIKE '%' || ? || '%' \(esc)
                 OR \(t).search_extra LIKE '%' || ? || '%' \(esc))
                """
            conditionArguments = [like, like, extra]
            rank = """
                CASE WHEN \(t).name = ? THEN 0 WHEN \(t).name LIKE ? || '%' \(esc) THEN 1
                     WHEN \(t).name LIKE '%' || ? || '%' \(esc) THEN 2 ELSE 3 END,
                """
            rankArguments = [q, like, like]
        }
    }
}
