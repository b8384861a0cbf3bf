"""Makes the OpenTelemetry SDK samples for the span formats, from one recorded workload:
a `frontend` request calls `checkout`, which queries its database and calls `payments`,
whose charge fails with an exception (an error span); a second trace succeeds.

- otlp-jsonl/checkout.jsonl: what the OTLP File Exporter / the collector's file exporter
  writes: one TracesData object a line, one line per export call. Each service has its own
  TracerProvider (resource service.name) and a SimpleSpanProcessor, so lines come in span-end
  order and hold one service's spans; the last line is one batch of two services' spans.
  Encoded by opentelemetry-exporter-otlp-proto-common's encode_spans, written as OTLP/JSON
  (protobuf's JSON mapping with ids in hex, as the OTLP/JSON spec asks).
- otlp-jsonl/checkout.jsonl.gz: the same, gzipped (mtime 0).
- otlp-jsonl/checkout.truncated.jsonl: the same cut in the middle of its last line.
- zipkin/checkout.json: the same spans encoded by opentelemetry-exporter-zipkin-json's
  JsonV2Encoder (each service's spans with its own local endpoint), as one JSON array, the
  shape of Zipkin's /api/v2/trace/{id} and of a POST /api/v2/spans body.

Needs: pip install opentelemetry-sdk opentelemetry-exporter-otlp-proto-common
opentelemetry-exporter-zipkin-json (1.45). Deterministic: fixed ids and times.
"""
import base64, gzip, json, os

from google.protobuf import json_format
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.exporter.zipkin.json.v2 import JsonV2Encoder
from opentelemetry.exporter.zipkin.node_endpoint import NodeEndpoint
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult
from opentelemetry.sdk.trace.id_generator import IdGenerator
from opentelemetry.trace import SpanKind, Status, StatusCode, set_span_in_context

here = os.path.dirname(os.path.abspath(__file__))
T0 = 1767225600_000_000_000  # 2026-01-01T00:00:00Z in ns


class Ids(IdGenerator):
    def __init__(self):
        self.span = 0x1000
        self.trace = 0xA0

    def generate_span_id(self):
        self.span += 1
        return 0x5EED000000000000 + self.span

    def generate_trace_id(self):
        self.trace += 1
        return 0x4BF92F3577B34DA6A3CE929D0E0E0000 + self.trace


class Lines(SpanExporter):
    """Keeps each export call's spans: one line of the file exporter."""
    def __init__(self):
        self.batches = []
        self.spans = []

    def export(self, spans):
        self.batches.append(list(spans))
        self.spans.extend(spans)
        return SpanExportResult.SUCCESS


ids = Ids()
exporter = Lines()
held = []  # spans of the last, batched line


class Holding(SpanExporter):
    def export(self, spans):
        held.extend(spans)
        exporter.spans.extend(spans)
        return SpanExportResult.SUCCESS


def provider(service, holding=False):
    p = TracerProvider(resource=Resource.create({"service.name": service, "service.version": "1.4.2",
                                                   "service.instance.id": service + "-0"}), id_generator=ids)
    p.add_span_processor(SimpleSpanProcessor(Holding() if holding else exporter))
    return p.get_tracer("shop." + service, "1.4.2")


frontend, checkout, payments, inventory = provider("frontend"), provider("checkout"), provider("payments"), provider("inventory", holding=True)
ms = 1_000_000

# Trace 1: the order fails in payments.
root = frontend.start_span("POST /orders", kind=SpanKind.SERVER, start_time=T0,
                           attributes={"http.request.method": "POST", "url.path": "/orders"})
ctx = set_span_in_context(root)
call = frontend.start_span("POST checkout/place", context=ctx, kind=SpanKind.CLIENT, start_time=T0 + 2 * ms)
place = checkout.start_span("place_order", context=set_span_in_context(call), kind=SpanKind.SERVER, start_time=T0 + 3 * ms,
                            attributes={"order.items": 3, "order.total": 129.5})
q = checkout.start_span("SELECT orders", context=set_span_in_context(place), kind=SpanKind.CLIENT, start_time=T0 + 4 * ms,
                        attributes={"db.system": "postgresql", "db.statement": "SELECT * FROM carts WHERE id = $1"})
