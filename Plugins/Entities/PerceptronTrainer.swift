/// Trains the tagger: a structured averaged perceptron (Collins 2002) over hashed features with Viterbi
/// decoding, deterministic for a given seed (fixed shuffling, no threads), then quantised to Int16.
public struct PerceptronTrainer: Sendable {
    /// Training settings.
    public struct Settings: Sendable {
        /// Passes over the data.
        public var epochs: Int
        /// log2 of the number of hashed feature rows.
        public var bucketBits: Int
        /// Seed of the shuffling.
        public var seed: UInt64
        /// Settings; the defaults train the shipped model.
        public init(epochs: Int = 12, bucketBits: Int = 20, seed: UInt64 = 20_261_201) {
            self.epochs = epochs
            self.bucketBits = bucketBits
            self.seed = seed
        }
    }

    /// The settings used.
    public var settings: Settings
    /// A trainer with `settings`.
    public init(settings: Settings) { self.settings = settings }

    /// Progress after one epoch: epoch number, token accuracy on the training data during the epoch.
    public typealias Progress = @Sendable (Int, Double) -> Void

    /// Trains on `documents` with `gazetteer` and returns the quantised model.
    public func train(_ documents: [LabeledDocument], gazetteer: GazetteerTable, progress: Progress? = nil) -> TaggerModel {
        let L = EntityLabel.count
        let F = FeatureExtractor.featureCount
        let extractor = FeatureExtractor(bucketBits: settings.bucketBits, gazetteer: gazetteer)
        let buckets = documents.map { extractor.buckets($0.text) }
        var order: [(document: Int, sentence: Range<Int>)] = []
        for (d, document) in documents.enumerated() {
            for s in document.text.sentences where !s.isEmpty { order.append((d, s)) }
        }
        let rows = 1 << settings.bucketBits
        var w = [Float](repeating: 0, count: rows * L)
        var u = [Float](repeating: 0, count: rows * L)  // Σ c·Δ for averaging (Daumé's trick)
        var t = [Float](repeating: 0, count: 8 * L)
        var tu = [Float](repeating: 0, count: 8 * L)
        var c: Float = 1
        var rng = SplitMix64(seed: settings.seed)
        var emissions: [Float] = []
        var predicted: [UInt8] = []
        var scratch = [Float](repeating: 0, count: 2 * L)
        var back: [UInt8] = []
        for epoch in 1...max(1, settings.epochs) {
            // Fisher–Yates with the seeded generator.
            if order.count > 1 {
                for k in stride(from: order.count - 1, to: 0, by: -1) {
                    let j = Int(rng.next() % UInt64(k + 1))
                    order.swapAt(k, j)
                }
            }
            var correct = 0
            var total = 0
            for (d, sentence) in order {
                let n = sentence.count
                let gold = documents[d].labels
                let b = buckets[d]
                if emissions.count < n * L { emissions = [Float](repeating: 0, count: n * L) }
                if predicted.count < n { predicted = [UInt8](repeating: 0, count: n) }
                for (k, i) in sentence.enumerated() {
                    for l in 0..<L {
                        var s: Float = 0
                        for f in 0..<F { s += w[Int(b[i * F + f]) * L + l] }
                        emissions[k * L + l] = s
                    }
                }
                emissions.withUnsafeBufferPointer { e in
                    t.withUnsafeBufferPointer { tp in
                        Viterbi.decode(emissions: e, offset: 0, count: n, transitions: tp, scratch: &scratch, back: &back,
                                       into: &predicted, at: 0)
                    }
                }
                var same = true
                for (k, i) in sentence.enumerated() where predicted[k] != gold[i] { same = false; break }
                total += n
                if same {
                    correct += n
                } else {
                    for (k, i) in sentence.enumerated() {
                        let g = Int(gold[i]), p = Int(predicted[k])
                        if g == p { correct += 1; continue }
                        for f in 0..<F {
                            let row = Int(b[i * F + f]) * L
                            w[row + g] += 1; u[row + g] += c
                            w[row + p] -= 1; u[row + p] -= c
                        }
                    }
                    for (k, i) in sentence.enumerated() {
                        let gp = k == 0 ? 7 : Int(gold[i - 1]), g = Int(gold[i])
                        let pp = k == 0 ? 7 : Int(predicted[k - 1]), p = Int(predicted[k])
                        if gp == pp && g == p { continue }
                        t[gp * L + g] += 1; tu[gp * L + g] += c
                        t[pp * L + p] -= 1; tu[pp * L + p] -= c
                    }
                }
                c += 1
            }
            progress?(epoch, total == 0 ? 1 : Double(correct) / Double(total))
        }
        // Averaged weights: w − u / c.
        var maxAbs: Float = 0
        for k in 0..<w.count {
            w[k] -= u[k] / c
            maxAbs = max(maxAbs, abs(w[k]))
        }
        for k in 0..<t.count { t[k] -= tu[k] / c }
        let scale = maxAbs > 0 ? maxAbs / 32767 : 1
        let quantised = w.map { Int16(clamping: Int(($0 / scale).rounded())) }
        return TaggerModel(bucketBits: settings.bucketBits, weights: quantised, scale: scale, transitions: t, gazetteer: gazetteer)
    }
}

/// SplitMix64: a small, fast, seedable generator for deterministic shuffling.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64
    /// A generator starting from `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
