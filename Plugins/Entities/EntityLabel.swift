/// The tagger's BIO labels for PERSON, ORG and LOC: 0 = O, then B/I pairs.
public enum EntityLabel {
    /// Number of labels.
    public static let count = 7
    /// The entity types the tagger learns, in label order.
    public static let types = ["PERSON", "ORG", "LOC"]
    /// The O label.
    public static let outside: UInt8 = 0

    /// The B label of type index `t` (0 PERSON, 1 ORG, 2 LOC).
    @inline(__always) public static func begin(_ t: Int) -> UInt8 { UInt8(1 + 2 * t) }
    /// The I label of type index `t`.
    @inline(__always) public static func inside(_ t: Int) -> UInt8 { UInt8(2 + 2 * t) }
    /// The type index of a non-O label.
    @inline(__always) public static func type(_ label: UInt8) -> Int { (Int(label) - 1) / 2 }
    @inline(__always) public static func isBegin(_ label: UInt8) -> Bool { label != 0 && label & 1 == 1 }

    /// Whether `label` may follow `previous` (I-X only after B-X or I-X).
    @inline(__always)
    public static func allowed(_ previous: UInt8?, _ label: UInt8) -> Bool {
        guard label != 0, label & 1 == 0 else { return true }
        guard let previous, previous != 0 else { return false }
        return type(previous) == type(label)
    }

    /// The type index of a CoNLL-style type name (PER, PERSON, ORG, LOC, GPE …), or `nil` for MISC and others.
    public static func typeIndex(_ name: Substring) -> Int? {
        switch name.uppercased() {
        case "PER", "PERSON": 0
        case "ORG", "ORGANIZATION", "ORGANISATION", "CORPORATION", "GROUP": 1
        case "LOC", "LOCATION", "GPE", "PLACE", "GEO-LOC": 2
        default: nil
        }
    }

    /// Entity spans (token ranges with type index) read from a label sequence.
    public static func spans(_ labels: [UInt8]) -> [(range: Range<Int>, type: Int)] {
        var out: [(Range<Int>, Int)] = []
        var i = 0
        while i < labels.count {
            let l = labels[i]
            guard l != 0 else { i += 1; continue }
            let t = type(l)
            var j = i + 1
            while j < labels.count, labels[j] == inside(t) { j += 1 }
            out.append((i..<j, t))
            i = j
        }
        return out
    }
}
