// The console's counting committee (Ban kiểm phiếu) of a secret poll: who its head and members are and whose
// key is in; on a draft, the form that names it among the delegates with a seat on the poll's sitting day.
// Self-contained: the console mounts `committeePanel(poll, state)` under each poll. The delegates are loaded
// once per council and day; the choices being made survive the console's re-renders. The server decides
// (committee.invalid, committee.keys_exist → confirm and discard the keys, committee.not_now).

import { api, apiList, boot, fmt, h } from "./ui.js";

const B = boot();
const S = B.strings.committee;
const people = new Map(); // `${council}|${date}` → [{id, name, seat}] | "loading" | {error}
const picks = new Map(); // poll id → {head, members: Set} while the secretariat is choosing

const notes = new Map(); // poll id → {text, ok}: the last answer, kept across re-renders
const opened = new Map(); // poll id → the panel's open state the secretariat chose
const shown = new Map(); // poll id → [poll, state] last rendered, to redraw once the delegates are loaded

function seatIn(person, council, date) {
  const seat = (person.memberships || []).find((m) =>
    m.council === council && m.start_date <= date && (!m.end_date || m.end_date >= date));
  return seat ? seat.seat : null;
}

function delegates(council, date) {
  const key = `${council}|${date}`;
  if (!people.has(key)) {
    people.set(key, "loading");
    apiList(`/api/people/?council=${council}&on=${date}&page_size=500`)
      .then((list) => {
        people.set(key, list.map((p) => ({ id: p.id, name: p.full_name, seat: seatIn(p, council, date) }))
          .sort((a, b) => (a.seat ?? 1e9) - (b.seat ?? 1e9)));
      })
      .catch((err) => people.set(key, { error: err.message || String(err) }))
      .finally(() => committeeRefresh());
  }
  return people.get(key);
}

function say(poll, text, ok) {
  notes.set(poll.id, { text, ok });
  const el = document.getElementById(`committee-msg-${poll.id}`);
  if (!el) return;
  el.textContent = text;
  el.className = ok ? "notice" : "notice error";
  el.hidden = !text;
}

async function submit(poll, event) {
  event.preventDefault();
  const form = event.target;
  const head = Number(form.elements.head.value);
  const members = [...form.querySelectorAll("input[name=member]:checked")].map((i) => Number(i.value)).filter((id) => id !== head);
  const body = { head, members };
  say(poll, "", true); // the last answer is stale once a new choice is sent (the stream may redraw first)
  try {
    try {
      await api("POST", `/api/polls/${poll.id}/committee/`, body);
    } catch (err) {
      if (err.code !== "committee.keys_exist" || !window.confirm(err.message)) throw err;
      await api("POST", `/api/polls/${poll.id}/committee/`, { ...body, discard_keys: true });
    }
    picks.delete(poll.id);
    say(poll, S.saved, true);
  } catch (err) {
    say(poll, err.message || String(err), false);
  }
}

function memberLine(m) {
  return h("li", {},
    h("span", { class: "who" }, m.name), " — ", m.role === "head" ? S.head : S.member,
    " · ", h("span", { class: m.key ? "ok-line" : "muted" }, m.key ? `✓ ${S.key_in}` : S.key_out),
    m.decrypted ? h("span", { class: "ok-line" }, ` · ✓ ${S.decrypted}`) : null);
}

function form(poll, list) {
  const committee = poll.committee || [];
  const pick = picks.get(poll.id) || {
    head: (committee.find((m) => m.role === "head") || {}).person ?? null,
    members: new Set(committee.filter((m) => m.role !== "head").map((m) => m.person)),
  };
  const change = (event) => {
    const f = event.currentTarget;
    picks.set(poll.id, {
      head: Number(f.elements.head.value) || null,
      members: new Set([...f.querySelectorAll("input[name=member]:checked")].map((i) => Number(i.value))),
    });
  };
  const label = (p) => (p.seat ? fmt(S.seat_name, { seat: p.seat, name: p.name }) : p.name);
  return h("form", { class: "stack committee-form", id: `committee-form-${poll.id}`, onsubmit: (e) => submit(poll, e), onchange: change },
    h("label", { for: `committee-head-${poll.id}` }, S.head_pick),
    h("select", { id: `committee-head-${poll.id}`, name: "head", required: true },
      h("option", { value: "" }, S.choose),
      list.map((p) => h("option", { value: p.id, selected: pick.head === p.id }, label(p)))),
    h("fieldset", { class: "committee-members" },
      h("legend", {}, S.members_pick),
      h("ul", { class: "checklist" }, list.map((p) => h("li", {},
        h("input", { type: "checkbox", name: "member", value: p.id, id: `committee-m-${poll.id}-${p.id}`, checked: pick.members.has(p.id) }),
        h("label", { for: `committee-m-${poll.id}-${p.id}` }, label(p)))))),
    h("p", { class: "muted" }, S.rule),
    h("button", { type: "submit" }, S.submit));
}

/** The committee panel of a secret poll (null for any other poll). `state`: the console's stream state. */
export function committeePanel(poll, state) {
  if (!poll || poll.method !== "secret" || poll.status === "cancelled") return null;
  const committee = poll.committee || [];
  const draft = poll.status === "draft";
  const sitting = state && state.sittings && state.sittings[String(poll.sitting)];
  let body = null;
  if (draft && sitting) {
    const list = delegates(B.council, sitting.date);
    if (list === "loading") body = h("p", { class: "muted" }, S.loading);
    else if (list.error) body = h("p", { class: "notice error" }, list.error);
    else body = form(poll, list);
  }
  shown.set(poll.id, [poll, state]);
  const note = notes.get(poll.id);
  const missing = committee.filter((m) => !m.key).length;
  const open = opened.has(poll.id) ? opened.get(poll.id) : draft && (!committee.length || missing > 0);
  const toggle = (event) => opened.set(poll.id, !event.currentTarget.parentElement.open);  // before it toggles
  return h("details", { class: "committee", id: `committee-${poll.id}`, "data-poll": poll.id, open },
    h("summary", { onclick: toggle }, S.title, " · ", committee.length ? fmt(S.count, { n: committee.length }) : S.none),
    committee.length ? h("ol", { class: "committee-list" }, committee.map(memberLine)) : h("p", { class: "muted" }, S.none_hint),
    h("p", { class: note && !note.ok ? "notice error" : "notice", id: `committee-msg-${poll.id}`, role: "status", hidden: !note }, note ? note.text : ""),
    body);
}

/** Redraw the panels on the page (the delegates have loaded); the console's next render takes over. */
function committeeRefresh() {
  for (const el of document.querySelectorAll("details.committee[data-poll]")) {
    const args = shown.get(Number(el.dataset.poll));
    const fresh = args && committeePanel(...args);
    if (fresh) el.replaceWith(fresh);
  }
}
