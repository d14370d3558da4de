// The article view: segments in reading order, the side column for the focused one, keyboard
// flow, saving with conflict handling, and polling for changes made elsewhere. Text from files is
// only ever put in the page as text (textContent, value): never as markup.
import { api, inTextField } from "./common.js";

const article = document.getElementById("article");
const lang = article.dataset.lang;
const slug = article.dataset.slug;
const base = `/api/v1/${encodeURIComponent(lang)}/${encodeURIComponent(slug)}`;
const segs = Array.from(document.querySelectorAll(".seg"));
const NEEDS_WORK = new Set(["untranslated", "draft", "needs_review"]);
const statusLine = document.getElementById("status");
let data = { entries: {} };
let current = null;
let stamp = null;
let busy = false;

function say(text) { statusLine.textContent = text; }
function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}
function entryOf(seg) { return data.entries[seg.dataset.entry]; }
function area(seg) { return seg.querySelector("textarea"); }
function needsWork(seg) {
  const entry = entryOf(seg);
  return entry ? NEEDS_WORK.has(entry.state) : !seg.classList.contains("state-reviewed");
}
function grow(textarea) { textarea.style.height = "auto"; textarea.style.height = `${textarea.scrollHeight + 2}px`; }

function paint(seg, entry, keepText) {
  seg.className = `seg state-${entry.state}`;
  seg.querySelector(".state").textContent = entry.state_label;
  seg.querySelector(".prov").textContent = entry.provenance ? ` · ${entry.provenance}` : "";
  if (!keepText) {
    area(seg).value = entry.msgid_plural ? (entry.msgstr_plural || [""])[0] : entry.msgstr;
    delete seg.dataset.dirty;
    grow(area(seg));
  }
  if (seg === current) seg.classList.add("current");
}

function paintAll(id, keepFor) {
  for (const seg of segs) {
    if (seg.dataset.entry === id) paint(seg, data.entries[id], seg === keepFor || seg.dataset.dirty === "1");
  }
}

function focusSeg(seg) {
  if (!seg) return;
  if (current) current.classList.remove("current");
  current = seg;
  seg.classList.add("current");
  const textarea = area(seg);
  if (document.activeElement !== textarea) textarea.focus();
  seg.scrollIntoView({ block: "nearest" });
  side();
}

function neighbour(step, wanted) {
  let i = segs.indexOf(current);
  for (;;) {
    i += step;
    if (i < 0 || i >= segs.length) return null;
    if (!wanted || wanted(segs[i])) return segs[i];
  }
}

// --- the side column --------------------------------------------------------------------------

function fill(list, items) { list.replaceChildren(...items); }

function side() {
  const entry = current && entryOf(current);
  const findings = document.getElementById("findings");
  if (!entry) { fill(findings, [el("li", "loading…")]); return; }
  fill(findings, entry.findings.length ? entry.findings.map((f, i) => {
    const li = el("li", null, `finding ${f.severity}`);
    li.setAttribute("role", "listitem");
    li.append(el("strong", `${f.check} (${f.severity}): `), el("span", f.message));
    const button = el("button", i === 0 ? "dismiss (Alt+D)" : "dismiss");
    button.type = "button";
    button.addEventListener("click", () => askDismiss(f.check));
    li.append(" ", button);
    return li;
  }) : [el("li", "no findings")]);
  fill(document.getElementById("dismissed"), entry.dismissed.map((d) => el("li", `dismissed ${d.check}${d.reason ? ": " + d.reason : ""}`)));
  fill(document.getElementById("glossary"), entry.glossary.map((term) => {
    const li = el("li");
    li.append(el("span", `${term.en} → ${term.keep ? "(keep in English)" : term.target}`, "term"));
    const forms = el("span", null, "forms");
    for (const form of (term.forms.length ? term.forms : [{ case: "", form: term.target }])) {
      const button = el("button", form.case ? `${form.case}: ${form.form}` : form.form, "form");
      button.type = "button";
      button.addEventListener("click", () => insert(form.form));
      forms.append(button, " ");
    }
    li.append(forms);
    return li;
  }));
  fill(document.getElementById("alternatives"), entry.alternatives.map((alt, i) => {
    const li = el("li");
    const button = el("button", null, "alt");
    button.type = "button";
    button.append(el("kbd", `Alt+${i + 1}`), " ", el("span", alt.label, "label"), " ", el("span", alt.text, "text"));
    button.addEventListener("click", () => useAlternative(i));
    li.append(button);
    return li;
  }));
  const changed = document.getElementById("changed");
  changed.hidden = !entry.previous_diff && !entry.auto_change;
  fill(document.getElementById("diff"), (entry.previous_diff || []).map(([op, text]) => el(op === "-" ? "del" : op === "+" ? "ins" : "span", text)));
  document.getElementById("auto").textContent = entry.auto_change ? `automatic change: ${entry.auto_change}` : "";
  const comments = entry.comments.map((c) => el("li", c));
  if (entry.extracted_comment) comments.push(el("li", entry.extracted_comment, "extracted"));
  fill(document.getElementById("comments"), comments.length ? comments : [el("li", "none")]);
}

