// FreshScale console: prices (PLUs, scheduled changes, promotions — edited, then published together),
// the scale fleet, sales reports with CSV export, recognition quality, till reconciliation and sale numbers used twice.
// Built on the server's JSON API.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let store = null;
  let plus = [];
  let scheduled = []; // the store's scheduled prices, as listed ({id, change})
  let currency = "EUR";
  let tab = "prices";
  let seenSales = new Set();
  let me = null; // the logged-in account: {user, role, stores}

  // One number and date format per language: the browser's, for money, masses, counts and times alike.
  const LOCALE = navigator.language || "en";
  const fmt = {};
  function nf(key, opts) { return fmt[key] || (fmt[key] = new Intl.NumberFormat(LOCALE, opts)); }
  function money(minor, cur) {
    const c = cur || currency;
    const f = nf("money-" + c, { style: "currency", currency: c });
    return f.format(minor / Math.pow(10, f.resolvedOptions().maximumFractionDigits));
  }
  function count(n) { return nf("int", { maximumFractionDigits: 0 }).format(n); }
  function minor(text) {
    const s = String(text).trim().replace(",", ".");
    if (!/^\d+(\.\d{1,2})?$/.test(s)) throw new Error("'" + text + "' is not a price like 2.49");
    const [a, b] = s.split(".");
    return parseInt(a, 10) * 100 + parseInt(((b || "") + "00").slice(0, 2), 10);
  }
  function time(iso) { return new Date(iso).toLocaleString(LOCALE); }
  function date(day) { return new Date(day + "T12:00:00").toLocaleDateString(LOCALE); }
  function kg(mg) { return nf("kg", { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(mg / 1e6) + " kg"; }
  function pcs(n) { return count(n) + " pcs"; }
  function name(p) { return (p.names && (p.names.en || Object.values(p.names)[0])) || p.code; }
  function toast(msg, err) {
    const t = $("toast"); t.textContent = msg; t.className = "toast" + (err ? " err" : ""); t.hidden = false;
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.hidden = true; }, err ? 7000 : 3000);
  }
  function toLogin(ended) {
    location.replace("/console/login.html?" + new URLSearchParams(Object.assign({ next: location.pathname + location.search }, ended ? { ended: "1" } : {})));
  }
  async function api(method, url, body) {
    // the header tells the server this is the console: a 401 then does not pop up the browser's Basic login box
    const r = await fetch(url, { method: method, headers: { "Content-Type": "application/json", "X-FreshScale-Console": "1" },
      body: body === undefined ? undefined : JSON.stringify(body) });
    if (r.status === 401) { toLogin(me !== null); throw new Error("please log in"); }
    if (r.status === 204) return null;
    const j = await r.json().catch(() => null);
    if (!r.ok) throw new Error((j && j.error) || ("HTTP " + r.status));
    return j;
  }
  function td(text, cls) { const c = document.createElement("td"); if (cls) c.className = cls; c.textContent = text === null || text === undefined ? "—" : text; return c; }
  function button(text, cls, fn) { const b = document.createElement("button"); b.className = "btn " + (cls || ""); b.textContent = text; b.onclick = fn; return b; }

  // ---- prices: edits are collected as a draft (kept in this browser), then published together ----
  // One publish = one transaction on the server = one new signed price book, so the scales never price
  // from half of a manager's edits. The draft survives a reload (localStorage, per store). The rules (price
  // ceilings, confirmations, names) are the server's: the console asks it with a dry run of the change set and
  // shows its answer, so the form refuses exactly what the API refuses, with the same message.
  function emptyDraft() { return { createPlus: {}, putPlus: {}, putPromotions: {}, addScheduledPrices: [], deletePromotions: [], deleteScheduledPrices: [], deletePlus: [], confirm: [] }; }
  function draftKey() { return "freshscale.draft." + store; }
  function draft() { try { return Object.assign(emptyDraft(), JSON.parse(localStorage.getItem(draftKey()) || "{}")); } catch (e) { return emptyDraft(); } }
  function saveDraft(d) { localStorage.setItem(draftKey(), JSON.stringify(d)); renderDraft(); }
  function draftSize(d) {
    return Object.keys(d.createPlus).length + Object.keys(d.putPlus).length + Object.keys(d.putPromotions).length + d.addScheduledPrices.length
      + d.deletePromotions.length + d.deleteScheduledPrices.length + d.deletePlus.length;
  }
  function changeSet(d) {
    return { createPlus: Object.values(d.createPlus), putPlus: Object.values(d.putPlus), putPromotions: Object.values(d.putPromotions),
      addScheduledPrices: d.addScheduledPrices, deletePromotions: d.deletePromotions, deleteScheduledPrices: d.deleteScheduledPrices,
      deletePlus: d.deletePlus, confirmPriceChanges: d.confirm };
  }
  /** The server's verdict on a change set without publishing it: {changes, confirmations}, or an Error with its message. */
  function check(d) { return api("POST", `/api/stores/${store}/changes?dryRun=true`, changeSet(d)); }
  /** Stages an edit only if the server's rules accept the draft with it; else shows why and stages nothing. */
  async function stage(edit, message, errorBox) {
    const d = draft(); edit(d);
    if (draftSize(d)) {
      try { await check(d); } catch (e) {
        if (errorBox) { errorBox.textContent = e.message; errorBox.hidden = false; }
        toast(e.message, true); return false;
      }
    }
    saveDraft(d); renderPlus(); toast(message + " — publish to send it to the scales");
    return true;
  }
  function offerText(p) { return p.kind === "PERCENT_OFF" ? (p.value / 100) + " % off" : p.kind === "FIXED_OFF" ? money(p.value) + " off" : "now " + money(p.value); }
  function fieldValue(field, v) {
    if (v === null || v === undefined || v === "") return "—";
    if (field === "price" || field.startsWith("price from")) return money(parseInt(v, 10));
    if (field === "tare (mg)" || field === "typical piece (mg)") return count(parseInt(v, 10) / 1000) + " g";
    if (field === "sold") return { PER_KG: "per kg", PER_PIECE: "per piece", FIXED: "fixed" }[v] || v;
    return v;
  }
  function sameConfirmation(a, b) { return a.pluCode === b.pluCode && (a.fromMinor === undefined ? null : a.fromMinor) === (b.fromMinor === undefined ? null : b.fromMinor) && a.toMinor === b.toMinor && (a.change || null) === (b.change || null); }
  let draftSeq = 0;
  async function renderDraft() {
    const seq = ++draftSeq;
    const d = draft();
    const box = $("draft");
    if (!draftSize(d)) { box.hidden = true; $("publish").classList.remove("pending"); return; }
    let verdict = null, error = null;
    try { verdict = await check(d); } catch (e) { error = e.message; }
    if (seq !== draftSeq) return; // a newer render is on its way
    const list = $("draft-list"); list.innerHTML = "";
    const err = $("draft-error"); err.hidden = !error; err.textContent = error ? "Cannot be published: " + error : "";
    const byPlu = new Map();
    (verdict ? verdict.changes : []).forEach((c) => { if (!byPlu.has(c.pluCode)) byPlu.set(c.pluCode, []); byPlu.get(c.pluCode).push(c); });
    byPlu.forEach((changes, code) => {
      const li = document.createElement("li"); li.dataset.plu = code;
      const item = changes.find((c) => c.field === "item");
      const known = plus.find((q) => q.code === code);
      const title = item && item.oldValue === null ? `New PLU ${code} ${item.newValue}` : item && item.newValue === null ? `Remove PLU ${code} ${item.oldValue}`
        : `PLU ${code} ${known ? name(known) : ""}`;
      const b = document.createElement("b"); b.textContent = title; li.append(b);
      const ul = document.createElement("ul");
      changes.filter((c) => c.field !== "item").forEach((c) => {
        const f = document.createElement("li"); f.className = "field"; f.dataset.field = c.field;
        // a new item lists its values; an edited one each field old → new ("—" where a field was or becomes empty)
        const created = item && item.oldValue === null;
        const removedWhole = item && item.newValue === null;
        f.textContent = created ? `${c.field}: ${fieldValue(c.field, c.newValue)}` : removedWhole || (c.newValue === null && (c.field.startsWith("promotion ") || c.field.startsWith("price from ")))
          ? `${c.field}: ${fieldValue(c.field, c.oldValue)} removed` : `${c.field}: ${fieldValue(c.field, c.oldValue)} → ${fieldValue(c.field, c.newValue)}`;
        ul.append(f);
      });
      li.append(ul); list.append(li);
    });
    if (!verdict) Object.keys(d.createPlus).concat(Object.keys(d.putPlus), d.deletePlus).forEach((code) => {
      const li = document.createElement("li"); li.textContent = "PLU " + code; list.append(li);
    });
    const conf = $("draft-confirm"); conf.innerHTML = "";
    const needed = verdict ? verdict.confirmations : [];
    // confirmations of changes no longer in the draft (or changed since) are dropped: a yes is for one old → new only
    const kept = d.confirm.filter((c) => needed.some((n) => sameConfirmation(n.confirmation, c)));
    if (kept.length !== d.confirm.length) { d.confirm = kept; localStorage.setItem(draftKey(), JSON.stringify(d)); }
    needed.forEach((n) => {
      const l = document.createElement("label"); l.className = "confirm"; l.dataset.plu = n.confirmation.pluCode;
      const cb = document.createElement("input"); cb.type = "checkbox"; cb.name = "confirm";
      cb.checked = kept.some((c) => sameConfirmation(n.confirmation, c));
      cb.onchange = () => {
        const dr = draft();
        dr.confirm = dr.confirm.filter((c) => !sameConfirmation(c, n.confirmation));
        if (cb.checked) dr.confirm.push(n.confirmation);
        saveDraft(dr);
      };
      l.append(cb, document.createTextNode(" " + n.message)); conf.append(l);
    });
    const open = needed.filter((n) => !kept.some((c) => sameConfirmation(n.confirmation, c))).length;
    const n = draftSize(d);
    const publish = $("publish-changes");
    publish.disabled = !!error || open > 0;
    publish.textContent = open > 0 ? `Confirm ${open} price change${open === 1 ? "" : "s"} to publish` : `Publish ${n} change${n === 1 ? "" : "s"} to the scales`;
    box.hidden = false;
    $("publish").classList.add("pending");
  }
  async function publishDraft() {
    const d = draft();
    if (!draftSize(d)) return;
    try {
      await api("POST", `/api/stores/${store}/changes`, changeSet(d));
    } catch (e) { toast("Nothing was published: " + e.message, true); const err = $("draft-error"); err.textContent = e.message; err.hidden = false; return; }
    // published: the draft is gone at once, whatever the reload of the lists below takes
    localStorage.removeItem(draftKey());
    await renderDraft();
    toast("Published — the scales get the new price book within seconds");
    try { await loadPrices(); } catch (e) { toast("Published, but the lists could not be reloaded: " + e.message, true); }
    setTimeout(() => loadPublish().catch(() => {}), 1500);
  }
  async function loadPrices() {
    const [list, sched, promos] = await Promise.all([api("GET", `/api/stores/${store}/plus`),
      api("GET", `/api/stores/${store}/scheduled-prices`), api("GET", `/api/stores/${store}/promotions`)]);
    plus = list; scheduled = sched;
    renderPlus();
    const sb = $("scheduled").tBodies[0]; sb.innerHTML = "";
    sched.forEach((s) => {
      const tr = document.createElement("tr");
      tr.append(td(s.change.pluCode), td(money(s.change.unitPriceMinor), "num"), td(time(s.change.effectiveFrom)));
      const c = document.createElement("td"); c.append(button("Delete", "danger", () => stage((d) => { if (!d.deleteScheduledPrices.includes(s.id)) d.deleteScheduledPrices.push(s.id); }, "Deletion noted")));
      tr.append(c); sb.append(tr);
    });
    const pb = $("promotions").tBodies[0]; pb.innerHTML = "";
    promos.forEach((p) => {
      const tr = document.createElement("tr");
      tr.append(td(p.id), td(p.pluCode), td(offerText(p) + " — " + (p.texts.en || "")), td(time(p.validFrom) + " – " + time(p.validUntil)));
      const c = document.createElement("td"); c.append(button("Delete", "danger", () => stage((d) => { if (!d.deletePromotions.includes(p.id)) d.deletePromotions.push(p.id); }, "Deletion noted")));
      tr.append(c); pb.append(tr);
    });
    loadHistory().catch((e) => toast(e.message, true));
    await loadPublish(); // which shows the draft too
  }
  async function loadHistory() {
    const p = new URLSearchParams({ store: store, limit: "200" });
    const plu = $("history-plu").value.trim(); if (plu) p.set("plu", plu);
    $("history-csv").href = "/api/reports/price-history?" + p + "&format=csv";
    const rows = await api("GET", "/api/reports/price-history?" + p);
    const body = $("history").tBodies[0]; body.innerHTML = "";
    rows.forEach((r) => {
      const tr = document.createElement("tr");
      tr.append(td(time(r.changedAt)), td(r.user), td(r.pluCode), td(r.field), td(fieldValue(r.field, r.oldValue)), td(fieldValue(r.field, r.newValue)));
      body.append(tr);
    });
    if (!rows.length) { const tr = document.createElement("tr"); const c = td("No published change yet."); c.colSpan = 6; tr.append(c); body.append(tr); }
  }
  async function loadPublish() {
    const s = await api("GET", `/api/stores/${store}`);
    currency = s.currency;
    let text = `Published price book: version ${s.publishedVersion || "—"}.`;
    try { const b = await api("GET", `/api/stores/${store}/pricebook`); text += ` Signed ${time(b.publishedAt)}.`; } catch (e) { /* none yet */ }
    const el = $("publish");
    el.textContent = text + " Your edits are collected in the panel beside the items; publishing signs them as one new price book, which reaches the store's scales within seconds (offline scales get it when they reconnect).";
    el.dataset.version = s.publishedVersion;
    await renderDraft();
  }
  // The price the scales charge now: the item's price, or its scheduled price that started last (GET .../plus says which).
  function inForce(p) { return p.priceInForceMinor === undefined ? p.unitPriceMinor : p.priceInForceMinor; }
  /**
   * Notes {@code updated} (an edit of {@code p}) in the draft. A price different from the one in force is the price from now:
   * the server removes the item's scheduled prices that have started with it. Back to the item's own price while a started
   * scheduled one is in force, the same price would change nothing: the started ones are removed instead (judged by the
   * server as the change at the scales).
   */
  function notePlu(d, p, updated) {
    delete updated.priceInForceMinor; // read-only
    const started = scheduled.filter((s) => s.change.pluCode === p.code && Date.parse(s.change.effectiveFrom) <= Date.now()).map((s) => s.id);
    d.deleteScheduledPrices = d.deleteScheduledPrices.filter((id) => !started.includes(id));
    if (updated.unitPriceMinor === p.unitPriceMinor && updated.unitPriceMinor !== inForce(p)) d.deleteScheduledPrices.push(...started);
    d.putPlus[p.code] = updated;
  }
  function renderPlus() {
    const q = $("plu-filter").value.trim().toLowerCase();
    const d = draft();
    const body = $("plus").tBodies[0]; body.innerHTML = "";
    plus.filter((p) => !q || p.code.startsWith(q) || Object.values(p.names).some((n) => n.toLowerCase().includes(q)))
      .forEach((p) => {
        const staged = d.putPlus[p.code];
        const removed = d.deletePlus.includes(p.code);
        const shown = staged || p;
        const tr = document.createElement("tr"); tr.dataset.plu = p.code; if (staged || removed) tr.className = "staged";
        tr.append(td(p.code), td(name(shown) + (shown.names.de ? " / " + shown.names.de : "") + (removed ? " (to be removed)" : "")),
          td({ PER_KG: "per kg", PER_PIECE: "per piece", FIXED: "fixed" }[shown.saleType]),
          td([shown.originCountry, shown.qualityClass ? "Class " + shown.qualityClass : null, shown.variety].filter((x) => x).join(" · ") || "—"));
        const pc = document.createElement("td"); pc.className = "num";
        const price = staged ? staged.unitPriceMinor : inForce(p); // what the scales charge (or will, once published)
        const input = document.createElement("input"); input.className = "price"; input.value = (price / 100).toFixed(2); input.name = "price";
        if (!staged && inForce(p) !== p.unitPriceMinor) input.title = `Scheduled price in force; the item's own price is ${money(p.unitPriceMinor)}`;
        pc.append(input, document.createTextNode(" " + p.currency)); tr.append(pc);
        const ac = document.createElement("td"); const cb = document.createElement("input"); cb.type = "checkbox"; cb.checked = shown.active; cb.name = "active"; ac.append(cb); tr.append(ac);
        const bc = document.createElement("td");
        bc.append(button("Change", "save", () => {
          let updated;
          try { updated = Object.assign({}, shown, { unitPriceMinor: minor(input.value), active: cb.checked }); } catch (e) { toast(e.message, true); return; }
          stage((dr) => { if (updated.unitPriceMinor === inForce(p) && updated.active === p.active && !staged) delete dr.putPlus[p.code]; else notePlu(dr, p, updated); },
            `PLU ${p.code}: change noted`);
        }), document.createTextNode(" "), button("Edit", "edit", () => openItemForm(shown, "edit")), document.createTextNode(" "),
        button(removed ? "Keep" : "Remove", "danger remove", () => stage((dr) => {
          if (dr.deletePlus.includes(p.code)) dr.deletePlus = dr.deletePlus.filter((c) => c !== p.code);
          else { dr.deletePlus.push(p.code); delete dr.putPlus[p.code]; }
        }, removed ? `PLU ${p.code} stays` : `PLU ${p.code}: removal noted`)));
        tr.append(bc); body.append(tr);
      });
  }
  // The one form for a new item and for editing every field of an existing one (names in every language too).
  function openItemForm(p, mode) {
    const f = $("item-form"); const e = f.elements;
    e.mode.value = mode;
    $("item-form-title").textContent = mode === "create" ? "New PLU" : `Edit PLU ${p.code}`;
    $("item-submit").textContent = mode === "create" ? "Add to changes" : "Note the changes";
    e.code.value = p.code || ""; e.code.readOnly = mode !== "create";
    const langs = Array.from(new Set(["en", "de"].concat(Object.keys(p.names || {}))));
    const names = $("item-names"); names.innerHTML = "";
    langs.forEach((l) => {
      const lab = document.createElement("label"); lab.textContent = `Name (${l}) `;
      const i = document.createElement("input"); i.name = "name-" + l; i.dataset.lang = l; i.value = (p.names || {})[l] || "";
      lab.append(i); names.append(lab);
    });
    e.saleType.value = p.saleType || "PER_KG";
    e.price.value = p.unitPriceMinor === undefined ? "" : (inForce(p) / 100).toFixed(2);
    e.tare.value = String(Math.round((p.presetTareMg || 0) / 1000));
    e.typicalPiece.value = p.typicalPieceMg ? String(Math.round(p.typicalPieceMg / 1000)) : "";
    e.shelfLife.value = String(p.shelfLifeDays || 0);
    e.origin.value = p.originCountry || ""; e.qualityClass.value = p.qualityClass || ""; e.variety.value = p.variety || "";
    e.labels.value = (p.modelLabels || []).join(", ");
    e.active.checked = p.active === undefined ? true : p.active;
    $("item-error").hidden = true;
    f.dataset.base = JSON.stringify(p);
    f.hidden = false;
    (mode === "create" ? e.code : names.querySelector("input")).focus();
  }
  function wholeNumber(text, what) {
    const t = String(text).trim();
    if (!/^\d+$/.test(t)) throw new Error(what + " must be a whole number, not '" + text + "'");
    return parseInt(t, 10);
  }
  async function submitItemForm(ev) {
    ev.preventDefault();
    const f = $("item-form"); const e = f.elements; const err = $("item-error"); err.hidden = true;
    const base = JSON.parse(f.dataset.base || "{}");
    let plu;
    try {
      const names = {};
      f.querySelectorAll("#item-names input").forEach((i) => { if (i.value !== "" || (base.names || {})[i.dataset.lang] !== undefined) names[i.dataset.lang] = i.value; });
      // an emptied optional language is dropped; the server trims the rest and refuses a blank one
      Object.keys(names).forEach((l) => { if (names[l].trim() === "" && l !== "en" && Object.keys(names).length > 1) delete names[l]; });
      plu = Object.assign({ barcodeLayout: "ean13-price", labelLayout: "default", currency: currency }, base, {
        code: e.code.value.trim(), names: names, saleType: e.saleType.value, unitPriceMinor: minor(e.price.value), currency: currency,
        presetTareMg: wholeNumber(e.tare.value, "Tare") * 1000, shelfLifeDays: wholeNumber(e.shelfLife.value, "Shelf life"),
        modelLabels: e.labels.value.split(",").map((s) => s.trim()).filter((s) => s), active: e.active.checked,
        originCountry: e.origin.value.trim().toUpperCase() || null, qualityClass: e.qualityClass.value || null, variety: e.variety.value.trim() || null });
      // grams in the form, mg in the book; empty: none. The server refuses one on an item not sold per piece.
      plu.typicalPieceMg = e.typicalPiece.value.trim() === "" ? null : wholeNumber(e.typicalPiece.value, "Typical piece") * 1000;
      if (!/^[0-9]{1,5}$/.test(plu.code)) throw new Error("a PLU is 1 to 5 digits");
    } catch (x) { err.textContent = x.message; err.hidden = false; return; }
    const create = e.mode.value === "create";
    const ok = await stage((d) => {
      if (create) d.createPlus[plu.code] = plu;
      else if (d.createPlus[plu.code]) d.createPlus[plu.code] = plu;
      else notePlu(d, plus.find((q) => q.code === plu.code) || plu, plu);
    }, create ? `New PLU ${plu.code} noted` : `PLU ${plu.code}: changes noted`, err);
    if (ok) { f.reset(); f.hidden = true; }
  }

  // ---- fleet ----
  // The weighing ranges a scale reported (Max and e per partial range, Min), by which HQ judges its per-kg sales; a change
  // of them after the first report is a metrological event: shown with when and what they were (every change in the tooltip).
  function ranges(s) {
    if (!s.rangesText) return "— (not reported)";
    const last = (s.rangeChanges || [])[0];
    return last && last.fromText ? `${s.rangesText} ⚠ changed ${time(last.changedMs)}, was ${last.fromText}` : s.rangesText;
  }
  // The time zone a scale dates its labels in, against the one HQ counts its store's business day in: when they differ, a
  // label printed near midnight carries another date than the day HQ reports the sale on (the reason in the tooltip).
  function zone(s) {
    if (!s.timeZone) return "— (not reported)";
    return s.zoneWarning ? `${s.timeZone} ⚠ store's day is ${s.storeTimeZone}` : s.timeZone;
  }

  // Updated in place every 3 s: a row's cells change their text only when the value changed, and its buttons are
  // made once, so a click never lands on a button that was replaced under the pointer.
  async function loadFleet() {
    const scales = await api("GET", `/api/scales?store=${encodeURIComponent(store)}`);
    const body = $("scales").tBodies[0];
    const empty = body.querySelector("tr.empty");
    if (empty && scales.length) empty.remove();
    const ids = new Set(scales.map((s) => s.scaleId));
    body.querySelectorAll("tr[data-scale]").forEach((tr) => { if (!ids.has(tr.dataset.scale)) tr.remove(); });
    for (const s of scales) {
      const st = s.status || {};
      const last = await api("GET", `/api/reports/latest?store=${encodeURIComponent(store)}&scale=${encodeURIComponent(s.scaleId)}&limit=1`);
      let tr = body.querySelector(`tr[data-scale="${CSS.escape(s.scaleId)}"]`);
      if (!tr) {
        tr = document.createElement("tr"); tr.dataset.scale = s.scaleId;
        for (let i = 0; i < 11; i++) tr.append(td(""));
        const act = document.createElement("td");
        const send = (command, done) => async () => {
          try { await api("POST", `/api/scales/${encodeURIComponent(store)}/${encodeURIComponent(s.scaleId)}/commands`, { command: command }); toast(done); }
          catch (e) { toast(e.message, true); }
        };
        const revoke = button("Revoke", "danger revoke", async () => {
          if (!confirm(`Revoke ${s.scaleId}? It is cut off from the store network until it is enrolled again.`)) return;
          try { await api("POST", `/api/scales/${encodeURIComponent(store)}/${encodeURIComponent(s.scaleId)}/revoke`, {}); toast(`${s.scaleId}: revoked`); loadFleet(); }
          catch (e) { toast(e.message, true); }
        });
        act.append(button("Status now", "", send("REQUEST_STATUS", `${s.scaleId}: status requested`)), document.createTextNode(" "),
          button("Resend sales", "", send("RESEND_OUTBOX", `${s.scaleId}: resending its unacknowledged sales`)), document.createTextNode(" "),
          button("Reload model", "", send("RELOAD_MODEL", `${s.scaleId}: reloading its recognition model`)), document.createTextNode(" "),
          button("Unlock service", "", send("UNLOCK_SERVICE_MENU", `${s.scaleId}: its service menu's PIN lockout ended`)), document.createTextNode(" "), revoke);
        act.hidden = !hq(); // scale commands are HQ's (the server refuses them to a manager anyway)
        tr.append(act);
        body.append(tr);
      }
      const values = [[s.scaleId], [s.enrollment, "identity-" + s.enrollment], [s.state, "state-" + s.state],
        [st.priceBookVersion ? "v" + st.priceBookVersion + (st.priceBookProblem ? " ⚠ " + st.priceBookProblem : "") : "—"],
        [st.outboxDepth === undefined ? "—" : st.outboxDepth + (st.outboxAlarm ? " ⚠ nearly full" : ""), "num"], [st.printer || "—"],
        [(st.firmwareVersion || "—") + " / " + (st.modelVersion || "no model")], [ranges(s)], [zone(s), s.zoneWarning ? "flag zone-warning" : ""],
        [s.lastSeenMs ? time(s.lastSeenMs) : "never"],
        [last.length ? time(last[0].sold_at) + " · " + money(last[0].total_minor, last[0].currency) : "—"]];
      values.forEach(([text, cls], i) => {
        const c = tr.cells[i];
        if (c.textContent !== String(text)) c.textContent = text;
        if ((cls || "") !== c.className) c.className = cls || "";
      });
      const changes = (s.rangeChanges || []).map((c) => `${time(c.changedMs)}: ${c.fromText || "(first report)"} → ${c.toText}`).join("\n");
      if (tr.cells[7].title !== changes) tr.cells[7].title = changes;
      if (tr.cells[8].title !== (s.zoneWarning || "")) tr.cells[8].title = s.zoneWarning || "";
      tr.querySelector("button.revoke").hidden = s.enrollment !== "ENROLLED";
    }
    // each scale whose labels are dated in another zone than its store's business day, spelled out under the table
    const warnings = scales.filter((s) => s.zoneWarning).map((s) => `⚠ ${s.scaleId}: ${s.zoneWarning}`);
    const list = $("zone-warnings");
    if ([...list.children].map((li) => li.textContent).join("\n") !== warnings.join("\n")) {
      list.replaceChildren(...warnings.map((w) => { const li = document.createElement("li"); li.textContent = w; return li; }));
    }
    list.hidden = !warnings.length;
    if (!scales.length && !body.querySelector("tr.empty")) { const tr = document.createElement("tr"); tr.className = "empty"; const c = td("No scale is enrolled yet."); c.colSpan = 12; tr.append(c); body.append(tr); }
    $("enrol").hidden = !hq();
  }

  async function enrol(e) {
    e.preventDefault();
    try {
      const r = await api("POST", "/api/enrollments", { storeId: store, scaleId: $("enrol-scale").value.trim() });
      $("enrol-code").textContent = `Code for ${r.scaleId}: ${r.code} (once, until ${new Date(r.expiresAt).toLocaleString()})`;
      loadFleet();
    } catch (err) { toast(err.message, true); }
  }

  // ---- quarantine ----
  async function loadQuarantine() {
    const rows = await api("GET", `/api/quarantine?store=${encodeURIComponent(store)}&limit=200`);
    const body = $("quarantine").tBodies[0]; body.innerHTML = "";
    for (const q of rows) {
      const tr = document.createElement("tr");
      tr.append(td(new Date(q.receivedAt).toLocaleString()), td(q.scaleId), td(q.reason), td(q.detail), td(q.saleId));
      // released by HQ (counted since): who, when, why; as text, never as markup
      const status = td(q.released ? `Released by ${q.releasedBy} on ${new Date(q.releasedAt).toLocaleString()}: ${q.releaseNote}`
        : q.releasable ? "Not counted" : "Not counted (its sale id is stored)");
      if (!q.released && q.releasable && hq()) {
        status.append(" ", button("Release", "", () => releaseQuarantined(q)));
      }
      tr.append(status);
      body.append(tr);
    }
    if (!rows.length) { const tr = document.createElement("tr"); const c = td("Nothing in quarantine."); c.colSpan = 6; tr.append(c); body.append(tr); }
  }

  // HQ checked the sale and found it genuine: it is counted from now on (once), with the note saying why
  async function releaseQuarantined(q) {
    const note = prompt(`Release sale ${q.saleId} of scale ${q.scaleId} (${q.reason}) as counted?\nWhy (3 to 500 characters):`, "");
    if (note === null) return;
    try {
      await api("POST", `/api/quarantine/${encodeURIComponent(q.saleId)}/release?store=${encodeURIComponent(q.storeId)}&scale=${encodeURIComponent(q.scaleId)}`, { note: note });
      toast(`Sale ${q.saleId} released: it is counted now`);
    } catch (err) { toast(err.message, true); }
    try { await loadQuarantine(); } catch (err) { toast(err.message, true); }
  }

  // ---- sales ----
  const TYPES = { PER_KG: "per kg", PER_PIECE: "per piece", FIXED: "fixed price" };
  function reportQuery() {
    const by = [...document.querySelectorAll("input[name=by]:checked")].map((c) => c.value);
    const p = new URLSearchParams({ store: store, by: by.join(",") });
    if ($("from").value) p.set("from", $("from").value);
    if ($("to").value) p.set("to", $("to").value);
    return p;
  }
  function quantity(r) {
    // an item sold per piece shows pieces, one sold by weight its mass; a fixed-price label is one label
    if (r.sale_type === "PER_KG") return kg(r.net_mg);
    if (r.sale_type === "PER_PIECE") return pcs(r.items);
    if (r.sale_type === "FIXED") return count(r.sales || 1) + " labels";
    return null;
  }
  function th(text, cls) { const c = document.createElement("th"); c.textContent = text; if (cls) c.className = cls; return c; }
  async function loadReport() {
    const p = reportQuery();
    $("csv").href = "/api/reports/sales?" + p + "&format=csv";
    let rows;
    try { rows = await api("GET", "/api/reports/sales?" + p); } catch (e) { toast(e.message, true); return; }
    const by = p.get("by").split(",").filter((x) => x);
    const t = $("report-table");
    const head = document.createElement("tr");
    const body = document.createElement("tbody");
    const foot = document.createElement("tfoot");
    const totals = {}; // per currency: sales, mass, pieces, discount, total
    const add = (r) => {
      const k = r.currency; const s = totals[k] || (totals[k] = { sales: 0, net_mg: 0, items: 0, discount: 0, total: 0 });
      s.sales += r.sales === undefined ? 1 : r.sales; s.net_mg += r.net_mg; s.items += r.items; s.discount += r.discount_minor || 0; s.total += r.total_minor;
    };
    if (!by.length) {
      $("report-caption").textContent = "Every label, as it was sold: one row per sale (tick a box to total by store, scale, day or PLU).";
      ["Time", "Scale", "#", "PLU", "Item (as sold)", "Sold", "Quantity", "Unit price", "Regular price", "Discount", "Total", "Status"]
        .forEach((h, i) => head.append(th(h, i >= 6 && i <= 10 ? "num" : "")));
      rows.forEach((r) => {
        const tr = document.createElement("tr"); tr.dataset.saleId = r.sale_id;
        tr.append(td(time(r.sold_at)), td(r.scale), td(r.sale_number, "num"), td(r.plu), td(r.item_name + (r.name_as_sold ? "" : " *")),
          td(TYPES[r.sale_type]), td(quantity(Object.assign({ sales: 1 }, r)), "num"), td(money(r.unit_price_minor, r.currency), "num"),
          td(r.regular_unit_price_minor === null ? "—" : money(r.regular_unit_price_minor, r.currency), "num"),
          td(r.discount_minor ? money(r.discount_minor, r.currency) : "—", "num"), td(money(r.total_minor, r.currency), "num"), td(r.status));
        body.append(tr); add(r);
      });
    } else {
      $("report-caption").textContent = "Totals per " + by.join(", ") + (by.includes("plu") ? "; items under the name they were sold with" : "") + ".";
      by.forEach((b) => head.append(th(b === "plu" ? "PLU" : b[0].toUpperCase() + b.slice(1))));
      if (by.includes("plu")) head.append(th("Item (as sold)"), th("Sold"));
      ["Sales", by.includes("plu") ? "Quantity" : "Mass", by.includes("plu") ? null : "Pieces", "Discount", "Total", "Mismatches"]
        .filter((h) => h).forEach((h) => head.append(th(h, "num")));
      rows.forEach((r) => {
        const tr = document.createElement("tr");
        by.forEach((b) => tr.append(td(b === "day" ? date(r.day) : r[b])));
        if (by.includes("plu")) tr.append(td((r.item_name || "") + (r.name_as_sold ? "" : " *")), td(TYPES[r.sale_type]));
        tr.append(td(count(r.sales), "num"));
        if (by.includes("plu")) tr.append(td(quantity(r), "num"));
        else tr.append(td(r.net_mg ? kg(r.net_mg) : "—", "num"), td(r.items ? pcs(r.items) : "—", "num"));
        tr.append(td(r.discount_minor ? money(r.discount_minor, r.currency) : "—", "num"), td(money(r.total_minor, r.currency), "num"), td(count(r.mismatches), "num"));
        body.append(tr); add(r);
      });
    }
    // the grand total, one line per currency (a chain may sell in several)
    const width = head.children.length;
    Object.keys(totals).forEach((cur) => {
      const s = totals[cur]; const tr = document.createElement("tr"); tr.className = "grand-total";
      const label = td("Total" + (Object.keys(totals).length > 1 ? " " + cur : "") + ": " + count(s.sales) + " sales"
        + (s.net_mg ? ", " + kg(s.net_mg) : "") + (s.items ? ", " + pcs(s.items) : ""));
      label.colSpan = width - 3; // then discount, total, and the mismatches (or status) column
      const disc = td(s.discount ? money(s.discount, cur) : "—", "num");
      const tot = td(money(s.total, cur), "num"); tot.dataset.totalMinor = s.total;
      tr.append(label, disc, tot, td(""));
      foot.append(tr);
    });
    if (!rows.length) { const tr = document.createElement("tr"); const c = td("No sales in this range."); c.colSpan = width; tr.append(c); body.append(tr); }
    t.tHead.replaceChildren(head);
    t.tBodies[0].replaceWith(body);
    t.tFoot.replaceWith(foot);
    loadCharts().catch((e) => toast(e.message, true));
  }
  function pluName(code) { const p = plus.find((x) => x.code === code); return p ? name(p) : null; }
  // Charts are drawn by Chart.js (vendored in the console, see sync-server/vendor.sh); each is made once and then
  // given new data, so a refresh does not rebuild the canvas under the pointer.
  const charts = {};
  function chart(id, config) {
    if (typeof Chart === "undefined") return null;
    const existing = charts[id];
    if (existing) { existing.data = config.data; existing.options = config.options; existing.update(); return existing; }
    charts[id] = new Chart($(id), config);
    return charts[id];
  }
  const GREEN = "#1b7f3b", BLUE = "#1565c0", RED = "#c62828", AMBER = "#e0a100";
  async function loadCharts() {
    const p = new URLSearchParams({ store: store });
    if ($("from").value) p.set("from", $("from").value);
    if ($("to").value) p.set("to", $("to").value);
    const c = await api("GET", "/api/reports/charts?" + p);
    const cur = c.currencies.length === 1 ? c.currencies[0] : currency;
    const moneyAxis = { beginAtZero: true, ticks: { callback: (v) => money(v, cur) } };
    chart("chart-day", { type: "bar", data: { labels: c.per_day.map((d) => date(d.day)), datasets: [
      { label: "Revenue", data: c.per_day.map((d) => d.total_minor), backgroundColor: GREEN, yAxisID: "y" },
      { label: "Sales", data: c.per_day.map((d) => d.sales), type: "line", borderColor: BLUE, backgroundColor: BLUE, yAxisID: "y1" }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: moneyAxis, y1: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } },
        plugins: { tooltip: { callbacks: { label: (x) => x.dataset.yAxisID === "y" ? "Revenue " + money(x.raw, cur) : "Sales " + count(x.raw) } } } } });
    chart("chart-hour", { type: "bar", data: { labels: c.per_hour.map((h) => String(h.hour).padStart(2, "0") + ":00"), datasets: [
      { label: "Sales", data: c.per_hour.map((h) => h.sales), backgroundColor: BLUE }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } } });
    chart("chart-top", { type: "bar", data: { labels: c.top_items.map((i) => i.item), datasets: [
      { label: "Revenue", data: c.top_items.map((i) => i.total_minor), backgroundColor: AMBER }] },
      options: { indexAxis: "y", animation: false, responsive: true, maintainAspectRatio: false, scales: { x: moneyAxis },
        plugins: { legend: { display: false }, tooltip: { callbacks: { label: (x) => money(x.raw, cur) } } } } });
  }
  async function loadLatest() {
    const rows = await api("GET", `/api/reports/latest?store=${encodeURIComponent(store)}&limit=25`);
    const body = $("latest").tBodies[0];
    // polled twice a second: the rows are rebuilt only when a sale came or went, not under the reader's pointer
    const shown = [...body.rows].map((tr) => tr.dataset.saleId).join(",");
    if (shown === rows.map((r) => r.sale_id).join(",")) return;
    body.innerHTML = "";
    rows.forEach((r) => {
      const tr = document.createElement("tr"); tr.dataset.saleId = r.sale_id;
      if (!seenSales.has(r.sale_id) && seenSales.size) tr.className = "new";
      const qty = r.sale_type === "PER_KG" ? kg(r.net_mg) : r.sale_type === "PER_PIECE" ? pcs(r.items) : "1 label";
      const rec = r.auto_picked ? "auto-picked" : r.chosen_rank ? "tile " + r.chosen_rank : r.recognised_plu ? "searched" : "no suggestion";
      tr.append(td(time(r.sold_at)), td(r.scale), td(r.sale_number, "num"), td(r.plu), td(r.item_name || (pluName(r.plu) || "") + " *"), td(qty, "num"),
        td(money(r.total_minor, r.currency), "num"), td(rec + (r.mismatch ? " ⚑ recognised " + r.recognised_plu : "")
          + (r.count_implausible ? " ⚑ count implausible" : ""), r.mismatch || r.count_implausible ? "flag" : ""));
      body.append(tr);
    });
    const fresh = rows.some((r) => !seenSales.has(r.sale_id));
    rows.forEach((r) => seenSales.add(r.sale_id));
    // the totals follow the live list: a new sale updates the report too
    if (fresh) loadReport();
  }

  // ---- recognition ----
  async function loadRecognition() {
    const p = new URLSearchParams({ store: store });
    if ($("rec-from").value) p.set("from", $("rec-from").value);
    if ($("rec-to").value) p.set("to", $("rec-to").value);
    $("recognition-csv").href = "/api/reports/recognition?" + p + "&format=csv";
    const [days, mism, items] = await Promise.all([api("GET", "/api/reports/recognition?" + p),
      api("GET", "/api/reports/mismatches?" + p + "&limit=50"), api("GET", "/api/reports/recognition-items?" + p)]);
    const body = $("recognition").tBodies[0]; body.innerHTML = "";
    const pct = (x) => x === null || x === undefined ? "—" : Math.round(x * 100) + " %";
    days.forEach((d) => {
      const tr = document.createElement("tr");
      tr.append(td(date(d.day)), td(count(d.sales), "num"), td(count(d.suggested), "num"), td(count(d.auto_picked) + " (" + pct(d.auto_pick_rate) + ")", "num"),
        td(count(d.first_tile) + " (" + pct(d.first_tile_rate) + ")", "num"), td(count(d.searched), "num"), td(count(d.mismatches) + " (" + pct(d.mismatch_rate) + ")", "num"),
        td(count(d.implausible_counts), "num"));
      body.append(tr);
    });
    // rates as lines with distinct point shapes and sizes: the auto-pick point no longer hides under the mismatch one
    const pctAxis = { min: 0, max: 1, ticks: { callback: (v) => Math.round(v * 100) + " %" } };
    chart("chart-first-tile", { type: "line", data: { labels: days.map((d) => date(d.day)), datasets: [
      { label: "first tile chosen", data: days.map((d) => d.first_tile_rate), borderColor: BLUE, backgroundColor: BLUE, pointStyle: "circle", pointRadius: 7, order: 3 },
      { label: "auto-picked", data: days.map((d) => d.auto_pick_rate), borderColor: GREEN, backgroundColor: GREEN, pointStyle: "rectRot", pointRadius: 6, order: 2 },
      { label: "mismatch", data: days.map((d) => d.mismatch_rate), borderColor: RED, backgroundColor: RED, pointStyle: "triangle", pointRadius: 5, order: 1 }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, spanGaps: true, scales: { y: pctAxis },
        plugins: { tooltip: { callbacks: { label: (x) => x.dataset.label + " " + pct(x.raw) } } } } });
    const ib = $("recognition-items").tBodies[0]; ib.innerHTML = "";
    const cur = items.currencies.length === 1 ? items.currencies[0] : currency;
    items.items.forEach((it) => {
      const tr = document.createElement("tr"); tr.dataset.plu = it.plu;
      tr.append(td(it.plu), td(it.item_name), td(count(it.sales), "num"), td(count(it.first_tile) + " (" + pct(it.first_tile_rate) + ")", "num"),
        td(count(it.among_four) + " (" + pct(it.among_four_rate) + ")", "num"), td(count(it.auto_picked), "num"),
        td(it.confused_with.map((c) => c.item + " ×" + c.times).join(", ") || "—"), td(count(it.flagged), "num"),
        td(it.at_stake_minor ? money(it.at_stake_minor, cur) : "—", "num"));
      ib.append(tr);
    });
    $("at-stake").textContent = items.flagged ? `${count(items.flagged)} flagged, ${money(items.at_stake_minor, cur)} at stake` : "";
    const mb = $("mismatches").tBodies[0]; mb.innerHTML = "";
    mism.forEach((r) => {
      const tr = document.createElement("tr");
      // two flags land here: a pick cheaper than a confident recognition, and a piece count that does not fit the load
      const why = [r.mismatch ? "cheaper than recognised" : null,
        r.count_implausible ? pcs(r.items) + (r.sale_type === "PER_PIECE" && r.net_mg ? " on " + kg(r.net_mg) : "") + ": count implausible for the load" : null];
      tr.dataset.saleId = r.sale_id;
      tr.append(td(time(r.sold_at)), td(r.scale), td(r.sale_number, "num"), td(r.plu + " " + (r.item_name || pluName(r.plu) || "")),
        td(r.recognised_plu ? r.recognised_plu + " " + (pluName(r.recognised_plu) || "") : "—"),
        td(r.confidence === null ? "—" : Math.round(r.confidence * 100) + " %", "num"),
        td(money(r.total_minor, r.currency), "num"), td(r.at_stake_minor ? money(r.at_stake_minor, r.currency) : "—", "num"),
        td(why.filter((x) => x).join(" · "), "flag"));
      mb.append(tr);
    });
  }

  // ---- tills: scale labels against till scans ----
  function addDays(day, n) { const d = new Date(day + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }
  function tally(t, cur) { return t.count ? t.count + " · " + money(t.valueMinor, cur) : "0"; }
  // The days shown at first: the store's last seven business days, up to its business day today as the server counts it
  // (in the store's zone), never the browser's date: at 23:45 UTC a Berlin store is on the next day already, and its sales
  // of the last minutes are on that day. Taken again while the fields hold them (another store, past midnight).
  let tillDefault = null;
  async function loadTills() {
    const untouched = tillDefault && $("till-from").value === tillDefault.from && $("till-to").value === tillDefault.to;
    if (!$("till-to").value || untouched) {
      let d;
      try { d = await api("GET", `/api/stores/${encodeURIComponent(store)}/business-day`); } catch (e) { toast(e.message, true); return; }
      tillDefault = { from: addDays(d.today, -6), to: d.today };
      $("till-from").value = tillDefault.from; $("till-to").value = tillDefault.to;
    }
    const p = new URLSearchParams({ store: store, from: $("till-from").value, to: $("till-to").value });
    $("till-csv").href = "/api/reports/reconciliation?" + p + "&format=csv";
    let days;
    try { days = await api("GET", "/api/reports/reconciliation?" + p); } catch (e) { toast(e.message, true); return; }
    const body = $("till-days").tBodies[0]; body.innerHTML = "";
    const sum = { printed: [0, 0], paidAtScale: [0, 0], scannedAtTill: [0, 0], neverScanned: [0, 0], scannedNotPrinted: [0, 0], scannedTwice: [0, 0], scans: 0 };
    let cur = currency;
    days.forEach((d) => {
      const t = d.totals; cur = d.currency || cur;
      const tr = document.createElement("tr"); tr.dataset.day = d.day; tr.className = "clickable";
      tr.append(td(d.day), td(tally(t.printed, cur), "num"), td(tally(t.paidAtScale, cur) + (t.paidAndScanned ? " (" + t.paidAndScanned + " also scanned)" : ""), "num"),
        td(tally(t.scannedAtTill, cur), "num"), td(tally(t.neverScanned, cur), "num" + (t.neverScanned.count ? " flag" : "")),
        td(tally(t.scannedNotPrinted, cur), "num" + (t.scannedNotPrinted.count ? " flag" : "")),
        td(tally(t.scannedTwice, cur), "num" + (t.scannedTwice.count ? " flag" : "")), td(t.scans, "num"));
      tr.onclick = () => loadTillLines(d.day);
      body.append(tr);
      Object.keys(sum).forEach((k) => { if (k === "scans") sum.scans += t.scans; else { sum[k][0] += t[k].count; sum[k][1] += t[k].valueMinor; } });
    });
    const foot = $("till-days").tFoot; foot.innerHTML = "";
    const tr = document.createElement("tr"); tr.id = "till-total";
    const s = (k) => tally({ count: sum[k][0], valueMinor: sum[k][1] }, cur);
    tr.append(td("Total"), td(s("printed"), "num"), td(s("paidAtScale"), "num"), td(s("scannedAtTill"), "num"), td(s("neverScanned"), "num"),
      td(s("scannedNotPrinted"), "num"), td(s("scannedTwice"), "num"), td(sum.scans, "num"));
    foot.append(tr);
    if (!days.length) { const r = document.createElement("tr"); const c = td("No labels and no till scans in these days."); c.colSpan = 8; r.append(c); body.append(r); }
  }
  async function loadTillLines(day) {
    const p = new URLSearchParams({ store: store, day: day });
    let lines;
    try { lines = await api("GET", "/api/reports/reconciliation/labels?" + p); } catch (e) { toast(e.message, true); return; }
    $("till-lines-card").hidden = false;
    $("till-lines-title").textContent = `${day}: barcodes with a discrepancy`;
    $("till-lines-csv").href = "/api/reports/reconciliation/labels?" + p + "&all=true&format=csv";
    const body = $("till-lines").tBodies[0]; body.innerHTML = "";
    lines.forEach((l) => {
      const tr = document.createElement("tr"); tr.dataset.barcode = l.barcode;
      tr.append(td(l.barcode), td(l.pluCode ? l.pluCode + " " + (pluName(l.pluCode) || "") : "— (no scale printed it)"), td(l.printed, "num"),
        td(l.paidAtScale, "num"), td(l.scanned, "num"), td(tally(l.neverScanned), "num"), td(l.scannedNotPrinted, "num"), td(l.scannedTwice, "num"),
        td(l.tills.join(", ")), td(l.neverScannedSaleNumbers.map((n) => "#" + n).join(" ") + (l.neverScannedScales.length ? " (" + l.neverScannedScales.join(", ") + ")" : "")));
      body.append(tr);
    });
    if (!lines.length) { const r = document.createElement("tr"); const c = td("Every label of the day was scanned once, or paid at the scale."); c.colSpan = 10; r.append(c); body.append(r); }
  }
  // ---- sale numbers more than one sale carries (a scale restored from a backup, or a forged sale): every day ----
  async function loadSaleNumbers() {
    let numbers;
    try { numbers = await api("GET", `/api/reports/sale-numbers?store=${encodeURIComponent(store)}&limit=100`); } catch (e) { toast(e.message, true); return; }
    const sales = numbers.reduce((a, n) => a + n.uses, 0);
    $("sale-numbers-count").textContent = numbers.length ? (numbers.length === 100 ? "the newest 100 numbers" : count(numbers.length)
      + (numbers.length === 1 ? " number" : " numbers")) + ", " + count(sales) + " sales" : "";
    const body = $("sale-numbers").tBodies[0]; body.innerHTML = "";
    numbers.forEach((n) => n.sales.forEach((s, i) => {
      // the scale and number once, on the newest of its sales; every text through td() (textContent)
      const tr = document.createElement("tr"); tr.dataset.saleId = s.sale_id; tr.dataset.saleNumber = n.scale + "#" + n.sale_number;
      tr.append(td(i ? "" : n.scale), td(i ? "" : "#" + n.sale_number + " × " + n.uses, i ? "num" : "num flag"), td(time(s.sold_at)), td(s.plu),
        td(s.item_name), td(money(s.total_minor, s.currency), "num"), td(s.void_reason), td(s.sale_id));
      body.append(tr);
    }));
    if (!numbers.length) { const r = document.createElement("tr"); const c = td("No sale number was used by more than one sale."); c.colSpan = 8; r.append(c); body.append(r); }
  }
  async function importTillFile(e) {
    e.preventDefault();
    const f = $("till-file").files[0];
    if (!f) { toast("choose the till's CSV export first", true); return; }
    const r = await fetch(`/api/stores/${encodeURIComponent(store)}/till-scans/csv`, { method: "POST",
      headers: { "Content-Type": "text/csv", "X-FreshScale-Console": "1" }, body: await f.text() });
    if (r.status === 401) { toLogin(true); return; }
    const j = await r.json().catch(() => null);
    if (!r.ok) { toast("Nothing was imported: " + ((j && j.error) || "HTTP " + r.status), true); return; }
    toast(`Imported ${j.stored} scans` + (j.duplicates ? ` (${j.duplicates} were there already)` : ""));
    e.target.reset();
    await loadTills();
  }

  async function show(t) {
    tab = t;
    document.querySelectorAll("#tabs button").forEach((b) => b.classList.toggle("on", b.dataset.tab === t));
    document.querySelectorAll(".tab").forEach((s) => { s.hidden = s.id !== "tab-" + t; });
    try {
      if (t === "prices") await loadPrices();
      if (t === "fleet") await loadFleet();
      if (t === "quarantine") await loadQuarantine();
      if (t === "sales") { if (!plus.length) plus = await api("GET", `/api/stores/${store}/plus`); await loadReport(); await loadLatest(); }
      if (t === "recognition") { if (!plus.length) plus = await api("GET", `/api/stores/${store}/plus`); await loadRecognition(); }
      if (t === "tills") { if (!plus.length) plus = await api("GET", `/api/stores/${store}/plus`); await loadTills(); await loadSaleNumbers(); }
    } catch (e) { toast(e.message, true); }
  }

  function hq() { return me && me.role === "hq"; }

  document.addEventListener("DOMContentLoaded", async () => {
    try { me = await api("GET", "/api/me"); } catch (e) { return; } // toLogin() is on its way
    $("who-name").textContent = me.user + (hq() ? " · HQ" : " · manager of " + me.stores.join(", "));
    $("logout").onclick = async () => { await api("POST", "/api/logout").catch(() => {}); me = null; toLogin(false); };
    document.querySelectorAll("#tabs button").forEach((b) => { b.onclick = () => show(b.dataset.tab); });
    $("plu-filter").oninput = renderPlus;
    $("plu-add-toggle").onclick = () => openItemForm({ names: {} }, "create");
    $("item-form").onsubmit = submitItemForm;
    $("item-cancel").onclick = () => { $("item-form").hidden = true; };
    $("history-show").onclick = () => loadHistory().catch((e) => toast(e.message, true));
    $("report").onclick = loadReport;
    $("rec-show").onclick = () => loadRecognition().catch((e) => toast(e.message, true));
    $("enrol").onsubmit = enrol;
    $("till-report").onclick = loadTills;
    $("till-import").onsubmit = importTillFile;
    $("publish-changes").onclick = publishDraft;
    $("discard-changes").onclick = () => { localStorage.removeItem(draftKey()); renderDraft(); renderPlus(); toast("Changes discarded"); };
    // ISO 3166-1 alpha-2 codes with their names in the browser's language, as suggestions for the origin
    try {
      const dn = new Intl.DisplayNames([LOCALE], { type: "region" }); const dl = $("countries");
      for (let a = 65; a <= 90; a++) for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b); const n = dn.of(code);
        if (n && n !== code) { const o = document.createElement("option"); o.value = code; o.label = n; dl.append(o); }
      }
    } catch (e) { /* no region names in this browser: the field still takes the code */ }
    $("scheduled-add").onsubmit = async (e) => {
      e.preventDefault();
      const f = e.target.elements;
      let body;
      try { body = { pluCode: f.plu.value.trim(), unitPriceMinor: minor(f.price.value), effectiveFrom: new Date(f.from.value).toISOString() }; } catch (err) { toast(err.message, true); return; }
      stage((d) => { d.addScheduledPrices.push(body); }, "Scheduled change noted");
      e.target.reset();
    };
    $("promotion-add").onsubmit = async (e) => {
      e.preventDefault();
      const f = e.target.elements;
      let body;
      try {
        const value = f.kind.value === "PERCENT_OFF" ? Math.round(parseFloat(f.value.value.replace(",", ".")) * 100) : minor(f.value.value);
        if (!(value > 0)) throw new Error("the offer needs a value");
        const texts = { en: f.en.value.trim() }; if (f.de.value.trim()) texts.de = f.de.value.trim();
        body = { id: f.id.value.trim(), pluCode: f.plu.value.trim(), kind: f.kind.value, value: value,
          validFrom: new Date(f.from.value).toISOString(), validUntil: new Date(f.until.value).toISOString(), texts: texts };
      } catch (err) { toast(err.message, true); return; }
      stage((d) => { d.putPromotions[body.id] = body; }, `Promotion ${body.id} noted`);
      e.target.reset();
    };
    const stores = await api("GET", "/api/stores");
    const sel = $("store");
    stores.forEach((s) => { const o = document.createElement("option"); o.value = s.storeId; o.textContent = s.name + " (" + s.storeId + ")"; sel.append(o); });
    store = new URLSearchParams(location.search).get("store") || (stores[0] && stores[0].storeId);
    if (store) sel.value = store;
    sel.onchange = () => { store = sel.value; plus = []; seenSales = new Set(); show(tab); };
    const start = new URLSearchParams(location.search).get("tab") || "prices";
    if (store) await show(start);
    else toast(hq() ? "No store yet: create one with PUT /api/stores/{id}" : "None of your stores (" + me.stores.join(", ") + ") exists on this server yet", true);
    // the live views refresh themselves: a sale made at a scale shows within a second
    setInterval(() => { if (tab === "sales" && store) loadLatest().catch(() => {}); }, 500);
    setInterval(() => { if (tab === "fleet" && store) loadFleet().catch(() => {}); }, 3000);
  });
})();
