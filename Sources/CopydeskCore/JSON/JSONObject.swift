/// An ordered JSON object: members in the order they were added, each key once. Setting a key that is
/// already there replaces its value in place (as Python's `dict` does); setting `nil` removes it.
/// Holds a document's own fields (``Document/meta``).
public struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    /// The members, in order.
    public private(set) var members: [(key: String, value: JSONValue)]

    /// An object with `members`; a key given twice keeps its last value at its first position.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        var seen = Set<String>(minimumCapacity: members.count)
        if members.allSatisfy({ seen.insert($0.key).inserted }) {
            self.members = members
            return
        }
        self.members = []
        var positions: [String: Int] = [:]
        for (key, value) in members {
            if let index = positions[key] {
                self.members[index].value = value
            } else {
                positions[key] = self.members.count
                self.members.append((key, value))
            }
        }
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }

    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }
    public var keys: [String] { members.map(\.key) }

    /// The object as a JSON value.
    public var jsonValue: JSONValue { .object(members) }

    /// The member named exactly `key` (no path splitting); setting `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            let index = members.firstIndex { $0.key == key }
            switch (index, newValue) {
            case let (index?, value?): members[index].value = value
            case let (index?, nil): members.remove(at: index)
            case let (nil, value?): members.append((key, value))
            case (nil, nil): break
            }
        }
    }

    /// Sets `key` and says whether it replaced a value that was already there.
    @discardableResult
    public mutating func set(_ key: String, _ value: JSONValue) -> Bool {
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
            return true
        }
        members.append((key, value))
        return false
    }

    /// Removes `key` and returns its value.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        return members.remove(at: index).value
    }

    /// The value at a dotted path (`source.url`): a member named exactly `path` first, else each
    /// dot-separated part looked up in the object before it.
    public subscript(path path: String) -> JSONValue? {
        if case .found(let value) = lookup(path) { return value }
        return nil
    }

    /// The outcome of looking up a dotted path.
    public enum PathLookup: Sendable, Equatable {
        case found(JSONValue)
        /// Some part of the path is absent.
        case missing
        /// The path goes through `prefix`, which holds `kind` ("a string", …) instead of an object.
        case throughNonObject(prefix: String, kind: String)
    }

    /// Looks `path` up: a member named exactly `path` first (so a key that contains a dot still works),
    /// else the dot-separated parts from the outside in.
    public func lookup(_ path: String) -> PathLookup {
        if let value = self[path] { return .found(value) }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return .missing }
        var current = jsonValue
        for (depth, part) in parts.enumerated() {
            guard case .object = current else {
                return .throughNonObject(prefix: parts[..<depth].joined(separator: "."), kind: current.kindName)
            }
            guard let next = current[part] else { return .missing }
            current = next
        }
        return .found(current)
    }

    /// Why a value could not be set at a path.
    public struct PathError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot set '\(path)': \(reason)" }
    }

    /// Sets the value at a dotted path, creating missing objects on the way; a part that holds something
    /// other than an object is an error (nothing is overwritten). A member named exactly `path` is replaced.
    public mutating func setValue(_ value: JSONValue, atPath path: String) throws(PathError) {
        if self[path] != nil {
            self[path] = value
            return
        }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        try Self.set(value, parts: parts[...], in: &self, all: parts)
    }

    private static func set(_ value: JSONValue, parts: ArraySlice<String>, in object: inout JSONObject, all: [String]) throws(PathError) {
        let key = parts[parts.startIndex]
        if parts.count == 1 {
            object[key] = value
            return
        }
        var child: JSONObject
        switch object[key] {
        case nil: child = JSONObject()
        case .object(let pairs)?: child = JSONObject(pairs)
        case let other?:
            let prefix = all[...parts.startIndex].joined(separator: ".")
            throw PathError(path: all.joined(separator: "."), reason: "'\(prefix)' holds \(other.kindName), not an object")
        }
        try set(value, parts: parts.dropFirst(), in: &child, all: all)
        object[key] = child.jsonValue
    }

    /// Removes the value at a dotted path (a member named exactly `path` first) and returns it; objects on
    /// the way stay, even when they become empty.
    @discardableResult
    public mutating func removeValue(atPath path: String) -> JSONValue? {
        if let value = removeValue(forKey: path) { return value }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return nil }
        return Self.remove(parts: parts[...], from: &self)
    }

    private static func remove(parts: ArraySlice<String>, from object: inout JSONObject) -> JSONValue? {
        let key = parts[parts.startIndex]
        if parts.count == 1 { return object.removeValue(forKey: key) }
        guard case .object(let pairs)? = object[key] else { return nil }
        var child = JSONObject(pairs)
        let removed = remove(parts: parts.dropFirst(), from: &child)
        if removed != nil { object[key] = child.jsonValue }
        return removed
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.jsonValue == rhs.jsonValue
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(jsonValue) }
}
