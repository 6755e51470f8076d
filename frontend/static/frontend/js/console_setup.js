// Secretariat console, setting up a session: the agenda
// (add, edit, reorder, skip, defer, delete; a delegate or official as presenter), the documents of the agenda
// items (upload, new versions, edit title/kind/public) and questioning (respondents, question slips, topics with
// their respondents and the order of their slips). REST calls only; a refusal
// shows the server's message and code next to the form that caused it.

import { ApiError, LANG, agendaItems, api, apiList, fmt, h, mount } from "./ui.js";
import { itemSkipAsk } from "./console_live.js";

const ctx = { S: {}, B: {}, stream: null, run: null, render: () => {} };
const cache = { people: {}, loading: {}, officials: null };
const $ = (id) => document.getElementById(id);

export function setupInit(options) {
  Object.assign(ctx, options);
  const box = $("documents-setup");
  if (box && !box.firstChild) box.append(documentsSetup());
}

/** Run a REST call for a form: its errors go to the form's own alert line (server message + code). */
export async function attempt(form, action, okText) {
  const out = form.querySelector(".form-error");
  out.hidden = true;
  out.textContent = "";
  form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  try {
    const result = await action();
    if (okText) ctx.run(async () => null, typeof okText === "function" ? okText(result) : okText);
    return result;
  } catch (err) {
    out.textContent = err.message || ctx.S.error;
    out.hidden = false;
    const field = err.details && (err.details.field || Object.keys(err.details)[0]);
    const el = field && form.elements[field];
    if (el && el.setAttribute) el.setAttribute("aria-invalid", "true");
    return null;
  }
}

export const formError = () => h("p", { class: "form-error notice error", role: "alert", hidden: true });

/** A labelled control: <div class="field"><label for=id>text</label>control</div>. */
export function field(text, control, cls = "field") {
  return h("div", { class: cls }, h("label", { for: control.id }, text), control);
}

export function checkbox(id, name, text, checked = false) {
  return h("div", { class: "field check" }, h("input", { id, name, type: "checkbox", checked }), h("label", { for: id }, text));
}

/** Replace a select's options, keeping the chosen value when it is still offered. */
export function fillSelect(select, options, placeholder) {
  const keep = select.value;
  const rows = placeholder !== undefined ? [{ value: "", label: placeholder }, ...options] : options;
  const sig = JSON.stringify(rows);
  if (select.dataset.sig === sig) return;
  select.dataset.sig = sig;
  select.replaceChildren(...rows.map((o) => h("option", { value: o.value }, o.label)));
  if (rows.some((o) => String(o.value) === keep)) select.value = keep;
}

export const sittingsOf = (state) => Object.values((state && state.sittings) || {}).sort((a, b) => a.number - b.number);
export const sittingLabel = (s) => `${fmt(ctx.S.sitting, { n: s.number })}${s.title ? ` — ${s.title}` : ""}`;
export const itemLabel = (i) => `${i.number} ${i.title || ""}`;
const idOrNull = (value) => (value ? Number(value) : null);

// Delegates and officials of the council (cached; loading one re-renders the console) ------------------

export function delegates(on) {
  if (cache.people[on]) return cache.people[on];
  if (!cache.loading[on]) {
    cache.loading[on] = apiList(`/api/people/?council=${ctx.B.council}&on=${on}&page_size=500`)
      .then((rows) => { cache.people[on] = rows; ctx.render(); })
      .catch(() => { cache.loading[on] = null; });
  }
  return null;
}

function officials() {
  if (cache.officials) return cache.officials;
  if (!cache.loading.officials) {
    cache.loading.officials = apiList(`/api/officials/?council=${ctx.B.council}&page_size=500`)
      .then((rows) => { cache.officials = rows; ctx.render(); })
      .catch(() => { cache.loading.officials = null; });
  }
  return [];
}

export function officialsList() {
  return officials();
}

function officialsReload() {
  cache.officials = null;
  cache.loading.officials = null;
  return officials();
}

// Agenda: add and edit -------------------------------------------------------------------------------

const ui = { editing: null, deferFor: null, deleteFor: null, deleteError: "" };

