/** The introduction of the API reference at /docs: how a web app logs in and calls us. */
export const API_DESCRIPTION = `
Tracks Final Fantasy XIV dailies and weeklies per character. All instants are ISO-8601 UTC.

## Logging in (Discord OAuth2, authorization code + PKCE)
1. Send the browser to \`GET /login\`. It redirects to Discord with a single-use \`state\` (valid 10 minutes).
   (With \`Accept: application/json\` it answers \`{ "url" }\` instead, for a client that cannot follow the redirect.)
2. Discord sends the browser back to the web app: \`http://localhost:3000/?code=…&state=…\`.
3. \`POST /exchange\` with \`{ "code", "state" }\` (JSON or form). The answer: \`{ jwt, refreshToken, expiresIn, user }\`.
4. Send \`Authorization: Bearer <jwt>\` on every call (\`x-access-token: <jwt>\` also works).
   **A token in the query string is refused** (401 \`TOKEN_IN_QUERY\`): URLs end up in logs and browser history.
5. Before \`expiresIn\` seconds pass, \`POST /auth/refresh\` with \`{ "refreshToken" }\` for a new pair. Each refresh token works
   once: keep only the newest. Presenting an old one ends the session (401 \`TOKEN_REUSED\`). A session unused for 30 days ends.
6. \`POST /auth/logout\` ends this session; \`POST /auth/logout-all\` ends all of them.

## API keys (tools, overlays, plugins)
Create one with \`POST /api-keys\` (with your JWT); it is shown once. Send it as \`x-api-key: <key>\`. Scopes:
\`tasks:read\`, \`tasks:write\` (includes completing), \`characters:read\`, \`characters:write\`, and
\`character:<lodestoneId>:read|write\` to limit a key to one character and its tasks. Each route below lists the scope
it needs; a missing one is 403 \`INSUFFICIENT_SCOPE\`. Keys cannot create keys, refresh or log out.

## Calendar
\`GET /calendar.ics?region=eu|na|jp|oc\` is an iCalendar feed of the resets to subscribe to.

## Errors
Every error is \`{ "code": "MACHINE_CODE", "error": "human sentence" }\` with its status, and every operation lists the statuses
it can answer:
400 \`VALIDATION\`, \`INVALID_JSON\`, \`BAD_URL\`, \`INVALID_STATE\`; 401 \`TOKEN_MISSING\`, \`TOKEN_EXPIRED\` (refresh), \`TOKEN_INVALID\`,
\`SESSION_REVOKED\`, \`TOKEN_REUSED\`, \`INVALID_CODE\` (log in again), \`TOKEN_IN_QUERY\` (on every route, public ones too);
404 \`NOT_FOUND\` (also for other users' ids); 409 \`CONFLICT\`, \`LIMIT_REACHED\`; 413 \`BODY_TOO_LARGE\` (64 KiB, 8 KiB for a form),
on every route that reads a body; 415 \`UNSUPPORTED_MEDIA_TYPE\` (send JSON); 429 \`RATE_LIMITED\` (see \`Retry-After\`);
502 \`DISCORD_UNAVAILABLE\`; API keys: 401 \`API_KEY_INVALID\`, 403 \`INSUFFICIENT_SCOPE\`, 403 \`API_KEY_NOT_ALLOWED\`.
A request Node cannot parse is answered before any route, in the same shape: 400 \`BAD_REQUEST\`, 408 \`REQUEST_TIMEOUT\`,
431 \`HEADERS_TOO_LARGE\` (request line and headers over Node's limit, 16 KiB by default). While the process stops, any
route may answer 503 \`SHUTTING_DOWN\`. A failure on our side is 500 \`INTERNAL\`, the one status no operation lists.

## Limits and validation
Task names 1–100 characters, notes up to 1000, 500 tasks and 40 characters per user. Names are trimmed and may not be blank.
Lengths count UTF-16 code units, as JavaScript does: a character outside the Basic Multilingual Plane (most emoji) counts
two. Unknown body fields, and unknown query parameters where an operation takes some, are refused (400). Rules a schema
cannot carry are in each operation's description (e.g. an API key's \`expiresAt\` must be in the future).

## Generated clients
Every operation has a stable camelCase \`operationId\` (\`listTasks\`, \`completeTask\`…) that generators use as method
names. Paths are relative to the server that serves this document (\`servers: [{ url: "/" }]\`): give the client its
base URL.
`;
