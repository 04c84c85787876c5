import Domain
import Foundation
import Storage

/// The contact log (帮扶记录) as a spreadsheet file or JSON: every contact not deleted.
///
/// CSV: UTF-8 with BOM and CRLF, the Chinese headers of `ContactColumn` in order, values in the words
/// `ContactReader` reads back (类型 `走访`…, 关注事项 `安全、健康`), so export → import (into a database
/// holding the same children and mentors) → export gives the same bytes. 出生日期 is written only for
/// a child without ID number, whom it identifies with the name. ID and phone numbers carry a leading
/// tab for Excel. A letter's content appears only when it was kept.
public enum ContactSheetExport {
    public static let columns = ContactColumn.allCases

    static let numberColumns: Set<ContactColumn> = [.childIDNumber, .mentorPhone]

    public static func csv(_ contacts: [ContactExportRow]) -> Data {
        var writer = CSVTextWriter()
        writer.writeRow(columns.map(\.header))
        for c in contacts {
            writer.writeRow(columns.map { CSVTextWriter.spreadsheetSafe(cell(c, $0), asText: numberColumns.contains($0)) })
        }
        return writer.data
    }

    /// The value of one column, as the sheet writes it.
    public static func cell(_ row: ContactExportRow, _ column: ContactColumn) -> String {
        let c = row.contact
        switch column {
        case .childName: return row.childName
        case .childIDNumber: return row.childIDNumber ?? ""
        case .childBirthDate: return row.childIDNumber == nil ? row.childBirthDate?.description ?? "" : ""
        case .mentorName: return row.mentorName
        case .mentorPhone: return row.mentorPhone
        case .kind: return c.kind.sheetName
        case .date: return c.date.description
        case .place: return c.place
        case .summary: return c.summary
        case .concerns: return ContactValues.concernsText(c.concerns)
        case .followUp: return c.followUp
        }
    }

    /// A JSON array, one object per contact with the `ContactColumn` raw names as keys, stored values
    /// (`visit`, ISO dates, concerns as an array of codes) and `null` for values not set.
    public static func json(_ contacts: [ContactExportRow]) -> Data {
        JSONLines.array(contacts.map { row in
            let c = row.contact
            return [("child_name", RosterExport.quoted(row.childName)), ("child_id_number", JSONLines.optional(row.childIDNumber)),
                    ("child_birth_date", JSONLines.optional(row.childBirthDate?.description)),
                    ("mentor_name", RosterExport.quoted(row.mentorName)), ("mentor_phone", RosterExport.quoted(row.mentorPhone)),
                    ("kind", RosterExport.quoted(c.kind.rawValue)), ("date", RosterExport.quoted(c.date.description)),
                    ("place", RosterExport.quoted(c.place)), ("summary", RosterExport.quoted(c.summary)),
                    ("concerns", "[" + c.concerns.map { RosterExport.quoted($0.rawValue) }.joined(separator: ", ") + "]"),
                    ("follow_up", RosterExport.quoted(c.followUp))]
        })
    }
}
