import Foundation
import HTTPClient
import Sockets
import TLS
import Testing

/// Certificate verification against a local s_server with a throw-away CA.
@Suite struct TLSTests {
    static let limits = ClientLimits(connectTimeout: .seconds(3), readTimeout: .seconds(3), totalTimeout: .seconds(6))

    @Test func refusesAServerWhoseCAIsNotTrusted() async throws {
        let peer = try TLSPeer()
        defer { peer.stop() }
        let client = HTTPClient(limits: Self.limits)
        let error = await failure { () throws(ClientError) in
            try await client.send(ClientRequest(method: .post, url: "https://localhost:\(peer.port)/payouts", body: [1]))
        }
        guard case .notSent(.certificateRejected(let why)) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(why.hasPrefix("certificate verify failed"))
        await client.shutdown()
    }

    @Test func acceptsTheServerWithItsCAConfigured() async throws {
        let peer = try TLSPeer()
        defer { peer.stop() }
        let client = HTTPClient(limits: Self.limits, tls: TLSConfiguration(trust: .caFile(path: peer.caPath)))
        let response = try await client.send(ClientRequest(method: .get, url: "https://localhost:\(peer.port)/"))
        #expect(response.status.code == 200)
        #expect(!response.body.isEmpty)
        let pem = try String(contentsOfFile: peer.caPath, encoding: .utf8)
        let fromPEM = HTTPClient(limits: Self.limits, tls: TLSConfiguration(trust: .caPEM(pem)))
        #expect(try await fromPEM.send(ClientRequest(method: .get, url: "https://localhost:\(peer.port)/")).status.code == 200)
        await client.shutdown()
        await fromPEM.shutdown()
    }

    /// The certificate names only `localhost`: dialling 127.0.0.1 must fail verification.
    @Test func refusesAnAddressTheCertificateDoesNotName() async throws {
        let peer = try TLSPeer()
        defer { peer.stop() }
        let client = HTTPClient(limits: Self.limits, tls: TLSConfiguration(trust: .caFile(path: peer.caPath)))
        let error = await failure { () throws(ClientError) in
            try await client.send(ClientRequest(method: .get, url: "https://127.0.0.1:\(peer.port)/"))
        }
        guard case .notSent(.certificateRejected(let why)) = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(why.contains("mismatch"))
        await client.shutdown()
    }

    /// The TLS room on its own: right address, trusted CA, wrong expected name.
    @Test func refusesAHostNameTheCertificateDoesNotName() throws {
        let peer = try TLSPeer()
        defer { peer.stop() }
        let context = try TLSContext(configuration: TLSConfiguration(trust: .caFile(path: peer.caPath)))
        let address = try SocketAddress.resolve(host: "127.0.0.1", port: peer.port)[0]
        let socket = try Socket.connect(to: address, timeoutMilliseconds: 2000, nonBlocking: true)
        defer { socket.close() }
        do {
            _ = try TLSStream.connect(over: socket, context: context, serverName: "wrong.example",
                                      deadline: .now + .seconds(3))
            Issue.record("handshake succeeded")
        } catch {
            #expect(error.kind == .certificateRejected)
            #expect(error.message == "certificate verify failed: hostname mismatch")
        }
    }

    @Test func aMissingCAFileFailsHTTPSRequestsAsNotSent() async {
        let client = HTTPClient(limits: Self.limits, tls: TLSConfiguration(trust: .caFile(path: "/nonexistent/ca.pem")))
        let error = await failure { () throws(ClientError) in
            try await client.send(ClientRequest(method: .get, url: "https://localhost:1/"))
        }
        #expect(error?.requestMayHaveReachedServer == false)
    }
}

/// A provider that answers one request twice, both TLS records in one TCP write: the second is
/// still buffered (in OpenSSL or its BIO, not on the socket) when the first answer is complete.
@Suite struct TLSLeftoverTests {
    /// Serves `/a` with two answers in one write and `/b` with one; each request's path and answer
    /// body are the same words.
    static let script = #"""
import socket, ssl
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain("leaf.pem", "leaf.key")
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
print("ACCEPT 127.0.0.1:%d" % listener.getsockname()[1], flush=True)

def answer(body):
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)

def serve(connection):
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    session = context.wrap_bio(incoming, outgoing, server_side=True)
    def feed():
        connection.sendall(outgoing.read())
        data = connection.recv(65536)
        if not data:
            raise EOFError
        incoming.write(data)
    while True:
        try:
            session.do_handshake()
            break
        except ssl.SSLWantReadError:
            feed()
    connection.sendall(outgoing.read())
    while True:
        request = b""
        while b"\r\n\r\n" not in request:
            try:
                chunk = session.read(65536)
            except ssl.SSLWantReadError:
                feed()
                continue
            if not chunk:
                raise EOFError
            request += chunk
        path = request.split(b" ")[1]
        if path == b"/a":
            session.write(answer(b"answer-a"))
            session.write(answer(b"late-a"))
        else:
            session.write(answer(b"answer" + path.replace(b"/", b"-")))
        connection.sendall(outgoing.read())

while True:
    connection, _ = listener.accept()
    try:
        serve(connection)
    except (EOFError, ssl.SSLError, OSError):
        pass
    connection.close()
"""#

    @Test func aLateAnswerBufferedWithTheLastOneIsNeverTheNextRequestsAnswer() async throws {
        let peer = try TLSPeer(server: ["/usr/bin/env", "python3", "-c", Self.script])
        defer { peer.stop() }
        let client = HTTPClient(limits: TLSTests.limits, tls: TLSConfiguration(trust: .caFile(path: peer.caPath)))
        let first = try await client.send(ClientRequest(method: .post, url: "https://localhost:\(peer.port)/a", body: [1]))
        #expect(String(decoding: first.body, as: UTF8.self) == "answer-a")
        // The leftover answer makes the connection unusable: /b goes out on a new one.
        let second = try await client.send(ClientRequest(method: .post, url: "https://localhost:\(peer.port)/b", body: [2]))
        #expect(String(decoding: second.body, as: UTF8.self) == "answer-b")
        await client.shutdown()
    }
}
