/// First-order Viterbi decoding over the BIO labels with the constraint that I-X follows B-X or I-X.
enum Viterbi {
    /// Best labels for one sentence. `emissions` holds `count × EntityLabel.count` scores from `offset`;
    /// `transitions` is 8 rows of 7 (row 7 = sentence start). `scratch` is reused between calls.
    static func decode(
        emissions: UnsafeBufferPointer<Float>, offset: Int, count: Int, transitions: UnsafeBufferPointer<Float>,
        scratch: inout [Float], back: inout [UInt8], into labels: inout [UInt8], at labelOffset: Int
    ) {
        let L = EntityLabel.count
        guard count > 0 else { return }
        if scratch.count < 2 * L { scratch = [Float](repeating: 0, count: 2 * L) }
        if back.count < count * L { back = [UInt8](repeating: 0, count: count * L) }
        let negative = -Float.greatestFiniteMagnitude
        var prev = 0
        var cur = L
        for l in 0..<L {
            let allowed = EntityLabel.allowed(nil, UInt8(l))
            scratch[l] = allowed ? transitions[7 * L + l] + emissions[offset + l] : negative
        }
        var i = 1
        while i < count {
            let e = offset + i * L
            for l in 0..<L {
                var best = negative
                var arg: UInt8 = 0
                for p in 0..<L where EntityLabel.allowed(UInt8(p), UInt8(l)) {
                    let s = scratch[prev + p] + transitions[p * L + l]
                    if s > best { best = s; arg = UInt8(p) }
                }
                scratch[cur + l] = best + emissions[e + l]
                back[i * L + l] = arg
            }
            swap(&prev, &cur)
            i += 1
        }
        var bestLabel = 0
        for l in 1..<L where scratch[prev + l] > scratch[prev + bestLabel] { bestLabel = l }
        var label = UInt8(bestLabel)
        i = count - 1
        while true {
            labels[labelOffset + i] = label
            if i == 0 { break }
            label = back[i * L + Int(label)]
            i -= 1
        }
    }
}
