// The deadline counts down on the page; the server still decides (a late submission is refused). The words come
// from the page, in its language: data-left ("{time} left") and data-passed.
(function () {
  "use strict";
  function tick() {
    document.querySelectorAll(".countdown[data-deadline]").forEach(function (el) {
      var left = Math.round(Number(el.dataset.deadline) - Date.now() / 1000);
      if (left <= 0) { el.textContent = el.dataset.passed || "deadline passed"; el.classList.add("late"); return; }
      var m = Math.floor(left / 60), s = left % 60;
      var time = m + ":" + (s < 10 ? "0" : "") + s;
      el.textContent = (el.dataset.left || "{time} left").replace("{time}", time);
    });
  }
  tick();
  setInterval(tick, 1000);
})();

// The dashboard shows new submissions by itself: it reloads every 15 seconds unless the teacher is typing.
(function () {
  "use strict";
  if (!document.body || !document.body.classList.contains("teacher")) { return; }
  setInterval(function () {
    var busy = document.activeElement && /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (!busy) { location.replace(location.pathname); }
  }, 15000);
})();
