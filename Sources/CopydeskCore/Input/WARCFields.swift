/// The WARC and HTTP headers users filter on, kept as the user field `warc` of a document read from a
/// WARC response record: `target_uri`, `date`, `record_id`, `payload_digest`, `ip_address` (each only
/// when the record has it, text as written), `http_status` (a number) and `content_type` (the HTTP
/// Content-Type as sent).
public enum WARCFields {
    /// WARC header (lowercased, as ``WARCReader`` parses it) → key under `warc`.
    static let headers: [(header: String, key: String)] = [
        ("warc-target-uri", "target_uri"), ("warc-date", "date"), ("warc-record-id", "record_id"),
        ("warc-payload-digest", "payload_digest"), ("warc-ip-address", "ip_address"),
    ]

    /// The `warc` object for a response record's headers and its HTTP status and content type.
    public static func object(headers fields: [String: String], status: Int, contentType: String?) -> JSONObject {
        var warc = JSONObject()
        for (header, key) in headers {
            if let value = fields[header] { warc[key] = .string(value) }
        }
        warc["http_status"] = .number(JSONNumber(status))
        if let contentType { warc["content_type"] = .string(contentType) }
        return warc
    }
}
