public import CopydeskCore
public import Foundation

/// The trained sequence tagger: hashed feature weights (Int16 after averaging, with one scale), BIO
/// transition weights and the gazetteer table, read from one compact binary file.
///
/// File layout (little-endian): magic `CDNER\0\0\u{1}`, format version, feature-set version, bucket bits,
/// label count, weight scale, gazetteer slots and longest entry, 8×7 Float32 transitions, gazetteer keys
/// (UInt32) and masks (UInt16, padded to 8 bytes), then `rows × 7` Int16 weights.
public struct TaggerModel: Sendable {
    /// Version of the file layout.
    public static let formatVersion: UInt32 = 2
    /// Version of the feature templates in ``FeatureExtractor``; a model trained with others is refused.
    public static let featureVersion: UInt32 = 1
    static let magic: [UInt8] = [0x43, 0x44, 0x4E, 0x45, 0x52, 0x00, 0x00, 0x01]

    /// The feature extractor the weights belong to.
    public let extractor: FeatureExtractor
    let weights: [Int16]
    let scale: Float
    /// 8 rows of 7: previous label → label; row 7 is the sentence start.
    let transitions: [Float]

    /// A model from trained parts (the trainer's output).
    public init(bucketBits: Int, weights: [Int16], scale: Float, transitions: [Float], gazetteer: GazetteerTable) {
        precondition(weights.count == (1 << bucketBits) * EntityLabel.count && transitions.count == 8 * EntityLabel.count)
        self.extractor = FeatureExtractor(bucketBits: bucketBits, gazetteer: gazetteer)
        self.weights = weights
        self.scale = scale
        self.transitions = transitions
    }

    /// The gazetteer the model was trained with.
    public var gazetteer: GazetteerTable { extractor.gazetteer }

    /// Size of the serialised model in bytes.
    public var byteCount: Int { serialized().count }

    /// Tokens whose features are built at once, and the size of a tagging window (whole sentences): the
    /// tagger's scratch (32 feature buckets and 7 scores a token) stays this size whatever the document's.
    public static let windowTokens = 4096

    /// BIO labels (see ``EntityLabel``) for every token.
    public func tag(_ text: TokenizedText) -> [UInt8] {
        tag(TokenView(text, gazetteer: gazetteer))
    }

    /// Labels from a token view whose facts are already computed, a window of whole sentences at a time
    /// (at most `windowTokens`, or one longer sentence, whose scores are built `windowTokens` at a time).
    /// Features read the whole document's facts and Viterbi decodes each sentence alone, so the labels do not
    /// depend on the window size.
    func tag(_ view: TokenView, windowTokens: Int = TaggerModel.windowTokens) -> [UInt8] {
        let text = view.text
        let n = text.tokens.count
        guard n > 0 else { return [] }
        let F = FeatureExtractor.featureCount
        let L = EntityLabel.count
        let chunk = max(1, windowTokens)
        var buckets = [UInt32](repeating: 0, count: min(n, chunk) * F)
        var emissions = [Float](repeating: 0, count: min(n, chunk) * L)
        var labels = [UInt8](repeating: 0, count: n)
        var scratch = [Float](repeating: 0, count: 2 * L)
        var back: [UInt8] = []
        let sentences = text.sentences
        var s = 0
        while s < sentences.count {
            let start = sentences[s].lowerBound
            var e = s + 1
            while e < sentences.count, sentences[e].upperBound - start <= chunk { e += 1 }
            let end = sentences[e - 1].upperBound
            if emissions.count < (end - start) * L { emissions = [Float](repeating: 0, count: (end - start) * L) }
            var from = start
            while from < end {
                let to = min(from + chunk, end)
                buckets.withUnsafeMutableBufferPointer { b in
                    extractor.buckets(text, facts: view.facts, documentFlags: view.documentFlags, tokens: from..<to, into: b)
                }
                emissions.withUnsafeMutableBufferPointer { e in
                    score(buckets: buckets, count: to - from, into: e, at: (from - start) * L)
                }
                from = to
            }
            emissions.withUnsafeBufferPointer { em in
                transitions.withUnsafeBufferPointer { t in
                    for sentence in sentences[s..<e] where !sentence.isEmpty {
                        Viterbi.decode(emissions: em, offset: (sentence.lowerBound - start) * L, count: sentence.count, transitions: t,
                                       scratch: &scratch, back: &back, into: &labels, at: sentence.lowerBound)
                    }
                }
            }
            s = e
        }
        return labels
    }

    /// Label scores of `count` tokens from their feature buckets (row-major), written from `e[offset]`.
    private func score(buckets: [UInt32], count: Int, into e: UnsafeMutableBufferPointer<Float>, at offset: Int) {
        let F = FeatureExtractor.featureCount
        let L = EntityLabel.count
        weights.withUnsafeBufferPointer { w in
            buckets.withUnsafeBufferPointer { b in
                for i in 0..<count {
                    var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0, s3: Int32 = 0, s4: Int32 = 0, s5: Int32 = 0, s6: Int32 = 0
                    for f in 0..<F {
                        let row = Int(b[i * F + f]) * L
                        s0 &+= Int32(w[row]); s1 &+= Int32(w[row + 1]); s2 &+= Int32(w[row + 2]); s3 &+= Int32(w[row + 3])
                        s4 &+= Int32(w[row + 4]); s5 &+= Int32(w[row + 5]); s6 &+= Int32(w[row + 6])
                    }
                    let o = offset + i * L
                    e[o] = Float(s0) * scale; e[o + 1] = Float(s1) * scale; e[o + 2] = Float(s2) * scale
                    e[o + 3] = Float(s3) * scale; e[o + 4] = Float(s4) * scale; e[o + 5] = Float(s5) * scale
                    e[o + 6] = Float(s6) * scale
                }
            }
        }
    }

