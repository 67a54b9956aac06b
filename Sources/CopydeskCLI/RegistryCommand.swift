import ArgumentParser
import CopydeskCore

/// A subcommand that works with the runner's stage registry instead of a fixed one.
protocol RegistryCommand: ParsableCommand {
    func run(registry: StageRegistry) throws
}

extension RegistryCommand {
    /// Only reached when a command is run without ``CopydeskCommand/main(registry:)``.
    func run() throws {
        throw ValidationError("this command needs a stage registry: start it through CopydeskCommand.main(registry:)")
    }
}
