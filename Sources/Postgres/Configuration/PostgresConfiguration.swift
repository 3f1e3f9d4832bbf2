import CLibPQ

/// Where and how to connect: libpq connection keywords such as `host`, `port`, `user`,
/// `password`, `dbname`, `sslmode`, `application_name` and `connect_timeout`.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// The libpq keywords and their values, handed to `PQconnectdbParams` as they are.
    public var parameters: [String: String]

    /// Uses libpq keywords directly; unknown keywords are rejected.
    public init(parameters: [String: String]) throws(PostgresError) {
        for key in parameters.keys.sorted() where !Self.knownKeywords.contains(key) {
            throw .configuration("'\(key)' is not a libpq connection keyword")
        }
        self.parameters = parameters
    }

    /// Parses postgres:// or postgresql:// URLs (user, password, host, port, dbname, and query
    /// parameters like host=/unix/socket/dir, sslmode, application_name, connect_timeout).
    /// Errors say which part is wrong and never echo the password.
    public init(url: String) throws(PostgresError) {
        self.parameters = try DatabaseURL.parse(url)
    }

    /// The parameters as a libpq connection string (`key='value' ...`), password included.
    public var connectionString: String {
        parameters.sorted { $0.key < $1.key }
            .map { "\($0.key)='\(Self.quoted($0.value))'" }
            .joined(separator: " ")
    }

    /// The parameters with the password hidden, for logs.
    public var description: String {
        parameters.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.key == "password" ? "<hidden>" : $0.value)" }
            .joined(separator: " ")
    }

    /// A copy that connects to another database on the same server.
    public func with(database: String) -> PostgresConfiguration {
        var copy = self
        copy.parameters["dbname"] = database
        return copy
    }

    private static func quoted(_ value: String) -> String {
        value.replacing("\\", with: "\\\\").replacing("'", with: "\\'")
    }

    /// Every keyword this libpq understands, so a typo fails at parse time, not at connect time.
    static let knownKeywords: Set<String> = {
        var names: Set<String> = []
        guard let options = PQconndefaults() else { return names }
        defer { PQconninfoFree(options) }
        var index = 0
        while let keyword = options[index].keyword {
            names.insert(String(cString: keyword))
            index += 1
        }
        return names
    }()
}
