// The chair's screen (chủ tọa): what to say next, generated from the live state at every step — opening the
// sitting with present/total, introducing the item and its presenter, giving the floor, calling the vote with
// its rule and present/total, announcing the result in the official wording, closing the sitting.

import { StoreElement, attendanceView, fmt, html, nothing, store, strings } from "./components/base.js";
import { LANG, boot, currentItem, liveSitting, sortedPolls } from "./ui.js";
import { Stream } from "./stream.js";

const B = boot();
const stream = new Stream({ session: B.session, audience: "council" });
store.attach(stream);

/** The lines for the chair now, most urgent first: [{kind, text}]. */
export function chairScript(state, S) {
  const C = S.chair;
  const sitting = liveSitting(state);
  if (!sitting) return [];
  const a = sitting.attendance || { present: 0, total: 0, quorum_required: 0, quorum_met: false };
  if (sitting.status === "planned") {
    return [{ kind: "report", text: C.ask_report },
      a.quorum_met ? { kind: "say", text: fmt(C.open_sitting, { ...a, n: sitting.number }) }
        : { kind: "wait", text: fmt(C.no_quorum, a) }];
  }
  if (sitting.status === "closed") return [{ kind: "done", text: fmt(C.closed, { n: sitting.number }) }];
  const polls = sortedPolls(state);
  const open = polls.find((p) => p.status === "open");
  if (open) {
    return [{ kind: "say", text: fmt(C.call_vote, { title: open.title, present: a.present, total: a.total,
      rule: (S.majority_rule[open.majority_rule] || S.majority_rule.gt_half_total).toLowerCase() }) },
    { kind: "say", text: fmt(C.vote_progress, { cast: open.cast_count ?? 0, eligible: open.eligible_count ?? 0 }) }];
  }
  const item = currentItem(state);
  const announced = polls.filter((p) => p.result && ["closed", "published"].includes(p.status) && (!item || p.agenda_item === item.id))
    .sort((x, y) => (x.closed_at || "").localeCompare(y.closed_at || "")).pop();
  const lines = [];
  if (announced && announced.result.wording) {
    const w = announced.result.wording;
    lines.push({ kind: "say", text: `${fmt(C.announce, { title: announced.title })} ${(w.statement || {})[LANG] || ""} ${(w.verdict || {})[LANG] || ""}` });
  }
  const q = state.questioning || {};
  const question = q.current ? (q.questions || {})[String(q.current)] : null;
  if (question) {
    const step = question.step && question.step.kind;
    lines.push({ kind: "say", text: step === "answer"
      ? fmt(C.answer, { name: question.respondent.full_name, title: question.respondent.title || "" })
      : fmt(C.ask, { asker: question.asker.name, name: question.respondent.full_name, title: question.respondent.title || "" }) });
    return lines;
  }
  if (!item) {
    lines.push({ kind: "say", text: fmt(C.close_sitting, { n: sitting.number, ...a }) });
    return lines;
  }
  const speakers = (state.speakers || {})[String(item.id)];
  if (speakers && speakers.floor) {
    lines.push({ kind: "now", text: fmt(C.speaking, { name: speakers.floor.person.name }) });
  } else if (speakers && speakers.queue.length) {
    lines.push({ kind: "say", text: fmt(C.give_floor, { name: speakers.queue[0].person.name }) });
  } else if (!announced) {
    lines.push({ kind: "say", text: fmt(C.open_item, { number: item.number, title: item.title }) });
    if (item.presenter && item.presenter.name) lines.push({ kind: "say", text: fmt(C.presenter, { name: item.presenter.name }) });
    lines.push({ kind: "say", text: C.invite_discussion });
  }
  if (speakers && speakers.queue.length > (speakers.floor ? 0 : 1)) {
    lines.push({ kind: "next", text: fmt(C.next_speaker, { name: speakers.queue[speakers.floor ? 0 : 1].person.name }) });
  }
  return lines;
}

class NtChairScript extends StoreElement {
  static watch = [["state"]];

  render() {
    const S = strings();
    const sitting = liveSitting(store.state);
    const item = currentItem(store.state);
    const lines = chairScript(store.state, S);
    return html`<p class="chair-context">${sitting ? html`${fmt(S.sitting, { n: sitting.number })} · ${attendanceView(sitting)}` : nothing}</p>
      ${item ? html`<p class="chair-item"><span class="num">${item.number}</span> ${item.title}</p>` : nothing}
      <ol class="chair-lines" aria-live="polite">${lines.map((line) => html`<li class="line-${line.kind}">${line.text}</li>`)}</ol>`;
  }
}

customElements.define("nt-chair-script", NtChairScript);
stream.connect();
window.ntStream = stream;
