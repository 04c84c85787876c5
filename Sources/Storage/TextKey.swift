import Foundation

/// A text as a dictionary key, hashed and compared by its UTF-8 bytes.
///
/// Swift's `String` hashes and compares through Unicode normalisation (NFC) whenever the text is
/// not ASCII, which for Chinese names and addresses was a tenth of a 100,000-row import. Keys here
/// identify records by the text as typed and stored (the database keeps exactly those bytes), so
/// byte equality is the identity meant; CJK ideographs are unchanged by NFC in any case.
struct TextKey: Hashable, @unchecked Sendable {
    let text: String

    init(_ text: String) {
        var t = text
        t.makeContiguousUTF8()
        self.text = t
    }

    func hash(into hasher: inout Hasher) {
        text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: TextKey, b: TextKey) -> Bool {
        a.text.utf8.withContiguousStorageIfAvailable { x in
            b.text.utf8.withContiguousStorageIfAvailable { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }.flatMap { $0 } ?? a.text.utf8.elementsEqual(b.text.utf8)
    }
}
