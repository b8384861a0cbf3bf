/// RFC 7386 JSON Merge Patch.
///
/// An object patch merges member by member: `null` deletes a member, an object merges
/// recursively, anything else replaces. A non-object patch replaces the whole target.
/// Existing members keep their position; new members are appended in the patch's order.
public enum MergePatch {
    /// Applies `patch` to `document` in place.
    public static func apply(_ patch: JSONValue, to document: inout JSONValue) {
        guard case .object(let changes) = patch else {
            document = patch
            return
        }
        if document.objectValue == nil { document = .object([:]) }
        document.modifyObject { members in merge(changes, into: &members) }
    }

    private static func merge(_ changes: JSONObject, into members: inout JSONObject) {
        for (key, change) in changes {
            if change == .null {
                members.removeValue(forKey: key)
            } else if let index = members.index(forKey: key) {
                apply(change, to: &members.values[index])
            } else {
                var fresh = JSONValue.null
                apply(change, to: &fresh)
                members[key] = fresh
            }
        }
    }
}
