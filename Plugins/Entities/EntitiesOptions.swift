public import CopydeskCore

/// The `entities` stage's options.
public struct EntitiesOptions: DeclaredOptions {
    /// `nil`: the model built into the stage.
    public var model: String?
    public var types: [String] = EntityRecogniser.allTypes
    public var gazetteer: [UserGazetteer.Entry] = []

    public init() {}

    /// The fields of one `gazetteer` entry.
    static let entrySpecs = [
        OptionSpec("name", .string, default: nil, required: true, "Canonical name of the entity."),
        OptionSpec("type", .choice(EntityRecogniser.allTypes), default: nil, required: true, "Its type."),
        OptionSpec("aliases", .list(.string), default: .list([]), "Other names for it in text (e.g. an acronym)."),
    ]

    public static let schema = OptionSchema<Self>([
        .path("model", \.model, "A tagger model file trained by copydesk-train; default: the model built into the stage."),
        .field("types", \.types, .list(.choice(EntityRecogniser.allTypes)), "The entity types to output."),
        .field("gazetteer", \.gazetteer, .list(.record(entrySpecs)),
               "Your own entities; every occurrence of a name or alias (case-insensitive, capitalised in the text "
                + "unless given in lower case) becomes that entity, taking precedence over the tagger and the rules."),
    ])

    public func validate(_ check: OptionCheck<Self>) throws(ConfigError) {
        if gazetteer.contains(where: { $0.name.isEmpty }) { throw check.error(\.gazetteer, "an entry has an empty name") }
    }
}

extension UserGazetteer.Entry: OptionValueRepresentable {
    /// Reads a decoded `gazetteer` entry (a mapping of name, type and aliases).
    public init?(optionValue: OptionValue) {
        guard case .map(let pairs) = optionValue, let name = KeyedOptionValue.lookup("name", in: pairs)?.stringValue,
            let type = KeyedOptionValue.lookup("type", in: pairs)?.stringValue
        else { return nil }
        let aliases = KeyedOptionValue.lookup("aliases", in: pairs).flatMap { [String](optionValue: $0) } ?? []
        self.init(name: name, type: type, aliases: aliases)
    }

    public var optionValue: OptionValue {
        .map([
            KeyedOptionValue(key: "name", value: .string(name)), KeyedOptionValue(key: "type", value: .string(type)),
            KeyedOptionValue(key: "aliases", value: aliases.optionValue),
        ])
    }
}
