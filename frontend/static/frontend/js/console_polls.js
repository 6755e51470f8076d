// Secretariat console, the poll form: kind, method, majority rule (only those the server accepts for the
// kind), options, candidates and seats of an election, the officials of a confidence vote, the flags, the
// sitting and the linked agenda item. The server decides; its refusal is shown next to the form.

import { agendaItems, api, fmt, h, liveSitting } from "./ui.js";
import { attempt, checkbox, field, fillSelect, formError, itemLabel, officialsList, sittingLabel, sittingsOf } from "./console_setup.js";

const SECRET_KINDS = ["election", "confidence", "no_confidence", "dismissal", "recall_delegate"];
const DEFAULT_OPTIONS = [
  { key: "yes", label: "tán thành", label_en: "in favour", approves: true },
  { key: "no", label: "không tán thành", label_en: "against", approves: false },
  { key: "abstain", label: "không biểu quyết", label_en: "abstaining", approves: false },
];
let S = {};
let B = {};

const $ = (id) => document.getElementById(id);
const opts = (choices) => Object.entries(choices).map(([value, label]) => h("option", { value }, label));

function removeButton(row, n) {
  return h("button", { type: "button", class: "small secondary", "aria-label": fmt(S.row_remove, { n }), onclick: () => { row.remove(); renumber(); } }, "✕");
}

let rowSeq = 0;

function optionRow(option = { key: "", label: "", label_en: "", approves: false }) {
  const n = ++rowSeq;
  const row = h("div", { class: "row option-row", dataset: { key: option.key } },
    h("input", { id: `opt-label-${n}`, class: "opt-label", value: option.label, maxlength: 120, "aria-label": fmt(S.option_label, { n }) }),
    h("input", { id: `opt-en-${n}`, class: "opt-en", value: option.label_en, maxlength: 120, lang: "en", placeholder: "English", "aria-label": fmt(S.option_label_en, { n }) }),
    h("span", { class: "check" }, h("input", { id: `opt-yes-${n}`, type: "radio", name: "approves", class: "opt-approves", checked: option.approves,
      "aria-label": fmt(S.option_approves, { n }) }), h("label", { for: `opt-yes-${n}`, "aria-hidden": "true" }, S.option_is_approving)));
  row.append(removeButton(row, n));
  return row;
}

function candidateRow(c = { name: "", title: "", agency: "" }) {
  const n = ++rowSeq;
  const row = h("div", { class: "row candidate-row" },
    h("input", { id: `cand-name-${n}`, class: "cand-name", value: c.name, maxlength: 120, placeholder: S.official_name, "aria-label": fmt(S.candidate_name, { n }) }),
    h("input", { id: `cand-title-${n}`, class: "cand-title", value: c.title, maxlength: 200, placeholder: S.official_title, "aria-label": fmt(S.candidate_title, { n }) }),
    h("input", { id: `cand-agency-${n}`, class: "cand-agency", value: c.agency, maxlength: 200, placeholder: S.official_agency, "aria-label": fmt(S.candidate_agency, { n }) }));
  row.append(removeButton(row, n));
  return row;
}

/** Row labels count from 1 in the order shown (screen readers hear "dòng 2", not an internal number). */
function renumber() {
  for (const [selector, keys] of [[".option-row", ["option_label", "option_label_en"]], [".candidate-row", ["candidate_name", "candidate_title", "candidate_agency"]]]) {
    document.querySelectorAll(`#poll-form ${selector}`).forEach((row, i) => {
      const inputs = row.querySelectorAll("input:not([type=radio])");
      keys.forEach((key, k) => inputs[k] && inputs[k].setAttribute("aria-label", fmt(S[key], { n: i + 1 })));
      const radio = row.querySelector("input[type=radio]");
      if (radio) radio.setAttribute("aria-label", fmt(S.option_approves, { n: i + 1 }));
      row.lastElementChild.setAttribute("aria-label", fmt(S.row_remove, { n: i + 1 }));
    });
  }
}

