public import CopydeskCore
import Dedupe
import Entities
import Exec
import Export
import Filter
import Language
import Normalise
import Strip

/// The one place built-in stages are registered. The `copydesk` executable uses it; a third-party
/// runner starts from it and registers its own stages on top.
public enum BuiltInStages {
    /// Every built-in stage, in pipeline order.
    public static var registry: StageRegistry {
        StageRegistry([
            NormaliseStage.descriptor,
            StripStage.descriptor,
            LanguageStage.descriptor,
            EntitiesStage.descriptor,
            FilterStage.descriptor,
            DedupeStage.descriptor,
            ExportStage.descriptor,
            ExecStage.descriptor,
        ])
    }
}
