import CopydeskCore
import CopydeskStages

/// libFuzzer entry: any bytes as an HTML page go through strip to text, a drop or a rejection.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStrip(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let buffer = UnsafeBufferPointer(start: data, count: size)
    guard let decoded = try? HTMLSniffing.decode(buffer) else { return 0 }
    guard let descriptor = BuiltInStages.registry.descriptor(for: "strip"),
          let options = try? descriptor.defaultOptions(),
          case .document(let stage)? = try? descriptor.make(options, StageContext())
    else { return 0 }
    var document = Document(id: "fuzz", source: SourceLocation(path: "fuzz.html"), text: "", html: decoded.text)
    _ = try? stage.process(&document)
    var plain = Document(id: "fuzz", source: SourceLocation(path: "fuzz.txt"), text: decoded.text)
    _ = try? stage.process(&plain)
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzStrip_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzStrip_main")
public func fuzzStripMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzStrip)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32
