// The tablet's in-app document reader: PDFs drawn by the vendored pdf.js (frontend/static/vendor/pdfjs, no CDN),
// one page at a time fitted to the width, with the delegate's private notes for that document kept on this
// device only (localStorage, per person and document) and the page they were on.
//
// The render draws the frame (title, page buttons, canvas, notes) and nothing else; loading the file and drawing
// a page happen in `updated()` when the document or page changed, and a newer request cancels an older one.

import { StoreElement, fmt, html, nothing, store, strings } from "./components/base.js";
import { boot } from "./ui.js";

const WORKER = new URL("../../vendor/pdfjs/pdf.worker.min.mjs", import.meta.url).href;
const FONTS = new URL("../../vendor/pdfjs/standard_fonts/", import.meta.url).href;
let library = null;

/** pdf.js, imported once, on first use (the tablet does not pay for it until a document is opened). */
async function pdfjs() {
  if (!library) {
    library = import("pdfjs").then((lib) => {
      lib.GlobalWorkerOptions.workerSrc = WORKER;
      return lib;
    });
  }
  return library;
}

const person = () => boot().person;
export const noteKey = (docId) => `nt-note-${person()}-${docId}`;
const pageKey = (docId) => `nt-page-${person()}-${docId}`;

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;  // private mode
  }
}

function keep(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode or full: the notes stay on screen */
  }
}

class NtReader extends StoreElement {
  static watch = [["ui", "reading"], ["ui", "readerPage"], ["state", "documents"]];

  constructor() {
    super();
    this.loaded = null;  // {doc, url, pdf}
    this.drawn = null;  // "doc:page:width" last drawn
    this.task = null;
  }

  current() {
    const id = store.ui.reading;
    return id ? (store.state.documents || {})[String(id)] || null : null;
  }

  async updated() {
    const doc = this.current();
    const box = this.querySelector("#doc-note");
    if (box && box.dataset.doc !== String(doc && doc.id)) {
      box.dataset.doc = String(doc.id);
      box.value = stored(noteKey(doc.id)) || "";
    }
    if (!doc) {
      this.loaded = null;
      this.drawn = null;
      return;
    }
    if (!this.loaded || this.loaded.doc !== doc.id || this.loaded.url !== doc.latest.url) await this.load(doc);
    await this.draw();
  }

  async load(doc) {
    const url = doc.latest.url;
    this.loaded = { doc: doc.id, url, pdf: null };
    this.drawn = null;
    store.set("readerPage", { doc: doc.id, page: 0, pages: 0, error: null });
    try {
      const lib = await pdfjs();
      const pdf = await lib.getDocument({ url, isEvalSupported: false, standardFontDataUrl: FONTS, withCredentials: true }).promise;
      if (!this.loaded || this.loaded.url !== url) return;
      this.loaded.pdf = pdf;
      const last = Number(stored(pageKey(doc.id))) || 1;
      store.set("readerPage", { doc: doc.id, page: Math.min(Math.max(1, last), pdf.numPages), pages: pdf.numPages, error: null });
    } catch (err) {
      console.warn("pdf reader", err);
      if (this.loaded && this.loaded.url === url) store.set("readerPage", { doc: doc.id, page: 0, pages: 0, error: true });
    }
  }

  async draw() {
    const at = store.ui.readerPage;
    const pdf = this.loaded && this.loaded.pdf;
    const canvas = this.querySelector("canvas.pdf-page");
    if (!pdf || !at || at.doc !== this.loaded.doc || !at.page || !canvas) return;
    const width = Math.max(200, canvas.parentElement.clientWidth);
    const key = `${at.doc}:${at.page}:${width}`;
    if (this.drawn === key) return;
    this.drawn = key;
    if (this.task) this.task.cancel();
    const page = await pdf.getPage(at.page);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: width / base.width });
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    this.task = page.render({ canvas, canvasContext: canvas.getContext("2d"), viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null });
    try {
      await this.task.promise;
      canvas.dataset.page = String(at.page);  // drawn (the tests wait for it)
    } catch (err) {
      if (err && err.name !== "RenderingCancelledException") console.warn("pdf page", err);
    }
  }

  go(step) {
    const at = store.ui.readerPage;
    if (!at || !at.pages) return;
    const page = Math.min(Math.max(1, at.page + step), at.pages);
    if (page === at.page) return;
    keep(pageKey(at.doc), String(page));
    store.set("readerPage", { ...at, page });
  }

  render() {
    const S = strings();
    const doc = this.current();
    this.hidden = !doc;
    if (!doc) return nothing;
    const at = store.ui.readerPage && store.ui.readerPage.doc === doc.id ? store.ui.readerPage : { page: 0, pages: 0 };
    const status = at.error ? S.doc_failed : at.pages ? fmt(S.doc_page, { n: at.page, total: at.pages }) : S.doc_loading;
    return html`<div class="reader-head"><h2 id="reader-h">${doc.title}</h2>
        <button type="button" class="secondary" id="reader-close" @click=${() => store.set("reading", null)}>${S.doc_close}</button></div>
      <div class="reader-body">
        <div class="pdf-view">
          <div class="row pdf-tools" role="group" aria-label=${S.doc_pages}>
            <button type="button" class="secondary small" id="pdf-prev" ?disabled=${!at.pages || at.page <= 1} @click=${() => this.go(-1)}>◀ ${S.doc_prev_page}</button>
            <span id="pdf-status" class="pdf-status" aria-live="polite">${status}</span>
            <button type="button" class="secondary small" id="pdf-next" ?disabled=${!at.pages || at.page >= at.pages} @click=${() => this.go(1)}>${S.doc_next_page} ▶</button>
            <a class="small" href=${doc.latest.url} target="_blank" rel="noopener">${S.doc_open_file}</a>
          </div>
          <div class="pdf-scroll" tabindex="0" role="region" aria-label=${doc.title}><canvas class="pdf-page" role="img" aria-label=${`${doc.title} — ${status}`}></canvas></div>
        </div>
        <div class="notes"><label for="doc-note">${S.doc_note}</label>
          <textarea id="doc-note" rows="12" maxlength="20000" @input=${(e) => keep(noteKey(doc.id), e.target.value)}></textarea>
          <p class="muted">${S.doc_note_hint}</p></div></div>`;
  }
}

customElements.define("nt-reader", NtReader);
