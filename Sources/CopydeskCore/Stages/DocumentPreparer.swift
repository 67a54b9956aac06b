/// The parallel half of a corpus-wide stage.
public protocol DocumentPreparer: Sendable {
    /// What `prepare` computes for one document and `consume` receives.
    associatedtype Prepared: Sendable
    /// Computes what `consume` needs for `document`; called from several threads at once.
    func prepare(_ document: Document) -> Prepared
}

/// The preparer of a corpus-wide stage that precomputes nothing; such a stage's `consume` takes
/// `prepared: Void?` and ignores it.
public struct NoPreparation: DocumentPreparer {
    public init() {}
    public func prepare(_ document: Document) {}
}
