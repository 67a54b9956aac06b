/// Word lists written for this project (lexical knowledge of English news text, not data from a corpus).
public enum CueWords {
    /// Honorifics that make the following capitalised words a person: "Mr Walker", "Dame Vera".
    public static let honorifics: [String] = [
        "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "dr", "dr.", "sir", "dame", "lord", "lady", "prof", "prof.",
        "professor", "rev", "rev.", "reverend", "cllr", "councillor", "baroness", "baron", "viscount", "earl", "duke",
        "duchess", "prince", "princess", "king", "queen", "sen.", "rep.", "gov.", "gen.", "col.", "lt.", "capt.", "sgt.", "mme",
        "mlle", "herr", "frau", "sheikh", "rabbi", "imam", "archbishop", "bishop", "pope", "saint",
    ]

    /// Titles and roles that often stand right before a name: "shadow health secretary X", "striker X".
    public static let titles: [String] = [
        "president", "vice-president", "senator", "governor", "mayor", "chancellor", "minister", "secretary", "premier",
        "chairman", "chairwoman", "chair", "chief", "leader", "spokesman", "spokeswoman", "spokesperson", "director",
        "executive", "founder", "commissioner", "ambassador", "judge", "justice", "inspector", "detective", "officer",
        "sergeant", "captain", "colonel", "general", "lieutenant", "admiral", "coach", "manager", "striker", "midfielder",
        "defender", "goalkeeper", "keeper", "winger", "forward", "champion", "player", "actor", "actress", "singer",
        "author", "writer", "journalist", "editor", "correspondent", "analyst", "economist", "professor", "lawyer",
        "attorney", "prosecutor", "mp", "mep", "msp", "congressman", "congresswoman", "councillor", "activist",
        "campaigner", "boss", "ceo", "cfo", "chairperson", "deputy", "treasurer", "presenter", "host", "star", "rapper",
    ]

    /// Company legal-form suffixes.
    public static let orgSuffixes: [String] = [
        "ltd", "ltd.", "limited", "plc", "inc", "inc.", "incorporated", "corp", "corp.", "corporation", "llc", "llp", "lp",
        "gmbh", "ag", "sa", "s.a.", "nv", "n.v.", "bv", "spa", "s.p.a.", "srl", "co", "co.", "company", "holdings", "group",
        "ab", "asa", "oyj", "kk", "pty", "pte", "se", "bhd", "sdn", "lda", "cie", "kgaa", "plc.", "sarl", "s.a.s.",
    ]

    /// Words that head or end organisation names.
    public static let orgWords: [String] = [
        "party", "committee", "council", "union", "association", "federation", "university", "college", "institute",
        "bank", "agency", "department", "ministry", "commission", "authority", "board", "foundation", "trust", "society",
        "club", "fc", "afc", "rovers", "wanderers", "athletic", "hotspur", "albion", "news", "times", "post", "herald",
        "guardian", "telegraph", "journal", "tribune", "gazette", "broadcasting", "television", "radio", "airlines",
        "airways", "motors", "industries", "international", "technologies", "systems", "services", "organisation",
        "organization", "movement", "church", "army", "police", "office", "court", "parliament", "congress", "senate",
        "assembly", "government", "exchange", "fund", "network", "press", "alliance", "coalition", "league", "labs",
        "energy", "pharmaceuticals", "securities", "capital", "partners", "ventures", "media", "studios", "records",
        "brigade", "forces", "navy", "corps", "school", "hospital", "museum", "centre", "center", "academy", "bureau",
        "reuters", "agencies", "inc", "group", "unit", "chronicle", "daily", "weekly", "magazine", "review",
    ]

    /// Nationalities and adjectives of places and peoples.
    public static let demonyms: [String] = [
        "afghan", "african", "albanian", "algerian", "american", "andorran", "angolan", "arab", "arabian", "argentine",
        "argentinian", "armenian", "asian", "australian", "austrian", "azerbaijani", "bahraini", "bangladeshi", "basque",
        "belarusian", "belgian", "bolivian", "bosnian", "brazilian", "british", "bulgarian", "burmese", "cambodian",
        "cameroonian", "canadian", "catalan", "chechen", "chilean", "chinese", "colombian", "congolese", "croatian", "cuban",
        "cypriot", "czech", "danish", "dutch", "ecuadorian", "egyptian", "english", "eritrean", "estonian", "ethiopian",
        "european", "filipino", "finnish", "flemish", "french", "georgian", "german", "ghanaian", "greek", "guatemalan",
        "haitian", "hispanic", "honduran", "hungarian", "icelandic", "indian", "indonesian", "iranian", "iraqi", "irish",
        "israeli", "italian", "ivorian", "jamaican", "japanese", "jordanian", "kazakh", "kenyan", "korean", "kosovan",
        "kurdish", "kuwaiti", "latin", "latvian", "lebanese", "liberian", "libyan", "lithuanian", "macedonian", "malaysian",
        "malian", "maltese", "mexican", "moldovan", "mongolian", "moroccan", "mozambican", "namibian", "nepalese", "nigerian",
        "nigerien", "norwegian", "pakistani", "palestinian", "panamanian", "paraguayan", "persian", "peruvian", "polish",
        "portuguese", "qatari", "romanian", "russian", "rwandan", "salvadoran", "saudi", "scandinavian", "scottish",
        "senegalese", "serb", "serbian", "sierra", "singaporean", "slovak", "slovenian", "somali", "soviet", "spanish",
        "sri", "sudanese", "swedish", "swiss", "syrian", "taiwanese", "tajik", "tanzanian", "thai", "tibetan", "tunisian",
        "turkish", "turkmen", "ugandan", "ukrainian", "uruguayan", "uzbek", "venezuelan", "vietnamese", "welsh",
        "western", "yemeni", "yugoslav", "zairean", "zambian", "zimbabwean", "muslim", "christian", "jewish", "catholic",
        "protestant", "sunni", "shia", "shi'ite", "islamic", "hindu", "sikh", "buddhist", "arabic", "latino", "caribbean",
    ]

