import Normalise
import Testing

@Suite("mojibake")
struct MojibakeTests {
    @Test("repairs the common Windows-1252 sequences", arguments: [
        ("donâ€™t", "don’t"),
        ("â€œquotedâ€\u{9D}", "“quoted”"),
        ("â€˜singleâ€™", "‘single’"),
        ("a â€” b", "a — b"),
        ("1â€“2", "1–2"),
        ("waitâ€¦", "wait…"),
        ("â€¢ item", "• item"),
        ("â‚¬5", "€5"),
        ("â„¢", "™"),
        ("cafÃ©", "café"),
        ("Ã¼ber StraÃŸe", "über Straße"),
        ("Ã‰tÃ©", "Été"),
        ("SÃ£o Paulo", "São Paulo"),
        ("Ã±andÃº", "ñandú"),
        ("Â£5 Â©", "£5 ©"),
        ("WrocÅ‚aw", "Wrocław"),
        ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
        ("ðŸ˜€", "😀"),
        ("æ—¥æœ¬", "日本"),
        ("25Â°C", "25°C"),
        ("3 Ã— 4", "3 × 4"),
    ])
    func common(_ broken: String, _ repaired: String) {
        expectScalars(normalise(broken), repaired)
    }

    @Test("Â followed by a no-break space becomes the no-break space")
    func nbsp() {
        expectScalars(normalise("10Â\u{00A0}km") { $0.whitespace = false }, "10\u{00A0}km")
        expectScalars(normalise("10Â\u{00A0}km"), "10 km")
    }

    @Test("repairs UTF-8 read as Latin-1 (C1 controls in the sequence)")
    func latin1() {
        expectScalars(normalise("don\u{E2}\u{80}\u{99}t"), "don’t")
        expectScalars(normalise("\u{C3}\u{81}lvaro"), "Álvaro")
    }

    @Test("a mojibake byte order mark is repaired and then removed as invisible")
    func byteOrderMark() {
        expectScalars(normalise("ï»¿Hello"), "Hello")
    }

    @Test("a lone C1 control becomes its Windows-1252 character")
    func loneC1() {
        expectScalars(normalise("don\u{92}t \u{93}q\u{94} \u{80}5"), "don’t “q” €5")
    }

    @Test("doubly encoded text is repaired completely")
    func doubleMojibake() {
        expectScalars(normalise("donÃ¢â‚¬â„¢t"), "don’t")
        expectScalars(normalise("cafÃƒÂ©"), "café")
    }

    @Test("legitimate accented text is left alone", arguments: [
        "São Paulo", "SÃO PAULO", "Ã", "Â", "Âge d'or", "Crème brûlée à la française", "Übermäßig große Straße",
        "„Gruß“ und „Fuß“", "«CAFÉ»", "«ÉTÉ»", "naïve café…»", "ÀÉÎÕÜ", "Ñandú", "Łódź", "Ελληνικά", "Русский",
        "日本語", "Ö’s", "CAFÉ—PARIS", "„Ça va?“",
    ])
    func legitimate(_ text: String) {
        expectScalars(normalise(text), text)
    }

    @Test("mojibake off: broken text stays broken")
    func off() {
        expectScalars(normalise("donâ€™t cafÃ©") { $0.mojibake = false }, "donâ€™t cafÃ©")
    }
}
