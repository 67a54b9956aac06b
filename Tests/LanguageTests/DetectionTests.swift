import Language
import Testing

/// Sentences written for these tests (not from the training profiles or the benchmark set).
@Suite("identifying languages")
struct DetectionTests {
    static let sentences: [(String, String)] = [
        ("en", "The central bank raised interest rates on Thursday, saying inflation had stayed above its target for a year."),
        ("es", "El gobierno anunció el jueves un nuevo plan para reducir el desempleo entre los jóvenes de las zonas rurales."),
        ("de", "Die Bundesregierung hat am Donnerstag neue Regeln für den Ausbau der Windkraft an Land beschlossen."),
        ("fr", "Le gouvernement a présenté jeudi un projet de loi pour réduire la consommation d'énergie des bâtiments publics."),
        ("ru", "В четверг правительство объявило о новых мерах поддержки малого бизнеса в регионах страны."),
        ("it", "Il governo ha approvato giovedì un decreto per sostenere le famiglie colpite dall'aumento delle bollette."),
        ("pt", "O governo anunciou nesta quinta-feira um novo programa de apoio às pequenas empresas do interior do país."),
        ("ar", "أعلنت الحكومة يوم الخميس عن خطة جديدة لدعم الشركات الصغيرة في المناطق الريفية."),
        ("zh", "政府周四宣布了一项支持农村地区小企业发展的新计划，预计将创造大量就业机会。"),
        ("ja", "政府は木曜日、地方の中小企業を支援する新たな計画を発表した。"),
        ("tr", "Hükümet perşembe günü kırsal bölgelerdeki küçük işletmeleri desteklemek için yeni bir plan açıkladı."),
        ("ko", "정부는 목요일 농촌 지역의 중소기업을 지원하기 위한 새로운 계획을 발표했다."),
        ("nl", "De regering heeft donderdag een nieuw plan gepresenteerd om kleine bedrijven op het platteland te steunen."),
        ("pl", "Rząd przedstawił w czwartek nowy plan wsparcia dla małych firm na obszarach wiejskich."),
        ("id", "Pemerintah pada hari Kamis mengumumkan rencana baru untuk mendukung usaha kecil di daerah pedesaan."),
        ("vi", "Chính phủ hôm thứ Năm đã công bố kế hoạch mới nhằm hỗ trợ các doanh nghiệp nhỏ ở vùng nông thôn."),
        ("fa", "دولت روز پنجشنبه برنامه‌ای تازه برای حمایت از کسب‌وکارهای کوچک در مناطق روستایی اعلام کرد."),
        ("uk", "Уряд у четвер оголосив про новий план підтримки малого бізнесу в сільській місцевості."),
        ("hi", "सरकार ने गुरुवार को ग्रामीण इलाकों में छोटे व्यवसायों की मदद के लिए एक नई योजना की घोषणा की।"),
        ("cs", "Vláda ve čtvrtek představila nový plán na podporu malých podniků na venkově."),
        ("el", "Η κυβέρνηση ανακοίνωσε την Πέμπτη ένα νέο σχέδιο στήριξης των μικρών επιχειρήσεων."),
        ("sv", "Regeringen presenterade på torsdagen en ny plan för att stödja små företag på landsbygden."),
        ("th", "รัฐบาลประกาศแผนใหม่เพื่อสนับสนุนธุรกิจขนาดเล็กในพื้นที่ชนบท"),
    ]

    @Test("news sentences in the languages with more than 1% of CC-NEWS", arguments: sentences)
    func sentence(_ expected: String, _ text: String) {
        let detection = detector.detect(text)
        #expect(detection.language == expected, "\(text)")
        #expect((detection.confidence ?? 0) > 0.5)
    }

    @Test("the model answers at least 50 languages, every one above 1% of CC-NEWS among them")
    func coverage() {
        let languages = Set(builtInModel.languages)
        #expect(languages.count >= 50)
        let ccNews = ["en", "es", "de", "fr", "ru", "it", "pt", "ar", "zh", "ja", "tr", "ko", "nl", "pl", "id", "vi", "fa", "uk", "hi", "cs"]
        #expect(ccNews.allSatisfy(languages.contains), "missing: \(ccNews.filter { !languages.contains($0) })")
    }

