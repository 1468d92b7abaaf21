// Absinthe (absinthe-graphql/absinthe) and Broadway (dashbitco/broadway).
import { plain, span, type LibraryCatalog } from "./catalog.js";

const OPERATION_META = ["id", "telemetry_span_context", "blueprint", "options"];

export const absinthe: LibraryCatalog = {
  dependency: "absinthe",
  events: () => [
    plain(["absinthe", "execute", "operation", "start"], ["system_time"], OPERATION_META, "Absinthe (lib/absinthe/phase/telemetry.ex)"),
    plain(["absinthe", "execute", "operation", "stop"], ["duration", "end_time_mono"], OPERATION_META, "Absinthe (lib/absinthe/phase/telemetry.ex)"),
    plain(["absinthe", "subscription", "publish", "start"], ["system_time"], OPERATION_META, "Absinthe (lib/absinthe/phase/telemetry.ex)"),
    plain(["absinthe", "subscription", "publish", "stop"], ["duration", "end_time_mono"], OPERATION_META, "Absinthe (lib/absinthe/phase/telemetry.ex)"),
    plain(["absinthe", "resolve", "field", "start"], ["system_time"], ["id", "telemetry_span_context", "resolution", "middleware"], "Absinthe (lib/absinthe/middleware/telemetry.ex)"),
    plain(["absinthe", "resolve", "field", "stop"], ["duration"], ["id", "telemetry_span_context", "resolution", "middleware"], "Absinthe (lib/absinthe/middleware/telemetry.ex)"),
    ...["start", "stop", "exception", "timeout"].map((s) => plain(["absinthe", "middleware", "batch", s], null, null, "Absinthe (lib/absinthe/middleware/batch.ex)")),
    span(["absinthe", "middleware", "async", "task"], null, "Absinthe (lib/absinthe/middleware/async.ex)"),
  ],
};

const PROCESSOR_META = ["topology_name", "name", "index", "processor_key", "messages", "context", "producer"];

export const broadway: LibraryCatalog = {
  dependency: "broadway",
  events: () => [
    plain(["broadway", "topology", "init"], ["system_time"], ["supervisor_pid", "config"], "Broadway (lib/broadway/topology.ex)"),
    span(["broadway", "processor"], PROCESSOR_META, "Broadway (lib/broadway/topology/processor_stage.ex)"),
    span(["broadway", "processor", "message"], ["message", ...PROCESSOR_META], "Broadway (lib/broadway/topology/processor_stage.ex)"),
    span(["broadway", "batch_processor"], null, "Broadway (lib/broadway/topology/batch_processor_stage.ex)"),
    span(["broadway", "batcher"], null, "Broadway (lib/broadway/topology/batcher_stage.ex)"),
    span(["broadway", "handle_failed"], null, "Broadway (lib/broadway/acknowledger.ex)"),
  ],
};