export function agendaForm() {
  const S = ctx.S;
  const kinds = Object.entries(S.item_kind).map(([value, label]) => h("option", { value }, label));
  const form = h("form", { id: "item-form", class: "stack", onsubmit: (e) => { e.preventDefault(); itemSave(form); } },
    h("h3", { id: "item-form-h" }, S.item_add),
    h("div", { class: "form-grid" },
      field(S.item_title, h("input", { id: "item-title", name: "title", required: true, maxlength: 300 }), "field wide"),
      field(S.item_kind_label, h("select", { id: "item-kind", name: "kind" }, kinds)),
      field(S.item_sitting, h("select", { id: "item-sitting", name: "sitting", onchange: () => agendaFormRefresh(ctx.stream.state) })),
      field(S.item_parent, h("select", { id: "item-parent", name: "parent" })),
      field(S.item_presenter_pick, h("select", { id: "item-presenter-pick", name: "presenter_pick", onchange: () => presenterPicked(form) })),
      field(S.item_presenter, h("input", { id: "item-presenter", name: "presenter_name", maxlength: 200 })),
      field(S.item_minutes, h("input", { id: "item-minutes", name: "planned_minutes", type: "number", min: 1, max: 1440, inputmode: "numeric" })),
      checkbox("item-public", "is_public", S.item_public, true)),
    h("div", { class: "row" },
      h("button", { type: "submit", id: "item-submit" }, S.item_add),
      h("button", { type: "button", id: "item-cancel", class: "secondary", hidden: true, onclick: () => itemEditEnd(form) }, S.item_cancel_edit)),
    formError());
  form.elements.kind.value = "other";
  return form;
}

export function agendaFormRefresh(state) {
  documentsRefresh(state);
  const form = $("item-form");
  if (!form) return;
  const S = ctx.S;
  fillSelect(form.elements.sitting, sittingsOf(state).map((s) => ({ value: s.id, label: sittingLabel(s) })), S.item_no_sitting);
  fillSelect(form.elements.parent, agendaItems(state).filter((i) => i.id !== ui.editing)
    .map((i) => ({ value: i.id, label: `${"· ".repeat(i.depth)}${itemLabel(i)}` })), S.item_top);
  const chosen = state.sittings && state.sittings[String(form.elements.sitting.value)];
  const day = (chosen || sittingsOf(state)[0] || {}).date;
  fillSelect(form.elements.presenter_pick, [
    ...((day && delegates(day)) || []).map((p) => ({ value: `person:${p.id}`, label: fmt(S.item_presenter_delegate, { name: p.full_name }) })),
    ...officials().map((o) => ({ value: `official:${o.id}`, label: fmt(S.item_presenter_official, { name: o.full_name, title: o.title }) })),
  ], S.item_presenter_none);
  presenterPicked(form);
}

/** A delegate or official chosen as presenter: the typed agency name does not apply. */
function presenterPicked(form) {
  const name = form.elements.presenter_name;
  name.disabled = !!form.elements.presenter_pick.value;
  if (name.disabled) name.value = "";
}

function presenterBody(form) {
  const [kind, id] = form.elements.presenter_pick.value.split(":");
  return {
    presenter_person: kind === "person" ? Number(id) : null,
    presenter_official: kind === "official" ? Number(id) : null,
    presenter_name: kind ? "" : form.elements.presenter_name.value.trim(),
  };
}

function itemEditStart(shown) {
  // The latest state of the item (a button kept by the navigator may hold an older copy).
  const item = ctx.stream.state.agenda.items[String(shown.id)] || shown;
  const form = $("item-form");
  ui.editing = item.id;
  agendaFormRefresh(ctx.stream.state);
  const el = form.elements;
  el.title.value = item.title || "";
  el.kind.value = item.kind || "other";
  el.sitting.value = item.sitting || "";
  el.parent.value = item.parent || "";
  const presenter = item.presenter || {};
  const pick = presenter.kind === "delegate" ? `person:${presenter.id}` : presenter.kind === "official" ? `official:${presenter.id}` : "";
  if (pick && ![...el.presenter_pick.options].some((o) => o.value === pick)) {
    el.presenter_pick.append(h("option", { value: pick }, presenter.name));  // not (yet) among the loaded choices
    delete el.presenter_pick.dataset.sig;
  }
  el.presenter_pick.value = pick;
  el.presenter_name.value = presenter.kind === "agency" ? presenter.name : "";
  presenterPicked(form);
  el.planned_minutes.value = item.planned_minutes || "";
  el.is_public.checked = item.is_public !== false;
  $("item-form-h").textContent = fmt(ctx.S.item_editing, { title: `${item.number} ${item.title}` });
  $("item-submit").textContent = ctx.S.item_save;
  $("item-cancel").hidden = false;
  el.title.focus();
}

