// The console's live strip, pinned at the top: the sitting (open / close), present/total and quorum, the
// current item (next / finish / skip), the open vote with its progress and countdown (close / publish / cancel,
// more time), and who holds the floor with the clock and the next in the queue. Irreversible steps ask first
// (cancelling a vote asks for a reason; closing a sitting, also from the sittings tab); every step answers with
// what was done, by name. Shortcuts: N next item, K close the vote, P publish the result.

import { StoreElement, attendanceView, fmt, html, label, nothing, store, strings } from "./components/base.js";
import { api, currentItem, liveSitting, sortedPolls } from "./ui.js";

let say = () => {};
/** `reporter(message, ok)` shows the console's feedback line. */
export function liveInit(reporter) {
  say = reporter;
  document.addEventListener("keydown", shortcut);
}

async function act(action, okText) {
  try {
    const out = await action();
    if (okText) say(okText, true);
    return out;
  } catch (err) {
    say(`${err.message || strings().error}${err.code ? ` (${err.code})` : ""}`);
    return null;
  }
}

const command = (name, args, okText) => act(() => store.stream.command(name, args), okText);

/** Ask before an irreversible step: {id, text, warn?, reason?, yes, run(reason)}. */
export function confirmAsk(question) {
  store.set("confirm", question);
}

export function pollCancelAsk(poll) {
  const S = strings();
  confirmAsk({
    id: `poll-cancel-${poll.id}`, text: fmt(S.confirm_cancel_poll, { title: poll.title }), reason: true, yes: S.cancel_poll,
    run: (reason) => act(() => api("POST", `/api/polls/${poll.id}/cancel/`, { reason }), fmt(S.done_poll_cancel, { title: poll.title })),
  });
}

export function pollStep(poll, step) {
  const S = strings();
  return act(() => api("POST", `/api/polls/${poll.id}/${step}/`), fmt(S[`done_poll_${step}`], { title: poll.title }));
}

/** Close a sitting, asking first; it warns when an item of the sitting is still in progress. The strip and the
 *  sittings tab's list both ask through here (`sitting`: {id, number}). */
export function sittingCloseAsk(sitting, item = sittingItem(sitting)) {
  const S = strings();
  confirmAsk({
    id: `sitting-close-${sitting.id}`, text: fmt(S.confirm_close_sitting, { n: sitting.number }),
    warn: item ? fmt(S.confirm_close_sitting_item, { title: `${item.number} ${item.title}` }) : "", yes: S.sitting_close,
    run: () => sittingStatusPost(sitting, "closed"),
  });
}

/** The item in progress in `sitting` (the stream's agenda.current), or null. */
function sittingItem(sitting) {
  const agenda = (store.state && store.state.agenda) || {};
  const id = (agenda.current || {})[String(sitting.id)];
  return id ? (agenda.items || {})[String(id)] || null : null;
}

/** Reopen a closed sitting (a mis-click must not end it): the reason is required and audited. */
export function sittingReopenAsk(sitting) {
  const S = strings();
  confirmAsk({
    id: `sitting-reopen-${sitting.id}`, text: fmt(S.confirm_reopen_sitting, { n: sitting.number }), reason: true,
    warn: S.reopen_warn, yes: S.sitting_reopen,
    run: async (reason) => {
      const done = await act(() => api("POST", `/api/sittings/${sitting.id}/reopen/`, { reason }), fmt(S.done_sitting_reopen, { n: sitting.number }));
      if (done && document.querySelector(`[data-reopen="${sitting.id}"]`)) setTimeout(() => location.reload(), 800);  // the server-rendered list
    },
  });
}

/** The sitting's status goes through the console's form endpoint (the page reloads with the message). */
function sittingStatusPost(sitting, status) {
  const form = document.createElement("form");
  form.method = "post";
  form.action = `/screens/sittings/${sitting.id}/status/`;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  for (const [name, value] of [["csrfmiddlewaretoken", csrf], ["status", status]]) {
    const input = document.createElement("input");
    Object.assign(input, { type: "hidden", name, value });
    form.append(input);
  }
  document.body.append(form);
  form.submit();
}

async function displayLink() {
  const S = strings();
  const data = await act(() => store.stream.command("display.link", {}), S.display_link_made);
  if (data) store.set("displayLink", `${location.origin}${data.path}`);
}

async function displayUnlink() {
  const S = strings();
  if (await act(() => store.stream.command("display.link", { revoke: true }), S.display_link_revoked)) store.set("displayLink", null);
}

export function itemSkipAsk(item) {
  const S = strings();
  confirmAsk({
    id: `item-skip-${item.id}`, text: fmt(S.confirm_skip, { title: `${item.number} ${item.title}` }), yes: S.item_skip,
    run: () => act(() => api("POST", `/api/agenda-items/${item.id}/skip/`), fmt(S.done_item_skip, { title: item.title })),
  });
}

/** More time on an open vote's countdown (the chair's cue; nothing closes at zero). */
const EXTEND_MINUTES = [1, 2, 3, 5, 10];
function deadlineExtend(poll, minutes) {
  return command("poll.deadline_extend", { poll: poll.id, seconds: minutes * 60 }, fmt(strings().done_extend, { n: minutes, title: poll.title }));
}

