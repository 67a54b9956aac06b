import Foundation

/// Counts of values in fixed bins, for the charts of cluster sizes and of similarities.
struct Histogram {
    struct Bin {
        var label: String
        /// Values `v` with `lower <= v < upper` fall in the bin (the last bin includes its upper bound).
        var lower, upper: Double
        var count = 0
    }

    private(set) var bins: [Bin]

    init(bins: [Bin]) { self.bins = bins }

    /// Cluster sizes (documents in a cluster, the canonical one included): 2, 3, 4, 5, 6–9, 10–19, 20–49, 50–99, 100 or more.
    static func clusterSizes() -> Histogram {
        let edges: [(String, Double, Double)] = [
            ("2", 2, 3), ("3", 3, 4), ("4", 4, 5), ("5", 5, 6), ("6–9", 6, 10), ("10–19", 10, 20),
            ("20–49", 20, 50), ("50–99", 50, 100), ("100 or more", 100, .infinity),
        ]
        return Histogram(bins: edges.map { Bin(label: $0.0, lower: $0.1, upper: $0.2) })
    }

    /// Ten bins of width 0.1 over [0, 1].
    static func unitInterval() -> Histogram {
        Histogram(bins: (0..<10).map { step in
            let lower = Double(step) / 10, upper = Double(step + 1) / 10
            return Bin(label: String(format: "%.1f–%.1f", lower, upper), lower: lower, upper: upper)
        })
    }

    var total: Int { bins.reduce(0) { $0 + $1.count } }

    mutating func add(_ value: Double, count: Int = 1) {
        guard value.isFinite, let first = bins.first, value >= first.lower else { return }
        if let index = bins.firstIndex(where: { value < $0.upper }) {
            bins[index].count += count
        } else if let last = bins.indices.last, value <= bins[last].upper {
            bins[last].count += count
        }
    }

    func chart(id: String, title: String, color: String = BarChart.blue) -> BarChart {
        BarChart(id: id, title: title, series: [.init(name: "count", color: color)],
                 rows: bins.map { .init(label: $0.label, values: [Double($0.count)]) })
    }
}
