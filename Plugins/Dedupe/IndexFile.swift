import CopydeskCore
import Foundation

/// The dedupe index on disk, a compact binary format of our own:
///
///     magic "CPDKDDUP", version u32, parameters (shingle size, permutations, bands, rows, sample cap,
///     seed, boilerplate fingerprint), document count, pool sizes,
///     per document: id, source name, (version 3) title, published, words, content hash, sample
///     shift/start/count, band start, cluster root, canonical,
///     sample pool and band-key pool (u32 each), sample positions (u16 each),
///     per document its template facts and its story facts (u32 count, then u32 values each; version 3:
///     story facts include the lead's words and the headline's, figures hashed by their digits),
///     a checksum of everything before, "CPDKEND".
///
/// Little-endian. A file that is not one (foreign), is truncated or fails its checksum, or was built
/// with other parameters is refused with a message naming the file and what to do; it is never
/// overwritten by a run that refused it. Version 2 (without titles) is still read by `copydesk clusters` (the stage refuses it); version 1 is refused.
enum IndexFile {
    static let magic = Array("CPDKDDUP".utf8)
    static let trailer = Array("CPDKEND\u{0}".utf8)
    static let version: UInt32 = 3
    /// The oldest version still read by `copydesk clusters` (its documents have no title). The stage itself
    /// matches only against the current version: version 3 changed what the story facts hold.
    static let oldestReadable: UInt32 = 2

    /// Writes `index` with the cluster roots and canonical members given to `file`, streamed in chunks
    /// of about 1 MB (the whole file is never in memory), with the checksum computed on the way.
    static func write(_ index: inout DedupeIndex, canonical: [UInt32], to file: AtomicFile) throws(StageError) {
        var out = ByteWriter()
        var sum = Checksum()
        out.bytes.reserveCapacity(1 << 20 + 4096)
        func flush(_ force: Bool = false) throws(StageError) {
            guard force || out.bytes.count >= 1 << 20 else { return }
            sum.update(out.bytes[...])
            try file.write(out.bytes)
            out.bytes.removeAll(keepingCapacity: true)
        }
        out.bytes.append(contentsOf: magic)
        out.u32(version)
        let p = index.parameters
        out.u32(UInt32(p.shingleSize)); out.u32(UInt32(p.permutations)); out.u32(UInt32(p.lsh.bands))
        out.u32(UInt32(p.lsh.rows)); out.u32(UInt32(p.sampleCap)); out.u64(p.seed); out.u64(p.boilerplate)
        // Superseded documents (earlier versions of an id updated in this run) are left out; the others
        // are renumbered in order, each cluster rooted at its first remaining member. Their samples stay
        // in the pool (offsets unchanged).
        var number = [UInt32](repeating: .max, count: index.count)
        var rootNumber = [UInt32](repeating: .max, count: index.count)
        var kept: UInt32 = 0
        for d in 0..<index.count where !index.superseded[d] {
            number[d] = kept
            let r = Int(index.sets.find(UInt32(d)))
            if rootNumber[r] == .max { rootNumber[r] = kept }
            kept += 1
        }
        out.u64(UInt64(kept)); out.u64(UInt64(index.samplePool.count)); out.u64(UInt64(index.bandPool.count))
        for d in 0..<index.count where !index.superseded[d] {
            out.string(index.ids[d])
            if let name = index.names[d] { out.string(name) } else { out.u32(.max) }
            if let title = index.titles[d] { out.string(title) } else { out.u32(.max) }
            out.u64(UInt64(bitPattern: index.published[d]))
            out.u32(index.words[d])
            out.u64(index.contentHash[d])
            out.bytes.append(index.shift[d])
            out.u32(index.sampleStart[d])
            out.u32(UInt32(index.sampleCount[d]))
            out.u32(UInt32(bitPattern: index.bandStart[d]))
            out.u32(rootNumber[Int(index.sets.find(UInt32(d)))])
            let c = Int(canonical[d])
            out.u32(c < index.count && number[c] != .max ? number[c] : number[d])
            try flush()
        }
        for (i, v) in index.samplePool.enumerated() {
            out.u32(v)
            if i & 0xFFFF == 0 { try flush() }
        }
        for (i, v) in index.bandPool.enumerated() {
            out.u32(v)
            if i & 0xFFFF == 0 { try flush() }
        }
        for (i, v) in index.positionPool.enumerated() {
            withUnsafeBytes(of: v.littleEndian) { out.bytes.append(contentsOf: $0) }
            if i & 0xFFFF == 0 { try flush() }
        }
        // The facts templated reports and rewrites are judged on, so that later runs judge earlier documents
        // as this run did.
        for d in 0..<index.count where !index.superseded[d] {
            let facts = index.facts(d), story = index.storyFacts(d)
            out.u32(UInt32(facts.count))
            for v in facts { out.u32(v) }
            out.u32(UInt32(story.count))
            for v in story { out.u32(v) }
            try flush()
        }
        try flush(true)
        out.u64(sum.value)
        out.bytes.append(contentsOf: trailer)
        try file.write(out.bytes)
        try file.flush()
    }