function itemEditEnd(form) {
  ui.editing = null;
  form.reset();
  form.elements.kind.value = "other";
  presenterPicked(form);
  $("item-form-h").textContent = ctx.S.item_add;
  $("item-submit").textContent = ctx.S.item_add;
  $("item-cancel").hidden = true;
  agendaFormRefresh(ctx.stream.state);
}

async function itemSave(form) {
  const el = form.elements;
  const body = {
    title: el.title.value.trim(), kind: el.kind.value, sitting: idOrNull(el.sitting.value),
    ...presenterBody(form), planned_minutes: idOrNull(el.planned_minutes.value),
    is_public: el.is_public.checked,
  };
  const parent = idOrNull(el.parent.value);
  if (ui.editing === null) {
    const made = await attempt(form, () => api("POST", "/api/agenda-items/", { session: ctx.B.session, parent, ...body }), ctx.S.saved);
    if (made) itemEditEnd(form);
    return;
  }
  const item = ctx.stream.state.agenda.items[String(ui.editing)];
  const saved = await attempt(form, async () => {
    const out = await api("PATCH", `/api/agenda-items/${item.id}/`, body);
    if ((item.parent || null) !== parent) await api("POST", `/api/agenda-items/${item.id}/move/`, { parent, position: 100000 });
    return out;
  }, ctx.S.saved);
  if (saved) itemEditEnd(form);
}

// Agenda: per-item controls in the navigator ------------------------------------------------------------

function siblings(state, item) {
  return agendaItems(state).filter((i) => (i.parent || null) === (item.parent || null));
}

function laterSittings(state, item) {
  const from = item.sitting && state.sittings[String(item.sitting)];
  return sittingsOf(state).filter((s) => s.status !== "closed" &&
    (!from || s.date > from.date || (s.date === from.date && s.number > from.number)));
}

/** Reorder, edit, skip and defer buttons of one agenda item (with the defer choices when asked for). */
export function itemSetupActions(state, item) {
  const S = ctx.S;
  const name = itemLabel(item);
  const row = siblings(state, item);
  const index = row.findIndex((i) => i.id === item.id);
  const post = (path, body) => ctx.run(() => api("POST", `/api/agenda-items/${item.id}/${path}/`, body));
  const move = (to) => post("move", { parent: item.parent || null, position: to });
  const changeable = ["pending", "active", "deferred"].includes(item.state);
  return [
    h("button", { type: "button", class: "small secondary", "aria-label": `${S.item_up}: ${name}`, disabled: index <= 0, onclick: () => move(index - 1) }, "▲"),
    h("button", { type: "button", class: "small secondary", "aria-label": `${S.item_down}: ${name}`, disabled: index >= row.length - 1, onclick: () => move(index + 1) }, "▼"),
    h("button", { type: "button", class: "small secondary", "aria-label": `${S.item_edit}: ${name}`, onclick: () => itemEditStart(item) }, S.item_edit),
    item.state === "pending" ? h("button", { type: "button", class: "small secondary danger", "aria-label": `${S.item_delete}: ${name}`,
      "aria-expanded": ui.deleteFor === item.id ? "true" : "false", dataset: { deleteItem: item.id },
      onclick: () => { ui.deleteFor = ui.deleteFor === item.id ? null : item.id; ui.deleteError = ""; ctx.render(); } }, S.item_delete) : null,
    changeable && item.kind !== "section" ? [
      h("button", { type: "button", class: "small secondary", "aria-label": `${S.item_skip}: ${name}`, onclick: () => itemSkipAsk(item) }, S.item_skip),
      h("button", { type: "button", class: "small secondary", "aria-label": `${S.item_defer}: ${name}`, "aria-expanded": ui.deferFor === item.id ? "true" : "false",
        onclick: () => { ui.deferFor = ui.deferFor === item.id ? null : item.id; ctx.render(); } }, S.item_defer),
    ] : null,
  ];
}

