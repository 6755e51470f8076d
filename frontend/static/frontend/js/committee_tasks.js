// The counting committee's steps on a member's tablet, and the one line every screen shows while the
// committee is awaited. Key ceremony: the tablet makes a key share, publishes it with its proof, and keeps
// only a recovery card (the share sealed under the member's passphrase: in this browser's storage and
// printed for the minutes envelope); the share itself is never stored in clear, never sent. Decryption: the
// passphrase opens the card (from storage, or typed/scanned from the printed one), the tablet decrypts the
// board's sums and sends its partial decryption with proofs.

import { partialMake, recoveryCardMake, recoveryCardOpen, shareMake } from "./ballot_crypto.js";
import { api, h } from "./ui.js";
import { renderSVG } from "../../vendor/uqr/index.js";

const EN = (document.documentElement.lang || "vi").startsWith("en");
const T = EN
  ? {
    committee: "Counting committee", key_for: "Make my key share for", passphrase: "Passphrase (at least 10 characters)",
    make_key: "Make key and recovery card", key_done: "Key share published. Print the recovery card for the minutes envelope.",
    print: "Print recovery card", decrypt_for: "Decrypt the result of", card: "Recovery card (kept on this tablet, or typed from the printed card)",
    decrypt: "Decrypt the sums", waiting: "Waiting for the counting committee to decrypt the result; still missing:",
    keys_waiting: "Waiting for the counting committee's keys:", short: "The passphrase needs at least 10 characters.",
  }
  : {
    committee: "Ban kiểm phiếu", key_for: "Tạo khóa thành phần cho", passphrase: "Mật khẩu bảo vệ (ít nhất 10 ký tự)",
    make_key: "Tạo khóa và thẻ khôi phục", key_done: "Đã công bố khóa thành phần. Hãy in thẻ khôi phục để niêm phong vào phong bì biên bản.",
    print: "In thẻ khôi phục", decrypt_for: "Giải mã kết quả của", card: "Thẻ khôi phục (lưu trên máy này, hoặc nhập từ thẻ đã in)",
    decrypt: "Giải mã tổng phiếu", waiting: "Đang chờ Ban kiểm phiếu giải mã kết quả; còn thiếu:",
    keys_waiting: "Đang chờ khóa của Ban kiểm phiếu:", short: "Mật khẩu bảo vệ cần ít nhất 10 ký tự.",
  };

const cardName = (poll, position) => `nt-committee-card-${poll}-${position}`;

function storage() {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}

/** The line screens show under a secret poll while its committee is awaited (keys before opening, decryptions after closing). */
export function tallyWaiting(poll, { cls = "notice" } = {}) {
  if (!poll || poll.method !== "secret" || !poll.committee) return null;
  if (poll.tally_pending) {
    const missing = poll.committee.filter((m) => !m.decrypted).map((m) => m.name);
    return h("p", { class: `${cls} tally-waiting`, id: `tally-waiting-${poll.id}` }, T.waiting, " ", h("strong", {}, missing.join(", ")));
  }
  if (poll.status === "draft" && poll.committee.some((m) => !m.key)) {
    return h("p", { class: "muted" }, T.keys_waiting, " ", poll.committee.filter((m) => !m.key).map((m) => m.name).join(", "));
  }
  return null;
}

/** The recovery card's QR code (an SVG element drawn on the tablet, never by the server). */
function cardQr(card, doc = document) {
  const svg = new DOMParser().parseFromString(renderSVG(card, { border: 2 }), "image/svg+xml").documentElement;
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", T.print);
  svg.setAttribute("width", "220");
  svg.setAttribute("height", "220");
  return doc.importNode(svg, true);
}

/** "Bến Đò, ngày 06 tháng 12 năm 2026" (Decree 30/2020: a zero before days under 10 and the months 1 and 2). */
function dateLine(place, day = new Date()) {
  const month = day.getMonth() + 1;
  return `${place}, ngày ${String(day.getDate()).padStart(2, "0")} tháng ${month < 3 ? `0${month}` : month} năm ${day.getFullYear()}`;
}

function official() {
  try {
    return JSON.parse(document.getElementById("nt-boot").textContent).official || null;
  } catch {
    return null;
  }
}

/** The recovery card as an official document (Decree 30/2020): issuing body and national header, place and
 *  date line, title, the member and the poll, the QR code and the card's text, the member's signature block.
 *  Always in Vietnamese: it is filed with the counting record. */
