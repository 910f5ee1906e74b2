// Starts Swagger UI on /api/v1/docs/ from our own static files: no inline script, so the site's CSP holds.
// "Try it out" sends the session cookie with the CSRF token, as the site's own scripts do.
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  const csrfToken = () => {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    // Deep links put a link inside each operation's expand button: a control nested in a control, which screen
    // readers announce as one and keyboards cannot reach.
    deepLinking: false,
    // The highlighter's colours on its dark background fall below AA contrast; plain text on it does not.
    syntaxHighlight: false,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    persistAuthorization: false,
    requestInterceptor: (request) => {
      const method = (request.method || "GET").toUpperCase();
      if (!["GET", "HEAD", "OPTIONS"].includes(method)) {
        request.headers["X-CSRFToken"] = csrfToken();
      }
      return request;
    },
  });
  // Swagger UI's markup, mended as it is drawn: the examples menu has its title beside it but no label, and a
  // long code block scrolls but cannot be reached by keyboard.
  new MutationObserver(() => {
    root.querySelectorAll(".examples-select-element:not([aria-label])").forEach((select) => {
      select.setAttribute("aria-label", "Examples");
    });
    root.querySelectorAll(".highlight-code > pre:not([tabindex])").forEach((code) => {
      code.tabIndex = 0;
    });
  }).observe(root, { childList: true, subtree: true });
})();