/** The confirmation of deleting an item, with the server's refusal (message and code) shown in it. */
function deleteConfirm(item) {
  if (ui.deleteFor !== item.id) return null;
  const S = ctx.S;
  const name = itemLabel(item);
  const remove = async () => {
    try {
      await api("DELETE", `/api/agenda-items/${item.id}/`);
      ui.deleteFor = null;
      ui.deleteError = "";
      if (ui.editing === item.id) itemEditEnd($("item-form"));
      ctx.run(async () => null, fmt(S.item_deleted, { title: item.title }));
    } catch (err) {
      ui.deleteError = `${err.message || S.error}${err.code ? ` (${err.code})` : ""}`;
    }
    ctx.render();
  };
  const question = `delete-q-${item.id}`;
  return h("div", { class: "delete-confirm", role: "group", "aria-labelledby": question, dataset: { deleteFor: item.id } },
    h("p", { id: question }, fmt(S.item_delete_confirm, { title: name })),
    h("div", { class: "row" },
      h("button", { type: "button", class: "small danger", "aria-label": `${S.item_delete_yes}: ${name}`, dataset: { deleteYes: item.id }, onclick: remove }, S.item_delete_yes),
      h("button", { type: "button", class: "small secondary", "aria-label": `${S.cancel}: ${name}`,
        onclick: () => { ui.deleteFor = null; ui.deleteError = ""; ctx.render(); } }, S.cancel)),
    ui.deleteError ? h("p", { class: "form-error notice error", role: "alert" }, ui.deleteError) : null);
}

export function deferChoices(state, item) {
  const confirm = deleteConfirm(item);
  if (ui.deferFor !== item.id) return confirm;
  const S = ctx.S;
  const name = itemLabel(item);
  const defer = (sitting) => ctx.run(() => api("POST", `/api/agenda-items/${item.id}/defer/`, { sitting }), fmt(S.item_deferred, { title: item.title }))
    .then((ok) => { if (ok) { ui.deferFor = null; ctx.render(); } });
  return [h("div", { class: "row defer-choices" },
    laterSittings(state, item).map((s) => h("button", { type: "button", class: "small", "aria-label": `${fmt(S.item_defer_to, { n: s.number })}: ${name}`,
      dataset: { deferTo: s.id }, onclick: () => defer(s.id) }, fmt(S.item_defer_to, { n: s.number }))),
    h("button", { type: "button", class: "small secondary", "aria-label": `${S.item_defer_none}: ${name}`, onclick: () => defer(null) }, S.item_defer_none)),
    confirm];
}

// Questioning: respondents and question slips ----------------------------------------------------------------

