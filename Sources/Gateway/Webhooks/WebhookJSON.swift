import Store

/// Endpoints and deliveries as the API shows them.
enum WebhookJSON {
    /// `signingSecret` is given only in the answer to the create.
    static func write(_ endpoint: WebhookEndpoint, signingSecret: String? = nil, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", endpoint.id)
            json.field("url", endpoint.url)
            json.key("events")
            json.array { json in endpoint.events.forEach { json.string($0) } }
            if let signingSecret { json.field("signing_secret", signingSecret) }
            json.field("created_at", endpoint.createdAt.rfc3339)
            json.field("deleted_at", endpoint.deletedAt?.rfc3339)
        }
    }

    static func bytes(_ endpoint: WebhookEndpoint, signingSecret: String? = nil) -> [UInt8] {
        var json = JSONWriter()
        write(endpoint, signingSecret: signingSecret, into: &json)
        return json.bytes
    }

    static func write(_ delivery: WebhookDelivery, history: [WebhookDeliveryAttempt]? = nil, into json: inout JSONWriter) {
        json.object { json in
            json.field("id", delivery.id)
            json.field("endpoint_id", delivery.endpointID)
            json.field("event_id", eventID(delivery.eventID))
            json.field("event_type", delivery.eventType)
            json.field("status", delivery.status)
            json.field("attempts", delivery.attempts)
            json.field("next_attempt_at", delivery.nextAttemptAt?.rfc3339)
            json.key("last_response_status")
            if let status = delivery.lastResponseStatus { json.integer(status) } else { json.null() }
            json.field("last_error", delivery.lastError)
            json.field("created_at", delivery.createdAt.rfc3339)
            json.field("delivered_at", delivery.deliveredAt?.rfc3339)
            if let history { writeHistory(history, into: &json) }
        }
    }

    private static func writeHistory(_ history: [WebhookDeliveryAttempt], into json: inout JSONWriter) {
        json.key("history")
        json.array { json in
            for attempt in history {
                json.object { json in
                    json.field("attempted_at", attempt.attemptedAt.rfc3339)
                    json.key("response_status")
                    if let status = attempt.responseStatus { json.integer(status) } else { json.null() }
                    json.field("error", attempt.error)
                    json.field("duration_ms", attempt.durationMilliseconds)
                }
            }
        }
    }

    static func bytes(_ delivery: WebhookDelivery, history: [WebhookDeliveryAttempt]? = nil) -> [UInt8] {
        var json = JSONWriter()
        write(delivery, history: history, into: &json)
        return json.bytes
    }

    /// Event ids are sequence numbers inside; outside they carry a prefix like every other id.
    static func eventID(_ id: Int64) -> String { "evt_\(id)" }

    /// What is POSTed to the endpoint: the envelope with the event's payload as `data`.
    static func eventBody(_ delivery: ClaimedDelivery) -> [UInt8] {
        var json = JSONWriter()
        json.object { json in
            json.field("id", eventID(delivery.eventID))
            json.field("type", delivery.eventType)
            json.field("created_at", delivery.eventCreatedAt)
            json.key("data")
            json.raw(delivery.payload)
        }
        return json.bytes
    }
}