export function pollForm(options) {
  ({ S, B } = options);
  const form = h("form", { id: "poll-form", class: "stack", "aria-labelledby": "poll-form-h", onsubmit: (e) => { e.preventDefault(); pollSubmit(form); } },
    h("h3", { id: "poll-form-h" }, S.poll_form),
    h("div", { class: "form-grid" },
      field(S.poll_title, h("input", { id: "poll-title", name: "title", required: true, maxlength: 300 }), "field wide"),
      field(S.poll_kind_label, h("select", { id: "poll-kind", name: "kind", onchange: () => kindChanged(form) }, opts(S.poll_kind))),
      field(S.poll_method_label, h("select", { id: "poll-method", name: "method", onchange: () => methodChanged(form) }, opts(S.poll_method))),
      field(S.poll_rule_label, h("select", { id: "poll-rule", name: "majority_rule" })),
      field(S.poll_sitting, h("select", { id: "poll-sitting", name: "sitting", required: true })),
      field(S.poll_item, h("select", { id: "poll-item", name: "agenda_item", onchange: () => itemChanged(form) }))),
    h("fieldset", { id: "poll-options-set" }, h("legend", {}, S.poll_options),
      h("div", { id: "poll-options" }, DEFAULT_OPTIONS.map((o) => optionRow(o))),
      h("button", { type: "button", class: "small secondary", onclick: () => { $("poll-options").append(optionRow()); renumber(); } }, S.option_add)),
    h("fieldset", { id: "poll-candidates-set", hidden: true }, h("legend", { id: "poll-candidates-legend" }, S.poll_candidates),
      h("div", { id: "poll-candidates" }),
      h("div", { class: "row" },
        h("button", { type: "button", class: "small secondary", id: "candidate-add", onclick: () => { $("poll-candidates").append(candidateRow()); renumber(); } }, S.candidate_add),
        h("span", { id: "official-picker", class: "row", hidden: true },
          field(S.official_pick, h("select", { id: "poll-official" })),
          h("button", { type: "button", class: "small", id: "official-add", onclick: officialAdd }, S.official_add))),
      h("div", { id: "poll-seats-field" }, field(S.poll_seats, h("input", { id: "poll-seats", name: "seats", type: "number", min: 1, value: 1, inputmode: "numeric" })))),
    h("div", { class: "row" },
      checkbox("poll-change", "change_allowed", S.poll_change_allowed),
      checkbox("poll-counts", "show_running_counts", S.poll_running_counts, true)),
    h("button", { type: "submit", id: "poll-submit" }, S.poll_create),
    formError());
  kindChanged(form);
  return form;
}

function kindChanged(form) {
  const el = form.elements;
  const kind = el.kind.value;
  fillSelect(el.majority_rule, (S.poll_rules[kind] || Object.keys(S.majority_rule)).map((r) => ({ value: r, label: S.majority_rule[r] })), S.poll_rule_default);
  const secret = SECRET_KINDS.includes(kind);
  for (const option of el.method.options) option.disabled = secret && option.value !== "secret";
  if (secret && el.method.value !== "secret") { el.method.value = "secret"; el.method.dataset.forced = "1"; }
  if (!secret && el.method.dataset.forced) { el.method.value = "named"; delete el.method.dataset.forced; }
  form.querySelector("#poll-options-set").hidden = kind === "election" || kind === "confidence";
  form.querySelector("#poll-candidates-set").hidden = !(kind === "election" || kind === "confidence");
  form.querySelector("#poll-seats-field").hidden = kind !== "election";
  form.querySelector("#official-picker").hidden = kind !== "confidence";
  form.querySelector("#poll-candidates-legend").textContent = kind === "confidence" ? S.poll_officials : S.poll_candidates;
  if (!form.querySelector("#poll-candidates-set").hidden && !form.querySelector("#poll-candidates").children.length) {
    form.querySelector("#poll-candidates").append(candidateRow(), ...(kind === "election" ? [candidateRow()] : []));
    renumber();
  }
  methodChanged(form);
}

