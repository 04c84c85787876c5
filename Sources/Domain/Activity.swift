/// Kinds of activity in a semester plan (行事历).
public enum ActivityCategory: String, CaseIterable, Codable, Sendable {
    case homeActivity = "home_activity"        // 家园活动
    case festival                              // 节日活动
    case familyCall = "family_call"            // 亲情电话
    case parentMeeting = "parent_meeting"      // 家长会/座谈会
    case training                              // 培训
    case counselling                           // 心理辅导
    case safetyEducation = "safety_education"  // 法制安全教育
    case visit                                 // 慰问
    case other                                 // 其他
}

/// One activity on the calendar: a title, a category, a day (all-day or with a time), a place, an
/// organiser and notes. Recurring activities are stored one occurrence a row, sharing a series id.
public struct Activity: Equatable, Sendable {
    public var id: Int64?
    public var title: String
    public var category: ActivityCategory
    public var date: LocalDate
    /// Start and end as `HH:mm`; nil for an all-day activity.
    public var startTime: String?
    public var endTime: String?
    public var place: String
    public var organiser: String
    public var notes: String
    /// Occurrences of one recurring activity share this id.
    public var seriesID: String?
    public var cancelled: Bool

    public init(id: Int64? = nil, title: String, category: ActivityCategory, date: LocalDate, startTime: String? = nil,
                endTime: String? = nil, place: String = "", organiser: String = "", notes: String = "", seriesID: String? = nil,
                cancelled: Bool = false) {
        self.id = id; self.title = title; self.category = category; self.date = date; self.startTime = startTime
        self.endTime = endTime; self.place = place; self.organiser = organiser; self.notes = notes; self.seriesID = seriesID
        self.cancelled = cancelled
    }

    public var isAllDay: Bool { startTime == nil }
}
