// The optional pull request comment: one comment, found again by its hidden marker and edited in place
// on re-runs. Any refusal (a fork's read-only token, missing `pull-requests: write`) is reported, never
// fatal: the job summary already holds the same text.
// Anyone can write a comment holding the marker, so only comments by the account the token acts as
// count: a personal token writes as the login `GET /user` returns; an installation token (the workflow's
// GITHUB_TOKEN, a GitHub App's) may not read `GET /user` (403) but GraphQL's `viewer` names its bot
// (`<app>[bot]`); when neither answers, the workflow's GITHUB_TOKEN is assumed: `github-actions[bot]`.
import { COMMENT_MARKER } from "./summary.js";

export interface CommentTarget {
  apiUrl: string;
  repository: string;
  pullNumber: number;
  token: string;
  /** GraphQL endpoint (GITHUB_GRAPHQL_URL); derived from apiUrl when not given. */
  graphqlUrl?: string;
}

/** The account comments made with the workflow's GITHUB_TOKEN are written by. */
export const ACTIONS_BOT = "github-actions[bot]";

interface IssueComment {
  id: number;
  body?: string;
  user?: { login?: string; type?: string } | null;
}

export type CommentResult = { ok: true; action: "created" | "updated"; url?: string } | { ok: false; reason: string };

export async function upsertComment(target: CommentTarget, body: string, fetchImpl: typeof fetch = fetch): Promise<CommentResult> {
  const headers = {
    accept: "application/vnd.github+json",
    authorization: `Bearer ${target.token}`,
    "content-type": "application/json",
    "user-agent": "telemetry-drift-action",
    "x-github-api-version": "2022-11-28",
  };
  const base = `${target.apiUrl.replace(/\/+$/, "")}/repos/${target.repository}`;
  const request = async (method: string, url: string, payload?: unknown) => {
    const response = await fetchImpl(url, { method, headers, ...(payload ? { body: JSON.stringify(payload) } : {}), signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
  // Who the token writes as, asked only once a comment with the marker turns up (a first run needs no
  // extra request): GET /user, else GraphQL's viewer, else the Actions bot.
  let author: { login: string; bot: boolean } | undefined;
  const whoAmI = async (): Promise<{ login: string; bot: boolean }> => {
    if (author) return author;
    const me = await request("GET", `${target.apiUrl.replace(/\/+$/, "")}/user`).catch(() => undefined);
    const login = me?.status === 200 ? (me.json as { login?: unknown } | undefined)?.login : undefined;
    if (typeof login === "string" && login) return (author = { login, bot: false });
    const viewer = await request("POST", target.graphqlUrl || graphqlUrlOf(target.apiUrl), { query: "query { viewer { login } }" }).catch(() => undefined);
    const botLogin = viewer?.status === 200 ? (viewer.json as { data?: { viewer?: { login?: unknown } } } | undefined)?.data?.viewer?.login : undefined;
    author = typeof botLogin === "string" && /^[^\s]+\[bot\]$/i.test(botLogin) ? { login: botLogin, bot: true } : { login: ACTIONS_BOT, bot: true };
    return author;
  };
  const isOurs = (c: IssueComment, who: { login: string; bot: boolean }): boolean =>
    typeof c.user?.login === "string" && c.user.login.toLowerCase() === who.login.toLowerCase() && (!who.bot || c.user.type === "Bot");
  try {
    let existing: number | undefined;
    for (let page = 1; page <= 20 && existing === undefined; page++) {
      const list = await request("GET", `${base}/issues/${target.pullNumber}/comments?per_page=100&page=${page}`);
      if (list.status !== 200) return { ok: false, reason: refusal("list the pull request's comments", list.status) };
      const comments = list.json as IssueComment[];
      for (const c of comments) {
        if (typeof c.body !== "string" || !c.body.includes(COMMENT_MARKER)) continue;
        if (isOurs(c, await whoAmI())) {
          existing = c.id;
          break;
        }
      }
      if (comments.length < 100) break;
    }
    const answer =
      existing === undefined
        ? await request("POST", `${base}/issues/${target.pullNumber}/comments`, { body })
        : await request("PATCH", `${base}/issues/comments/${existing}`, { body });
    if (answer.status !== 200 && answer.status !== 201) return { ok: false, reason: refusal(existing === undefined ? "create the comment" : "update the comment", answer.status) };
    const url = (answer.json as { html_url?: string } | undefined)?.html_url;
    return { ok: true, action: existing === undefined ? "created" : "updated", ...(url ? { url } : {}) };
  } catch (error) {
    return { ok: false, reason: `the GitHub API could not be reached (${(error as Error).message})` };
  }
}

/** GitHub's GraphQL endpoint beside a REST one: `https://api.github.com/graphql`, `https://ghe.example/api/graphql` for `…/api/v3`. */
export function graphqlUrlOf(apiUrl: string): string {
  const rest = apiUrl.replace(/\/+$/, "");
  return /\/api\/v3$/.test(rest) ? rest.replace(/\/v3$/, "/graphql") : `${rest}/graphql`;
}

function refusal(what: string, status: number): string {
  const why =
    status === 403 || status === 404
      ? "the token may not write to this pull request (fork pull requests get a read-only token; the job needs `permissions: pull-requests: write`)"
      : "unexpected answer";
  return `could not ${what}: HTTP ${status}, ${why}`;
}
