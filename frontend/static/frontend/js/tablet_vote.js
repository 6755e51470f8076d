// The delegate's vote panel: choose → confirm → send → receipt. The choices come from the server's poll
// (options, candidates, seats), never from this file. The one path that sends a ballot is `ballotSubmit`:
// an encrypted secret ballot hooks in there.

import { StoreElement, html, label, nothing, fmt, resultView, store, strings } from "./components/base.js";
import { uuid4 } from "./stream.js";
import { boot, sortedPolls } from "./ui.js";
import { choiceText, voteSend } from "./vote.js";
import { BLANK, isBlankChoice, receiptOnBoard, sealBallot } from "./ballot_crypto.js";
import { committeeTasks, tallyWaiting } from "./committee_tasks.js";

/** The vote flow of each poll, in this page's memory only (a reload starts again from `me.ballots`). */
const flows = {};
export const flowsForget = () => { for (const key of Object.keys(flows)) delete flows[key]; store.set("flow", {}); };
const flowOf = (poll) => (flows[poll.id] ??= { step: "choose", draft: null });
const touch = () => store.set("flow", { ...flows });

function toast(message) {
  store.set("toast", { message, at: Date.now() });
}

/** Send one ballot of `poll` with `choice` (socket first, REST as fallback, same client id on every retry).
 *  Resolves with the server's receipt. The single place a ballot leaves the tablet. */
export async function ballotSubmit(poll, choice, { clientId = uuid4(), onRetry = () => {} } = {}) {
  // A secret ballot leaves the tablet encrypted (ballot_crypto.js), sealed once: retries resend the same ciphertexts.
  const sent = poll.method === "secret" ? sealBallot(poll, choice, clientId) : choice;
  return voteSend(store.stream, poll.id, sent, clientId, onRetry);
}

/** After a secret poll's close the tablet looks for its own receipt on the public board, fetched whole so the
 *  receipt never appears in a URL or a log. */
async function receiptCheck(poll) {
  const flow = flows[poll.id];
  if (!flow || !flow.receipt || flow.onBoard !== undefined) return;
  flow.onBoard = null;
  const found = await receiptOnBoard(poll.id, flow.receipt.receipt).catch(() => null);
  flow.onBoard = found ? fmt(strings().receipt, { receipt: flow.receipt.receipt }) : false;
  touch();
}

store.subscribe([["state", "polls"]], () => {
  for (const poll of sortedPolls(store.state)) {
    if (poll.method === "secret" && !["draft", "open"].includes(poll.status)) receiptCheck(poll);
  }
});

async function send(poll, flow) {
  flow.step = "sending";
  flow.retrying = false;
  touch();
  const choice = flow.choice;
  try {
    const receipt = await ballotSubmit(poll, choice, { clientId: flow.clientId, onRetry: () => { flow.retrying = true; touch(); } });
    // Once the server has answered keep nothing that could resend or reveal the vote: no client id, and no
    // choice at all for a secret ballot (a named vote's choice comes back from the server).
    flow.receipt = poll.method === "secret" ? { receipt: receipt.receipt } : { receipt: receipt.receipt, choice: receipt.choice };
    flow.step = "done";
  } catch (err) {
    flow.receipt = null;
    flow.step = err.code === "vote.already_voted" ? "done" : "choose";
    toast(err.message || strings().error);
  }
  delete flow.clientId;
  delete flow.choice;
  flow.draft = null;
  touch();
}

function commit(poll, flow, choice) {
  Object.assign(flow, { step: "confirm", choice, clientId: uuid4() });
  touch();
}

/** A secret paper may be returned blank when its layout has a blank row (every paper opened since blank papers
 *  are counted apart): nothing marked, confirmed on its own step, sent as the blank row set. */
const blankAllowed = (poll) => poll.method === "secret" && ((poll.election || {}).layout || { marks: [] }).marks.includes(BLANK);

/** What the delegate is about to send, in words ("Phiếu trắng" for a blank paper). */
const choiceWords = (poll, choice) => (isBlankChoice(choice) ? strings().blank_paper : choiceText(poll, choice));

function electionBallot(poll, flow) {
  const S = strings();
  const chosen = flow.draft || [];
  const max = poll.seats;
  return html`<fieldset class="ballot election"><legend>${fmt(S.choose_up_to, { n: max })}</legend>
    ${poll.candidates.map((c) => {
      const id = `cand-${poll.id}-${c.id}`;
      const checked = chosen.includes(c.id);
      return html`<div class="candidate${checked ? " checked" : ""}">
        <input type="checkbox" id=${id} .checked=${checked} ?disabled=${!checked && chosen.length >= max}
          @change=${(e) => { flow.draft = e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id); touch(); }}>
        <label for=${id}>${c.name}${c.title ? html`<span class="muted"> — ${c.title}</span>` : nothing}</label></div>`;
    })}
    <p class="muted">${fmt(S.chosen, { n: chosen.length, max })}</p>
    <button type="button" class="big" @click=${() => (chosen.length || blankAllowed(poll) ? commit(poll, flow, chosen) : toast(S.election_none))}>${S.send}</button>
  </fieldset>`;
}