function methodChanged(form) {
  const el = form.elements;
  const named = el.method.value === "named";
  for (const box of [el.change_allowed, el.show_running_counts]) {
    box.disabled = !named;
    if (!named) box.checked = false;
  }
}

function itemChanged(form) {
  const el = form.elements;
  const state = window.ntStream && window.ntStream.state;
  const item = state && el.agenda_item.value && state.agenda.items[el.agenda_item.value];
  if (!item) return;
  if (item.sitting) el.sitting.value = item.sitting;
  if (!el.title.value.trim()) el.title.value = fmt(S.poll_title_for, { title: item.title });
}

function officialAdd() {
  const id = $("poll-official").value;
  const official = officialsList().find((o) => String(o.id) === id);
  if (!official) return;
  const empty = [...document.querySelectorAll("#poll-candidates .candidate-row")].find((row) => !row.querySelector(".cand-name").value.trim());
  const row = candidateRow({ name: official.full_name, title: official.title, agency: official.agency });
  if (empty) empty.replaceWith(row);
  else $("poll-candidates").append(row);
  renumber();
}

export function pollFormRefresh(state) {
  const form = $("poll-form");
  if (!form) return;
  const el = form.elements;
  const hadSitting = el.sitting.value;
  fillSelect(el.sitting, sittingsOf(state).filter((s) => s.status !== "closed").map((s) => ({ value: s.id, label: sittingLabel(s) })));
  const live = liveSitting(state);
  if (!hadSitting && live) el.sitting.value = live.id;
  fillSelect(el.agenda_item, agendaItems(state).filter((i) => i.kind !== "section").map((i) => ({ value: i.id, label: itemLabel(i) })), S.none);
  fillSelect($("poll-official"), officialsList().map((o) => ({ value: o.id, label: `${o.full_name} — ${o.title}` })), S.choose);
}

function optionsValue() {
  const rows = [...document.querySelectorAll("#poll-options .option-row")].map((row) => ({
    key: row.dataset.key || undefined, label: row.querySelector(".opt-label").value.trim(),
    label_en: row.querySelector(".opt-en").value.trim(), approves: row.querySelector(".opt-approves").checked,
  })).filter((o) => o.label);
  const same = rows.length === DEFAULT_OPTIONS.length && rows.every((o, i) => ["key", "label", "label_en", "approves"].every((k) => o[k] === DEFAULT_OPTIONS[i][k]));
  return same ? undefined : rows;  // the defaults: the server's own (keys yes / no / abstain)
}

async function pollSubmit(form) {
  const el = form.elements;
  const kind = el.kind.value;
  const body = {
    session: B.session, sitting: Number(el.sitting.value), agenda_item: el.agenda_item.value ? Number(el.agenda_item.value) : null,
    title: el.title.value.trim(), kind, method: el.method.value, change_allowed: el.change_allowed.checked,
    show_running_counts: el.show_running_counts.checked,
  };
  if (el.majority_rule.value) body.majority_rule = el.majority_rule.value;
  if (kind === "election" || kind === "confidence") {
    body.candidates = [...document.querySelectorAll("#poll-candidates .candidate-row")].map((row) => ({
      name: row.querySelector(".cand-name").value.trim(), title: row.querySelector(".cand-title").value.trim(),
      agency: row.querySelector(".cand-agency").value.trim(),
    })).filter((c) => c.name);
    if (kind === "election") body.seats = Number(el.seats.value || 1);
  } else {
    const options = optionsValue();
    if (options) body.options = options;
  }
  const poll = await attempt(form, () => api("POST", "/api/polls/", body), (made) => fmt(S.poll_created, { title: made.title }));
  if (!poll) return;
  el.title.value = "";
  $("poll-candidates").replaceChildren();
  kindChanged(form);
}
