/* Upload progress for forms marked data-upload-progress.
 *
 * The form is sent with XMLHttpRequest so the page can show how much of the file has gone up
 * (photos and CSV files over a slow mobile line take a while), then that the server is
 * working; the server's answer then replaces the page, as a normal submit would. Without
 * JavaScript the form posts as usual and the browser shows its own progress.
 */
(function () {
  "use strict";
  if (!window.FormData || !window.XMLHttpRequest) return;

  function show(form) {
    var box = form.querySelector(".upload-progress");
    var bar = box.querySelector("progress");
    var label = box.querySelector(".upload-progress-label");
    box.hidden = false;
    return {
      sent: function (loaded, total) {
        var percent = Math.round((100 * loaded) / total);
        bar.max = 100;
        bar.value = percent;
        label.textContent = box.dataset.sending.replace("%(percent)s", percent);
      },
      working: function () {
        bar.removeAttribute("value"); // an indeterminate bar
        label.textContent = box.dataset.working;
      },
      failed: function () {
        bar.value = 0;
        label.textContent = box.dataset.failed;
      },
    };
  }

  function replacePage(xhr) {
    if (xhr.responseURL && xhr.responseURL !== window.location.href) {
      window.history.replaceState(null, "", xhr.responseURL); // a redirect was followed
    }
    document.open();
    document.write(xhr.responseText);
    document.close();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-upload-progress]") || !form.querySelector(".upload-progress")) return;
    event.preventDefault();
    var buttons = form.querySelectorAll("[type=submit]");
    var progress = show(form);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) progress.sent(e.loaded, e.total);
    });
    xhr.upload.addEventListener("load", progress.working);
    xhr.addEventListener("load", function () { replacePage(xhr); });
    xhr.addEventListener("error", function () {
      progress.failed();
      buttons.forEach(function (b) { b.disabled = false; });
    });
    buttons.forEach(function (b) { b.disabled = true; });
    xhr.send(new FormData(form));
  });
})();