export function questioningSetup() {
  const S = ctx.S;
  const respondentForm = h("form", { id: "respondent-form", class: "stack", onsubmit: (e) => {
    e.preventDefault();
    attempt(respondentForm, () => api("POST", "/api/session-respondents/", { session: ctx.B.session, official: Number(respondentForm.elements.official.value) }), S.saved);
  } },
  h("h3", {}, S.respondent_add),
  h("div", { class: "row" }, field(S.official_pick, h("select", { id: "respondent-official", name: "official", required: true })),
    h("button", { type: "submit" }, S.respondent_add)),
  formError());
  const officialForm = h("form", { id: "official-form", class: "stack", onsubmit: async (e) => {
    e.preventDefault();
    const el = officialForm.elements;
    const made = await attempt(officialForm, async () => {
      const official = await api("POST", "/api/officials/", { council: ctx.B.council, full_name: el.full_name.value.trim(), title: el.title.value.trim(), agency: el.agency.value.trim() });
      await api("POST", "/api/session-respondents/", { session: ctx.B.session, official: official.id });
      return official;
    }, S.saved);
    if (made) { officialForm.reset(); officialsReload(); }
  } },
  h("h3", {}, S.official_new),
  h("div", { class: "form-grid" },
    field(S.official_name, h("input", { id: "official-name", name: "full_name", required: true, maxlength: 120 })),
    field(S.official_title, h("input", { id: "official-title", name: "title", required: true, maxlength: 200 })),
    field(S.official_agency, h("input", { id: "official-agency", name: "agency", required: true, maxlength: 200 }))),
  h("button", { type: "submit" }, S.official_create), formError());
  const slipForm = h("form", { id: "slip-form", class: "stack", onsubmit: async (e) => {
    e.preventDefault();
    const el = slipForm.elements;
    const text = el.text.value;
    const made = await attempt(slipForm, () => api("POST", "/api/questions/", {
      session: ctx.B.session, asker: Number(el.asker.value), respondent: Number(el.respondent.value), text,
    }), S.saved);
    // The stream may show the slip before this reply arrives and the secretary may already be typing the next one.
    if (made && el.text.value === text) el.text.value = "";
  } },
  h("h3", {}, S.question_slip),
  h("div", { class: "form-grid" },
    field(S.question_asker, h("select", { id: "slip-asker", name: "asker", required: true })),
    field(S.respondent, h("select", { id: "slip-respondent", name: "respondent", required: true }))),
  field(S.question_text, h("textarea", { id: "slip-text", name: "text", required: true, rows: 3, maxlength: 10000 })),
  h("button", { type: "submit" }, S.question_add), formError());
  const topicForm = h("form", { id: "topic-form", class: "stack", onsubmit: async (e) => {
    e.preventDefault();
    const el = topicForm.elements;
    const title = el.title.value.trim();
    const respondents = [...topicForm.querySelectorAll("#topic-respondents input:checked")].map((c) => Number(c.value));
    const made = await attempt(topicForm, () => api("POST", "/api/question-topics/", {
      session: ctx.B.session, title, item: idOrNull($("topic-item").value), respondents,
    }), fmt(S.topic_created, { title }));
    if (made) topicForm.reset();
  } },
  h("h3", {}, S.topic_add),
  h("div", { class: "form-grid" },
    field(S.topic_title, h("input", { id: "topic-title", name: "title", required: true, maxlength: 300 }), "field wide"),
    field(S.topic_item, h("select", { id: "topic-item", name: "topic_item" }))),
  h("fieldset", { id: "topic-respondents", class: "choices" }, h("legend", {}, S.topic_respondents), h("div", { id: "topic-respondent-list" })),
  h("button", { type: "submit", id: "topic-submit" }, S.topic_add), formError());
  return h("div", {}, h("p", { id: "respondents-now", class: "muted" }), respondentForm, officialForm, slipForm,
    h("h3", {}, S.topic_list), h("div", { id: "topics-list" }), topicForm);
}

// Question topics: the slips of a topic in their order (POST .../arrange/ with the whole order) -----------------------

const topicsUi = { errors: {} };

function topicArrange(topic, ids) {
  return api("POST", `/api/question-topics/${topic.id}/arrange/`, { questions: ids })
    .then(() => { delete topicsUi.errors[topic.id]; ctx.run(async () => null, fmt(ctx.S.topic_arranged, { title: topic.title })); })
    .catch((err) => { topicsUi.errors[topic.id] = `${err.message || ctx.S.error}${err.code ? ` (${err.code})` : ""}`; })
    .then(() => ctx.render());
}

