// Small helpers shared by the screens: DOM building (the console's setup panels), formatting in the page's
// language, clocks, REST calls with CSRF, selectors over the live state.

export const LANG = document.documentElement.lang === "en" ? "en" : "vi";

export function boot() {
  return JSON.parse(document.getElementById("nt-boot").textContent);
}

/** h("button", {class: "x", onclick: fn}, "text", child) → an element. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replace `target`'s content with `nodes` only when the markup changed (keeps focus and scroll). */
export function mount(target, ...nodes) {
  const holder = document.createElement("div");
  holder.append(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  if (holder.innerHTML === target.dataset.rendered) return false;
  target.replaceChildren(...holder.childNodes);
  target.dataset.rendered = target.innerHTML;
  return true;
}

export function fmt(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : `{${key}}`));
}

/** "90.70" → "90,70" in Vietnamese (decimal comma), unchanged in English. */
export function pct(value) {
  const text = String(value ?? "0");
  return LANG === "vi" ? text.replace(".", ",") : text;
}

export function label(option) {
  return LANG === "en" && option.label_en ? option.label_en : option.label;
}

/** Milliseconds left on a server clock (negative = over time), or null when not started. */
export function clockRemaining(clock, serverNow) {
  if (!clock || !clock.started_at) return null;
  if (clock.ended_at) return null;
  if (clock.deadline) return Date.parse(clock.deadline) - serverNow;
  return clock.paused_remaining_ms;
}

export function mmss(ms) {
  const sign = ms < 0 ? "−" : "";
  const total = Math.ceil(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

export function clockView(clock, serverNow, strings) {
  const left = clockRemaining(clock, serverNow);
  if (left === null) return null;
  const paused = !clock.deadline;
  return h(
    "div",
    { class: `clock${left < 0 ? " over" : ""}${paused ? " paused" : ""}`, role: "timer", "aria-label": strings.time_left },
    h("span", { class: "clock-label" }, paused ? strings.paused : left < 0 ? strings.over_time : strings.time_left),
    h("span", { class: "clock-value" }, mmss(left)),
  );
}

function csrf() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || { code: `http.${status}`, message: String(status) };
    super(error.message);
    this.code = error.code;
    this.status = status;
    this.details = error.details;
  }
}

/** fetch JSON from the REST API with the CSRF token; rejects with ApiError carrying the server's message. */
export async function api(method, url, body) {
  const response = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), Accept: "application/json", "Accept-Language": LANG },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Every row of a list endpoint, following its pages (`next`): a council's delegates are never cut at a page
 *  size. A plain array answer is returned as it is. */
export async function apiList(url) {
  const rows = [];
  let next = url;
  for (let pages = 0; next && pages < 100; pages += 1) {
    const data = await api("GET", next);
    if (Array.isArray(data)) return rows.concat(data);
    rows.push(...((data && data.results) || []));
    next = data && data.next ? (({ pathname, search }) => pathname + search)(new URL(data.next, location.href)) : null;
  }
  return rows;
}

/** Sorted agenda items (tree order). */
export function agendaItems(state) {
  return Object.values((state && state.agenda && state.agenda.items) || {}).sort((a, b) => a.position - b.position);
}

export function currentItem(state) {
  const current = (state && state.agenda && state.agenda.current) || {};
  const ids = Object.values(current);
  return ids.length ? state.agenda.items[String(ids[0])] : null;
}

export function sortedPolls(state) {
  return Object.values((state && state.polls) || {}).sort((a, b) => a.id - b.id);
}

/** Bars of a result: one per option (or candidate, or official's levels flattened). */
export function resultBars(result) {
  if (result.options) return result.options.map((o) => ({ label: label(o), count: o.count, pct: o.percent_of_total, key: o.key }));
  if (result.candidates) return result.candidates.map((c) => ({ label: c.name, count: c.votes, pct: c.percent_of_total, key: c.elected ? "yes" : "other" }));
  return (result.officials || []).flatMap((o) =>
    o.levels.map((l) => ({ label: `${o.name} — ${label(l)}`, count: l.count, pct: l.percent_of_total, key: l.key })));
}

/** The sitting currently under way (open), else the first not closed, else the last. */
export function liveSitting(state) {
  const sittings = Object.values((state && state.sittings) || {}).sort((a, b) => a.number - b.number);
  return sittings.find((s) => s.status === "open") || sittings.find((s) => s.status !== "closed") || sittings[sittings.length - 1] || null;
}

/** Who holds the floor now: a speaker of the current item, or the question being asked/answered. */
export function floorNow(state) {
  const q = state && state.questioning;
  if (q && q.current && q.questions && q.questions[String(q.current)]) {
    const question = q.questions[String(q.current)];
    return { kind: "question", question, clock: question.step && question.step.clock };
  }
  const item = currentItem(state);
  const speakers = item && state.speakers && state.speakers[String(item.id)];
  if (speakers && speakers.floor) return { kind: "speaker", request: speakers.floor, clock: speakers.floor.clock };
  return null;
}
