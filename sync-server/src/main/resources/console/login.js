// The console's login form: POST /api/login sets the session cookie (HttpOnly: this script never sees it),
// then back to the page the user came from.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const headers = { "Content-Type": "application/json", "X-FreshScale-Console": "1" };
  // only a console page of this server: ?next= must not send anybody elsewhere after logging in
  function next() {
    const n = new URLSearchParams(location.search).get("next") || "";
    return /^\/console\/[^/]/.test(n) || n === "/console/" ? n : "/console/";
  }
  function show(msg) { const e = $("login-error"); e.textContent = msg; e.hidden = !msg; }
  document.addEventListener("DOMContentLoaded", async () => {
    const me = await fetch("/api/me", { headers: headers }).catch(() => null);
    if (me && me.ok) { location.replace(next()); return; }
    if (new URLSearchParams(location.search).get("ended")) show("Your session has ended: please log in again.");
    $("login").onsubmit = async (e) => {
      e.preventDefault();
      $("login-submit").disabled = true;
      try {
        const r = await fetch("/api/login", { method: "POST", headers: headers,
          body: JSON.stringify({ user: $("user").value.trim(), password: $("password").value }) });
        if (r.ok) { location.replace(next()); return; }
        const j = await r.json().catch(() => null);
        show((j && j.error) || ("HTTP " + r.status));
        $("password").value = "";
        $("password").focus();
      } catch (err) {
        show("The server does not answer: " + err.message);
      } finally {
        $("login-submit").disabled = false;
      }
    };
  });
})();
