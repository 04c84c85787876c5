import Domain
import Foundation
import GRDB

/// Synthetic mentors and pairings for a demo database, drawn from the children already there.
extension AppDatabase {
    /// Replaces the mentors and pairings of a demo database with deterministic synthetic ones
    /// (see `fillDemoMentors(_:seed:referenceDate:)`), in one transaction. Refuses a real database.
    public func fillDemoMentors(seed: UInt64, referenceDate: LocalDate) throws {
        try writer.write { db in
            guard try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'is_demo'") == "1" else {
                throw NotADemoDatabase()
            }
            try Self.fillDemoMentors(db, seed: seed, referenceDate: referenceDate)
        }
    }

    /// Deletes every pairing, mentor, contact and activity (with their history). A demo refill must call
    /// this before it deletes children (these reference them).
    static func clearMentorData(_ db: Database) throws {
        for table in ["activity_attendance", "activity_history", "activity", "contact_history", "contact", "pairing",
                      "mentor_history", "mentor"] { try db.execute(sql: "DELETE FROM \(table)") }
    }

    /// Inside an open transaction: clears the mentor tables, then adds about one mentor per three active
    /// children (mixed roles, unique phones, grids from the `grid` table, capacity from `capacity(for:)`),
    /// pairs about 80% of the active children with a primary mentor (same grid preferred, never beyond
    /// capacity), gives about a third of the schoolchildren a class teacher and a few a student helper, and
    /// leaves some history: mentors who left, reassignments and pairings ended by archiving; then the
    /// contact log of the last year (the five ones done at a realistic, uneven pace, monthly class-teacher
    /// talks, some calls; a few contacts flag a concern).
    /// The same children and seed give the same result.
    static func fillDemoMentors(_ db: Database, seed: UInt64, referenceDate ref: LocalDate) throws {
        try clearMentorData(db)
        var gen = DemoMentorGenerator(db: db, seed: seed, ref: ref)
        try gen.run()
    }
}

/// One run of the demo mentor generator: state that only lives while filling.
private struct DemoMentorGenerator {
    typealias V = DemoVocabulary
    struct Kid { var id: Int64; var grid: Int64?; var classID: Int64?; var archivedOn: LocalDate? }
    struct Made { var id: Int64; var role: MentorRole; var capacity: Int; var grid: Int64?; var leftOn: LocalDate?; var load = 0 }

    let db: Database
    let ref: LocalDate
    let timestamp: String
    var rng: SeededRandom
    var phones: Set<String> = []
    var mentors: [Made] = []
    var pinyin = PinyinCache()
    /// Each mentor's pairings as day numbers (start, end), to keep the history within capacity.
    var spans: [Int: [(Int, Int?)]] = [:]

    init(db: Database, seed: UInt64, ref: LocalDate) {
        self.db = db; self.ref = ref
        rng = SeededRandom(seed: seed ^ 0x4D45_4E54_4F52) // "MENTOR": a stream apart from the children's
        timestamp = ref.description + "T09:00:00+08:00"
    }

    mutating func run() throws {
        let kids = try Row.fetchAll(db, sql: "SELECT id, grid_id, school_class_id, status, archived_on FROM child ORDER BY id").map {
            Kid(id: $0["id"], grid: $0["grid_id"], classID: $0["school_class_id"],
                archivedOn: ($0["status"] as String) == "archived" ? ($0["archived_on"] as String?).flatMap { LocalDate(parsing: $0) } ?? ref : nil)
        }
        let active = kids.filter { $0.archivedOn == nil }
        guard !active.isEmpty else { return }
        let grids = try Row.fetchAll(db, sql: "SELECT id, name FROM grid ORDER BY id").map { ($0["id"] as Int64, $0["name"] as String) }
        let schools = try String.fetchAll(db, sql: "SELECT name FROM school ORDER BY id")
        try addMentors(count: max(1, (active.count + 2) / 3), grids: grids, schools: schools)
        let reassigned = try pairPrimaries(active)
        try pairHelpers(active)
        try addReassigned(reassigned)
        try endArchived(kids.filter { $0.archivedOn != nil })
        try addContacts()
    }

    // MARK: Mentors

