// Delegate tablet: check-in, live agenda and documents, request to speak, questions, and the vote panel.

import { Stream, connectionBadge, uuid4 } from "./stream.js";
import {
  agendaItems, api, attendanceLine, boot, clockView, currentItem, fmt, h, liveSitting, mount, resultBlock,
  sortedPolls,
} from "./ui.js";
import { choiceControls, choiceText, forgetVotes, voteSend } from "./vote.js";
import { sealBallot, receiptOnBoard } from "./ballot_crypto.js";
import { committeeTasks, tallyWaiting } from "./committee_tasks.js";

const B = boot();
const S = B.strings;
const stream = new Stream({ session: B.session, audience: "council" });
const checkedIn = new Set(B.checked_in);
const ui = { viewing: null, flow: {}, draft: {}, warning: "", speakKind: "discussion" };
const $ = (id) => document.getElementById(id);

function toast(message) {
  const el = $("toast");
  el.textContent = message;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => (el.hidden = true), 6000);
}

async function run(action) {
  try {
    return await action();
  } catch (err) {
    toast(err.message || S.error);
    return null;
  }
}

async function refreshMe() {
  await run(async () => {
    const data = await stream.command("me.state", {});
    stream.me = data.me;
    render();
  });
}

// Check-in -----------------------------------------------------------------------------------------

function renderCheckin(state) {
  const sitting = liveSitting(state);
  if (!sitting || B.person === null) return mount($("checkin"));
  const here = checkedIn.has(sitting.id);
  const title = `${fmt(S.sitting, { n: sitting.number })}${sitting.title ? ` — ${sitting.title}` : ""}`;
  return mount($("checkin"),
    h("p", {}, h("strong", {}, title), " · ", S.sitting_status[sitting.status] || sitting.status, " · ", attendanceLine(sitting, S)),
    here
      ? h("p", { class: "ok-line", id: "checked-in" }, "✓ ", S.checked_in)
      : sitting.status !== "closed"
        ? h("button", { type: "button", class: "big", id: "check-in", onclick: () => checkIn(sitting.id) }, S.check_in)
        : null);
}

async function checkIn(sittingId) {
  await run(async () => {
    try {
      await api("POST", `/api/sittings/${sittingId}/check-in/`);
    } catch (err) {
      if (err.code !== "checkin.already") throw err;
    }
    checkedIn.add(sittingId);
    render();
  });
}

// Vote panel ---------------------------------------------------------------------------------------

function votePoll(state) {
  const polls = sortedPolls(state);
  return polls.find((p) => p.status === "open") || null;
}

function lastResultPoll(state) {
  const done = sortedPolls(state).filter((p) => p.result);
  return done.length ? done[done.length - 1] : null;
}

// The vote flow of a poll lives in this page's memory only. After a reload it starts again from the
// server's snapshot: `me.ballots` says whether I voted and, for a named poll, my choice and receipt.
function flowFor(poll) {
  if (!ui.flow[poll.id]) ui.flow[poll.id] = { step: "choose" };
  return ui.flow[poll.id];
}

/** Once the server has answered, keep nothing that could resend or reveal the vote: no client id, and no
 *  choice at all for a secret ballot (a named vote's choice comes back from the server). */
function settle(poll, flow, receipt) {
  delete flow.clientId;
  delete flow.choice;
  delete ui.draft[poll.id];
  if (!receipt) flow.receipt = null;
  else flow.receipt = poll.method === "secret" ? { receipt: receipt.receipt } : { receipt: receipt.receipt, choice: receipt.choice };
}

async function send(poll, flow) {
  flow.step = "sending";
  flow.retrying = false;
  render();
  try {
    // A secret ballot leaves the tablet encrypted (ballot_crypto.js); retries resend the same ciphertexts.
    const sent = poll.method === "secret" ? sealBallot(poll, flow.choice, flow.clientId) : flow.choice;
    const receipt = await voteSend(stream, poll.id, sent, flow.clientId, () => {
      flow.retrying = true;
      render();
    });
    settle(poll, flow, receipt);
    flow.step = "done";
    refreshMe();
  } catch (err) {
    settle(poll, flow, null);
    flow.step = err.code === "vote.already_voted" ? "done" : "choose";
    toast(err.message || S.error);
  }
  render();
}