function confidenceBallot(poll, flow) {
  const S = strings();
  const chosen = flow.draft || {};
  return html`<div class="ballot confidence"><p>${S.confidence_levels}</p>
    ${poll.candidates.map((c) => html`<fieldset class="official"><legend>${c.name}${c.title ? html`<span class="muted"> — ${c.title}</span>` : nothing}</legend>
      <div class="levels">${poll.options.map((o) => {
        const id = `conf-${poll.id}-${c.id}-${o.key}`;
        return html`<span class="level"><input type="radio" name=${`conf-${poll.id}-${c.id}`} id=${id} .checked=${chosen[String(c.id)] === o.key}
          @change=${() => { flow.draft = { ...chosen, [String(c.id)]: o.key }; touch(); }}><label for=${id}>${label(o)}</label></span>`;
      })}</div></fieldset>`)}
    <button type="button" class="big" @click=${() => {
      const marked = poll.candidates.filter((c) => chosen[String(c.id)]).length;
      // Every line marked, or none at all (a blank paper): a paper marked for some officials only has no count.
      if (marked === poll.candidates.length || (!marked && blankAllowed(poll))) commit(poll, flow, marked ? chosen : {});
      else toast(S.confidence_missing);
    }}>${S.send}</button>
  </div>`;
}

function optionsBallot(poll, flow) {
  return html`<div class="choices">${poll.options.map((o, i) => html`<button type="button" class="choice choice-${o.key} choice-${i}"
    data-choice=${o.key} @click=${() => commit(poll, flow, o.key)}>${label(o)}</button>`)}</div>
    ${blankAllowed(poll) ? html`<button type="button" class="big secondary blank-paper" id="blank-paper"
      @click=${() => commit(poll, flow, null)}>${strings().blank_paper}</button>` : nothing}`;
}

export class NtVote extends StoreElement {
  static watch = [["state", "polls"], ["state", "sittings"], ["me", "ballots"], ["ui", "flow"]];

  render() {
    const S = strings();
    const polls = sortedPolls(store.state);
    const poll = polls.find((p) => p.status === "open");
    const pending = polls.filter((p) => p.tally_pending).pop();
    this.classList.toggle("empty", !poll && !pending && !polls.some((p) => p.result));
    if (!poll) {
      const done = polls.filter((p) => p.result);
      const last = done[done.length - 1];
      if (!last) return pending ? tallyWaiting(pending) : nothing;
      const onBoard = (flows[last.id] || {}).onBoard;
      return html`<h2>${S.result}</h2><p class="poll-title">${last.title}</p>${resultView(last, { chart: false })}
        ${onBoard ? html`<p class="ok-line" id="receipt-on-board">✓ ${onBoard}</p>` : nothing}`;
    }
    const mine = (store.me.ballots || {})[String(poll.id)];
    const flow = flowOf(poll);
    const head = html`<h2>${S.vote_now}</h2><p class="poll-title">${poll.title}</p>
      <p class="muted">${(S.poll_method || {})[poll.method] || poll.method} · ${fmt(S.cast_progress, { cast: poll.cast_count ?? 0, eligible: poll.eligible_count ?? 0 })}</p>`;
    if (flow.step === "done" || (mine && mine.voted && flow.step === "choose")) {
      const receipt = (flow.receipt && flow.receipt.receipt) || (mine && mine.receipt);
      // A secret ballot's choice is never shown again once sent, nor kept anywhere on the tablet.
      const choice = poll.method === "secret" ? null : (mine && mine.choice) ?? (flow.receipt && flow.receipt.choice) ?? null;
      return html`${head}<div class="voted" id="voted"><p class="voted-title">✓ ${S.voted}</p>
        ${choice !== null ? html`<p class="voted-choice">${choiceText(poll, choice)}</p>` : nothing}
        ${receipt ? html`<p class="receipt">${fmt(S.receipt, { receipt })}</p>` : nothing}
        ${receipt && poll.method === "secret" ? html`<p class="muted">${S.receipt_keep}</p>` : nothing}</div>`;
    }
    if (mine && !mine.eligible) return html`${head}<p class="notice">${S.not_eligible}</p>`;
    if (flow.step === "sending") {
      return html`${head}<p class="sending" id="sending">${flow.retrying ? S.sending_retry : S.sending}</p><p>${choiceWords(poll, flow.choice)}</p>`;
    }
    if (flow.step === "confirm") {
      const blank = isBlankChoice(flow.choice);
      return html`${head}<div class="confirm${blank ? " confirm-blank" : ""}" role="group" aria-label=${S.confirm_title}>
        <p class="confirm-q">${blank ? S.blank_confirm : fmt(S.confirm_question, { choice: choiceText(poll, flow.choice) })}</p>
        <div class="confirm-actions">
          <button type="button" class="big" id="confirm-send" @click=${() => send(poll, flow)}>${blank ? S.blank_send : S.confirm_send}</button>
          <button type="button" class="big secondary" @click=${() => { flow.step = "choose"; touch(); }}>${S.confirm_back}</button>
        </div></div>`;
    }
    const ballot = poll.kind === "election" ? electionBallot : poll.kind === "confidence" ? confidenceBallot : optionsBallot;
    return html`${head}${ballot(poll, flow)}`;
  }
}

/** The counting committee's steps for this delegate (secret polls): a key share before the vote opens, the
 *  decryption of the sums after it closes. The forms are kept while the set of steps is the same, so a
 *  passphrase being typed survives every stream update. */
export class NtCommittee extends StoreElement {
  static watch = [["state", "polls"]];

  render() {
    const person = boot().person;
    const tasks = person === null ? [] : committeeTasks(store.state, person, {
      rerender: () => { this.signature = null; this.requestUpdate(); },
      toast,
    });
    const signature = tasks.map((t) => t.id).join(",");
    if (signature !== this.signature) [this.signature, this.tasks] = [signature, tasks];
    this.hidden = !this.tasks.length;
    return this.tasks;
  }
}

customElements.define("nt-vote", NtVote);
customElements.define("nt-committee", NtCommittee);
