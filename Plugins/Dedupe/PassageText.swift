/// The text of the passages a document shares with another, for `duplicate.passages`: the document is
/// tokenised again with byte offsets and its shared runs of shingles are cut out of its text.
enum PassageText {
    static func shared(_ text: String, with other: ArraySlice<UInt32>, shift: UInt8, builder: SketchBuilder) -> [String] {
        var words: [UInt64] = []
        var offsets: [Range<Int>] = []
        withUnsafeMutablePointer(to: &offsets) { builder.tokeniser.tokenise(text, into: &words, offsets: $0) }
        let n = builder.shingleSize
        guard words.count >= n else { return [] }
        let mask = (UInt32(1) << UInt32(shift)) &- 1
        var ordered: [UInt32] = []
        var positions: [UInt32] = []
        words.withUnsafeBufferPointer { w in
            for i in 0...(w.count - n) {
                let v = UInt32(truncatingIfNeeded: Mix64.shingle(w, i, n) >> 32)
                if v & mask == 0 {
                    ordered.append(v)
                    positions.append(UInt32(i))
                }
            }
        }
        let ranges = SharedPassages.find(sample: ordered[...], positions: positions[...], shift: shift, other: other, shingleSize: n)
        let utf8 = Array(text.utf8)
        return ranges.map { range in
            let start = offsets[range.lowerBound].lowerBound
            let end = offsets[min(range.upperBound, offsets.count) - 1].upperBound
            return String(decoding: utf8[start..<end], as: UTF8.self)
        }
    }
}
