// Secretariat console: agenda navigator, poll control, attendance board, speaker and questioning queues.
// Socket commands where the stream offers them, REST for the rest; every refusal shows the server's message.

import { Stream } from "./stream.js";
import {
  agendaItems, api, boot, clockView, currentItem, fmt, h, label, liveSitting, mount,
  sortedPolls,
} from "./ui.js";
import { tallyWaiting } from "./committee_tasks.js";
import { committeePanel } from "./console_committee.js";
import { pollForm, pollFormRefresh } from "./console_polls.js";
import { liveInit, pollCancelAsk, pollStep, sittingCloseAsk, sittingReopenAsk } from "./console_live.js";
import { tabsInit } from "./console_tabs.js";
import { attendanceInit } from "./console_attendance.js";
import { store } from "./store.js";
import { resultView } from "./components/base.js";
import { render as litRender } from "lit";

/** The official wording of a poll's result (the same template as the other screens), as a DOM node. */
function resultHolder(poll) {
  if (!poll.result) return null;
  const holder = h("div", { class: "result-holder" });
  litRender(resultView(poll, { chart: false }), holder);
  return holder;
}
import {
  agendaForm, agendaFormRefresh, deferChoices, itemSetupActions, questioningSetup, questioningSetupRefresh,
  setupInit,
} from "./console_setup.js";

const B = boot();
const S = B.strings;
const stream = new Stream({ session: B.session, audience: "council" });
store.attach(stream);
const $ = (id) => document.getElementById(id);

function say(message, ok = false) {
  const el = $("console-msg");
  el.textContent = message;
  el.className = `notice${ok ? "" : " error"}`;
  el.hidden = false;
}

async function run(action, okText) {
  try {
    const result = await action();
    if (okText) say(okText, true);
    return result;
  } catch (err) {
    say(err.message || S.error);
    return null;
  }
}

const cmd = (name, args) => run(() => stream.command(name, args));

// Agenda navigator ---------------------------------------------------------------------------------

function renderAgenda(state) {
  const current = currentItem(state);
  const sitting = liveSitting(state);
  mount($("nav"),
    h("div", { class: "row" },
      h("button", { type: "button", class: "secondary", onclick: () => sitting && cmd("agenda.previous", { sitting: sitting.id }) }, "◀ ", S.previous),
      h("button", { type: "button", onclick: () => sitting && cmd("agenda.next", { sitting: sitting.id }) }, S.next, " ▶")),
    h("ol", { class: "agenda-list console-agenda" }, agendaItems(state).map((item) => {
      const isCurrent = current && current.id === item.id;
      return h("li", { class: `item depth-${item.depth} state-${item.state}${isCurrent ? " current" : ""}`, "aria-current": isCurrent ? "true" : null },
        h("span", { class: "num" }, item.number), " ", item.title, " ",
        h("span", { class: "state" }, S.item_state[item.state] || item.state),
        h("span", { class: "actions" },
          !isCurrent ? h("button", { type: "button", class: "small", "aria-label": `${S.activate}: ${item.number} ${item.title}`, onclick: () => cmd("agenda.activate", { item: item.id, sitting: sitting && sitting.id }) }, S.activate) : null,
          isCurrent ? h("button", { type: "button", class: "small secondary", onclick: () => cmd("agenda.finish", { item: item.id }) }, S.finish) : null,
          h("button", { type: "button", class: "small secondary", "aria-label": `${S.poll_create}: ${item.number} ${item.title}`, onclick: () => pollCreate(item) }, S.poll_create),
          item.kind === "draft_resolution" && !hasResolutionPoll(state, item) ? h("button", { type: "button", class: "small secondary", "aria-label": `${RESOLUTION_POLL_CREATE}: ${item.number} ${item.title}`, onclick: () => resolutionPollCreate(item) }, RESOLUTION_POLL_CREATE) : null,
          itemSetupActions(state, item)),
        deferChoices(state, item));
    })));
}

// Polls --------------------------------------------------------------------------------------------

// The quick poll of an item (resolution, default options and rule); the full form is console_polls.js.
async function pollCreate(item) {
  const sitting = (item.sitting && stream.state.sittings[String(item.sitting)]) || liveSitting(stream.state);
  if (!sitting) return;
  const method = $("poll-method").value === "show_of_hands" ? "show_of_hands" : "named";
  await run(() => api("POST", "/api/polls/", {
    session: B.session, sitting: sitting.id, agenda_item: item.id,
    title: fmt(S.poll_title_for, { title: item.title }), method, show_running_counts: method === "named",
  }), S.saved);
}

