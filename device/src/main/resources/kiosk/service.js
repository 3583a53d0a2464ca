// FreshScale service menu: PIN login, then sync status, printer test and reprint, calibration wizard,
// teaching a new item, audit log. The token expires on the scale after 10 idle minutes.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem("fs-service-token");
  let pin = "";

  async function api(method, url, body) {
    const r = await fetch(url, { method: method, headers: { "Content-Type": "application/json", "X-Service-Token": token || "" },
      body: body ? JSON.stringify(body) : undefined });
    const j = await r.json().catch(() => ({}));
    if (r.status === 401) { logout(); throw new Error(j.error || "locked"); }
    if (!r.ok) throw new Error(j.error || ("HTTP " + r.status));
    return j;
  }
  function logout() { token = null; sessionStorage.removeItem("fs-service-token"); $("menu").hidden = true; $("login").hidden = false; }
  function row(table, cells, head) {
    const tr = document.createElement("tr");
    cells.forEach((c) => { const td = document.createElement(head ? "th" : "td"); td.textContent = c === null || c === undefined ? "—" : String(c); tr.appendChild(td); });
    table.appendChild(tr);
    return tr;
  }
  function kv(table, obj) { table.innerHTML = ""; Object.entries(obj).forEach(([k, v]) => row(table, [k.replace(/_/g, " "), v])); }

  async function showTab(tab) {
    document.querySelectorAll(".tabs button").forEach((b) => b.classList.toggle("on", b.dataset.tab === tab));
    document.querySelectorAll(".pane").forEach((p) => { p.hidden = p.id !== "pane-" + tab; });
    try {
      if (tab === "status") kv($("status-table"), await api("GET", "/api/service/status"));
      if (tab === "printer") await loadLabels();
      if (tab === "calibration") kv($("cal-table"), await api("GET", "/api/service/calibration"));
      if (tab === "card") await loadCard();
      if (tab === "audit") {
        const t = $("audit-table"); t.innerHTML = "";
        row(t, ["when", "who", "what", "detail"], true);
        (await api("GET", "/api/service/audit")).forEach((e) => row(t, [e.at.replace("T", " ").slice(0, 19), e.actor, e.what, e.detail]));
      }
    } catch (e) { alert(e.message); }
  }
  async function loadLabels() {
    const t = $("labels-table"); t.innerHTML = "";
    row(t, ["job", "sale", "status", "fault", "attempts", ""], true);
    (await api("GET", "/api/service/labels")).forEach((j) => {
      const voided = j.sale_state === "VOIDED";
      const tr = row(t, [j.job, j.sale_id.slice(0, 8), voided ? "sale voided" : j.status, j.fault, j.attempts, ""]);
      if (voided) return; // kept for the record; a voided sale's label is never printed
      const b = document.createElement("button"); b.className = "btn secondary small"; b.textContent = "Reprint";
      b.onclick = async () => { const r = await api("POST", "/api/service/reprint", { job: j.job }); alert(r.printed ? "Printed." : "Not printed: " + r.message); loadLabels(); };
      tr.lastChild.appendChild(b);
    });
  }
  function euro(minor) { return (minor / 100).toFixed(2); }
  async function loadCard() {
    const t = $("card-table"); t.innerHTML = "";
    const r = await api("GET", "/api/service/card-payments");
    row(t, ["#", "when", "amount", "state", "reference", "detail"], true);
    r.payments.forEach((p) => row(t, [p.id, p.at.replace("T", " ").slice(0, 19), euro(p.amount_minor) + " " + p.currency, p.state, p.reference, p.detail]));
  }
  async function card(url) {
    const out = $("card-result"); out.hidden = false; out.textContent = "Asking the card terminal…";
    try {
      const r = await api("POST", url, { technician: $("card-tech").value || "technician" });
      let text = r.message;
      if (r.reversed) text = "Reversed " + euro(r.amount_minor) + " (" + r.reference + ").";
      if (r.done) text = "End of day: " + r.count + " payments, " + euro(r.turnover_minor) + " EUR. "
          + r.schemes.map((s) => s.scheme + " " + s.count + " / " + euro(s.turnover_minor)).join(", ");
      out.textContent = text;
      out.dataset.ok = String(!!(r.reversed || r.done));
      await loadCard();
    } catch (e) { out.textContent = e.message; out.dataset.ok = "false"; }
  }
  async function calibrate(step) {
    const out = $("cal-result");
    out.hidden = false; out.textContent = "Measuring… keep the platter still.";
    try {
      const r = await api("POST", "/api/service/calibrate", { technician: $("cal-tech").value || "technician", step: step,
        reference_g: parseFloat($("cal-ref").value) });
      out.textContent = "Done: " + step + ". Measured points (g): " + r.measured.join(", ") + ". Calibration event " + r.event + ".";
      kv($("cal-table"), r);
    } catch (e) { out.textContent = e.message; }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const k = $("pin-keypad");
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"].forEach((d) => {
      const b = document.createElement("button"); b.textContent = d === "C" ? "⌫" : d; b.dataset.key = d;
      if (d === "OK") b.className = "ok";
      b.onclick = async () => {
        if (d === "C") pin = pin.slice(0, -1);
        else if (d === "OK") {
          try {
            const r = await fetch("/api/service/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ pin: pin }) });
            const j = await r.json();
            if (!r.ok) throw new Error(j.error);
            token = j.token; sessionStorage.setItem("fs-service-token", token);
            $("login").hidden = true; $("menu").hidden = false; $("login-error").hidden = true; showTab("status");
          } catch (e) { $("login-error").hidden = false; $("login-error").textContent = e.message; }
          pin = "";
        } else if (pin.length < 8) pin += d;
        $("pin-display").textContent = "•".repeat(pin.length) || "\u00a0";
      };
      k.appendChild(b);
    });
    document.querySelectorAll(".tabs button").forEach((b) => { b.onclick = () => showTab(b.dataset.tab); });
    $("set-zero").onclick = async () => { try { const r = await api("POST", "/api/service/zero", { technician: $("cal-tech").value || "technician" }); $("zero-result").textContent = r.zeroed ? "Zero set." : "Refused: " + r.message; } catch (e) { $("zero-result").textContent = e.message; } };
    $("enrol").onclick = async () => {
      const out = $("enrol-result"); out.hidden = false; out.textContent = "Enrolling…";
      try { const r = await api("POST", "/api/service/enrol", { code: $("enrol-code").value }); out.textContent = r.message; out.dataset.enrolled = r.enrolled; }
      catch (e) { out.textContent = e.message; out.dataset.enrolled = false; }
    };
    $("printer-test").onclick = async () => { try { const r = await api("POST", "/api/service/printer-test"); $("printer-result").textContent = r.printed ? "Printed." : "Not printed: " + r.message; } catch (e) { $("printer-result").textContent = e.message; } };
    $("card-reverse").onclick = () => card("/api/service/card-payments/reverse-last");
    $("card-eod").onclick = () => card("/api/service/card-payments/end-of-day");
    $("cal-start").onclick = () => calibrate("start");
    $("cal-reference").onclick = () => calibrate("reference");
    $("cal-finish").onclick = () => calibrate("finish");
    $("cal-cancel").onclick = () => calibrate("cancel");
    $("teach").onclick = async () => {
      const out = $("teach-result"); out.hidden = false; out.textContent = "Taking pictures…";
      try { const r = await api("POST", "/api/service/teach", { plu: $("teach-plu").value.trim(), pictures: parseInt($("teach-n").value, 10) });
        out.textContent = "Stored " + r.stored + " pictures of PLU " + r.plu + " (gallery: " + r.gallery_size + ")."; } catch (e) { out.textContent = e.message; }
    };
    if (token) { $("login").hidden = true; $("menu").hidden = false; showTab("status"); }
  });
})();
