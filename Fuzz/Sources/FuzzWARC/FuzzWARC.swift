import CopydeskCore

/// libFuzzer entry: any bytes as a WARC file must end in documents and rejections, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWARC(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var reader = WARCReader(stream: AnyByteStream(MemoryByteStream(bytes)), path: "fuzz.warc", maxRecordBytes: 1 << 20)
    var steps = 0
    while steps < 10_000, let item = try? reader.next() {
        _ = item
        steps += 1
    }
    // The same bytes gzip'd, through the streaming inflater.
    var compressed = WARCReader(stream: AnyByteStream(GzipByteStream(MemoryByteStream(bytes), path: "fuzz.warc.gz")), path: "fuzz.warc.gz", maxRecordBytes: 1 << 20)
    steps = 0
    while steps < 10_000, let item = try? compressed.next() {
        _ = item
        steps += 1
    }
    // The same bytes as the chunked HTTP body of a well-formed response record: fuzzes chunk sizes and
    // extensions (negative, overflowing, past the end) without the fuzzer having to find a valid header.
    let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n".utf8) + bytes
    let record = Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:fuzz>\r\nContent-Length: \(http.count)\r\n\r\n".utf8)
        + http + Array("\r\n\r\n".utf8)
    var chunked = WARCReader(stream: AnyByteStream(MemoryByteStream(record)), path: "chunked.warc", maxRecordBytes: 1 << 20)
    steps = 0
    while steps < 10, let item = try? chunked.next() {
        _ = item
        steps += 1
    }
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzWARC_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzWARC_main")
public func fuzzWARCMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzWARC)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32