    /// An index file read and checked (header, version, trailer, checksum), positioned at its parameters.
    struct Checked {
        var reader: ByteReader
        var version: UInt32
        /// Where the checksum starts: the end of the contents.
        var body: Int

        func truncated(_ path: String, _ advice: String) -> StageError {
            StageError(.badData, "the dedupe index \(path) is truncated or corrupt; \(advice)")
        }
    }

    /// Reads `path` and checks it is a dedupe index of a readable version, whole (trailer and checksum).
    static func open(_ path: String, advice: String) throws(StageError) -> Checked {
        guard let data = FileManager.default.contents(atPath: path) else {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw StageError(.io, missing ? "the dedupe index \(path) does not exist (was it moved or deleted?); give the 'index:' path the run used"
                : "cannot read the dedupe index \(path); check its permissions, or choose another 'index:' path")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= magic.count + 4, Array(bytes[0..<magic.count]) == magic else {
            throw StageError(.badData, "\(path) is not a copydesk dedupe index (unknown header); \(advice)")
        }
        var r = ByteReader(bytes: bytes, offset: magic.count)
        let corrupt = StageError(.badData, "the dedupe index \(path) is truncated or corrupt; \(advice)")
        guard let version = r.u32() else { throw corrupt }
        guard (oldestReadable...IndexFile.version).contains(version) else {
            throw StageError(.badData, "the dedupe index \(path) has format version \(version); this copydesk reads versions \(oldestReadable) and \(IndexFile.version) "
                + "(version 2 keeps the facts templated reports and rewrites are judged on; version 3 also the titles, the lead's words and the headline's); \(advice)")
        }
        guard bytes.count >= r.offset + 8 + trailer.count, Array(bytes[(bytes.count - trailer.count)...]) == trailer else { throw corrupt }
        let body = bytes.count - trailer.count - 8
        var check = ByteReader(bytes: bytes, offset: body)
        guard let storedSum = check.u64(), storedSum == checksum(bytes[0..<body]) else { throw corrupt }
        return Checked(reader: r, version: version, body: body)
    }

    /// One document's entry in the index file.
    struct Entry {
        var id: String
        var name: String?
        var title: String?
        var published: Int64
        var words: UInt32
        var hash: UInt64
        var shift: UInt8
        var sampleStart: UInt32
        var sampleCount: UInt32
        var band: UInt32
        var root: UInt32
        var canonical: UInt32

        /// Reads the next entry (titles from version 3 on); `nil` when the file ends first.
        static func read(_ r: inout ByteReader, version: UInt32) -> Entry? {
            func optionalString(_ r: inout ByteReader) -> String?? {
                guard let length = r.peekU32() else { return nil }
                if length == .max { _ = r.u32(); return .some(nil) }
                guard let s = r.string() else { return nil }
                return .some(s)
            }
            guard let id = r.string(), let name = optionalString(&r) else { return nil }
            var title: String?
            if version >= 3 {
                guard let t = optionalString(&r) else { return nil }
                title = t
            }
            guard let published = r.u64(), let words = r.u32(), let hash = r.u64(), let shift = r.u8(), let start = r.u32(),
                  let sampleCount = r.u32(), let band = r.u32(), let root = r.u32(), let canonical = r.u32() else { return nil }
            return Entry(
                id: id, name: name, title: title, published: Int64(bitPattern: published), words: words, hash: hash, shift: shift,
                sampleStart: start, sampleCount: sampleCount, band: band, root: root, canonical: canonical)
        }
    }

    /// Loads the index at `path` into a fresh index with `parameters`; refuses anything else.
    static func load(_ path: String, parameters: DedupeIndex.Parameters, anchorCap: Int) throws(StageError) -> DedupeIndex {
        let advice = "delete it or choose another 'index:' path (the file was left untouched)"
        let file = try open(path, advice: advice)
        guard file.version == IndexFile.version else {
            throw StageError(.badData, "the dedupe index \(path) has format version \(file.version); the dedupe stage matches against version \(IndexFile.version) only "
                + "(version 3 keeps the facts, lead words and headline words templated reports and rewrites are judged on; `copydesk clusters` still reads it); \(advice)")
        }
        var r = file.reader
        let body = file.body
        func truncated() -> StageError { file.truncated(path, advice) }
        guard let shingle = r.u32(), let perms = r.u32(), let bands = r.u32(), let rows = r.u32(), let cap = r.u32(),
              let seed = r.u64(), let boiler = r.u64() else { throw truncated() }
        let stored = DedupeIndex.Parameters(
            shingleSize: Int(shingle), permutations: Int(perms), lsh: LSHParameters(bands: Int(bands), rows: Int(rows)),
            sampleCap: Int(cap), seed: seed, boilerplate: boiler)
        guard stored == parameters else {
            var differences: [String] = []
            if stored.seed != parameters.seed {
                throw StageError(.configuration, "the dedupe index \(path) was written with another word hashing (another copydesk version); "
                    + "delete it or choose another 'index:' path to start a new index (the file was left untouched)")
            }
            if stored.shingleSize != parameters.shingleSize { differences.append("shingle_size \(stored.shingleSize) (now \(parameters.shingleSize))") }
            if stored.permutations != parameters.permutations { differences.append("permutations \(stored.permutations) (now \(parameters.permutations))") }
            if stored.lsh != parameters.lsh {
                differences.append("LSH \(stored.lsh.bands)×\(stored.lsh.rows) (now \(parameters.lsh.bands)×\(parameters.lsh.rows), from lsh_threshold)")
            }
            if stored.sampleCap != parameters.sampleCap { differences.append("sample_cap \(stored.sampleCap) (now \(parameters.sampleCap))") }
            if stored.boilerplate != parameters.boilerplate { differences.append("boilerplate_lines") }
            throw StageError(.configuration, "the dedupe index \(path) was built with other settings: \(differences.joined(separator: ", ")); "
                + "run with the same options, or delete it or choose another 'index:' path to start a new index (the file was left untouched)")
        }
        guard let count = r.u64(), let poolCount = r.u64(), let bandCount = r.u64(),
              count < UInt64(r.bytes.count), poolCount < UInt64(r.bytes.count), bandCount < UInt64(r.bytes.count) else { throw truncated() }
        var index = DedupeIndex(parameters: parameters)
        var roots: [UInt32] = []
        roots.reserveCapacity(Int(count))
        for _ in 0..<Int(count) {
            guard let entry = Entry.read(&r, version: file.version),
                  UInt64(entry.sampleStart) + UInt64(entry.sampleCount) <= poolCount, entry.root <= UInt32(index.count),
                  entry.canonical < UInt32(count),
                  Int32(bitPattern: entry.band) < 0 || UInt64(entry.band) + UInt64(parameters.lsh.bands) <= bandCount
            else { throw truncated() }
            index.ids.append(entry.id)
            index.names.append(entry.name)
            index.titles.append(entry.title)
            index.published.append(entry.published)
            index.words.append(entry.words)
            index.contentHash.append(entry.hash)
            index.shift.append(entry.shift)
            index.sampleStart.append(entry.sampleStart)
            index.sampleCount.append(UInt16(clamping: entry.sampleCount))
            index.bandStart.append(Int32(bitPattern: entry.band))
            index.earlierCanonical.append(entry.canonical)
            index.superseded.append(false)
            roots.append(entry.root)
        }
        guard r.offset + Int(poolCount + bandCount) * 4 + Int(poolCount) * 2 <= body else { throw truncated() }
        index.samplePool = r.array(Int(poolCount), of: UInt32.self)
        index.bandPool = r.array(Int(bandCount), of: UInt32.self)
        index.positionPool = r.array(Int(poolCount), of: UInt16.self)
        for d in 0..<index.count {
            guard let n = r.u32(), r.offset + Int(n) * 4 + 4 <= body else { throw truncated() }
            let facts = r.array(Int(n), of: UInt32.self)
            guard let m = r.u32(), r.offset + Int(m) * 4 <= body else { throw truncated() }
            index.appendFacts(UInt32(d), facts, story: r.array(Int(m), of: UInt32.self))
        }
        guard r.offset == body else { throw truncated() }
        for d in 0..<index.count {
            index.sets.add(withRoot: roots[d])
            if index.exact[index.contentHash[d]] == nil, index.words[d] > 0 { index.exact[index.contentHash[d]] = UInt32(d) }
            if index.bandStart[d] >= 0 { index.insertKeys(UInt32(d), anchorCap: anchorCap) }
        }
        index.earlierCount = index.count
        return index
    }

    /// The checksum of `bytes` (see ``Checksum``).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var sum = Checksum()
        sum.update(bytes)
        return sum.value
    }
}

