import Foundation

/// Bands × rows for locality-sensitive hashing of a MinHash signature, chosen for a Jaccard threshold
/// the way datasketch's `_optimal_param` does: the (b, r) with b·r ≤ signature length that minimises
/// the weighted area of false positives (below the threshold) and false negatives (above it) under the
/// candidate-probability curve 1 − (1 − s^r)^b.
struct LSHParameters: Sendable, Equatable {
    var bands: Int
    var rows: Int

    /// The optimal parameters for `threshold` with a `permutations`-long signature.
    static func optimal(threshold: Double, permutations: Int, falsePositiveWeight: Double = 0.5,
                        falseNegativeWeight: Double = 0.5) -> LSHParameters {
        var best = LSHParameters(bands: 1, rows: permutations)
        var bestError = Double.infinity
        for b in 1...permutations {
            let maxRows = permutations / b
            guard maxRows >= 1 else { break }
            for r in 1...maxRows {
                let fp = integrate(0, threshold) { s in 1 - pow(1 - pow(s, Double(r)), Double(b)) }
                let fn = integrate(threshold, 1) { s in pow(1 - pow(s, Double(r)), Double(b)) }
                let error = fp * falsePositiveWeight + fn * falseNegativeWeight
                if error < bestError {
                    bestError = error
                    best = LSHParameters(bands: b, rows: r)
                }
            }
        }
        return best
    }

    /// Probability that a pair with Jaccard `s` shares at least one band.
    func candidateProbability(_ s: Double) -> Double { 1 - pow(1 - pow(s, Double(rows)), Double(bands)) }

    private static func integrate(_ a: Double, _ b: Double, _ f: (Double) -> Double) -> Double {
        let steps = 200
        let width = (b - a) / Double(steps)
        var area = 0.0
        for i in 0..<steps { area += f(a + (Double(i) + 0.5) * width) * width }
        return area
    }
}
