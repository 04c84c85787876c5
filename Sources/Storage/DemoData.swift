import Domain
import Foundation
import GRDB

/// A small deterministic generator (SplitMix64): the same seed gives the same demo data everywhere.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n.
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
    /// True with probability `p` percent.
    mutating func chance(_ p: Int) -> Bool { int(100) < p }
    mutating func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(int(10))) }) }
}

/// Synthetic, realistic-looking data for demonstrations and tests. Every person is invented:
/// names from common surnames and given-name characters, valid but random ID numbers.
enum DemoVocabulary {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单仇解查").map(String.init)
    static let boyChars = Array("浩宇轩子涵博文杰俊豪磊鹏强伟明辉睿泽晨阳天佳航嘉鑫诚一凯翔宏志健远").map(String.init)
    static let girlChars = Array("欣怡梓涵雨萱诗琪佳慧静婷雪琳思语可馨心悦梦瑶紫薇晓蕾颖丹妍彤").map(String.init)
    static let elderMale = Array("国建德福贵明发海祥春生永华清忠明才有").map(String.init)
    static let elderFemale = Array("秀英兰芳玉珍桂凤翠琴淑霞丽菊梅莲").map(String.init)
    static let villages = ["石桥村", "柳湾村", "青山社区", "杨家坝村", "河口村", "白云村", "新华社区", "松林村",
                           "龙潭村", "桃源村", "黄泥村", "双河社区"]
    static let regions = ["510722", "511321", "411723", "431224", "522425", "360730", "421127", "341222"]
    static let workPlaces = ["广东省深圳市", "广东省东莞市", "广东省广州市", "浙江省宁波市", "浙江省义乌市", "福建省厦门市",
                             "江苏省苏州市", "上海市", "北京市", "新疆乌鲁木齐市", "四川省成都市", "重庆市"]
    static let jobs = ["电子厂", "建筑工地", "服装厂", "餐馆", "快递", "物流园", "装修", "家政"]
    static let health = ["良好", "良好", "良好", "良好", "良好", "近视", "过敏性鼻炎", "哮喘", "贫血", "先天性心脏病（术后）"]
    static let interests = ["画画", "唱歌", "跳绳", "篮球", "阅读", "书法", "乒乓球", "下棋", "手工", "跑步", "足球", "讲故事"]
    static let ethnicities = ["汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "汉族", "土家族", "苗族", "彝族", "回族"]
    static let guardianNotes = ["", "", "身体尚可", "年迈，行动不便", "不识字", "患高血压", "务农，白天外出"]
}

/// How many children and from which seed; `referenceDate` anchors the ages (3–15 on that date).
public struct DemoOptions: Sendable {
    public var children: Int
    public var seed: UInt64
    public var referenceDate: LocalDate

