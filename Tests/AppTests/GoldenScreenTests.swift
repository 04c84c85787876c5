import Storage
import Testing
import TerminalUI
@testable import App

@Suite("Golden screens")
struct GoldenScreenTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    @Test(arguments: [Language.zhHans, .en], sizes)
    func roster(language: Language, size: Size) throws {
        let p = try makeProgram(size: size, language: language)
        p.press(.down, .down)
        expectGolden(p.screen, "roster-\(language.rawValue)-\(size.width)x\(size.height)")
    }

    @Test(arguments: [Language.zhHans, .en], sizes)
    func detail(language: Language, size: Size) throws {
        let p = try makeProgram(size: size, language: language)
        p.press(.down, .enter)
        expectGolden(p.screen, "detail-\(language.rawValue)-\(size.width)x\(size.height)")
    }

    @Test(arguments: [Language.zhHans, .en], sizes)
    func help(language: Language, size: Size) throws {
        let p = try makeProgram(size: size, language: language)
        p.press(.char("?"))
        expectGolden(p.screen, "help-\(language.rawValue)-\(size.width)x\(size.height)")
    }

    @Test func searchInChinese() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("/"))
        p.type("王")
        expectGolden(p.screen, "search-zh-Hans-80x24")
    }

    @Test func tooSmall() throws {
        let p = try makeProgram(size: Size(width: 60, height: 20))
        expectGolden(p.screen, "too-small-zh-Hans-60x20")
    }
}

@Suite("Golden screens: mentors")
struct MentorGoldenTests {
    @Test(arguments: [Language.zhHans, .en], GoldenScreenTests.sizes)
    func mentors(language: Language, size: Size) throws {
        let p = try makeProgram(size: size, language: language)
        p.press(.char("2"), .down)
        expectGolden(p.screen, "mentors-\(language.rawValue)-\(size.width)x\(size.height)")
        p.press(.enter)
        expectGolden(p.screen, "mentor-detail-\(language.rawValue)-\(size.width)x\(size.height)")
    }

    @Test(arguments: [Language.zhHans, .en])
    func pairPicker(language: Language) throws {
        let p = try makeProgram(size: Size(width: 80, height: 24), language: language)
        let child = try #require(try p.runtime.database.unpairedChildIDs().first)
        let index = try #require(p.state.roster.ids.firstIndex(of: child))
        for _ in 0..<index { p.press(.down) }
        p.press(.enter, .char("p"))
        expectGolden(p.screen, "pair-picker-\(language.rawValue)-80x24")
    }
}

@Suite("Golden screens: forms")
struct FormGoldenTests {
    @Test(arguments: [Language.zhHans, .en])
    func addFormWithProblems(language: Language) throws {
        let p = try makeProgram(size: Size(width: 80, height: 24), language: language)
        p.press(.char("a"))
        p.type("王小明")
        p.press(.tab, .tab, .tab)
        p.type("510722201503051171") // wrong check character
        p.press(.tab)
        expectGolden(p.screen, "form-add-\(language.rawValue)-80x24")
    }

    @Test func sweepAfterOneChild() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("s"))
        p.type("石桥村3组")
        p.press(.tab)
        p.type("石桥村3组15号")
        p.press(.tab)
        p.type("王国福")
        p.press(.tab)
        p.type("爷")
        for _ in 0..<10 { p.press(.tab) }
        p.type("王小明")
        p.dispatch(.childSaved(SavedChild(id: 999, household: 1, guardian: 1, version: 1)))
        expectGolden(p.screen, "form-sweep-zh-Hans-80x24")
    }

    @Test func mentorForm() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("2"), .char("a"))
        p.type("李秀英")
        p.press(.tab, .tab)
        p.type("139")
        expectGolden(p.screen, "form-mentor-zh-Hans-80x24")
    }
}
