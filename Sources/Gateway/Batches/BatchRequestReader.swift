import Payouts
import Routing

/// Reads and checks a create-batch body. Each item is read, validated and routed exactly as
/// `POST /v1/payouts` does with one payout; an item without a route is an invalid item. Every
/// error of every item is reported at once, named by index (`items[3].amount`).
struct BatchRequestReader {
    /// A valid item and the route decided for it.
    struct Item {
        var request: PayoutRequest
        var decision: RouteDecision
        var executeImmediately: Bool
    }

    /// A valid batch.
    struct Form {
        var reference: String
        var approval: BatchApproval
        var items: [Item]
    }

    let directory: BankDirectory
    let routing: RoutingService
    let validator: AccountValidator
    var limits = BatchLimits()

    func read(_ body: inout JSONBody, now: Timestamp) throws -> Form {
        let reference = body.string("reference")
        let approvalText = body.string("approval")
        let elements = body.objects("items")
        body.refuseUnknownMembers()
        var errors = body.errors
        let typed = Set(errors.map(\.field))
        if !typed.contains("reference") {
            errors += BatchReference.issues(reference).map { .init(field: $0.field, message: $0.message) }
        }
        // Absent means `required`: without a word from the client, the safer of the two.
        var approval: BatchApproval? = .required
        if let approvalText {
            approval = BatchApproval(rawValue: approvalText)
            if approval == nil { errors.append(.init(field: "approval", message: "must be required or auto")) }
        }
        var items: [Item] = []
        if let elements, (1...limits.itemsMax).contains(elements.count) {
            items = readItems(elements, now: now, errors: &errors)
        } else if !typed.contains("items") {
            errors.append(.init(field: "items", message: "must hold 1 to \(limits.itemsMax) payouts"))
        }
        guard errors.isEmpty, let reference, let approval else {
            let itemCount = elements?.count ?? 0
            throw Problem(.validationFailed, detail: Self.detail(errors, itemCount: itemCount), errors: errors)
        }
        return Form(reference: reference, approval: approval, items: items)
    }

    /// The valid items; errors of the others are appended.
    private func readItems(_ elements: [JSONBody?], now: Timestamp, errors: inout [Problem.FieldError]) -> [Item] {
        var items: [Item] = []
        items.reserveCapacity(elements.count)
        var firstIndex: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            guard var body = element else { continue }
            let executeImmediately = PayoutDraftReader.readExecute(&body)
            let draft = PayoutDraftReader.read(&body)
            let result = PayoutDraftReader.check(draft, body: body, directory: directory)
            let referenceField = "\(body.path).reference"
            var itemErrors = result.failureErrors ?? []
            // References are unique per API key, so two items cannot share one. Checked on invalid
            // items too, so the client learns of a repeat in the same answer.
            if let reference = draft.reference, !itemErrors.contains(where: { $0.field == referenceField }) {
                if let first = firstIndex[reference] {
                    itemErrors.append(.init(field: referenceField, message: "repeats the reference of items[\(first)]"))
                } else {
                    firstIndex[reference] = index
                }
            }
            if case .success(let request) = result, let message = validator.refusal(of: request) {
                itemErrors.append(.init(field: "\(body.path).validate_account", message: message))
            }
            guard itemErrors.isEmpty, case .success(let request) = result else {
                errors += itemErrors
                continue
            }
            let decision = routing.decide(request, executeImmediately: executeImmediately, now: now)
            if decision.outcome == .noRoute {
                let reason = decision.noRoute?.message ?? "no provider and clearing type can pay this payout"
                errors.append(.init(field: body.path, message: "has no route: \(reason)"))
                continue
            }
            items.append(Item(request: request, decision: decision, executeImmediately: executeImmediately))
        }
        return items
    }

    static func detail(_ errors: [Problem.FieldError], itemCount: Int) -> String {
        let invalidItems = Set(errors.compactMap { error -> Substring? in
            guard error.field.hasPrefix("items["), let end = error.field.firstIndex(of: "]") else { return nil }
            return error.field[..<end]
        }).count
        let fields = "\(errors.count) error\(errors.count == 1 ? "" : "s")"
        guard invalidItems > 0 else { return "The batch has \(fields); nothing was accepted." }
        return "\(invalidItems) of \(itemCount) payouts are invalid (\(fields)); nothing was accepted."
    }
}

private extension Result where Failure == FieldErrors {
    var failureErrors: [Problem.FieldError]? {
        if case .failure(let failure) = self { return failure.errors }
        return nil
    }
}