function topicsRefresh(state, rows) {
  const target = $("topics-list");
  const S = ctx.S;
  const q = (state.questioning) || {};
  const topics = Object.values(q.topics || {}).sort((a, b) => a.position - b.position);
  const questions = Object.values(q.questions || {});
  const free = questions.filter((x) => x.topic === null && x.status === "registered").sort((a, b) => a.position - b.position || a.id - b.id);
  const byId = Object.fromEntries(rows.map((r) => [String(r.id), r]));
  const items = agendaItems(state);
  fillSelect($("topic-item"), items.map((i) => ({ value: i.id, label: `${"· ".repeat(i.depth)}${itemLabel(i)}` })), S.topic_no_item);
  const slipLabel = (x) => `${x.asker.name} → ${x.respondent.full_name}: ${x.text.length > 80 ? `${x.text.slice(0, 80)}…` : x.text}`;
  const list = $("topic-respondent-list");
  const sig = JSON.stringify(rows.map((r) => r.id));
  if (list.dataset.sig !== sig) {
    const keep = new Set([...list.querySelectorAll("input:checked")].map((c) => c.value));
    list.dataset.sig = sig;
    mount(list, rows.length ? rows.map((r) => h("div", { class: "field check" },
      h("input", { id: `topic-resp-${r.id}`, type: "checkbox", value: r.id, checked: keep.has(String(r.id)) }),
      h("label", { for: `topic-resp-${r.id}` }, `${r.full_name} — ${r.title || ""}`))) : h("p", { class: "muted" }, S.topic_no_respondents));
  }
  // Keep a half-chosen slip while the stream re-renders.
  const chosen = Object.fromEntries([...target.querySelectorAll("select[data-topic]")].map((el) => [el.dataset.topic, el.value]));
  const focused = document.activeElement && target.contains(document.activeElement) ? document.activeElement.id : null;
  mount(target, topics.length ? h("ol", { class: "topics" }, topics.map((topic) => {
    const mine = questions.filter((x) => x.topic === topic.id).sort((a, b) => a.position - b.position);
    const ids = mine.map((x) => x.id);
    const movable = mine.every((x) => ["registered", "grouped"].includes(x.status));
    const swap = (i, j) => { const next = [...ids]; [next[i], next[j]] = [next[j], next[i]]; topicArrange(topic, next); };
    const who = topic.respondents.map((id) => (byId[String(id)] || {}).full_name || id).join("; ");
    const pick = h("select", { id: `topic-slip-${topic.id}`, dataset: { topic: topic.id } },
      h("option", { value: "" }, S.choose), free.map((x) => h("option", { value: x.id }, slipLabel(x))));
    if (chosen[topic.id] && free.some((x) => String(x.id) === chosen[topic.id])) pick.value = chosen[topic.id];
    return h("li", { class: "topic", dataset: { topicId: topic.id } },
      h("p", { class: "topic-h" }, h("strong", {}, topic.title), who ? ` · ${S.topic_respondents}: ${who}` : ""),
      mine.length ? h("ol", { class: "topic-slips" }, mine.map((x, i) => h("li", { dataset: { question: x.id } },
        h("span", {}, slipLabel(x)), " ",
        h("button", { type: "button", class: "small secondary", "aria-label": `${S.item_up}: ${slipLabel(x)}`, disabled: !movable || i === 0, onclick: () => swap(i, i - 1) }, "▲"),
        h("button", { type: "button", class: "small secondary", "aria-label": `${S.item_down}: ${slipLabel(x)}`, disabled: !movable || i === mine.length - 1, onclick: () => swap(i, i + 1) }, "▼"))))
        : h("p", { class: "muted" }, S.topic_empty),
      free.length && movable ? h("div", { class: "row" }, field(`${S.topic_slip_pick} (${topic.title})`, pick),
        h("button", { type: "button", id: `topic-slip-add-${topic.id}`, "aria-label": `${S.topic_slip_add}: ${topic.title}`,
          onclick: () => pick.value && topicArrange(topic, [...ids, Number(pick.value)]) }, S.topic_slip_add)) : null,
      topicsUi.errors[topic.id] ? h("p", { class: "form-error notice error", role: "alert" }, topicsUi.errors[topic.id]) : null);
  })) : h("p", { class: "muted" }, S.topic_none));
  if (focused && $(focused)) $(focused).focus();
}

export function questioningSetupRefresh(state, sitting) {
  if (!$("slip-form")) return;
  const S = ctx.S;
  const listed = (state.questioning && state.questioning.respondents) || {};
  const rows = Object.values(listed).sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  $("respondents-now").textContent = rows.length ? `${S.respondents}: ${rows.map((r) => r.full_name).join("; ")}` : `${S.respondents}: —`;
  fillSelect($("respondent-official"), officials().filter((o) => !listed[String(o.id)])
    .map((o) => ({ value: o.id, label: `${o.full_name} — ${o.title}` })), S.choose);
  fillSelect($("slip-respondent"), rows.map((r) => ({ value: r.id, label: `${r.full_name} — ${r.title || ""}` })), S.choose);
  const people = sitting ? delegates(sitting.date) || [] : [];
  fillSelect($("slip-asker"), people.map((p) => ({ value: p.id, label: p.full_name })), S.choose);
  topicsRefresh(state, rows);
}

// Documents of the agenda items: the list comes from the live snapshot (``documents``), uploads are multipart --------