/// A fast 64-bit checksum over the bytes as little-endian 8-byte words (the last partial word padded
/// with zeros), finished with the length; computed incrementally, chunk by chunk.
struct Checksum {
    private var h: UInt64 = 0x9AE1_6A3B_2F90_404F
    private var pending: UInt64 = 0
    private var pendingBytes = 0
    private var length: UInt64 = 0

    @inline(__always)
    private mutating func mix(_ w: UInt64) {
        h = (h ^ w) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
    }

    mutating func update(_ bytes: ArraySlice<UInt8>) {
        length &+= UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var i = 0
            while pendingBytes != 0 && i < raw.count {
                pending |= UInt64(raw[i]) << UInt64(8 * pendingBytes)
                pendingBytes += 1
                i += 1
                if pendingBytes == 8 { mix(pending); pending = 0; pendingBytes = 0 }
            }
            while i + 8 <= raw.count {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                i += 8
            }
            while i < raw.count {
                pending |= UInt64(raw[i]) << UInt64(8 * pendingBytes)
                pendingBytes += 1
                i += 1
            }
        }
    }

    var value: UInt64 {
        var copy = self
        if copy.pendingBytes > 0 { copy.mix(copy.pending) }
        copy.mix(length)
        return Mix64.fmix(copy.h)
    }
}

