import Testing
import TerminalUI
@testable import App

/// The reports screen puts a figure's count and its share in two right-aligned columns, so the
/// digits of a section stand under one another whatever their width.
struct ReportColumnsTests {
    @Test func countsAndSharesStandInColumns() {
        let values = ["290 人", "144 人  49.7%", "7 人  2.4%", "35.0%  (409 人)", "1234"]
        let columns = ValueColumns(values)
        let lines = values.map(columns.aligned)
        #expect(lines == [
            "290 人" + "  " + "        ",
            "144 人" + "  " + "   49.7%",
            "  7 人" + "  " + "    2.4%",
            " 35.0%" + "  " + "(409 人)",
            "  1234" + "  " + "        ",
        ])
        // Every line is exactly as wide as the column, and the ends of the counts line up.
        #expect(Set(lines.map(TextWidth.of)) == [columns.width])
        let countEnd = lines.map { TextWidth.of(String($0.prefix(while: { $0 != "人" }))) }
        #expect(countEnd[0] == countEnd[1] && countEnd[1] == countEnd[2])
        #expect(lines[1].hasSuffix("49.7%") && lines[2].hasSuffix(" 2.4%"))
    }

    @Test func aValueWithoutAShareAlignsWithTheCounts() {
        let columns = ValueColumns(["12", "1234"])
        #expect(columns.width == 4)
        #expect(columns.aligned("12") == "  12")
    }
}
