// The building blocks of the live screens (Lit, vendored: no build step). Components render into their own
// light DOM so the screens' CSS and ids apply; each subscribes to the store paths it shows and re-renders only
// when one of them changes. Renders read the store and never fetch, send or set anything.

import { LitElement, html, svg, nothing } from "lit";
import { store } from "../store.js";
import { LANG, boot, clockRemaining, fmt, label, mmss, pct, resultBars } from "../ui.js";

export { html, svg, nothing, store };

let STRINGS = null;
/** The page's translated strings (from the boot island). */
export function strings() {
  if (!STRINGS) STRINGS = boot().strings;
  return STRINGS;
}

export class StoreElement extends LitElement {
  /** Store paths this component shows, e.g. [["state", "polls"], ["me", "ballots"]]. */
  static watch = [];

  constructor() {
    super();
    this.renders = 0;  // how often this component drew itself (the tests read it)
  }

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsubscribe = store.subscribe(this.constructor.watch, () => this.requestUpdate());
  }

  disconnectedCallback() {
    if (this.unsubscribe) this.unsubscribe();
    super.disconnectedCallback();
  }

  /** Components that show the session wait for the first snapshot (`stateless` ones do not). */
  shouldUpdate() {
    return this.constructor.stateless || !!store.state;
  }

  update(changed) {
    this.renders += 1;
    super.update(changed);
  }
}

/** A countdown on a server clock. It owns its timer: a ticking clock redraws the clock and nothing else. */
export class NtClock extends LitElement {
  static properties = { clock: { attribute: false } };

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => this.requestUpdate(), 250);
  }

  disconnectedCallback() {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  render() {
    const S = strings();
    const clock = this.clock;
    const left = clockRemaining(clock, store.now());
    if (left === null) return nothing;
    const paused = !clock.deadline;
    const cls = `clock${left < 0 ? " over" : ""}${paused ? " paused" : ""}`;
    return html`<div class=${cls} role="timer" aria-label=${S.time_left}>
      <span class="clock-label">${paused ? S.paused : left < 0 ? S.over_time : S.time_left}</span>
      <span class="clock-value">${mmss(left)}</span></div>`;
  }
}

/** A vote's countdown to `deadline` (ISO) on the server clock. At zero it shows "Hết giờ" (and `hint`, if
 *  given) and stops there: nothing closes by itself, the chair closes the vote. */
export class NtCountdown extends LitElement {
  static properties = { deadline: { attribute: false }, hint: { attribute: false } };

  createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => this.requestUpdate(), 250);
  }

  disconnectedCallback() {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  render() {
    const S = strings();
    const end = this.deadline ? Date.parse(this.deadline) : NaN;
    if (Number.isNaN(end)) return nothing;
    const left = end - store.now();
    if (left <= 0) {
      return html`<div class="clock countdown over" role="timer" data-over="true"><span class="clock-value">${S.time_up}</span>
        ${this.hint ? html`<span class="clock-label">${this.hint}</span>` : nothing}</div>`;
    }
    return html`<div class="clock countdown" role="timer" aria-label=${S.vote_time_left}>
      <span class="clock-label">${S.vote_time_left}</span><span class="clock-value">${mmss(left)}</span></div>`;
  }
}

/** The connection state. `quiet` (hall, public page): shown only when the connection is not live. */
export class NtConn extends StoreElement {
  static watch = [["status"]];
  static stateless = true;
  static properties = { quiet: { type: Boolean } };

  render() {
    const status = store.status;
    const hide = this.quiet && status === "live";
    return html`<p id="conn" class="conn${this.quiet ? " quiet" : ""}" data-status=${status} role="status" aria-live="polite"
      ?hidden=${hide}>${strings().status[status] || status}</p>`;
  }
}

customElements.define("nt-clock", NtClock);
customElements.define("nt-countdown", NtCountdown);
customElements.define("nt-conn", NtConn);

/** The official wording of a result and its verdict; the table of counts and percentages; the bars. */
export function resultView(poll, { chart = true, table = false } = {}) {
  const S = strings();
  const result = poll.result;
  if (!result) return nothing;
  const wording = result.wording || {};
  const statement = (wording.statement || {})[LANG] || "";
  const verdict = (wording.verdict || {})[LANG] || "";
  const method = (wording.method || {})[LANG] || "";
  const cls = result.passed === true ? "passed" : result.passed === false ? "failed" : "";
  return html`<section class="result ${cls}" aria-label=${S.result}>
    <p class="statement">${statement}</p>
    ${verdict ? html`<p class="verdict ${cls}">${verdict}</p>` : nothing}
    ${table ? resultTable(result) : nothing}
    ${method ? html`<p class="muted">${method}</p>` : nothing}
    ${chart ? barChart(result, `${S.result}: ${poll.title}`) : nothing}
  </section>`;
}

/** Counts and percentages of the total number of delegates, one row per option (candidate, level). */
export function resultTable(result) {
  const S = strings();
  return html`<table class="result-table">
    <thead><tr><th scope="col">${S.result_choice}</th><th scope="col" class="n">${S.result_count}</th><th scope="col" class="n">${S.result_percent}</th></tr></thead>
    <tbody>${resultBars(result).map((bar) => html`<tr class="row-${bar.key}"><th scope="row">${bar.label}</th>
      <td class="n">${bar.count}</td><td class="n">${pct(bar.pct)}%</td></tr>`)}
    ${result.cast !== undefined ? html`<tr class="row-cast"><th scope="row">${S.result_cast}</th>
      <td class="n">${result.cast}/${result.total}</td><td class="n">${pct(result.cast_percent_of_total)}%</td></tr>` : nothing}
    ${result.committee ? html`<tr class="row-blank"><th scope="row">${S.blank_paper}</th>
      <td class="n">${result.committee.blank || 0}</td><td class="n"></td></tr>` : nothing}</tbody></table>`;
}

/** Horizontal bars (percent of the total), labels outside the SVG so they stay readable on a phone. */
export function barChart(result, title) {
  const bars = resultBars(result);
  return html`<div class="bars" role="img" aria-label=${title}>${bars.map((bar) => {
    const share = Math.max(0, Math.min(100, parseFloat(bar.pct) || 0));
    return html`<div class="bar-row"><span class="bar-label">${bar.label}</span>
      <span class="bar-track"><span class="bar-fill bar-${bar.key}" style="width:${share}%"></span></span>
      <span class="bar-value">${bar.count} · ${pct(bar.pct)}%</span></div>`;
  })}</div>`;
}

export function attendanceView(sitting) {
  const S = strings();
  const a = sitting && sitting.attendance;
  if (!a) return nothing;
  return html`<span class="attendance ${a.quorum_met ? "ok" : "low"}">${fmt(S.present, a)} · ${fmt(a.quorum_met ? S.quorum_met : S.quorum_missing, { required: a.quorum_required })}</span>`;
}

export { fmt, label, pct };