/// Little-endian encoding into a byte array.
struct ByteWriter {
    var bytes: [UInt8] = []
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func string(_ s: String) {
        u32(UInt32(s.utf8.count))
        bytes.append(contentsOf: s.utf8)
    }
}

/// Little-endian decoding with bounds checks: every read returns `nil` past the end.
struct ByteReader {
    let bytes: [UInt8]
    var offset: Int

    mutating func u8() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }
    mutating func u32() -> UInt32? {
        guard let v = peekU32() else { return nil }
        offset += 4
        return v
    }
    func peekU32() -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    }
    mutating func u64() -> UInt64? {
        guard offset + 8 <= bytes.count else { return nil }
        defer { offset += 8 }
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }
    mutating func string() -> String? {
        guard let length = u32(), length < UInt32.max, offset + Int(length) <= bytes.count else { return nil }
        defer { offset += Int(length) }
        return String(decoding: bytes[offset..<(offset + Int(length))], as: UTF8.self)
    }
    /// `count` little-endian integers of type `T` (the caller has checked they fit).
    mutating func array<T: FixedWidthInteger>(_ count: Int, of _: T.Type) -> [T] {
        let start = offset
        let width = MemoryLayout<T>.size
        offset += count * width
        return [T](unsafeUninitializedCapacity: count) { buffer, initialised in
            bytes.withUnsafeBytes { raw in
                for i in 0..<count {
                    buffer[i] = T(littleEndian: raw.loadUnaligned(fromByteOffset: start + i * width, as: T.self))
                }
            }
            initialised = count
        }
    }
}
