"""Makes otel-ai/sessions/sdk-split-1767225610000: otlp_with_error.json split by trace into
two captured export requests, as otel-ai's capture service stores them
(raw/YYYY-MM-DD/HH/traces-<ms>-<uuid>.otlp.gz): the first trace as OTLP protobuf (what the
capture keeps when the sender posts protobuf), the second as OTLP/JSON. Loading the session
must give the same events as reading otlp_with_error.json.

Needs the opentelemetry-proto package (pip install opentelemetry-proto). Deterministic:
gzip mtime 0, fixed names.
"""
import base64, copy, gzip, json, os

from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

here = os.path.dirname(os.path.abspath(__file__))
source = json.load(open(os.path.join(here, "otlp_with_error.json")))
session = os.path.join(here, "otel-ai", "sessions", "sdk-split-1767225610000")


def only_trace(document, trace_id):
    out = {"resourceSpans": []}
    for rs in document["resourceSpans"]:
        scopes = []
        for ss in rs.get("scopeSpans", []):
            spans = [s for s in ss.get("spans", []) if s["traceId"] == trace_id]
            if spans:
                scopes.append(dict(ss, spans=spans))
        if scopes:
            out["resourceSpans"].append(dict(rs, scopeSpans=scopes))
    return out


def hex_ids_to_base64(value):
    """proto3 JSON writes bytes as base64; OTLP/JSON writes ids as hex."""
    if isinstance(value, dict):
        return {k: (base64.b64encode(bytes.fromhex(v)).decode() if k in ("traceId", "spanId", "parentSpanId") and isinstance(v, str)
                    else hex_ids_to_base64(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [hex_ids_to_base64(v) for v in value]
    return value


trace_ids = []
for rs in source["resourceSpans"]:
    for ss in rs["scopeSpans"]:
        for s in ss["spans"]:
            if s["traceId"] not in trace_ids:
                trace_ids.append(s["traceId"])
first, second = (only_trace(source, t) for t in trace_ids)

request = ExportTraceServiceRequest()
json_format.Parse(json.dumps(hex_ids_to_base64(copy.deepcopy(first))), request)
protobuf = request.SerializeToString()

folder = os.path.join(session, "raw", "2026-01-01", "00")
os.makedirs(folder, exist_ok=True)
files = [
    ("traces-1767225610100-0b6f1c2e-5a7d-4e1f-9c3b-2d4e6f8a0b1c.otlp.gz", protobuf),
    ("traces-1767225612100-7c8d9e0f-1a2b-4c3d-8e5f-6a7b8c9d0e1f.otlp.gz", json.dumps(second).encode()),
]
total = 0
for name, data in files:
    packed = gzip.compress(data, mtime=0)
    total += len(packed)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(packed)
metadata = {
    "sessionId": "sdk-split-1767225610000",
    "startTime": "2026-01-01T00:00:10.000Z",
    "status": "completed",
    "enabledFlags": ["paymentServiceFailure"],
    "capturedTraces": 2,
    "capturedMetrics": 0,
    "capturedLogs": 0,
    "totalSizeBytes": total,
    "s3Prefix": "sessions/sdk-split-1767225610000",
    "createdBy": "system:otlp-capture",
    "description": "otlp_with_error.json split by trace: protobuf, then JSON",
    "endTime": "2026-01-01T00:00:13.000Z",
}
with open(os.path.join(session, "metadata.json"), "w") as f:
    f.write(json.dumps(metadata, indent=2))
print("wrote", session, "protobuf bytes", len(protobuf))
