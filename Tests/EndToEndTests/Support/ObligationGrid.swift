/// Reading the obligations grid (screen 4) off a captured screen.
extension EndToEndTestCase {
    /// The grid's line for a child and mentor.
    func gridLine(_ screen: String, child: String, mentor: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains(child) && $0.contains(mentor) && $0.contains("/5") }
    }

    /// The marks of a grid line, in rule order (✓ · ! –).
    func marks(_ line: String) -> [String] {
        line.split(separator: " ").map(String.init).filter { ["✓", "·", "!", "–"].contains($0) }
    }
}
