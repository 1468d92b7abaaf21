// What alias scopes, attribute lookups and disable comments resolve to: the results the chained alias
// scopes, the binary search over attribute definitions and the one-pass comment targets must keep.
import { beforeAll, describe, expect, it } from "vitest";
import { extractElixir, loadElixirParser } from "../../../src/frontends/elixir/index.js";
import { dotted } from "../../../src/model.js";

beforeAll(() => loadElixirParser());

const facts = (code: string) => extractElixir("lib/app.ex", code);
/** Each wrapper call as `line function`: the call's module shows how its alias resolved. */
const calls = (code: string) => facts(code).wrapperCalls.map((c) => `${c.loc.line} ${c.function}`);
const emits = (code: string) => facts(code).emits.map((e) => `${e.loc.line} ${dotted(e.event)}`);

describe("aliases in nested modules", () => {
  it("a nested module sees its enclosing modules' aliases; its own shadow them inside it only", () => {
    const code = `defmodule App do
  alias Lib.Metrics
  alias Lib.Other
  defmodule Inner do
    alias Mine.Metrics
    def a, do: Metrics.emit(:a)
    def b, do: Other.emit(:b)
    defmodule Deeper do
      def c, do: Metrics.emit(:c)
      def d, do: Other.emit(:d)
    end
  end
  defmodule Sibling do
    def e, do: Metrics.emit(:e)
  end
  def f, do: Metrics.emit(:f)
end`;
    expect(calls(code)).toEqual([
      "6 Mine.Metrics.emit/1",
      "7 Lib.Other.emit/1",
      "9 Mine.Metrics.emit/1",
      "10 Lib.Other.emit/1",
      "14 Lib.Metrics.emit/1",
      "16 Lib.Metrics.emit/1",
    ]);
  });

  it("a nested module's name is an alias after it, not inside it; an alias set later reaches later modules only", () => {
    const code = `defmodule App do
  defmodule Sub do
    def a, do: Sub.emit(:a)
  end
  defmodule Next do
    def b, do: Sub.emit(:b)
    def c, do: Late.emit(:c)
  end
  alias Lib.Late
  defmodule Last do
    def d, do: Late.emit(:d)
    def e, do: Next.emit(:e)
  end
  def f, do: Sub.emit(:f)
end`;
    expect(calls(code)).toEqual([
      "3 Sub.emit/1",
      "6 App.Sub.emit/1",
      "7 Late.emit/1",
      "11 Lib.Late.emit/1",
      "12 App.Next.emit/1",
      "14 App.Sub.emit/1",
    ]);
  });

  it("`defmodule A.B` aliases its first segment in the parent; aliases in a module do not leak into its parent", () => {
    const code = `defmodule App do
  defmodule Web.Router do
    alias Lib.Hidden
    def a, do: Hidden.emit(:a)
  end
  def b, do: Web.Router.emit(:b)
  def c, do: Hidden.emit(:c)
end`;
    expect(calls(code)).toEqual(["4 Lib.Hidden.emit/1", "6 App.Web.Router.emit/1", "7 Hidden.emit/1"]);
  });
});

describe("module attributes redefined", () => {
  it("each use reads the latest definition on or above its line; one above every definition is not known", () => {
    const code = `defmodule App do
  def early, do: :telemetry.execute(@event, %{n: 1})
  @event [:app, :one]
  def f1, do: :telemetry.execute(@event, %{n: 1})
  @event [:app, :two]
  @event [:app, :three]
  def f3, do: :telemetry.execute(@event, %{n: 1})
  @event [:app, :four]; def f4, do: :telemetry.execute(@event, %{n: 1})
  @event [:app, :five]
  @event [:app, :six]
  def f6, do: :telemetry.execute(@event, %{n: 1})
end`;
    expect(emits(code)).toEqual(["4 app.one", "7 app.three", "8 app.four", "11 app.six"]);
    expect(facts(code).dynamicEmits.map((d) => `${d.loc.line} ${d.expression}`)).toEqual(["2 @event"]);
  });

  it("definitions are per module: a nested module's do not reach its parent", () => {
    const code = `defmodule App do
  @event [:app, :outer]
  defmodule Inner do
    @event [:app, :inner]
    def a, do: :telemetry.execute(@event, %{n: 1})
  end
  def b, do: :telemetry.execute(@event, %{n: 1})
end`;
    expect(emits(code)).toEqual(["5 app.inner", "7 app.outer"]);
  });
});

describe("disable comments", () => {
  it("disable-next-line skips blank and comment lines, a run of them included; disable-line stays on its line", () => {
    const code = `defmodule App do
  # telemetry-drift-disable-next-line event-unconsumed
  # telemetry-drift-disable-next-line metric-invalid

  # another comment
  def f, do: :telemetry.execute([:a, :b], %{})
  def g, do: :telemetry.execute([:a, :c], %{}) # telemetry-drift-disable-line event-unconsumed
  # telemetry-drift-disable-line
  def h, do: :ok
end
# telemetry-drift-disable-next-line
`;
    expect(facts(code).suppressions.map((s) => `${s.loc.line}->${s.targetLine} ${s.rules.join(",")}`)).toEqual([
      "2->6 event-unconsumed",
      "3->6 metric-invalid",
      "7->7 event-unconsumed",
      "8->8 ",
      "11->13 ",
    ]);
  });
});
