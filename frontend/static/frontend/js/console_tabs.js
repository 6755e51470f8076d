// The console's setup on tabs under the pinned live strip (ARIA tabs: ←/→/Home/End move between tabs, the panel
// follows; the active tab is kept in the URL hash, e.g. /screens/sessions/7/console/#polls).
//
// A panel is either a section of the page (`<section data-tab="agenda" data-label="…">`, server-rendered) or a
// module loaded here. Adding a module panel is one line in console.js:
//   { id: "committee", load: () => import("./console_committee.js") }
// The module exports `label` (the tab's text, a string) and `mount(panel, ctx)`, called once with the empty
// <section> it owns and the console's context ({ say, run, stream, store, boot }); it renders into the section
// and keeps it up to date itself (store subscriptions or Lit components), whether or not the tab is shown.

const byId = (id) => document.getElementById(id);

/** Build the tab list in `host` for the page's `[data-tab]` sections and the module panels of `modules`. */
export async function tabsInit(host, modules = [], ctx = {}) {
  const panels = [...document.querySelectorAll("section[data-tab]")].map((section) => ({ id: section.dataset.tab, label: section.dataset.label, section }));
  for (const spec of modules) {
    try {
      const module = await spec.load();
      const section = document.createElement("section");
      section.className = "panel tab-panel";
      const last = [...document.querySelectorAll("section[data-tab]")].pop();
      (last || host).after(section);
      section.dataset.tab = spec.id;
      panels.push({ id: spec.id, label: module.label || spec.id, section });
      module.mount(section, ctx);
    } catch (err) {
      console.error(`console panel ${spec.id}`, err);
    }
  }
  const list = document.createElement("div");
  list.setAttribute("role", "tablist");
  list.className = "console-tabs";
  list.setAttribute("aria-label", host.dataset.label || "");
  const buttons = panels.map((p) => {
    const button = document.createElement("button");
    Object.assign(button, { type: "button", id: `tab-${p.id}`, textContent: p.label });
    button.setAttribute("role", "tab");
    button.setAttribute("aria-controls", `panel-${p.id}`);
    button.dataset.tab = p.id;
    p.section.id = `panel-${p.id}`;
    p.section.setAttribute("role", "tabpanel");
    p.section.setAttribute("aria-labelledby", button.id);
    p.section.tabIndex = 0;
    p.section.classList.add("tab-panel");
    button.addEventListener("click", () => select(p.id, { focus: false, push: true }));
    return button;
  });
  list.append(...buttons);
  host.replaceChildren(list);

  function select(id, { focus = false, push = false } = {}) {
    const chosen = panels.find((p) => p.id === id) || panels[0];
    if (!chosen) return;
    panels.forEach((p, i) => {
      const on = p === chosen;
      buttons[i].setAttribute("aria-selected", on ? "true" : "false");
      buttons[i].tabIndex = on ? 0 : -1;
      p.section.hidden = !on;
    });
    if (focus) buttons[panels.indexOf(chosen)].focus();
    if (push && location.hash !== `#${chosen.id}`) history.replaceState(null, "", `#${chosen.id}`);
  }

  list.addEventListener("keydown", (e) => {
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    const last = buttons.length - 1;
    const to = { ArrowRight: at === last ? 0 : at + 1, ArrowLeft: at === 0 ? last : at - 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    select(panels[to].id, { focus: true, push: true });
  });
  window.addEventListener("hashchange", () => select(location.hash.slice(1)));
  select(location.hash.slice(1));
  return { select, panels };
}

/** Show the tab that holds `element` (a link or shortcut into another tab). */
export function tabReveal(element) {
  const section = element && element.closest("section[data-tab]");
  const button = section && byId(`tab-${section.dataset.tab}`);
  if (button && section.hidden) button.click();
}
