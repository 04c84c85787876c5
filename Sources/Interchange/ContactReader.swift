import Domain
import Foundation
import Storage

public typealias ContactSheet = ParsedSheet<ContactColumn, ContactImportItem>
public typealias ContactImportResult = SheetImportResult<ContactColumn, ContactImportItem>

/// Reads a contacts spreadsheet (帮扶记录) saved as CSV, with the roster's rules.
///
/// Per row: 儿童身份证号 (a valid ID number), or else 儿童姓名 with 出生日期; 帮扶人电话 required;
/// 类型 required (走访, 谈心, 联系班主任, 与监护人沟通, 写信, 电话, 其他, their common variants, or the
/// codes `visit`…); 日期 required, not after `today` (`dateInFuture`); 地点 and 跟进 up to 200
/// characters, 摘要 up to 1000; 关注事项 optional, words separated by `、` or commas (安全, 健康, 学业,
/// 监护, 情绪, or the codes). Whether the child and mentor exist, and whether they were paired on that
/// date, is decided while writing (`ContactImport`).
public enum ContactReader {
    public static func read(_ data: Data, encoding: TextEncodingChoice = .auto, today: LocalDate,
                            progress: ((Int, Int) -> Void)? = nil) throws(SheetReadError) -> ContactSheet {
        try SheetReading.read(data, encoding: encoding,
                              missing: .missingColumns([ContactColumn.childIDNumber, .mentorPhone, .kind, .date].map(\.header)),
                              isHeader: {
                                  $0.contains(.mentorPhone) && ($0.contains(.childIDNumber) || $0.contains(.childName))
                                      && $0.contains(.kind) && $0.contains(.date)
                              },
                              convert: { header in
                                  let converter = ContactRowConverter(header: header, today: today)
                                  return converter.convert
                              }, progress: progress)
    }
}

struct ContactRowConverter {
    let at: [ContactColumn: Int]
    let today: LocalDate
    let memo = ParseMemo()

    init(header: SheetHeader<ContactColumn>, today: LocalDate) { at = header.indices; self.today = today }

    func convert(_ record: CSVRecord) -> SheetRow<ContactColumn, ContactImportItem> {
        var r = SheetRowReading(record, at: at, memo: memo)
        let who = r.childAndMentor()
        let kindText = r.value(.kind)
        let kind = kindText.isEmpty ? nil : ContactKind(sheet: kindText)
        if kindText.isEmpty {
            r.issues.append(SheetIssue(.kind, .required))
        } else if kind == nil {
            r.issues.append(SheetIssue(.kind, .choice(kindText)))
        }
        let day = r.date(.date)
        if r.value(.date).isEmpty { r.issues.append(SheetIssue(.date, .required)) }
        if let day, day > today { r.issues.append(SheetIssue(.date, .dateInFuture)) }
        let place = r.text(.place, max: ContactValues.maxTextLength)
        let summary = r.text(.summary, max: ContactValues.maxSummaryLength)
        let read = ContactValues.concerns(r.value(.concerns))
        if let unknown = read.unknown { r.issues.append(SheetIssue(.concerns, .choice(unknown))) }
        let followUp = r.text(.followUp, max: ContactValues.maxTextLength)

        let issues = SheetReading.inColumnOrder(r.issues)
        guard let kind, let day, !issues.contains(where: \.isBlocking) else {
            return SheetRow(row: record.row, value: nil, issues: issues, name: who.names)
        }
        let item = ContactImportItem(
            childIDNumber: who.idNumber.isEmpty ? nil : who.idNumber, childName: who.childName, childBirthDate: who.birthDate,
            mentorPhone: who.phone, mentorName: who.mentorName, kind: kind, date: day, place: place, summary: summary,
            concerns: read.concerns, followUp: followUp)
        return SheetRow(row: record.row, value: item, issues: issues, name: who.names)
    }
}

/// Writes the good rows of a contacts sheet: `ContactReader`, then `AppDatabase.importContacts`. An
/// unknown child or mentor rejects the row (`SheetProblem.rule`); a contact on a date the mentor was not
/// paired with the child is written with a warning (`notPaired`), as is a letter whose content was left
/// out (`letterContentLeftOut`, unless `keepLetterContent`). With `strict`, any rejected row leaves the
/// database unchanged.
public enum ContactImport {
    public static func run(_ sheet: ContactSheet, into database: AppDatabase, options: ImportOptions, today: LocalDate,
                           keepLetterContent: Bool = false, progress: ((Int, Int) -> Void)? = nil) throws -> ContactImportResult {
        var statuses = sheet.rows.map { $0.isRejected ? SheetRowStatus.rejected : .notWritten }
        var result = ContactImportResult(sheet: sheet, statuses: statuses, dryRun: options.dryRun,
                                         refusedByStrict: options.strict && statuses.contains(.rejected))
        // Refused by --strict already: the good rows are still checked against the database (rolled
        // back), so the counts say what a normal run would (the duplicates too).
        let accepted = sheet.rows.indices.filter { !sheet.rows[$0].isRejected }
        guard !accepted.isEmpty else { return result }
        let outcomes = try database.importContacts(accepted.map { sheet.rows[$0].value! }, today: today,
                                                   keepLetterContent: keepLetterContent, source: "import:" + options.fileName,
                                                   actor: options.actor, timestamp: options.timestamp, dryRun: options.dryRun || result.refusedByStrict,
                                                   rollbackIfRefused: options.strict,
                                                   audit: options.auditNote("contacts", rejected: sheet.rows.count - accepted.count),
                                                   progress: progress)
        for (k, outcome) in outcomes.enumerated() {
            let i = accepted[k]
            let item = sheet.rows[i].value!
            let childColumn: ContactColumn = item.childIDNumber == nil ? .childName : .childIDNumber
            func reject(_ issue: SheetIssue<ContactColumn>) {
                statuses[i] = .rejected
                result.sheet.rows[i].issues.append(issue)
            }
            switch outcome.result {
            case .created(let id): statuses[i] = .imported(id: id)
            case .alreadyInDatabase: statuses[i] = .duplicateInDatabase
            case .repeats(let earlier): statuses[i] = .duplicateInFile(firstRow: sheet.rows[accepted[earlier]].row)
            case .unknownChild: reject(SheetIssue(childColumn, .rule(.unknownChild)))
            case .unknownMentor: reject(SheetIssue(.mentorPhone, .rule(.unknownMentor)))
            case .ambiguousChild(let count): reject(SheetIssue(.childName, .ambiguousChild(count: count)))
            case .futureDate: reject(SheetIssue(.date, .dateInFuture))
            }
            if outcome.childNameDiffers { result.sheet.rows[i].issues.append(SheetIssue(.childName, .nameDiffers)) }
            if outcome.mentorNameDiffers { result.sheet.rows[i].issues.append(SheetIssue(.mentorName, .nameDiffers)) }
            if outcome.notPaired { result.sheet.rows[i].issues.append(SheetIssue(.mentorPhone, .notPaired)) }
            if outcome.letterContentLeftOut { result.sheet.rows[i].issues.append(SheetIssue(.summary, .letterContentLeftOut)) }
        }
        if options.strict, statuses.contains(.rejected) {
            // The store rolled everything back: nothing created.
            result.refusedByStrict = true
            statuses = statuses.map { if case .imported = $0 { return .notWritten } else { return $0 } }
        }
        result.statuses = statuses
        return result
    }
}
