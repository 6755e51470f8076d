// Delegate tablet: check-in, the vote panel (tablet_vote.js), the live agenda with its documents, requests to
// speak and questions. Components on the store (store.js): an event re-renders only the panels that show
// what it changed; the question being typed is never re-created; `me` is pushed by the server (personal
// frames) and read again only after a reconnect.

import { StoreElement, attendanceView, fmt, html, nothing, store, strings } from "./components/base.js";
import { Stream } from "./stream.js";
import { agendaItems, api, boot, currentItem, liveSitting } from "./ui.js";
import { forgetVotes } from "./vote.js";
import { flowsForget } from "./tablet_vote.js";
import "./pdf_reader.js";

const B = boot();
const S = B.strings;
const stream = new Stream({ session: B.session, audience: "council" });
store.attach(stream);

function toast(message) {
  store.set("toast", { message, at: Date.now() });
}

async function run(action, okText) {
  try {
    const out = await action();
    if (okText) toast(okText);
    return out;
  } catch (err) {
    toast(err.message || S.error);
    return null;
  }
}

// Check-in -----------------------------------------------------------------------------------------

async function checkIn(sitting) {
  await run(async () => {
    try {
      await api("POST", `/api/sittings/${sitting.id}/check-in/`);
    } catch (err) {
      if (err.code !== "checkin.already") throw err;
    }
    store.set("checkedIn", { ...(store.ui.checkedIn || {}), [sitting.id]: true });
  });
}

class NtCheckin extends StoreElement {
  static watch = [["state", "sittings"], ["me", "attendance"], ["ui", "checkedIn"]];

  render() {
    const sitting = liveSitting(store.state);
    if (!sitting || B.person === null) return nothing;
    const mine = (store.me.attendance || {})[String(sitting.id)];
    const here = (mine && mine.present) || (store.ui.checkedIn || {})[sitting.id];
    const title = `${fmt(S.sitting, { n: sitting.number })}${sitting.title ? ` — ${sitting.title}` : ""}`;
    return html`<p><strong>${title}</strong> · ${S.sitting_status[sitting.status] || sitting.status} · ${attendanceView(sitting)}</p>
      ${here ? html`<p class="ok-line" id="checked-in">✓ ${S.checked_in}</p>`
        : sitting.status !== "closed" ? html`<button type="button" class="big" id="check-in" @click=${() => checkIn(sitting)}>${S.check_in}</button>` : nothing}`;
  }
}

// The open vote's countdown, when the chair set one (above the vote panel; tablet_vote.js draws the ballot).
class NtVoteCountdown extends StoreElement {
  static watch = [["state", "polls"]];

  render() {
    const poll = Object.values(store.state.polls || {}).find((p) => p.status === "open" && p.deadline);
    this.hidden = !poll;
    if (!poll) return nothing;
    return html`<p class="countdown-title">${poll.title}</p><nt-countdown id="vote-countdown" .deadline=${poll.deadline} .hint=${S.time_up_tablet}></nt-countdown>`;
  }
}

// Agenda and the item being looked at --------------------------------------------------------------

class NtAgenda extends StoreElement {
  static watch = [["state", "agenda"], ["ui", "viewing"]];

  render() {
    const current = currentItem(store.state);
    return html`<h2 id="agenda-h">${S.agenda}</h2><ol id="agenda-list" class="agenda-list">${agendaItems(store.state).map((item) => {
      const now = current && item.id === current.id;
      return html`<li class="item depth-${item.depth} state-${item.state}${now ? " current" : ""}" aria-current=${now ? "true" : nothing}>
        <button type="button" class="link" @click=${() => store.set("viewing", item.id)}><span class="num">${item.number}</span> ${item.title || "—"}</button>
        <span class="state">${S.item_state[item.state] || item.state}</span></li>`;
    })}</ol>`;
  }
}

function documentsOf(itemId) {
  return Object.values(store.state.documents || {}).filter((d) => d.item === itemId && d.latest);
}

function speakerRequest(item) {
  const kind = document.getElementById("speak-kind").value;
  run(() => stream.command("speaker.request", { item: item.id, kind }), S.speak_sent);
}

class NtCurrent extends StoreElement {
  static watch = [["state", "agenda"], ["state", "documents"], ["state", "speakers"], ["me", "agenda"], ["ui", "viewing"]];