// A draft-resolution item: its poll and draft resolution in one call (the server refuses a second one).
const RESOLUTION_POLL_CREATE = S.resolution_poll_create;
const hasResolutionPoll = (state, item) =>
  sortedPolls(state).some((p) => p.agenda_item === item.id && p.kind === "resolution" && p.status !== "cancelled");

// The resolution gets its number when the poll adopts it (never before the vote).
async function resolutionPollCreate(item) {
  const method = $("poll-method").value === "show_of_hands" ? "show_of_hands" : "named";
  await run(() => api("POST", `/api/agenda-items/${item.id}/resolution-poll/`, {
    method, show_running_counts: method === "named",
  }), S.saved);
}

function handsForm(poll) {
  return h("form", { class: "hands", onsubmit: (e) => {
    e.preventDefault();
    const counts = Object.fromEntries(poll.options.map((o) => [o.key, Number(e.target.elements[`hands-${o.key}`].value || 0)]));
    run(() => api("POST", `/api/polls/${poll.id}/hands/`, { counts }), S.saved);
  } },
  poll.options.map((o) => h("span", { class: "hand" },
    h("label", { for: `hands-${poll.id}-${o.key}` }, label(o)),
    h("input", { id: `hands-${poll.id}-${o.key}`, name: `hands-${o.key}`, type: "number", min: 0, inputmode: "numeric" }))),
  h("button", { type: "submit" }, S.hands_save));
}

// Below two-thirds present the server asks the chair to confirm; the confirmation is recorded (audit, minutes).
// The optional countdown ("Thời gian biểu quyết"): it closes nothing, the chair closes the vote.
async function openPoll(poll) {
  const seconds = Number($("poll-duration").value) || null;
  const body = seconds ? { duration_seconds: seconds } : {};
  try {
    return await api("POST", `/api/polls/${poll.id}/open/`, body);
  } catch (err) {
    if (err.code !== "poll.quorum_not_met" || !window.confirm(`${err.message}\n\n${S.quorum_confirm}`)) throw err;
    return api("POST", `/api/polls/${poll.id}/open/`, { ...body, quorum_confirmed: true });
  }
}

// After a secret ballot, each in one action: the confirming resolution, an election's next round, a vote of
// no confidence on an official whose confidence result calls for one.
function followups(poll) {
  if (poll.method !== "secret" || !["closed", "published"].includes(poll.status) || !poll.result) return [];
  const post = (path, body) => run(() => api("POST", `/api/polls/${poll.id}/${path}/`, body), S.saved);
  const button = (text, onclick) => h("button", { type: "button", class: "secondary", onclick }, text);
  const out = [button(S.confirming_create, () => post("confirming-resolution", {}))];
  if (poll.kind === "election" && poll.result.unfilled) out.push(button(S.next_round, () => post("next-round", {})));
  for (const o of poll.result.officials || []) {
    if (o.outcome !== "none") out.push(button(fmt(S.no_confidence_create, { name: o.name }), () => post("no-confidence", { official: o.id })));
  }
  return out;
}

// The deadline is also an attribute: mount() compares markup, so more time (a new deadline) redraws the clock.
function countdown(poll) {
  const clock = Object.assign(document.createElement("nt-countdown"), { deadline: poll.deadline, hint: S.time_up_chair });
  clock.dataset.deadline = poll.deadline;
  return clock;
}

function renderPolls(state) {
  const polls = sortedPolls(state).filter((p) => p.status !== "cancelled");
  mount($("polls"), polls.length ? h("ul", { class: "polls" }, polls.map((poll) => {
    const act = (name, text) => h("button", { type: "button", dataset: { poll: poll.id, act: name }, onclick: () => pollStep(poll, name) }, text);
    return h("li", { class: `poll status-${poll.status}` },
      h("p", {}, h("strong", {}, poll.title), " · ", S.poll_status[poll.status] || poll.status, " · ", (S.poll_method || {})[poll.method] || poll.method),
      poll.status === "open" ? h("p", { class: "progress-text" }, fmt(S.cast_progress, { cast: poll.cast_count ?? 0, eligible: poll.eligible_count ?? 0 }),
        poll.counts ? ` — ${poll.options.map((o) => `${label(o)} ${poll.counts[o.key] || 0}`).join(" · ")}` : "") : null,
      poll.status === "open" && poll.deadline ? countdown(poll) : null,
      h("div", { class: "row" },
        poll.status === "draft" ? h("button", { type: "button", dataset: { poll: poll.id, act: "open" }, onclick: () => run(() => openPoll(poll)) }, S.open) : null,
        poll.status === "open" && poll.method === "show_of_hands" ? handsForm(poll) : null,
        poll.status === "open" ? act("close", S.close) : null,
        poll.status === "closed" ? act("publish", S.publish) : null,
        ["draft", "open"].includes(poll.status) ? h("button", { type: "button", class: "secondary", dataset: { poll: poll.id, act: "cancel" }, onclick: () => pollCancelAsk(poll) }, S.cancel_poll) : null,
        ...followups(poll)),
      committeePanel(poll, state),
      tallyWaiting(poll),
      resultHolder(poll));
  })) : h("p", { class: "muted" }, "—"));
}

