import HTTP

/// Method and path matching with `{name}` parameters. Static paths are looked up directly.
public struct Router: Sendable {
    struct Route: Sendable {
        let method: HTTPMethod
        let pattern: String
        let segments: [Segment]
        let handler: Handler
        /// Its number, in the order routes were added.
        let index: Int
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    /// Routes without parameters by path; each path has a route per method, searched in turn.
    private var staticRoutes: [String: [Route]] = [:]
    private var patternRoutes: [Route] = []
    /// How many routes were added; route numbers run from 0 to one less.
    public private(set) var routeCount = 0

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: Handler) {
        let segments = Self.split(pattern).map { part -> Segment in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        let route = Route(method: method, pattern: pattern, segments: segments, handler: handler, index: routeCount)
        if segments.allSatisfy({ if case .literal = $0 { true } else { false } }) {
            precondition(!(staticRoutes[pattern] ?? []).contains { $0.method == method }, "duplicate route \(method) \(pattern)")
            staticRoutes[pattern, default: []].append(route)
        } else {
            patternRoutes.append(route)
        }
        routeCount += 1
    }

    public mutating func get(_ pattern: String, _ handler: Handler) { add(.get, pattern, handler) }
    public mutating func post(_ pattern: String, _ handler: Handler) { add(.post, pattern, handler) }
    public mutating func delete(_ pattern: String, _ handler: Handler) { add(.delete, pattern, handler) }

    /// What a request resolves to. A found route comes with its pattern and its number
    /// (`index`, in the order routes were added), which per-route tables can use as a key.
    public enum Match: Sendable {
        case found(Handler, route: String, parameters: [String: String], index: Int)
        case notFound
        case methodNotAllowed([HTTPMethod])
    }

    /// HEAD is answered by the GET route when no HEAD route exists (RFC 9110 §9.3.2).
    public func match(_ method: HTTPMethod, path: String) -> Match {
        if let byMethod = staticRoutes[path] {
            if let route = byMethod.first(where: { $0.method == method })
                ?? (method == .head ? byMethod.first(where: { $0.method == .get }) : nil) {
                return .found(route.handler, route: route.pattern, parameters: [:], index: route.index)
            }
            return .methodNotAllowed(Self.allowed(byMethod.map(\.method)))
        }
        let parts = Self.split(path)
        var allowed: [HTTPMethod] = []
        var headFallback: (Route, [String: String])?
        for route in patternRoutes {
            guard let parameters = Self.bind(route.segments, to: parts) else { continue }
            if route.method == method {
                return .found(route.handler, route: route.pattern, parameters: parameters, index: route.index)
            }
            if method == .head && route.method == .get { headFallback = (route, parameters) }
            allowed.append(route.method)
        }
        if let (route, parameters) = headFallback {
            return .found(route.handler, route: route.pattern, parameters: parameters, index: route.index)
        }
        return allowed.isEmpty ? .notFound : .methodNotAllowed(Self.allowed(allowed))
    }

    private static func allowed(_ methods: [HTTPMethod]) -> [HTTPMethod] {
        var set = Set(methods)
        if set.contains(.get) { set.insert(.head) }
        return set.sorted { $0.rawValue < $1.rawValue }
    }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 }
    }

    private static func bind(_ segments: [Segment], to parts: [Substring]) -> [String: String]? {
        guard segments.count == parts.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal): if literal != part { return nil }
            case .parameter(let name):
                if part.isEmpty { return nil }
                // A NUL (`%00`) names nothing a handler could look up, and would reach a
                // database as text that cannot hold it: the path matches no route.
                let value = PercentDecoding.decode(part)
                if value.utf8.contains(0) { return nil }
                parameters[name] = value
            }
        }
        return parameters
    }
}
