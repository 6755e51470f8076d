// The one realtime client of every screen (protocol: docs/realtime-protocol.md).
// Snapshot + gap-free seq, resync, reconnect with back-off, one promise per command id, server clock
// offset from `ping`, and a visible connection state. The patch reducer mirrors
// realtime/patch.py: applying events to an old snapshot gives the newer snapshot.

const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

export function patchApply(state, patch) {
  const next = clone(state) || {};
  for (const op of patch || []) {
    const path = op.path.map(String);
    const last = path.pop();
    let node = next;
    for (const key of path) {
      if (node[key] === null || typeof node[key] !== "object") node[key] = {};
      node = node[key];
    }
    if (op.op === "put") node[last] = clone(op.value);
    else if (op.op === "del") delete node[last];
    else throw new Error(`unknown patch op ${op.op}`);
  }
  return next;
}

export function uuid4() {
  if (globalThis.crypto && crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class CommandError extends Error {
  constructor(error) {
    super(error.message || error.code);
    this.code = error.code;
    this.details = error.details;
    this.messages = error.messages;
  }
}

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
const PING_EVERY_MS = 20000;
const REPLY_TIMEOUT_MS = 15000;

export class Stream {
  /** audience: "council" (logged-in socket) or "public". Listeners: state(state, event|null),
   *  me(me), status(status), error(error). Status: connecting | live | reconnecting | offline | closed. */
  constructor({ session, audience = "council", lang = document.documentElement.lang || "vi", params = {} }) {
    this.session = session;
    this.params = params;  // extra query parameters, e.g. {display: key} for a display-only screen
    this.audience = audience;
    this.lang = lang;
    this.state = null;
    this.me = null;
    this.seq = null;
    this.status = "connecting";
    this.offsetMs = 0;
    this.attempt = 0;
    this.pending = new Map();
    this.listeners = { state: [], me: [], status: [], error: [] };
    this.counter = 0;
    this.socket = null;
    this.stopped = false;
    this.resyncing = false;
    window.addEventListener("online", () => this.reconnectNow());
  }

  on(name, fn) {
    this.listeners[name].push(fn);
    return this;
  }

  emit(name, ...args) {
    for (const fn of this.listeners[name]) {
      try {
        fn(...args);
      } catch (err) {
        console.error(err);
      }
    }
  }

  url() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const path = this.audience === "public" ? `/ws/public/sessions/${this.session}/` : `/ws/sessions/${this.session}/`;
    const query = new URLSearchParams({ ...this.params, lang: this.lang });
    if (this.seq !== null) query.set("since", String(this.seq));
    return `${scheme}://${location.host}${path}?${query}`;
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit("status", status);
  }

  connect() {
    this.stopped = false;
    clearTimeout(this.retryTimer);
    const socket = new WebSocket(this.url());
    this.socket = socket;
    socket.addEventListener("message", (msg) => this.onFrame(JSON.parse(msg.data)));
    socket.addEventListener("close", () => this.onClose(socket));
    socket.addEventListener("error", () => socket.close());
    return this;
  }

  /** Drop the socket as a lost network would (used by the "reconnect" button and the tests). */
  drop() {
    if (this.socket) this.socket.close();
  }

  reconnectNow() {
    if (this.stopped || (this.socket && this.socket.readyState <= WebSocket.OPEN)) return;
    this.attempt = 0;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearInterval(this.pingTimer);
    if (this.socket) this.socket.close();
    this.setStatus("closed");
  }

  onClose(socket) {
    if (socket !== this.socket) return;
    clearInterval(this.pingTimer);
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(Object.assign(new CommandError({ code: "stream.disconnected", message: "" }), { retry: true }));
      this.pending.delete(id);
    }
    if (this.stopped) {
      this.setStatus("closed");  // refused for good (4401/4403/4404): the screen says so, it does not look live
      return;
    }
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.setStatus(this.attempt > 2 || !navigator.onLine ? "offline" : "reconnecting");
    this.retryTimer = setTimeout(() => this.connect(), delay * (0.75 + Math.random() / 2));
  }

  onFrame(frame) {
    switch (frame.kind) {
      case "welcome":
        this.offsetMs = frame.server_time_ms - Date.now();
        this.user = frame.user;
        break;
      case "snapshot":
        this.applySnapshot(frame);
        this.markLive();
        break;
      case "event":
        this.onEvent(frame);
        this.markLive();
        break;
      case "me":
        this.me = frame.me;
        this.emit("me", this.me);
        this.markLive();
        break;
      case "personal":
        this.me = patchApply(this.me || {}, frame.patch);
        this.emit("me", this.me, frame);
        break;
      case "resync":
        this.resync();
        break;
      case "reply":
        this.onReply(frame);
        break;
      case "error":
        this.emit("error", frame.error);
        if ([4401, 4403, 4404].includes(frame.close_code)) this.stopped = true;
        break;
      default:
        break;
    }
  }

  markLive() {
    if (this.status === "live") return;
    this.attempt = 0;
    this.setStatus("live");
    clearInterval(this.pingTimer);
    this.ping();
    this.pingTimer = setInterval(() => this.ping(), PING_EVERY_MS);
  }

  applySnapshot(frame) {
    this.state = frame.state;
    this.seq = frame.seq;
    if (frame.me !== undefined && frame.me !== null) {
      this.me = frame.me;
      this.emit("me", this.me);
    }
    this.emit("state", this.state, null);
  }

  onEvent(frame) {
    if (this.seq === null || frame.seq <= this.seq) return;
    if (frame.seq !== this.seq + 1) {
      this.resync();
      return;
    }
    this.state = patchApply(this.state, frame.patch);
    this.seq = frame.seq;
    this.emit("state", this.state, frame);
  }

  /** Ask for what was missed since our seq: the events, or a snapshot and the events after it. */
  async resync() {
    if (this.resyncing || this.seq === null) return;
    this.resyncing = true;
    try {
      const data = await this.command("stream.since", { seq: this.seq });
      if (data.snapshot) this.applySnapshot(data.snapshot);
      for (const event of data.events || []) this.onEvent(event);
      if (this.audience === "council") {
        const mine = await this.command("me.state", {});
        this.me = mine.me;
        this.emit("me", this.me);
      }
    } catch (err) {
      if (!err.retry) console.warn("resync failed", err);
    } finally {
      this.resyncing = false;
    }
  }

  async ping() {
    const sent = Date.now();
    try {
      const data = await this.command("ping", { t: sent });
      const now = Date.now();
      this.offsetMs = data.server_time_ms - (sent + now) / 2;
    } catch {
      /* a lost socket reconnects by itself */
    }
  }

  /** Server time in ms, corrected for this device's clock. */
  serverNow() {
    return Date.now() + this.offsetMs;
  }

  /** Send a command; resolves with the reply's data, rejects with a CommandError. `id` lets a caller
   *  resend the same command after a reconnect. */
  command(cmd, args = {}, { id } = {}) {
    const commandId = id || `${cmd}:${Date.now().toString(36)}:${(this.counter += 1)}`;
    return new Promise((resolve, reject) => {
      if (!this.socket || this.socket.readyState !== WebSocket.OPEN) {
        reject(Object.assign(new CommandError({ code: "stream.disconnected", message: "" }), { retry: true }));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(commandId);
        reject(Object.assign(new CommandError({ code: "stream.timeout", message: "" }), { retry: true }));
      }, REPLY_TIMEOUT_MS);
      this.pending.set(commandId, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ id: commandId, cmd, args }));
    });
  }

  onReply(frame) {
    const entry = this.pending.get(frame.reply_to);
    if (!entry) {
      if (!frame.ok) this.emit("error", frame.error);
      return;
    }
    clearTimeout(entry.timer);
    this.pending.delete(frame.reply_to);
    if (frame.ok) entry.resolve(frame.data);
    else entry.reject(new CommandError(frame.error));
  }
}
