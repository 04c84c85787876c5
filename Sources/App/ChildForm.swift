import Domain

/// How a field of the child form is edited.
public enum FieldKind: Equatable, Sendable {
    case text(max: Int)
    case date
    case idNumber
    case phone
    /// One of the raw values; "" means not chosen. Labels come from the catalog (`<labelKind>.<raw>`).
    case choice(values: [String], labelKind: String)
    case yesNo
    /// Digits only, at most this many.
    case number(maxDigits: Int)

    var isChoice: Bool {
        switch self { case .choice, .yesNo: return true; default: return false }
    }
}

/// The child-file form, used to add, edit and sweep-enter children. Every value is kept as text
/// (choices as their raw value) so that a half-typed form can be saved as a draft and restored
/// exactly, cursor included.
public struct ChildForm: Equatable, Sendable, Codable {
    public enum Mode: Equatable, Sendable, Codable {
        case add
        case edit(id: Int64, version: Int)
        /// Household sweep: the household and guardian saved with the first child of this home, and
        /// how many children this sweep session has saved.
        case sweep(household: Int64?, guardian: Int64?, saved: Int)
    }

    public var mode: Mode
    public var order: [ChildField]
    public var values: [ChildField: TextField]
    public var focus: Int
    public var touched: Set<ChildField>
    public var dirty: Bool
    /// The values when the form was opened (edit) or last saved (sweep), to tell what changed.
    public var baseline: [ChildField: String]
    /// The household fields as saved with `mode.household`; a change starts a new household.
    public var savedHousehold: [ChildField: String]
    /// The user already confirmed saving despite a possible duplicate (same name and birth date).
    public var acceptedPossibleDuplicate: Bool
    /// Values the form filled in itself from the ID number; replaced when the number changes.
    public var filledFromID: [ChildField: String] = [:]

    /// Fields that belong to the home in sweep mode (entered once, kept for each child).
    public static let householdFields: [ChildField] = [
        .grid, .address, .guardianName, .guardianRelation, .guardianPhone, .guardianNotes,
        .fatherName, .fatherWorkPlace, .fatherPhone, .motherName, .motherWorkPlace, .motherPhone, .leftBehindType,
    ]
    /// Child fields in the order a sweep asks for them.
    public static let sweepChildFields: [ChildField] = [
        .name, .sex, .idNumber, .birthDate, .ethnicity, .school, .className, .hardship, .dibao, .disability,
        .health, .interests, .careNotice, .careNoticeDate, .weeklyContact, .notes, .consentDate, .consentForm,
    ]
    /// Kept from one household to the next during a sweep (same village group, same school).
    public static let sweepCarryOver: [ChildField] = [.grid, .school, .ethnicity]

    public static func kind(_ f: ChildField) -> FieldKind {
        switch f {
        case .sex: return .choice(values: [""] + Sex.allCases.map(\.rawValue), labelKind: "sex")
        case .guardianRelation: return .choice(values: [""] + GuardianRelation.allCases.map(\.rawValue), labelKind: "relation")
        case .leftBehindType: return .choice(values: [""] + LeftBehindType.allCases.map(\.rawValue), labelKind: "type")
        case .hardship, .dibao, .disability, .careNotice, .weeklyContact: return .yesNo
        case .birthDate, .careNoticeDate, .consentDate: return .date
        case .idNumber: return .idNumber
        case .guardianPhone, .fatherPhone, .motherPhone: return .phone
        case .notes: return .text(max: 2000)
        case .name: return .text(max: 50)
        default: return .text(max: ChildValidation.maxTextLength)
        }
    }

    init(mode: Mode, order: [ChildField], values: [ChildField: String]) {
        self.mode = mode
        self.order = order
        var v: [ChildField: TextField] = [:]
        for f in order { v[f] = TextField(values[f] ?? "") }
        self.values = v
        focus = 0
        touched = []
        dirty = false
        baseline = Dictionary(uniqueKeysWithValues: order.map { ($0, values[$0] ?? "") })
        savedHousehold = [:]
        acceptedPossibleDuplicate = false
    }

    /// An empty form for a new child.
    public static func newChild() -> ChildForm {
        ChildForm(mode: .add, order: ChildField.allCases, values: [.ethnicity: "汉族", .hardship: "0", .dibao: "0",
                                                                  .disability: "0", .careNotice: "0", .weeklyContact: "0"])
    }

    /// A sweep form: household first, then the child.
    public static func sweep() -> ChildForm {
        var f = ChildForm(mode: .sweep(household: nil, guardian: nil, saved: 0), order: householdFields + sweepChildFields,
                          values: [.ethnicity: "汉族", .hardship: "0", .dibao: "0", .disability: "0", .careNotice: "0",
                                   .weeklyContact: "0"])
        f.focus = 0
        return f
    }

    /// A form holding an existing child's file.
    public static func editing(_ c: Child, version: Int) -> ChildForm {
        ChildForm(mode: .edit(id: c.id ?? 0, version: version), order: ChildField.allCases, values: values(of: c))
    }

    static func values(of c: Child) -> [ChildField: String] { c.fieldValues() }

    public var isSweep: Bool { if case .sweep = mode { return true } else { return false } }

