/// Reads the files Redux DevTools exports (`reduxjs/redux-devtools`: the browser extension,
/// the remote app, `@redux-devtools/instrument`), in their three shapes.
///
/// **The lifted state** (`features.export === true`, and the extension's 2016 export), the
/// instrument's whole history:
///
/// ```json
/// {"actionsById": {"0": {"type": "PERFORM_ACTION", "action": {"type": "@@INIT"}, "timestamp": 1767225600000},
///                  "1": {"type": "PERFORM_ACTION", "action": {"type": "ADD_TODO"}, "timestamp": 1767225601200}},
///  "computedStates": [{"state": {"todos": []}}, {"state": {"todos": ["x"]}, "error": "…"}],
///  "stagedActionIds": [0, 1], "skippedActionIds": [], "committedState": {"todos": []},
///  "currentStateIndex": 1, "nextActionId": 2}
/// ```
///
/// - Events are the staged actions, in `stagedActionIds` order: kind `action`, name = the
///   action's `type`, payload = the action, `seq` = its id, `t` = its `timestamp` minus the
///   first staged action's (`@@INIT` included; milliseconds); the lifted action's other fields (`stack`) go to
///   `extra`. A skipped action (in `skippedActionIds`) is kept, marked `"skipped": true` in
///   `extra`; its computed state is the one before it, as the instrument computed it.
/// - `computedStates[i]` is the state after staged action i: each event is a `snapshot` of
///   it, and its `error` (a reducer that threw, or "Interrupted by an error up the chain")
///   is the event's error, the first of them the inferred crash. A first staged action of
///   type `@@INIT` is not an event: its computed state is the initial state. Otherwise the
///   initial state is `committedState` (or `null`).
/// - `meta` holds the other members (`currentStateIndex`, `nextActionId`, `monitorState`,
///   `isLocked`, …) and `"export": "lifted-state"`; `committedState` is left out (it is the
///   state `@@INIT` started from).
/// - A `computedStates` shorter than `stagedActionIds` gives a warning; the actions past
///   its end change nothing.
///
/// **`{payload, preloadedState}`**, what the extension's Export button writes: both are JSON
/// *text*. A `payload` holding a lifted state is read as above (`preloadedState` is then
/// not needed). A `payload` holding an array of actions (the staged actions after `@@INIT`)
/// is read with the preloaded state as the initial state and no state changes, since the
/// states after it were not recorded (a warning says so): kind `action`, name = `type`,
/// payload = the action, no `t`. `meta` is the object's other members plus `"export": "actions"`.
///
/// **An array of such reports** (`[{id, title, payload, preloadedState?}, …]`, as
/// remotedev's report store and slider keep them): each report is read as above and
/// introduced by an event of kind `report` (name = its `title`, payload = its members but
/// `payload` and `preloadedState`) whose `snapshot` is the report's initial state, so that
/// stepping into a report shows its preloaded state; the trace's initial state is `null`.
public enum ReduxDevToolsFormat: TraceFormat {
    public static let name = TraceFormatName.reduxDevTools

    /// The warning for an export that records actions but not the states after them.
    static let preloadedOnlyWarning = "this export holds only the preloaded state: later states were not recorded"

    /// A lifted state (`actionsById` and `stagedActionIds`), a `{payload, preloadedState}`
    /// export whose `payload` is JSON text, or a non-empty array of such exports.
    public static func recognizes(_ document: JSONValue) -> Bool {
        if isLiftedState(document) || isExport(document) { return true }
        guard let reports = document.arrayValue, !reports.isEmpty else { return false }
        return reports.allSatisfy(isExport)
    }

    private static func isLiftedState(_ value: JSONValue) -> Bool {
        value["actionsById"]?.objectValue != nil && value["stagedActionIds"]?.arrayValue != nil
    }

    private static func isExport(_ value: JSONValue) -> Bool {
        guard let fields = value.objectValue, let payload = fields["payload"]?.stringValue else { return false }
        if let preloaded = fields["preloadedState"], preloaded != .null, preloaded.stringValue == nil { return false }
        let first = payload.utf8.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
    }

    public static func read(_ document: JSONValue) throws(TraceError) -> Trace {
        let segment: Segment
        var initialState: JSONValue
        var meta: JSONObject
        if let reports = document.arrayValue {
            (segment, meta) = try readReports(reports)
            initialState = .null
        } else if let fields = document.objectValue, fields["payload"] != nil, !isLiftedState(document) {
            segment = try readExport(fields, base: 0, context: "")
            initialState = segment.initialState
            meta = segment.meta
        } else if let fields = document.objectValue, fields["actionsById"] != nil || fields["stagedActionIds"] != nil {
            segment = try readLiftedState(fields, base: 0, context: "")
            initialState = segment.initialState
            meta = segment.meta
        } else {
            throw TraceError(.file, "not a Redux DevTools export: expected a lifted state ('actionsById', 'stagedActionIds'), a {payload, preloadedState} export or an array of them; found \(document.typeName == "object" ? "an object without them" : "a " + document.typeName)")
        }
        let list = EventList(segment.events)
        let crash = try Crash.locate(in: list, marked: nil)
        return Trace(format: name, meta: meta, initialState: initialState, events: list, crash: crash, warnings: segment.warnings)
    }

