/// Host and path of a URL, compared on its UTF-8 bytes without building strings.
enum URLParts {
    /// The byte ranges of the host (lowercase comparison is the caller's) and of the path (without
    /// query and fragment) of `url`: `scheme://[user@]host[:port]/path?query#fragment`, or a
    /// scheme-less `host/path`.
    static func split(_ b: UnsafeBufferPointer<UInt8>) -> (host: Range<Int>, path: Range<Int>) {
        let n = b.count
        var start = 0
        // Skip "scheme:" + "//" when present.
        var k = 0
        while k < n, b[k] != 0x3A, b[k] != 0x2F, b[k] != 0x3F, b[k] != 0x23 { k += 1 }
        if k < n, b[k] == 0x3A, k + 2 < n, b[k + 1] == 0x2F, b[k + 2] == 0x2F { start = k + 3 }
        else if n >= 2, b[0] == 0x2F, b[1] == 0x2F { start = 2 }
        var end = start
        while end < n, b[end] != 0x2F, b[end] != 0x3F, b[end] != 0x23 { end += 1 }
        var hostStart = start
        for i in start..<end where b[i] == 0x40 { hostStart = i + 1 }
        var hostEnd = hostStart
        while hostEnd < end, b[hostEnd] != 0x3A { hostEnd += 1 }
        if hostEnd > hostStart, b[hostEnd - 1] == 0x2E { hostEnd -= 1 }  // "example.com."
        var pathEnd = end
        while pathEnd < n, b[pathEnd] != 0x3F, b[pathEnd] != 0x23 { pathEnd += 1 }
        return (hostStart..<hostEnd, end..<pathEnd)
    }

    /// Whether `b[range]` ends with `suffix` (lowercase ASCII), ignoring ASCII case.
    static func hasSuffix(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ suffix: [UInt8]) -> Bool {
        guard suffix.count <= range.count else { return false }
        let offset = range.upperBound - suffix.count
        for k in 0..<suffix.count {
            var c = b[offset + k]
            if c >= 0x41, c <= 0x5A { c |= 0x20 }
            if c != suffix[k] { return false }
        }
        return true
    }

    /// Whether the host is `host` or one of its subdomains (`news.bbc.co.uk` for `bbc.co.uk`).
    static func hostMatches(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ host: [UInt8]) -> Bool {
        guard hasSuffix(b, range, host) else { return false }
        return range.count == host.count || b[range.upperBound - host.count - 1] == 0x2E
    }
}