    /// The model as file bytes.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = Self.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(Self.formatVersion)
        u32(Self.featureVersion)
        u32(UInt32(extractor.bucketBits))
        u32(UInt32(EntityLabel.count))
        u32(scale.bitPattern)
        u32(UInt32(gazetteer.keys.count))
        u32(UInt32(gazetteer.maxTokens))
        u32(0)
        for t in transitions { u32(t.bitPattern) }
        for k in gazetteer.keys { withUnsafeBytes(of: k.littleEndian) { out.append(contentsOf: $0) } }
        for m in gazetteer.masks { withUnsafeBytes(of: m.littleEndian) { out.append(contentsOf: $0) } }
        while out.count % 8 != 0 { out.append(0) }
        weights.withUnsafeBytes { out.append(contentsOf: $0) }
        return out
    }

    /// Reads a model file.
    public init(contentsOf url: URL) throws(ModelError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ModelError("cannot read the entities model \(url.path): \(error.localizedDescription); "
                + "give a model file trained by `copydesk-train` with the stage's `model:` option, or leave it out for the built-in model")
        }
        try self.init(bytes: data, source: url.path)
    }

    /// Reads a model from its file bytes; `source` names it in errors.
    public init(bytes data: Data, source: String) throws(ModelError) {
        let header = 8 + 4 * 8 + 4 * 8 * EntityLabel.count
        guard data.count >= header, Array(data.prefix(8)) == Self.magic else {
            throw ModelError("\(source) is not a copydesk entities model (bad magic); train one with `copydesk-train`")
        }
        let parsed: Result<TaggerModel, ModelError> = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            func u32(_ at: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)) }
            let version = u32(8), features = u32(12)
            guard version == Self.formatVersion, features == Self.featureVersion else {
                return .failure(ModelError("\(source): model format \(version)/features \(features), this build reads "
                    + "\(Self.formatVersion)/\(Self.featureVersion); retrain with this build's `copydesk-train`"))
            }
            let bits = Int(u32(16)), labels = Int(u32(20))
            let scale = Float(bitPattern: u32(24))
            let slots = Int(u32(28)), maxTokens = Int(u32(32))
            guard labels == EntityLabel.count, bits >= 8, bits <= 26, slots > 0, slots & (slots - 1) == 0 else {
                return .failure(ModelError("\(source): inconsistent model header; retrain with `copydesk-train`"))
            }
            var offset = 40
            var transitions = [Float](repeating: 0, count: 8 * labels)
            for k in 0..<transitions.count { transitions[k] = Float(bitPattern: u32(offset + 4 * k)) }
            offset += 4 * transitions.count
            var masksEnd = offset + 4 * slots + 2 * slots
            while masksEnd % 8 != 0 { masksEnd += 1 }
            let weightCount = (1 << bits) * labels
            guard raw.count == masksEnd + 2 * weightCount else {
                return .failure(ModelError("\(source): truncated or oversized model file (\(raw.count) bytes); retrain with `copydesk-train`"))
            }
            let keys = [UInt32](unsafeUninitializedCapacity: slots) { buffer, count in
                memcpy(buffer.baseAddress!, raw.baseAddress! + offset, 4 * slots)
                count = slots
            }
            let masks = [UInt16](unsafeUninitializedCapacity: slots) { buffer, count in
                memcpy(buffer.baseAddress!, raw.baseAddress! + offset + 4 * slots, 2 * slots)
                count = slots
            }
            let weights = [Int16](unsafeUninitializedCapacity: weightCount) { buffer, count in
                memcpy(buffer.baseAddress!, raw.baseAddress! + masksEnd, 2 * weightCount)
                count = weightCount
            }
            let table = GazetteerTable(keys: keys, masks: masks, maxTokens: maxTokens)
            return .success(TaggerModel(bucketBits: bits, weights: weights, scale: scale, transitions: transitions, gazetteer: table))
        }
        self = try parsed.get()
    }

    /// Where the built-in model is found (see ``BuiltInResource/locations``).
    public static let builtInResource = BuiltInResource(
        fileName: "entities.model", bundleName: "copydesk_Entities.resources", environmentVariable: "COPYDESK_ENTITIES_MODEL",
        sourceFile: #filePath)

    /// The model shipped with the stage, from the first of ``BuiltInResource/locations`` that exists.
    public static func builtIn() throws(ModelError) -> TaggerModel {
        guard let path = builtInResource.path else { throw ModelError(builtInResource.notFoundMessage) }
        return try TaggerModel(contentsOf: URL(fileURLWithPath: path))
    }
}

/// A model file that cannot be used, with what to do about it.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what to do.
    public var message: String
    /// An error with `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
