// Hall display and public live page: the session, the current item, who holds the floor with the countdown,
// the live vote progress and the result (official wording, table of counts and percentages, bars).
// A result is shown while it belongs to what the hall is doing: once another item starts, it leaves the
// screen. The public page lists every published result of the session below.

import { StoreElement, attendanceView, fmt, html, nothing, resultView, store } from "./components/base.js";
import { Stream } from "./stream.js";
import { agendaItems, boot, currentItem, floorNow, liveSitting, sortedPolls } from "./ui.js";
import { tallyWaiting } from "./committee_tasks.js";

const B = boot();
const S = B.strings;
const stream = new Stream({ session: B.session, audience: B.audience || "council", params: B.display_key ? { display: B.display_key } : {} });
store.attach(stream);

/** The poll the hall looks at: the open one, else the latest with a result that is still about the current
 *  item (closed after the item started, or of no item while none is under way). */
export function hallPoll(state) {
  const polls = sortedPolls(state).filter((p) => !["draft", "cancelled"].includes(p.status));
  const open = polls.find((p) => p.status === "open");
  if (open) return open;
  const item = currentItem(state);
  const done = polls.filter((p) => p.closed_at).sort((a, b) => a.closed_at.localeCompare(b.closed_at));
  const last = done[done.length - 1];
  if (!last) return null;
  if (item && item.started_at && last.closed_at < item.started_at && last.agenda_item !== item.id) return null;
  return last;
}

/** The console's choice for the hall (council display only; the public page always follows the sitting). */
const modeOf = (state) => (state.display && state.display.mode) || "live";

class NtHallHead extends StoreElement {
  static watch = [["state", "session"], ["state", "sittings"], ["state", "agenda"], ["state", "display"], ["state", "polls"], ["state", "speakers"], ["state", "questioning"]];

  render() {
    const state = store.state;
    const mode = modeOf(state);
    document.body.dataset.display = mode;
    if (mode === "blank") return nothing;
    if (mode === "logo") return html`<div class="logo-screen"><p class="logo-council">${state.session.council.name}</p><p class="logo-session">${state.session.title}</p></div>`;
    const item = currentItem(state);
    const sitting = liveSitting(state);
    // Idle (no item under way, no vote, nobody on the floor): the session fills the screen, as large as the
    // other states (the console's "item only" mode keeps the same layout).
    const idle = !item && !hallPoll(state) && !floorNow(state);
    this.classList.toggle("idle", idle);
    document.body.classList.toggle("hall-idle", idle);
    return html`${idle ? html`<p class="council-name">${state.session.council.name}</p>` : nothing}
      <p class="session-title">${state.session.title}</p>
      ${sitting ? html`<p class="sitting-line">${fmt(S.sitting, { n: sitting.number })}${sitting.title ? ` — ${sitting.title}` : ""} · ${attendanceView(sitting)}</p>` : nothing}
      ${item ? html`<p class="item-now" id="item-now"><span class="num">${item.number}</span> ${item.title || ""}</p>` : html`<p class="muted no-item" id="no-item">${S.no_item}</p>`}`;
  }
}

class NtHallFloor extends StoreElement {
  static watch = [["state", "questioning"], ["state", "speakers"], ["state", "agenda"], ["state", "display"]];

  render() {
    const floor = modeOf(store.state) === "live" ? floorNow(store.state) : null;
    this.classList.toggle("empty", !floor);
    if (!floor) return nothing;
    if (floor.kind === "question") {
      const q = floor.question;
      const step = q.step;
      const who = step && step.kind === "answer" && step.official ? `${step.official.full_name} — ${step.official.title}` : (step && step.person ? step.person.name : q.asker.name);
      return html`<div class="floor-text"><p class="floor-kind">${S.questioning}${step ? ` · ${S.step_kind[step.kind] || step.kind}` : ""}</p>
        <p class="floor-who">${who}</p><p class="floor-sub">${who === q.asker.name ? `→ ${q.respondent.full_name}` : `${q.asker.name} →`}</p></div>
        <nt-clock .clock=${floor.clock}></nt-clock>`;
    }
    return html`<div class="floor-text"><p class="floor-kind">${S.floor} · ${S.speak_kinds[floor.request.kind] || floor.request.kind}</p>
      <p class="floor-who">${floor.request.person.name}</p></div><nt-clock .clock=${floor.clock}></nt-clock>`;
  }
}

