import HTTPClient

/// Runs `send` expecting a failure and returns it, so a test can check both the case and the reason.
func failure(of body: () async throws(ClientError) -> ClientResponse) async -> ClientError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

let ok200 = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

func text(_ response: ClientResponse) -> String { String(decoding: response.body, as: UTF8.self) }