// Speakers and questioning -------------------------------------------------------------------------

function renderSpeakers(state) {
  const item = currentItem(state);
  const entry = item && (state.speakers || {})[String(item.id)];
  if (!entry) return mount($("speakers"), h("p", { class: "muted" }, "—"));
  const now = stream.serverNow();
  const f = entry.floor;
  return mount($("speakers"),
    f ? h("div", { class: "floor" }, h("p", {}, h("strong", {}, f.person.name), " · ", S.speaker_state[f.state] || f.state), clockView(f.clock, now, S),
      h("div", { class: "row" },
        f.state === "speaking" ? h("button", { type: "button", onclick: () => cmd("speaker.pause", { request: f.id }) }, S.pause) : h("button", { type: "button", onclick: () => cmd("speaker.resume", { request: f.id }) }, S.resume),
        h("button", { type: "button", class: "secondary", onclick: () => cmd("speaker.end", { request: f.id }) }, S.end))) : null,
    h("ol", {}, entry.queue.map((r) => h("li", {}, r.person.name, " · ", S.speak_kinds[r.kind] || r.kind, " ",
      h("button", { type: "button", class: "small", onclick: () => cmd("speaker.grant", { item: item.id, request: r.id }) }, S.grant)))));
}

function renderQuestioning(state) {
  const q = state.questioning || { questions: {} };
  const questions = Object.values(q.questions || {}).filter((x) => ["registered", "grouped", "asked"].includes(x.status) || x.on_floor)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || a.id - b.id);
  const now = stream.serverNow();
  mount($("questioning"), questions.length ? h("ol", {}, questions.map((x) => h("li", { class: x.on_floor ? "current" : "" },
    h("p", {}, h("strong", {}, x.asker.name), " → ", x.respondent.full_name, " · ", S.question_status[x.status] || x.status),
    h("p", {}, x.text),
    x.on_floor && x.step ? h("div", {}, S.step_kind[x.step.kind] || x.step.kind, clockView(x.step.clock, now, S)) : null,
    h("div", { class: "row" },
      !x.on_floor ? h("button", { type: "button", class: "small", dataset: { question: x.id }, onclick: () => cmd("question.floor", { question: x.id }) }, S.give_floor) : [
        ["answer", "followup", "debate"].map((kind) => h("button", { type: "button", class: "small secondary", onclick: () => cmd("question.step", { question: x.id, kind }) }, S.step_kind[kind])),
        x.step && x.step.clock && x.step.clock.deadline ? h("button", { type: "button", class: "small secondary", onclick: () => cmd("question.pause", { question: x.id }) }, S.pause)
          : h("button", { type: "button", class: "small secondary", onclick: () => cmd("question.resume", { question: x.id }) }, S.resume),
        h("button", { type: "button", class: "small", onclick: () => cmd("question.finish", { question: x.id }) }, S.question_finish),
      ])))) : h("p", { class: "muted" }, "—"));
}

function render() {
  const state = stream.state;
  if (!state) return;
  renderAgenda(state);
  agendaFormRefresh(state);
  pollFormRefresh(state);
  questioningSetupRefresh(state, liveSitting(state));
  renderPolls(state);
  renderSpeakers(state);
  renderQuestioning(state);
}

liveInit(say);
attendanceInit(B.council, say);
stream.on("state", render);
stream.connect();
window.ntStream = stream;
setupInit({ S, B, stream, run, render });
$("poll-setup").append(pollForm({ S, B }));
$("agenda-setup").append(agendaForm());
$("questioning-setup").append(questioningSetup());
setInterval(() => stream.state && (renderSpeakers(stream.state), renderQuestioning(stream.state)), 500);

// Setup on tabs under the pinned strip. A self-contained panel module is one more line here, e.g.
//   { id: "committee", load: () => import("./console_committee.js") },
const PANELS = [];
tabsInit($("console-tabs"), PANELS, { say, run, stream, store, boot: B });
// The server-rendered list of sittings asks through the strip's confirmation, as the strip does.
for (const button of document.querySelectorAll("[data-reopen]")) {
  button.addEventListener("click", () => sittingReopenAsk({ id: Number(button.dataset.reopen), number: Number(button.dataset.number) }));
}
for (const button of document.querySelectorAll("[data-close-sitting]")) {
  button.addEventListener("click", () => sittingCloseAsk({ id: Number(button.dataset.closeSitting), number: Number(button.dataset.number) }));
}
