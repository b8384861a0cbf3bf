/// The meaning of a parsed expression against a context (docs/queries.md#meaning).
extension QueryExpression {
    func holds(_ context: QueryContext) -> Bool {
        switch self {
        case .or(let a, let b):
            return a.holds(context) || b.holds(context)
        case .and(let a, let b):
            return a.holds(context) && b.holds(context)
        case .not(let a):
            return !a.holds(context)
        case .compare(let a, let operation, let b):
            guard let left = a.value(in: context), let right = b.value(in: context) else { return false }
            return QueryExpression.compare(left, operation, right)
        case .matches(let a, let pattern):
            // A string is matched as it is; any other value by its one-line JSON text, so
            // that `@payload =~ "acc-7"` reads a whole payload.
            switch a.value(in: context) {
            case .string(let text)?: return pattern.matches(text)
            case let value?: return pattern.matches(value.jsonText(.compact))
            case nil: return false
            }
        case .changed(let pointer, let slot):
            if let before = context.stateBefore {
                return pointer.resolve(in: before) != pointer.resolve(in: context.state)
            }
            guard slot < context.valuesBefore.count else { return false }
            return context.valuesBefore[slot] != pointer.resolve(in: context.state)
        case .exists(let path):
            return path.value(in: context) != nil
        }
    }

    /// `left OP right` for two present values: equality is deep (numbers by value, objects
    /// in any key order); order holds between two numbers or two strings only.
    static func compare(_ left: JSONValue, _ operation: QueryComparison, _ right: JSONValue) -> Bool {
        switch operation {
        case .equal: return left.isSemanticallyEqual(to: right)
        case .notEqual: return !left.isSemanticallyEqual(to: right)
        default: break
        }
        let order: Int
        switch (left, right) {
        case (.number(let a), .number(let b)):
            order = a.numericOrder(comparedTo: b)
        case (.string(let a), .string(let b)):
            // UTF-8 byte order is code point order.
            order = a == b ? 0 : a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        default:
            return false
        }
        switch operation {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }
}

extension QueryOperand {
    /// The operand's value in `context`, or nil when it names nothing there.
    func value(in context: QueryContext) -> JSONValue? {
        switch self {
        case .state(let pointer):
            return pointer.resolve(in: context.state)
        case .payload(let pointer):
            return context.event.payload.flatMap { pointer.resolve(in: $0) }
        case .field(let field):
            let event = context.event
            switch field {
            case .index: return .number(JSONNumber(event.index))
            case .kind: return .string(event.kind)
            case .name: return event.name.map(JSONValue.string)
            case .lane: return event.lane.map(JSONValue.string)
            case .t: return event.t.map(JSONValue.number)
            case .error: return event.error.map(JSONValue.string)
            }
        case .literal(let value):
            return value
        case .length(let path):
            switch path.value(in: context) {
            case .array(let elements): return .number(JSONNumber(elements.count))
            case .object(let members): return .number(JSONNumber(members.count))
            case .string(let text): return .number(JSONNumber(text.unicodeScalars.count))
            default: return nil
            }
        }
    }

    /// True when the operand reads the state after the event.
    var readsState: Bool {
        switch self {
        case .state: true
        case .length(let path): path.readsState
        default: false
        }
    }

    /// True when the operand reads the event (its index, kind, name or anything else).
    var readsEvent: Bool {
        switch self {
        case .payload, .field: true
        case .length(let path): path.readsEvent
        default: false
        }
    }

    /// True when the operand reads a field the trace index does not keep (payload, t, error).
    var readsParsedEvent: Bool {
        switch self {
        case .payload: true
        case .field(let field): field == .t || field == .error
        case .length(let path): path.readsParsedEvent
        default: false
        }
    }
}

extension QueryExpression {
    /// Every operand and `changed()` pointer in the expression, for what a query needs.
    var operands: [QueryOperand] {
        switch self {
        case .or(let a, let b), .and(let a, let b): a.operands + b.operands
        case .not(let a): a.operands
        case .compare(let a, _, let b): [a, b]
        case .matches(let a, _): [a]
        case .changed(let pointer, _): [.state(pointer)]
        case .exists(let path): [path]
        }
    }

    var usesChanged: Bool {
        switch self {
        case .or(let a, let b), .and(let a, let b): a.usesChanged || b.usesChanged
        case .not(let a): a.usesChanged
        case .changed: true
        default: false
        }
    }
}
