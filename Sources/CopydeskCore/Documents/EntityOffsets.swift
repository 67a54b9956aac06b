extension Document {
    /// Whether every entity mention's code-point offsets select exactly its `text` in ``text``.
    public var entityOffsetsMatchText: Bool {
        guard let entities, !entities.isEmpty else { return true }
        var mentions: [Mention] = []
        for entity in entities { mentions.append(contentsOf: entity.mentions) }
        mentions.sort { $0.start < $1.start }
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        var position = 0
        for mention in mentions {
            guard mention.start >= 0, mention.end >= mention.start else { return false }
            while position < mention.start, index != scalars.endIndex {
                scalars.formIndex(after: &index)
                position += 1
            }
            guard position == mention.start else { return false }
            var cursor = index
            var expected = mention.text.unicodeScalars.makeIterator()
            for _ in mention.start..<mention.end {
                guard cursor != scalars.endIndex, let scalar = expected.next(), scalar == scalars[cursor] else { return false }
                scalars.formIndex(after: &cursor)
            }
            if expected.next() != nil { return false }
        }
        return true
    }

    /// Removes entities whose offsets no longer fit the text, after a stage changed ``text`` (a stage that
    /// rewrites text after the entities stage, or a third-party program that edits text but returns the old
    /// entities): an output never carries offsets that point at the wrong characters. Returns whether
    /// entities were removed.
    public mutating func clearStaleEntities() -> Bool {
        guard entities != nil, !entityOffsetsMatchText else { return false }
        entities = nil
        return true
    }
}
