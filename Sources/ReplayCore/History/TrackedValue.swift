/// The value at one pointer while events are applied to it alone, without the rest of the
/// state: what ``PathHistory`` folds over an event's change restricted to the pointer.
enum TrackedValue: Equatable {
    /// The value, or nil when nothing is there.
    case known(JSONValue?)
    /// Not known yet: the value before the event was not given, and the event did not set it.
    case unknown
}

/// The change of an event could not be applied to the pointer alone (a copy from elsewhere
/// in the state, an array shifting above the pointer): the state must be replayed.
struct NeedsState: Error {}

/// Applies event changes to the value at ``pointer`` alone.
///
/// Every rule follows from RFC 6902 and RFC 7386 applied to the whole state, given only the
/// value at the pointer; where the answer depends on anything else the application throws
/// ``NeedsState``. Changes that apply to the whole state apply here; a change that would fail
/// on the whole state may be taken as applied (replay reports it).
struct PointerTracker {
    let pointer: JSONPointer
    var tokens: [String] { pointer.tokens }

    /// The value at the pointer after `effect`, given the value before it (or `.unknown`).
    func apply(_ effect: EventEffect, to before: TrackedValue) throws(NeedsState) -> TrackedValue {
        switch effect {
        case .none:
            return before
        case .snapshot(let state):
            return .known(pointer.resolve(in: state))
        case .merge(let patch):
            return try merge(patch, into: before)
        case .patch(let operations):
            var value = before
            for operation in operations {
                try apply(operation, to: &value)
            }
            return value
        }
    }

    // MARK: Merge patches

    /// RFC 7386 walked down the pointer's tokens.
    private func merge(_ patch: JSONValue, into before: TrackedValue) throws(NeedsState) -> TrackedValue {
        var patch = patch
        var mayBeArray = false  // an object patch met a container that may be an array
        for (level, token) in tokens.enumerated() {
            guard case .object(let members) = patch else {
                // A non-object replaces the value at this level.
                return .known(JSONPointer(tokens: Array(tokens[level...])).resolve(in: patch))
            }
            if JSONPointer.arrayIndex(token) != nil { mayBeArray = true }
            guard let next = members[token] else {
                // Untouched below this level, unless the container stops being what it was.
                return try dependingOnContainers(before, mayBeArray: mayBeArray) { $0 }
            }
            if next == .null { return .known(nil) }
            patch = next
        }
        guard case .object = patch else { return .known(patch) }
        return try dependingOnContainers(before, mayBeArray: mayBeArray) { value in
            var merged = value ?? .null
            MergePatch.apply(patch, to: &merged)
            return merged
        }
    }

    /// `result` of the value before, when the containers the merge walked through were
    /// objects. An absent value stays absent whatever they were; a present one below a
    /// container that may be an array depends on it (a merge turns an array into an object).
    private func dependingOnContainers(
        _ before: TrackedValue, mayBeArray: Bool, _ result: (JSONValue?) -> JSONValue?
    ) throws(NeedsState) -> TrackedValue {
        guard case .known(let value) = before else { return .unknown }
        if value != nil && mayBeArray { throw NeedsState() }
        return .known(result(value))
    }

    // MARK: Patch operations

    private func apply(_ operation: PatchOperation, to value: inout TrackedValue) throws(NeedsState) {
        switch operation.kind {
        case .test:
            return
        case .replace:
            try put(operation.value, at: operation.path, inserting: false, into: &value)
        case .add:
            try put(operation.value, at: operation.path, inserting: true, into: &value)
        case .remove:
            try remove(at: operation.path, from: &value)
        case .copy, .move:
            guard let from = operation.from else { return }
            // The source's value, when it lies at or under the pointer and is known.
            var moved: JSONValue?
            if case .known(let current?) = value, from.tokens.starts(with: tokens) {
                moved = JSONPointer(tokens: Array(from.tokens[tokens.count...])).resolve(in: current)
            }
            if operation.kind == .move {
                if from == operation.path { return }
                try remove(at: from, from: &value)
            }
            try put(moved, at: operation.path, inserting: true, into: &value)
        }
    }

    /// How `path` lies relative to the pointer.
    private enum Relation {
        /// At or under the pointer: the rest of the path below it.
        case within(JSONPointer)
        /// Above the pointer: the rest of the pointer below the path.
        case above(JSONPointer)
        /// A sibling of one of the pointer's containers, in the container the pointer passes
        /// through by `index`, when that is an array index: `/a/2` for the pointer `/a/5/x`.
        case sibling(of: Int, token: String)
        case unrelated
    }

    private func relation(of path: JSONPointer) -> Relation {
        let path = path.tokens
        let shorter = min(path.count, tokens.count)
        var level = 0
        while level < shorter, path[level] == tokens[level] { level += 1 }
        if level == tokens.count { return .within(JSONPointer(tokens: Array(path[level...]))) }
        if level == path.count { return .above(JSONPointer(tokens: Array(tokens[level...]))) }
        if level == path.count - 1, let index = JSONPointer.arrayIndex(tokens[level]) {
            return .sibling(of: index, token: path[level])
        }
        return .unrelated
    }

    /// `add` (inserting) or `replace` of `new` (nil: a value not known here) at `path`.
    private func put(_ new: JSONValue?, at path: JSONPointer, inserting: Bool, into value: inout TrackedValue) throws(NeedsState) {
        switch relation(of: path) {
        case .unrelated:
            return
        case .sibling(let index, let token):
            guard inserting else { return }
            try shift(at: token, index: index, inserting: true, value: value)
        case .above(let rest):
            guard let new, path.tokens.last != "-" else { throw NeedsState() }
            value = .known(rest.resolve(in: new))
        case .within(let rest):
            guard let new else { throw NeedsState() }
            if rest.tokens.isEmpty {
                // `-` appends to an array, past the pointer; only an object has a member `-`.
                if path.tokens.last == "-" { throw NeedsState() }
                value = .known(new)
                return
            }
            try edit(&value, PatchOperation(kind: inserting ? .add : .replace, path: rest, value: new))
        }
    }

    private func remove(at path: JSONPointer, from value: inout TrackedValue) throws(NeedsState) {
        switch relation(of: path) {
        case .unrelated:
            return
        case .sibling(let index, let token):
            try shift(at: token, index: index, inserting: false, value: value)
        case .above, .within(JSONPointer.root):
            // The value goes, unless it was an array element: the next one moves into place.
            if let last = path.tokens.last, JSONPointer.arrayIndex(last) != nil { throw NeedsState() }
            value = .known(nil)
        case .within(let rest):
            try edit(&value, PatchOperation(kind: .remove, path: rest))
        }
    }

    /// An insertion or removal at `token` in a container the pointer passes through by
    /// element `index`, if it is an array: later elements shift.
    private func shift(at token: String, index: Int, inserting: Bool, value: TrackedValue) throws(NeedsState) {
        if let at = JSONPointer.arrayIndex(token) {
            if at > index { return }
        } else if token == "-" && inserting {
            // Appending: past a present element, or a member named "-" of an object.
            if case .known(.some) = value { return }
        } else {
            return  // not an array index: the container is an object
        }
        throw NeedsState()
    }

    /// An operation inside the value at the pointer, with its path made relative.
    private func edit(_ value: inout TrackedValue, _ operation: PatchOperation) throws(NeedsState) {
        guard case .known(var document?) = value else {
            if value == .unknown { return }
            throw NeedsState()  // nothing there to change: replay says why
        }
        do throws(PatchFailure) {
            try JSONPatch.apply([operation], to: &document)
        } catch {
            throw NeedsState()
        }
        value = .known(document)
    }
}
