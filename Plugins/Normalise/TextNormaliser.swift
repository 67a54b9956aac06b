import CopydeskCore

/// Normalises text on its own, without the runner: the work of the `normalise` stage, usable directly
/// (benchmarks, other stages, embedding). A value type with no shared state, safe on any thread.
///
/// Order of operations, chosen so each step sees the output of the one it depends on:
/// 1. **entities** — `&…;` references are decoded first, since they can produce anything the later
///    steps clean up (a no-break space, a control character, a C1 byte, a `’` in mojibake).
/// 2. **mojibake** — repaired before control characters are removed, because mojibake holds C1
///    controls (`Ã` + U+0081 is `Á` read as Latin-1); the pass is repeated while it repairs or removes
///    something, so doubly encoded text (and mojibake split by a zero-width space) is repaired
///    completely and normalising twice changes nothing.
/// 3. **line endings and controls**, **invisible characters**, **Unicode spaces**, **ascii punctuation**
///    — per character, in the same pass as mojibake (see ``ScalarCleaner``); a no-break space that
///    an entity or mojibake produced is folded here.
/// 4. **Unicode form** (NFC/NFKC) — after invisible characters are gone (a zero-width space between
///    `e` and U+0301 must not block composition), and only when a character that may change is
///    present. When it changed the text, step 3 runs once more (NFKC can produce a `…` to fold or a
///    no-break space, composition a character that starts a mojibake sequence).
/// 5. **paragraphs and whitespace** — last, on clean lines: indentation is still there to be read,
///    then lines are trimmed, runs of spaces collapsed and paragraphs joined with one blank line. Coming
///    after the Unicode form, it also tidies the spaces NFKC produces (`¨` → space + U+0308), so
///    normalising twice gives the same text as once.
///
/// ASCII text without `&` or control characters (most news) goes straight to step 5.
public struct TextNormaliser: Sendable {
    /// The settings this normaliser applies.
    public let options: NormaliseOptions

    /// A normaliser with `options` (the stage's defaults unless given).
    public init(options: NormaliseOptions = NormaliseOptions()) {
        self.options = options
    }

    /// `text` normalised as paragraphs: separated by exactly one blank line, lines of a paragraph joined
    /// by one space, no leading or trailing whitespace (see ``NormaliseOptions/ParagraphMode``).
    public func normaliseText(_ text: String) -> String {
        run(text, singleLine: false)
    }

    /// `text` normalised as one line (a title): line breaks become spaces, the ends are trimmed.
    public func normaliseLine(_ text: String) -> String {
        run(text, singleLine: true)
    }

    private func run(_ text: String, singleLine: Bool) -> String {
        if text.isEmpty { return "" }
        if let result = text.utf8.withContiguousStorageIfAvailable({ normalise($0, singleLine: singleLine) }) {
            return result
        }
        return Array(text.utf8).withUnsafeBufferPointer { normalise($0, singleLine: singleLine) }
    }

    private func normalise(_ input: UnsafeBufferPointer<UInt8>, singleLine: Bool) -> String {
        var buffers = ScratchBuffers()
        var current = input
        let profile = InputProfile(scanning: input)
        var needsCleaning = profile.needsCleaning
        var asciiOnly = !profile.hasNonASCII  // cleaning ASCII only drops control characters
        let cleaner = ScalarCleaner(
            mojibake: options.mojibake, control: options.control, invisible: options.invisible,
            whitespace: options.whitespace, asciiPunctuation: options.punctuation == .ascii, form: options.unicode)

        if options.entities && profile.hasAmpersand {
            let out = buffers.next(capacity: current.count)
            let outcome = EntityDecoder.decode(current, into: out)
            if outcome.decodedAny {
                current = UnsafeBufferPointer(start: out, count: outcome.count)
                needsCleaning = true
                asciiOnly = false
            }
        }

        // Steps 2–4. The character pass repeats while it repaired mojibake or removed characters (both
        // can leave a new mojibake sequence behind); the Unicode form, when it changed the text, sends it
        // through the character pass again (composition can form a mojibake lead, NFKC a "…" to fold).
        var rounds = 0
        while needsCleaning && rounds < 3 {
            rounds += 1
            var needsUnicodeForm = false
            var modified = false
            var passes = 0
            var again = true
            while again {
                let out = buffers.next(capacity: ScalarCleaner.capacity(for: current.count))
                let outcome = cleaner.clean(current, into: out)
                current = UnsafeBufferPointer(start: out, count: outcome.count)
                needsUnicodeForm = outcome.needsUnicodeForm
                modified = modified || outcome.modified
                passes += 1
                again = (outcome.repairedMojibake || (options.mojibake && outcome.removedCharacters)) && passes < 4
            }
            guard needsUnicodeForm, options.unicode != .none, rounds == 1 || modified else { break }
            let normalised = UnicodeForms.normalise(current, to: options.unicode)
            if normalised.elementsEqual(current) { break }
            let out = buffers.next(capacity: normalised.count)
            normalised.withUnsafeBufferPointer { if let base = $0.baseAddress { out.update(from: base, count: $0.count) } }
            current = UnsafeBufferPointer(start: out, count: normalised.count)
        }
        return layOut(current, asciiOnly: asciiOnly, singleLine: singleLine)
    }

    /// Step 5: paragraphs (or one line) and whitespace, written straight into the result's storage.
    private func layOut(_ bytes: UnsafeBufferPointer<UInt8>, asciiOnly: Bool, singleLine: Bool) -> String {
        guard let p = bytes.baseAddress, bytes.count > 0 else { return "" }
        var lines = LineScanner.scan(bytes, asciiOnly: asciiOnly)
        let writer = ParagraphWriter(p: p, collapse: options.whitespace)
        let capacity = ParagraphWriter.capacity(bytes: bytes.count, lines: lines.count)
        if singleLine {
            return String(unsafeUninitializedCapacity: capacity) { writer.singleLine(lines, into: $0.baseAddress!) }
        }
        switch options.paragraphs {
        case .keep:
            return String(unsafeUninitializedCapacity: capacity) { writer.kept(lines, into: $0.baseAddress!) }
        case .lines:
            ParagraphLayout.eachLine(&lines)
        case .blankLines:
            ParagraphLayout.byBlankLines(&lines)
        case .auto:
            ParagraphLayout.auto(&lines, bytes: p)
        }
        return String(unsafeUninitializedCapacity: capacity) { writer.paragraphs(lines, into: $0.baseAddress!) }
    }
}
