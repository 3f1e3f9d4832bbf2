/// Serializes a request into one write-ready buffer, head and body together, so a client sends
/// it with a single write (no Nagle delay between head and body).
public enum HTTPRequestEncoder {
    /// Appends the request line (`request.target` in origin-form, RFC 9112 §3.2.1), the request's
    /// fields, `Content-Length`, the empty line and the body.
    ///
    /// The encoder owns framing: the request's own `Content-Length` and `Transfer-Encoding` are
    /// dropped and `Content-Length` is written when there is a body or the method defines one
    /// (POST, PUT, PATCH), as RFC 9110 §8.6 asks of a user agent. Call `unsafeFieldName(in:)`
    /// first: a field that could split the request is dropped here rather than written.
    public static func encode(_ request: HTTPRequest, into buffer: inout [UInt8]) {
        precondition(isSafeTarget(request.target), "a request target is visible ASCII without spaces")
        buffer.reserveCapacity(buffer.count + 64 + request.target.utf8.count + 48 * request.headers.count
                               + request.body.count)
        buffer.append(contentsOf: request.method.rawValue.utf8)
        buffer.append(ByteClass.space)
        buffer.append(contentsOf: request.target.utf8)
        HTTPResponseEncoder.append(" HTTP/1.1\r\n", to: &buffer)
        for field in request.headers where isWritable(field) {
            buffer.append(contentsOf: field.name.utf8)
            HTTPResponseEncoder.append(": ", to: &buffer)
            buffer.append(contentsOf: field.value.utf8)
            HTTPResponseEncoder.append("\r\n", to: &buffer)
        }
        if !request.body.isEmpty || [.post, .put, .patch].contains(request.method) {
            HTTPResponseEncoder.append("Content-Length: ", to: &buffer)
            HTTPResponseEncoder.appendDecimal(request.body.count, to: &buffer)
            HTTPResponseEncoder.append("\r\n", to: &buffer)
        }
        HTTPResponseEncoder.append("\r\n", to: &buffer)
        buffer.append(contentsOf: request.body)
    }

    /// The name of the first field that cannot be sent as is (a name that is not a token, or a
    /// value holding CR, LF or another control byte: request splitting, RFC 9112 §2.2), or nil.
    public static func unsafeFieldName(in headers: HTTPHeaders) -> String? {
        for field in headers where field.name.isEmpty || !field.name.utf8.allSatisfy(ByteClass.isToken)
            || !HTTPResponseEncoder.isSafeValue(field.value) {
            return field.name
        }
        return nil
    }

    /// Whether `method` is a token and `target` an origin-form the encoder can write (RFC 9112 §3).
    public static func isSendable(method: HTTPMethod, target: String) -> Bool {
        !method.rawValue.isEmpty && method.rawValue.utf8.allSatisfy(ByteClass.isToken)
            && target.utf8.first == UInt8(ascii: "/") && isSafeTarget(target)
    }

    static func isSafeTarget(_ target: String) -> Bool {
        !target.isEmpty && target.utf8.allSatisfy(ByteClass.isTarget)
    }

    static func isWritable(_ field: (name: String, value: String)) -> Bool {
        guard !field.name.isEmpty, field.name.utf8.allSatisfy(ByteClass.isToken),
              HTTPResponseEncoder.isSafeValue(field.value) else {
            return false
        }
        switch field.name.utf8.count {
        case 14: return !HTTPHeaders.equalsIgnoringCase(field.name, "Content-Length")
        case 17: return !HTTPHeaders.equalsIgnoringCase(field.name, "Transfer-Encoding")
        default: return true
        }
    }
}
