// libFuzzer entry for HTTPRequestParser; built by run.sh together with Sources/HTTP, not by SwiftPM.
// Every input is parsed whole, split at a point taken from the input, and byte by byte when
// small, under the default limits, tiny ones and ones drawn from the input; the runs must agree exactly.

/// Limits small enough that the fuzzer reaches every limit edge within a few hundred bytes.
private let tinyLimits = HTTPLimits(requestLineBytesMax: 40, headerBytesMax: 96, headerCountMax: 4, bodyBytesMax: 24)

/// Everything a caller could observe from one feeding of an input.
private struct Outcome: Equatable {
    var events: [Summary?] = []
    var error: HTTPParseError?
    var unconsumed: [UInt8] = []
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let splitPoint = input.isEmpty ? 0 : Int(input.reduce(0) { $0 &+ UInt32($1) } % UInt32(input.count + 1))
    // A third set of limits, from a hash of the input, reaches edges (zero included) the fixed sets miss.
    let hash = input.reduce(UInt64(0xCBF2_9CE4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    let hashedLimits = HTTPLimits(requestLineBytesMax: Int(hash & 63), headerBytesMax: Int(hash >> 8 & 127),
                                  headerCountMax: Int(hash >> 16 & 7), bodyBytesMax: Int(hash >> 24 & 31))
    for limits in [HTTPLimits(), tinyLimits, hashedLimits] {
        let whole = feed(input, limits: limits, pieceSizes: [input.count], checkIdle: true)
        let split = feed(input, limits: limits, pieceSizes: [splitPoint, input.count - splitPoint], checkIdle: false)
        precondition(whole == split, "whole and split feeding disagree")
        if input.count <= 512 {
            let single = feed(input, limits: limits, pieceSizes: Array(repeating: 1, count: input.count), checkIdle: false)
            precondition(whole == single, "whole and byte-by-byte feeding disagree")
        }
    }
    return 0
}

/// Plays the server: appends each piece, then calls the parser until it asks for more bytes.
private func feed(_ input: [UInt8], limits: HTTPLimits, pieceSizes: [Int], checkIdle: Bool) -> Outcome {
    var parser = HTTPRequestParser(limits: limits)
    var pending: [UInt8] = []
    var outcome = Outcome()
    var offset = 0
    for pieceSize in pieceSizes {
        pending.append(contentsOf: input[offset..<offset + pieceSize])
        offset += pieceSize
        while true {
            switch parse(&parser, pending) {
            case .failure(let error):
                outcome.error = error
                // Errors are sticky: the connection's framing is lost.
                guard case .failure(let again) = parse(&parser, pending), again == error else {
                    preconditionFailure("error was not sticky")
                }
                return outcome
            case .success(let (consumed, event)):
                precondition(consumed >= 0 && consumed <= pending.count, "consumed out of range")
                pending.removeFirst(consumed)
                if let event {
                    precondition(consumed > 0, "an event without progress")
                    outcome.events.append(summary(of: event, limits: limits))
                    continue
                }
            }
            break
        }
        if checkIdle, case .success(let (consumed, event)) = parse(&parser, pending) {
            // No event means every complete unit was used: asking again must change nothing.
            precondition(consumed == 0 && event == nil, "parser was not idle")
        }
    }
    outcome.unconsumed = pending
    return outcome
}

private func parse(_ parser: inout HTTPRequestParser,
                   _ pending: [UInt8]) -> Result<(consumed: Int, event: HTTPParseEvent?), HTTPParseError> {
    pending.withUnsafeBytes { bytes in
        Result { () throws(HTTPParseError) in try parser.parse(bytes) }
    }
}

/// A request's observable parts, compared field by field; nil stands for `.expectContinue`.
private struct Summary: Equatable {
    var method: String
    var target: String
    var path: String
    var query: String?
    var minorVersion: Int
    var fields: [String]
    var body: [UInt8]
    var isKeepAlive: Bool
}

private func summary(of event: HTTPParseEvent, limits: HTTPLimits) -> Summary? {
    guard case .request(let request) = event else { return nil }
    precondition(request.body.count <= limits.bodyBytesMax, "body past its limit")
    precondition(request.headers.count <= limits.headerCountMax, "header count past its limit")
    precondition(request.minorVersion == 0 || request.minorVersion == 1, "unexpected version")
    return Summary(method: request.method.rawValue, target: request.target, path: request.path, query: request.query,
                   minorVersion: request.minorVersion, fields: request.headers.fields.map { $0.name + ":" + $0.value },
                   body: request.body, isKeepAlive: request.isKeepAlive)
}
