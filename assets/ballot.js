// Knapsack ballots: a live meter of the money the ticked projects spend and of what is left.
// A progressive enhancement: without it the ballot works the same, and the check page shows
// the same total.
(function () {
  "use strict";
  var meter = document.getElementById("budget-meter");
  if (!meter) {
    return;
  }
  var form = meter.closest("form");
  var budget = Number(meter.getAttribute("data-budget"));
  var currency = meter.getAttribute("data-currency");
  var numbers = new Intl.NumberFormat(document.documentElement.lang, {
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  });
  var money = function (cents) {
    return numbers.format(cents / 100) + "\u00a0" + currency;
  };
  var bar = meter.querySelector("meter");
  var update = function () {
    var spent = 0;
    form.querySelectorAll("input[type=checkbox][data-cost]").forEach(function (box) {
      if (box.checked) {
        spent += Number(box.getAttribute("data-cost"));
      }
    });
    var left = budget - spent;
    meter.querySelector(".spent").textContent = money(spent);
    meter.querySelector(".left").textContent = money(Math.abs(left));
    meter.querySelector(".left-label").textContent =
      meter.getAttribute(left < 0 ? "data-over" : "data-left");
    meter.classList.toggle("over", left < 0);
    bar.value = Math.min(spent, budget);
  };
  form.addEventListener("change", update);
  meter.hidden = false;
  update();
})();
