/// Sorting small arrays of hash values without the generic standard-library sort's overhead.
enum SortedUnique {
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
}
