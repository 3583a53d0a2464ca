// FreshScale kiosk: renders the scale's view (pushed over Server-Sent Events) and sends the shopper's taps.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const LOCALES = { en: "en-GB", de: "de-DE" };
  let view = null;
  let lang = null;
  let catalogue = [];
  let countEntry = "";
  let browseKind = null;   // the kind shown in the list, null: all
  let browseLetter = null; // the first letter shown, null: all
  let messageTimer = null;
  let tapMessage = null;

  function t(key) {
    const d = I18N[lang] || I18N.en;
    return d[key] !== undefined ? d[key] : (I18N.en[key] !== undefined ? I18N.en[key] : key);
  }
  function money(minor, currency) {
    return new Intl.NumberFormat(LOCALES[lang] || "en-GB", { style: "currency", currency: currency || "EUR" }).format(minor / 100);
  }
  function kg(text) { return lang === "de" ? String(text).replace(".", ",") : text; }
  function offerText(texts) { return (texts && (texts[lang] || texts.en)) || t("ui.promo"); }
  function name(item) { return (item.names && (item.names[lang] || item.names.en)) || item.plu; }
  function unit(item) { return item.sale_type === "PER_KG" ? t("ui.perKg") : item.sale_type === "PER_PIECE" ? t("ui.perPiece") : ""; }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  async function post(url, body) {
    try {
      const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body || {}) });
      const j = await r.json().catch(() => ({}));
      if (!r.ok || j.ok === false) showMessage(j.message ? "msg." + j.message : "msg.error", j.detail || j.error);
      return j;
    } catch (e) {
      showMessage("msg.error");
      return { ok: false };
    }
  }

  function showMessage(key, detail) {
    tapMessage = { key: key, detail: detail };
    clearTimeout(messageTimer);
    messageTimer = setTimeout(() => { tapMessage = null; render(); }, 6000);
    render();
  }

  function setLang(l) {
    lang = l;
    document.documentElement.lang = l;
    document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
    $("search-input").placeholder = t("ui.search");
    buildKeyboard();
    renderLangs();
    render();
    if (!$("search").hidden) renderResults();
  }
  function renderLangs() {
    const nav = $("langs");
    nav.innerHTML = "";
    ((view && view.languages) || ["en", "de"]).forEach((l) => {
      const b = el("button", l === lang ? "on" : "", l.toUpperCase());
      b.id = "lang-" + l;
      b.onclick = () => setLang(l);
      nav.appendChild(b);
    });
  }

  // Origin, class and variety where the price book has them (EU Reg. 543/2011: shown where produce is offered),
  // the country in the shopper's language: "Spain · Class I · Gala".
  function marketing(item) {
    const parts = [];
    if (item.origin) {
      let country = item.origin;
      try { country = new Intl.DisplayNames([LOCALES[lang] || "en-GB"], { type: "region" }).of(item.origin) || item.origin; } catch (e) { /* the code */ }
      parts.push(country);
    }
    if (item.quality_class) parts.push(t("ui.class") + " " + item.quality_class);
    if (item.variety) parts.push(item.variety);
    return parts.join(" · ");
  }

  function tile(item, rank) {
    const b = el("button", "tile" + (rank === 1 ? " first" : ""));
    b.dataset.plu = item.plu;
    if (item.picture) {
      const img = el("img");
      img.src = item.picture;
      img.alt = "";
      b.appendChild(img);
    } else {
      b.appendChild(el("div", "noimg"));
    }
    const txt = el("div");
    txt.appendChild(el("div", "name", name(item)));
    // the price as charged: under an offer the offer price, the regular one struck through, the offer's own text
    const price = el("div", "price", money(item.unit_price_minor, item.currency) + " " + unit(item));
    if (item.regular_unit_price_minor != null) {
      price.appendChild(el("span", "was", money(item.regular_unit_price_minor, item.currency)));
      price.appendChild(el("span", "promo", offerText(item.offer)));
    }
    txt.appendChild(price);
    const origin = marketing(item);
    if (origin) txt.appendChild(el("div", "origin", origin));
    txt.appendChild(el("div", "plu", "PLU " + item.plu));
    b.appendChild(txt);
    b.onclick = () => {
      closeSearch();
      post("/api/pick", { plu: item.plu, rank: rank || 0 });
    };
    return b;
  }

  function renderWeight(w) {
    const d = $("weight");
    const blank = { OVERLOAD: "OVERLOAD", UNDERLOAD: "- - - -", FAULT: "FAULT", NOT_ZEROED: "NO ZERO", NONE: "—" }[w.status];
    d.textContent = blank || kg(w.text);
    d.classList.toggle("blank", !!blank);
    $("m-zero").classList.toggle("on", !!w.zero);
    $("m-stable").classList.toggle("on", !!w.stable);
    $("m-net").classList.toggle("on", !!w.net_mode);
    // a tare is only ever the picked item's preset tare (its bag or tray): PT, R76-1 4.6.5
    $("tare").textContent = w.tare_text ? t("ui.presetTare") + " " + kg(w.tare_text) : "";
  }

  function render() {
    if (!view || !lang) return;
    const s = view.state;
    document.body.dataset.state = s;
    document.body.classList.toggle("err", !!view.error && s !== "CAMERA_ERROR" && s !== "UNSTABLE" && s !== "BELOW_MIN");
    // out of service (calibration) the weight is not legal for trade: none is shown, whatever the view carries
    renderWeight(s === "OUT_OF_SERVICE" ? { status: "NONE" } : view.weight || { status: "NONE" });
    $("title").textContent = t("state." + s);
    $("hint").textContent = t("hint." + s);
    if (s === "CAMERA_ERROR" || (s === "SUGGESTING" && view.candidates.length === 0)) $("title").textContent = t("ui.chooseItem");
    // the printer's state is said before anyone weighs, in the shopper's language, with whom to ask
    if (s === "PRINTER_UNAVAILABLE" && view.printer_fault) $("title").textContent = t("printer." + view.printer_fault);
    // paying by card: the terminal's status in the shopper's language; a paid label says so
    const paying = s === "PAYING";
    const paidSale = view.sold && view.sold.payment_reference;
    if (paying) $("hint").textContent = t("pay." + ((view.payment && view.payment.status) || "please_wait"));
    if (s === "PRINTED" && paidSale) { $("title").textContent = t("ui.paidTakeLabel"); $("hint").textContent = t("hint.PAID"); }
    if (s === "PRICED" && view.payment && view.payment.enabled) $("title").textContent = t("ui.howToPay");
    // after the pick, every screen names the item (and its price as charged)
    const itemLine = $("item");
    const named = view.pick && ["PICKED", "PRICED", "PAYING", "PRINTED", "PRINTER_ERROR", "LOADING", "UNSTABLE"].includes(s);
    itemLine.hidden = !named;
    if (named) {
      itemLine.textContent = name(view.pick) + " · " + money(view.pick.unit_price_minor, view.pick.currency) + " " + unit(view.pick);
      if (view.pick.regular_unit_price_minor != null) itemLine.textContent += " · " + offerText(view.pick.offer);
      if (s === "PICKED" && view.pick.sale_type === "PER_PIECE") $("title").textContent = t("ui.howManyOf").replace("{item}", name(view.pick));
    }

    // message: a refused tap first, else the session's notice, else the problem behind an error state
    const m = $("message");
    let key = null, detail = null, info = false;
    if (tapMessage) { key = tapMessage.key; detail = tapMessage.detail; }
    else if (view.notice) { const i = view.notice.indexOf(":"); key = "msg." + (i < 0 ? view.notice : view.notice.slice(0, i)); info = view.notice === "not_recognised"; }
    else if (s === "PRINTER_ERROR" && view.printer_fault) { key = "printer." + view.printer_fault; }
    else if (s === "PRINTER_ERROR" && view.printer_problem) { key = "msg.printer_error"; }
    m.hidden = !key && !detail;
    m.className = "message" + (info ? " info" : "");
    m.textContent = key ? t(key) : detail || "";
    // a key the scale refused (zero, tare) says why in the weighing stage's words
    if (key === "msg.refused" && detail) m.textContent += " " + detail;

    // candidate tiles: rebuilt only when they change, so a finger on a tile is never lost to a redraw
    const tiles = $("tiles");
    const showTiles = (s === "SUGGESTING" || s === "CAMERA_ERROR") && !view.pick;
    const busy = s === "STABLE" || s === "PAYING" || (s === "PICKED" && !(view.pick && view.pick.sale_type === "PER_PIECE"));
    const tilesKey = [lang, s, view.load, showTiles ? view.candidates.map((c) => c.plu + ":" + c.unit_price_minor).join(",") : ""].join("|");
    if (tiles.dataset.key !== tilesKey) {
      tiles.dataset.key = tilesKey;
      tiles.innerHTML = "";
      if (showTiles) view.candidates.slice(0, 4).forEach((c) => tiles.appendChild(tile(c, c.rank)));
      if (busy) tiles.appendChild(el("div", "spinner"));
      else if (s === "IDLE" || s === "LOADING") tiles.appendChild(el("div", "big-icon", s === "IDLE" ? "⬇" : "…"));
      tiles.style.display = busy || s === "IDLE" || s === "LOADING" ? "block" : "";
    }

    // count entry for per-piece items
    const needCount = s === "PICKED" && view.pick && view.pick.sale_type === "PER_PIECE";
    $("count").hidden = !needCount;
    if (!needCount) countEntry = "";
    $("count-display").textContent = countEntry || "0";

    // priced item
    const p = $("priced");
    const item = view.priced;
    const showPriced = (s === "PRICED" || s === "PAYING" || s === "PRINTER_ERROR") && item && view.pick;
    p.hidden = !showPriced;
    const pricedKey = showPriced ? lang + JSON.stringify(item) + view.pick.plu : "";
    if (showPriced && p.dataset.key !== pricedKey) {
      p.dataset.key = pricedKey;
      p.innerHTML = "";
      if (view.pick.picture) { const img = el("img"); img.src = view.pick.picture; img.alt = ""; p.appendChild(img); }
      else p.appendChild(el("div"));
      const box = el("div");
      box.appendChild(el("div", "name", name(view.pick)));
      if (item.sale_type === "PER_KG") box.appendChild(el("div", "row", t("ui.weight") + ": " + kg(item.net_text)
          + (item.tare_text ? " (" + t("ui.presetTare") + " " + kg(item.tare_text) + ")" : "")));
      if (item.sale_type === "PER_PIECE") box.appendChild(el("div", "row", item.count + " × " + money(item.unit_price_minor, item.currency)));
      const up = el("div", "row", t("ui.unitPrice") + ": " + money(item.unit_price_minor, item.currency) + " " + unit(view.pick));
      if (item.promotion) {
        up.appendChild(el("span", "was", money(item.regular_unit_price_minor, item.currency)));
        up.appendChild(el("span", "promo-badge", offerText(item.promotion.texts) || item.promotion.text));
      }
      box.appendChild(up);
      const total = el("div", "total", money(item.total_minor, item.currency));
      total.id = "total";
      box.appendChild(total);
      p.appendChild(box);
    }

    // the label that came out
    const lab = $("label");
    const showLabel = s === "PRINTED" && view.sold && view.sold.label;
    lab.hidden = !showLabel;
    if (showLabel && $("label-img").dataset.src !== view.sold.label) {
      $("label-img").src = view.sold.label;
      $("label-img").dataset.src = view.sold.label;
    }

    // the receipt of a card payment, on screen (the terminal's customer receipt, line by line)
    const rc = $("receipt");
    const showReceipt = (s === "PRINTED" || s === "PRINTER_ERROR") && paidSale && view.sold.receipt && view.sold.receipt.length > 0;
    rc.hidden = !showReceipt;
    const receiptKey = showReceipt ? lang + view.sold.sale_id : "";
    if (rc.dataset.key !== receiptKey) {
      rc.dataset.key = receiptKey;
      rc.innerHTML = "";
      if (showReceipt) {
        rc.appendChild(el("div", "receipt-title", t("ui.receipt") + " · " + view.sold.payment_reference));
        view.sold.receipt.forEach((l) => rc.appendChild(el("div", "receipt-line", l)));
      }
    }

    const payOffered = !!(view.payment && view.payment.enabled);
    $("print").hidden = s !== "PRICED";
    $("print").textContent = payOffered ? t("ui.labelForCheckout") : t("ui.print");
    $("pay").hidden = !(s === "PRICED" && payOffered);
    $("pay-abort").hidden = !paying;
    $("back").hidden = !(view.pick && (s === "PICKED" || s === "PRICED"));
    // the list is for what lies on the platter: a sale needs its load (per kg and per piece at least Min)
    $("more").hidden = !["SUGGESTING", "CAMERA_ERROR", "BELOW_MIN"].includes(s) || !!view.pick;
    $("retry").hidden = s !== "PRINTER_ERROR";

    const banner = $("banner");
    const b = view.outbox_alarm ? t("ui.outboxAlarm") : "";
    banner.hidden = !b;
    banner.textContent = b;
    // the scale sells offline too: say so quietly, the shopper need not act
    const parts = [];
    if (view.pick) parts.push("PLU " + view.pick.plu);
    if (view.price_book) parts.push("v" + view.price_book.version);
    if (view.online === false) parts.push(t("ui.offline"));
    $("status").textContent = parts.join(" · ");
    $("sim").hidden = !view.simulation;
    const simCard = view.payment && view.payment.simulator_answer;
    $("sim-card-box").hidden = !simCard;
    if (simCard && document.activeElement !== $("sim-card")) $("sim-card").value = simCard;
  }

  function buildKeypad() {
    const k = $("count-keypad");
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"].forEach((d) => {
      const b = el("button", d === "OK" ? "ok" : "", d === "C" ? "⌫" : d);
      b.dataset.key = d;
      b.onclick = () => {
        if (d === "C") countEntry = countEntry.slice(0, -1);
        else if (d === "OK") { if (countEntry) post("/api/count", { pieces: parseInt(countEntry, 10) }); return; }
        else if (countEntry.length < 3) countEntry = (countEntry + d).replace(/^0+/, "");
        $("count-display").textContent = countEntry || "0";
      };
      k.appendChild(b);
    });
  }

  // ---- search and browse ("more items") ----
  // Folding for search: case, accents and umlauts away (Äpfel ~ apfel), ß ~ ss, and umlauts also as their
  // two-letter spelling (ae, oe, ue), so "weiss", "weiß", "aepfel" and "apfel" all find what they mean.
  function fold(s) { return s.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  function foldSpelled(s) { return fold(s.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue")); }
  function matches(item, q) {
    if (!q) return true;
    if (item.plu.startsWith(q)) return true;
    return Object.values(item.names).some((n) => fold(n).includes(q) || foldSpelled(n).includes(q));
  }
  async function openSearch(why) {
    const r = await fetch("/api/catalogue");
    catalogue = await r.json();
    $("search-input").value = "";
    browseKind = null;
    browseLetter = null;
    // the reason the list opened stays in view above it (it does not open over the explanation)
    $("search-why").hidden = !why;
    $("search-why").textContent = why ? t(why) : "";
    $("search").hidden = false;
    typing(false);
    renderResults();
  }
  function closeSearch() { $("search").hidden = true; }
  // two uses of one screen: browsing (kinds and A–Z over the list) or typing (the keyboard under the list);
  // showing both would leave the list two rows at 1024x600
  function typing(on) {
    $("keyboard").hidden = !on;
    $("kinds").hidden = on;
    $("letters").hidden = on;
    $("search").dataset.mode = on ? "typing" : "browsing";
  }
  function firstLetter(item) { return fold(name(item)).charAt(0).toUpperCase(); }
  function renderBrowse(hitsByText) {
    const kinds = $("kinds");
    kinds.innerHTML = "";
    const present = [...new Set(catalogue.map((c) => c.kind).filter((k) => k))].sort();
    if (present.length) {
      [null, ...present].forEach((k) => {
        const b = el("button", browseKind === k ? "on" : "", k ? t("kind." + k) : t("ui.all"));
        b.dataset.kind = k || "";
        b.onclick = () => { browseKind = k; browseLetter = null; renderResults(); };
        kinds.appendChild(b);
      });
    }
    const letters = $("letters");
    letters.innerHTML = "";
    const inKind = hitsByText.filter((c) => !browseKind || c.kind === browseKind);
    const available = new Set(inKind.map(firstLetter));
    [...available].sort((a, b) => a.localeCompare(b, LOCALES[lang])).forEach((l) => {
      const b = el("button", browseLetter === l ? "on" : "", l);
      b.dataset.letter = l;
      b.onclick = () => { browseLetter = browseLetter === l ? null : l; renderResults(); };
      letters.appendChild(b);
    });
  }
  function renderResults() {
    const q = fold($("search-input").value.trim());
    const out = $("search-results");
    out.innerHTML = "";
    const byText = catalogue.filter((c) => matches(c, q));
    renderBrowse(byText);
    const hits = byText.filter((c) => (!browseKind || c.kind === browseKind) && (!browseLetter || firstLetter(c) === browseLetter));
    hits.sort((a, b) => name(a).localeCompare(name(b), LOCALES[lang]));
    hits.forEach((c) => out.appendChild(tile(c, 0)));
    if (!hits.length) out.appendChild(el("div", "hint", t("ui.noItems")));
  }
  // the keyboard of the shopper's language: QWERTY for English, QWERTZ with Ä Ö Ü ß for German
  const KEYBOARDS = {
    en: ["1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"],
    de: ["1234567890", "QWERTZUIOPÜ", "ASDFGHJKLÖÄ", "YXCVBNMß"]
  };
  function buildKeyboard() {
    const k = $("keyboard");
    k.innerHTML = "";
    k.dataset.layout = KEYBOARDS[lang] ? lang : "en";
    (KEYBOARDS[lang] || KEYBOARDS.en).forEach((rowKeys, i) => {
      const row = el("div", "krow");
      rowKeys.split("").forEach((c) => {
        const b = el("button", "", c);
        b.dataset.key = c;
        b.onclick = () => { $("search-input").value += c === "ß" ? "ß" : c.toLowerCase(); renderResults(); };
        row.appendChild(b);
      });
      if (i === 3) {
        const hide = el("button", "", "▾");
        hide.dataset.key = "hide";
        hide.onclick = () => typing(false);
        row.appendChild(hide);
        const space = el("button", "wide", "␣");
        space.onclick = () => { $("search-input").value += " "; renderResults(); };
        const del = el("button", "wide", "⌫");
        del.dataset.key = "back";
        del.onclick = () => { const inp = $("search-input"); inp.value = inp.value.slice(0, -1); renderResults(); };
        row.appendChild(space);
        row.appendChild(del);
      }
      k.appendChild(row);
    });
  }

  // ---- simulation panel (simulated scale only) ----
  let photosLoaded = false;
  async function loadPhotos() {
    if (photosLoaded) return;
    photosLoaded = true;
    const photos = await (await fetch("/api/sim/photos")).json();
    const sel = $("sim-photo");
    const seen = {};
    photos.forEach((p) => {
      seen[p.class] = (seen[p.class] || 0) + 1;
      const o = el("option", "", p.class.replace(/-/g, " ") + " #" + seen[p.class]);
      o.value = p.id;
      sel.appendChild(o);
    });
  }

  // the descriptive markings do not change while the scale runs: read once (R76-1 7.1.1, 7.1.2)
  async function loadMarkings() {
    const m = await (await fetch("/api/markings")).json();
    const box = $("markings");
    box.appendChild(el("span", "oval", m.accuracyClass));
    [m.max, m.min, m.e, m.tare, "SW " + m.softwareId].forEach((text) => box.appendChild(el("span", "", text)));
  }

  function connect() {
    const es = new EventSource("/api/events");
    es.addEventListener("view", (e) => {
      const first = !view;
      const before = view ? view.state : null;
      view = JSON.parse(e.data);
      if (first || !lang) { setLang(lang || view.languages[0]); }
      // a new shopper gets the store's first language again
      if (before === "REMOVED" && view.state === "IDLE" && lang !== view.languages[0]) setLang(view.languages[0]);
      if (before !== view.state && view.state === "SUGGESTING" && view.candidates.length === 0 && view.notice === "not_recognised") openSearch("msg.not_recognised");
      if (view.state !== before && ["IDLE", "REMOVED", "PAYING", "PRINTED", "PRINTER_UNAVAILABLE", "LOADING", "OUT_OF_SERVICE"].includes(view.state)) closeSearch();
      render();
    });
    es.onerror = () => { $("status").textContent = "…"; };
  }

  document.addEventListener("DOMContentLoaded", () => {
    buildKeypad();
    $("print").onclick = () => post("/api/print");
    $("back").onclick = () => post("/api/back");
    $("retry").onclick = () => post("/api/retry-print");
    $("pay").onclick = () => post("/api/pay");
    $("pay-abort").onclick = () => post("/api/pay/abort");
    $("sim-card").onchange = () => post("/api/sim/card-terminal", { answer: $("sim-card").value });
    $("more").onclick = () => openSearch(null);
    $("search-close").onclick = closeSearch;
    $("search-input").oninput = renderResults;
    $("search-input").onclick = () => typing(true);
    $("search-input").onfocus = () => typing(true);
    $("sim-toggle").onclick = () => { const p = $("sim-panel"); p.hidden = !p.hidden; if (!p.hidden) loadPhotos(); };
    $("sim-place").onclick = () => post("/api/sim/place", { photo: $("sim-photo").value, grams: parseFloat($("sim-grams").value) });
    $("sim-takeoff").onclick = () => post("/api/sim/take-off");
    $("sim-paper-out").onclick = () => post("/api/sim/paper", { out: true });
    $("sim-paper-in").onclick = () => post("/api/sim/paper", { out: false });
    loadMarkings();
    connect();
  });
})();
