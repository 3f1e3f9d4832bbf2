import Foundation
import Payouts
import ProviderSimulators
import Sockets

// The four provider simulators in one process, for `make run`, demos and load tests.
// Each listens on 127.0.0.1; ports, the callback target, latency and faults are options.

let usage = """
    usage: provider-sandbox [--duitku-port N] [--durianpay-port N] [--doku-port N] [--singapay-port N]
                            [--callback-base URL] [--latency-ms N] [--fault PROVIDER=FAULT]...
      ports default to 0 (a free port; the chosen ones are printed)
      --callback-base  where the gateway takes callbacks, e.g. http://127.0.0.1:8080/v1/callbacks;
                       each simulator posts to <base>/<provider>
      --latency-ms     added to every answer
      --fault          refuse | error | late | drop, e.g. --fault duitku=late
    credentials: the documented sandbox ones (see README.md, "Provider sandbox")
    """

struct SandboxOptions {
    var ports: [ProviderName: Int] = [:]
    var callbackBase: String?
    var latency = Duration.zero
    var faults: [ProviderName: String] = [:]

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw SandboxError.usage("\(flag) needs a value") }
            switch flag {
            case "--duitku-port", "--durianpay-port", "--doku-port", "--singapay-port":
                let name = String(flag.dropFirst(2).dropLast(5))
                guard let provider = ProviderName(rawValue: name), let port = Int(value), (0...65535).contains(port) else {
                    throw SandboxError.usage("\(flag) takes a port from 0 to 65535")
                }
                ports[provider] = port
            case "--callback-base": callbackBase = value.hasSuffix("/") ? String(value.dropLast()) : value
            case "--latency-ms":
                guard let ms = Int(value), ms >= 0 else { throw SandboxError.usage("--latency-ms takes a whole number") }
                latency = .milliseconds(ms)
            case "--fault":
                let parts = value.split(separator: "=").map(String.init)
                guard parts.count == 2, let provider = ProviderName(rawValue: parts[0]),
                      ["refuse", "error", "late", "drop"].contains(parts[1]) else {
                    throw SandboxError.usage("--fault takes PROVIDER=refuse|error|late|drop")
                }
                faults[provider] = parts[1]
            default: throw SandboxError.usage("unknown option \(flag)")
            }
        }
    }

    func callbackURL(_ provider: ProviderName) -> String? { callbackBase.map { "\($0)/\(provider.rawValue)" } }

    /// The shared options of the Duitku and DOKU simulators.
    func common(_ provider: ProviderName) -> SimulatorOptions {
        let fault: SimulatorFault = switch faults[provider] {
        case "refuse": .refuseConnections
        case "error": .serverError
        case "late": .delayAfterExecuting(.seconds(60))
        case "drop": .dropConnectionAfterExecuting
        default: .none
        }
        return SimulatorOptions(port: ports[provider] ?? 0, callbackURL: callbackURL(provider), latency: latency, fault: fault)
    }

    func durianpay() -> DurianpaySimulator.Options {
        let fault: DurianpaySimulator.Fault = switch faults[.durianpay] {
        case "refuse": .refuseConnections
        case "error": .answerServerError
        case "late": .answerLateAfterExecuting(.seconds(60))
        case "drop": .dropConnectionAfterExecuting
        default: .none
        }
        return .init(port: ports[.durianpay] ?? 0, callbackURL: callbackURL(.durianpay), latency: latency, fault: fault)
    }

    func singapay() -> SingaPaySimulator.Options {
        let fault: SingaPaySimulator.Fault = switch faults[.singapay] {
        case "refuse": .refuseConnections
        case "error": .answerServerError
        case "late": .answerLateAfterExecuting(.seconds(60))
        case "drop": .dropConnectionAfterExecuting
        default: .none
        }
        return .init(port: ports[.singapay] ?? 0, callbackURL: callbackURL(.singapay), latency: latency, fault: fault)
    }
}

enum SandboxError: Error { case usage(String) }

if CommandLine.arguments.contains("--help") || CommandLine.arguments.contains("-h") {
    print(usage)
    exit(0)
}
let options: SandboxOptions
do { options = try SandboxOptions(Array(CommandLine.arguments.dropFirst())) } catch SandboxError.usage(let message) {
    FileHandle.standardError.write(Data("\(message)\n\(usage)\n".utf8))
    exit(64)
}

let signals = SignalWaiter([SIGTERM, SIGINT])
let duitku = DuitkuSimulator(options: options.common(.duitku))
let doku = DokuSimulator(options: options.common(.doku))
let durianpay = DurianpaySimulator(options: options.durianpay())
let singapay = SingaPaySimulator(options: options.singapay())
do {
    let started = [("duitku", try duitku.start()), ("durianpay", try durianpay.start()),
                   ("doku", try doku.start()), ("singapay", try singapay.start())]
    let lines = started.map { "\($0.0) http://127.0.0.1:\($0.1)\n" }.joined()
    FileHandle.standardOutput.write(Data(lines.utf8))
} catch {
    FileHandle.standardError.write(Data("provider-sandbox: cannot start: \(error)\n".utf8))
    exit(1)
}
_ = await withCheckedContinuation { continuation in
    Thread.detachNewThread { continuation.resume(returning: signals.wait()) }
}
await duitku.stop()
await doku.stop()
await durianpay.stop()
await singapay.stop()
