// Adds up the ticked orders as the student ticks them; the server still checks every order when it arrives.
(function () {
  "use strict";
  var form = document.getElementById("orders");
  if (!form) { return; }
  var tally = form.querySelector(".tally");
  var points = Number(form.dataset.points), most = Number(form.dataset.max);
  function update() {
    var ticked = form.querySelectorAll("input[name=order]:checked"), cost = 0;
    ticked.forEach(function (box) { cost += Number(box.dataset.cost); });
    var over = cost > points + 1e-9 || ticked.length > most;
    tally.textContent = ticked.length + " of at most " + most + " orders ticked · " + cost + " of " + points.toFixed(1) + " action points";
    tally.classList.toggle("over", over);
  }
  form.addEventListener("change", update);
  update();
})();
