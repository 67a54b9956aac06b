/// A stage instance as the runner holds it: one of the two kinds.
public enum StageInstance {
    case document(any DocumentStage)
    case corpus(any CorpusStage)
}
