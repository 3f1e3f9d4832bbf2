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
