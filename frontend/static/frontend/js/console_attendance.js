// The console's attendance checklist: every delegate in force on the sitting's day with their status; choose
// several (or everyone not present) and record them present, excused (vắng có lý do, with the reason) or
// absent in one step. The lists are loaded when the sitting or its attendance changes, never by a render;
// every page of the delegates is read, and only the newest answer is shown (an older load that returns
// late never overwrites a newer list or the records a bulk mark returned).

import { StoreElement, attendanceView, fmt, html, nothing, store, strings } from "./components/base.js";
import { api, apiList, liveSitting } from "./ui.js";

let council = null;
const chosen = new Set();
let generation = 0;  // bumped by every load and every mark: an answer from an older generation is dropped

async function load(sitting) {
  const mine = ++generation;
  const [people, records] = await Promise.all([
    apiList(`/api/people/?council=${council}&on=${sitting.date}&page_size=500`),
    api("GET", `/api/sittings/${sitting.id}/attendance/`),
  ]);
  if (mine !== generation) return;
  store.set("attendance", { sitting: sitting.id, people, records: records.records || [] });
}

/** Follow the live sitting: load its lists now and after every attendance change. */
export function attendanceInit(councilId, say) {
  council = councilId;
  let last = null;
  const reload = () => {
    const sitting = liveSitting(store.state);
    if (!sitting) return;
    last = sitting.id;
    load(sitting).catch((err) => say(`${err.message || strings().error}${err.code ? ` (${err.code})` : ""}`));
  };
  store.subscribe([["state", "sittings"]], (paths) => {
    const sitting = liveSitting(store.state);
    if (sitting && (sitting.id !== last || paths.some((p) => p.length <= 3))) reload();
  });
  store.subscribe([["state"]], (paths) => paths.some((p) => p.length === 1) && reload());  // a snapshot
  attendanceInit.say = say;
}

function statusOf(records, personId) {
  const r = records.find((x) => x.person === personId);
  if (!r) return null;
  return r.status === "present" && r.checked_out_at ? null : r.status;
}

/** One request for the whole choice (one transaction, one audit entry, one event on the server). */
async function mark(sitting, form) {
  const S = strings();
  const status = form.elements.status.value;
  const note = form.elements.note.value.trim();
  const people = [...chosen];
  if (!people.length) return attendanceInit.say(S.att_none_chosen);
  const button = form.querySelector("#att-mark");
  button.disabled = true;
  try {
    generation += 1;  // a load already on its way predates this mark
    const out = await api("POST", `/api/sittings/${sitting.id}/attendance/bulk/`, { persons: people, status, note });
    generation += 1;
    chosen.clear();
    store.set("attendance", { ...store.ui.attendance, records: out.records || [] });
    attendanceInit.say(fmt(S.done_marked, { status: S.attendance_status[status], n: (out.changed || []).length }), true);
  } catch (err) {
    attendanceInit.say(`${err.message || S.error}${err.code ? ` (${err.code})` : ""}`);
  } finally {
    button.disabled = false;
  }
  return null;
}

class NtAttendance extends StoreElement {
  static watch = [["state", "sittings"], ["ui", "attendance"], ["ui", "attendanceChosen"]];

  render() {
    const S = strings();
    const sitting = liveSitting(store.state);
    if (!sitting) return nothing;
    const data = store.ui.attendance;
    const header = html`<p class="big-line">${attendanceView(sitting)}</p>`;
    if (!data || data.sitting !== sitting.id) return header;
    const touch = () => store.set("attendanceChosen", chosen.size + Math.random());
    const rows = data.people.map((p) => ({ person: p, status: statusOf(data.records, p.id) }));
    const absent = rows.filter((r) => r.status !== "present");
    return html`${header}
      <form id="attendance-form" class="stack" @submit=${(e) => { e.preventDefault(); mark(sitting, e.target); }}>
        <div class="row">
          <button type="button" class="small secondary" id="att-all-absent" @click=${() => { absent.forEach((r) => chosen.add(r.person.id)); touch(); }}>${S.att_select_absent} (${absent.length})</button>
          <label for="att-status" class="sr-only">${S.attendance_status.present}</label>
          <select id="att-status" name="status">${Object.entries(S.attendance_status).map(([k, v]) => html`<option value=${k}>${v}</option>`)}</select>
          <label for="att-note" class="sr-only">${S.att_note}</label>
          <input id="att-note" name="note" maxlength="200" placeholder=${S.att_note}>
          <button type="submit" id="att-mark">${S.att_mark}</button>
        </div>
        <ul class="checklist" id="att-list" aria-label=${S.tabs.attendance}>${rows.map((r) => {
          const id = `att-${r.person.id}`;
          return html`<li class="att-${r.status || "none"}"><input type="checkbox" id=${id} data-person=${r.person.id} .checked=${chosen.has(r.person.id)}
            @change=${(e) => { if (e.target.checked) chosen.add(r.person.id); else chosen.delete(r.person.id); touch(); }}>
            <label for=${id}>${r.person.full_name}</label><span class="att-status">${r.status ? S.attendance_status[r.status] : "—"}</span></li>`;
        })}</ul>
      </form>`;
  }
}

customElements.define("nt-attendance", NtAttendance);
