// medlint report: the page's script (inlined into index.html). It draws the
// articles table and the findings table (a page at a time) from the page's
// data (#report-data: as JSON they take a third of the bytes of HTML rows),
// sorts every table (its headings are buttons, the order in aria-sort), and
// filters the articles and the findings. Without it the charts, the summary,
// the hardest articles and the copies still read; the tables' rows are in
// reviews.csv and report.json.
(function () {
  "use strict";

  function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  // null for an empty cell (no date, no grade): it sorts last either way.
  function sortKey(value, type) {
    var text = String(value === null || value === undefined ? "" : value).trim();
    if (text === "") return null;
    if (type === "num") {
      var number = parseFloat(text);
      return isNaN(number) ? null : number;
    }
    return text.toLowerCase();
  }

  // Items in the order asked for, by their keys; empty keys last, ties kept.
  function sorted(items, keyOf, up) {
    var keyed = items.map(function (item, i) { return [keyOf(item), i, item]; });
    keyed.sort(function (a, b) {
      if (a[0] === null || b[0] === null) {
        return (a[0] === null) - (b[0] === null) || a[1] - b[1];
      }
      return (up ? compare(a[0], b[0]) : compare(b[0], a[0])) || a[1] - b[1];
    });
    return keyed.map(function (k) { return k[2]; });
  }

  function sortable(table, onSort) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = th.querySelector("button");
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var type = button.getAttribute("data-type");
        if (onSort) { onSort(column, type, up); return; }
        var body = table.tBodies[0];
        var rows = sorted(Array.prototype.slice.call(body.rows), function (row) {
          var cell = row.cells[column];
          var value = cell.getAttribute("data-v");
          return sortKey(value === null ? cell.textContent.trim() : value, type);
        }, up);
        var fragment = document.createDocumentFragment();
        rows.forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
      });
    });
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    if (table.id !== "findings-table") sortable(table);
  });

  // Printed, the page shows what its closed <details> hold (the charts' numbers, the copies).
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) {
      return !d.open;
    });
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });

  var source = document.getElementById("report-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);

  // [path as shown, link, editor link]: most articles are kept as the path alone.
  function article(number) {
    var kept = data.articles[number];
    if (typeof kept !== "string") return kept;
    return [kept, data.prefixes[0] + kept, data.prefixes[1] + kept];
  }

  function element(name, text, className) {
    var made = document.createElement(name);
    if (text !== undefined && text !== null) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  function cell(row, content) {
    var td = document.createElement("td");
    if (content === null || content === undefined) content = "";
    if (typeof content === "string" || typeof content === "number") {
      td.textContent = String(content);
    } else {
      td.appendChild(content);
    }
    row.appendChild(td);
    return td;
  }

  function link(href, label) {
    var a = element("a", label);
    a.href = href;
    return a;
  }

  function when(days) {
    if (days === null) return "";
    if (days < 0) return -days + " days ago";
    return days === 0 ? "today" : "in " + days + " days";
  }

  function countLink(count, severity) {
    if (!count) return "0";
    var a = link("#findings", String(count));
    a.className = "show-findings";
    a.setAttribute("data-severity", severity);
    return a;
  }

  var articles = document.getElementById("articles");
  if (articles) {
    var statusText = {}, statusOrder = {};
    data.statuses.forEach(function (pair, n) { statusText[pair[0]] = pair[1]; statusOrder[pair[0]] = n; });
    var rowsMade = document.createDocumentFragment();
    data.table.forEach(function (facts, number) {
      var where = article(number), row = document.createElement("tr");
      row.setAttribute("data-status", facts[1]);
      row.setAttribute("data-a", String(number));
      var name = document.createDocumentFragment();
      name.appendChild(link(where[1], facts[0] || where[0]));
      name.appendChild(document.createElement("br"));
      name.appendChild(element("span", where[0], "path"));
      cell(row, name);
      cell(row, element("span", statusText[facts[1]], "status " + facts[1]))
        .setAttribute("data-v", String(statusOrder[facts[1]]));
      var due = document.createDocumentFragment();
      if (facts[2]) {
        due.appendChild(element("span", facts[2], "date"));
        due.appendChild(document.createElement("br"));
        due.appendChild(element("span", when(facts[3]), "when"));
      }
      cell(row, due);
      cell(row, element("span", facts[4], "date"));
      cell(row, facts[5]);
      cell(row, facts[6] === null ? "" : facts[6]);
      cell(row, countLink(facts[7], "error"));
      cell(row, countLink(facts[8], "warning"));
      rowsMade.appendChild(row);
    });
    articles.tBodies[0].appendChild(rowsMade);
    var filter = document.getElementById("articles-filter");
    var status = document.getElementById("articles-status");
    var count = document.getElementById("articles-count");
    // A row's cells' text, each apart (a query never matches across two cells).
    var searchText = function (row) {
      if (!row.searchText) {
        row.searchText = Array.prototype.map.call(row.cells, function (c) {
          return c.textContent;
        }).join("\n").toLowerCase();
      }
      return row.searchText;
    };
    var applyFilters = function () {
      var query = filter.value.trim().toLowerCase(), wanted = status.value, shown = 0;
      var rows = articles.tBodies[0].rows;
      Array.prototype.forEach.call(rows, function (row) {
        var keep = (!wanted || row.getAttribute("data-status") === wanted) &&
          (!query || searchText(row).indexOf(query) >= 0);
        row.hidden = !keep;
        if (keep) shown++;
      });
      count.textContent = shown + " of " + rows.length + " articles";
    };
    filter.addEventListener("input", applyFilters);
    status.addEventListener("change", applyFilters);
  }

  var table = document.getElementById("findings-table");
  if (!table) return;
  var body = table.tBodies[0];
  var text = document.getElementById("findings-filter");
  var rule = document.getElementById("findings-rule");
  var severity = document.getElementById("findings-severity");
  var counter = document.getElementById("findings-count");
  var previous = document.getElementById("findings-previous");
  var next = document.getElementById("findings-next");
  var rank = { error: 0, warning: 1, info: 2 };
  var page = 0, order = null, chosen = [], only = null;

  function field(row, column) {
    var message = data.messages[row[2]];
    return [article(row[0])[0], row[1], message[0], rank[message[1]], message[2]][column];
  }

  function pick() {
    var query = text.value.trim().toLowerCase(), wantedRule = rule.value;
    var wantedSeverity = severity.value;
    chosen = data.findings.filter(function (row) {
      var message = data.messages[row[2]], path = article(row[0])[0];
      if (wantedRule && message[0] !== wantedRule) return false;
      if (wantedSeverity && message[1] !== wantedSeverity) return false;
      if (only !== null) return path === only;
      return !query || path.toLowerCase().indexOf(query) >= 0 ||
        message[2].toLowerCase().indexOf(query) >= 0;
    });
    if (order) {
      chosen = sorted(chosen, function (row) {
        return sortKey(field(row, order[0]), order[1]);
      }, order[2]);
    }
    page = 0;
    draw();
  }

  function draw() {
    var size = data.page, pages = Math.max(1, Math.ceil(chosen.length / size));
    if (page >= pages) page = pages - 1;
    if (page < 0) page = 0;
    var fragment = document.createDocumentFragment();
    chosen.slice(page * size, (page + 1) * size).forEach(function (finding) {
      var where = article(finding[0]), message = data.messages[finding[2]];
      var row = document.createElement("tr");
      cell(row, link(where[1], where[0]));
      cell(row, link(where[2] + ":" + finding[1], String(finding[1])));
      cell(row, element("code", message[0]));
      cell(row, element("span", message[1], "status " +
        (message[1] === "error" ? "overdue" : message[1] === "warning" ? "due-30" : "fine")));
      cell(row, message[2]);
      fragment.appendChild(row);
    });
    body.replaceChildren(fragment);
    var total = data.findings.length;
    counter.textContent = chosen.length === 0 ? "No finding matches" :
      "Findings " + (page * size + 1) + " to " + Math.min(chosen.length, (page + 1) * size) +
      " of " + chosen.length + (chosen.length < total ? " (filtered from " + total + ")" : "");
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
  }

  sortable(table, function (column, type, up) { order = [column, type, up]; pick(); });
  text.addEventListener("input", function () { only = null; pick(); });
  rule.addEventListener("change", pick);
  severity.addEventListener("change", pick);
  previous.addEventListener("click", function () { page--; draw(); });
  next.addEventListener("click", function () { page++; draw(); });
  document.getElementById("findings-clear").addEventListener("click", function () {
    only = null;
    text.value = rule.value = severity.value = "";
    pick();
  });
  document.querySelectorAll("a.show-findings").forEach(function (a) {
    a.addEventListener("click", function () {
      only = article(Number(a.closest("tr").getAttribute("data-a")))[0];
      text.value = only;
      rule.value = "";
      severity.value = a.getAttribute("data-severity");
      pick();
    });
  });
  pick();
})();
