import Foundation

/// Reading values the way people type them in forms and spreadsheets (Chinese or English words,
/// the date formats Excel and WPS write). Shared by the entry forms and the importers.
public enum FieldParsing {
    /// `2026-09-01`, `20260901`, `2026/9/1`, `2026.9.1`, `2026年9月1日`.
    public static func date(_ raw: String) -> LocalDate? {
        let t = raw.trimmingWhitespace
        if let d = LocalDate(parsing: t) { return d }
        var s = t.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: "").replacingOccurrences(of: "/", with: "-")
            .replacingOccurrences(of: ".", with: "-")
        if s.hasSuffix("-") { s.removeLast() }
        return LocalDate(parsing: s)
    }

    /// Why `raw` is not a date: `.noSuchDate` when it is written as one (`2015-02-30`, `20191345`,
    /// `2015年2月30日`) of a year Shouhu takes (1900–2199) but that day or month does not exist, else
    /// `.date` (not written as a date at all).
    public static func dateProblem(_ raw: String) -> FieldProblem {
        let t = raw.trimmingWhitespace
        var s = t.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "-")
            .replacingOccurrences(of: "日", with: "").replacingOccurrences(of: "/", with: "-")
            .replacingOccurrences(of: ".", with: "-")
        if s.hasSuffix("-") { s.removeLast() }
        var parts = s.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1, s.count == 8 {
            parts = [String(s.prefix(4)), String(s.dropFirst(4).prefix(2)), String(s.suffix(2))]
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1900...2199).contains(y),
              LocalDate(year: y, month: m, day: d) == nil else { return .date }
        return .noSuchDate(year: y, month: m, day: d)
    }

    /// `男`/`女`, `male`/`female`, `M`/`F`.
    public static func sex(_ raw: String) -> Sex? {
        switch raw.trimmingWhitespace.lowercased() {
        case "男", "男性", "m", "male", "boy": return .male
        case "女", "女性", "f", "female", "girl": return .female
        default: return Sex(rawValue: raw)
        }
    }

    static let relationWords: [String: GuardianRelation] = [
        "爷爷": .paternalGrandfather, "祖父": .paternalGrandfather,
        "奶奶": .paternalGrandmother, "祖母": .paternalGrandmother,
        "外公": .maternalGrandfather, "外祖父": .maternalGrandfather, "姥爷": .maternalGrandfather,
        "外婆": .maternalGrandmother, "外祖母": .maternalGrandmother, "姥姥": .maternalGrandmother,
        "父亲": .father, "爸爸": .father, "父子": .father, "父女": .father,
        "母亲": .mother, "妈妈": .mother, "母子": .mother, "母女": .mother,
        "叔叔": .uncleOrAunt, "伯伯": .uncleOrAunt, "伯父": .uncleOrAunt, "叔父": .uncleOrAunt, "姑姑": .uncleOrAunt,
        "舅舅": .uncleOrAunt, "阿姨": .uncleOrAunt, "姨妈": .uncleOrAunt, "婶婶": .uncleOrAunt, "叔伯姑姨": .uncleOrAunt,
        "哥哥": .sibling, "姐姐": .sibling, "兄": .sibling, "姐": .sibling, "兄姐": .sibling,
        "其他亲属": .otherRelative, "亲属": .otherRelative, "亲戚": .otherRelative,
        "其他": .other, "邻居": .other, "老师": .other, "委托人": .other,
    ]

    /// `奶奶`, `祖母`, `外婆`, `paternal_grandmother`, …
    public static func relation(_ raw: String) -> GuardianRelation? {
        let t = raw.trimmingWhitespace
        return relationWords[t] ?? GuardianRelation(rawValue: t.lowercased())
    }

    /// `父母均外出`/`双亲外出`, `父亲外出`, `母亲外出`, or the stored words.
    public static func leftBehindType(_ raw: String) -> LeftBehindType? {
        let t = raw.trimmingWhitespace
        switch t {
        case "父母均外出", "双亲外出", "父母外出", "父母双方外出", "双方外出", "both": return .bothAway
        case "父亲外出", "父外出", "单亲外出（父）", "father": return .fatherAway
        case "母亲外出", "母外出", "单亲外出（母）", "mother": return .motherAway
        default: return LeftBehindType(rawValue: t.lowercased())
        }
    }

    /// `是`/`否`, `有`/`无`, `Y`/`N`, `yes`/`no`, `1`/`0`, `√`; empty is nil.
    public static func yesNo(_ raw: String) -> Bool? {
        switch raw.trimmingWhitespace.lowercased() {
        case "是", "有", "y", "yes", "true", "1", "√", "✓", "已告知", "已": return true
        case "否", "无", "没有", "n", "no", "false", "0", "×", "未告知", "未": return false
        default: return nil
        }
    }
}
