import Foundation

/// The words of a message: runs of two or more ASCII letters.
public func asciiWords(_ text: String) -> [String] {
    var out: [String] = [], current = ""
    for ch in text.unicodeScalars {
        if ch.isASCII, CharacterSet.letters.contains(ch) { current.unicodeScalars.append(ch) } else {
            if current.count >= 2 { out.append(current) }
            current = ""
        }
    }
    if current.count >= 2 { out.append(current) }
    return out
}

/// The English words left in a Chinese message once the values it quotes (`“kind”`, `“2026-fall”`)
/// and the given data (paths, file names) are taken out: none should be left, since the reasons of
/// lower layers are worded from the catalog.
public func englishWords(inChinese text: String, data: [String] = []) -> [String] {
    var rest = text.replacingOccurrences(of: "“[^”]*”", with: " ", options: .regularExpression)
    for d in data { rest = rest.replacingOccurrences(of: d, with: " ") }
    return asciiWords(rest)
}