function renderVote(state, me) {
  const poll = votePoll(state);
  if (!poll) {
    const last = lastResultPoll(state);
    if (!last) return mount($("vote"), tallyWaiting(sortedPolls(state).filter((p) => p.tally_pending).pop()));
    const onBoard = (ui.flow[last.id] || {}).onBoard;
    return mount($("vote"), h("h2", {}, S.result), h("p", { class: "poll-title" }, last.title), resultBlock(last, S, { chart: false }),
      onBoard ? h("p", { class: "ok-line", id: "receipt-on-board" }, "✓ ", onBoard) : null);
  }
  const mine = ((me && me.ballots) || {})[String(poll.id)];
  if (!mine) refreshMe();
  const flow = flowFor(poll);
  const head = [
    h("h2", {}, S.vote_now),
    h("p", { class: "poll-title" }, poll.title),
    h("p", { class: "muted" }, (S.poll_method || {})[poll.method] || poll.method, " · ",
      fmt(S.cast_progress, { cast: poll.cast_count ?? 0, eligible: poll.eligible_count ?? 0 })),
  ];
  if (flow.step === "done" || (mine && mine.voted && flow.step === "choose")) {
    const receipt = (flow.receipt && flow.receipt.receipt) || (mine && mine.receipt);
    // A named vote is public: its choice comes from the server (my ballot, or the vote's reply). A secret
    // ballot's choice is never shown again once sent, nor kept anywhere on the tablet.
    const choice = poll.method === "secret" ? null : (mine && mine.choice) ?? (flow.receipt && flow.receipt.choice) ?? null;
    return mount($("vote"), head,
      h("div", { class: "voted", id: "voted" },
        h("p", { class: "voted-title" }, "✓ ", S.voted),
        choice !== null ? h("p", { class: "voted-choice" }, choiceText(poll, choice)) : null,
        receipt ? h("p", { class: "receipt" }, fmt(S.receipt, { receipt })) : null,
        receipt && poll.method === "secret" ? h("p", { class: "muted" }, S.receipt_keep) : null));
  }
  if (mine && !mine.eligible) return mount($("vote"), head, h("p", { class: "notice" }, S.not_eligible));
  if (flow.step === "sending") {
    return mount($("vote"), head, h("p", { class: "sending", id: "sending" }, flow.retrying ? S.sending_retry : S.sending),
      h("p", {}, choiceText(poll, flow.choice)));
  }
  if (flow.step === "confirm") {
    return mount($("vote"), head,
      h("div", { class: "confirm", role: "group", "aria-label": S.confirm_title },
        h("p", { class: "confirm-q" }, fmt(S.confirm_question, { choice: choiceText(poll, flow.choice) })),
        h("div", { class: "confirm-actions" },
          h("button", { type: "button", class: "big", id: "confirm-send", onclick: () => send(poll, flow) }, S.confirm_send),
          h("button", { type: "button", class: "big secondary", onclick: () => { flow.step = "choose"; render(); } }, S.confirm_back))));
  }
  const draft = (ui.draft[poll.id] = ui.draft[poll.id] || { warn: (m) => toast(m) });
  return mount($("vote"), head, choiceControls(poll, draft, S, (choice) => {
    Object.assign(flow, { step: "confirm", choice, clientId: uuid4() });
    render();
  }, render));
}

// Agenda, current item, speaking -------------------------------------------------------------------

function renderAgenda(state) {
  const current = currentItem(state);
  mount($("agenda-list"), agendaItems(state).map((item) =>
    h("li", { class: `item depth-${item.depth} state-${item.state}${current && item.id === current.id ? " current" : ""}`, "aria-current": current && item.id === current.id ? "true" : null },
      h("button", { type: "button", class: "link", onclick: () => { ui.viewing = item.id; render(); } },
        h("span", { class: "num" }, item.number), " ", item.title || "—"),
      h("span", { class: "state" }, S.item_state[item.state] || item.state))));
}

