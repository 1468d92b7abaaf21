// The pull request comment is found again by its hidden marker, but anyone can write the marker: only a
// comment by the account the token acts as may be edited. GITHUB_TOKEN writes as github-actions[bot] and
// gets 403 from GET /user; a GitHub App's token too, but GraphQL's viewer names its bot; a personal token
// gets its login from GET /user. A stub fetch plays the API.
import { describe, expect, it } from "vitest";
import { ACTIONS_BOT, graphqlUrlOf, upsertComment } from "../../src/action/comment.js";
import { COMMENT_MARKER } from "../../src/action/summary.js";

interface Comment {
  id: number;
  body: string;
  user: { login: string; type: "User" | "Bot" } | null;
}

const BOT = { login: ACTIONS_BOT, type: "Bot" } as const;
const MALLORY = { login: "mallory", type: "User" } as const;
const report = (who: string) => `${COMMENT_MARKER}\n## telemetry-drift\n\nwritten by ${who}`;
const target = { apiUrl: "https://api.github.test/", repository: "acme/osint", pullNumber: 7, token: "t0ken" };

/**
 * An in-memory issue-comments API: pages of `perPage`, GET /user and GraphQL's viewer as the token type
 * answers them (`viewer` undefined: the GraphQL endpoint refuses).
 */
function stubApi(comments: Comment[], user: { status: number; login?: string } | "network-error", perPage = 100, viewer?: string) {
  const requests: string[] = [];
  const auth: (string | undefined)[] = [];
  const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? "GET";
    requests.push(`${method} ${url.pathname}${url.search}`);
    auth.push((init?.headers as Record<string, string> | undefined)?.authorization);
    if (method === "GET" && url.pathname === "/user") {
      if (user === "network-error") throw new TypeError("fetch failed");
      return user.status === 200 ? json(200, { login: user.login, type: "User" }) : json(user.status, { message: "Resource not accessible by integration" });
    }
    if (method === "POST" && url.pathname === "/graphql") {
      expect(JSON.parse(String(init!.body))).toEqual({ query: "query { viewer { login } }" });
      return viewer ? json(200, { data: { viewer: { login: viewer } } }) : json(403, { message: "Resource not accessible by integration" });
    }
    if (method === "GET" && url.pathname === "/repos/acme/osint/issues/7/comments") {
      const page = Number(url.searchParams.get("page") ?? 1);
      return json(200, comments.slice((page - 1) * perPage, page * perPage));
    }
    if (method === "POST" && url.pathname === "/repos/acme/osint/issues/7/comments") {
      const body = (JSON.parse(String(init!.body)) as { body: string }).body;
      comments.push({ id: 1000 + comments.length, body, user: user !== "network-error" && user.status === 200 ? { login: user.login!, type: "User" } : viewer ? { login: viewer, type: "Bot" } : BOT });
      return json(201, { id: comments.at(-1)!.id, html_url: `https://github.test/acme/osint/pull/7#issuecomment-${comments.at(-1)!.id}` });
    }
    const patch = /^\/repos\/acme\/osint\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (method === "PATCH" && patch) {
      const comment = comments.find((c) => c.id === Number(patch[1]))!;
      comment.body = (JSON.parse(String(init!.body)) as { body: string }).body;
      return json(200, { id: comment.id, html_url: `https://github.test/acme/osint/pull/7#issuecomment-${comment.id}` });
    }
    return json(404, { message: "Not Found" });
  }) as typeof fetch;
  return { fetchImpl, requests, auth, comments };
}

