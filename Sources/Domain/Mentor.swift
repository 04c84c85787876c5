/// What a person who cares for children is to the programme.
public enum MentorRole: String, CaseIterable, Codable, Sendable {
    case caringMother = "caring_mother"     // 爱心妈妈
    case proxyParent = "proxy_parent"       // 代理家长
    case volunteer                          // 志愿者
    case teacher                            // 班主任/教师
    case studentHelper = "student_helper"   // 学习帮手 (an excellent student)
    case childDirector = "child_director"   // 儿童主任
    case socialWorker = "social_worker"     // 社工

    /// How many children a mentor of this role may be paired with unless the community says otherwise.
    public var defaultCapacity: Int {
        switch self {
        case .volunteer, .caringMother, .proxyParent, .studentHelper: return 2
        case .teacher: return 60
        case .childDirector, .socialWorker: return 30
        }
    }
}

/// Whether a mentor is still with the programme.
public enum MentorStatus: String, CaseIterable, Codable, Sendable { case active, left }

/// A person in the mentor registry. The phone number identifies them in files.
public struct Mentor: Equatable, Sendable {
    public var id: Int64?
    public var name: String
    public var role: MentorRole
    public var phone: String
    public var organisation: String
    public var gridName: String?
    public var capacity: Int
    public var status: MentorStatus
    public var leftOn: LocalDate?

    public init(id: Int64? = nil, name: String, role: MentorRole, phone: String, organisation: String = "",
                gridName: String? = nil, capacity: Int? = nil, status: MentorStatus = .active, leftOn: LocalDate? = nil) {
        self.id = id; self.name = name; self.role = role; self.phone = phone; self.organisation = organisation
        self.gridName = gridName; self.capacity = capacity ?? role.defaultCapacity; self.status = status; self.leftOn = leftOn
    }
}

/// The mentor's part in a pair.
public enum PairRole: String, CaseIterable, Codable, Sendable {
    /// The one-to-one mentor (一对一帮扶): at most one active per child; owes the five ones.
    case primary
    case classTeacher = "class_teacher"
    case studentHelper = "student_helper"
}

/// Why a pairing ended. Pairings are never deleted.
public enum PairingEndReason: String, CaseIterable, Codable, Sendable {
    case mentorLeft = "mentor_left", childArchived = "child_archived", reassigned, childMoved = "child_moved", other
}

/// A child paired with a mentor (结对), from a start date until an end date with a reason.
public struct Pairing: Equatable, Sendable {
    public var id: Int64?
    public var childID: Int64
    public var mentorID: Int64
    public var role: PairRole
    public var start: LocalDate
    public var end: LocalDate?
    public var endReason: PairingEndReason?
    /// Set when the coordinator paired beyond the mentor's capacity, with the reason they gave.
    public var overrideReason: String?

    public init(id: Int64? = nil, childID: Int64, mentorID: Int64, role: PairRole, start: LocalDate, end: LocalDate? = nil,
                endReason: PairingEndReason? = nil, overrideReason: String? = nil) {
        self.id = id; self.childID = childID; self.mentorID = mentorID; self.role = role; self.start = start
        self.end = end; self.endReason = endReason; self.overrideReason = overrideReason
    }

    public var isActive: Bool { end == nil }
}
