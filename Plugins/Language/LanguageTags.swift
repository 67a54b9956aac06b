/// Declared language tags (BCP 47 from HTML `lang`, JSONL or WARC fields) reduced to the codes the model
/// answers: the primary subtag, lower-cased, with ISO 639-2/3 and retired codes mapped to ISO 639-1.
enum LanguageTags {
    /// The ISO 639-1 code of `tag` ("en-US" → "en", "deu" → "de", "iw" → "he", "nb" → "no"), or the
    /// lower-cased primary subtag when no mapping is known; `nil` for an empty tag.
    static func primary(_ tag: String) -> String? {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        guard !primary.isEmpty else { return nil }
        return aliases[primary] ?? primary
    }

    private static let aliases: [String: String] = [
        "iw": "he", "in": "id", "nb": "no", "nn": "no", "nob": "no", "nno": "no", "nor": "no",
        "afr": "af", "ara": "ar", "bul": "bg", "ben": "bn", "cat": "ca", "ces": "cs", "cze": "cs", "cym": "cy",
        "wel": "cy", "dan": "da", "deu": "de", "ger": "de", "ell": "el", "gre": "el", "eng": "en", "spa": "es",
        "est": "et", "fas": "fa", "per": "fa", "fin": "fi", "fra": "fr", "fre": "fr", "guj": "gu", "heb": "he",
        "hin": "hi", "hrv": "hr", "hun": "hu", "ind": "id", "ita": "it", "jpn": "ja", "kan": "kn", "kor": "ko",
        "lit": "lt", "lav": "lv", "mkd": "mk", "mac": "mk", "mal": "ml", "mar": "mr", "nep": "ne", "nld": "nl",
        "dut": "nl", "pan": "pa", "pol": "pl", "por": "pt", "ron": "ro", "rum": "ro", "rus": "ru", "slk": "sk",
        "slo": "sk", "slv": "sl", "som": "so", "sqi": "sq", "alb": "sq", "swe": "sv", "swa": "sw", "tam": "ta",
        "tel": "te", "tha": "th", "tgl": "tl", "fil": "tl", "tur": "tr", "ukr": "uk", "urd": "ur", "vie": "vi",
        "zho": "zh", "chi": "zh", "cmn": "zh",
    ]
}
