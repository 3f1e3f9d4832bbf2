/// Base64 text for bytes (RFC 4648 §4), and its URL- and filename-safe variant (§5).
public enum Base64 {
    /// Standard-alphabet base64 of `bytes`, padded with `=`.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        Base64Codec.standard.encode(bytes, padded: true)
    }

    /// The bytes of standard padded base64 `text`; nil on a character outside the alphabet,
    /// missing or misplaced padding, whitespace, or non-zero unused bits (RFC 4648 §3.5).
    public static func decode(_ text: String) -> [UInt8]? {
        Base64Codec.standard.decode(text, paddingRequired: true)
    }

    /// URL-safe base64 (`-` and `_` instead of `+` and `/`) of `bytes`, unpadded unless asked.
    public static func encodeURLSafe(_ bytes: some Collection<UInt8>, padded: Bool = false) -> String {
        Base64Codec.urlSafe.encode(bytes, padded: padded)
    }

    /// The bytes of URL-safe base64 `text`, padded or not; as strict as `decode(_:)` otherwise.
    public static func decodeURLSafe(_ text: String) -> [UInt8]? {
        Base64Codec.urlSafe.decode(text, paddingRequired: false)
    }
}
