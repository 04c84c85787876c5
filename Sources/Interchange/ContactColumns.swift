import Domain

/// A column of the contacts spreadsheet (帮扶记录). The child is found by 儿童身份证号 (or, without one,
/// by 儿童姓名 and 出生日期), the mentor by 帮扶人电话; the names are read only to catch mistyped numbers.
public enum ContactColumn: String, SheetColumn {
    case childName = "child_name"
    case childIDNumber = "child_id_number"
    /// Written only for children without an ID number: with the name it identifies them.
    case childBirthDate = "child_birth_date"
    case mentorName = "mentor_name"
    case mentorPhone = "mentor_phone"
    case kind
    case date
    case place
    case summary
    case concerns
    case followUp = "follow_up"

    public var header: String {
        switch self {
        case .childName: return "儿童姓名"
        case .childIDNumber: return "儿童身份证号"
        case .childBirthDate: return "出生日期"
        case .mentorName: return "帮扶人姓名"
        case .mentorPhone: return "帮扶人电话"
        case .kind: return "类型"
        case .date: return "日期"
        case .place: return "地点"
        case .summary: return "摘要"
        case .concerns: return "关注事项"
        case .followUp: return "跟进"
        }
    }

    public var englishName: String {
        switch self {
        case .childName: return "child name"
        case .childIDNumber: return "child ID number"
        case .childBirthDate: return "birth date"
        case .mentorName: return "mentor name"
        case .mentorPhone: return "mentor phone"
        case .kind: return "kind"
        case .date: return "date"
        case .place: return "place"
        case .summary: return "summary"
        case .concerns: return "concerns"
        case .followUp: return "follow-up"
        }
    }

    public var aliases: [String] {
        switch self {
        case .childName: return ["姓名", "学生姓名", "留守儿童姓名", "留守儿童", "儿童", "结对儿童", "帮扶对象", "child", "childname", "name"]
        case .childIDNumber: return ["身份证号", "身份证号码", "儿童身份证号码", "公民身份号码", "身份证", "证件号码", "childid", "idnumber", "id"]
        case .childBirthDate: return ["儿童出生日期", "出生年月日", "生日", "birthdate", "dateofbirth", "dob"]
        case .mentorName: return ["帮扶人", "结对人", "结对人姓名", "帮扶责任人", "爱心辅导员", "辅导员", "mentor", "mentorname"]
        case .mentorPhone: return ["帮扶人联系电话", "帮扶人手机", "结对人电话", "联系电话", "电话", "手机", "手机号码", "mentorphone", "phone"]
        case .kind: return ["帮扶类型", "帮扶方式", "帮扶形式", "记录类型", "活动类型", "方式", "形式", "类别", "type", "contactkind"]
        case .date: return ["记录日期", "走访日期", "帮扶日期", "联系日期", "谈心日期", "时间", "走访时间", "帮扶时间", "联系时间",
                            "contactdate", "when"]
        case .place: return ["走访地点", "帮扶地点", "谈心地点", "location", "where"]
        case .summary: return ["内容", "情况", "帮扶内容", "走访情况", "帮扶情况", "谈话内容", "谈心内容", "主要内容", "记录内容",
                               "情况记录", "content"]
        case .concerns: return ["关注", "关注问题", "发现问题", "存在问题", "主要问题", "flags"]
        case .followUp: return ["跟进措施", "跟进事项", "跟进情况", "后续跟进", "后续措施", "下一步", "下步措施", "followup", "nextsteps"]
        }
    }

    public static var identityColumn: ContactColumn { .childIDNumber }

    /// Derived or descriptive columns some registers carry.
    public static var ignoredHeaders: Set<String> { ["帮扶人角色", "帮扶人身份", "所属网格", "网格", "学校", "班级", "mentorrole"] }
}

/// How the contacts spreadsheet writes concerns (关注事项), and the words read back. Kinds are written
/// with `ContactKind.sheetName` and read with `ContactKind(sheet:)`.
public enum ContactValues {
    /// Longest place and follow-up note read from a file.
    public static let maxTextLength = ChildValidation.maxTextLength
    /// Longest summary read from a file (a visit's account may run to a paragraph).
    public static let maxSummaryLength = 1000

    public static func label(_ concern: Concern) -> String {
        switch concern {
        case .safety: return "安全"
        case .health: return "健康"
        case .schooling: return "学业"
        case .guardianship: return "监护"
        case .emotional: return "情绪"
        }
    }

    /// Concerns as the sheet writes them: `安全、健康`, in `Concern.allCases` order.
    public static func concernsText(_ concerns: [Concern]) -> String {
        concerns.map(label).joined(separator: "、")
    }

    static let concernWords: [String: Concern] = {
        let words: [Concern: [String]] = [
            .safety: ["安全", "安全隐患", "人身安全"],
            .health: ["健康", "身体", "身体健康", "疾病"],
            .schooling: ["学业", "学习", "上学", "学业问题"],
            .guardianship: ["监护", "监护问题", "监护缺失"],
            .emotional: ["情绪", "心理", "情感", "心理健康", "emotion"],
        ]
        var table: [String: Concern] = [:]
        for (concern, list) in words {
            for word in list + [concern.rawValue] { table[MentorValues.wordKey(word)] = concern }
        }
        return table
    }()

    /// The concerns a cell names (separated by `、`, commas, semicolons, slashes or spaces), and the
    /// first word naming none (the row is then rejected). `无` alone means none.
    public static func concerns(_ raw: String) -> (concerns: [Concern], unknown: String?) {
        var found: Set<Concern> = []
        for part in raw.split(whereSeparator: { "、,，;；/|　 ".contains($0) }) {
            let word = String(part)
            if let c = concernWords[MentorValues.wordKey(word)] {
                found.insert(c)
            } else if !["无", "没有", "none"].contains(word.lowercased()) {
                return ([], word)
            }
        }
        return (Concern.allCases.filter(found.contains), nil)
    }
}
