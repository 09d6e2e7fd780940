import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { randomToken } from './ids.js';
import type { FakeState, JsonObject } from './state.js';

const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;
const BUFFERED_EVENTS = 1000;
const TRACE = ['["gateway-prd-fake-0",{"micros":0}]'];

interface Dispatch {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

/** One identified session; it outlives its socket so that RESUME works. */
interface Session {
  id: string;
  shard: [number, number];
  seq: number;
  buffer: Dispatch[];
  socket: WebSocket | undefined;
  /** Identify asked for per-message zlib (`compress: true`). */
  compress: boolean;
}

interface Connection {
  socket: WebSocket;
  session: Session | undefined;
}

/** The gateway: HELLO → IDENTIFY → READY + GUILD_CREATE…, heartbeats, RESUME, dispatches. JSON only. */
export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();

  constructor(
    private readonly state: FakeState,
    private readonly botToken: string,
    private readonly url: string,
    private readonly heartbeatIntervalMs: number,
  ) {}

  /** Hooked to the HTTP server's 'upgrade' event. */
  readonly upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/gateway')) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url.searchParams));
  };

  /** Open sockets (identified or not). */
  openConnections(): number {
    let n = 0;
    for (const c of this.connections) if (c.socket.readyState === WebSocket.OPEN) n += 1;
    return n;
  }

  /** Number of sessions that will receive (or, once resumed, replay) a dispatch. */
  sessionCount(): number {
    return this.sessions.size;
  }

  /** Sends a dispatch to every session; returns how many got it (or will on resume). */
  dispatch(t: string, d: unknown): number {
    for (const s of this.sessions.values()) this.send(s, t, d);
    return this.sessions.size;
  }

  drop(code = 4000): void {
    for (const c of this.connections) if (c.socket.readyState === WebSocket.OPEN) c.socket.close(code, 'fake Discord dropped the connection');
  }

  close(): Promise<void> {
    for (const c of this.connections) c.socket.terminate();
    this.connections.clear();
    this.sessions.clear();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket, params: URLSearchParams): void {
    const conn: Connection = { socket: ws, session: undefined };
    this.connections.add(conn);
    ws.on('close', (code) => this.closed(conn, code));
    ws.on('error', () => ws.terminate());
    const v = params.get('v');
    if (v !== null && v !== '10' && v !== '9') {
      ws.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version.');
      return;
    }
    if ((params.get('encoding') ?? 'json') !== 'json') {
      ws.close(GatewayCloseCodes.DecodeError, 'fake Discord only speaks JSON.');
      return;
    }
    // `compress=zlib-stream` is not implemented: frames go out as plain text, which @discordjs/ws also accepts.
    ws.on('message', (data) => this.receive(conn, data));
    this.sendRaw(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs, _trace: TRACE } }, false);
  }

  private closed(conn: Connection, code: number): void {
    this.connections.delete(conn);
    const s = conn.session;
    if (!s || s.socket !== conn.socket) return;
    s.socket = undefined;
    // A clean close (1000/1001) ends the session; anything else leaves it resumable.
    if (code === 1000 || code === 1001) this.sessions.delete(s.id);
  }

  private receive(conn: Connection, data: RawData): void {
    let payload: { op?: unknown; d?: unknown };
    try {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      payload = JSON.parse(buf.toString('utf8')) as { op?: unknown; d?: unknown };
    } catch {
      conn.socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    const d = (payload.d ?? {}) as JsonObject;
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.sendRaw(conn.socket, { op: GatewayOpcodes.HeartbeatAck }, false);
        return;
      case GatewayOpcodes.Identify:
        this.identify(conn, d);
        return;
      case GatewayOpcodes.Resume:
        this.resume(conn, d);
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
        if (!conn.session) conn.socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        return;
      case GatewayOpcodes.RequestGuildMembers:
        if (!conn.session) conn.socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated.');
        else this.guildMembers(conn.session, d);
        return;
      default:
        conn.socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
    }
  }

  private tokenOk(token: unknown): boolean {
    return typeof token === 'string' && token.replace(/^Bot\s+/i, '') === this.botToken;
  }

  private identify(conn: Connection, d: JsonObject): void {
    const ws = conn.socket;
    if (conn.session) return void ws.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    if (!this.tokenOk(d.token)) return void ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
    if (typeof d.intents !== 'number') return void ws.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
    if ((d.intents & PRIVILEGED_INTENTS) !== 0) return void ws.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
    const shard = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) return void ws.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');

    const session: Session = { id: randomToken(16).replace(/[-_]/g, 'a'), shard, seq: 0, buffer: [], socket: ws, compress: d.compress === true };
    this.sessions.set(session.id, session);
    conn.session = session;
    const guilds = this.state.guilds.filter((g) => Number((BigInt(g.id) >> 22n) % BigInt(shard[1])) === shard[0]);
    this.send(session, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...this.state.botUser, verified: true, mfa_enabled: false, email: null },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      guild_join_requests: [],
      relationships: [],
      private_channels: [],
      presences: [],
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url,
      shard,
      application: { id: this.state.applicationId, flags: 0 },
      auth: {},
      geo_ordered_rtc_regions: ['fake'],
      _trace: TRACE,
    });
    for (const g of guilds) this.send(session, 'GUILD_CREATE', this.state.guildCreate(g));
  }

  private resume(conn: Connection, d: JsonObject): void {
    const session = typeof d.session_id === 'string' ? this.sessions.get(d.session_id) : undefined;
    if (conn.session) return void conn.socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
    if (!this.tokenOk(d.token) || !session || typeof d.seq !== 'number' || d.seq > session.seq) {
      this.sendRaw(conn.socket, { op: GatewayOpcodes.InvalidSession, d: false }, false);
      return;
    }
    if (session.socket && session.socket.readyState === WebSocket.OPEN) session.socket.close(4000, 'Session resumed elsewhere');
    session.socket = conn.socket;
    conn.session = session;
    const from = d.seq;
    for (const p of session.buffer) if (p.s > from) this.sendRaw(conn.socket, p, session.compress);
    this.send(session, 'RESUMED', { _trace: TRACE });
  }

  private guildMembers(session: Session, d: JsonObject): void {
    const guildId = String(d.guild_id ?? '');
    const guild = this.state.guild(guildId);
    if (!guild) return;
    const known = [this.state.botMember(guild), ...this.state.knownMembers(guildId)];
    const ids = Array.isArray(d.user_ids) ? (d.user_ids as string[]) : typeof d.user_ids === 'string' ? [d.user_ids] : undefined;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : '';
    const userOf = (m: JsonObject) => m.user as { id: string; username: string };
    const members = ids
      ? known.filter((m) => ids.includes(userOf(m).id))
      : known.filter((m) => userOf(m).username.toLowerCase().startsWith(query)).slice(0, typeof d.limit === 'number' && d.limit > 0 ? d.limit : undefined);
    this.send(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guildId,
      members,
      chunk_index: 0,
      chunk_count: 1,
      not_found: ids ? ids.filter((id) => !members.some((m) => userOf(m).id === id)) : [],
      ...(typeof d.nonce === 'string' && { nonce: d.nonce }),
    });
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const p: Dispatch = { op: GatewayOpcodes.Dispatch, t, s: session.seq, d };
    session.buffer.push(p);
    if (session.buffer.length > BUFFERED_EVENTS) session.buffer.shift();
    if (session.socket && session.socket.readyState === WebSocket.OPEN) this.sendRaw(session.socket, p, session.compress);
  }

  private sendRaw(ws: WebSocket, payload: object, compress: boolean): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    const text = JSON.stringify({ s: null, t: null, ...payload });
    if (compress) ws.send(deflateSync(text), { binary: true });
    else ws.send(text);
  }
}
