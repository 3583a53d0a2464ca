// FreshScale console: prices (PLUs, scheduled changes, promotions — edited, then published together),
// the scale fleet, sales reports with CSV export, recognition quality, till reconciliation. Built on the server's JSON API.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let store = null;
  let plus = [];
  let currency = "EUR";
  let tab = "prices";
  let seenSales = new Set();
  let me = null; // the logged-in account: {user, role, stores}

  function money(minor, cur) { return new Intl.NumberFormat("de-DE", { style: "currency", currency: cur || currency }).format(minor / 100); }
  function minor(text) {
    const s = String(text).trim().replace(",", ".");
    if (!/^\d+(\.\d{1,2})?$/.test(s)) throw new Error("'" + text + "' is not a price like 2.49");
    const [a, b] = s.split(".");
    return parseInt(a, 10) * 100 + parseInt(((b || "") + "00").slice(0, 2), 10);
  }
  function time(iso) { return new Date(iso).toLocaleString("de-DE"); }
  function kg(mg) { return (mg / 1e6).toFixed(3) + " kg"; }
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
  // from half of a manager's edits. The draft survives a reload (localStorage, per store).
  function emptyDraft() { return { putPlus: {}, putPromotions: {}, addScheduledPrices: [], deletePromotions: [], deleteScheduledPrices: [], deletePlus: [] }; }
  function draftKey() { return "freshscale.draft." + store; }
  function draft() { try { return Object.assign(emptyDraft(), JSON.parse(localStorage.getItem(draftKey()) || "{}")); } catch (e) { return emptyDraft(); } }
  function saveDraft(d) { localStorage.setItem(draftKey(), JSON.stringify(d)); renderDraft(); }
  function draftSize(d) {
    return Object.keys(d.putPlus).length + Object.keys(d.putPromotions).length + d.addScheduledPrices.length
      + d.deletePromotions.length + d.deleteScheduledPrices.length + d.deletePlus.length;
  }
  function stage(edit, message) { const d = draft(); edit(d); saveDraft(d); renderPlus(); toast(message + " — publish to send it to the scales"); }
  function offerText(p) { return p.kind === "PERCENT_OFF" ? (p.value / 100) + " % off" : p.kind === "FIXED_OFF" ? money(p.value) + " off" : "now " + money(p.value); }
  function renderDraft() {
    const d = draft();
    const lines = [];
    Object.values(d.putPlus).forEach((p) => {
      const was = plus.find((q) => q.code === p.code);
      if (!was) lines.push(`New PLU ${p.code} ${name(p)}: ${money(p.unitPriceMinor)}`);
      else {
        const what = [];
        if (was.unitPriceMinor !== p.unitPriceMinor) what.push(`${money(was.unitPriceMinor)} → ${money(p.unitPriceMinor)}`);
        if (was.active !== p.active) what.push(p.active ? "back on sale" : "off sale");
        lines.push(`PLU ${p.code} ${name(p)}: ${what.join(", ") || "unchanged"}`);
      }
    });
    Object.values(d.putPromotions).forEach((p) => lines.push(`Promotion ${p.id} on PLU ${p.pluCode}: ${offerText(p)}, ${time(p.validFrom)} – ${time(p.validUntil)}`));
    d.addScheduledPrices.forEach((c) => lines.push(`PLU ${c.pluCode} costs ${money(c.unitPriceMinor)} from ${time(c.effectiveFrom)}`));
    d.deletePromotions.forEach((id) => lines.push(`Delete promotion ${id}`));
    d.deleteScheduledPrices.forEach((id) => lines.push(`Delete a scheduled change (${id.slice(0, 8)})`));
    d.deletePlus.forEach((code) => lines.push(`Delete PLU ${code}`));
    const list = $("draft-list"); list.innerHTML = "";
    lines.forEach((l) => { const li = document.createElement("li"); li.textContent = l; list.append(li); });
    $("draft").hidden = lines.length === 0;
    $("publish-changes").textContent = `Publish ${lines.length} change${lines.length === 1 ? "" : "s"} to the scales`;
    $("publish").classList.toggle("pending", lines.length > 0);
  }
  async function publishDraft() {
    const d = draft();
    if (!draftSize(d)) return;
    const body = { putPlus: Object.values(d.putPlus), putPromotions: Object.values(d.putPromotions), addScheduledPrices: d.addScheduledPrices,
      deletePromotions: d.deletePromotions, deleteScheduledPrices: d.deleteScheduledPrices, deletePlus: d.deletePlus };
    try {
      await api("POST", `/api/stores/${store}/changes`, body);
      localStorage.removeItem(draftKey());
      toast("Published — the scales get the new price book within seconds");
      await loadPrices();
      setTimeout(loadPublish, 1500);
    } catch (e) { toast("Nothing was published: " + e.message, true); }
  }
  async function loadPrices() {
    const [list, sched, promos] = await Promise.all([api("GET", `/api/stores/${store}/plus`),
      api("GET", `/api/stores/${store}/scheduled-prices`), api("GET", `/api/stores/${store}/promotions`)]);
    plus = list;
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
    await loadPublish(); // which shows the draft too
  }
  async function loadPublish() {
    const s = await api("GET", `/api/stores/${store}`);
    currency = s.currency;
    let text = `Published price book: version ${s.publishedVersion || "—"}.`;
    try { const b = await api("GET", `/api/stores/${store}/pricebook`); text += ` Signed ${time(b.publishedAt)}.`; } catch (e) { /* none yet */ }
    const el = $("publish");
    el.textContent = text + " Your edits are collected below; publishing signs them as one new price book, which reaches the store's scales within seconds (offline scales get it when they reconnect).";
    el.dataset.version = s.publishedVersion;
    renderDraft();
  }
  function renderPlus() {
    const q = $("plu-filter").value.trim().toLowerCase();
    const d = draft();
    const body = $("plus").tBodies[0]; body.innerHTML = "";
    plus.filter((p) => !q || p.code.startsWith(q) || Object.values(p.names).some((n) => n.toLowerCase().includes(q)))
      .forEach((p) => {
        const staged = d.putPlus[p.code];
        const shown = staged || p;
        const tr = document.createElement("tr"); tr.dataset.plu = p.code; if (staged) tr.className = "staged";
        tr.append(td(p.code), td(name(p) + (p.names.de ? " / " + p.names.de : "")), td({ PER_KG: "per kg", PER_PIECE: "per piece", FIXED: "fixed" }[p.saleType]));
        const pc = document.createElement("td"); pc.className = "num";
        const input = document.createElement("input"); input.className = "price"; input.value = (shown.unitPriceMinor / 100).toFixed(2); input.name = "price";
        pc.append(input, document.createTextNode(" " + p.currency)); tr.append(pc);
        const ac = document.createElement("td"); const cb = document.createElement("input"); cb.type = "checkbox"; cb.checked = shown.active; cb.name = "active"; ac.append(cb); tr.append(ac);
        const bc = document.createElement("td");
        bc.append(button("Change", "save", () => {
          let updated;
          try { updated = Object.assign({}, p, { unitPriceMinor: minor(input.value), active: cb.checked }); } catch (e) { toast(e.message, true); return; }
          stage((dr) => { if (updated.unitPriceMinor === p.unitPriceMinor && updated.active === p.active) delete dr.putPlus[p.code]; else dr.putPlus[p.code] = updated; },
            `PLU ${p.code}: change noted`);
        }));
        tr.append(bc); body.append(tr);
      });
  }

  // ---- fleet ----
  async function loadFleet() {
    const scales = await api("GET", `/api/scales?store=${encodeURIComponent(store)}`);
    const body = $("scales").tBodies[0]; body.innerHTML = "";
    for (const s of scales) {
      const st = s.status || {};
      const last = await api("GET", `/api/reports/latest?store=${encodeURIComponent(store)}&scale=${encodeURIComponent(s.scaleId)}&limit=1`);
      const tr = document.createElement("tr"); tr.dataset.scale = s.scaleId;
      tr.append(td(s.scaleId), td(s.enrollment, "identity-" + s.enrollment), td(s.state, "state-" + s.state), td(st.priceBookVersion ? "v" + st.priceBookVersion + (st.priceBookProblem ? " ⚠ " + st.priceBookProblem : "") : "—"),
        td(st.outboxDepth === undefined ? "—" : st.outboxDepth + (st.outboxAlarm ? " ⚠ nearly full" : ""), "num"), td(st.printer),
        td((st.firmwareVersion || "—") + " / " + (st.modelVersion || "no model")), td(time(s.lastSeenMs)),
        td(last.length ? time(last[0].sold_at) + " · " + money(last[0].total_minor, last[0].currency) : "—"));
      const act = document.createElement("td");
      const send = (command, done) => async () => {
        try { await api("POST", `/api/scales/${encodeURIComponent(store)}/${encodeURIComponent(s.scaleId)}/commands`, { command: command }); toast(done); }
        catch (e) { toast(e.message, true); }
      };
      act.append(button("Status now", "", send("REQUEST_STATUS", `${s.scaleId}: status requested`)), document.createTextNode(" "),
        button("Resend sales", "", send("RESEND_OUTBOX", `${s.scaleId}: resending its unacknowledged sales`)), document.createTextNode(" "),
        button("Reload model", "", send("RELOAD_MODEL", `${s.scaleId}: reloading its recognition model`)));
      if (s.enrollment === "ENROLLED") {
        act.append(document.createTextNode(" "), button("Revoke", "danger", async () => {
          if (!confirm(`Revoke ${s.scaleId}? It is cut off from the store network until it is enrolled again.`)) return;
          try { await api("POST", `/api/scales/${encodeURIComponent(store)}/${encodeURIComponent(s.scaleId)}/revoke`, {}); toast(`${s.scaleId}: revoked`); loadFleet(); }
          catch (e) { toast(e.message, true); }
        }));
      }
      act.hidden = !hq(); // scale commands are HQ's (the server refuses them to a manager anyway)
      tr.append(act);
      body.append(tr);
    }
    if (!scales.length) { const tr = document.createElement("tr"); const c = td("No scale is enrolled yet."); c.colSpan = 10; tr.append(c); body.append(tr); }
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
      body.append(tr);
    }
    if (!rows.length) { const tr = document.createElement("tr"); const c = td("Nothing in quarantine."); c.colSpan = 5; tr.append(c); body.append(tr); }
  }

  // ---- sales ----
  function reportQuery() {
    const by = [...document.querySelectorAll("input[name=by]:checked")].map((c) => c.value);
    const p = new URLSearchParams({ store: store, by: by.join(",") });
    if ($("from").value) p.set("from", $("from").value);
    if ($("to").value) p.set("to", $("to").value);
    return p;
  }
  async function loadReport() {
    const p = reportQuery();
    $("csv").href = "/api/reports/sales?" + p + "&format=csv";
    let rows;
    try { rows = await api("GET", "/api/reports/sales?" + p); } catch (e) { toast(e.message, true); return; }
    const by = p.get("by").split(",").filter((x) => x);
    const t = $("report-table");
    t.tHead.innerHTML = "<tr>" + by.map((b) => `<th>${b}</th>`).join("") + "<th>Sales</th><th>Mass</th><th>Pieces</th><th>Total</th><th>Mismatches</th></tr>";
    const body = t.tBodies[0]; body.innerHTML = "";
    rows.forEach((r) => {
      const tr = document.createElement("tr");
      by.forEach((b) => tr.append(td(b === "plu" ? r.plu + " " + (pluName(r.plu) || "") : r[b])));
      tr.append(td(r.sales, "num"), td(kg(r.net_mg), "num"), td(r.items, "num"), td(money(r.total_minor, r.currency), "num"), td(r.mismatches, "num"));
      body.append(tr);
    });
  }
  function pluName(code) { const p = plus.find((x) => x.code === code); return p ? name(p) : null; }
  async function loadLatest() {
    const rows = await api("GET", `/api/reports/latest?store=${encodeURIComponent(store)}&limit=25`);
    const body = $("latest").tBodies[0]; body.innerHTML = "";
    rows.forEach((r) => {
      const tr = document.createElement("tr"); tr.dataset.saleId = r.sale_id;
      if (!seenSales.has(r.sale_id) && seenSales.size) tr.className = "new";
      const qty = r.sale_type === "PER_KG" ? kg(r.net_mg) : r.items + " pcs";
      const rec = r.auto_picked ? "auto-picked" : r.chosen_rank ? "tile " + r.chosen_rank : r.recognised_plu ? "searched" : "no suggestion";
      tr.append(td(time(r.sold_at)), td(r.scale), td(r.sale_number, "num"), td(r.plu), td(pluName(r.plu)), td(qty, "num"),
        td(money(r.total_minor, r.currency), "num"), td(rec + (r.mismatch ? " ⚑ recognised " + r.recognised_plu : ""), r.mismatch ? "flag" : ""));
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
    $("recognition-csv").href = "/api/reports/recognition?" + p + "&format=csv";
    const [days, mism] = await Promise.all([api("GET", "/api/reports/recognition?" + p), api("GET", "/api/reports/mismatches?" + p + "&limit=50")]);
    const body = $("recognition").tBodies[0]; body.innerHTML = "";
    const pct = (x) => x === null || x === undefined ? "—" : Math.round(x * 100) + " %";
    days.forEach((d) => {
      const tr = document.createElement("tr");
      tr.append(td(d.day), td(d.sales, "num"), td(d.suggested, "num"), td(d.auto_picked + " (" + pct(d.auto_pick_rate) + ")", "num"),
        td(d.first_tile + " (" + pct(d.first_tile_rate) + ")", "num"), td(d.searched, "num"), td(d.mismatches + " (" + pct(d.mismatch_rate) + ")", "num"));
      body.append(tr);
    });
    chart(days);
    const mb = $("mismatches").tBodies[0]; mb.innerHTML = "";
    mism.forEach((r) => {
      const tr = document.createElement("tr");
      tr.append(td(time(r.sold_at)), td(r.scale), td(r.sale_number, "num"), td(r.plu + " " + (pluName(r.plu) || "")),
        td(r.recognised_plu + " " + (pluName(r.recognised_plu) || "")), td(r.confidence === null ? "—" : Math.round(r.confidence * 100) + " %", "num"),
        td(money(r.total_minor, r.currency), "num"));
      mb.append(tr);
    });
  }
  // Rates per day as lines on a 0-100 % axis (inline SVG: no chart library to ship).
  function chart(days) {
    const W = 900, H = 260, L = 44, R = 12, T = 12, B = 34;
    const n = days.length;
    const x = (i) => L + (n <= 1 ? (W - L - R) / 2 : i * (W - L - R) / (n - 1));
    const y = (v) => T + (1 - v) * (H - T - B);
    let s = `<svg viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="recognition quality">`;
    for (let g = 0; g <= 4; g++) {
      const v = g / 4;
      s += `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" stroke="#e3e8df"/><text x="${L - 6}" y="${y(v) + 4}" font-size="11" text-anchor="end" fill="#5d6b5f">${g * 25}%</text>`;
    }
    const line = (key, color) => {
      const pts = days.map((d, i) => d[key] === null ? null : [x(i), y(d[key])]).filter((p) => p);
      if (!pts.length) return "";
      let out = `<polyline fill="none" stroke="${color}" stroke-width="3" points="${pts.map((p) => p.join(",")).join(" ")}"/>`;
      pts.forEach((p) => { out += `<circle cx="${p[0]}" cy="${p[1]}" r="4" fill="${color}"/>`; });
      return out;
    };
    s += line("auto_pick_rate", "#1b7f3b") + line("first_tile_rate", "#1565c0") + line("mismatch_rate", "#c62828");
    days.forEach((d, i) => { if (n < 15 || i % Math.ceil(n / 10) === 0) s += `<text x="${x(i)}" y="${H - 12}" font-size="11" text-anchor="middle" fill="#5d6b5f">${d.day.slice(5)}</text>`; });
    if (!n) s += `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#5d6b5f">No sales yet</text>`;
    $("chart").innerHTML = s + "</svg>";
  }

  // ---- tills: scale labels against till scans ----
  function isoDay(d) { return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0"); }
  function tally(t, cur) { return t.count ? t.count + " · " + money(t.valueMinor, cur) : "0"; }
  async function loadTills() {
    if (!$("till-to").value) { const now = new Date(); $("till-to").value = isoDay(now); now.setDate(now.getDate() - 6); $("till-from").value = isoDay(now); }
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
      if (t === "tills") { if (!plus.length) plus = await api("GET", `/api/stores/${store}/plus`); await loadTills(); }
    } catch (e) { toast(e.message, true); }
  }

  function hq() { return me && me.role === "hq"; }

  document.addEventListener("DOMContentLoaded", async () => {
    try { me = await api("GET", "/api/me"); } catch (e) { return; } // toLogin() is on its way
    $("who-name").textContent = me.user + (hq() ? " · HQ" : " · manager of " + me.stores.join(", "));
    $("logout").onclick = async () => { await api("POST", "/api/logout").catch(() => {}); me = null; toLogin(false); };
    document.querySelectorAll("#tabs button").forEach((b) => { b.onclick = () => show(b.dataset.tab); });
    $("plu-filter").oninput = renderPlus;
    $("plu-add-toggle").onclick = () => { $("plu-add").hidden = !$("plu-add").hidden; };
    $("report").onclick = loadReport;
    $("enrol").onsubmit = enrol;
    $("till-report").onclick = loadTills;
    $("till-import").onsubmit = importTillFile;
    $("publish-changes").onclick = publishDraft;
    $("discard-changes").onclick = () => { localStorage.removeItem(draftKey()); renderDraft(); renderPlus(); toast("Changes discarded"); };
    $("plu-add").onsubmit = async (e) => {
      e.preventDefault();
      const f = e.target.elements;
      let plu;
      try {
        const names = { en: f.en.value.trim() }; if (f.de.value.trim()) names.de = f.de.value.trim();
        plu = { code: f.code.value.trim(), names: names, saleType: f.saleType.value, unitPriceMinor: minor(f.price.value), currency: currency,
          presetTareMg: 0, shelfLifeDays: 0, barcodeLayout: "ean13-price", labelLayout: "default",
          modelLabels: f.labels.value.split(",").map((s) => s.trim()).filter((s) => s), active: true };
      } catch (err) { toast(err.message, true); return; }
      if (!/^[0-9]{1,5}$/.test(plu.code)) { toast("a PLU is 1 to 5 digits", true); return; }
      stage((d) => { d.putPlus[plu.code] = plu; }, `New PLU ${plu.code} noted`);
      e.target.reset(); $("plu-add").hidden = true;
    };
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
