/**
 * A student's side of JupyterHub, over HTTP only: log in through the hub's login form (as a browser does: the
 * `_xsrf` cookie and form field, the session cookies), get an API token for oneself, start one's server and wait
 * until it is ready, call the single-user server's REST API, stop the server.
 * @module
 */

/** A logged-in student. */
export interface Student {
  name: string;
  /** The hub's base URL, e.g. `http://127.0.0.1:8000/`. */
  hub: string;
  /** An API token of this user (made after logging in). */
  token: string;
  /** The single-user server's base URL, `<hub>user/<name>/`. */
  server: string;
}

class CookieJar {
  #cookies = new Map<string, string>();
  take(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair.indexOf("=");
      if (eq > 0) this.#cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

async function expectOk(res: Response, what: string, ok: (s: number) => boolean = (s) => s < 300) {
  if (!ok(res.status)) {
    const body = await res.text().catch(() => "");
    throw new Error(`${what}: HTTP ${res.status} ${body.slice(0, 500)}`);
  }
}

/**
 * Logs `name` in with `password` through the login form, then creates an API token for the user with the session
 * cookie (as the hub's own token page does).
 */
export async function login(hub: string, name: string, password: string): Promise<Student> {
  const jar = new CookieJar();
  const form = await fetch(`${hub}hub/login`, { redirect: "manual" });
  jar.take(form);
  const html = await form.text();
  const xsrf = /name="_xsrf" value="([^"]+)"/.exec(html)?.[1] ?? jar.get("_xsrf");
  if (!xsrf) throw new Error(`login page of ${hub} has no _xsrf token`);
  const body = new URLSearchParams({ username: name, password, _xsrf: xsrf });
  const res = await fetch(`${hub}hub/login?next=`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { Cookie: jar.header(), "Content-Type": "application/x-www-form-urlencoded" },
  });
  jar.take(res);
  await res.body?.cancel();
  if (res.status !== 302 || !jar.get("jupyterhub-session-id")) {
    throw new Error(`login of ${name} failed: HTTP ${res.status} (wrong password?)`);
  }
  const tok = await fetch(`${hub}hub/api/users/${encodeURIComponent(name)}/tokens`, {
    method: "POST",
    headers: {
      Cookie: jar.header(),
      "X-XSRFToken": jar.get("_xsrf") ?? xsrf,
      "Content-Type": "application/json",
      Referer: `${hub}hub/token`,
    },
    body: JSON.stringify({ note: "classroom test", expires_in: 3600 }),
  });
  await expectOk(tok, `creating a token for ${name}`);
  const { token } = await tok.json() as { token: string };
  return { name, hub, token, server: `${hub}user/${encodeURIComponent(name)}/` };
}

/** A request to the hub's API as the student. */
export function hubApi(s: Student, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${s.hub}hub/api/${path}`, {
    ...init,
    headers: { Authorization: `token ${s.token}`, "Content-Type": "application/json", ...init.headers },
  });
}

/** A request to the student's single-user server's API (`<server>api/<path>`). */
export function serverApi(s: Student, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${s.server}api/${path}`, {
    ...init,
    headers: { Authorization: `token ${s.token}`, "Content-Type": "application/json", ...init.headers },
  });
}

/** Starts the student's server and waits until the hub says it is ready and it answers. */
export async function startServer(s: Student, timeoutMs = 120_000): Promise<void> {
  const res = await hubApi(s, `users/${encodeURIComponent(s.name)}/server`, { method: "POST", body: "{}" });
  await expectOk(res, `starting ${s.name}'s server`, (st) => st === 201 || st === 202 || st === 400);
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const u = await hubApi(s, `users/${encodeURIComponent(s.name)}`);
    const user = await u.json() as { servers?: Record<string, { ready: boolean }> };
    if (user.servers?.[""]?.ready) {
      const ping = await serverApi(s, "status");
      await ping.body?.cancel();
      if (ping.ok) return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${s.name}'s server was not ready within ${timeoutMs / 1000} s`);
}

/** Stops the student's server and waits until the hub has no server for them. */
export async function stopServer(s: Student, timeoutMs = 60_000): Promise<void> {
  const res = await hubApi(s, `users/${encodeURIComponent(s.name)}/server`, { method: "DELETE" });
  await res.body?.cancel();
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const u = await hubApi(s, `users/${encodeURIComponent(s.name)}`);
    const user = await u.json() as { servers?: Record<string, unknown> };
    if (!user.servers?.[""]) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${s.name}'s server did not stop within ${timeoutMs / 1000} s`);
}

/** Reads a file of the student's home through the contents API (JSON files parsed, notebooks as JSON). */
export async function readContents(s: Student, path: string): Promise<unknown> {
  const res = await serverApi(s, `contents/${path.split("/").map(encodeURIComponent).join("/")}?content=1`);
  await expectOk(res, `reading ${path} of ${s.name}`);
  const body = await res.json() as { type: string; content: unknown; format: string };
  if (body.type === "file" && typeof body.content === "string" && path.endsWith(".json")) {
    return JSON.parse(body.content);
  }
  return body.content;
}
