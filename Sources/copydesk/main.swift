import CopydeskCLI
import CopydeskStages

CopydeskCommand.main(registry: BuiltInStages.registry)
