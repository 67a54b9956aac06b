/// Disjoint sets over document numbers; the root of a set is always its smallest member (the cluster's
/// first document in input order), so clusters are deterministic and named by their first member.
struct UnionFind: Sendable {
    private var parent: [UInt32] = []

    var count: Int { parent.count }

    /// Adds a new singleton set and returns its number.
    @discardableResult
    mutating func add() -> UInt32 {
        parent.append(UInt32(parent.count))
        return UInt32(parent.count - 1)
    }

    /// Adds element `element` whose set root is `root` (≤ element), as stored in an index file.
    mutating func add(withRoot root: UInt32) {
        parent.append(root)
    }

    /// The smallest member of `x`'s set (path halving).
    mutating func find(_ x: UInt32) -> UInt32 {
        var x = x
        while parent[Int(x)] != x {
            let grand = parent[Int(parent[Int(x)])]
            parent[Int(x)] = grand
            x = grand
        }
        return x
    }

    /// Joins the sets of `a` and `b`; returns the new root.
    @discardableResult
    mutating func union(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let ra = find(a), rb = find(b)
        if ra == rb { return ra }
        let (root, child) = ra < rb ? (ra, rb) : (rb, ra)
        parent[Int(child)] = root
        return root
    }
}
