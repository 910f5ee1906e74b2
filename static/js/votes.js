/* Votes without a page reload, through the REST API (/api/v1/…/vote/, named by the section's data-vote-api) with the
   session and its CSRF token. Without this script the vote buttons are a plain form post to the page. */
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function show(section, result) {
    section.querySelector("[data-up]").textContent = result.up;
    section.querySelector("[data-down]").textContent = result.down;
    var mine = section.querySelector("[data-mine]");
    ["up", "down"].forEach(function (direction) {
      var button = section.querySelector("[data-vote=" + direction + "]");
      var pressed = (direction === "up" && result.mine === 1) || (direction === "down" && result.mine === -1);
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
      button.value = pressed ? "withdraw" : direction;
    });
    mine.textContent = result.mine === 1 ? mine.dataset.textUp : result.mine === -1 ? mine.dataset.textDown : mine.dataset.textNone;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("votes__form")) return;
    var button = event.submitter;
    if (!button || !window.fetch) return;
    var section = form.closest(".votes");
    if (!section || !section.dataset.voteApi) return;
    event.preventDefault();
    button.disabled = true;
    fetch(section.dataset.voteApi, {
      method: "POST",
      body: JSON.stringify({ vote: button.value }),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/json", "X-CSRFToken": csrfToken(form) }
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (result) { show(section, result); })
      .catch(function () {
        // Fall back to the plain form post, which shows the outcome on a new page.
        var value = document.createElement("input");
        value.type = "hidden";
        value.name = "vote";
        value.value = button.value;
        form.appendChild(value);
        form.submit();
      })
      .finally(function () { button.disabled = false; });
  });
})();
