// Oban (oban-bg/oban 2.23; lib/oban/telemetry.ex documents them). Oban 2.23 no longer emits
// [:oban, :circuit, *] (no emitter in lib/), so those are deliberately absent.
import { plain, span, type CatalogEvent, type LibraryCatalog } from "./catalog.js";

const JOB_META = ["conf", "job", "id", "args", "queue", "worker", "attempt", "max_attempts", "tags", "prefix"];
const JOB_STOP = ["duration", "memory", "queue_time", "reductions"];
const ENGINE_OPS = [
  "init", "refresh", "put_meta", "check_available", "check_meta", "shutdown", "cancel_all_jobs", "delete_all_jobs",
  "fetch_jobs", "insert_all_jobs", "prune_jobs", "rescue_jobs", "retry_all_jobs", "stage_jobs", "cancel_job",
  "complete_job", "delete_job", "discard_job", "error_job", "insert_job", "retry_job", "snooze_job", "update_job",
];

export const oban: LibraryCatalog = {
  dependency: "oban",
  events: () => [
    plain(["oban", "supervisor", "init"], ["system_time"], ["conf", "pid"], "Oban (lib/oban.ex)"),
    plain(["oban", "job", "start"], ["system_time"], JOB_META, "Oban executor (lib/oban/queues/executor.ex)"),
    plain(["oban", "job", "stop"], JOB_STOP, [...JOB_META, "state", "result"], "Oban executor (lib/oban/queues/executor.ex)"),
    plain(["oban", "job", "exception"], JOB_STOP, [...JOB_META, "kind", "error", "reason", "result", "stacktrace", "state"], "Oban executor (lib/oban/queues/executor.ex)"),
    span(["oban", "producer"], ["conf", "queue", "dispatched_count"], "Oban producer (lib/oban/queues/producer.ex)"),
    ...ENGINE_OPS.map((op): CatalogEvent => span(["oban", "engine", op], ["conf", "engine", "job", "jobs"], "Oban engine (lib/oban/engine.ex with_span/4)")),
    span(["oban", "notifier", "notify"], ["conf", "channel", "payload"], "Oban notifier (lib/oban/notifier.ex)"),
    plain(["oban", "notifier", "switch"], [], ["conf", "status"], "Oban sonar (lib/oban/sonar.ex)"),
    span(["oban", "peer", "election"], ["conf", "leader", "peer", "was_leader"], "Oban peers (lib/oban/peers/*.ex)"),
    plain(["oban", "plugin", "init"], null, ["conf", "plugin"], "Oban plugins (lib/oban/plugins/*.ex)"),
    span(["oban", "plugin"], null, "Oban plugins (lib/oban/plugins/*.ex)"),
    plain(["oban", "queue", "shutdown"], ["elapsed", "ellapsed"], ["conf", "orphaned", "queue"], "Oban watchman (lib/oban/queues/watchman.ex)"),
    plain(["oban", "stager", "switch"], [], ["conf", "mode"], "Oban stager (lib/oban/stager.ex)"),
  ],
};