    /// One export read on its own: its initial state and its events, numbered from `base`.
    private struct Segment {
        var initialState: JSONValue = .null
        var events: [Event] = []
        var warnings: [TraceError] = []
        var meta: JSONObject = [:]
    }

    // MARK: Arrays of reports

    private static func readReports(_ reports: [JSONValue]) throws(TraceError) -> (Segment, JSONObject) {
        var result = Segment()
        var preloadedOnly = false
        for (r, report) in reports.enumerated() {
            let context = "report #\(r): "
            guard let fields = report.objectValue else {
                throw TraceError(.file, "\(context)a report must be an object, found \(report.typeName)")
            }
            let markerIndex = result.events.count
            let segment = try readExport(fields, base: markerIndex + 1, context: context)
            var description = fields
            description.removeValue(forKey: "payload")
            description.removeValue(forKey: "preloadedState")
            let title = fields["title"]?.stringValue ?? fields["id"]?.stringValue
            result.events.append(Event(
                index: markerIndex, kind: "report", name: title, payload: .object(description),
                effect: .snapshot(segment.initialState)))
            result.events += segment.events
            for warning in segment.warnings {
                if warning.message == preloadedOnlyWarning {
                    preloadedOnly = true
                } else {
                    result.warnings.append(warning)
                }
            }
        }
        if preloadedOnly { result.warnings.insert(TraceError(.file, preloadedOnlyWarning), at: 0) }
        return (result, ["export": "reports", "reports": .number(JSONNumber(reports.count))])
    }

    // MARK: {payload, preloadedState}

    private static func readExport(_ fields: JSONObject, base: Int, context: String) throws(TraceError) -> Segment {
        guard let payloadValue = fields["payload"] else {
            throw TraceError(.file, "\(context)the export has no 'payload'")
        }
        guard let payloadText = payloadValue.stringValue else {
            throw TraceError(.file, "\(context)'payload' must be a string of JSON, found \(payloadValue.typeName)")
        }
        let payload = try parseEmbedded(payloadText, "payload", context: context)
        var meta = fields
        meta.removeValue(forKey: "payload")
        meta.removeValue(forKey: "preloadedState")

        if let liftedFields = payload.objectValue {
            guard isLiftedState(payload) else {
                throw TraceError(.file, "\(context)'payload' holds an object that is not a lifted state (no 'actionsById' and 'stagedActionIds')")
            }
            var segment = try readLiftedState(liftedFields, base: base, context: context)
            for (key, value) in meta where segment.meta[key] == nil { segment.meta[key] = value }
            return segment
        }
        guard let actions = payload.arrayValue else {
            throw TraceError(.file, "\(context)'payload' holds a \(payload.typeName); expected an array of actions or a lifted state")
        }

        var segment = Segment()
        var preloaded: JSONValue?
        if let preloadedValue = fields["preloadedState"], preloadedValue != .null {
            guard let text = preloadedValue.stringValue else {
                throw TraceError(.file, "\(context)'preloadedState' must be a string of JSON, found \(preloadedValue.typeName)")
            }
            preloaded = try parseEmbedded(text, "preloadedState", context: context)
        }
        segment.initialState = preloaded ?? .null
        segment.warnings.append(TraceError(.file, preloadedOnlyWarning))
        if preloaded == nil {
            segment.warnings.append(TraceError(.file, "\(context)the export has no 'preloadedState': the initial state was not recorded"))
        }
        for (i, element) in actions.enumerated() {
            var action = element
            var t: JSONNumber?
            var extra: JSONObject = [:]
            // A lifted action ({type: PERFORM_ACTION, action, timestamp}) is unwrapped.
            if let lifted = element.objectValue, lifted["type"] == "PERFORM_ACTION", let inner = lifted["action"] {
                action = inner
                t = lifted["timestamp"]?.numberValue
                extra = Event.extra(from: lifted, mapped: ["type", "action", "timestamp"])
            }
            segment.events.append(Event(
                index: base + i, t: t, kind: "action", name: actionName(action), payload: action, extra: extra))
        }
        segment.meta = meta
        segment.meta["export"] = "actions"
        return segment
    }

    /// A member holding JSON text, parsed.
    private static func parseEmbedded(_ text: String, _ key: String, context: String) throws(TraceError) -> JSONValue {
        do throws(JSONSyntaxError) {
            return try JSONValue(parsing: text)
        } catch {
            throw TraceError(.file, "\(context)'\(key)' is not valid JSON text: \(error.message) (at byte \(error.offset) of the string)")
        }
    }

    // MARK: The lifted state

