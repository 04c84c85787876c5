/// Inputs more than one test target reads.
public enum Fixtures {
    /// A rules file with a problem on nearly every line (lines 1, 5, 6, 9, 11, 12, 14, 15, 16): a
    /// minimum beyond a year, an unknown kind and period, a repeated id, an unknown key, a rule
    /// without id, a count of zero, an unknown pair role and an unknown top-level key.
    public static let faultyRulesYAML = """
        min_days: 400
        rules:
          - id: visit
            name: 家访
            kind: party
            period: fortnight
          - id: visit
            name: 又一次
            kind: visit
            colour: red
          - name: 无编号
            kind: talk
            count: 0
            pair_role: [primary, uncle]
        extra: 1
        """
}