    /// All-capital abbreviations that are not names of organisations.
    public static let commonAbbreviations: Set<String> = [
        "ceo", "cfo", "coo", "cto", "tv", "mp", "mps", "mep", "meps", "msp", "gmt", "bst", "est", "edt", "pst", "utc", "am", "pm",
        "ok", "id", "dj", "pc", "gdp", "vat", "ipo", "it", "ai", "hiv", "aids", "dna", "faq", "rip", "ps", "uk", "us", "usa",
        "eu", "i", "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "a", "pr", "hr", "qc", "vip", "diy", "lgbt", "lgbtq",
        "covid", "sars", "pdf", "url", "usb", "gps", "sms", "atm", "suv", "mph", "kph", "kg", "km", "cm", "mm", "bc", "ad",
        "no", "yes", "vs", "etc", "fyi", "asap", "tba", "tbc", "rsvp", "nb", "aka", "bbq", "omg", "lol", "usd", "gbp", "eur",
        "jpy", "cd", "dvd", "gm", "ap", "pa", "afp", "fm", "mw", "gw", "kw", "ppm", "rpm", "pct", "yr", "qtr", "fy", "eps",
        "nav", "ebit", "ebitda", "a.m.", "p.m.", "caps", "cpi", "ppi", "gnp", "ft", "mt", "st", "jr", "sr", "dr", "mr", "mrs", "ms", "lt", "sgt",
    ]

    /// Month names and abbreviations.
    public static let months: [String] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jan.", "feb.",
        "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
    ]

    /// Weekday names.
    public static let weekdays: [String] = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]
}

extension CueWords {
    static let honorificSet = Set(honorifics)
    static let demonymSet = Set(demonyms)
    /// Lower-case words before an organisation's name: "campaign group Momentum".
    static let orgBefore: Set<String> = [
        "group", "party", "union", "organisation", "organization", "movement", "campaign", "company", "firm", "club",
        "team", "side", "charity", "broadcaster", "newspaper", "agency", "bank", "insurer", "retailer", "airline",
        "carrier", "manufacturer", "maker", "giant", "conglomerate", "network", "channel", "magazine",
    ]
    /// Lower-case words after an organisation's name (possibly after 's): "Momentum members", "Momentum's leadership".
    static let orgAfter: Set<String> = [
        "members", "member", "group", "spokesman", "spokeswoman", "spokesperson", "affiliate", "affiliates", "branch",
        "branches", "shares", "shareholders", "subsidiary", "subsidiaries", "executives", "headquarters", "officials",
        "employees", "steering", "officers", "members'", "website", "backed", "chapter", "chapters", "delegates",
    ]
    /// Lower-case words before a team's name: "against Porto", "beat Celtic".
    static let teamBefore: Set<String> = [
        "against", "beat", "beating", "v", "vs", "vs.", "defeated", "beaten", "host", "hosts", "hosted", "visit", "visiting",
        "face", "faces", "facing", "play", "plays", "playing", "played", "thrashed", "edged", "held", "overcame", "joined",
        "signed", "rivals",
    ]
    /// Lower-case words after a team's name: "Barcelona beat", "Porto striker".
    static let teamAfter: Set<String> = [
        "beat", "beats", "drew", "draw", "lost", "lose", "won", "win", "defeated", "thrashed", "edged", "hammered", "routed",
        "trailed", "scored", "striker", "coach", "manager", "midfielder", "defender", "goalkeeper", "keeper", "forward",
        "winger", "captain", "fans", "squad", "side", "team", "players", "player", "eleven", "xi", "boss", "leads",
    ]
    static let eventSet: Set<String> = [
        "cup", "series", "championship", "championships", "games", "olympics", "trophy", "prix", "tournament", "masters",
        "marathon", "festival", "awards", "rally", "regatta",
    ]
}
