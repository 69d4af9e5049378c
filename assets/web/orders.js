// Adds up the ticked orders as the student ticks them; the server still checks every order when it arrives. The
// sentence comes from the page, in its language (data-tally, with {ticked} {most} {cost} {points}; data-decimal).
(function () {
  "use strict";
  var form = document.getElementById("orders");
  if (!form) { return; }
  var tally = form.querySelector(".tally");
  var points = Number(form.dataset.points), most = Number(form.dataset.max);
  var sentence = form.dataset.tally || "{ticked} of at most {most} orders ticked · {cost} of {points} action points";
  var decimal = form.dataset.decimal || ".";
  function number(value, digits) { return value.toFixed(digits).replace(".", decimal); }
  function update() {
    var ticked = form.querySelectorAll("input[name=order]:checked"), cost = 0;
    ticked.forEach(function (box) { cost += Number(box.dataset.cost); });
    var over = cost > points + 1e-9 || ticked.length > most;
    tally.textContent = sentence.replace("{ticked}", ticked.length).replace("{most}", most)
      .replace("{cost}", number(cost, cost % 1 ? 1 : 0)).replace("{points}", number(points, 1));
    tally.classList.toggle("over", over);
  }
  form.addEventListener("change", update);
  update();
})();
