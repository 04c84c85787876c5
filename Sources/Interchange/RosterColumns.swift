import Domain

/// A column of a roster spreadsheet: a field of the child file, or one of the few extra columns.
public enum RosterColumn: Hashable, Sendable {
    case field(ChildField)
    /// 档案状态: 在册 / 已归档 (exported with `--include-archived`).
    case status
    /// 归档原因.
    case archiveReason
    /// 归档日期.
    case archivedOn
    /// 年级 in rosters that keep grade and class (班级) apart: joined as `三年级` + `2班`.
    case grade

    /// The field, for columns that are fields of the child file.
    public var field: ChildField? { if case .field(let f) = self { return f } else { return nil } }
}

/// Column names: the Chinese headers of the roster (花名册) and the aliases read on import.
public enum RosterColumns {
    /// The roster's Chinese header for each field. These are the `cf.*` names of the zh-Hans
    /// string catalog (a test checks they stay equal); they live here too because exports are
    /// always in Chinese, whatever the interface language.
    public static func chineseHeader(_ field: ChildField) -> String {
        switch field {
        case .name: return "姓名"
        case .sex: return "性别"
        case .ethnicity: return "民族"
        case .idNumber: return "身份证号"
        case .birthDate: return "出生日期"
        case .school: return "就读学校"
        case .className: return "年级班级"
        case .grid: return "所属网格"
        case .address: return "家庭住址"
        case .guardianName: return "监护人姓名"
        case .guardianRelation: return "与儿童关系"
        case .guardianPhone: return "监护人电话"
        case .guardianNotes: return "监护能力"
        case .fatherName: return "父亲姓名"
        case .fatherWorkPlace: return "父亲务工地"
        case .fatherPhone: return "父亲电话"
        case .motherName: return "母亲姓名"
        case .motherWorkPlace: return "母亲务工地"
        case .motherPhone: return "母亲电话"
        case .leftBehindType: return "留守类型"
        case .hardship: return "是否困境儿童"
        case .dibao: return "是否低保"
        case .disability: return "是否残疾"
        case .health: return "健康状况"
        case .interests: return "兴趣爱好"
        case .careNotice: return "委托照护告知"
        case .careNoticeDate: return "告知日期"
        case .weeklyContact: return "每周与父母联系"
        case .notes: return "备注"
        case .consentDate: return "监护人同意日期"
        case .consentForm: return "同意方式"
        }
    }

    /// Headers of the extra columns written with `--include-archived`.
    public static let statusHeader = "档案状态", archiveReasonHeader = "归档原因", archivedOnHeader = "归档日期"

    /// The header written for a column.
    public static func header(_ column: RosterColumn) -> String {
        switch column {
        case .field(let f): return chineseHeader(f)
        case .status: return statusHeader
        case .archiveReason: return archiveReasonHeader
        case .archivedOn: return archivedOnHeader
        case .grade: return "年级"
        }
    }

    /// Other names seen in community rosters, and the English names of the en catalog.
    static let extraAliases: [ChildField: [String]] = [
        .name: ["儿童姓名", "学生姓名", "留守儿童姓名", "幼儿姓名", "name", "childname", "fullname"],
        .sex: ["sex", "gender"],
        .ethnicity: ["民族成分", "ethnicity", "nation", "nationality"],
        .idNumber: ["身份证号码", "公民身份号码", "居民身份证号码", "身份证", "儿童身份证号", "儿童身份证号码",
                    "证件号码", "idnumber", "idno", "idcard", "id"],
        .birthDate: ["出生年月", "出生年月日", "出生时间", "生日", "dateofbirth", "birthdate", "birthday", "dob"],
        .school: ["学校", "所在学校", "就读学校名称", "school"],
        .className: ["班级", "所在班级", "就读班级", "年级及班级", "class", "classname"],
        .grid: ["网格", "所在网格", "村组", "所属村组", "村民小组", "组别", "grid"],
        .address: ["住址", "家庭地址", "现住址", "居住地址", "家庭详细住址", "address", "homeaddress"],
        .guardianName: ["监护人", "委托监护人", "实际监护人", "现监护人", "guardian", "guardianname"],
        .guardianRelation: ["监护人关系", "监护人与儿童关系", "与监护人关系", "监护关系", "关系", "relationship", "relation"],
        .guardianPhone: ["联系电话", "监护人联系电话", "监护人手机", "联系方式", "电话", "guardianphone", "phone"],
        .guardianNotes: ["监护人情况", "监护人身体状况", "guardiancapacity"],
        .fatherName: ["父亲", "father", "fathername"],
        .fatherWorkPlace: ["父亲务工地点", "父亲务工地址", "父亲打工地点", "父亲工作地", "父亲外出务工地",
                           "fatherworksin", "fatherworkplace"],
        .fatherPhone: ["父亲联系电话", "父亲手机", "fatherphone"],
        .motherName: ["母亲", "mother", "mothername"],
        .motherWorkPlace: ["母亲务工地点", "母亲务工地址", "母亲打工地点", "母亲工作地", "母亲外出务工地",
                           "motherworksin", "motherworkplace"],
        .motherPhone: ["母亲联系电话", "母亲手机", "motherphone"],
        .leftBehindType: ["留守情况", "留守儿童类型", "外出情况", "父母外出情况", "parentsaway", "leftbehindtype", "type"],
        .hardship: ["困境儿童", "是否困境", "indifficulty", "hardship"],
        .dibao: ["低保", "是否低保户", "minimumallowance", "dibao"],
        .disability: ["残疾", "是否残疾儿童", "disability"],
        .health: ["身体状况", "身体健康状况", "health"],
        .interests: ["爱好", "兴趣", "特长", "兴趣特长", "interests", "hobbies"],
        .careNotice: ["是否书面告知", "委托照护书面告知", "书面告知", "carenoticegiven", "carenotice"],
        .careNoticeDate: ["书面告知日期", "carenoticedate"],
        .weeklyContact: ["每周联系", "每周与父母联系一次", "weeklyparentcall", "weeklycontact"],
        .notes: ["备注信息", "其他情况", "notes", "remarks", "remark", "note"],
        .consentDate: ["同意日期", "监护人同意时间", "consentdate"],
        .consentForm: ["同意书", "监护人同意方式", "consentform"],
    ]

