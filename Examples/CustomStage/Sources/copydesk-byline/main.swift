import Byline
import CopydeskCLI
import CopydeskStages

CopydeskCommand.main(registry: BuiltInStages.registry.adding(BylineStage.descriptor))
