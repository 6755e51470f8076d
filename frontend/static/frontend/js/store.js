// The one store of a live screen: the stream's state and `me`, the connection status and the screen's own
// local state (`ui`), addressed by paths. Snapshots, event patches and personal frames are applied by the
// stream; the store turns each into the list of paths that changed and notifies only the subscribers whose
// paths overlap one of them (a patch to polls/9 wakes the vote panel, not the question form).
//
// Paths are arrays: ["state", "polls"], ["me", "ballots"], ["status"], ["ui", "viewing"]. Two paths overlap
// when one is a prefix of the other.

const overlaps = (a, b) => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) if (String(a[i]) !== String(b[i])) return false;
  return true;
};

export class Store {
  constructor() {
    this.stream = null;
    this.ui = {};
    this.subs = new Set();
  }

  /** Follow a Stream (stream.js): its snapshots, events, `me` frames and status. */
  attach(stream) {
    this.stream = stream;
    stream.on("state", (state, event) => this.changed(event ? (event.patch || []).map((op) => ["state", ...op.path]) : [["state"]]));
    stream.on("me", (me, frame) => this.changed(frame && frame.patch ? frame.patch.map((op) => ["me", ...op.path]) : [["me"]]));
    stream.on("status", () => this.changed([["status"]]));
    return this;
  }

  get state() {
    return this.stream && this.stream.state;
  }

  get me() {
    return (this.stream && this.stream.me) || {};
  }

  get status() {
    return this.stream ? this.stream.status : "connecting";
  }

  /** Server time (ms) corrected for this device's clock. */
  now() {
    return this.stream ? this.stream.serverNow() : Date.now();
  }

  /** Set a piece of the screen's local state and notify its watchers. */
  set(key, value) {
    if (this.ui[key] === value) return;
    this.ui[key] = value;
    this.changed([["ui", key]]);
  }

  /** Call `fn(changedPaths)` whenever one of `paths` (or something under it) changes; returns the unsubscribe. */
  subscribe(paths, fn) {
    const sub = { paths, fn };
    this.subs.add(sub);
    return () => this.subs.delete(sub);
  }

  changed(paths) {
    if (!paths.length) return;
    for (const sub of [...this.subs]) {
      if (sub.paths.some((watched) => paths.some((path) => overlaps(watched, path)))) {
        try {
          sub.fn(paths);
        } catch (err) {
          console.error(err);
        }
      }
    }
  }
}

export const store = new Store();
