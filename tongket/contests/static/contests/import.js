// Entry import: show how much of the upload has been sent while htmx posts the form.
(function () {
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = document.getElementById("import-progress");
    if (!bar || !event.detail.lengthComputable) return;
    bar.hidden = false;
    bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var status = document.getElementById("import-status");
    if (status && event.target.id === "entry-import") status.hidden = false;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var status = document.getElementById("import-status");
    if (status && event.target.id === "entry-import") status.hidden = true;
  });
})();
