import Payouts
import Postgres

/// A client's webhook endpoint. The signing secret is not part of it: only the sender reads that.
public struct WebhookEndpoint: Sendable, Equatable {
    public var id: String
    public var url: String
    public var events: [String]
    public var createdAt: Timestamp
    public var deletedAt: Timestamp?

    public init(id: String, url: String, events: [String], createdAt: Timestamp, deletedAt: Timestamp? = nil) {
        self.id = id
        self.url = url
        self.events = events
        self.createdAt = createdAt
        self.deletedAt = deletedAt
    }
}

/// One event on its way to one endpoint.
public struct WebhookDelivery: Sendable, Equatable {
    public var id: String
    public var endpointID: String
    public var eventID: Int64
    public var eventType: String
    /// `pending`, `delivered` or `failed`.
    public var status: String
    public var attempts: Int
    public var nextAttemptAt: Timestamp?
    public var lastResponseStatus: Int?
    public var lastError: String?
    public var createdAt: Timestamp
    public var deliveredAt: Timestamp?
}

/// One try at sending a delivery.
public struct WebhookDeliveryAttempt: Sendable, Equatable {
    public var attemptedAt: Timestamp
    /// The receiver's status code; nil when no answer came (then `error` says why).
    public var responseStatus: Int?
    public var error: String?
    public var durationMilliseconds: Int
}

/// Filters of `GET /v1/webhook-deliveries`; nil means any.
public struct WebhookDeliveryFilter: Sendable, Equatable {
    public var endpointID: String?
    public var status: String?
    public var eventType: String?

    public init(endpointID: String? = nil, status: String? = nil, eventType: String? = nil) {
        self.endpointID = endpointID
        self.status = status
        self.eventType = eventType
    }
}

enum WebhookRecord {
    static func micros(_ column: String, as alias: String) -> String {
        "(extract(epoch FROM \(column)) * 1000000)::bigint AS \(alias)"
    }

    static let endpointColumns = """
        id, url, array_to_string(events, ',') AS events, \(micros("created_at", as: "created_micros")),
        \(micros("deleted_at", as: "deleted_micros"))
        """

    static func endpoint(_ row: PostgresRow) throws -> WebhookEndpoint {
        let events: String = try row.decode(2)
        return WebhookEndpoint(id: try row.decode(0), url: try row.decode(1), events: events.split(separator: ",").map(String.init),
                               createdAt: Timestamp(microsecondsSinceEpoch: try row.decode(3)),
                               deletedAt: (try row.decode(4, as: Int64?.self)).map(Timestamp.init(microsecondsSinceEpoch:)))
    }

    // The time aliases differ from the column names so ORDER BY uses the indexed columns.
    static let deliveryColumns = """
        id, endpoint_id, event_id, event_type, status, attempts, \(micros("next_attempt_at", as: "next_micros")),
        last_response_status, last_error, \(micros("created_at", as: "created_micros")),
        \(micros("delivered_at", as: "delivered_micros"))
        """

    static func delivery(_ row: PostgresRow) throws -> WebhookDelivery {
        func time(_ index: Int) throws -> Timestamp? {
            (try row.decode(index, as: Int64?.self)).map(Timestamp.init(microsecondsSinceEpoch:))
        }
        return WebhookDelivery(id: try row.decode(0), endpointID: try row.decode(1), eventID: try row.decode(2),
                               eventType: try row.decode(3), status: try row.decode(4), attempts: try row.decode(5),
                               nextAttemptAt: try time(6), lastResponseStatus: try row.decode(7), lastError: try row.decode(8),
                               createdAt: try time(9) ?? Timestamp(microsecondsSinceEpoch: 0), deliveredAt: try time(10))
    }
}
