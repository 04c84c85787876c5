import Domain

/// A problem found in one column of one row.
public struct ImportIssue: Equatable, Sendable {
    public var column: RosterColumn
    public var problem: FieldProblem

    public init(_ column: RosterColumn, _ problem: FieldProblem) { self.column = column; self.problem = problem }

    /// Blocking problems reject the row; the others are warnings (the row is imported).
    public var isBlocking: Bool { problem.isBlocking }
}

/// One data row of the file after conversion and validation.
public struct ImportRow: Equatable, Sendable {
    /// The spreadsheet row number (see `CSVRecord.row`).
    public var row: Int
    /// The child to save, or nil when a blocking problem rejects the row.
    public var child: Child?
    /// Blocking problems and warnings, in column order.
    public var issues: [ImportIssue]
    /// The name as read (for the report file only; never printed).
    public var name: String

    public var isRejected: Bool { child == nil }
    public var blocking: [ImportIssue] { issues.filter(\.isBlocking) }
    public var warnings: [ImportIssue] { issues.filter { !$0.isBlocking } }
}

/// Turns one record into a `Child` with `FieldParsing`, then checks it with `ChildValidation`.
///
/// Rules beyond those two, for values spreadsheets hold:
/// - birth date and sex, when empty, come from a valid ID number; a year-and-month only
///   (`出生年月` = `2015.03`) takes the day from the ID number (no ID number: rejected);
/// - a guardian with a phone, relation or notes but no name is rejected (监护人姓名 必填); a guardian
///   without relation is the father or mother when the name matches theirs, else its relation stays
///   unknown (nil: the report counts the child under 监护情况未填, never as placed with others);
/// - a class (班级) without a school is rejected (the class belongs to a school);
/// - words a field does not know (`性别` = `未知`) reject the row with `无法识别“未知”`;
/// - 档案状态/归档原因/归档日期, when present, archive the child (reason `其他` when none given).
struct ChildRowConverter {
    let slots: [Int?]          // index in the record for each ChildField (by `fieldOrder`)
    let status: Int?, archiveReason: Int?, archivedOn: Int?, grade: Int?
    let today: LocalDate
    /// Not shared between threads: each converter has its own (see `RosterReader`).
    let memo = ParseMemo()

    static let fieldOrder: [ChildField: Int] = Dictionary(uniqueKeysWithValues: ChildField.allCases.enumerated().map { ($1, $0) })

    init(header: HeaderMap, today: LocalDate) {
        var slots = [Int?](repeating: nil, count: ChildField.allCases.count)
        var extras: [RosterColumn: Int] = [:]
        for (index, column) in header.columns {
            if let f = column.field { slots[Self.fieldOrder[f]!] = index } else { extras[column] = index }
        }
        self.slots = slots
        status = extras[.status]; archiveReason = extras[.archiveReason]; archivedOn = extras[.archivedOn]
        grade = extras[.grade]
        self.today = today
    }

    /// The fields whose values may hold line breaks.
    static let multiline: Set<ChildField> = [.notes, .health, .interests, .guardianNotes]

