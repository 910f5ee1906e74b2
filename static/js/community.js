/* Replies and helpful marks without a page reload, written through the REST API (/api/v1/, the address in each
   form's data-api) with the member's session and the form's CSRF token. Without this script, or whenever the API
   does not answer as expected, both are plain form posts. */
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(form) {
    return fetch(form.dataset.api, {
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

  // The new post as its thread page shows it to the member (with its buttons): the page that holds it, fetched
  // once the API has written it.
  function postArticle(url, number) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var article = page.getElementById("post-" + number);
        if (!article) throw new Error("post not on its page");
        return document.importNode(article, true);
      });
  }

  function markHelpful(form) {
    var button = form.querySelector("button");
    button.disabled = true;
    send(form)
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
  }

  function reply(form) {
    var submit = form.querySelector("button[type=submit]");
    submit.disabled = true;
    send(form)
      .then(function (response) {
        return response.json().then(function (result) {
          return { ok: response.ok, status: response.status, result: result };
        });
      })
      .then(function (answer) {
        if (answer.status === 409) {
          // A second click on the same reply: it is posted once, and we say so.
          announce(form, answer.result.detail);
          return;
        }
        if (answer.status !== 201) {
          // Validation messages and refusals belong next to the fields: let the server render the form.
          form.submit();
          return;
        }
        var post = answer.result.post;
        return postArticle(post.url, post.number).then(
          function (article) {
            var box = document.getElementById("reply");
            box.parentNode.insertBefore(article, box);
            form.querySelector("textarea[name=body]").value = "";
            announce(form, answer.result.message);
          },
          function () { window.location.assign(post.url); }  // posted: show it where it is
        );
      })
      .catch(function () { form.submit(); })
      .finally(function () { submit.disabled = false; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!window.fetch || !form.dataset.api) return;
    if (form.classList.contains("helpful-form")) {
      event.preventDefault();
      markHelpful(form);
    } else if (form.classList.contains("reply-form")) {
      var honeypot = form.querySelector("input[name=website]");
      if (honeypot && honeypot.value) return;  // the page's own post deals with bots
      event.preventDefault();
      reply(form);
    }
  });
})();
