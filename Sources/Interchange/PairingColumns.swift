import Domain

/// A column of the pairings spreadsheet (结对名单). The child is found by 儿童身份证号 (or, without one,
/// by 儿童姓名 and 出生日期), the mentor by 帮扶人电话; the names are read only to catch mistyped numbers.
public enum PairingColumn: String, SheetColumn {
    case childName = "child_name"
    case childIDNumber = "child_id_number"
    /// Written only for children without an ID number: with the name it identifies them.
    case childBirthDate = "child_birth_date"
    case mentorName = "mentor_name"
    case mentorPhone = "mentor_phone"
    case role = "pair_role"
    case start = "start_date"
    case end = "end_date"
    case endReason = "end_reason"
    /// 超额理由: the coordinator's reason for pairing beyond the mentor's capacity.
    case overrideReason = "override_reason"

    public var header: String {
        switch self {
        case .childName: return "儿童姓名"
        case .childIDNumber: return "儿童身份证号"
        case .childBirthDate: return "出生日期"
        case .mentorName: return "帮扶人姓名"
        case .mentorPhone: return "帮扶人电话"
        case .role: return "结对角色"
        case .start: return "开始日期"
        case .end: return "结束日期"
        case .endReason: return "结束原因"
        case .overrideReason: return "超额理由"
        }
    }

    public var englishName: String {
        switch self {
        case .childName: return "child name"
        case .childIDNumber: return "child ID number"
        case .childBirthDate: return "birth date"
        case .mentorName: return "mentor name"
        case .mentorPhone: return "mentor phone"
        case .role: return "pair role"
        case .start: return "start date"
        case .end: return "end date"
        case .endReason: return "end reason"
        case .overrideReason: return "override reason"
        }
    }

    public var aliases: [String] {
        switch self {
        case .childName: return ["姓名", "学生姓名", "留守儿童姓名", "留守儿童", "儿童", "结对儿童", "帮扶对象", "child", "childname", "name"]
        case .childIDNumber: return ["身份证号", "身份证号码", "儿童身份证号码", "公民身份号码", "身份证", "证件号码", "childid", "idnumber", "id"]
        case .childBirthDate: return ["儿童出生日期", "出生年月日", "生日", "birthdate", "dateofbirth", "dob"]
        case .mentorName: return ["帮扶人", "结对人", "结对人姓名", "帮扶责任人", "爱心辅导员", "辅导员", "mentor", "mentorname"]
        case .mentorPhone: return ["帮扶人联系电话", "帮扶人手机", "结对人电话", "联系电话", "电话", "手机", "手机号码", "mentorphone", "phone"]
        case .role: return ["角色", "帮扶角色", "结对类型", "帮扶类型", "结对方式", "pairrole", "role"]
        case .start: return ["结对日期", "结对时间", "开始时间", "起始日期", "start", "startdate", "since"]
        case .end: return ["结束时间", "终止日期", "解除日期", "end", "enddate", "until"]
        case .endReason: return ["终止原因", "解除原因", "endreason"]
        case .overrideReason: return ["超额原因", "超出上限理由", "超额结对理由", "overridereason", "override"]
        }
    }

    public static var identityColumn: PairingColumn { .childIDNumber }

    /// Derived or descriptive columns some sheets carry.
    public static var ignoredHeaders: Set<String> { ["帮扶人角色", "帮扶人身份", "所属网格", "网格", "学校", "班级", "mentorrole"] }
}

/// How the pairings spreadsheet writes pair roles and end reasons, and the words read back.
///
/// The words written are the `prole.*` and `pend.*` names of the zh-Hans catalog (a test checks them).
public enum PairingValues {
    public static func label(_ role: PairRole) -> String {
        switch role {
        case .primary: return "一对一帮扶"
        case .classTeacher: return "班主任"
        case .studentHelper: return "学习帮手"
        }
    }

    public static func label(_ reason: PairingEndReason) -> String {
        switch reason {
        case .mentorLeft: return "帮扶人离开"
        case .childArchived: return "儿童归档"
        case .reassigned: return "改派"
        case .childMoved: return "儿童迁出"
        case .other: return "其他"
        }
    }

    static let roleWords: [String: PairRole] = table([
        .primary: ["一对一帮扶", "一对一", "一帮一", "主帮扶人", "一对一结对", "结对帮扶", "爱心辅导员", "primary mentor", "primary"],
        .classTeacher: ["班主任", "班主任老师", "class teacher", "classteacher", "teacher"],
        .studentHelper: ["学习帮手", "优秀学生", "小帮手", "student helper", "studenthelper", "student"],
    ])

    static let endReasonWords: [String: PairingEndReason] = table([
        .mentorLeft: ["帮扶人离开", "帮扶人离岗", "帮扶人退出", "mentor left", "mentorleft"],
        .childArchived: ["儿童归档", "档案归档", "已归档", "child archived", "childarchived"],
        .reassigned: ["改派", "重新结对", "更换帮扶人", "reassigned"],
        .childMoved: ["儿童迁出", "迁出", "转学", "child moved", "childmoved"],
        .other: ["其他", "其它", "other"],
    ])

    private static func table<T: RawRepresentable & Hashable>(_ words: [T: [String]]) -> [String: T] where T.RawValue == String {
        var table: [String: T] = [:]
        for (value, list) in words {
            for word in list + [value.rawValue] { table[MentorValues.wordKey(word)] = value }
        }
        return table
    }

    static func role(_ raw: String) -> PairRole? { roleWords[MentorValues.wordKey(raw)] }
    static func endReason(_ raw: String) -> PairingEndReason? { endReasonWords[MentorValues.wordKey(raw)] }
}
