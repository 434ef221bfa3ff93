// Small enhancements only: every page works without this file.
// After HTMX swaps the main content, move focus there so screen readers announce the new page.
document.addEventListener("htmx:afterSwap", function (event) {
  var main = document.getElementById("main");
  if (event.detail.target === main) {
    main.focus({ preventScroll: true });
  }
});

// htmx keeps a snapshot of the page for the back button; typed text lives in a property, not in
// the HTML, so copy it into the attribute first, or going back would show an empty search box.
document.addEventListener("htmx:beforeHistorySave", function () {
  document.querySelectorAll("input[type=search], input[type=text]").forEach(function (input) {
    input.setAttribute("value", input.value);
  });
});
