extension TextStats {
    /// The counts of ``count(_:classes:table:next:)`` for a text that is all ASCII, read 64 bytes at a
    /// time as bit masks (one bit a byte) instead of one character at a time; `nil` as soon as a byte of
    /// 0x80 or more is seen (the caller then counts with the state machine, which decodes UTF-8).
    ///
    /// Each block gives masks of white space and letters or digits (and, when `lines`, of newlines and
    /// terminal punctuation) from 16-byte vector comparisons; letters are counted in the vector lanes.
    /// Visible characters and digits are population counts; the rest follow runs across the block with
    /// additions, whose carries stop where a run ends:
    /// - a word starts at a visible byte after white space; a run of visible bytes without a letter or
    ///   digit is found by adding its first bit to the mask of visible non-alphanumerics, which clears
    ///   the run and sets the bit after it: on white space when the whole run had none, on a letter or
    ///   digit otherwise. Its characters are counted back from there (such runs are rare);
    /// - a line is counted at a newline whose nearest byte before it that is not white space (newlines
    ///   aside) is visible, found by adding the visible mask shifted by one to the mask of such white
    ///   space; punctuated lines the same with the terminal mask.
    /// The carries out of a block go into the next one, and the end of the text acts as a newline, as it
    /// does for the state machine. The last partial block is read from a copy padded with spaces.
    /// Without `lines`, lines and punctuated lines are left at 0 (and their masks are not made).
    static func countASCII(_ bytes: UnsafeBufferPointer<UInt8>, lines: Bool) -> TextStats? {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return TextStats() }
        var runs = BlockRuns()
        var start = 0
        while start + 64 <= n {
            guard runs.add(UnsafeRawPointer(base + start), at: start, bytes, lines: lines) else { return nil }
            start += 64
        }
        if start < n {
            let added = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { padded -> Bool in
                let tail = n - start
                let target = padded.baseAddress.unsafelyUnwrapped
                target.initialize(from: base + start, count: tail)
                (target + tail).initialize(repeating: 0x20, count: 64 - tail)
                return runs.add(UnsafeRawPointer(target), at: start, bytes, lines: lines)
            }
            guard added else { return nil }
        }
        return runs.finish(bytes)
    }

    /// The counts of the blocks read so far and what carries from one block into the next.
    struct BlockRuns {
        var stats = TextStats()
        var runStarts = 0, bareRuns = 0, bareCharacters = 0
        /// The previous block's last byte was visible.
        var visibleCarry: UInt64 = 0
        /// A run of visible non-alphanumerics that began a word reaches into the next block.
        var bareCarry: UInt64 = 0
        /// Since the last visible byte (resp. terminal punctuation) only white space other than newlines.
        var lineCarry: UInt64 = 0, terminalCarry: UInt64 = 0

        /// Counts the 64 bytes at `block` (the text's bytes from `offset`, or a padded copy of its tail);
        /// `false` when one of them is not ASCII.
        @inline(__always)
        mutating func add(_ block: UnsafeRawPointer, at offset: Int, _ bytes: UnsafeBufferPointer<UInt8>, lines: Bool) -> Bool {
            guard let m = Masks(block, lines: lines) else { return false }
            let visible = ~m.space
            stats.visible &+= visible.nonzeroBitCount
            stats.letters &+= m.letters
            stats.digits &+= m.alphanumerics.nonzeroBitCount &- m.letters
            let starts = visible & ~(visible << 1 | visibleCarry)
            runStarts &+= starts.nonzeroBitCount
            visibleCarry = visible >> 63
            // Runs of visible bytes without a letter or digit.
            let bare = visible & ~m.alphanumerics
            let (sum, overflow1) = bare.addingReportingOverflow(bare & starts)
            let (landed, overflow2) = sum.addingReportingOverflow(bareCarry)
            bareCarry = overflow1 || overflow2 ? 1 : 0
            var ends = landed & m.space
            if ends != 0 {
                bareRuns &+= ends.nonzeroBitCount
                repeat {
                    bareCharacters &+= Self.runLength(bytes, before: offset &+ ends.trailingZeroBitCount)
                    ends &= ends &- 1
                } while ends != 0
            }
            guard lines else { return true }
            // Lines with something visible, and those whose last visible byte is terminal punctuation.
            let blank = m.space & ~m.newlines
            let (lines, lineOverflow) = Self.add(blank, visible << 1 | lineCarry)
            stats.lines &+= (lines & m.newlines).nonzeroBitCount
            lineCarry = visible >> 63 | lineOverflow
            let (punctuated, terminalOverflow) = Self.add(blank, m.terminal << 1 | terminalCarry)
            stats.punctuatedLines &+= (punctuated & m.newlines).nonzeroBitCount
            terminalCarry = m.terminal >> 63 | terminalOverflow
            return true
        }

        /// `a + b` and the carry out (0 or 1).
        @inline(__always)
        static func add(_ a: UInt64, _ b: UInt64) -> (UInt64, UInt64) {
            let (sum, overflow) = a.addingReportingOverflow(b)
            return (sum, overflow ? 1 : 0)
        }

        /// The length of the run of non-space bytes that ends just before `end`.
        static func runLength(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Int {
            var k = end
            while k > 0, !isSpace(bytes[k - 1]) { k -= 1 }
            return end - k
        }

        /// ASCII white space: tab, newline, vertical tab, form feed, carriage return, space.
        @inline(__always)
        static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b &- 0x09 < 5 }

        /// The counts, with the end of the text read as a newline.
        func finish(_ bytes: UnsafeBufferPointer<UInt8>) -> TextStats {
            var s = stats
            var bareRuns = bareRuns, bareCharacters = bareCharacters
            if bareCarry != 0 {
                bareRuns += 1
                bareCharacters += Self.runLength(bytes, before: bytes.count)
            }
            s.lines += Int(lineCarry)
            s.punctuatedLines += Int(terminalCarry)
            s.characters = bytes.count
            s.words = runStarts - bareRuns
            s.wordCharacters = s.visible - bareCharacters
            return s
        }
    }

    /// The class masks of 64 ASCII bytes, bit `k` for byte `k`, and the number of letters.
    struct Masks {
        var space: UInt64 = 0, alphanumerics: UInt64 = 0, newlines: UInt64 = 0, terminal: UInt64 = 0
        var letters = 0

        /// Classifies the 64 bytes at `block` (newlines and terminal punctuation only when `lines`);
        /// `nil` when one of them is not ASCII.
        @inline(__always)
        init?(_ block: UnsafeRawPointer, lines: Bool) {
            var high = SIMD16<UInt8>()
            var letterLanes = SIMD16<UInt8>()
            for part in 0..<4 {
                let v = block.loadUnaligned(fromByteOffset: part &* 16, as: SIMD16<UInt8>.self)
                high |= v
                let white = v .== Self.splat(0x20) .| (v &- Self.splat(0x09) .< Self.splat(5))
                let letter = (v | Self.splat(0x20)) &- Self.splat(0x61) .< Self.splat(26)
                let digit = v &- Self.splat(0x30) .< Self.splat(10)
                // A lane that held is 0xFF: subtracting it adds one.
                letterLanes &-= Self.lanes(letter)
                // One bit of each class in every byte, then each class gathered into 16 bits.
                var packed = Self.splat(1) & Self.lanes(white) | Self.splat(2) & Self.lanes(letter .| digit)
                if lines {
                    let stop = v .== Self.splat(0x2E) .| (v .== Self.splat(0x21)) .| (v .== Self.splat(0x3F)) .| (v .== Self.splat(0x22))
                        .| (v .== Self.splat(0x27)) .| (v .== Self.splat(0x29))
                    packed |= Self.splat(4) & Self.lanes(v .== Self.splat(0x0A)) | Self.splat(8) & Self.lanes(stop)
                }
                let halves = unsafeBitCast(packed, to: SIMD2<UInt64>.self)
                let shift = UInt64(part &* 16)
                space |= Self.gather(halves, bit: 0) << shift
                alphanumerics |= Self.gather(halves, bit: 1) << shift
                if lines {
                    newlines |= Self.gather(halves, bit: 2) << shift
                    terminal |= Self.gather(halves, bit: 3) << shift
                }
            }
            let highBits = unsafeBitCast(high, to: SIMD2<UInt64>.self)
            guard (highBits[0] | highBits[1]) & 0x8080_8080_8080_8080 == 0 else { return nil }
            // At most 4 in a lane, 32 in eight: the bytes of each half summed by one multiplication.
            let counts = unsafeBitCast(letterLanes, to: SIMD2<UInt64>.self)
            letters = Int(truncatingIfNeeded: ((counts[0] &* 0x0101_0101_0101_0101) >> 56) + ((counts[1] &* 0x0101_0101_0101_0101) >> 56))
        }

        /// `byte` in all 16 lanes. Comparing with a vector, not a scalar, keeps the comparisons vector
        /// instructions (the scalar forms of `.==` and `&-` compile to a loop over the lanes).
        @inline(__always)
        static func splat(_ byte: UInt8) -> SIMD16<UInt8> { SIMD16(repeating: byte) }

        /// A comparison's lanes as bytes: 0xFF where it held, 0 elsewhere.
        @inline(__always)
        static func lanes(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD16<UInt8> { unsafeBitCast(mask, to: SIMD16<UInt8>.self) }

        /// Bit `bit` of each of the 16 bytes, as 16 bits (byte `k` at bit `k`).
        @inline(__always)
        static func gather(_ halves: SIMD2<UInt64>, bit: UInt64) -> UInt64 {
            let low = ((halves[0] >> bit & 0x0101_0101_0101_0101) &* 0x0102_0408_1020_4080) >> 56
            let high = ((halves[1] >> bit & 0x0101_0101_0101_0101) &* 0x0102_0408_1020_4080) >> 56
            return low | high << 8
        }
    }
}