  render() {
    const state = store.state;
    const current = currentItem(state);
    const item = (store.ui.viewing && state.agenda.items[String(store.ui.viewing)]) || current;
    if (!item) return html`<h2>${S.current_item}</h2><p class="muted">${S.no_item}</p>`;
    const isCurrent = current && item.id === current.id;
    const speakers = (state.speakers || {})[String(item.id)] || { queue: [], floor: null };
    const mine = ((store.me.agenda && store.me.agenda.speaker_requests) || [])
      .filter((r) => r.item === item.id && ["waiting", "speaking", "paused"].includes(r.state));
    const docs = documentsOf(item.id);
    return html`<h2>${isCurrent ? S.current_item : S.agenda}</h2>
      <p class="item-title"><span class="num">${item.number}</span> ${item.title}</p>
      ${item.presenter ? html`<p class="muted">${item.presenter.name || ""}</p>` : nothing}
      ${item.description ? html`<p>${item.description}</p>` : nothing}
      <h3>${S.documents}</h3>
      ${docs.length ? html`<ul class="docs">${docs.map((doc) => html`<li><a href=${doc.latest.url} target="_blank" rel="noopener">${doc.title}</a>
          ${doc.latest.content_type === "application/pdf" ? html` <button type="button" class="small secondary" data-doc=${doc.id}
            @click=${() => store.set("reading", doc.id)}>${S.doc_read}</button>` : nothing}</li>`)}</ul>`
        : html`<p class="muted">${S.no_documents}</p>`}
      ${speakers.floor ? html`<div class="floor"><h3>${S.floor}</h3><p>${speakers.floor.person.name}</p><nt-clock .clock=${speakers.floor.clock}></nt-clock></div>` : nothing}
      ${speakers.queue.length ? html`<div><h3>${S.queue}</h3><ol>${speakers.queue.map((r) => html`<li>${r.person.name} · ${S.speak_kinds[r.kind] || r.kind}</li>`)}</ol></div>` : nothing}
      ${isCurrent && B.person !== null ? html`<div class="speak">${mine.length
        ? mine.map((r) => html`<p>${S.speaker_state[r.state] || r.state}
            ${r.state === "waiting" ? html`<button type="button" class="secondary" @click=${() => run(() => stream.command("speaker.withdraw", { request: r.id }))}>${S.speak_withdraw}</button>` : nothing}</p>`)
        : html`<label for="speak-kind">${S.speak_kind}</label>
          <div class="row"><select id="speak-kind">${Object.entries(S.speak_kinds).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select>
          <button type="button" class="big" id="speak" @click=${() => speakerRequest(item)}>${S.speak_request}</button></div>`}</div>` : nothing}`;
  }
}

// The document reader (pdf.js, private notes on the device) is pdf_reader.js.

// Questioning: who is on the floor, my questions, and the form (kept as typed while events arrive) -------

class NtQuestionFloor extends StoreElement {
  static watch = [["state", "questioning"]];

  render() {
    const q = store.state.questioning || {};
    const current = q.current ? (q.questions || {})[String(q.current)] : null;
    if (!current) return nothing;
    return html`<div class="floor"><p><strong>${current.asker.name}</strong> → ${current.respondent.full_name}</p>
      <p>${current.text}</p>
      ${current.step ? html`<p class="muted">${S.step_kind[current.step.kind] || current.step.kind}</p><nt-clock .clock=${current.step.clock}></nt-clock>` : nothing}</div>`;
  }
}

class NtMyQuestions extends StoreElement {
  static watch = [["state", "questioning", "questions"], ["me", "agenda"]];

  render() {
    const mine = (store.me.agenda && store.me.agenda.questions) || [];
    if (!mine.length) return nothing;
    const all = (store.state.questioning || {}).questions || {};
    return html`<h3>${S.my_questions}</h3><ul id="my-questions">${mine.map((m) => {
      const full = all[String(m.id)];
      return html`<li>${full ? `${full.respondent.full_name}: ${full.text}` : `#${m.id}`} · <em>${S.question_status[m.status] || m.status}</em></li>`;
    })}</ul>`;
  }
}

async function questionRegister(form) {
  const done = await run(() => stream.command("question.register", { respondent: Number(form.respondent.value), text: form.text.value.trim() }), S.question_sent);
  if (done) form.text.value = "";
}

class NtQuestionForm extends StoreElement {
  static watch = [["state", "questioning", "respondents"]];

  render() {
    const respondents = Object.values((store.state.questioning || {}).respondents || {}).sort((a, b) => a.position - b.position);
    if (B.person === null || !respondents.length) return nothing;
    return html`<form class="question-form" id="question-form" @submit=${(e) => { e.preventDefault(); questionRegister(e.target); }}>
      <h3>${S.question_register}</h3>
      <label for="q-respondent">${S.respondent}</label>
      <select id="q-respondent" name="respondent" required>${respondents.map((r) => html`<option value=${r.id}>${r.full_name} — ${r.title}</option>`)}</select>
      <label for="q-text">${S.question_text}</label>
      <textarea id="q-text" name="text" rows="3" required maxlength="2000"></textarea>
      <button type="submit" class="big">${S.question_register}</button></form>`;
  }
}

class NtToast extends StoreElement {
  static watch = [["ui", "toast"]];
  static stateless = true;

  updated() {
    clearTimeout(this.timer);
    if (store.ui.toast) this.timer = setTimeout(() => store.set("toast", null), 6000);
  }

  render() {
    const toastNow = store.ui.toast;
    return html`<p id="toast" class="toast" role="alert" ?hidden=${!toastNow}>${toastNow ? toastNow.message : ""}</p>`;
  }
}

customElements.define("nt-checkin", NtCheckin);
customElements.define("nt-vote-countdown", NtVoteCountdown);
customElements.define("nt-agenda", NtAgenda);
customElements.define("nt-current", NtCurrent);
customElements.define("nt-question-floor", NtQuestionFloor);
customElements.define("nt-my-questions", NtMyQuestions);
customElements.define("nt-question-form", NtQuestionForm);
customElements.define("nt-toast", NtToast);

// Wiring -------------------------------------------------------------------------------------------

// Nothing about a vote is kept in the browser's storage (vote.js); clear what an older version left there,
// and forget this page's vote state when the delegate logs out (shared and QR-login tablets).
forgetVotes();
for (const form of document.querySelectorAll('form[action$="/logout/"]')) {
  form.addEventListener("submit", () => {
    stream.stop();
    forgetVotes();
    flowsForget();
    stream.me = null;
  });
}
document.getElementById("reconnect").addEventListener("click", () => stream.reconnectNow());
stream.on("status", (status) => (document.getElementById("reconnect").hidden = status === "live" || status === "connecting"));
stream.on("error", (error) => toast(error.message));
stream.connect();
window.ntStream = stream;
