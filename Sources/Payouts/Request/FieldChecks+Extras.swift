extension FieldChecks {
    mutating func description(_ value: String?) -> String? {
        guard let value = value?.trimmingWhitespace, !value.isEmpty else { return nil }
        if value.unicodeScalars.count > limits.descriptionLengthMax {
            fail("description", "must be at most \(limits.descriptionLengthMax) characters")
        } else if !value.isPrintable {
            fail("description", "must contain only printable characters")
        } else {
            return value
        }
        return nil
    }

    mutating func metadata(_ pairs: [String: String]) -> [String: String] {
        if pairs.count > limits.metadataKeysMax {
            fail("metadata", "must have at most \(limits.metadataKeysMax) keys")
        }
        for key in pairs.keys.sorted() {
            metadataPair(key, pairs[key] ?? "")
        }
        return pairs
    }

    private mutating func metadataPair(_ key: String, _ value: String) {
        let wellFormed = !key.isEmpty && key.isASCII { $0.isASCIIAlphanumeric || "_.-".utf8.contains($0) }
        guard wellFormed else {
            // The key cannot be part of a field path, so the issue is on `metadata` itself.
            fail("metadata", "key '\(Self.quoted(key))' must be 1 to \(limits.metadataKeyLengthMax) of A-Z a-z 0-9 _ . -")
            return
        }
        if key.utf8.count > limits.metadataKeyLengthMax {
            fail("metadata.\(key)", "key must be at most \(limits.metadataKeyLengthMax) characters")
        }
        if value.unicodeScalars.count > limits.metadataValueLengthMax {
            fail("metadata.\(key)", "must be at most \(limits.metadataValueLengthMax) characters")
        } else if value.utf8.contains(0) {
            // Metadata is stored as jsonb, which cannot hold U+0000.
            fail("metadata.\(key)", "must not contain U+0000")
        }
    }
}
