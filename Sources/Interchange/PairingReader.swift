import Domain
import Foundation
import Storage

public typealias PairingSheet = ParsedSheet<PairingColumn, PairingImportItem>
public typealias PairingImportResult = SheetImportResult<PairingColumn, PairingImportItem>

/// Reads a pairings spreadsheet (结对名单) saved as CSV, with the roster's rules.
///
/// Per row: 儿童身份证号 (a valid ID number), or else 儿童姓名 with 出生日期; 帮扶人电话 required;
/// 结对角色 required (一对一/一对一帮扶/主帮扶人 → primary, 班主任 → class teacher, 学习帮手 → student
/// helper, English or raw values); 开始日期 required; 结束日期 optional, not before the start
/// (`endBeforeStart`); 结束原因 optional (帮扶人离开, 儿童归档, 改派, 儿童迁出, 其他; `其他` when an end
/// date has none), and only with an end date; 超额理由 optional. Whether the child and mentor exist and
/// the pairing keeps the rules is decided while writing (`PairingImport`).
public enum PairingReader {
    public static func read(_ data: Data, encoding: TextEncodingChoice = .auto,
                            progress: ((Int, Int) -> Void)? = nil) throws(SheetReadError) -> PairingSheet {
        try SheetReading.read(data, encoding: encoding,
                              missing: .missingColumns([PairingColumn.childIDNumber.header, PairingColumn.mentorPhone.header]),
                              isHeader: { $0.contains(.mentorPhone) && ($0.contains(.childIDNumber) || $0.contains(.childName)) },
                              convert: { header in
                                  let converter = PairingRowConverter(header: header)
                                  return converter.convert
                              }, progress: progress)
    }
}

struct PairingRowConverter {
    let at: [PairingColumn: Int]
    let memo = ParseMemo()

    init(header: SheetHeader<PairingColumn>) { at = header.indices }

    func convert(_ record: CSVRecord) -> SheetRow<PairingColumn, PairingImportItem> {
        var r = SheetRowReading(record, at: at, memo: memo)
        let who = r.childAndMentor()
        let role = r.choice(.role, PairingValues.role)
        if r.value(.role).isEmpty { r.issues.append(SheetIssue(.role, .required)) }
        let start = r.date(.start)
        if r.value(.start).isEmpty { r.issues.append(SheetIssue(.start, .required)) }
        let end = r.date(.end)
        let reason = r.choice(.endReason, PairingValues.endReason)
        if reason != nil, r.value(.end).isEmpty { r.issues.append(SheetIssue(.end, .required)) }
        if let start, let end, end < start { r.issues.append(SheetIssue(.end, .rule(.endBeforeStart))) }
        let override = r.text(.overrideReason, max: ChildValidation.maxTextLength)

        let issues = SheetReading.inColumnOrder(r.issues)
        guard let role, let start, !issues.contains(where: \.isBlocking) else {
            return SheetRow(row: record.row, value: nil, issues: issues, name: who.names)
        }
        let item = PairingImportItem(
            childIDNumber: who.idNumber.isEmpty ? nil : who.idNumber, childName: who.childName, childBirthDate: who.birthDate,
            mentorPhone: who.phone, mentorName: who.mentorName, role: role, start: start, end: end,
            endReason: end == nil ? nil : (reason ?? .other), overrideReason: override.isEmpty ? nil : override)
        return SheetRow(row: record.row, value: item, issues: issues, name: who.names)
    }
}

/// Writes the good rows of a pairings sheet: `PairingReader`, then `AppDatabase.importPairings`, which
/// applies the store's rules; a row they refuse is rejected with that reason (`SheetProblem.rule`).
/// With `strict`, any rejected row — by the reader or by a rule — leaves the database unchanged.
public enum PairingImport {
    public static func run(_ sheet: PairingSheet, into database: AppDatabase, options: ImportOptions,
                           progress: ((Int, Int) -> Void)? = nil) throws -> PairingImportResult {
        var statuses = sheet.rows.map { $0.isRejected ? SheetRowStatus.rejected : .notWritten }
        var result = PairingImportResult(sheet: sheet, statuses: statuses, dryRun: options.dryRun,
                                         refusedByStrict: options.strict && statuses.contains(.rejected))
        // Refused by --strict already: the good rows are still checked against the database (rolled
        // back), so the counts say what a normal run would (the duplicates too).
        let accepted = sheet.rows.indices.filter { !sheet.rows[$0].isRejected }
        guard !accepted.isEmpty else { return result }
        let outcomes = try database.importPairings(accepted.map { sheet.rows[$0].value! }, actor: options.actor,
                                                   timestamp: options.timestamp, dryRun: options.dryRun || result.refusedByStrict,
                                                   rollbackIfRefused: options.strict,
                                                   audit: options.auditNote("pairings", rejected: sheet.rows.count - accepted.count),
                                                   progress: progress)
        for (k, outcome) in outcomes.enumerated() {
            let i = accepted[k]
            let item = sheet.rows[i].value!
            switch outcome.result {
            case .created(let id): statuses[i] = .imported(id: id)
            case .alreadyInDatabase: statuses[i] = .duplicateInDatabase
            case .repeats(let earlier): statuses[i] = .duplicateInFile(firstRow: sheet.rows[accepted[earlier]].row)
            case .refused(let error):
                statuses[i] = .rejected
                result.sheet.rows[i].issues.append(SheetIssue(column(for: error, item), .rule(error)))
            case .ambiguousChild(let count):
                statuses[i] = .rejected
                result.sheet.rows[i].issues.append(SheetIssue(.childName, .ambiguousChild(count: count)))
            }
            if outcome.childNameDiffers { result.sheet.rows[i].issues.append(SheetIssue(.childName, .nameDiffers)) }
            if outcome.mentorNameDiffers { result.sheet.rows[i].issues.append(SheetIssue(.mentorName, .nameDiffers)) }
        }
        if options.strict, statuses.contains(.rejected) {
            // The store rolled everything back: nothing created.
            result.refusedByStrict = true
            statuses = statuses.map { if case .imported = $0 { return .notWritten } else { return $0 } }
        }
        result.statuses = statuses
        return result
    }

    /// The column a rule's refusal is reported against.
    static func column(for error: PairingError, _ item: PairingImportItem) -> PairingColumn {
        switch error {
        case .unknownChild, .childArchived: return item.childIDNumber == nil ? .childName : .childIDNumber
        case .unknownMentor, .mentorLeft, .capacityReached, .capacityBelowLoad, .invalidPhone, .duplicatePhone: return .mentorPhone
        case .childAlreadyHasPrimary, .alreadyPaired: return .role
        case .endBeforeStart, .alreadyEnded, .unknownPairing: return .end
        }
    }
}
