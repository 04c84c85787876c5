import Foundation

/// The fields of a child file, in form order. Forms, imports and error reports name fields by these.
public enum ChildField: String, CaseIterable, Sendable, Codable {
    case name, sex, ethnicity, idNumber = "id_number", birthDate = "birth_date"
    case school, className = "class", grid, address
    case guardianName = "guardian_name", guardianRelation = "guardian_relation", guardianPhone = "guardian_phone"
    case guardianNotes = "guardian_notes"
    case fatherName = "father_name", fatherWorkPlace = "father_work_place", fatherPhone = "father_phone"
    case motherName = "mother_name", motherWorkPlace = "mother_work_place", motherPhone = "mother_phone"
    case leftBehindType = "left_behind_type", hardship, dibao, disability, health, interests
    case careNotice = "care_notice", careNoticeDate = "care_notice_date", weeklyContact = "weekly_contact", notes
    case consentDate = "consent_date", consentForm = "consent_form"
}

/// What is wrong with a field. `isBlocking` problems prevent saving; the others are warnings shown
/// beside the field (the record can still be saved, and shows as incomplete or doubtful).
public enum FieldProblem: Equatable, Sendable {
    case required
    case tooLong(max: Int)
    case id(IDNumber.Problem)
    case birthDateContradictsID(LocalDate)
    case sexContradictsID(Sex)
    case ageOutOfRange(Int)
    case birthDateInFuture
    case phone
    case date
    /// Written as a date, but no such day exists (`2015-02-30`, `2019-13-45`).
    case noSuchDate(year: Int, month: Int, day: Int)
    /// Not a time of day (`9:30`).
    case time
    /// An end (time or date) before the start.
    case endBeforeStart
    case choice(String)
    /// A date after today where only the past makes sense (a contact, a visit).
    case dateInFuture
    /// A date before a pairing began, where it may not be (the end of that pairing).
    case beforePairingStart(LocalDate)
    /// A contact dated before the child and the mentor were first paired (it counts for nothing).
    case contactBeforePairing(LocalDate)
    /// A contact on a day the child and the mentor were not paired (it counts for nothing).
    case contactOutsidePairing

    public var isBlocking: Bool {
        switch self {
        case .birthDateContradictsID, .sexContradictsID, .ageOutOfRange, .contactBeforePairing, .contactOutsidePairing: return false
        default: return true
        }
    }
}

/// A problem attached to a field.
public struct FieldIssue: Equatable, Sendable {
    public var field: ChildField
    public var problem: FieldProblem
    public init(_ field: ChildField, _ problem: FieldProblem) { self.field = field; self.problem = problem }
}

/// Rules of a child file. Pure; "today" is a parameter.
public enum ChildValidation {
    public static let maxTextLength = 200

    /// Every problem in the record, in field order.
    public static func issues(_ c: Child, today: LocalDate) -> [FieldIssue] {
        var out: [FieldIssue] = []
        if c.name.trimmingWhitespace.isEmpty { out.append(FieldIssue(.name, .required)) }
        if c.name.isLonger(than: 50) { out.append(FieldIssue(.name, .tooLong(max: 50))) }
        if let raw = c.idNumber, !raw.trimmingWhitespace.isEmpty {
            do {
                let id = try IDNumber.validate(raw)
                if let b = c.birthDate, b != id.birthDate { out.append(FieldIssue(.birthDate, .birthDateContradictsID(id.birthDate))) }
                if let s = c.sex, s != id.sex { out.append(FieldIssue(.sex, .sexContradictsID(id.sex))) }
            } catch {
                out.append(FieldIssue(.idNumber, .id(error)))
            }
        }
        if let b = c.birthDate {
            if today < b {
                out.append(FieldIssue(.birthDate, .birthDateInFuture))
            } else {
                let age = b.age(on: today)
                if age >= Child.reviewAge { out.append(FieldIssue(.birthDate, .ageOutOfRange(age))) }
            }
        }
        for (field, phone) in [(ChildField.guardianPhone, c.guardian?.phone ?? ""), (.fatherPhone, c.father.phone),
                               (.motherPhone, c.mother.phone)] where !phone.isEmpty && !Phone.isValid(phone) {
            out.append(FieldIssue(field, .phone))
        }
        if let g = c.guardian, g.name.trimmingWhitespace.isEmpty, !g.phone.isEmpty {
            out.append(FieldIssue(.guardianName, .required))
        }
        if let d = c.consentDate, today < d { out.append(FieldIssue(.consentDate, .dateInFuture)) }
        let texts: [(ChildField, String)] = [(.address, c.address), (.health, c.health), (.interests, c.interests),
                                             (.notes, c.notes), (.fatherWorkPlace, c.father.workPlace),
                                             (.motherWorkPlace, c.mother.workPlace), (.consentForm, c.consentForm)]
        for (field, text) in texts where text.isLonger(than: field == .notes ? 2000 : maxTextLength) {
            out.append(FieldIssue(field, .tooLong(max: field == .notes ? 2000 : maxTextLength)))
        }
        return out
    }

    /// Fields a complete file (建档) must have; reports list the missing ones.
    public static func missingForCompleteFile(_ c: Child) -> [ChildField] {
        var missing: [ChildField] = []
        if c.idNumber?.isEmpty ?? true { missing.append(.idNumber) }
        if c.birthDate == nil { missing.append(.birthDate) }
        if c.sex == nil { missing.append(.sex) }
        if c.guardian == nil { missing.append(.guardianName) }
        if (c.guardian?.phone ?? "").isEmpty { missing.append(.guardianPhone) }
        if c.address.isEmpty { missing.append(.address) }
        if c.leftBehindType == nil { missing.append(.leftBehindType) }
        return missing
    }
}

extension Child {
    /// Every field as text, as forms show it and the change history records it
    /// (choices as their stored words, yes/no as `1`/`0`, dates as `2026-09-01`, missing as "").
    public func fieldValues() -> [ChildField: String] {
        func yn(_ b: Bool) -> String { b ? "1" : "0" }
        return [
            .name: name, .sex: sex?.rawValue ?? "", .ethnicity: ethnicity, .idNumber: idNumber ?? "",
            .birthDate: birthDate?.description ?? "", .school: schoolName ?? "", .className: className ?? "",
            .grid: gridName ?? "", .address: address, .guardianName: guardian?.name ?? "",
            .guardianRelation: guardian?.relation?.rawValue ?? "", .guardianPhone: guardian?.phone ?? "",
            .guardianNotes: guardian?.capacityNotes ?? "", .fatherName: father.name, .fatherWorkPlace: father.workPlace,
            .fatherPhone: father.phone, .motherName: mother.name, .motherWorkPlace: mother.workPlace,
            .motherPhone: mother.phone, .leftBehindType: leftBehindType?.rawValue ?? "", .hardship: yn(hardship),
            .dibao: yn(dibao), .disability: yn(disability), .health: health, .interests: interests,
            .careNotice: yn(careNoticeGiven), .careNoticeDate: careNoticeDate?.description ?? "",
            .weeklyContact: yn(weeklyParentContact), .notes: notes,
            .consentDate: consentDate?.description ?? "", .consentForm: consentForm,
        ]
    }
}
