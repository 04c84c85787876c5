import Domain

/// How values are written in the roster and cleaned up when read.
///
/// The Chinese words are those of the zh-Hans catalog (`sex.*`, `relation.*`, `type.*`,
/// `value.yes`/`value.no`, `status.*`, `archive.*`; a test checks them), and `FieldParsing` reads
/// every one of them back, so an export imports unchanged.
public enum RosterValues {
    public static func label(_ sex: Sex) -> String { sex == .male ? "男" : "女" }

    public static func label(_ r: GuardianRelation) -> String {
        switch r {
        case .paternalGrandfather: return "爷爷"
        case .paternalGrandmother: return "奶奶"
        case .maternalGrandfather: return "外公"
        case .maternalGrandmother: return "外婆"
        case .father: return "父亲"
        case .mother: return "母亲"
        case .uncleOrAunt: return "叔伯姑姨"
        case .sibling: return "兄姐"
        case .otherRelative: return "其他亲属"
        case .other: return "其他"
        }
    }

    public static func label(_ t: LeftBehindType) -> String {
        switch t {
        case .bothAway: return "父母均外出"
        case .fatherAway: return "父亲外出"
        case .motherAway: return "母亲外出"
        }
    }

    public static func label(_ b: Bool) -> String { b ? "是" : "否" }

    public static func label(_ s: ChildStatus) -> String { s == .active ? "在册" : "已归档" }

    public static func label(_ r: ArchiveReason) -> String {
        switch r {
        case .turned16: return "年满16周岁"
        case .parentReturned: return "父母返乡"
        case .movedAway: return "迁出"
        case .other: return "其他"
        }
    }

    static func status(_ raw: String) -> ChildStatus? {
        switch raw.lowercased() {
        case "在册", "在档", "active": return .active
        case "已归档", "归档", "archived": return .archived
        default: return nil
        }
    }

    static func archiveReason(_ raw: String) -> ArchiveReason? {
        if let r = ArchiveReason.allCases.first(where: { label($0) == raw }) { return r }
        switch raw.lowercased() {
        case "年满16岁", "满16周岁", "已满16周岁": return .turned16
        case "父母回乡", "父母返家", "父母返乡照料": return .parentReturned
        case "迁走", "搬迁", "转学": return .movedAway
        default: return ArchiveReason(rawValue: raw.lowercased())
        }
    }

    static let ethnicGroups: Set<String> = ["汉", "回", "苗", "壮", "藏", "彝", "侗", "瑶", "白", "满", "蒙古", "土家", "布依",
                                            "维吾尔", "哈尼", "傣", "黎", "傈僳", "佤", "畲", "水", "纳西", "羌", "土", "仡佬",
                                            "锡伯", "朝鲜", "哈萨克", "仫佬", "毛南", "京", "拉祜", "景颇", "达斡尔"]

    /// `汉` → `汉族` for the usual short forms; anything else as written.
    static func ethnicity(_ raw: String) -> String {
        ethnicGroups.contains(raw) ? raw + "族" : raw
    }

    /// An ID or phone number as spreadsheets mangle it: full-width digits (`１３９…`), spaces,
    /// a leading `'` (Excel's "text" marker) or an `="…"` wrapper (a common anti-Excel trick).
    static func numberText(_ raw: String) -> String {
        guard !raw.isEmpty else { return raw }
        var s = raw
        if s.utf8.first == UInt8(ascii: "="), s.hasPrefix("=\""), s.hasSuffix("\""), s.count >= 3 {
            s = String(s.dropFirst(2).dropLast())
        }
        if s.utf8.first == UInt8(ascii: "'") || (s.utf8.first == 0xE2 && (s.hasPrefix("‘") || s.hasPrefix("’"))) { s.removeFirst() }
        if s.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x20 && $0 != 0x09 }) { return s }
        return asciiForm(s, keepSpaces: false)
    }

    /// Full-width ASCII (`１３９`, `／`) as ASCII; white space dropped unless `keepSpaces`.
    static func asciiForm(_ s: String, keepSpaces: Bool) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }), keepSpaces { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(u.value), let ascii = Unicode.Scalar(u.value - 0xFEE0) {
                out.append(ascii)
            } else if keepSpaces || !u.properties.isWhitespace {
                out.append(u)
            }
        }
        return String(out)
    }

    /// A phone number: cleaned as above; `139-1234-5678` becomes `13912345678` when that is a mobile.
    static func phone(_ raw: String) -> String {
        let s = numberText(raw)
        if s.utf8.contains(UInt8(ascii: "-")) {
            let digits = s.replacingOccurrences(of: "-", with: "")
            if Phone.isMobile(digits) { return digits }
        }
        return s
    }

    /// Dates as spreadsheets write them: what `FieldParsing.date` reads, a time Excel appended
    /// (`2015/3/7 0:00`), or an Excel serial day number (`42070`) from a cell formatted as General.
    static func date(_ raw: String) -> LocalDate? {
        let s = asciiForm(raw, keepSpaces: true)
        if let d = FieldParsing.date(s) { return d }
        if let space = s.firstIndex(of: " "), let d = FieldParsing.date(String(s[..<space])) { return d }
        if s.count == 5, let serial = Int(s), (20_000...80_000).contains(serial) {
            return LocalDate(dayNumber: serial - 25_569) // serial 25569 is 1970-01-01
        }
        return nil
    }

    /// A year and month only (`出生年月`): `2015.03`, `2015-3`, `2015/03`, `2015年3月`, `201503`.
    static func yearMonth(_ raw: String) -> (year: Int, month: Int)? {
        var s = asciiForm(raw, keepSpaces: false)
        if s.hasSuffix("月") { s.removeLast() }
        let parts = s.split(whereSeparator: { ".-/年".contains($0) })
        let y: Int?, m: Int?
        if parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count) {
            y = Int(parts[0]); m = Int(parts[1])
        } else if parts.count == 1, s.count == 6 {
            y = Int(s.prefix(4)); m = Int(s.suffix(2))
        } else {
            return nil
        }
        guard let y, let m, (1900...2199).contains(y), (1...12).contains(m) else { return nil }
        return (y, m)
    }
}
