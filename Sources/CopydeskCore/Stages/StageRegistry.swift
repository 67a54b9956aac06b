/// The explicit list of stages a runner knows. Built-in stages are registered in one place
/// (`CopydeskStages.builtIn`); a third-party runner adds its own with `register`.
public struct StageRegistry: Sendable {
    public private(set) var descriptors: [StageDescriptor] = []

    public init(_ descriptors: [StageDescriptor] = []) {
        for descriptor in descriptors { register(descriptor) }
    }

    /// Adds a stage. Registering an id twice is a programming error.
    public mutating func register(_ descriptor: StageDescriptor) {
        precondition(self.descriptor(for: descriptor.id) == nil, "stage id '\(descriptor.id)' registered twice")
        descriptors.append(descriptor)
    }

    /// This registry with `descriptors` registered after its own (ids must be new), for a
    /// one-line `main`: `CopydeskCommand.main(registry: BuiltInStages.registry.adding(MyStage.descriptor))`.
    public func adding(_ descriptors: StageDescriptor...) -> StageRegistry {
        var registry = self
        for descriptor in descriptors { registry.register(descriptor) }
        return registry
    }

    public func descriptor(for id: String) -> StageDescriptor? {
        descriptors.first { $0.id == id }
    }

    /// Every registered id, in registration order.
    public var ids: [String] { descriptors.map(\.id) }
}
