/// libFuzzer target: any text through the ID-number validator (GB 11643); what it accepts must be
/// 18 characters with the right check character.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDNumber(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let raw = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    if let id = try? IDNumber.validate(raw) {
        let c = Array(id.value)
        precondition(c.count == 18 && IDNumber.checkCharacter(forFirst17: c[..<17]) == c[17], "accepted \(raw.debugDescription)")
    }
    return 0
}