function documentsOf(state, itemId) {
  return Object.values(state.documents || {}).filter((d) => d.item === itemId && d.latest);
}

function renderDocument(doc) {
  const url = doc.latest.url;
  const pdf = doc.latest.content_type === "application/pdf";
  return h("li", {},
    h("a", { href: url, target: "_blank", rel: "noopener" }, doc.title),
    pdf ? h("details", { class: "pdf" }, h("summary", {}, "PDF"), h("iframe", { src: url, title: doc.title, loading: "lazy" })) : null);
}

function renderCurrent(state, me) {
  const current = currentItem(state);
  const item = (ui.viewing && state.agenda.items[String(ui.viewing)]) || current;
  if (!item) return mount($("current"), h("h2", {}, S.current_item), h("p", { class: "muted" }, S.no_item));
  const isCurrent = current && item.id === current.id;
  const speakers = (state.speakers || {})[String(item.id)] || { queue: [], floor: null };
  const mine = ((me && me.agenda && me.agenda.speaker_requests) || []).filter((r) => r.item === item.id && ["waiting", "speaking", "paused"].includes(r.state));
  const docs = documentsOf(state, item.id);
  return mount($("current"),
    h("h2", {}, isCurrent ? S.current_item : S.agenda),
    h("p", { class: "item-title" }, h("span", { class: "num" }, item.number), " ", item.title),
    item.presenter ? h("p", { class: "muted" }, item.presenter.name || "") : null,
    item.description ? h("p", {}, item.description) : null,
    h("h3", {}, S.documents),
    docs.length ? h("ul", { class: "docs" }, docs.map(renderDocument)) : h("p", { class: "muted" }, S.no_documents),
    speakers.floor ? h("div", { class: "floor" }, h("h3", {}, S.floor), h("p", {}, speakers.floor.person.name), clockView(speakers.floor.clock, stream.serverNow(), S)) : null,
    speakers.queue.length ? h("div", {}, h("h3", {}, S.queue), h("ol", {}, speakers.queue.map((r) => h("li", {}, r.person.name, " · ", S.speak_kinds[r.kind] || r.kind)))) : null,
    isCurrent && B.person !== null
      ? h("div", { class: "speak" },
        mine.length
          ? mine.map((r) => h("p", {}, S.speaker_state[r.state] || r.state, " ",
            r.state === "waiting" ? h("button", { type: "button", class: "secondary", onclick: () => run(() => stream.command("speaker.withdraw", { request: r.id }).then(refreshMe)) }, S.speak_withdraw) : null))
          : [
            h("label", { for: "speak-kind" }, S.speak_request),
            h("select", { id: "speak-kind", onchange: (e) => (ui.speakKind = e.target.value) },
              Object.entries(S.speak_kinds).map(([k, v]) => h("option", { value: k, selected: k === ui.speakKind }, v))),
            h("button", { type: "button", class: "big", id: "speak", onclick: () => run(() => stream.command("speaker.request", { item: item.id, kind: ui.speakKind }).then(refreshMe)) }, S.speak_request),
          ])
      : null);
}

// Questioning --------------------------------------------------------------------------------------

