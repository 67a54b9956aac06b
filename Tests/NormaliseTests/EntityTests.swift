import Normalise
import Testing

@Suite("HTML entities")
struct EntityTests {
    @Test("decodes named entities with a semicolon")
    func named() {
        expectScalars(
            normalise("Fish &amp; chips &lt;b&gt; &quot;q&quot; &apos;a&apos; caf&eacute; &Eacute;t&eacute; &copy; &euro;5 &pound;3"),
            "Fish & chips <b> \"q\" 'a' café Été © €5 £3")
        expectScalars(
            normalise("&lsquo;a&rsquo; &ldquo;b&rdquo; &sbquo;&bdquo; &laquo;c&raquo; x&mdash;y 1&ndash;2 wait&hellip; &bull; &middot; &deg; &times; &divide; &frac12; &trade; &reg;"),
            "‘a’ “b” ‚„ «c» x—y 1–2 wait… • · ° × ÷ ½ ™ ®")
        expectScalars(normalise("&alpha;&beta;&Gamma;&Omega; &szlig;&uuml;&ntilde;&ccedil;&oslash;&aring;&thorn;"), "αβΓΩ ßüñçøåþ")
        expectScalars(normalise("&AMP; &LT; &GT;"), "& < >")
    }

    @Test("&nbsp; becomes a no-break space, which whitespace then folds")
    func nbsp() {
        expectScalars(normalise("a&nbsp;b"), "a b")
        expectScalars(normalise("a&nbsp;b") { $0.whitespace = false }, "a\u{00A0}b")
    }

    @Test("decodes decimal and hexadecimal numeric references")
    func numeric() {
        expectScalars(normalise("don&#8217;t &#x2019; &#X2019; &#65;&#x42; &#128512; &#x1F600;"), "don’t ’ ’ AB 😀 😀")
    }

    @Test("maps &#128;–&#159; to Windows-1252 characters, as HTML5 does")
    func windows1252Range() {
        expectScalars(normalise("&#128;5 don&#146;t &#147;q&#148; 1&#150;2 a&#151;b &#133; &#153;"), "€5 don’t “q” 1–2 a—b … ™")
        expectScalars(normalise("a&#129;b&#x9D;c"), "abc")
    }

    @Test("invalid numeric references become U+FFFD")
    func invalidNumeric() {
        expectScalars(normalise("a&#0;b&#xD800;c&#1114112;d&#99999999999999;e&#x110000;f"), "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f")
    }

    @Test("numeric references to control characters are decoded, then cleaned by the control option")
    func numericControls() {
        expectScalars(normalise("a&#1;b&#13;&#10;&#13;&#10;c"), "ab\n\nc")
    }

    @Test("unterminated, unknown and bare ampersands stay as they are: AT&T, &c, R&D")
    func untouched() {
        let text = "AT&T and R&D &c. Q&A; &foo; &amp &eacute &#8217 x &#; &#x; & alone &"
        expectScalars(normalise(text), text)
        expectScalars(normalise("&Amp; &NBSP; &EACUTE;"), "&Amp; &NBSP; &EACUTE;")
    }

    @Test("double-encoded entities are decoded once only")
    func doubleEncoded() {
        expectScalars(normalise("&amp;amp; &amp;lt;p&amp;gt; &amp;#8217;"), "&amp; &lt;p&gt; &#8217;")
    }

    @Test("entities off: references stay")
    func off() {
        expectScalars(normalise("a &amp; b &#8217;") { $0.entities = false }, "a &amp; b &#8217;")
    }

    @Test("an entity can produce mojibake, which is then repaired")
    func entityThenMojibake() {
        expectScalars(normalise("don&acirc;&#128;&#153;t"), "don’t")
    }
}