    private static func readLiftedState(_ fields: JSONObject, base: Int, context: String) throws(TraceError) -> Segment {
        guard let actionsValue = fields["actionsById"] else {
            throw TraceError(.file, "\(context)the lifted state has no 'actionsById'")
        }
        guard let actionsById = actionsValue.objectValue else {
            throw TraceError(.file, "\(context)'actionsById' must be an object, found \(actionsValue.typeName)")
        }
        let staged = try ids(fields, "stagedActionIds", required: true, context: context)
        let skipped = Set(try ids(fields, "skippedActionIds", required: false, context: context))
        var computedStates: [JSONValue] = []
        var segment = Segment()
        if let statesValue = fields["computedStates"], statesValue != .null {
            guard let states = statesValue.arrayValue else {
                throw TraceError(.file, "\(context)'computedStates' must be an array, found \(statesValue.typeName)")
            }
            computedStates = states
        }
        if computedStates.count != staged.count {
            segment.warnings.append(TraceError(.file, "\(context)'computedStates' holds \(computedStates.count) states for \(staged.count) staged actions; actions without one show no state change"))
        }

        // Every staged action, with where it is in the file for messages.
        var lifted: [JSONObject] = []
        for (s, id) in staged.enumerated() {
            guard let value = actionsById[String(id)] else {
                throw TraceError(.file, "\(context)stagedActionIds[\(s)] is \(id), which 'actionsById' does not hold")
            }
            guard let record = value.objectValue else {
                throw TraceError(.file, "\(context)actionsById[\"\(id)\"] must be an object, found \(value.typeName)")
            }
            guard record["action"] != nil else {
                throw TraceError(.file, "\(context)actionsById[\"\(id)\"] has no 'action'")
            }
            lifted.append(record)
        }

        let skipsInit = lifted.first?["action"]?["type"] == "@@INIT"
        let first = skipsInit ? 1 : 0
        if skipsInit, let initState = computedStates.first {
            segment.initialState = try computedState(initState, at: 0, context: context).state
        } else {
            segment.initialState = fields["committedState"] ?? .null
        }
        let origin = lifted.lazy.compactMap { $0["timestamp"]?.numberValue }.first

        for s in staged.indices.dropFirst(first) {
            let record = lifted[s]
            let action = record["action"] ?? .null
            let mapped = record["type"] == "PERFORM_ACTION" ? ["type", "action", "timestamp"] : ["action", "timestamp"]
            var extra = Event.extra(from: record, mapped: mapped)
            if skipped.contains(staged[s]) { extra["skipped"] = true }
            var effect = EventEffect.none
            var error: String?
            if s < computedStates.count {
                let computed = try computedState(computedStates[s], at: s, context: context)
                effect = .snapshot(computed.state)
                error = computed.error
            }
            segment.events.append(Event(
                index: base + s - first, seq: .number(JSONNumber(staged[s])),
                t: elapsed(record["timestamp"]?.numberValue, since: origin), kind: "action", name: actionName(action),
                payload: action, error: error, effect: effect, extra: extra))
        }

        var meta = fields
        for key in ["actionsById", "computedStates", "stagedActionIds", "committedState"] { meta.removeValue(forKey: key) }
        meta["export"] = "lifted-state"
        segment.meta = meta
        return segment
    }

    /// An array of action ids (integers).
    private static func ids(_ fields: JSONObject, _ key: String, required: Bool, context: String) throws(TraceError) -> [Int] {
        guard let value = fields[key], value != .null else {
            if required { throw TraceError(.file, "\(context)the lifted state has no '\(key)'") }
            return []
        }
        guard let elements = value.arrayValue else {
            throw TraceError(.file, "\(context)'\(key)' must be an array, found \(value.typeName)")
        }
        var result: [Int] = []
        result.reserveCapacity(elements.count)
        for (k, element) in elements.enumerated() {
            guard let id = element.numberValue?.intValue else {
                throw TraceError(.file, "\(context)\(key)[\(k)] must be an integer action id, found \(element.jsonText(.compact))")
            }
            result.append(id)
        }
        return result
    }

    /// `computedStates[s]`: the state (a missing one was JavaScript's `undefined`, read as
    /// `null`) and the error.
    private static func computedState(_ value: JSONValue, at s: Int, context: String) throws(TraceError) -> (state: JSONValue, error: String?) {
        guard let fields = value.objectValue else {
            throw TraceError(.file, "\(context)computedStates[\(s)] must be an object, found \(value.typeName)")
        }
        var error: String?
        if let errorValue = fields["error"], errorValue != .null {
            error = errorValue.stringValue ?? errorValue.jsonText(.compact)
        }
        return (fields["state"] ?? .null, error)
    }

    /// An action's `type` as its name: the text of a string, else its JSON.
    private static func actionName(_ action: JSONValue) -> String? {
        guard let type = action["type"], type != .null else { return nil }
        return type.stringValue ?? type.jsonText(.compact)
    }

    /// `time - origin` in milliseconds: exact for integers, else to double precision.
    private static func elapsed(_ time: JSONNumber?, since origin: JSONNumber?) -> JSONNumber? {
        guard let time else { return nil }
        guard let origin else { return nil }
        if let end = time.intValue, let start = origin.intValue {
            let (difference, overflow) = end.subtractingReportingOverflow(start)
            if !overflow { return JSONNumber(difference) }
        }
        return JSONNumber(time.doubleValue - origin.doubleValue)
    }
}
