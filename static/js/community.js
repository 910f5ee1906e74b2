/* Replies and helpful marks without a page reload. Without this script both are plain form posts. */
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function post(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrfToken(form) }
    });
  }

  function announce(form, text) {
    var status = form.querySelector("[data-status]");
    if (!status) {
      status = document.createElement("p");
      status.setAttribute("role", "status");
      status.setAttribute("data-status", "");
      status.className = "message";
      form.prepend(status);
    }
    status.textContent = text;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!window.fetch) return;
    if (form.classList.contains("helpful-form")) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      post(form)
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (result) {
          button.setAttribute("aria-pressed", result.marked ? "true" : "false");
          var count = form.parentNode.querySelector("[data-count]");
          if (!count) {
            count = document.createElement("span");
            count.setAttribute("data-count", "");
            count.className = "helpful-count";
            form.after(count);
          }
          count.textContent = result.count_text;
        })
        .catch(function () { form.submit(); })
        .finally(function () { button.disabled = false; });
    } else if (form.classList.contains("reply-form")) {
      event.preventDefault();
      var submit = form.querySelector("button[type=submit]");
      submit.disabled = true;
      post(form)
        .then(function (response) {
          return response.json().then(function (result) {
            return { ok: response.ok, status: response.status, result: result };
          });
        })
        .then(function (answer) {
          if (answer.status === 409) {
            // A second click on the same reply: it is posted once, and we say so.
            announce(form, answer.result.error);
            return;
          }
          if (!answer.ok) {
            // Validation messages belong next to the fields: let the server render the form.
            form.submit();
            return;
          }
          var wrapper = document.createElement("div");
          wrapper.innerHTML = answer.result.html;
          var box = document.getElementById("reply");
          box.parentNode.insertBefore(wrapper.firstElementChild, box);
          form.querySelector("textarea[name=body]").value = "";
          announce(form, answer.result.message);
        })
        .catch(function () { form.submit(); })
        .finally(function () { submit.disabled = false; });
    }
  });
})();
