// The delegate's vote: choose → confirm → send (socket, or REST when the socket is down) → receipt.
// A vote in flight keeps its client id in memory only, so a retry after a dropped socket is the same vote:
// the server answers the original receipt ("replayed") and never counts it twice. Nothing about a vote is
// ever written to the browser's storage: on a shared or QR-login tablet the next user must not read how the
// previous one voted, and a secret vote's client id is what links its participation token to its receipt
// (voting/secret.py). What the tablet shows after a reload ("voted", a named vote's receipt) comes from the
// server's snapshot (the personal ``ballots`` part).

import { api, label } from "./ui.js";

/** Votes being sent, by poll id: {client_id, choice}. Dropped as soon as the server answers. */
const inFlight = new Map();
const LEGACY_KEY = /^nt-vote-/;
const SOCKET_FRAME_BYTES = 16 * 1024; // NT["WS_MAX_FRAME_BYTES"], announced in the socket's hello

/** The vote of a poll still waiting for the server's answer (memory only), or null. */
export function pendingVote(pollId) {
  return inFlight.get(String(pollId)) || null;
}

/** Forget every vote of this page, and remove what older versions of this module left in localStorage. */
export function forgetVotes() {
  inFlight.clear();
  for (const storage of [globalThis.localStorage, globalThis.sessionStorage]) {
    try {
      for (const name of Object.keys(storage || {})) if (LEGACY_KEY.test(name)) storage.removeItem(name);
    } catch {
      /* storage unavailable (private mode): nothing was stored either */
    }
  }
}

/** Wait until the stream is live again (or the browser says it is online). */
function backOnline(stream) {
  return new Promise((resolve) => {
    if (stream.status === "live") {
      setTimeout(resolve, 400);
      return;
    }
    const done = () => resolve();
    stream.on("status", (status) => status === "live" && done());
    window.addEventListener("online", done, { once: true });
    setTimeout(done, 4000);
  });
}

/** Send a vote until the server answers: same client id every time; socket first, REST as fallback.
 *  The client id and choice live in memory only while the vote is in flight. */
export async function voteSend(stream, pollId, choice, clientId, onRetry) {
  const key = String(pollId);
  inFlight.set(key, { client_id: clientId, choice });
  const args = { poll: pollId, choice, client_id: clientId };
  // An encrypted secret ballot can outgrow a socket frame (the server closes the socket on one): REST then.
  const fits = JSON.stringify(args).length + 200 < SOCKET_FRAME_BYTES;
  try {
    for (let attempt = 0; ; attempt += 1) {
      try {
        if (fits) return await stream.command("vote.cast", args, { id: `vote:${clientId}:${attempt}` });
      } catch (err) {
        if (!err.retry) throw err;
      }
      try {
        return await api("POST", `/api/polls/${pollId}/votes/`, { choice, client_id: clientId });
      } catch (err) {
        if (err.code && !String(err.code).startsWith("http.")) throw err;
      }
      onRetry();
      await backOnline(stream);
    }
  } finally {
    inFlight.delete(key);
  }
}

/** Human summary of a choice, for the confirmation step and the receipt. */
export function choiceText(poll, choice) {
  if (poll.kind === "election") {
    const names = poll.candidates.filter((c) => choice.includes(c.id)).map((c) => c.name);
    return names.join(", ");
  }
  if (poll.kind === "confidence") {
    return poll.candidates
      .map((c) => `${c.name}: ${label(poll.options.find((o) => o.key === choice[String(c.id)]) || { label: "?" })}`)
      .join("; ");
  }
  const option = poll.options.find((o) => o.key === choice);
  return option ? label(option) : String(choice);
}