function insert(text) {
  if (!current) return;
  const textarea = area(current);
  const start = textarea.selectionStart, end = textarea.selectionEnd;
  textarea.setRangeText(text, start, end, "end");
  current.dataset.dirty = "1";
  textarea.focus();
}

function useAlternative(index) {
  const entry = current && entryOf(current);
  if (!entry || !entry.alternatives[index]) return;
  area(current).value = entry.alternatives[index].text;
  current.dataset.dirty = "1";
  area(current).focus();
  say(`alternative ${index + 1} put in: ${entry.alternatives[index].label}`);
}

// --- saving -----------------------------------------------------------------------------------

async function save(seg, approve, version) {
  const entry = entryOf(seg);
  if (busy) { say("still saving the previous change…"); return false; }
  if (!entry) return false;
  if (entry.msgid_plural) { say("plural entries are edited in a PO editor"); return false; }
  busy = true;
  const body = { msgid: entry.msgid, msgctxt: entry.msgctxt, msgstr: area(seg).value, approve, version: version || entry.version };
  try {
    const { status, data: answer } = await api("PUT", `${base}/entries`, body);
    if (status === 200) {
      data.entries[entry.id] = answer.entry;
      stamp = answer.stamp;
      seg.querySelector(".conflict").hidden = true;
      delete seg.dataset.dirty;
      paintAll(entry.id);
      side();
      say(approve ? "approved and saved" : "saved");
      return true;
    }
    if (status === 409) { showConflict(seg, body, answer.theirs); return false; }
    say(`not saved: ${answer && answer.error ? answer.error : "error " + status}`);
    return false;
  } catch (error) {
    say(`not saved: ${error}`);
    return false;
  } finally {
    busy = false;
  }
}

function showConflict(seg, yours, theirs) {
  const box = seg.querySelector(".conflict");
  box.replaceChildren();
  box.setAttribute("role", "alert");
  box.append(el("p", "Someone changed this entry since you opened it. Nothing was saved: choose."));
  const theirText = theirs ? theirs.msgstr : "(the sentence is no longer in the catalog: the article changed; reload the page)";
  const theirLine = el("p", null, "theirs");
  theirLine.append(el("strong", "theirs: "), el("span", theirText));
  const yourLine = el("p", null, "yours");
  yourLine.append(el("strong", "yours: "), el("span", yours.msgstr));
  box.append(theirLine, yourLine);
  if (theirs) {
    const keep = el("button", "keep mine"); keep.type = "button";
    keep.addEventListener("click", () => save(seg, yours.approve, theirs.version));
    const take = el("button", "take theirs"); take.type = "button";
    take.addEventListener("click", () => {
      data.entries[theirs.id] = theirs; box.hidden = true; paintAll(theirs.id); side(); area(seg).focus();
    });
    const merge = el("button", "merge by hand"); merge.type = "button";
    merge.addEventListener("click", () => {
      data.entries[theirs.id] = { ...entryOf(seg), version: theirs.version };
      box.hidden = true; area(seg).focus(); say("edit the text, then save: it replaces theirs");
    });
    box.append(keep, " ", take, " ", merge);
  }
  box.hidden = false;
  say("conflict: the entry changed on disk");
}

async function approveAndNext() {
  const seg = current;
  if (await save(seg, true)) focusSeg(neighbour(1, needsWork) || seg);
}