    public var editingID: Int64? { if case .edit(let id, _) = mode { return id } else { return nil } }

    /// The child the form describes, and the problems met while reading the text (dates, choices).
    public func child() -> (Child, [FieldIssue]) {
        var issues: [FieldIssue] = []
        func date(_ f: ChildField) -> LocalDate? {
            let t = value(f)
            guard !t.isEmpty else { return nil }
            guard let d = FieldParsing.date(t) else { issues.append(FieldIssue(f, FieldParsing.dateProblem(t))); return nil }
            return d
        }
        func yes(_ f: ChildField) -> Bool { value(f) == "1" }
        let guardianName = value(.guardianName)
        let guardian: Guardian? = guardianName.isEmpty && value(.guardianPhone).isEmpty ? nil :
            Guardian(name: guardianName, relation: GuardianRelation(rawValue: value(.guardianRelation)),
                     phone: value(.guardianPhone), capacityNotes: value(.guardianNotes))
        let id = value(.idNumber).uppercased()
        let c = Child(
            id: editingID, name: value(.name), sex: Sex(rawValue: value(.sex)), ethnicity: value(.ethnicity),
            idNumber: id.isEmpty ? nil : id, birthDate: date(.birthDate),
            schoolName: value(.school).isEmpty ? nil : value(.school), className: value(.className).isEmpty ? nil : value(.className),
            gridName: value(.grid).isEmpty ? nil : value(.grid), address: value(.address), guardian: guardian,
            father: Parent(name: value(.fatherName), workPlace: value(.fatherWorkPlace), phone: value(.fatherPhone)),
            mother: Parent(name: value(.motherName), workPlace: value(.motherWorkPlace), phone: value(.motherPhone)),
            leftBehindType: LeftBehindType(rawValue: value(.leftBehindType)), hardship: yes(.hardship), dibao: yes(.dibao),
            disability: yes(.disability), health: value(.health), interests: value(.interests),
            careNoticeGiven: yes(.careNotice), careNoticeDate: date(.careNoticeDate), weeklyParentContact: yes(.weeklyContact),
            notes: value(.notes), consentDate: date(.consentDate), consentForm: value(.consentForm))
        return (c, issues)
    }

    /// Every problem, in form order: reading problems, then the rules of a child file.
    public func issues(today: LocalDate) -> [FieldIssue] {
        let (c, parse) = child()
        let parsed = Set(parse.map(\.field))
        var all = parse + ChildValidation.issues(c, today: today).filter { !parsed.contains($0.field) }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        all.sort { (position[$0.field] ?? 99) < (position[$1.field] ?? 99) }
        return all
    }

    /// Fills birth date and sex from a valid ID number when they are empty or still hold what an
    /// earlier number filled in, so correcting a typo in the number corrects them too.
    mutating func fillFromIDNumber() {
        guard let id = try? IDNumber.validate(value(.idNumber)) else { return }
        for (field, derived) in [(ChildField.birthDate, id.birthDate.description), (.sex, id.sex.rawValue)]
        where values[field] != nil {
            let current = value(field)
            if current.isEmpty || current == filledFromID[field] {
                values[field] = TextField(derived)
                filledFromID[field] = derived
            }
        }
    }

    /// The values of the household part, to tell whether it changed since the last saved child.
    var householdSnapshot: [ChildField: String] {
        Dictionary(uniqueKeysWithValues: ChildForm.householdFields.map { ($0, value($0)) })
    }

    /// After a child of a sweep is saved: keep the home, clear the child, focus the name.
    mutating func nextChildInSweep(household: Int64, guardian: Int64?) {
        guard case .sweep(_, _, let saved) = mode else { return }
        mode = .sweep(household: household, guardian: guardian, saved: saved + 1)
        savedHousehold = householdSnapshot
        for f in ChildForm.sweepChildFields where !ChildForm.sweepCarryOver.contains(f) {
            values[f] = TextField(ChildForm.newChild().values[f]?.text ?? "")
        }
        touched = []
        dirty = false
        acceptedPossibleDuplicate = false
        filledFromID = [:] // the next child's sex and birth date are their own
        focus = order.firstIndex(of: .name) ?? 0
    }

    /// Starts the next household of a sweep: grid, school and the address up to the house number carry over.
    mutating func nextHousehold() {
        guard case .sweep(_, _, let saved) = mode else { return }
        let keep = Dictionary(uniqueKeysWithValues: ChildForm.sweepCarryOver.map { ($0, value($0)) })
        let prefix = ChildForm.addressPrefix(value(.address))
        var fresh = ChildForm.sweep()
        for (f, v) in keep { fresh.values[f] = TextField(v) }
        fresh.values[.address] = TextField(prefix)
        fresh.mode = .sweep(household: nil, guardian: nil, saved: saved)
        fresh.focus = order.firstIndex(of: .address) ?? 0
        self = fresh
    }

    /// `石桥村3组15号` → `石桥村3组`: the address without its trailing house number.
    public static func addressPrefix(_ address: String) -> String {
        var chars = Array(address)
        if chars.last == "号" { chars.removeLast() }
        while let last = chars.last, last.isNumber || last == "-" { chars.removeLast() }
        return chars.count == Array(address).count ? address : String(chars)
    }
}