    @Test("a script written by one language decides it; kana makes Han text Japanese")
    func scripts() {
        #expect(detector.detect("ภาษาไทย").language == "th")
        #expect(detector.detect("한국어 뉴스").language == "ko")
        #expect(detector.detect("中国新闻").language == "zh")
        #expect(detector.detect("日本のニュース").language == "ja")
        #expect(detector.detect("ελληνικά νέα").language == "el")
        #expect(detector.detect("ภาษาไทย").script == .thai)
    }

    @Test("capital letters do not change the answer")
    func capitals() {
        let text = "Die Bundesregierung hat am Donnerstag neue Regeln beschlossen"
        #expect(detector.detect(text.uppercased()).language == detector.detect(text).language)
    }

    @Test("Latin names and code in text of another script leave it that script's language")
    func latinInOtherScripts() {
        // 36 Latin letters, 20 Cyrillic: a Cyrillic letter weighs more than a Latin one.
        let russian = detector.detect("Microsoft Windows Server Update Services — последнее обновление")
        #expect(russian.script == .cyrillic)
        #expect(russian.language == "ru")
        #expect(detector.detect("Caps Lock Shift Num Lock Windows: πλήκτρα").language == "el")
        #expect(detector.detect("The Kremlin said on Monday that talks would go on.").language == "en")
    }

    @Test("words that start with two capitals (acronyms, constants) do not outvote the running text", arguments: [
        ("fr", "La valeur THIRD PARTY HEADER est invalide"),
        ("es", "El valor WHITE SPACE WARNING no es válido"),
        ("de", "Der Wert PANGO STRETCH CONDENSED ist für diese Schrift ungültig"),
    ])
    func capitalWords(_ expected: String, _ text: String) {
        #expect(detector.detect(text).language == expected, "\(text)")
    }

    @Test("a text mostly in capitals (a headline) is still read from its capital words")
    func capitalHeadline() {
        #expect(detector.detect("DIE BUNDESREGIERUNG HAT AM DONNERSTAG NEUE REGELN BESCHLOSSEN").language == "de")
        #expect(detector.detect("EL GOBIERNO ANUNCIÓ UN NUEVO PLAN PARA REDUCIR EL DESEMPLEO").language == "es")
    }

    @Test("restricting the languages never answers another one")
    func restricted() {
        let onlyRomance = LanguageDetector(model: builtInModel, languages: ["es", "pt"])
        let detection = onlyRomance.detect("The central bank raised interest rates on Thursday.")
        #expect(["es", "pt"].contains(detection.language ?? ""))
        #expect(LanguageDetector(model: builtInModel, languages: ["en"]).detect("中国新闻").language == nil)
    }

    @Test("probabilities of the candidates add up to one and are sorted")
    func probabilities() {
        let detection = detector.detect("Regeringen presenterade en ny plan.")
        let sum = detection.candidates.reduce(0) { $0 + $1.probability }
        #expect(abs(sum - 1) < 1e-9)
        #expect(detection.candidates.map(\.probability) == detection.candidates.map(\.probability).sorted(by: >))
        #expect(detection.candidates.count > 20, "every Latin-script language is a candidate")
    }

    @Test("function words tell close languages apart",
          arguments: [
              ("no", "Det er ikke sikkert hva som skjer etter valget, men regjeringen vil legge fram et nytt forslag noe senere."),
              ("da", "Det er ikke sikkert hvad der sker efter valget, men regeringen vil fremlægge et nyt forslag noget senere."),
              ("hr", "Nije jasno što će se dogoditi nakon izbora, ali vlada će kasnije predložiti novi zakon o porezima."),
              ("sl", "Ni jasno, kaj se bo zgodilo po volitvah, vendar bo vlada pozneje predlagala nov zakon o davkih."),
              ("cs", "Není jasné, co se stane po volbách, ale vláda později předloží nový zákon o daních."),
              ("sk", "Nie je jasné, čo sa stane po voľbách, ale vláda neskôr predloží nový zákon o daniach."),
          ])
    func closeLanguages(_ expected: String, _ text: String) {
        #expect(detector.detect(text).language == expected, "\(text)")
    }

    @Test("capitalised names and products do not outvote the running words of a sentence")
    func capitalisedWords() {
        let polish = "Plik wideo Apple QuickTime Movie, dokument Microsoft Word Open Document, obraz dysku Apple Disk Image "
            + "oraz arkusz Lotus Spreadsheet Office można otworzyć w tym programie."
        #expect(detector.detect(polish).language == "pl")
        // A text of capitalised words only is read from those words.
        #expect(detector.detect("Hrvatski Talijanski Japanski Koreanski Njemački Francuski Španjolski").language != nil)
    }
}
