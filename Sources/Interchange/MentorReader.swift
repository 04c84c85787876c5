import Domain
import Foundation
import Storage

public typealias MentorSheet = ParsedSheet<MentorColumn, MentorImportItem>
public typealias MentorImportResult = SheetImportResult<MentorColumn, MentorImportItem>

/// Reads a mentors spreadsheet (帮扶人名册) saved as CSV, with the roster's rules: UTF-8 or GB18030,
/// header aliases, title rows skipped, one row-numbered `SheetRow` per data row.
///
/// Per row: 姓名 required (at most 50 characters); 角色 required, in Chinese (爱心妈妈, 代理家长, 志愿者,
/// 班主任/教师, 学习帮手, 儿童主任, 社工 and common variants), English or raw values; 联系电话 required,
/// a mobile or landline (it identifies the mentor); 所属网格 and 单位 free text; 可结对人数 a whole number,
/// or blank for the community's rule for the role; 状态 and 离开日期 optional (a date alone means left).
public enum MentorReader {
    public static func read(_ data: Data, encoding: TextEncodingChoice = .auto,
                            progress: ((Int, Int) -> Void)? = nil) throws(SheetReadError) -> MentorSheet {
        try SheetReading.read(data, encoding: encoding, missing: .file(.missingNameColumn),
                              isHeader: { $0.contains(.name) }, convert: { header in
                                  let converter = MentorRowConverter(header: header)
                                  return converter.convert
                              }, progress: progress)
    }
}

struct MentorRowConverter {
    let at: [MentorColumn: Int]

    init(header: SheetHeader<MentorColumn>) { at = header.indices }

    func convert(_ record: CSVRecord) -> SheetRow<MentorColumn, MentorImportItem> {
        func v(_ c: MentorColumn) -> String { at[c].map { $0 < record.fields.count ? record.fields[$0] : "" } ?? "" }
        var issues: [SheetIssue<MentorColumn>] = []
        func choice<T>(_ c: MentorColumn, _ parse: (String) -> T?) -> T? {
            let raw = v(c)
            if raw.isEmpty { return nil }
            if let value = parse(raw) { return value }
            issues.append(SheetIssue(c, .choice(raw)))
            return nil
        }

        let name = v(.name)
        if name.isEmpty { issues.append(SheetIssue(.name, .required)) }
        if name.count > 50 { issues.append(SheetIssue(.name, .tooLong(max: 50))) }
        let role = choice(.role, MentorValues.role)
        if v(.role).isEmpty { issues.append(SheetIssue(.role, .required)) }
        let phone = RosterValues.phone(v(.phone))
        if phone.isEmpty {
            issues.append(SheetIssue(.phone, .required))
        } else if !Phone.isValid(phone) {
            issues.append(SheetIssue(.phone, .phone))
        }
        let organisation = v(.organisation)
        if organisation.count > ChildValidation.maxTextLength {
            issues.append(SheetIssue(.organisation, .tooLong(max: ChildValidation.maxTextLength)))
        }
        let grid = v(.grid)
        let capacity = choice(.capacity, MentorValues.capacity)
        let status = choice(.status, MentorValues.status)
        var leftOn: LocalDate?
        let leftRaw = v(.leftOn)
        if !leftRaw.isEmpty {
            leftOn = RosterValues.date(leftRaw)
            if leftOn == nil { issues.append(SheetIssue(.leftOn, .date)) }
        }
        // As for archived children: 已离开 needs its date, and a date alone means the mentor left.
        let left = status == .left || (status == nil && leftOn != nil)
        if status == .left, leftRaw.isEmpty { issues.append(SheetIssue(.leftOn, .required)) }

        issues = SheetReading.inColumnOrder(issues)
        guard let role, !issues.contains(where: \.isBlocking) else {
            return SheetRow(row: record.row, value: nil, issues: issues, name: name)
        }
        let mentor = Mentor(name: name, role: role, phone: phone, organisation: organisation,
                            gridName: grid.isEmpty ? nil : grid, capacity: capacity, status: left ? .left : .active,
                            leftOn: left ? leftOn : nil)
        return SheetRow(row: record.row, value: MentorImportItem(mentor: mentor, capacityFromRule: capacity == nil),
                        issues: issues, name: name)
    }
}

/// Writes the good rows of a mentors sheet: `MentorReader`, then `AppDatabase.importMentors`.
///
///     let sheet = try MentorReader.read(data)
///     let result = try MentorImport.run(sheet, into: database, options: ImportOptions(fileName: "帮扶人.csv", …))
public enum MentorImport {
    public static func run(_ sheet: MentorSheet, into database: AppDatabase, options: ImportOptions,
                           progress: ((Int, Int) -> Void)? = nil) throws -> MentorImportResult {
        var statuses = sheet.rows.map { $0.isRejected ? SheetRowStatus.rejected : .notWritten }
        let refused = options.strict && statuses.contains(.rejected)
        var result = MentorImportResult(sheet: sheet, statuses: statuses, dryRun: options.dryRun, refusedByStrict: refused)
        // Refused by --strict: the good rows are still checked against the database (rolled back), so
        // the counts say what a normal run would (the duplicates too).
        let accepted = sheet.rows.indices.filter { !sheet.rows[$0].isRejected }
        guard !accepted.isEmpty else { return result }
        let outcomes = try database.importMentors(accepted.map { sheet.rows[$0].value! }, fileName: options.fileName,
                                                  actor: options.actor, timestamp: options.timestamp,
                                                  dryRun: options.dryRun || refused,
                                                  audit: options.auditNote("mentors", rejected: sheet.rows.count - accepted.count),
                                                  progress: progress)
        for (k, outcome) in outcomes.enumerated() {
            let i = accepted[k]
            switch outcome {
            case .created(let id): statuses[i] = .imported(id: id)
            case .alreadyInDatabase: statuses[i] = .duplicateInDatabase
            case .repeats(let earlier): statuses[i] = .duplicateInFile(firstRow: sheet.rows[accepted[earlier]].row)
            case .refused(let error):
                statuses[i] = .rejected
                result.sheet.rows[i].issues.append(SheetIssue(error == .invalidPhone || error == .duplicatePhone ? .phone : .name,
                                                              .rule(error)))
            }
        }
        if refused { statuses = statuses.map { if case .imported = $0 { return .notWritten } else { return $0 } } }
        result.statuses = statuses
        return result
    }
}
