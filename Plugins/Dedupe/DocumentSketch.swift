import CopydeskCore

/// What matching needs to know about one document, computed in parallel before the in-order part:
/// the exact content hash, a consistent sample of its shingle hashes (sorted, for verification, with the
/// word position of each, for finding shared passages), and its LSH band keys.
struct DocumentSketch: Sendable {
    /// Matching words (after boilerplate lines are left out).
    var words: Int
    /// Hash of the whole matching word sequence: equal for exact copies.
    var contentHash: UInt64
    /// Sample rate 2^-shift: a shingle is sampled when its value's low `shift` bits are zero.
    var shift: UInt8
    /// Every array of the sketch in one allocation: the sorted distinct sample, the word position of
    /// each sample value's first occurrence, and the band keys (see the slices below).
    var storage: [UInt32]
    var sampleCount = 0

    /// Distinct sampled shingle values, sorted.
    var sample: ArraySlice<UInt32> { storage[0..<sampleCount] }
    /// The word position where each value of `sample` first occurs.
    var samplePositions: ArraySlice<UInt32> { storage[sampleCount..<(2 * sampleCount)] }
    /// One key per LSH band; empty for documents too short to shingle.
    var bandKeys: ArraySlice<UInt32> { storage[(2 * sampleCount)...] }
    /// Publication time in seconds since 1970, when known.
    var published: Int64?
    /// Rank in the source-priority list (lower wins); `Int32.max` when not listed.
    var priority: Int32

    /// Words at the start of a document that make its lead, for "the shared passage includes the lead".
    static let leadWords = 8

    /// Whether the document has shingles (at least `shingleSize` words).
    var hasShingles: Bool { !bandKeys.isEmpty }
}

/// Computes ``DocumentSketch``es: tokenise, hash shingles, sample, sign, band. Pure, so it runs on
/// the workers and gives the same result on any thread.
struct SketchBuilder: DocumentPreparer {
    let tokeniser: MatchTokeniser
    let shingleSize: Int
    let sampleCap: Int
    let minHash: OnePermutationMinHash
    let lsh: LSHParameters
    let priority: SourcePriority

    func prepare(_ document: Document) -> any Sendable { sketch(document) }

    /// The sketch of `document`.
    func sketch(_ document: Document) -> DocumentSketch {
        var text = document.text
        return text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bytes.count / 2 + 1) { words in
                sketch(words: words, count: tokeniser.scan(bytes, into: words, ranges: nil), document: document)
            }
        }
    }

    private func sketch(words: UnsafeMutableBufferPointer<UInt64>, count wordCount: Int, document: Document) -> DocumentSketch {
        var content: UInt64 = 0x1234_5678_9ABC_DEF1 ^ UInt64(wordCount)
        for i in 0..<wordCount { content = Mix64.combine(content, words[i]) }
        var result = DocumentSketch(
            words: wordCount, contentHash: Mix64.fmix(content), shift: 0, storage: [], published: PublishedDate.seconds(document.published), priority: priority.rank(of: document))
        let count = wordCount - shingleSize + 1
        guard count > 0 else { return result }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { shingles in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 33) { depth in
                depth.initialize(repeating: 0)
                let w = UnsafeBufferPointer(words)
                for i in 0..<count {
                    let h = Mix64.shingle(w, i, shingleSize)
                    shingles[i] = h
                    depth[min(32, UInt32(truncatingIfNeeded: h >> 32).trailingZeroBitCount)] += 1
                }
                // The smallest rate 2^-shift that keeps at most `sampleCap` sampled shingles.
                var shift = 0
                var kept = count
                while kept > sampleCap && shift < 31 {
                    kept -= depth[shift]
                    shift += 1
                }
                let mask = (UInt32(1) << UInt32(shift)) &- 1
                result.shift = UInt8(shift)
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: kept + 1) { pairs in
                    // (value << 32 | position), sorted: by value, then first position.
                    var n = 0
                    for i in 0..<count {
                        let v = UInt32(truncatingIfNeeded: shingles[i] >> 32)
                        if v & mask == 0 {
                            pairs[n] = UInt64(v) << 32 | UInt64(i)
                            n += 1
                        }
                    }
                    let sorted = UnsafeMutableBufferPointer(rebasing: pairs[0..<n])
                    SortedUnique.sortUniform(sorted)
                    var unique = 0
                    for i in 0..<n where unique == 0 || sorted[unique - 1] >> 32 != sorted[i] >> 32 {
                        sorted[unique] = sorted[i]
                        unique += 1
                    }
                    var storage: [UInt32] = []
                    storage.reserveCapacity(2 * unique + lsh.bands)
                    for i in 0..<unique { storage.append(UInt32(truncatingIfNeeded: sorted[i] >> 32)) }
                    for i in 0..<unique { storage.append(UInt32(truncatingIfNeeded: sorted[i])) }
                    result.storage = storage
                    result.sampleCount = unique
                }
            }
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: minHash.bins) { signature in
                withUnsafeTemporaryAllocation(of: Bool.self, capacity: minHash.bins) { filled in
                    minHash.sign(UnsafeBufferPointer(shingles), into: signature, filled: filled)
                    BandKeys.append(UnsafeBufferPointer(signature), lsh, to: &result.storage)
                }
            }
        }
        return result
    }
}

