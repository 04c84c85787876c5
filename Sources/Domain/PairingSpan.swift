/// The days a child and a mentor were paired: from `start` to `end` inclusive (nil: still paired).
/// A contact counts toward the five ones only on such a day (the engine's rule, the import's warning
/// and the contact form's warning all read it the same way).
public struct PairingSpan: Equatable, Sendable, Codable {
    public var start: LocalDate
    public var end: LocalDate?

    public init(start: LocalDate, end: LocalDate? = nil) { self.start = start; self.end = end }

    public func contains(_ date: LocalDate) -> Bool { start <= date && (end.map { date <= $0 } ?? true) }

    /// Why a contact dated `date` between a child and a mentor with these pairing spans counts for
    /// nothing, or nil when it counts (or when nothing is known of the pair's pairings): before the
    /// first pairing began (`contactBeforePairing` naming its start), or on another day they were not
    /// paired (`contactOutsidePairing`). A warning: the contact may still be saved.
    public static func contactProblem(on date: LocalDate, spans: [PairingSpan]) -> FieldProblem? {
        guard !spans.isEmpty, !spans.contains(where: { $0.contains(date) }) else { return nil }
        let first = spans.map(\.start).min()!
        return date < first ? .contactBeforePairing(first) : .contactOutsidePairing
    }
}