const openPoll = () => sortedPolls(store.state).find((p) => p.status === "open");
const closedPoll = () => sortedPolls(store.state).filter((p) => p.status === "closed").pop();

function nextItem() {
  const sitting = liveSitting(store.state);
  if (!sitting) return;
  act(() => store.stream.command("agenda.next", { sitting: sitting.id }), "")
    .then((item) => item && say(fmt(strings().done_item_activate, { title: `${item.number} ${item.title}` }), true));
}

function shortcut(e) {
  if (e.ctrlKey || e.metaKey || e.altKey || store.ui.confirm) return;
  const tag = (e.target && e.target.tagName) || "";
  if (["INPUT", "TEXTAREA", "SELECT"].includes(tag) || (e.target && e.target.isContentEditable)) return;
  const key = e.key.toLowerCase();
  if (key === "n") nextItem();
  else if (key === "k" && openPoll()) pollStep(openPoll(), "close");
  else if (key === "p" && closedPoll()) pollStep(closedPoll(), "publish");
  else return;
  e.preventDefault();
}

class NtConfirm extends StoreElement {
  static watch = [["ui", "confirm"]];
  static stateless = true;

  updated() {
    const first = this.querySelector("textarea, button");
    if (first && store.ui.confirm && !this.contains(document.activeElement)) first.focus();
  }

  render() {
    const q = store.ui.confirm;
    if (!q) return nothing;
    const S = strings();
    const yes = () => {
      const box = this.querySelector("textarea");
      const reason = box ? box.value.trim() : "";
      if (q.reason && !reason) {
        box.setAttribute("aria-invalid", "true");
        this.querySelector(".form-error").hidden = false;
        return;
      }
      store.set("confirm", null);
      q.run(reason);
    };
    return html`<div class="confirm-box" role="alertdialog" aria-labelledby="confirm-text" data-confirm=${q.id}
        @keydown=${(e) => e.key === "Escape" && store.set("confirm", null)}>
      <p id="confirm-text" class="confirm-q">${q.text}</p>
      ${q.warn ? html`<p class="notice error">${q.warn}</p>` : nothing}
      ${q.reason ? html`<label for="confirm-reason">${S.reason}</label><textarea id="confirm-reason" rows="2" maxlength="500"></textarea>
        <p class="form-error notice error" role="alert" hidden>${S.reason_required}</p>` : nothing}
      <div class="row"><button type="button" class="danger" id="confirm-yes" @click=${yes}>${q.yes || S.confirm_yes}</button>
        <button type="button" class="secondary" id="confirm-no" @click=${() => store.set("confirm", null)}>${S.confirm_no}</button></div>
    </div>`;
  }
}

class NtLiveStrip extends StoreElement {
  static watch = [["state", "sittings"], ["state", "agenda"], ["state", "polls"], ["state", "speakers"], ["state", "questioning"], ["state", "display"], ["ui", "displayLink"]];

  sittingPart(S, sitting, item) {
    if (!sitting) return html`<div class="strip-cell"><p class="muted">—</p></div>`;
    return html`<div class="strip-cell strip-sitting">
      <p class="strip-h">${fmt(S.sitting, { n: sitting.number })} · ${S.sitting_status[sitting.status] || sitting.status}</p>
      <p class="big-line">${attendanceView(sitting)}</p>
      ${sitting.status === "planned" ? html`<button type="button" class="small" @click=${() => sittingStatusPost(sitting, "open")}>${S.sitting_open}</button>` : nothing}
      ${sitting.status === "open" ? html`<button type="button" class="small secondary" id="strip-sitting-close" @click=${() => sittingCloseAsk(sitting, item)}>${S.sitting_close}</button>` : nothing}
      ${sitting.status === "closed" && store.state.session.status !== "closed" ? html`<button type="button" class="small secondary" id="strip-sitting-reopen" @click=${() => sittingReopenAsk(sitting)}>${S.sitting_reopen}</button>` : nothing}
    </div>`;
  }

  itemPart(S, item) {
    return html`<div class="strip-cell strip-item">
      <p class="strip-h">${S.current_item}</p>
      ${item ? html`<p class="strip-title"><span class="num">${item.number}</span> ${item.title}</p>` : html`<p class="muted">${S.current_none}</p>`}
      <div class="row">
        <button type="button" class="small" id="strip-next" aria-keyshortcuts="N" @click=${nextItem}>${S.next} ▶</button>
        ${item ? html`<button type="button" class="small secondary" @click=${() => command("agenda.finish", { item: item.id }, fmt(S.done_item_finish, { title: item.title }))}>${S.finish}</button>
          <button type="button" class="small secondary" @click=${() => itemSkipAsk(item)}>${S.item_skip}</button>` : nothing}
      </div></div>`;
  }