describe("the pull request comment is the token's own", () => {
  it("skips an attacker's comment that carries the marker and updates the bot's (GITHUB_TOKEN: /user answers 403)", async () => {
    const api = stubApi(
      [
        { id: 1, body: "LGTM", user: { login: "octocat", type: "User" } },
        { id: 2, body: `${COMMENT_MARKER}\n## telemetry-drift\n\nNo new drift, merge away!`, user: MALLORY },
        { id: 3, body: report("bot"), user: BOT },
      ],
      { status: 403 },
    );
    const result = await upsertComment(target, "new report", api.fetchImpl);
    expect(result).toEqual({ ok: true, action: "updated", url: "https://github.test/acme/osint/pull/7#issuecomment-3" });
    expect(api.requests).toEqual(["GET /repos/acme/osint/issues/7/comments?per_page=100&page=1", "GET /user", "POST /graphql", "PATCH /repos/acme/osint/issues/comments/3"]);
    expect(api.auth.every((a) => a === "Bearer t0ken")).toBe(true);
    expect(api.comments.find((c) => c.id === 2)!.body).toContain("merge away");
    expect(api.comments.find((c) => c.id === 3)!.body).toBe("new report");
  });

  it("creates its own comment when only others' comments carry the marker", async () => {
    const api = stubApi(
      [
        { id: 2, body: report("mallory"), user: MALLORY },
        { id: 4, body: report("another bot"), user: { login: "renovate[bot]", type: "Bot" } },
        { id: 5, body: report("a user who took the bot's name"), user: { login: ACTIONS_BOT, type: "User" } },
        { id: 6, body: report("a deleted account"), user: null },
      ],
      { status: 403 },
    );
    const result = await upsertComment(target, "new report", api.fetchImpl);
    expect(result).toMatchObject({ ok: true, action: "created" });
    expect(api.requests).toEqual(["GET /repos/acme/osint/issues/7/comments?per_page=100&page=1", "GET /user", "POST /graphql", "POST /repos/acme/osint/issues/7/comments"]);
    expect(api.comments.slice(0, 4).map((c) => c.body)).toEqual([report("mallory"), report("another bot"), report("a user who took the bot's name"), report("a deleted account")]);
  });

  it("asks nothing more on a first run (no comment carries the marker), then finds the comment it made", async () => {
    const api = stubApi([{ id: 1, body: "LGTM", user: MALLORY }], { status: 403 });
    expect(await upsertComment(target, report("run 1"), api.fetchImpl)).toMatchObject({ ok: true, action: "created" });
    expect(await upsertComment(target, report("run 2"), api.fetchImpl)).toMatchObject({ ok: true, action: "updated" });
    expect(api.requests).toEqual([
      "GET /repos/acme/osint/issues/7/comments?per_page=100&page=1",
      "POST /repos/acme/osint/issues/7/comments",
      "GET /repos/acme/osint/issues/7/comments?per_page=100&page=1",
      "GET /user",
      "POST /graphql",
      "PATCH /repos/acme/osint/issues/comments/1001",
    ]);
    expect(api.comments.map((c) => c.body)).toEqual(["LGTM", report("run 2")]);
  });

  it("with a personal token, updates the comment of the login GET /user returns (not the Actions bot's)", async () => {
    const api = stubApi(
      [
        { id: 2, body: report("mallory"), user: MALLORY },
        { id: 3, body: report("an earlier GITHUB_TOKEN run"), user: BOT },
        { id: 8, body: report("the token's user"), user: { login: "Release-Manager", type: "User" } },
      ],
      { status: 200, login: "release-manager" },
    );
    expect(await upsertComment(target, "new report", api.fetchImpl)).toMatchObject({ ok: true, action: "updated", url: "https://github.test/acme/osint/pull/7#issuecomment-8" });
    expect(api.requests.at(-1)).toBe("PATCH /repos/acme/osint/issues/comments/8");
  });

  it("looks past an attacker's comments on earlier pages, asking GET /user once", async () => {
    const flood: Comment[] = Array.from({ length: 5 }, (_, i) => ({ id: 10 + i, body: report(`mallory ${i}`), user: MALLORY }));
    const api = stubApi([...flood, { id: 42, body: report("bot"), user: BOT }], { status: 403 }, 3);
    // Pages of three: the stub's answers are short of the 100 the client asks for, so pretend they are full.
    const full = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await api.fetchImpl(input, init);
      if (!String(input).includes("/comments?")) return response;
      const list = (await response.json()) as Comment[];
      const padded = list.length === 3 ? [...list, ...Array.from({ length: 97 }, (_, i) => ({ id: 5000 + i, body: "filler", user: MALLORY }))] : list;
      return new Response(JSON.stringify(padded), { status: 200 });
    }) as typeof fetch;
    expect(await upsertComment(target, "new report", full)).toMatchObject({ ok: true, action: "updated", url: "https://github.test/acme/osint/pull/7#issuecomment-42" });
    expect(api.requests).toEqual(["GET /repos/acme/osint/issues/7/comments?per_page=100&page=1", "GET /user", "POST /graphql", "GET /repos/acme/osint/issues/7/comments?per_page=100&page=2", "PATCH /repos/acme/osint/issues/comments/42"]);
  });

  it("with a GitHub App's token, updates the comment of the bot GraphQL's viewer names (not the Actions bot's)", async () => {
    const app = { login: "drift-checker[bot]", type: "Bot" } as const;
    const api = stubApi(
      [
        { id: 3, body: report("an earlier GITHUB_TOKEN run"), user: BOT },
        { id: 4, body: report("mallory"), user: MALLORY },
        { id: 9, body: report("the app"), user: app },
      ],
      { status: 403 },
      100,
      app.login,
    );
    expect(await upsertComment(target, "new report", api.fetchImpl)).toMatchObject({ ok: true, action: "updated", url: "https://github.test/acme/osint/pull/7#issuecomment-9" });
    expect(api.requests).toEqual(["GET /repos/acme/osint/issues/7/comments?per_page=100&page=1", "GET /user", "POST /graphql", "PATCH /repos/acme/osint/issues/comments/9"]);
    // Its first run made a comment; the next run finds that one again instead of posting another.
    const fresh = stubApi([{ id: 3, body: report("an earlier GITHUB_TOKEN run"), user: BOT }], { status: 403 }, 100, app.login);
    expect(await upsertComment(target, report("run 1"), fresh.fetchImpl)).toMatchObject({ action: "created" });
    expect(await upsertComment(target, report("run 2"), fresh.fetchImpl)).toMatchObject({ action: "updated" });
    expect(fresh.comments.map((c) => [c.user?.login, c.body])).toEqual([[ACTIONS_BOT, report("an earlier GITHUB_TOKEN run")], [app.login, report("run 2")]]);
  });

  it("asks GraphQL where the REST API says: github.com and GitHub Enterprise Server", () => {
    expect(graphqlUrlOf("https://api.github.com")).toBe("https://api.github.com/graphql");
    expect(graphqlUrlOf("https://ghe.example/api/v3/")).toBe("https://ghe.example/api/graphql");
  });

  it("falls back to github-actions[bot] when GET /user cannot be answered", async () => {
    const api = stubApi([{ id: 2, body: report("mallory"), user: MALLORY }, { id: 3, body: report("bot"), user: BOT }], "network-error");
    expect(await upsertComment(target, "new report", api.fetchImpl)).toMatchObject({ ok: true, action: "updated", url: "https://github.test/acme/osint/pull/7#issuecomment-3" });
  });

  it("still reports a refusal to list or write, never fatally", async () => {
    const denied = (async () => new Response(JSON.stringify({ message: "Resource not accessible by integration" }), { status: 403 })) as typeof fetch;
    expect(await upsertComment(target, "x", denied)).toEqual({ ok: false, reason: expect.stringMatching(/^could not list the pull request's comments: HTTP 403, the token may not write/) });
  });
});