function printCard(poll, member, card) {
  const win = window.open("", "_blank", "width=800,height=1000");
  if (!win) return;
  const doc = win.document;
  const form = official() || { issuer: ["HỘI ĐỒNG NHÂN DÂN"], nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", motto: "Độc lập - Tự do - Hạnh phúc", place: "" };
  const el = (tag, css, ...children) => {
    const node = doc.createElement(tag);
    if (css) node.style.cssText = css;
    for (const child of children) node.append(child);
    return node;
  };
  const rule = (width) => el("hr", `width:${width};margin:1mm auto 2mm;border:0;border-top:1px solid #000`);
  const center = "text-align:center;margin:0";
  const head = el("div", "display:flex;justify-content:space-between;gap:4mm",
    el("div", "flex:0 0 40%", ...form.issuer.map((line) => el("p", `${center};font-weight:700`, line)), rule("35%")),
    el("div", "flex:1", el("p", `${center};font-weight:700`, form.nation), el("p", `${center};font-weight:700`, form.motto), rule("55%"),
      el("p", `${center};font-style:italic`, dateLine(form.place))));
  const headOfCommittee = member.role === "head";
  doc.title = `Thẻ khôi phục khóa — ${member.name}`;
  doc.body.style.cssText = "font-family:'Times New Roman','Liberation Serif',serif;font-size:13pt;color:#000;margin:15mm 15mm 15mm 25mm";
  doc.body.append(
    head,
    el("p", `${center};font-weight:700;font-size:14pt;margin-top:6mm`, "THẺ KHÔI PHỤC KHÓA"),
    el("p", `${center};font-weight:700`, "CỦA THÀNH VIÊN BAN KIỂM PHIẾU"),
    el("p", `${center};margin-bottom:4mm`, `Biểu quyết: ${poll.title}`),
    el("p", "margin:1mm 0", `Họ và tên: ${member.name} — ${headOfCommittee ? "Trưởng ban" : "Thành viên"} Ban kiểm phiếu (thứ tự ${member.position}).`),
    el("p", "margin:1mm 0", "Thẻ giữ khóa thành phần của thành viên, đã được mã hóa bằng mật khẩu bảo vệ do thành viên giữ. "
      + "Thẻ được niêm phong trong phong bì biên bản kiểm phiếu; chỉ dùng khi máy tính bảng của thành viên bị mất hoặc hỏng."),
    el("div", "display:flex;gap:6mm;align-items:flex-start;margin-top:4mm", cardQr(card, doc),
      el("pre", "white-space:pre-wrap;word-break:break-all;font-size:9pt;margin:0;flex:1", card)),
    el("div", "display:flex;justify-content:flex-end;margin-top:8mm",
      el("div", "width:60%;text-align:center",
        el("p", `${center};font-weight:700`, headOfCommittee ? "TRƯỞNG BAN KIỂM PHIẾU" : "THÀNH VIÊN BAN KIỂM PHIẾU"),
        el("p", `${center};font-style:italic`, "(Ký, ghi rõ họ tên)"),
        el("p", `${center};font-weight:700;margin-top:22mm`, member.name))));
  win.print();
}

async function makeKey(poll, member, form, rerender) {
  const passphrase = form.passphrase.value;
  if (passphrase.length < 10) throw new Error(T.short);
  const made = shareMake({ pollId: poll.id, position: member.position });
  const card = await recoveryCardMake({ pollId: poll.id, position: member.position, secret: made.secret, passphrase });
  made.secret = null;
  await api("POST", `/api/polls/${poll.id}/committee/share/`, made.share);
  storage()?.setItem(cardName(poll.id, member.position), card);
  rerender();
}

async function decrypt(poll, member, form, rerender) {
  const opened = await recoveryCardOpen(form.card.value, form.passphrase.value);
  if (opened.pollId !== poll.id || opened.position !== member.position) throw new Error("card of another poll or member");
  const board = await api("GET", `/api/polls/${poll.id}/board/`);
  const partial = partialMake({ pollId: poll.id, position: member.position, secret: opened.secret, sums: board.sums });
  await api("POST", `/api/polls/${poll.id}/committee/partial/`, partial);
  rerender();
}

/** The committee steps waiting for this delegate (person id) in the session's polls, as elements. */
export function committeeTasks(state, person, { rerender, toast }) {
  const tasks = [];
  for (const poll of Object.values((state && state.polls) || {})) {
    const member = (poll.committee || []).find((m) => m.person === person);
    if (!member) continue;
    const guard = (fn) => (event) => {
      event.preventDefault();
      fn(poll, member, event.target, rerender).catch((err) => toast(err.message || String(err)));
    };
    if (poll.status === "draft" && !member.key) {
      tasks.push(h("form", { class: "committee-task", id: `committee-key-${poll.id}`, onsubmit: guard(makeKey) },
        h("h3", {}, T.committee), h("p", {}, T.key_for, " «", poll.title, "»"),
        h("label", { for: `pp-${poll.id}` }, T.passphrase),
        h("input", { id: `pp-${poll.id}`, name: "passphrase", type: "password", minlength: 10, required: true, autocomplete: "off" }),
        h("button", { type: "submit", class: "big" }, T.make_key)));
    } else if (poll.status === "draft" && member.key) {
      const card = storage()?.getItem(cardName(poll.id, member.position));
      if (card) {
        tasks.push(h("div", { class: "committee-task", id: `committee-card-${poll.id}` },
          h("p", { class: "ok-line" }, "✓ ", T.key_done, " «", poll.title, "»"),
          cardQr(card),
          h("button", { type: "button", class: "secondary", onclick: () => printCard(poll, member, card) }, T.print)));
      }
    } else if (poll.tally_pending && !member.decrypted) {
      const card = storage()?.getItem(cardName(poll.id, member.position)) || "";
      tasks.push(h("form", { class: "committee-task", id: `committee-decrypt-${poll.id}`, onsubmit: guard(decrypt) },
        h("h3", {}, T.committee), h("p", {}, T.decrypt_for, " «", poll.title, "»"),
        h("label", { for: `card-${poll.id}` }, T.card),
        h("textarea", { id: `card-${poll.id}`, name: "card", rows: 2, required: true }, card),
        h("label", { for: `pp-${poll.id}` }, T.passphrase),
        h("input", { id: `pp-${poll.id}`, name: "passphrase", type: "password", required: true, autocomplete: "off" }),
        h("button", { type: "submit", class: "big" }, T.decrypt)));
    }
  }
  return tasks;
}
