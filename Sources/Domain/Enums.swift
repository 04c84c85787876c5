/// Sex as recorded on the ID card.
public enum Sex: String, CaseIterable, Codable, Sendable {
    case male, female
}

/// Which parents work away (国发〔2016〕13号 definition of 留守儿童).
public enum LeftBehindType: String, CaseIterable, Codable, Sendable {
    /// Both parents work away from home.
    case bothAway = "both_away"
    /// The father works away; the mother cannot act as guardian.
    case fatherAway = "father_away"
    /// The mother works away; the father cannot act as guardian.
    case motherAway = "mother_away"
}

/// The guardian's relationship to the child.
public enum GuardianRelation: String, CaseIterable, Codable, Sendable {
    case paternalGrandfather = "paternal_grandfather" // 爷爷
    case paternalGrandmother = "paternal_grandmother" // 奶奶
    case maternalGrandfather = "maternal_grandfather" // 外公
    case maternalGrandmother = "maternal_grandmother" // 外婆
    case father, mother
    case uncleOrAunt = "uncle_or_aunt"                // 伯叔姑舅姨
    case sibling                                      // 兄姐
    case otherRelative = "other_relative"
    case other                                        // neighbour, teacher, entrusted person

    /// Cared for by a grandparent (隔代看护), the figure the year-end summary asks for.
    public var isGrandparent: Bool {
        switch self {
        case .paternalGrandfather, .paternalGrandmother, .maternalGrandfather, .maternalGrandmother: return true
        default: return false
        }
    }
}

/// Whether a child file is in the live roster or kept as an archived record.
public enum ChildStatus: String, CaseIterable, Codable, Sendable {
    case active, archived
}

/// Why a file was archived. Archiving never deletes.
public enum ArchiveReason: String, CaseIterable, Codable, Sendable {
    case turned16 = "turned_16", parentReturned = "parent_returned", movedAway = "moved_away", other
}