function askDismiss(check) {
  const entry = current && entryOf(current);
  if (!entry) return;
  const finding = check ? entry.findings.find((f) => f.check === check) : entry.findings[0];
  if (!finding) { say("no finding to dismiss"); return; }
  const form = document.getElementById("dismiss-form");
  const label = el("label", `Why is "${finding.check}" wrong here? `);
  const input = el("input"); input.type = "text"; input.size = 30;
  label.append(input);
  form.replaceChildren(label, el("span", " Enter dismisses, Esc cancels"));
  form.hidden = false;
  const seg = current;
  input.addEventListener("keydown", async (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      const { status, data: answer } = await api("POST", `${base}/dismiss`, { msgid: entry.msgid, msgctxt: entry.msgctxt, check: finding.check, reason: input.value });
      form.hidden = true;
      if (status === 200) { data.entries[entry.id] = answer.entry; stamp = answer.stamp; paintAll(entry.id, seg); side(); say(`dismissed ${finding.check}`); }
      else say(`not dismissed: ${answer && answer.error}`);
      area(seg).focus();
    } else if (event.key === "Escape") {
      event.preventDefault(); event.stopPropagation(); form.hidden = true; area(seg).focus();
    }
  });
  input.focus();
}

async function undo() {
  const { status, data: answer } = await api("POST", `${base}/undo`, {});
  if (status === 200) {
    data.entries[answer.entry.id] = answer.entry; stamp = answer.stamp; paintAll(answer.entry.id); side();
    say("last save undone");
  } else say(`nothing undone: ${answer && answer.error}`);
}

// --- keeping up with changes made elsewhere ---------------------------------------------------

async function load() {
  const { status, data: payload } = await api("GET", base);
  if (status !== 200) { say(`cannot load the article: ${payload && payload.error}`); return; }
  const previous = data.entries;
  data = payload;
  stamp = payload.stamp;
  for (const seg of segs) {
    const entry = entryOf(seg);
    if (!entry) continue;
    const old = previous[seg.dataset.entry];
    const keep = seg.dataset.dirty === "1" || (seg === current && old && old.version === entry.version);
    paint(seg, entry, keep || (old && old.version === entry.version));
    if (seg.dataset.dirty === "1" && old && old.version !== entry.version) {
      seg.querySelector(".note").textContent = " · changed on disk meanwhile: saving will ask";
      data.entries[seg.dataset.entry] = { ...entry, version: old.version };
    }
  }
  const catalogFindings = payload.catalog_findings.map((f) => `${f.check}: ${f.message}`).join("; ");
  document.getElementById("catalog-findings").textContent = catalogFindings;
  side();
}

async function poll() {
  try {
    const { status, data: answer } = await api("GET", `${base}/stamp`);
    if (status === 200 && answer.stamp !== stamp && !busy) await load();
  } catch (_) { /* the server may be restarting; try again */ }
}

// --- keys -------------------------------------------------------------------------------------

function togglePreview(show) {
  const pane = document.getElementById("preview");
  const open = show ?? pane.hidden;
  if (open) document.getElementById("preview-frame").src = `/preview/${encodeURIComponent(lang)}/${encodeURIComponent(slug)}`;
  pane.hidden = !open;
  if (!open && current) area(current).focus();
}

function onKey(event) {
  const key = event.key;
  if (event.ctrlKey && key === "Enter") { event.preventDefault(); approveAndNext(); return; }
  if (event.ctrlKey && (key === "s" || key === "S")) { event.preventDefault(); if (current) save(current, false); return; }
  if (!event.altKey || event.ctrlKey) {
    if (key === "Escape" && !document.getElementById("preview").hidden) { event.preventDefault(); togglePreview(false); }
    return;
  }
  const digit = /^Digit([1-9])$/.exec(event.code);
  if (digit) { event.preventDefault(); useAlternative(Number(digit[1]) - 1); return; }
  const actions = {
    ArrowDown: () => focusSeg(neighbour(1)),
    ArrowUp: () => focusSeg(neighbour(-1)),
    PageDown: () => focusSeg(neighbour(1, needsWork)),
    KeyD: () => askDismiss(),
    KeyZ: () => undo(),
    KeyP: () => togglePreview(),
    KeyG: () => document.querySelector("#glossary button")?.focus(),
  };
  const action = actions[key] || actions[event.code];
  if (action) { event.preventDefault(); action(); }
}

for (const seg of segs) {
  const textarea = area(seg);
  grow(textarea);
  textarea.addEventListener("focus", () => { if (current !== seg) focusSeg(seg); });
  textarea.addEventListener("input", () => { seg.dataset.dirty = "1"; grow(textarea); });
}
document.addEventListener("keydown", onKey);
document.getElementById("preview-link").addEventListener("click", (event) => { event.preventDefault(); togglePreview(true); });
document.getElementById("preview-close").addEventListener("click", () => togglePreview(false));

await load();
focusSeg(segs.find(needsWork) || segs[0]);
setInterval(poll, 3000);
