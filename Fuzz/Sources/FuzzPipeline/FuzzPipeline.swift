import CopydeskCore
import CopydeskStages

/// libFuzzer entry: any text as a pipeline file decodes or fails with a positioned error, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let pipeline = try? Pipeline.parse(yaml: text, file: "fuzz.yaml", registry: BuiltInStages.registry) {
        _ = try? pipeline.instantiate(context: StageContext())
    }
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzPipeline_main`; hand control to libFuzzer's driver.
@_cdecl("FuzzPipeline_main")
public func fuzzPipelineMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzzPipeline)
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32