function renderQuestions(state, me) {
  const q = state.questioning || { respondents: {}, questions: {} };
  const respondents = Object.values(q.respondents || {}).sort((a, b) => a.position - b.position);
  const mine = (me && me.agenda && me.agenda.questions) || [];
  const current = q.current ? q.questions[String(q.current)] : null;
  const body = $("questions-body");
  const form = body.querySelector("form");
  const keep = form ? { respondent: form.respondent.value, text: form.text.value } : null;
  mount(body,
    current ? h("div", { class: "floor" },
      h("p", {}, h("strong", {}, current.asker.name), " → ", current.respondent.full_name),
      h("p", {}, current.text),
      current.step ? h("p", { class: "muted" }, S.step_kind[current.step.kind] || current.step.kind) : null,
      current.step ? clockView(current.step.clock, stream.serverNow(), S) : null) : null,
    mine.length ? h("div", {}, h("h3", {}, S.my_questions), h("ul", { id: "my-questions" }, mine.map((m) => {
      const full = q.questions[String(m.id)];
      return h("li", {}, full ? `${full.respondent.full_name}: ${full.text}` : `#${m.id}`, " · ", h("em", {}, S.question_status[m.status] || m.status));
    }))) : null,
    B.person !== null && respondents.length
      ? h("form", { class: "question-form", id: "question-form", onsubmit: (e) => { e.preventDefault(); registerQuestion(e.target); } },
        h("h3", {}, S.question_register),
        h("label", { for: "q-respondent" }, S.respondent),
        h("select", { id: "q-respondent", name: "respondent", required: true },
          respondents.map((r) => h("option", { value: r.id }, `${r.full_name} — ${r.title}`))),
        h("label", { for: "q-text" }, S.question_text),
        h("textarea", { id: "q-text", name: "text", rows: 3, required: true, maxlength: 2000 }),
        h("button", { type: "submit", class: "big" }, S.question_register))
      : null);
  const next = body.querySelector("form");
  if (keep && next && next !== form) {
    next.respondent.value = keep.respondent;
    next.text.value = keep.text;
  }
}

async function registerQuestion(form) {
  const result = await run(() => stream.command("question.register", { respondent: Number(form.respondent.value), text: form.text.value }));
  if (result) {
    form.text.value = "";
    toast(S.saved);
    refreshMe();
  }
}

// Wiring -------------------------------------------------------------------------------------------

// Counting committee (secret polls): a member's key share before opening, decryption after closing. Mounted
// only when the set of tasks changes, so a passphrase being typed survives stream updates.
function renderCommittee(state) {
  let box = $("committee");
  if (!box) {
    box = h("section", { id: "committee", class: "panel", "aria-live": "polite" });
    $("vote").before(box);
  }
  const tasks = B.person === null ? [] : committeeTasks(state, B.person, { rerender: render, toast });
  const signature = tasks.map((t) => t.id).join(",");
  if (box.dataset.tasks === signature) return;
  box.dataset.tasks = signature;
  box.hidden = !tasks.length;
  mount(box, tasks);
}

// After a secret poll's close, the tablet checks its own receipt against the public board (fetched whole,
// so the receipt never appears in a URL or a log).
async function checkReceipt(poll) {
  const flow = ui.flow[poll.id];
  if (!flow || !flow.receipt || flow.onBoard !== undefined) return;
  flow.onBoard = null;
  const found = await receiptOnBoard(poll.id, flow.receipt.receipt).catch(() => null);
  flow.onBoard = found ? fmt(S.receipt, { receipt: flow.receipt.receipt }) : false;
  render();
}

function render() {
  const state = stream.state;
  if (!state) return;
  renderCommittee(state);
  for (const poll of sortedPolls(state)) if (poll.method === "secret" && poll.status !== "open" && poll.status !== "draft") checkReceipt(poll);
  renderCheckin(state);
  renderVote(state, stream.me);
  renderAgenda(state);
  renderCurrent(state, stream.me);
  renderQuestions(state, stream.me);
}

// Nothing about a vote is kept in the browser's storage (vote.js); clear what an older version left there,
// and forget this page's vote state when the delegate logs out (shared and QR-login tablets).
forgetVotes();
for (const form of document.querySelectorAll('form[action$="/logout/"]')) {
  form.addEventListener("submit", () => {
    stream.stop();
    forgetVotes();
    ui.flow = {};
    ui.draft = {};
    stream.me = null;
    mount($("vote"));
  });
}

connectionBadge(stream, $("conn"), S.status);
stream.on("status", (status) => ($("reconnect").hidden = status === "live" || status === "connecting"));
$("reconnect").addEventListener("click", () => stream.reconnectNow());
stream.on("state", (state, event) => {
  if (event && event.type && event.type.startsWith("poll.") && event.type !== "poll.progress") refreshMe();
  render();
});
stream.on("me", render);
stream.on("error", (error) => toast(error.message));
stream.connect();
window.ntStream = stream;
setInterval(() => stream.state && (renderCurrent(stream.state, stream.me), renderQuestions(stream.state, stream.me)), 500);