/// Sorting small arrays of 32-bit values without the generic standard-library sort's overhead.
enum SortedUnique {
    /// `values` sorted ascending with duplicates removed.
    static func of<T: FixedWidthInteger & UnsignedInteger>(_ values: [T]) -> [T] {
        var out = values
        let n = out.withUnsafeMutableBufferPointer { buffer -> Int in
            sortUniform(buffer)
            var unique = 0
            for i in 0..<buffer.count where unique == 0 || buffer[unique - 1] != buffer[i] {
                buffer[unique] = buffer[i]
                unique += 1
            }
            return unique
        }
        out.removeSubrange(n...)
        return out
    }

    /// In-place ascending sort of uniformly distributed values (hashes): scattered into about `count`
    /// buckets by their top bits, then finished by an insertion sort that has only in-bucket work left.
    @inline(__always)
    static func sortUniform<T: FixedWidthInteger & UnsignedInteger>(_ a: UnsafeMutableBufferPointer<T>) {
        let n = a.count
        guard n >= 32 else { insertionSort(a); return }
        var bits = 1
        while (1 << bits) < n { bits += 1 }
        let buckets = 1 << bits
        let shift = T(T.bitWidth - bits)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: buckets + 1) { start in
            withUnsafeTemporaryAllocation(of: T.self, capacity: n) { scratch in
                start.initialize(repeating: 0)
                for v in a { start[Int(v &>> shift) + 1] += 1 }
                for b in 0..<buckets { start[b + 1] += start[b] }
                for v in a {
                    let b = Int(v &>> shift)
                    scratch[start[b]] = v
                    start[b] += 1
                }
                for i in 0..<n { a[i] = scratch[i] }
            }
        }
        insertionSort(a)
    }

    @inline(__always)
    static func insertionSort<T: FixedWidthInteger & UnsignedInteger>(_ a: UnsafeMutableBufferPointer<T>) {
        guard a.count > 1 else { return }
        for k in 1..<a.count {
            let v = a[k]
            var m = k - 1
            while m >= 0 && a[m] > v { a[m + 1] = a[m]; m -= 1 }
            a[m + 1] = v
        }
    }

    /// In-place ascending sort: quicksort (median of three) with insertion sort for short ranges; the
    /// explicit stack is on the stack (the smaller side is pushed, so 64 entries always suffice).
    static func sort(_ a: UnsafeMutableBufferPointer<UInt32>) {
        guard a.count > 1 else { return }
        withUnsafeTemporaryAllocation(of: (Int, Int).self, capacity: 64) { stack in
            var top = 0
            stack[0] = (0, a.count - 1)
            top = 1
            while top > 0 {
                top -= 1
                var (lo, hi) = stack[top]
                while hi - lo > 16 {
                    let mid = (lo + hi) >> 1
                    if a[mid] < a[lo] { a.swapAt(mid, lo) }
                    if a[hi] < a[lo] { a.swapAt(hi, lo) }
                    if a[hi] < a[mid] { a.swapAt(hi, mid) }
                    let pivot = a[mid]
                    var i = lo, j = hi
                    while i <= j {
                        while a[i] < pivot { i += 1 }
                        while a[j] > pivot { j -= 1 }
                        if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
                    }
                    if j - lo < hi - i {
                        if lo < j { stack[top] = (lo, j); top += 1 }
                        lo = i
                    } else {
                        if i < hi { stack[top] = (i, hi); top += 1 }
                        hi = j
                    }
                }
                if hi > lo {
                    for k in (lo + 1)...hi {
                        let v = a[k]
                        var m = k - 1
                        while m >= lo && a[m] > v { a[m + 1] = a[m]; m -= 1 }
                        a[m + 1] = v
                    }
                }
            }
        }
    }
}

/// The LSH band keys of a signature: each band's rows hashed to 32 bits, mixed with the band number.
enum BandKeys {
    static func append(_ signature: UnsafeBufferPointer<UInt64>, _ lsh: LSHParameters, to keys: inout [UInt32]) {
        for band in 0..<lsh.bands {
            var h = Mix64.fmix(UInt64(band) &+ 0x9E37_79B9)
            for row in 0..<lsh.rows { h = Mix64.combine(h, signature[band * lsh.rows + row]) }
            keys.append(UInt32(truncatingIfNeeded: Mix64.fmix(h) >> 32))
        }
    }
}
