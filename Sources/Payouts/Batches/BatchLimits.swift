/// Bounds on a create-batch request.
public struct BatchLimits: Hashable, Sendable {
    /// Items in one batch: the figure. At about 300 bytes an item, 5,000 items fit well
    /// inside the gateway's default request body limit (`HTTP_BODY_BYTES_MAX`).
    public var itemsMax = 5_000

    /// The standard limits.
    public init() {}
}