q.end(end_time=T0 + 9 * ms + 250_000)
stock = inventory.start_span("reserve_stock", context=set_span_in_context(place), kind=SpanKind.INTERNAL, start_time=T0 + 10 * ms)
stock.add_event("reserved", {"sku": "A-113", "count": 3}, timestamp=T0 + 11 * ms)
stock.end(end_time=T0 + 12 * ms)
pay_call = checkout.start_span("POST payments/charge", context=set_span_in_context(place), kind=SpanKind.CLIENT, start_time=T0 + 13 * ms)
charge = payments.start_span("charge", context=set_span_in_context(pay_call), kind=SpanKind.SERVER, start_time=T0 + 14 * ms,
                             attributes={"payment.amount": 129.5, "payment.currency": "EUR"})
try:
    raise ValueError("card declined: insufficient funds")
except ValueError as e:
    charge.record_exception(e, timestamp=T0 + 20 * ms, attributes={"exception.stacktrace": "payments/charge.py:42 in charge"})
    charge.set_status(Status(StatusCode.ERROR, "card declined"))
charge.end(end_time=T0 + 21 * ms)
pay_call.set_status(Status(StatusCode.ERROR, "402 Payment Required"))
pay_call.set_attribute("http.response.status_code", 402)
pay_call.end(end_time=T0 + 22 * ms)
place.set_status(Status(StatusCode.ERROR))
place.end(end_time=T0 + 23 * ms)
call.end(end_time=T0 + 24 * ms)
root.set_attribute("http.response.status_code", 502)
root.end(end_time=T0 + 25 * ms)

# Trace 2: a catalogue read that succeeds, 40 ms later.
root2 = frontend.start_span("GET /products", kind=SpanKind.SERVER, start_time=T0 + 40 * ms)
look = inventory.start_span("list_products", context=set_span_in_context(root2), start_time=T0 + 41 * ms, attributes={"page": 1})
look.end(end_time=T0 + 44 * ms)
root2.end(end_time=T0 + 45 * ms)
exporter.batches.append(list(held))


def hex_ids(value):
    """proto3 JSON writes bytes as base64; OTLP/JSON writes trace and span ids as hex."""
    if isinstance(value, dict):
        return {k: (base64.b64decode(v).hex() if k in ("traceId", "spanId", "parentSpanId") and isinstance(v, str)
                    else hex_ids(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [hex_ids(v) for v in value]
    return value


lines = [json.dumps(hex_ids(json_format.MessageToDict(encode_spans(batch))), separators=(",", ":")) for batch in exporter.batches]
text = "".join(line + "\n" for line in lines)
os.makedirs(os.path.join(here, "otlp-jsonl"), exist_ok=True)
with open(os.path.join(here, "otlp-jsonl", "checkout.jsonl"), "w") as f:
    f.write(text)
with open(os.path.join(here, "otlp-jsonl", "checkout.jsonl.gz"), "wb") as f:
    f.write(gzip.compress(text.encode(), mtime=0))
cut = text[: len(text) - len(lines[-1]) // 2 - 1]
with open(os.path.join(here, "otlp-jsonl", "checkout.truncated.jsonl"), "w") as f:
    f.write(cut)

encoder = JsonV2Encoder()
addresses = {"frontend": "10.0.0.10", "checkout": "10.0.0.11", "inventory": "10.0.0.12", "payments": "10.0.0.13"}
zipkin = []
for service in ["frontend", "checkout", "inventory", "payments"]:
    spans = [s for s in exporter.spans if s.resource.attributes["service.name"] == service]
    endpoint = NodeEndpoint(ipv4=addresses[service], port=8080)
    endpoint.service_name = service  # what ZipkinExporter.export takes from the first span's resource
    zipkin.extend(json.loads(encoder.serialize(spans, endpoint)))
os.makedirs(os.path.join(here, "zipkin"), exist_ok=True)
with open(os.path.join(here, "zipkin", "checkout.json"), "w") as f:
    json.dump(zipkin, f, indent=1)
    f.write("\n")
print(len(lines), "lines,", len(exporter.spans), "spans")
