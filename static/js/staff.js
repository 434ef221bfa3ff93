// The staff admin's small enhancements: every form works without this file (its help text says the same).

// 政策参数: a ratio is typed as a decimal (0.90); say it as the rules print it, "= 90%", beside the box as
// staff type. Which parameters are ratios: the box's data-ratio-keys (or data-ratio, where the parameter is fixed).
function percentOf(text) {
  var number = Number(text.trim());
  if (text.trim() === "" || !isFinite(number)) {
    return "";
  }
  return "= " + String(Math.round(number * 1e6) / 1e4) + "%"; // 0.9 → 90%, 0.035 → 3.5%, without float noise
}
function sayPercent(input) {
  var key = document.getElementById("id_key");
  var keys = (input.getAttribute("data-ratio-keys") || "").split(" ");
  var said = document.createElement("span");
  said.className = "percent-said";
  said.setAttribute("aria-live", "polite");
  input.insertAdjacentElement("afterend", said);
  function update() {
    var ratio = key && key.tagName === "SELECT" ? keys.indexOf(key.value) >= 0 : input.hasAttribute("data-ratio");
    said.textContent = ratio ? percentOf(input.value) : "";
  }
  input.addEventListener("input", update);
  if (key) {
    key.addEventListener("change", update);
  }
  update();
}

// 工资与收入基数: 数值's label says the unit of the kind chosen (元/年 or 元/月), as the server wrote it for the saved one.
function sayUnit(input) {
  var kind = document.getElementById("id_kind");
  var label = document.querySelector("label[for='" + input.id + "']");
  var units = JSON.parse(input.getAttribute("data-units"));
  if (!kind || !label) {
    return;
  }
  kind.addEventListener("change", function () {
    if (units[kind.value]) {
      label.textContent = label.textContent.replace(/（[^）]*）/, "（" + units[kind.value] + "）");
    }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  var ratio = document.querySelector("input[data-ratio-keys]");
  if (ratio) {
    sayPercent(ratio);
  }
  var amount = document.querySelector("input[data-units]");
  if (amount) {
    sayUnit(amount);
  }
});