function progress(poll) {
  const cast = poll.cast_count ?? 0;
  const eligible = poll.eligible_count || 0;
  const share = eligible ? Math.round((cast * 100) / eligible) : 0;
  return html`<div class="progress-block"><p class="progress-text" id="progress-text">${fmt(S.cast_progress, { cast, eligible })}</p>
    <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=${eligible} aria-valuenow=${cast} aria-label=${S.vote_now}>
    <div class="progress-fill" style="width:${share}%"></div></div></div>`;
}

class NtHallPoll extends StoreElement {
  static watch = [["state", "polls"], ["state", "agenda"], ["state", "display"]];
  /** `live-only` (public page): the open vote only; results are listed by <nt-results>. */
  static properties = { liveOnly: { type: Boolean, attribute: "live-only" } };

  render() {
    const state = store.state;
    const mode = modeOf(state);
    const held = mode === "hold" && state.display.poll ? (state.polls || {})[String(state.display.poll)] : null;
    let poll = mode === "hold" ? held : mode === "live" ? hallPoll(state) : null;
    if (this.liveOnly && poll && poll.status !== "open") poll = null;
    this.classList.toggle("empty", !poll);
    if (!poll) return nothing;
    if (poll.status === "open") {
      return html`<h2 class="poll-head">${S.vote_now}</h2><p class="poll-title">${poll.title}</p>
        ${poll.deadline ? html`<nt-countdown id="hall-countdown" .deadline=${poll.deadline}></nt-countdown>` : nothing}${progress(poll)}`;
    }
    if (!poll.result) return html`<p class="poll-title">${poll.title}</p><p>${S.waiting_result}</p>${tallyWaiting(poll, { cls: "" })}`;
    return html`<h2 class="poll-head">${S.result}</h2><p class="poll-title">${poll.title}</p>${resultView(poll, { table: true })}`;
  }
}

class NtAgendaList extends StoreElement {
  static watch = [["state", "agenda"]];

  render() {
    const item = currentItem(store.state);
    return html`<ol id="agenda-list" class="agenda-list">${agendaItems(store.state).map((i) => {
      const now = item && i.id === item.id;
      return html`<li class="item depth-${i.depth} state-${i.state}${now ? " current" : ""}" aria-current=${now ? "true" : nothing}>
        <span><span class="num">${i.number}</span> ${i.title || S.closed_door}</span><span class="state">${S.item_state[i.state] || i.state}</span></li>`;
    })}</ol>`;
  }
}

/** Every result the public may see, latest first (the public page of a session, also once it has closed). */
class NtResults extends StoreElement {
  static watch = [["state", "polls"]];

  render() {
    const done = sortedPolls(store.state).filter((p) => p.result).reverse();
    if (!done.length) return html`<p class="muted">—</p>`;
    return html`<ol class="results-all">${done.map((p) => html`<li><h3 class="poll-title">${p.title}</h3>${resultView(p, { table: true, chart: false })}</li>`)}</ol>`;
  }
}

customElements.define("nt-hall-head", NtHallHead);
customElements.define("nt-hall-floor", NtHallFloor);
customElements.define("nt-hall-poll", NtHallPoll);
customElements.define("nt-agenda-list", NtAgendaList);
customElements.define("nt-results", NtResults);

// A revoked or replaced display link: the server closes the socket; the hall stops showing stale data.
stream.on("error", (error) => {
  if (!error || error.code !== "stream.display_revoked") return;
  const screen = document.querySelector(".display");
  if (screen) screen.replaceChildren(Object.assign(document.createElement("p"), { id: "display-revoked", className: "revoked", textContent: error.message }));
});
stream.connect();
window.ntStream = stream;

