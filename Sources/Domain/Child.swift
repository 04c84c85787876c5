/// One child's file (一人一档). Identifiers are database row ids; nil before the first save.
public struct Child: Equatable, Sendable {
    public var id: Int64?
    public var name: String
    public var sex: Sex?
    public var ethnicity: String
    public var idNumber: String?
    public var birthDate: LocalDate?
    public var schoolName: String?
    public var className: String?
    public var gridName: String?
    public var address: String
    public var guardian: Guardian?
    public var father: Parent
    public var mother: Parent
    public var leftBehindType: LeftBehindType?
    public var hardship: Bool      // 困境儿童
    public var dibao: Bool         // 低保
    public var disability: Bool
    public var health: String
    public var interests: String
    public var careNoticeGiven: Bool   // 委托照护书面告知
    public var careNoticeDate: LocalDate?
    public var weeklyParentContact: Bool
    public var notes: String
    public var status: ChildStatus
    public var archiveReason: ArchiveReason?
    public var archivedOn: LocalDate?
    /// A guardian's consent to keeping the file of a child under 14 (个人信息保护法 art. 31): when it was
    /// given and how (the form: 书面同意书, its number…). Nil / empty when not recorded.
    public var consentDate: LocalDate?
    public var consentForm: String

    public init(id: Int64? = nil, name: String, sex: Sex? = nil, ethnicity: String = "汉族", idNumber: String? = nil,
                birthDate: LocalDate? = nil, schoolName: String? = nil, className: String? = nil, gridName: String? = nil,
                address: String = "", guardian: Guardian? = nil, father: Parent = Parent(), mother: Parent = Parent(),
                leftBehindType: LeftBehindType? = nil, hardship: Bool = false, dibao: Bool = false, disability: Bool = false,
                health: String = "", interests: String = "", careNoticeGiven: Bool = false, careNoticeDate: LocalDate? = nil,
                weeklyParentContact: Bool = false, notes: String = "", status: ChildStatus = .active,
                archiveReason: ArchiveReason? = nil, archivedOn: LocalDate? = nil, consentDate: LocalDate? = nil,
                consentForm: String = "") {
        self.id = id; self.name = name; self.sex = sex; self.ethnicity = ethnicity; self.idNumber = idNumber
        self.birthDate = birthDate; self.schoolName = schoolName; self.className = className; self.gridName = gridName
        self.address = address; self.guardian = guardian; self.father = father; self.mother = mother
        self.leftBehindType = leftBehindType; self.hardship = hardship; self.dibao = dibao; self.disability = disability
        self.health = health; self.interests = interests; self.careNoticeGiven = careNoticeGiven
        self.careNoticeDate = careNoticeDate; self.weeklyParentContact = weeklyParentContact; self.notes = notes
        self.status = status; self.archiveReason = archiveReason; self.archivedOn = archivedOn
        self.consentDate = consentDate; self.consentForm = consentForm
    }

    /// The age under which a guardian's consent is needed.
    public static let consentAge = 14
    /// The age at which a file is flagged for review (the programme is for children under 16).
    public static let reviewAge = 16

    /// Age in whole years on `date`, if the birth date is known.
    public func age(on date: LocalDate) -> Int? { birthDate?.age(on: date) }
}

/// The adult who looks after the child day to day (监护人).
public struct Guardian: Equatable, Sendable {
    public var name: String
    /// How the guardian is related to the child; nil when not given (an imported roster without the
    /// column): never guessed, so the report counts such a child under 监护情况未填.
    public var relation: GuardianRelation?
    public var phone: String
    /// Notes on the guardian's capacity (age, health, literacy).
    public var capacityNotes: String

    public init(name: String, relation: GuardianRelation?, phone: String = "", capacityNotes: String = "") {
        self.name = name; self.relation = relation; self.phone = phone; self.capacityNotes = capacityNotes
    }
}

/// A parent as the file records them: name, where they work (务工地), phone.
public struct Parent: Equatable, Sendable {
    public var name: String
    public var workPlace: String
    public var phone: String

    public init(name: String = "", workPlace: String = "", phone: String = "") {
        self.name = name; self.workPlace = workPlace; self.phone = phone
    }
}

/// One line of the roster table, as the list needs it (no ID numbers or phones: minimum display).
public struct RosterRow: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var sex: Sex?
    public var birthDate: LocalDate?
    public var schoolName: String?
    public var className: String?
    public var gridName: String?
    public var guardianName: String?
    public var guardianRelation: GuardianRelation?
    public var leftBehindType: LeftBehindType?

    public init(id: Int64, name: String, sex: Sex?, birthDate: LocalDate?, schoolName: String?, className: String?,
                gridName: String?, guardianName: String?, guardianRelation: GuardianRelation?, leftBehindType: LeftBehindType?) {
        self.id = id; self.name = name; self.sex = sex; self.birthDate = birthDate; self.schoolName = schoolName
        self.className = className; self.gridName = gridName; self.guardianName = guardianName
        self.guardianRelation = guardianRelation; self.leftBehindType = leftBehindType
    }
}