    mutating func addMentors(count: Int, grids: [(Int64, String)], schools: [String]) throws {
        let stmt = try db.makeStatement(sql: """
            INSERT INTO mentor(name, name_pinyin, name_initials, name_sort, search_extra, role, phone, organisation, grid_id,
                capacity, status, left_on, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        var capacities: [MentorRole: Int] = [:]
        for role in MentorRole.allCases { capacities[role] = try AppDatabase.capacity(db, for: role) }
        let directors = grids.isEmpty ? 0 : min(count, max(1, grids.count / 3))
        let middle = schools.filter { $0.contains("中学") }
        for i in 0..<count {
            let role: MentorRole
            let roll = rng.int(100)
            if i < directors { role = .childDirector } else {
                switch roll {
                case ..<38: role = .volunteer
                case ..<62: role = .caringMother
                case ..<76: role = .proxyParent
                case ..<86: role = .teacher
                case ..<94: role = .studentHelper
                case ..<97: role = .socialWorker
                default: role = .childDirector
                }
            }
            let grid: (Int64, String)? = grids.isEmpty ? nil
                : (i < directors ? grids[i * 3 % grids.count] : (role == .teacher && rng.chance(50) ? nil : rng.pick(grids)))
            let name = personName(role)
            let organisation = self.organisation(role, grid: grid?.1, schools: schools, middle: middle)
            let leftOn: LocalDate? = role != .childDirector && rng.chance(4) ? ref.adding(days: -20 - rng.int(280)) : nil
            let phone = newPhone()
            let m = Mentor(name: name, role: role, phone: phone, organisation: organisation, gridName: grid?.1,
                           capacity: capacities[role] ?? role.defaultCapacity, status: leftOn == nil ? .active : .left, leftOn: leftOn)
            let keys = pinyin.keys(name)
            try stmt.execute(arguments: [name, keys.full, keys.initials, keys.spaced + " " + name, AppDatabase.searchExtra(m),
                                         role.rawValue, phone, organisation, grid?.0, m.capacity, m.status.rawValue,
                                         leftOn?.description, timestamp, timestamp])
            let id = db.lastInsertedRowID
            try AppDatabase.recordMentorHistory(db, mentor: id, at: timestamp, actor: "demo", field: "created", old: nil, new: "demo")
            if let leftOn {
                try AppDatabase.recordMentorHistory(db, mentor: id, at: timestamp, actor: "demo", field: "status",
                                                    old: "active", new: "left:" + leftOn.description)
            }
            mentors.append(Made(id: id, role: role, capacity: m.capacity, grid: grid?.0, leftOn: leftOn))
        }
    }

    mutating func personName(_ role: MentorRole) -> String {
        let surname = rng.pick(V.surnames)
        switch role {
        case .studentHelper:
            let pool = rng.chance(50) ? V.boyChars : V.girlChars
            return surname + rng.pick(pool) + rng.pick(pool)
        case .caringMother:
            return surname + rng.pick(V.elderFemale) + (rng.chance(60) ? rng.pick(V.girlChars) : "")
        default:
            let pool = rng.chance(50) ? V.boyChars : V.girlChars
            return surname + rng.pick(pool) + (rng.chance(70) ? rng.pick(pool) : "")
        }
    }

    mutating func organisation(_ role: MentorRole, grid: String?, schools: [String], middle: [String]) -> String {
        switch role {
        case .volunteer: return rng.pick(["县青年志愿者协会", "镇志愿服务队", "县团委", "镇卫生院", "县供电公司志愿服务队"])
        case .caringMother: return rng.pick(["镇妇联", "村妇代会", "巾帼志愿服务队"])
        case .proxyParent: return rng.pick(["镇政府", "镇派出所", "县教育局", "村委会", "镇财政所"])
        case .teacher: return schools.isEmpty ? "青山镇中心小学" : rng.pick(schools)
        case .studentHelper: return middle.isEmpty ? (schools.isEmpty ? "青山镇初级中学" : rng.pick(schools)) : rng.pick(middle)
        case .childDirector: return (grid ?? "青山镇") + "儿童之家"
        case .socialWorker: return rng.pick(["县社会工作服务中心", "阳光社工站", "镇社工站"])
        }
    }

    mutating func newPhone() -> String {
        while true {
            let p = "1" + rng.pick(["3", "5", "7", "8", "9"]) + rng.digits(9)
            if phones.insert(p).inserted { return p }
        }
    }

    // MARK: Pairings

    /// Takes a random mentor with room from `pool`, dropping full ones as it meets them.
    mutating func takeFree(_ pool: inout [Int]) -> Int? {
        while !pool.isEmpty {
            let k = rng.int(pool.count)
            let i = pool[k]
            if mentors[i].load < mentors[i].capacity { return i }
            pool.swapAt(k, pool.count - 1)
            pool.removeLast()
        }
        return nil
    }

    mutating func insert(child: Int64, mentor i: Int, role: PairRole, start: LocalDate,
                         end: (LocalDate, PairingEndReason)? = nil) throws {
        let stmt = try db.cachedStatement(sql: """
            INSERT INTO pairing(child_id, mentor_id, pair_role, start_date, end_date, end_reason, created_at, actor, ended_at, ended_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'demo', ?, ?)
            """)
        try stmt.execute(arguments: [child, mentors[i].id, role.rawValue, start.description, end?.0.description, end?.1.rawValue,
                                     timestamp, end == nil ? nil : timestamp, end == nil ? nil : "demo"])
        if end == nil { mentors[i].load += 1 }
        spans[i, default: []].append((start.dayNumber, end?.0.dayNumber))
    }

    /// Whether mentor `i` could have had one more child from `from` until `to` (exclusive) without
    /// exceeding capacity at any moment, so the history is as consistent as the present.
    func fits(_ i: Int, from: LocalDate, to: LocalDate) -> Bool {
        let a = from.dayNumber, b = to.dayNumber
        let known = spans[i] ?? []
        let moments = [a] + known.map(\.0).filter { $0 > a && $0 < b }
        return moments.allSatisfy { t in
            known.filter { $0.0 <= t && ($0.1 ?? Int.max) > t }.count < mentors[i].capacity
        }
    }

    /// Current primary mentors, preferring the child's grid; some children took over from a mentor who
    /// left. Returns the pairings that will get a reassigned predecessor once every load is known.
    mutating func pairPrimaries(_ kids: [Kid]) throws -> [(child: Int64, mentor: Int, start: LocalDate)] {
        let eligible = Set(PairRole.primary.suggestedMentorRoles)
        let primaries = mentors.indices.filter { eligible.contains(mentors[$0].role) }
        var all = primaries.filter { mentors[$0].leftOn == nil }
        let left = primaries.filter { mentors[$0].leftOn != nil }
        var byGrid: [Int64: [Int]] = [:]
        for i in all { if let g = mentors[i].grid { byGrid[g, default: []].append(i) } }
        var later: [(child: Int64, mentor: Int, start: LocalDate)] = []
        for kid in kids where rng.chance(80) {
            var chosen: Int? = nil
            if let g = kid.grid, rng.chance(85), var pool = byGrid[g] {
                chosen = takeFree(&pool)
                byGrid[g] = pool
            }
            guard let i = chosen ?? takeFree(&all) else { continue }
            var start = ref.adding(days: -30 - rng.int(600))
            if rng.chance(12) {
                if !left.isEmpty, rng.chance(50) {
                    let l = rng.pick(left), leftOn = mentors[l].leftOn!
                    let from = leftOn.adding(days: -60 - rng.int(400))
                    if fits(l, from: from, to: leftOn) {
                        start = leftOn
                        try insert(child: kid.id, mentor: l, role: .primary, start: from, end: (leftOn, .mentorLeft))
                    }
                } else {
                    later.append((kid.id, i, start))
                }
            }
            try insert(child: kid.id, mentor: i, role: .primary, start: start)
        }
        return later
    }

    /// An earlier primary mentor for some children, ended by reassignment on the current one's start.
    mutating func addReassigned(_ list: [(child: Int64, mentor: Int, start: LocalDate)]) throws {
        let eligible = Set(PairRole.primary.suggestedMentorRoles)
        let pool = mentors.indices.filter { eligible.contains(mentors[$0].role) && mentors[$0].leftOn == nil }
        guard !pool.isEmpty else { return }
        for (child, current, start) in list {
            let from = start.adding(days: -60 - rng.int(400))
            for _ in 0..<8 {
                let p = rng.pick(pool)
                if p != current, fits(p, from: from, to: start) {
                    try insert(child: child, mentor: p, role: .primary, start: from, end: (start, .reassigned))
                    break
                }
            }
        }
    }

    mutating func pairHelpers(_ kids: [Kid]) throws {
        var teachers = mentors.indices.filter { mentors[$0].role == .teacher && mentors[$0].leftOn == nil }
        var students = mentors.indices.filter { mentors[$0].role == .studentHelper && mentors[$0].leftOn == nil }
        var classTeacher: [Int64: Int] = [:]
        let schoolYear = LocalDate(year: ref.month >= 9 ? ref.year : ref.year - 1, month: 9, day: 1)!
        for kid in kids {
            if let cls = kid.classID, rng.chance(35) {
                let teacher = classTeacher[cls] ?? takeFree(&teachers)
                if let t = teacher, mentors[t].load < mentors[t].capacity {
                    classTeacher[cls] = t
                    try insert(child: kid.id, mentor: t, role: .classTeacher, start: schoolYear)
                }
            }
            if rng.chance(8), let s = takeFree(&students) {
                try insert(child: kid.id, mentor: s, role: .studentHelper, start: ref.adding(days: -14 - rng.int(300)))
            }
        }
    }

    /// Archived children keep the pairing their archiving ended.
    mutating func endArchived(_ kids: [Kid]) throws {
        let eligible = Set(PairRole.primary.suggestedMentorRoles)
        let primaries = mentors.indices.filter { eligible.contains(mentors[$0].role) && mentors[$0].leftOn == nil }
        guard !primaries.isEmpty else { return }
        for kid in kids where rng.chance(60) {
            let end = kid.archivedOn ?? ref, start = end.adding(days: -100 - rng.int(500))
            for _ in 0..<8 {
                let m = rng.pick(primaries)
                if fits(m, from: start, to: end) {
                    try insert(child: kid.id, mentor: m, role: .primary, start: start, end: (end, .childArchived))
                    break
                }
            }
        }
    }

    // MARK: Contacts

    static let summaries: [ContactKind: [String]] = [
        .visit: ["入户走访，了解生活起居", "家中走访，查看学习环境", "走访家庭，与祖辈交流近况", "走访了解假期安排"],
        .talk: ["谈心，聊学习和交友", "谈心，情绪平稳", "谈心，说想念在外打工的父母", "谈心，鼓励参加兴趣小组"],
        .teacher: ["与班主任沟通学习情况", "向班主任了解在校表现", "与班主任商量补习安排"],
        .guardian: ["与奶奶沟通作息和饮食", "与监护人沟通安全注意事项", "提醒监护人关注视力"],
        .call: ["亲情电话，与父母视频", "电话问候", "协助与父母通话"],
        .other: ["陪同参加社区活动", "送去学习用品"],
    ]

    /// Contacts for every pairing over the last year, deterministic from the seed.
    mutating func addContacts() throws {
        let insert = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO contact(child_id, mentor_id, kind, date, place, summary, concerns, follow_up, created_at,
                updated_at, actor, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo', 'demo')
            """)
        let pairings = try Row.fetchAll(db, sql: "SELECT child_id, mentor_id, pair_role, start_date, end_date FROM pairing ORDER BY id")
        let horizon = ref.adding(days: -365)
        for p in pairings {
            guard let role = PairRole(rawValue: p[2]), let start = LocalDate(parsing: p[3]) else { continue }
            let from = max(start, horizon)
            let to = min((p[4] as String?).flatMap { LocalDate(parsing: $0) } ?? ref, ref)
            let span = to.dayNumber - from.dayNumber
            guard span > 0 else { continue }
            var made: [(ContactKind, LocalDate)] = []
            switch role {
            case .primary:
                // Roughly one of each of the five ones per semester, each with its own chance of being done.
                let semesters = max(1, span / 150)
                for _ in 0..<semesters {
                    for kind in [ContactKind.visit, .talk, .teacher, .guardian, .letter] where rng.chance(kind == .letter ? 45 : 62) {
                        made.append((kind, from.adding(days: rng.int(span + 1))))
                    }
                    if rng.chance(40) { made.append((.call, from.adding(days: rng.int(span + 1)))) }
                }
            case .classTeacher:
                for month in stride(from: 0, to: span, by: 30) where rng.chance(55) {
                    made.append((.talk, from.adding(days: min(span, month + rng.int(30)))))
                }
            case .studentHelper:
                if rng.chance(50) { made.append((.other, from.adding(days: rng.int(span + 1)))) }
            }
            for (kind, date) in made {
                let summary = kind == .letter ? "" : rng.pick(Self.summaries[kind] ?? [""])
                let concern = rng.chance(6) ? rng.pick(Concern.allCases).rawValue : ""
                let place = kind == .visit ? "家中" : (kind == .talk ? rng.pick(["学校", "儿童之家", "家中"]) : "")
                try insert.execute(arguments: [p[0], p[1], kind.rawValue, date.description, place, summary, concern,
                                               concern.isEmpty ? "" : "下次走访时再了解", timestamp, timestamp])
            }
        }
    }
}
