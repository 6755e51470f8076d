// Hall display (and the public live page): session, current item, who holds the floor with the
// countdown, live vote progress, and the final result in the official wording with a bar chart.

import { Stream, connectionBadge } from "./stream.js";
import {
  agendaItems, attendanceLine, boot, clockView, currentItem, floorNow, fmt, focusPoll, h, liveSitting, mount,
  resultBlock,
} from "./ui.js";
import { tallyWaiting } from "./committee_tasks.js";

const B = boot();
const S = B.strings;
const stream = new Stream({ session: B.session, audience: B.audience || "council" });
const $ = (id) => document.getElementById(id);

function progress(poll) {
  const cast = poll.cast_count ?? 0;
  const eligible = poll.eligible_count || 0;
  const share = eligible ? Math.round((cast * 100) / eligible) : 0;
  return h("div", { class: "progress-block" },
    h("p", { class: "progress-text", id: "progress-text" }, fmt(S.cast_progress, { cast, eligible })),
    h("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": eligible, "aria-valuenow": cast, "aria-label": S.vote_now },
      h("div", { class: "progress-fill", style: `width:${share}%` })));
}

function renderPoll(state) {
  const poll = focusPoll(state);
  if (!poll) return mount($("poll"));
  if (poll.status === "open") {
    return mount($("poll"), h("h2", { class: "poll-head" }, S.vote_now), h("p", { class: "poll-title" }, poll.title), progress(poll));
  }
  if (!poll.result) return mount($("poll"), h("p", { class: "poll-title" }, poll.title), h("p", {}, S.waiting_result), tallyWaiting(poll, { cls: "" }));
  return mount($("poll"), h("h2", { class: "poll-head" }, S.result), h("p", { class: "poll-title" }, poll.title), resultBlock(poll, S));
}

function renderFloor(state) {
  const floor = floorNow(state);
  if (!floor) return mount($("floor"));
  const now = stream.serverNow();
  if (floor.kind === "question") {
    const q = floor.question;
    const step = q.step;
    const who = step && step.kind === "answer" && step.official ? `${step.official.full_name} — ${step.official.title}` : (step && step.person ? step.person.name : q.asker.name);
    return mount($("floor"),
      h("p", { class: "floor-kind" }, S.questioning, step ? ` · ${S.step_kind[step.kind] || step.kind}` : ""),
      h("p", { class: "floor-who" }, who),
      h("p", { class: "floor-sub" }, `${q.asker.name} → ${q.respondent.full_name}`),
      clockView(floor.clock, now, S));
  }
  return mount($("floor"),
    h("p", { class: "floor-kind" }, S.floor, " · ", S.speak_kinds[floor.request.kind] || floor.request.kind),
    h("p", { class: "floor-who" }, floor.request.person.name),
    clockView(floor.clock, now, S));
}

function renderHead(state) {
  const item = currentItem(state);
  const sitting = liveSitting(state);
  mount($("head"),
    h("p", { class: "session-title" }, state.session.title),
    sitting ? h("p", { class: "sitting-line" }, fmt(S.sitting, { n: sitting.number }), sitting.title ? ` — ${sitting.title}` : "", " · ", attendanceLine(sitting, S)) : null,
    item ? h("p", { class: "item-now", id: "item-now" }, h("span", { class: "num" }, item.number), " ", item.title || "") : h("p", { class: "muted" }, S.no_item));
  const agenda = $("agenda-list");
  if (agenda) {
    mount(agenda, agendaItems(state).map((i) => h("li", { class: `item depth-${i.depth} state-${i.state}${item && i.id === item.id ? " current" : ""}`, "aria-current": item && i.id === item.id ? "true" : null },
      h("span", { class: "num" }, i.number), " ", i.title || S.closed_door, h("span", { class: "state" }, S.item_state[i.state] || i.state))));
  }
}

function render() {
  const state = stream.state;
  if (!state) return;
  renderHead(state);
  renderFloor(state);
  renderPoll(state);
}

connectionBadge(stream, $("conn"), S.status);
stream.on("state", render);
stream.connect();
window.ntStream = stream;
setInterval(() => stream.state && renderFloor(stream.state), 250);