    /// Columns read and deliberately ignored (numbering, values derived from other columns).
    static let ignoredHeaders: Set<String> = ["序号", "编号", "no", "no.", "number", "#", "年龄", "age", "周岁"]

    static let aliasTable: [String: RosterColumn] = {
        var table: [String: RosterColumn] = [:]
        for field in ChildField.allCases {
            for alias in [chineseHeader(field), field.rawValue] + (extraAliases[field] ?? []) {
                table[normalize(alias)] = table[normalize(alias)] ?? .field(field)
            }
        }
        for (alias, column) in [("档案状态", RosterColumn.status), ("状态", .status), ("status", .status),
                                ("归档原因", .archiveReason), ("archivereason", .archiveReason),
                                ("归档日期", .archivedOn), ("archivedon", .archivedOn),
                                ("年级", .grade), ("grade", .grade)] {
            table[normalize(alias)] = column
        }
        return table
    }()

    /// Header text as compared: no spaces or `*` required-markers, no trailing note in brackets
    /// (`身份证号码（18位）`), ASCII lowercased without `_`, `-` and spaces (`Date of birth` = `date_of_birth`).
    public static func normalize(_ header: String) -> String {
        var s = header
        for open in ["（", "("] {
            if let r = s.range(of: open), r.lowerBound > s.startIndex { s = String(s[..<r.lowerBound]) }
        }
        return String(s.lowercased().filter { !$0.isWhitespace && !"*＊_-:：".contains($0) })
    }

    /// The column a header names, nil when unknown.
    public static func column(forHeader header: String) -> RosterColumn? { aliasTable[normalize(header)] }

    static func isIgnored(_ header: String) -> Bool { ignoredHeaders.contains(normalize(header)) }
}

/// Which spreadsheet column holds which roster column, read from a header row.
public struct HeaderMap: Equatable, Sendable {
    /// The header row's number.
    public var row: Int
    /// Column index → roster column, for recognised headers (the first of two naming the same column).
    public var columns: [Int: RosterColumn]
    /// Headers that name nothing known (reported, not fatal), with their column index.
    public var unknown: [UnknownColumn]

    public struct UnknownColumn: Equatable, Sendable {
        public var index: Int
        public var header: String
    }

    public init(record: CSVRecord) {
        row = record.row
        columns = [:]
        unknown = []
        var taken: Set<RosterColumn> = []
        for (index, header) in record.fields.enumerated() where !header.isEmpty {
            if let column = RosterColumns.column(forHeader: header), taken.insert(column).inserted {
                columns[index] = column
            } else if !RosterColumns.isIgnored(header) {
                unknown.append(UnknownColumn(index: index, header: header))
            }
        }
    }

    public var hasNameColumn: Bool { columns.values.contains(.field(.name)) }

    /// The header row: the first of the first 20 non-blank records that has a name column
    /// (rosters often start with a title row such as `XX村留守儿童花名册`).
    public static func find(in records: [CSVRecord]) -> HeaderMap? {
        for record in records.lazy.filter({ !$0.isBlank }).prefix(20) {
            let map = HeaderMap(record: record)
            if map.hasNameColumn { return map }
        }
        return nil
    }
}