    func convert(_ record: CSVRecord) -> ImportRow {
        let fields = record.fields
        func at(_ index: Int?) -> String { index.map { $0 < fields.count ? fields[$0] : "" } ?? "" }
        func v(_ f: ChildField) -> String {
            let raw = at(slots[Self.fieldOrder[f]!])
            // A line break inside a cell (Alt+Enter in Excel) stays only in the values that may have
            // lines (notes, health, interests); an address or a name becomes one line, as the screens show it.
            guard raw.utf8.contains(10), !Self.multiline.contains(f) else { return raw }
            return raw.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        }
        var issues: [ImportIssue] = []
        func choice<T>(_ column: RosterColumn, _ raw: String, _ parse: (String) -> T?) -> T? {
            if raw.isEmpty { return nil }
            if let value = parse(raw) { return value }
            issues.append(ImportIssue(column, .choice(raw)))
            return nil
        }
        func pick<T>(_ f: ChildField, _ parse: (String) -> T?) -> T? { choice(.field(f), v(f), parse) }
        func flag(_ f: ChildField) -> Bool { pick(f, memo.yesNo) ?? false }
        func date(_ f: ChildField) -> LocalDate? {
            let raw = v(f)
            if raw.isEmpty { return nil }
            if let d = memo.date(raw) { return d }
            issues.append(ImportIssue(.field(f), FieldParsing.dateProblem(raw)))
            return nil
        }

        let name = v(.name)
        let idText = RosterValues.numberText(v(.idNumber)).uppercased()
        let birthRaw = v(.birthDate), sexRaw = v(.sex)
        let birthRead = birthRaw.isEmpty ? nil : memo.date(birthRaw)
        // The ID number is validated here only when it must fill in the birth date or sex
        // (ChildValidation checks it for every row anyway).
        let id = idText.isEmpty || (birthRead != nil && !sexRaw.isEmpty) ? nil : try? IDNumber.validate(idText)
        var birth: LocalDate?
        if birthRaw.isEmpty {
            birth = id?.birthDate
        } else if let d = birthRead {
            birth = d
        } else if let ym = RosterValues.yearMonth(birthRaw), let id {
            birth = id.birthDate
            if (ym.year, ym.month) != (id.birthDate.year, id.birthDate.month) {
                issues.append(ImportIssue(.field(.birthDate), .birthDateContradictsID(id.birthDate)))
            }
        } else {
            issues.append(ImportIssue(.field(.birthDate), FieldParsing.dateProblem(birthRaw)))
        }
        let sex = sexRaw.isEmpty ? id?.sex : pick(.sex, memo.sex)

        let school = v(.school)
        var className = v(.className)
        let gradeText = at(grade)
        if !gradeText.isEmpty, !className.hasPrefix(gradeText) { className = gradeText + className }
        if school.isEmpty, !className.isEmpty { issues.append(ImportIssue(.field(.school), .required)) }

        let father = Parent(name: v(.fatherName), workPlace: v(.fatherWorkPlace), phone: RosterValues.phone(v(.fatherPhone)))
        let mother = Parent(name: v(.motherName), workPlace: v(.motherWorkPlace), phone: RosterValues.phone(v(.motherPhone)))
        var guardian: Guardian?
        let gName = v(.guardianName), gPhone = RosterValues.phone(v(.guardianPhone)), gNotes = v(.guardianNotes)
        let relationRaw = v(.guardianRelation)
        if !gName.isEmpty || !gPhone.isEmpty || !gNotes.isEmpty || !relationRaw.isEmpty {
            var relation = pick(.guardianRelation, memo.relation)
            if relationRaw.isEmpty, !gName.isEmpty {
                relation = gName == father.name ? .father : (gName == mother.name ? .mother : nil)
            }
            if gName.isEmpty, gPhone.isEmpty { issues.append(ImportIssue(.field(.guardianName), .required)) }
            guardian = Guardian(name: gName, relation: relation, phone: gPhone, capacityNotes: gNotes)
        }

        var child = Child(
            name: name, sex: sex, ethnicity: memo.ethnicity(v(.ethnicity)), idNumber: idText.isEmpty ? nil : idText,
            birthDate: birth, schoolName: school.isEmpty ? nil : school, className: className.isEmpty ? nil : className,
            gridName: v(.grid).isEmpty ? nil : v(.grid), address: v(.address), guardian: guardian,
            father: father, mother: mother, leftBehindType: pick(.leftBehindType, memo.leftBehindType),
            hardship: flag(.hardship), dibao: flag(.dibao), disability: flag(.disability),
            health: v(.health), interests: v(.interests), careNoticeGiven: flag(.careNotice),
            careNoticeDate: date(.careNoticeDate), weeklyParentContact: flag(.weeklyContact), notes: v(.notes),
            consentDate: date(.consentDate), consentForm: v(.consentForm))

        let statusValue = choice(.status, at(status), RosterValues.status)
        let reason = choice(.archiveReason, at(archiveReason), RosterValues.archiveReason)
        let archivedRaw = at(archivedOn)
        var archivedDate: LocalDate?
        if !archivedRaw.isEmpty {
            archivedDate = memo.date(archivedRaw)
            if archivedDate == nil { issues.append(ImportIssue(.archivedOn, FieldParsing.dateProblem(archivedRaw))) }
        }
        if statusValue == .archived || (statusValue == nil && (reason != nil || archivedDate != nil)) {
            child.status = .archived
            child.archiveReason = reason ?? .other
            child.archivedOn = archivedDate
        }

        issues += ChildValidation.issues(child, today: today).map { ImportIssue(.field($0.field), $0.problem) }
        issues = Self.inColumnOrder(issues)
        let rejected = issues.contains(where: \.isBlocking)
        return ImportRow(row: record.row, child: rejected ? nil : child, issues: issues, name: name)
    }

    /// Stable sort: fields in form order, then the extra columns.
    static func inColumnOrder(_ issues: [ImportIssue]) -> [ImportIssue] {
        guard issues.count > 1 else { return issues }
        func rank(_ c: RosterColumn) -> Int {
            switch c {
            case .field(let f): return fieldOrder[f]!
            case .grade: return fieldOrder[.className]!
            case .status: return 100
            case .archiveReason: return 101
            case .archivedOn: return 102
            }
        }
        return issues.enumerated().sorted { (rank($0.element.column), $0.offset) < (rank($1.element.column), $1.offset) }
            .map(\.element)
    }
}

/// Results of `FieldParsing` and `RosterValues` by raw text. A roster repeats the same few words
/// (男, 奶奶, 是, 父母均外出) and dates thousands of times; parsing each once keeps a 100,000-row
/// import fast while `FieldParsing` stays the one definition of what the words mean.
final class ParseMemo {
    private var sexes: [String: Sex?] = [:]
    private var relations: [String: GuardianRelation?] = [:]
    private var types: [String: LeftBehindType?] = [:]
    private var flags: [String: Bool?] = [:]
    private var dates: [String: LocalDate?] = [:]
    private var ethnicities: [String: String] = [:]

    private static func memo<T>(_ table: inout [String: T?], _ raw: String, _ parse: (String) -> T?) -> T? {
        if let hit = table[raw] { return hit }
        let value = parse(raw)
        if table.count < 100_000 { table[raw] = .some(value) }
        return value
    }

    func sex(_ raw: String) -> Sex? { Self.memo(&sexes, raw, FieldParsing.sex) }
    func relation(_ raw: String) -> GuardianRelation? { Self.memo(&relations, raw, FieldParsing.relation) }
    func leftBehindType(_ raw: String) -> LeftBehindType? { Self.memo(&types, raw, FieldParsing.leftBehindType) }
    func yesNo(_ raw: String) -> Bool? { Self.memo(&flags, raw, FieldParsing.yesNo) }
    func date(_ raw: String) -> LocalDate? { Self.memo(&dates, raw, RosterValues.date) }

    func ethnicity(_ raw: String) -> String {
        if let hit = ethnicities[raw] { return hit }
        let value = RosterValues.ethnicity(raw)
        if ethnicities.count < 10_000 { ethnicities[raw] = value }
        return value
    }
}
