import Domain

/// A column of the mentors spreadsheet (帮扶人名册). Raw values are the `mf.*` keys of the string
/// catalogs, so messages name the columns as the mentor form does.
public enum MentorColumn: String, SheetColumn {
    case name
    case role
    case phone
    case grid
    case organisation
    case capacity
    /// 状态: 在册 / 已离开.
    case status
    /// 离开日期.
    case leftOn = "left_on"

    /// The export's header; the first six are the `mf.*` names of the zh-Hans catalog.
    public var header: String {
        switch self {
        case .name: return "姓名"
        case .role: return "角色"
        case .phone: return "联系电话"
        case .grid: return "所属网格"
        case .organisation: return "单位"
        case .capacity: return "可结对人数"
        case .status: return "状态"
        case .leftOn: return "离开日期"
        }
    }

    public var englishName: String {
        switch self {
        case .name: return "name"
        case .role: return "role"
        case .phone: return "phone"
        case .grid: return "grid"
        case .organisation: return "unit"
        case .capacity: return "capacity"
        case .status: return "status"
        case .leftOn: return "left on"
        }
    }

    public var aliases: [String] {
        switch self {
        case .name: return ["帮扶人姓名", "帮扶人", "结对人", "结对人姓名", "志愿者姓名", "辅导员姓名", "爱心辅导员", "帮扶责任人",
                            "mentor", "mentorname", "fullname"]
        case .role: return ["身份", "类别", "类型", "帮扶人类型", "帮扶人身份", "人员类别", "mentorrole", "type"]
        case .phone: return ["电话", "手机", "手机号", "手机号码", "联系方式", "帮扶人电话", "联系手机", "mobile", "tel", "telephone"]
        case .grid: return ["网格", "所在网格", "村组", "所属村组", "村民小组", "组别"]
        case .organisation: return ["工作单位", "所在单位", "所属单位", "单位名称", "单位或学校", "工作单位或学校",
                                    "organization", "organisation", "employer", "workplace"]
        case .capacity: return ["结对上限", "可帮扶人数", "帮扶上限", "上限", "最多结对人数", "可结对数", "limit", "maxchildren"]
        case .status: return ["在册状态", "帮扶人状态", "state"]
        case .leftOn: return ["退出日期", "离开时间", "离岗日期", "leftdate", "lefton", "left"]
        }
    }

    public static var identityColumn: MentorColumn { .phone }

    /// The load (已结对人数) is counted, never read; numbering is ignored as for the roster.
    public static var ignoredHeaders: Set<String> { ["已结对人数", "当前结对", "结对人数", "load"] }
}

/// How the mentor spreadsheet writes roles and status, and the words read back.
///
/// The role words are the `mrole.*` names of the zh-Hans catalog (a test checks them); the reader
/// also takes the usual names in community sheets, the English names of the en catalog and the raw values.
public enum MentorValues {
    public static func label(_ role: MentorRole) -> String {
        switch role {
        case .caringMother: return "爱心妈妈"
        case .proxyParent: return "代理家长"
        case .volunteer: return "志愿者"
        case .teacher: return "班主任/教师"
        case .studentHelper: return "学习帮手"
        case .childDirector: return "儿童主任"
        case .socialWorker: return "社工"
        }
    }

    public static func label(_ status: MentorStatus) -> String { status == .active ? "在册" : "已离开" }

    static let roleWords: [String: MentorRole] = {
        var table: [String: MentorRole] = [:]
        let words: [MentorRole: [String]] = [
            .caringMother: ["爱心妈妈", "代理妈妈", "caring mother", "caringmother"],
            .proxyParent: ["代理家长", "爱心家长", "代理爸爸", "proxy parent", "proxyparent"],
            .volunteer: ["志愿者", "爱心志愿者", "青年志愿者", "爱心辅导员", "辅导员", "volunteer"],
            .teacher: ["班主任/教师", "班主任", "教师", "老师", "班主任教师", "任课教师", "teacher", "class teacher"],
            .studentHelper: ["学习帮手", "优秀学生", "学生", "小帮手", "student helper", "studenthelper", "student"],
            .childDirector: ["儿童主任", "村儿童主任", "社区儿童主任", "child director", "childdirector"],
            .socialWorker: ["社工", "社会工作者", "社工师", "social worker", "socialworker"],
        ]
        for (role, list) in words {
            for word in list + [role.rawValue] { table[wordKey(word)] = role }
        }
        return table
    }()

    /// Words compared without spaces, `_`, `-`, `／`, case.
    static func wordKey(_ raw: String) -> String {
        String(RosterValues.asciiForm(raw, keepSpaces: false).lowercased().filter { !"_-".contains($0) })
    }

    static func role(_ raw: String) -> MentorRole? { roleWords[wordKey(raw)] }

    static func status(_ raw: String) -> MentorStatus? {
        switch wordKey(raw) {
        case "在册", "在岗", "在职", "正常", "active": return .active
        case "已离开", "离开", "已退出", "退出", "离岗", "left": return .left
        default: return nil
        }
    }

    /// `2`, `２`, `2人`, `2名`; nil for anything else.
    static func capacity(_ raw: String) -> Int? {
        var s = RosterValues.asciiForm(raw, keepSpaces: false)
        if s.hasSuffix("人") || s.hasSuffix("名") { s.removeLast() }
        guard let n = Int(s), (0...10_000).contains(n) else { return nil }
        return n
    }
}
