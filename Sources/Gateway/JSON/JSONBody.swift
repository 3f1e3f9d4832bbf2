import HTTPServer
import JSON

/// Reads a JSON request body strictly: the right content type, an object, every member of the
/// expected type, no unknown members. Problems are collected so one answer lists them all.
struct JSONBody {
    private let object: [String: JSONValue]
    /// Where this object sits in the body (`items[3].beneficiary`), empty for the body itself.
    let path: String
    private(set) var errors: [Problem.FieldError] = []
    private var seen: Set<String> = []

    /// Parses the request's body; a wrong content type is 415, unparsable JSON 400, a
    /// non-object 422.
    init(_ request: ServerRequest) throws {
        let contentType = request.headers["Content-Type"]?.split(separator: ";").first?
            .trimmingSpaces.lowercased()
        guard contentType == "application/json" else {
            throw Problem(.unsupportedMediaType, detail: "Send the body as `Content-Type: application/json`.")
        }
        let parsed: JSONValue
        do { parsed = try JSONReader.parse(request.body) } catch {
            throw Problem(.malformedJSON, detail: "The body is not valid JSON.")
        }
        guard case .object(let members) = parsed else {
            throw Problem(.validationFailed, detail: "The body must be a JSON object.",
                          errors: [.init(field: "", message: "must be a JSON object")])
        }
        self.init(members: members, path: "")
    }

    /// A member given twice is an error: readers disagree on which value counts (first or
    /// last), so an amount or account could mean one thing to a proxy and another here.
    private init(members: [JSONValue.Member], path: String) {
        var object: [String: JSONValue] = [:]
        object.reserveCapacity(members.count)
        var repeated: [String] = []
        for member in members where object.updateValue(member.value, forKey: member.key) != nil {
            if !repeated.contains(member.key) { repeated.append(member.key) }
        }
        self.object = object
        self.path = path
        errors = repeated.map { Problem.FieldError(field: path.isEmpty ? $0 : "\(path).\($0)", message: "is given more than once") }
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// A string member; another type is recorded as an error. Numbers are refused, never
    /// converted: amounts travel as decimal strings.
    mutating func string(_ key: String) -> String? {
        seen.insert(key)
        guard let value = present(key) else { return nil }
        guard case .string(let text) = value else {
            errors.append(.init(field: name(key), message: "must be a string"))
            return nil
        }
        return text
    }

    /// A whole number in `range`, written without a fraction or exponent.
    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        seen.insert(key)
        guard let value = present(key) else { return nil }
        guard let number = Self.wholeNumber(value, in: range) else {
            errors.append(.init(field: name(key), message: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return number
    }

    private static func wholeNumber(_ value: JSONValue, in range: ClosedRange<Int>) -> Int? {
        guard case .number(let text) = value, let number = Int(text), range.contains(number) else { return nil }
        return number
    }

    mutating func bool(_ key: String) -> Bool? {
        seen.insert(key)
        guard let value = present(key) else { return nil }
        // Only the literals: 0 and 1 are numbers, not booleans.
        guard case .bool(let flag) = value else {
            errors.append(.init(field: name(key), message: "must be true or false"))
            return nil
        }
        return flag
    }

    /// An array of strings; another type, or any element not a string, is recorded as an error.
    mutating func stringArray(_ key: String) -> [String]? {
        seen.insert(key)
        guard let value = present(key) else { return nil }
        guard case .array(let elements) = value, let strings = Self.strings(elements) else {
            errors.append(.init(field: name(key), message: "must be an array of strings"))
            return nil
        }
        return strings
    }

    /// An array of whole numbers in `range`.
    mutating func integerArray(_ key: String, in range: ClosedRange<Int>) -> [Int]? {
        seen.insert(key)
        guard let value = present(key) else { return nil }
        guard case .array(let elements) = value else {
            errors.append(.init(field: name(key), message: "must be an array of whole numbers"))
            return nil
        }
        let numbers = elements.compactMap { Self.wholeNumber($0, in: range) }
        guard numbers.count == elements.count else {
            errors.append(.init(field: name(key), message: "must hold whole numbers from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return numbers
    }

    /// A nested object read with its own reader; its errors are merged by `merge`.
    mutating func object(_ key: String) -> JSONBody? {
        seen.insert(key)
        guard let value = present(key) else { return nil }
        guard case .object(let nested) = value else {
            errors.append(.init(field: name(key), message: "must be an object"))
            return nil
        }
        return JSONBody(members: nested, path: name(key))
    }

    /// An array of objects, each read with its own reader named `key[index]`; an element that is
    /// not an object is recorded and comes back nil. Nil (recorded) when the member is not an array.
    mutating func objects(_ key: String) -> [JSONBody?]? {
        seen.insert(key)
        guard let value = present(key) else { return nil }
        guard case .array(let elements) = value else {
            errors.append(.init(field: name(key), message: "must be an array"))
            return nil
        }
        return elements.enumerated().map { index, element in
            let path = "\(name(key))[\(index)]"
            guard case .object(let nested) = element else {
                errors.append(.init(field: path, message: "must be an object"))
                return nil
            }
            return JSONBody(members: nested, path: path)
        }
    }

    /// The member's value; nil when it is absent or null, which callers treat alike.
    private func present(_ key: String) -> JSONValue? {
        guard let value = object[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    /// The elements' texts; nil when any element is not a string.
    private static func strings(_ elements: [JSONValue]) -> [String]? {
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element else { return nil }
            strings.append(text)
        }
        return strings
    }

    /// A flat object of string values (metadata).
    mutating func stringMap(_ key: String) -> [String: String]? {
        guard var nested = object(key) else { return nil }
        var map: [String: String] = [:]
        for member in nested.object.keys.sorted() {
            if let value = nested.string(member) { map[member] = value }
        }
        merge(nested, checkUnknown: false)
        return map
    }

    /// Records a value error found by the caller.
    mutating func record(field: String, message: String) {
        errors.append(.init(field: name(field), message: message))
    }

    /// Records members nobody asked for: a typo must never silently drop an instruction.
    /// For a POST that takes no fields: nothing, or an empty JSON object. A field sent anyway
    /// (a `reason` for a rejection, say) is refused, not silently dropped.
    static func refuseFields(of request: ServerRequest) throws {
        guard !request.body.isEmpty else { return }
        var body = try JSONBody(request)
        body.refuseUnknownMembers()
        guard body.errors.isEmpty else {
            throw Problem(.validationFailed, detail: "This request takes no fields.", errors: body.errors)
        }
    }

    mutating func refuseUnknownMembers() {
        for key in object.keys.sorted() where !seen.contains(key) {
            errors.append(.init(field: name(key), message: "is not a known field"))
        }
    }

    mutating func merge(_ nested: JSONBody, checkUnknown: Bool = true) {
        var nested = nested
        if checkUnknown { nested.refuseUnknownMembers() }
        errors.append(contentsOf: nested.errors)
    }
}
