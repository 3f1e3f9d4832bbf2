import Foundation
import Sockets

/// A throw-away CA, a leaf certificate for `localhost` only (no IP address in its SAN), and
/// `openssl s_server -www` serving it on 127.0.0.1 and a free port, all made at run time. Another
/// server can be given: run in the certificates' directory, it prints `ACCEPT 127.0.0.1:PORT`.
final class TLSPeer: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let server: Process

    var caPath: String { directory.appendingPathComponent("ca.pem").path }

    init(server command: [String] = ["/usr/bin/openssl", "s_server", "-accept", "127.0.0.1:0",
                                      "-cert", "leaf.pem", "-key", "leaf.key", "-www"]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.openssl(["req", "-x509"] + ec + ["-keyout", "ca.key", "-out", "ca.pem", "-days", "1",
                         "-subj", "/CN=Throw-away test CA",
                         "-addext", "basicConstraints=critical,CA:TRUE",
                         "-addext", "keyUsage=critical,keyCertSign,cRLSign"], in: directory)
        try Self.openssl(["req"] + ec + ["-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=localhost"], in: directory)
        try "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(to: directory.appendingPathComponent("leaf.ext"), atomically: true, encoding: .utf8)
        try Self.openssl(["x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                          "-out", "leaf.pem", "-days", "1", "-extfile", "leaf.ext"], in: directory)
        // Port 0: s_server binds a free port itself and prints `ACCEPT 127.0.0.1:PORT` once it
        // listens. (Probing for a free port and releasing it would let another test take it.)
        server = Process()
        server.executableURL = URL(fileURLWithPath: command[0])
        server.arguments = Array(command.dropFirst())
        server.currentDirectoryURL = directory
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        port = try Self.acceptedPort(output.fileHandleForReading)
    }

    /// Reads s_server's output up to its `ACCEPT host:port` line.
    private static func acceptedPort(_ handle: FileHandle) throws -> Int {
        var seen = ""
        while true {
            let chunk = handle.availableData
            guard !chunk.isEmpty else { throw SocketError("s_server did not start", errno: ETIMEDOUT) }
            seen += String(decoding: chunk, as: UTF8.self)
            if let match = seen.firstMatch(of: /ACCEPT [0-9.]+:(\d+)/), let port = Int(match.1) { return port }
        }
    }

    func stop() {
        // SIGKILL, not terminate(): the child inherits the test runner's signal mask, in which
        // SIGTERM may be blocked, and then s_server would never exit.
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    private static func openssl(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SocketError("openssl \(arguments.first ?? "") exited \(process.terminationStatus)", errno: EINVAL)
        }
    }
}
