import CopydeskCore

/// libFuzzer entry: any bytes as a JSONL stream: every line is a document or a rejection.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONL(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var lines = LineReader(stream: MemoryByteStream(bytes), maxLineBytes: 4096, chunkSize: 64 * 1024)
    var steps = 0
    while steps < 100_000, let line = try? lines.next() {
        steps += 1
        guard case .line(_, let content, _) = line else { continue }
        if let value = try? JSONParser.parse(String(decoding: content, as: UTF8.self)) {
            _ = try? DocumentRecord.read(value, source: SourceLocation(path: "fuzz.jsonl", line: steps))
        }
    }
    // The same bytes as a zstd stream (corrupt frames must end in an error, never a crash or a hang).
    var zstd = LineReader(stream: ZstdByteStream(MemoryByteStream(bytes), path: "fuzz.jsonl.zst"), maxLineBytes: 4096, chunkSize: 64 * 1024)
    steps = 0
    while steps < 100_000, let line = try? zstd.next() {
        steps += 1
        _ = line
    }
    _ = TextDecoding.validateUTF8(UnsafeBufferPointer(start: data, count: size))
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzJSONL_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzJSONL_main")
public func fuzzJSONLMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzJSONL)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32
