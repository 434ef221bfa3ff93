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

// The 打印 and 复制网址 buttons need JavaScript, so they are hidden until this script shows them (without
// JavaScript the browser's own print command prints the same clean page, and the address is there to select).
// 复制网址 only where the browser lets a page write to the clipboard.
function showButtons(root) {
  var canCopy = Boolean(navigator.clipboard && window.isSecureContext);
  root.querySelectorAll("[data-print]" + (canCopy ? ", [data-copy]" : "")).forEach(function (button) {
    button.hidden = false;
  });
}
document.addEventListener("DOMContentLoaded", function () { showButtons(document); });
document.addEventListener("htmx:afterSwap", function (event) { showButtons(event.detail.target); });
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-copy]");
  if (!button) {
    return;
  }
  var address = document.getElementById(button.getAttribute("data-copy"));
  var status = button.parentNode.querySelector("[data-copy-status]");
  navigator.clipboard.writeText(address.textContent.trim()).then(function () {
    status.textContent = "已复制网址";
  }, function () {
    status.textContent = "未能复制，请长按上面的网址复制";
    window.getSelection().selectAllChildren(address);
  });
});
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

// 朗读 (关怀版): read the answer or the result aloud with the browser's own speech synthesis (zh-CN).
// Shown only where the browser can speak Chinese or at least has a voice; never starts by itself.
// The text read is every [data-read-aloud-text] block of the page, in order.
function speechVoices() {
  return window.speechSynthesis && window.SpeechSynthesisUtterance ? window.speechSynthesis.getVoices() : [];
}
function chineseVoice() {
  var voices = speechVoices();
  return voices.filter(function (v) { return /^zh[-_](CN|Hans)/i.test(v.lang); })[0] ||
    voices.filter(function (v) { return /^zh/i.test(v.lang); })[0] || null;
}
function showReadAloud(root) {
  if (!speechVoices().length) {
    return;
  }
  root.querySelectorAll("[data-read-aloud]").forEach(function (box) { box.hidden = false; });
}
function setSpeaking(box, speaking) {
  box.querySelector("[data-read-aloud-start]").hidden = speaking;
  var stop = box.querySelector("[data-read-aloud-stop]");
  stop.hidden = !speaking;
  (speaking ? stop : box.querySelector("[data-read-aloud-start]")).focus();
}
function readAloud(box) {
  var text = Array.prototype.map.call(document.querySelectorAll("#main [data-read-aloud-text]"), function (el) {
    return el.innerText;
  }).join("\n");
  var utterance = new window.SpeechSynthesisUtterance(text);
  utterance.lang = "zh-CN";
  utterance.voice = chineseVoice();
  utterance.rate = 0.9; // a little slower than the default, for older listeners
  utterance.onend = utterance.onerror = function () { setSpeaking(box, false); };
  window.speechSynthesis.cancel();
  window.speechSynthesis.speak(utterance);
  setSpeaking(box, true);
}
if (window.speechSynthesis) {
  // Chromium loads its voices after the page: show the button when they arrive.
  window.speechSynthesis.addEventListener("voiceschanged", function () { showReadAloud(document); });
}
document.addEventListener("DOMContentLoaded", function () { showReadAloud(document); });
document.addEventListener("htmx:afterSwap", function (event) { showReadAloud(event.detail.target); });
document.addEventListener("htmx:beforeSwap", function () {
  if (window.speechSynthesis) { window.speechSynthesis.cancel(); } // leaving the page stops the reading
});
document.addEventListener("click", function (event) {
  var box = event.target.closest("[data-read-aloud]");
  if (!box) {
    return;
  }
  if (event.target.closest("[data-read-aloud-start]")) {
    readAloud(box);
  } else if (event.target.closest("[data-read-aloud-stop]")) {
    window.speechSynthesis.cancel();
    setSpeaking(box, false);
  }
});