  pollPart(S) {
    const poll = openPoll();
    const done = closedPoll();
    if (!poll && !done) return html`<div class="strip-cell strip-poll"><p class="strip-h">${S.vote_now}</p><p class="muted">${S.no_vote}</p></div>`;
    if (!poll) {
      return html`<div class="strip-cell strip-poll"><p class="strip-h">${S.poll_status.closed}</p><p class="strip-title">${done.title}</p>
        <button type="button" id="strip-publish" aria-keyshortcuts="P" @click=${() => pollStep(done, "publish")}>${S.publish}</button></div>`;
    }
    const counts = poll.counts ? poll.options.map((o) => `${label(o)} ${poll.counts[o.key] || 0}`).join(" · ") : "";
    return html`<div class="strip-cell strip-poll open">
      <p class="strip-h">${S.vote_now}</p><p class="strip-title">${poll.title}</p>
      <p class="progress-text" id="strip-progress">${fmt(S.cast_progress, { cast: poll.cast_count ?? 0, eligible: poll.eligible_count ?? 0 })}${counts ? html` — ${counts}` : nothing}</p>
      ${poll.deadline ? html`<nt-countdown id="strip-countdown" .deadline=${poll.deadline} .hint=${S.time_up_chair}></nt-countdown>
        <div class="row strip-extend"><label for="strip-extend-min" class="sr-only">${S.extend_minutes}</label>
          <select id="strip-extend-min">${EXTEND_MINUTES.map((n) => html`<option value=${n}>${fmt(S.minutes_n, { n })}</option>`)}</select>
          <button type="button" class="small secondary" id="strip-extend" @click=${() => deadlineExtend(poll, Number(this.querySelector("#strip-extend-min").value))}>${S.extend_time}</button></div>` : nothing}
      <div class="row">
        <button type="button" id="strip-close" aria-keyshortcuts="K" @click=${() => pollStep(poll, "close")}>${S.close}</button>
        <button type="button" class="secondary" id="strip-cancel" @click=${() => pollCancelAsk(poll)}>${S.cancel}</button>
      </div></div>`;
  }

  floorPart(S, item) {
    const q = store.state.questioning || {};
    const question = q.current ? (q.questions || {})[String(q.current)] : null;
    if (question) {
      return html`<div class="strip-cell strip-floor"><p class="strip-h">${S.questioning}</p>
        <p class="strip-title">${question.asker.name} → ${question.respondent.full_name}</p>
        ${question.step ? html`<nt-clock .clock=${question.step.clock}></nt-clock>` : nothing}
        <div class="row"><button type="button" class="small" @click=${() => command("question.finish", { question: question.id }, S.question_finish)}>${S.question_finish}</button></div></div>`;
    }
    const speakers = item && (store.state.speakers || {})[String(item.id)];
    const floor = speakers && speakers.floor;
    const next = speakers && speakers.queue[0];
    return html`<div class="strip-cell strip-floor"><p class="strip-h">${S.floor}</p>
      ${floor ? html`<p class="strip-title">${floor.person.name}</p><nt-clock .clock=${floor.clock}></nt-clock>` : html`<p class="muted">${S.no_floor}</p>`}
      ${next ? html`<p class="muted">${fmt(S.next_in_queue, { name: next.person.name })}</p>` : nothing}
      <div class="row">
        ${floor ? html`<button type="button" class="small secondary" @click=${() => command("speaker.end", { request: floor.id }, S.end)}>${S.end}</button>` : nothing}
        ${!floor && next ? html`<button type="button" class="small" @click=${() => command("speaker.grant", { item: item.id, request: next.id }, fmt(S.done_floor, { name: next.person.name }))}>${S.grant}: ${next.person.name}</button>` : nothing}
      </div></div>`;
  }

  displayPart(S) {
    const now = (store.state.display && store.state.display.mode) || "live";
    const set = (mode) => command("display.set", { mode }, fmt(S.done_display, { mode: S.display_mode[mode] }));
    return html`<div class="row strip-display" role="group" aria-label=${S.display_label}>
      <span class="strip-h">${S.display_label}:</span>
      ${Object.entries(S.display_mode).map(([mode, text]) => html`<button type="button" class="small${mode === now ? "" : " secondary"}"
        data-display=${mode} aria-pressed=${mode === now ? "true" : "false"} @click=${() => set(mode)}>${text}</button>`)}
      <button type="button" class="small secondary" id="display-link" @click=${displayLink}>${S.display_link}</button>
      ${store.ui.displayLink ? html`<input id="display-link-url" readonly aria-label=${S.display_link} .value=${store.ui.displayLink}>
        <button type="button" class="small secondary" id="display-unlink" @click=${displayUnlink}>${S.display_unlink}</button>` : nothing}
    </div>`;
  }

  render() {
    const S = strings();
    const sitting = liveSitting(store.state);
    const item = currentItem(store.state);
    return html`<h2 class="sr-only">${S.live_strip}</h2><div class="strip">
      ${this.sittingPart(S, sitting, item)}${this.itemPart(S, item)}${this.pollPart(S)}${this.floorPart(S, item)}</div>
      ${this.displayPart(S)}
      <nt-confirm></nt-confirm><p class="muted shortcuts">${S.shortcuts}</p>`;
  }
}

customElements.define("nt-confirm", NtConfirm);
customElements.define("nt-live-strip", NtLiveStrip);