    public init(children: Int = 300, seed: UInt64 = 2026, referenceDate: LocalDate) {
        self.children = children; self.seed = seed; self.referenceDate = referenceDate
    }
}

/// Raised when asked to put demo data into a database that holds real records.
public struct NotADemoDatabase: Error, CustomStringConvertible {
    public var description: String { "this database holds real records and is not marked as a demo database; demo data was not added" }
}

extension AppDatabase {
    /// Replaces the contents of an empty or demo database with deterministic synthetic data and marks it as demo.
    /// Calls `progress(done, total)` every few hundred children.
    public func fillDemo(_ options: DemoOptions, progress: ((Int, Int) -> Void)? = nil) throws {
        try writer.write { db in
            let isDemo = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'is_demo'") == "1"
            let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM child") ?? 0
            // A database with accounts is a real one, even before its first child: demo data would
            // turn its sign-in off.
            let accounts = try Bool.fetchOne(db, sql: #"SELECT EXISTS (SELECT 1 FROM "user")"#) ?? false
            guard isDemo || (existing == 0 && !accounts) else { throw NotADemoDatabase() }
            try Self.clearMentorData(db)
            for table in ["growth_record", "child_history", "child", "guardian", "household", "school_class", "school", "grid"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try Self.setSetting(db, .communityName, "青山镇（演示）")
            try Self.setSetting(db, .isDemo, "1")
            try Self.setSetting(db, .demoSeed, String(options.seed))
            var gen = DemoGenerator(options: options)
            var writer = try ChildWriter(db: db, timestamp: options.referenceDate.description + "T09:00:00+08:00")
            var made = 0
            while made < options.children {
                let household = gen.household(maxChildren: options.children - made)
                let hid = try writer.insertHousehold(address: household.address, grid: household.grid)
                let gid = try writer.insertGuardian(household.guardian, household: hid)
                for child in household.children {
                    _ = try writer.insertChild(child, household: hid, guardian: gid)
                    made += 1
                    if made % 500 == 0 || made == options.children { progress?(made, options.children) }
                }
            }
            try Self.fillDemoMentors(db, seed: options.seed, referenceDate: options.referenceDate)
            try Self.fillDemoActivities(db, seed: options.seed, referenceDate: options.referenceDate)
        }
    }
}

/// Produces households one at a time. Pure apart from its own random state.
struct DemoGenerator {
    typealias V = DemoVocabulary
    var rng: SeededRandom
    let options: DemoOptions
    let grids: [String]
    let primarySchools: [String]
    let middleSchools: [String]
    let kindergartens: [String]
    var usedIDs: Set<String> = []
    var usedPhones: Set<String> = []

    init(options: DemoOptions) {
        self.options = options
        rng = SeededRandom(seed: options.seed)
        let gridCount = max(6, min(400, options.children / 120))
        var grids: [String] = []
        for i in 0..<gridCount {
            let village = V.villages[i % V.villages.count]
            let round = i / V.villages.count
            grids.append(village + "\(round + 1)组")
        }
        self.grids = grids
        let schoolCount = max(1, min(60, options.children / 1500))
        let towns = ["青山镇", "石桥镇", "河口镇", "白云镇", "松林乡", "龙潭乡"]
        func names(_ suffix: String) -> [String] {
            (0..<schoolCount).map { i in
                let town = towns[i % towns.count]
                return i < towns.count ? town + suffix : town + "第\(i / towns.count + 1)" + suffix
            }
        }
        primarySchools = names("中心小学")
        middleSchools = names("初级中学")
        kindergartens = names("中心幼儿园")
    }

    struct Household {
        var address: String
        var grid: String
        var guardian: Guardian
        var children: [Child]
    }

    mutating func phone() -> String {
        while true {
            let p = "1" + rng.pick(["3", "5", "7", "8", "9"]) + rng.digits(9)
            if usedPhones.insert(p).inserted { return p }
        }
    }

    mutating func elderName(surname: String, male: Bool) -> String {
        surname + rng.pick(male ? V.elderMale : V.elderFemale) + (rng.chance(60) ? rng.pick(male ? V.elderMale : V.elderFemale) : "")
    }

    mutating func household(maxChildren: Int) -> Household {
        let gridIndex = rng.int(grids.count)
        let grid = grids[gridIndex]
        let address = grid + "\(rng.int(80) + 1)号"
        let fatherSurname = rng.pick(V.surnames)
        var motherSurname = rng.pick(V.surnames)
        if motherSurname == fatherSurname { motherSurname = rng.pick(V.surnames) }
        let father = Parent(name: elderName(surname: fatherSurname, male: true),
                            workPlace: rng.pick(V.workPlaces) + "（" + rng.pick(V.jobs) + "）", phone: phone())
        let mother = Parent(name: elderName(surname: motherSurname, male: false),
                            workPlace: rng.pick(V.workPlaces) + "（" + rng.pick(V.jobs) + "）", phone: phone())
        let typeRoll = rng.int(100)
        let type: LeftBehindType = typeRoll < 58 ? .bothAway : (typeRoll < 88 ? .fatherAway : .motherAway)
        let relRoll = rng.int(100)
        let relation: GuardianRelation
        switch relRoll {
        case 0..<34: relation = .paternalGrandmother
        case 34..<58: relation = .paternalGrandfather
        case 58..<72: relation = .maternalGrandmother
        case 72..<80: relation = .maternalGrandfather
        case 80..<88: relation = type == .fatherAway ? .mother : (type == .motherAway ? .father : .uncleOrAunt)
        case 88..<95: relation = .otherRelative
        default: relation = .other
        }
        let guardianName: String
        switch relation {
        case .paternalGrandfather: guardianName = elderName(surname: fatherSurname, male: true)
        case .paternalGrandmother: guardianName = elderName(surname: rng.pick(V.surnames), male: false)
        case .maternalGrandfather: guardianName = elderName(surname: motherSurname, male: true)
        case .maternalGrandmother: guardianName = elderName(surname: rng.pick(V.surnames), male: false)
        case .father: guardianName = father.name
        case .mother: guardianName = mother.name
        default: guardianName = elderName(surname: rng.pick(V.surnames), male: rng.chance(50))
        }
        let guardian = Guardian(name: guardianName, relation: relation, phone: phone(),
                                capacityNotes: rng.pick(V.guardianNotes))
        let countRoll = rng.int(100)
        let count = min(maxChildren, countRoll < 62 ? 1 : (countRoll < 92 ? 2 : 3))
        var children: [Child] = []
        for _ in 0..<count {
            children.append(child(surname: fatherSurname, grid: grid, address: address, guardian: guardian,
                                  father: father, mother: mother, type: type))
        }
        return Household(address: address, grid: grid, guardian: guardian, children: children)
    }

    mutating func child(surname: String, grid: String, address: String, guardian: Guardian,
                        father: Parent, mother: Parent, type: LeftBehindType) -> Child {
        let sex: Sex = rng.chance(52) ? .male : .female
        let pool = sex == .male ? V.boyChars : V.girlChars
        let given = rng.pick(pool) + (rng.chance(75) ? rng.pick(pool) : "")
        let ref = options.referenceDate
        // Ages 3...15 on the reference date: born after ref-16y, on or before ref-3y.
        let earliest = LocalDate(year: ref.year - 16, month: ref.month, day: min(ref.day, 28))!.dayNumber + 1
        let latest = LocalDate(year: ref.year - 3, month: ref.month, day: min(ref.day, 28))!.dayNumber
        let birth = LocalDate(dayNumber: earliest + rng.int(latest - earliest + 1))
        let age = birth.age(on: ref)
        var idNumber: String? = nil
        if !rng.chance(3) { // a few children have no ID number recorded yet
            while true {
                let sexDigit = sex == .male ? [1, 3, 5, 7, 9][rng.int(5)] : [0, 2, 4, 6, 8][rng.int(5)]
                let compact = birth.description.replacingOccurrences(of: "-", with: "")
                let first17 = rng.pick(V.regions) + compact + rng.digits(2) + String(sexDigit)
                let candidate = first17 + String(IDNumber.checkCharacter(forFirst17: Array(first17))!)
                if usedIDs.insert(candidate).inserted { idNumber = candidate; break }
            }
        }
        let (school, cls) = placement(age: age)
        let careNotice = rng.chance(72)
        let archived = rng.chance(3)
        return Child(
            name: surname + given, sex: sex, ethnicity: rng.pick(V.ethnicities), idNumber: idNumber, birthDate: birth,
            schoolName: school, className: cls, gridName: grid, address: address, guardian: guardian,
            father: father, mother: mother, leftBehindType: type,
            hardship: rng.chance(8), dibao: rng.chance(10), disability: rng.chance(2),
            health: rng.pick(V.health), interests: rng.pick(V.interests) + "、" + rng.pick(V.interests),
            careNoticeGiven: careNotice, careNoticeDate: careNotice ? ref.adding(days: -rng.int(600) - 30) : nil,
            weeklyParentContact: rng.chance(75), notes: rng.chance(10) ? "父母春节回家" : "",
            status: archived ? .archived : .active,
            archiveReason: archived ? rng.pick([.parentReturned, .movedAway]) : nil,
            archivedOn: archived ? ref.adding(days: -rng.int(200) - 1) : nil)
    }

    mutating func placement(age: Int) -> (String, String) {
        let section = "(\(rng.int(3) + 1))班"
        switch age {
        case ..<6:
            return (rng.pick(kindergartens), ["小班", "中班", "大班"][max(0, min(2, age - 3))])
        case 6...11:
            let grades = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"]
            return (rng.pick(primarySchools), grades[age - 6] + section)
        default:
            let grades = ["七年级", "八年级", "九年级", "九年级"]
            return (rng.pick(middleSchools), grades[min(3, age - 12)] + section)
        }
    }
}
