# Makes the phoenix_replay 0.2 ETF samples with phoenix_replay's own code: Recording,
# Storage.Serializer and Storage.File from dannote/phoenix_replay @ 57dd4f9 (MIT), compiled
# with Debian's Elixir 1.14 (no Hex, no Jason: only the :etf format is used):
#
#   git show 57dd4f9:lib/phoenix_replay/{recording,storage,storage/serializer,storage/file}.ex
#   elixirc -o ebin recording.ex storage.ex serializer.ex file.ex
#   elixir -pa ebin make_etf_samples.exs OUT_DIR
#
# Storage.File.save/2 writes OUT_DIR/<id>.etf.gz (gzip of term_to_binary of the recording's
# map). Next to each, <id>.expected.json holds what Elixir says about it: every record's
# type, and PhoenixReplay.Recording.accumulated_assigns(recording, i) for every record
# index i, as inspect(limit: :infinity, printable_limit: :infinity).
# Recordings are built as the Recorder builds them (events in order, offsets in ms).

defmodule Shop.Cart, do: defstruct([:id, items: [], total: 0])
defmodule MyAppWeb.CounterLive, do: nil
defmodule MyAppWeb.CheckoutLive, do: nil

out = List.first(System.argv()) || "."
File.mkdir_p!(out)

recordings = [
  %PhoenixReplay.Recording{
    id: "counter-5bT2qk",
    view: MyAppWeb.CounterLive,
    url: "http://localhost:4000/counter?step=1",
    params: %{"step" => "1"},
    session: %{"_csrf_token" => "[FILTERED]"},
    connected_at: 1_767_225_600_000,
    events: [
      {0, :mount, %{assigns: %{count: 0, step: 1, flash: %{}, live_action: :index}}},
      {2, :handle_params, %{params: %{"step" => "1"}, url: "http://localhost:4000/counter?step=1"}},
      {812, :event, %{name: "inc", params: %{"value" => ""}}},
      {813, :assigns, %{delta: %{count: 1}}},
      {1204, :event, %{name: "set_step", params: %{"step" => "5"}}},
      {1205, :assigns, %{delta: %{step: 5, last: {:step, 5}}}},
      {1490, :info, %{}},
      {1491, :assigns, %{snapshot: %{count: 6, step: 5, flash: %{}, live_action: :index, last: nil}}},
      {2010, :event, %{name: "reset", params: %{}}},
      {2011, :assigns, %{delta: %{count: 0, flash: %{"info" => "reset"}}}},
      {2012, :assigns, %{delta: %{last: :reset}}}
    ]
  },
  %PhoenixReplay.Recording{
    id: "checkout-Q9wLz0",
    view: MyAppWeb.CheckoutLive,
    url: "http://localhost:4000/checkout",
    params: %{},
    session: %{"user_id" => 42},
    connected_at: 1_767_225_700_000,
    events: [
      {0, :mount,
       %{assigns: %{cart: struct(Shop.Cart, id: 7, items: [{"A-113", 2}], total: 25),
                    opened_at: ~U[2026-01-01 00:01:40.000000Z], due: ~D[2026-01-15], tags: ~w(new promo)a,
                    note: 'gift', user: nil}}},
      {5, :handle_params, %{params: %{}, url: "http://localhost:4000/checkout"}},
      {640, :event, %{name: "add", params: %{"sku" => "B-7", "qty" => "1"}}},
      {641, :assigns, %{delta: %{cart: struct(Shop.Cart, id: 7, items: [{"A-113", 2}, {"B-7", 1}], total: 37)}}},
      {900, :info, %{}},
      {901, :assigns, %{delta: %{user: %{id: 42, name: "Ada", since: ~N[2025-03-01 12:00:00]}}}},
      {1500, :event, %{name: "pay", params: %{"card" => "[FILTERED]"}}},
      {1502, :assigns, %{delta: %{error: {:payment_failed, "card declined"}, cart: struct(Shop.Cart, id: 7)}}},
      {1900, :mount, %{assigns: %{cart: nil, flash: %{"error" => "Payment failed"}, step: 1.5}}}
    ]
  }
]

for rec <- recordings do
  :ok = PhoenixReplay.Storage.File.save(rec, path: out)
  records =
    rec.events
    |> Enum.with_index()
    |> Enum.map(fn {{offset, type, _payload}, i} ->
      %{"index" => i, "offset" => offset, "type" => Atom.to_string(type),
        "assigns" => PhoenixReplay.Recording.accumulated_assigns(rec, i)}
    end)
  json = fn v -> inspect(v, limit: :infinity, printable_limit: :infinity) |> String.replace("\\", "\\\\") |> String.replace(~s("), ~s(\\")) |> then(&(~s(") <> &1 <> ~s("))) end
  body =
    "{\"id\": \"#{rec.id}\", \"view\": #{json.(rec.view)}, \"elixir\": \"#{System.version()}\", \"records\": [\n" <>
      Enum.map_join(records, ",\n", fn r ->
        "  {\"index\": #{r["index"]}, \"offset\": #{r["offset"]}, \"type\": \"#{r["type"]}\", \"accumulated_assigns\": #{json.(r["assigns"])}}"
      end) <> "\n]}\n"
  File.write!(Path.join(out, rec.id <> ".expected.json"), body)
end
