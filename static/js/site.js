// Small enhancements only: every page works without this file.
// After HTMX swaps the main content, move focus there so screen readers announce the new page.
// An error summary, if the new page has one, takes the focus instead (GOV.UK pattern).
document.addEventListener("htmx:afterSwap", function (event) {
  var main = document.getElementById("main");
  if (event.detail.target === main) {
    var summary = document.getElementById("error-summary");
    (summary || main).focus({ preventScroll: !summary });
  }
});

// htmx keeps a snapshot of the page for the back button; typed text lives in a property, not in
// the HTML, so copy it into the attribute first, or going back would show an empty search box.
document.addEventListener("htmx:beforeHistorySave", function () {
  document.querySelectorAll("input[type=search], input[type=text]").forEach(function (input) {
    input.setAttribute("value", input.value);
  });
});

// The 打印 button needs JavaScript, so it is hidden until this script shows it
// (without JavaScript the browser's own print command prints the same clean page).
function showPrintButtons(root) {
  root.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
  });
}
document.addEventListener("DOMContentLoaded", function () { showPrintButtons(document); });
document.addEventListener("htmx:afterSwap", function (event) { showPrintButtons(event.detail.target); });
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