/** POST a FormData (multipart: no JSON content type, the browser sets the boundary) with the CSRF token. */
async function upload(url, data) {
  const meta = document.querySelector('meta[name="csrf-token"]');
  const response = await fetch(url, {
    method: "POST", credentials: "same-origin", body: data,
    headers: { "X-CSRFToken": meta ? meta.content : "", Accept: "application/json", "Accept-Language": LANG },
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

const docs = { versionFor: null, editing: null };

/** Submit an upload form with its button disabled meanwhile (a slow upload is not sent twice). */
async function uploading(form, action, okText) {
  const button = form.querySelector("button[type=submit]");
  const label = button.textContent;
  button.disabled = true;
  button.textContent = ctx.S.doc_uploading;
  try {
    return await attempt(form, action, okText);
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

const ACCEPT = ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

function documentsSetup() {
  const S = ctx.S;
  const kinds = Object.entries(S.doc_kind).map(([value, label]) => h("option", { value }, label));
  const form = h("form", { id: "doc-form", class: "stack", onsubmit: async (e) => {
    e.preventDefault();
    const el = form.elements;
    const title = el.title.value.trim();
    const data = new FormData();
    data.append("item", $("doc-item").value);  // not el.item: elements.item() is a method
    data.append("title", title);
    data.append("kind", el.kind.value);
    data.append("is_public", el.is_public.checked ? "true" : "false");
    if (el.file.files[0]) data.append("file", el.file.files[0]);
    const made = await uploading(form, () => upload("/api/documents/", data), fmt(S.doc_uploaded, { title }));
    if (made) {
      const item = $("doc-item").value;
      form.reset();
      $("doc-item").value = item;
      el.kind.value = "other";
    }
  } },
  h("h3", { id: "doc-form-h" }, S.doc_add),
  h("div", { class: "form-grid" },
    field(S.poll_item, h("select", { id: "doc-item", name: "item", required: true })),
    field(S.doc_kind_label, h("select", { id: "doc-kind", name: "kind" }, kinds)),
    field(S.doc_title, h("input", { id: "doc-title", name: "title", required: true, maxlength: 300 }), "field wide"),
    field(S.doc_file, h("input", { id: "doc-file", name: "file", type: "file", required: true, accept: ACCEPT }), "field wide"),
    checkbox("doc-public", "is_public", S.doc_public)),
  h("button", { type: "submit", id: "doc-submit" }, S.doc_add),
  formError());
  form.elements.kind.value = "other";

  const version = h("form", { id: "version-form", class: "stack", hidden: true, onsubmit: async (e) => {
    e.preventDefault();
    const doc = ((ctx.stream.state && ctx.stream.state.documents) || {})[String(docs.versionFor)];
    if (!doc) return;
    const data = new FormData();
    const file = version.elements.file.files[0];
    if (file) data.append("file", file);
    const made = await uploading(version, () => upload(`/api/documents/${doc.id}/versions/`, data),
      (v) => fmt(S.doc_version_added, { n: v.number, title: doc.title }));
    if (made) versionEnd(version);
  } },
  h("h3", { id: "version-form-h" }, S.doc_version_add),
  field(S.doc_file, h("input", { id: "version-file", name: "file", type: "file", required: true, accept: ACCEPT })),
  h("div", { class: "row" },
    h("button", { type: "submit", id: "version-submit" }, S.doc_version_upload),
    h("button", { type: "button", id: "version-cancel", class: "secondary", onclick: () => versionEnd(version) }, S.cancel)),
  formError());

  const edit = h("form", { id: "doc-edit-form", class: "stack", hidden: true, onsubmit: async (e) => {
    e.preventDefault();
    const doc = ((ctx.stream.state && ctx.stream.state.documents) || {})[String(docs.editing)];
    if (!doc) return;
    const el = edit.elements;
    const title = el.title.value.trim();
    const saved = await attempt(edit, () => api("PATCH", `/api/documents/${doc.id}/`,
      { title, kind: el.kind.value, is_public: el.is_public.checked }), fmt(S.doc_saved, { title }));
    if (saved) docEditEnd(edit);
  } },
  h("h3", { id: "doc-edit-h" }, S.doc_save),
  h("div", { class: "form-grid" },
    field(S.doc_title, h("input", { id: "doc-edit-title", name: "title", required: true, maxlength: 300 }), "field wide"),
    field(S.doc_kind_label, h("select", { id: "doc-edit-kind", name: "kind" },
      Object.entries(S.doc_kind).map(([value, label]) => h("option", { value }, label)))),
    checkbox("doc-edit-public", "is_public", S.doc_public)),
  h("div", { class: "row" },
    h("button", { type: "submit", id: "doc-edit-submit" }, S.doc_save),
    h("button", { type: "button", id: "doc-edit-cancel", class: "secondary", onclick: () => docEditEnd(edit) }, S.cancel)),
  formError());

  return h("div", {}, h("h3", {}, S.doc_list), h("div", { id: "documents-list" }), edit, version, form);
}

async function docEditStart(doc) {
  const form = $("doc-edit-form");
  docs.editing = doc.id;
  form.reset();
  form.querySelector(".form-error").hidden = true;
  form.hidden = false;
  // The snapshot's is_public is the effective visibility (item and session too); the form edits the document's own flag.
  const own = await attempt(form, () => api("GET", `/api/documents/${doc.id}/`)) || doc;
  if (docs.editing !== doc.id) return;
  form.elements.title.value = own.title;
  form.elements.kind.value = own.kind;
  form.elements.is_public.checked = !!own.is_public;
  $("doc-edit-h").textContent = fmt(ctx.S.doc_edit_for, { title: doc.title });
  form.elements.title.focus();
}

function docEditEnd(form) {
  docs.editing = null;
  form.reset();
  form.hidden = true;
}

function versionStart(doc) {
  const form = $("version-form");
  docs.versionFor = doc.id;
  form.reset();
  form.querySelector(".form-error").hidden = true;
  $("version-form-h").textContent = fmt(ctx.S.doc_version_for, { title: doc.title });
  form.hidden = false;
  form.elements.file.focus();
}

function versionEnd(form) {
  docs.versionFor = null;
  form.reset();
  form.hidden = true;
}

function docAddFor(item) {
  $("doc-item").value = String(item.id);
  $("doc-title").focus();
}

/** Documents grouped by agenda item (from the live snapshot), and the item choices of the upload form. */
function documentsRefresh(state) {
  const target = $("documents-list");
  if (!target || !state) return;
  const S = ctx.S;
  const items = agendaItems(state);
  fillSelect($("doc-item"), items.map((i) => ({ value: i.id, label: `${"· ".repeat(i.depth)}${itemLabel(i)}` })), S.choose);
  const all = Object.values(state.documents || {}).sort((a, b) => a.id - b.id);
  mount(target, items.length ? h("ul", { class: "doc-groups" }, items.map((item) => {
    const name = itemLabel(item);
    const mine = all.filter((d) => d.item === item.id);
    return h("li", { class: "doc-group", dataset: { item: item.id } },
      h("p", { class: "doc-item" }, h("strong", {}, name), " ",
        h("button", { type: "button", class: "small secondary", "aria-label": `${S.doc_add_for}: ${name}`, onclick: () => docAddFor(item) }, S.doc_add_for)),
      mine.length ? h("ul", { class: "docs" }, mine.map((d) => h("li", { dataset: { document: d.id } },
        h("a", { href: `/api/documents/${d.id}/file`, target: "_blank", rel: "noopener" }, d.title),
        " · ", S.doc_kind[d.kind] || d.kind,
        " · ", d.is_public ? S.doc_public : S.doc_not_public,
        " · ", fmt(S.doc_versions, { n: d.versions.length }), " ",
        h("button", { type: "button", class: "small secondary", "aria-label": `${S.doc_version_add}: ${d.title}`,
          dataset: { versionFor: d.id }, onclick: () => versionStart(d) }, S.doc_version_add), " ",
        h("button", { type: "button", class: "small secondary", "aria-label": `${S.item_edit}: ${d.title}`,
          dataset: { editDoc: d.id }, onclick: () => docEditStart(d) }, S.item_edit))))
        : h("p", { class: "muted" }, S.no_documents));
  })) : h("p", { class: "muted" }, "—"));
  // The document a new version is being prepared for may be gone (its item deleted).
  if (docs.versionFor !== null && !(state.documents || {})[String(docs.versionFor)]) versionEnd($("version-form"));
  if (docs.editing !== null && !(state.documents || {})[String(docs.editing)]) docEditEnd($("doc-edit-form"));
}
