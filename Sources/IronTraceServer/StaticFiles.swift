import Hummingbird
import NIOCore

/// The dashboard's own stylesheet and script, served from memory (no CDN, no build step). The
/// script only adds: upload progress for CSV batches, and click-to-sort on report tables.
enum StaticFiles {
    static func addRoutes(_ router: Router<IronTraceContext>) {
        router.get("/static/app.css") { _, _ in asset(css, "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in asset(js, "text/javascript; charset=utf-8") }
        router.get("/static/linkchart.js") { _, _ in asset(LinkChartScript.js, "text/javascript; charset=utf-8") }
    }

    static func asset(_ s: String, _ type: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: type, .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: s))
        )
    }

    static let css = """
        :root { --ink: #1d2430; --muted: #5b6473; --line: #d9dde3; --accent: #a4161a; --bg: #fafafa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
        header { display: flex; align-items: center; gap: 1.2rem; padding: .6rem 1.2rem; background: #1d2430; color: #fff; flex-wrap: wrap; }
        header a { color: #e9ecf1; text-decoration: none; }
        header nav a { padding: .3rem .55rem; border-radius: 4px; }
        header nav a[aria-current=page] { background: var(--accent); color: #fff; }
        .brand { font-weight: 700; letter-spacing: .04em; }
        .account { margin-left: auto; display: flex; gap: .8rem; align-items: center; }
        .account button { background: none; border: 1px solid #8a93a3; color: #fff; border-radius: 4px; cursor: pointer; }
        .synthetic { margin: 0; padding: .45rem 1.2rem; background: #fff3cd; border-bottom: 1px solid #e0c36a; font-weight: 600; }
        main { padding: 1rem 1.2rem 3rem; max-width: 1400px; }
        h1 { font-size: 1.5rem; margin: .4rem 0 1rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1rem; }
        .headline { display: flex; gap: 1rem; flex-wrap: wrap; margin-bottom: 1rem; }
        .figure { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; min-width: 12rem; }
        .figure .value { display: block; font-size: 1.6rem; font-weight: 700; }
        .figure .label { color: var(--muted); }
        .figure .scope { display: block; margin-top: .3rem; font-size: .85rem; color: var(--muted); max-width: 22rem; }
        .charts { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure.chart { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .4rem; max-width: 100%; }
        figure.chart svg { max-width: 640px; width: 100%; height: auto; display: block; }
        #link-chart figure.chart svg { max-width: 1100px; }
        table { border-collapse: collapse; background: #fff; margin: .4rem 0; font-size: .9rem; }
        th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
        th { background: #eef0f3; cursor: default; }
        table.sortable th { cursor: pointer; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        .source, .note, .more { color: var(--muted); font-size: .85rem; }
        a.dl { font-size: .8rem; border: 1px solid var(--line); border-radius: 3px; padding: 0 .35rem; text-decoration: none; }
        form.filters fieldset, form.path-form fieldset { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; border: 1px solid var(--line); background: #fff; }
        .field { display: flex; flex-direction: column; margin: .25rem 0; }
        .field label { font-size: .8rem; color: var(--muted); }
        .field input, .field select { padding: .3rem; border: 1px solid #b9c0ca; border-radius: 3px; min-width: 9rem; }
        .field.invalid input { border-color: var(--accent); background: #fff5f5; }
        .error { color: var(--accent); font-weight: 600; }
        .notice { border-left: 4px solid var(--accent); padding: .4rem .8rem; background: #fff; max-width: 50rem; }
        .field .error { font-size: .8rem; }
        form.trace-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .3rem 1rem; max-width: 70rem; }
        form.trace-form button { grid-column: 1 / -1; justify-self: start; }
        form.login { max-width: 22rem; }
        form.inline { display: inline; }
        button, a.button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .4rem .9rem; cursor: pointer; text-decoration: none; display: inline-block; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; background: #fff; border: 1px solid var(--line); padding: .8rem; max-width: 60rem; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; }
        .masked { font-style: italic; color: var(--muted); }
        .pii { margin-top: .3rem; padding: .3rem; background: #fff5f5; border: 1px dashed var(--accent); }
        ol.timeline li.recovery { color: var(--accent); }
        ul.explain { margin: 0; padding-left: 1rem; }
        footer { color: var(--muted); padding: 1rem 1.2rem; font-size: .8rem; }
        header nav { display: flex; flex-wrap: wrap; gap: .15rem; }
        .menu-toggle, .menu-button { display: none; }
        dl.facts dd { overflow-wrap: anywhere; }
        td, th { overflow-wrap: break-word; hyphens: auto; }
        td.n { white-space: nowrap; }
        a[href^="/network/entity/person"] { white-space: nowrap; }
        code { overflow-wrap: anywhere; }
        .badge { background: var(--accent); color: #fff; border-radius: 9px; padding: 0 .4rem; font-size: .75rem; }
        form.case-form { max-width: 40rem; margin: .6rem 0; }
        .field label input[type=checkbox] { width: auto; min-width: 0; margin: 0 .3rem 0 0; vertical-align: middle; }
        form.case-form textarea { width: 100%; box-sizing: border-box; font: inherit; }
        ol.notes { padding-left: 1.2rem; max-width: 50rem; }
        ol.notes .meta { color: var(--muted); font-size: .85rem; margin: .6rem 0 0; }
        ol.notes .note-text { white-space: pre-wrap; margin: .2rem 0; }
        /* Names and codes are not broken inside a word: a table too wide scrolls in its own box. */
        table.keep-words th, table.keep-words td:not(.words) { overflow-wrap: normal; white-space: nowrap; }
        table.keep-words td.words { min-width: 9rem; overflow-wrap: normal; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        th button.sort { background: none; color: inherit; border: 0; padding: 0; font: inherit; font-weight: 600; cursor: pointer; text-align: inherit; }
        th button.sort:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
        th[aria-sort=ascending] button.sort::after { content: " ▲"; }
        th[aria-sort=descending] button.sort::after { content: " ▼"; }
        .lc-toolbar { display: flex; flex-wrap: wrap; gap: .6rem; align-items: flex-end; margin-bottom: .4rem; }
        .lc-toolbar fieldset { border: 1px solid var(--line); padding: .2rem .5rem; margin: 0; font-size: .85rem; }
        .lc-toolbar label { margin-right: .5rem; white-space: nowrap; }
        .lc-time input { width: 9rem; vertical-align: middle; }
        .lc-svg { display: block; background: #fff; border: 1px solid var(--line); touch-action: none; max-width: 100%; height: auto; }
        .lc-node { cursor: grab; }
        .lc-node:focus { outline: none; }
        .lc-node:focus polygon, .lc-node:focus circle, .lc-node:focus rect { stroke: #111; stroke-width: 3; }
        .lc-panel { min-height: 1.6rem; margin: .3rem 0; }
        nav.pager .pages a, nav.pager .gap { display: inline-block; min-width: 1.6rem; text-align: center; padding: .1rem .2rem; }
        nav.pager a[aria-current=page] { font-weight: 700; background: var(--accent); color: #fff; border-radius: 3px; }
        /* Phones and narrow windows: the navigation folds behind a Menu button (a checkbox, no
           script), tables scroll inside their own box, forms and charts take the full width. */
        @media (max-width: 760px) {
          body { font-size: 14px; }
          header { padding: .5rem .7rem; gap: .5rem; }
          .menu-button { display: inline-block; margin-left: auto; border: 1px solid #8a93a3; border-radius: 4px; padding: .2rem .6rem; cursor: pointer; }
          .menu-toggle:focus-visible + .menu-button { outline: 2px solid #fff; }
          .menu-toggle { display: block; position: absolute; opacity: 0; width: 1px; height: 1px; }
          header nav { display: none; order: 3; width: 100%; flex-direction: column; }
          header nav a { padding: .45rem .5rem; border-top: 1px solid #39414f; }
          .menu-toggle:checked ~ nav { display: flex; }
          /* Signed out (the login page) there is nothing to fold: no Menu button opening an empty list. */
          header:has(#site-nav:empty) .menu-button { display: none; }
          .account { margin-left: 0; order: 4; width: 100%; flex-wrap: wrap; gap: .5rem; }
          main { padding: .7rem .7rem 2rem; }
          h1 { font-size: 1.25rem; }
          table { display: block; max-width: 100%; overflow-x: auto; }
          .figure { min-width: 0; flex: 1 1 9rem; overflow-wrap: anywhere; }
          .figure .value { font-size: 1.3rem; }
          figure.chart { width: 100%; }
          /* A link chart keeps legible labels (about 9 px) and scrolls sideways in its own box, panned
             by touch; shrunk to the screen its labels were 3-5 px. */
          figure.link-chart { overflow-x: auto; box-sizing: border-box; }
          figure.link-chart svg { min-width: 880px; }
          .lc-svg { touch-action: pan-x pan-y; }
          .field input, .field select { min-width: 0; width: 100%; }
          form.filters fieldset, form.path-form fieldset { flex-direction: column; align-items: stretch; min-width: 0; }
          form.trace-form { grid-template-columns: 1fr; }
          dl.facts { grid-template-columns: 1fr; }
          dl.facts dt { margin-top: .3rem; }
          pre, textarea { max-width: 100%; }
          svg { max-width: 100%; height: auto; }
        }
        /* Print: the page's content only, charts at full width. */
        @media print {
          header, footer, form, .menu-button, a.dl, nav.pager, .account { display: none !important; }
          body { background: #fff; font-size: 11pt; }
          main { max-width: none; padding: 0; }
          .synthetic { border: 1px solid #999; }
          figure.chart, table, dl.facts { break-inside: avoid; border-color: #999; }
          figure.chart svg { max-width: 100%; }
          a { color: inherit; text-decoration: none; }
        }
        """

    static let js = """
        // IronTrace dashboard: progressive enhancements only; every page works without this file.
        (function () {
          "use strict";
          // Sort a report table by a column: each header becomes a button (Tab to it, Enter or
          // Space to sort, again to reverse), and aria-sort tells screen readers the order.
          document.querySelectorAll("table.sortable").forEach(function (table) {
            var headers = table.querySelectorAll("thead th");
            headers.forEach(function (th, col) {
              var button = document.createElement("button");
              button.type = "button";
              button.className = "sort";
              while (th.firstChild) button.appendChild(th.firstChild);
              th.appendChild(button);
              th.setAttribute("aria-sort", "none");
              button.addEventListener("click", function () {
                var ascending = th.getAttribute("aria-sort") !== "ascending";
                headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
                th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                var dir = ascending ? 1 : -1;
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = a.cells[col], y = b.cells[col];
                  var vx = x && x.dataset.v !== undefined ? parseFloat(x.dataset.v) : (x ? x.textContent : "");
                  var vy = y && y.dataset.v !== undefined ? parseFloat(y.dataset.v) : (y ? y.textContent : "");
                  if (typeof vx === "number" && typeof vy === "number") return (vx - vy) * dir;
                  return String(vx).localeCompare(String(vy)) * dir;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
          });
          // CSV batch upload: send the chosen file as text/csv with a progress bar.
          var form = document.getElementById("batch-form");
          var file = document.getElementById("batch-file");
          if (form && file) {
            form.addEventListener("submit", function (e) {
              if (!file.files || file.files.length === 0) return; // the textarea posts normally
              e.preventDefault();
              var bar = document.getElementById("batch-progress");
              bar.hidden = false;
              var xhr = new XMLHttpRequest();
              xhr.open("POST", "/traces/batch");
              xhr.setRequestHeader("Content-Type", "text/csv");
              xhr.setRequestHeader("X-CSRF-Token", form.dataset.csrf);
              xhr.upload.onprogress = function (p) { if (p.lengthComputable) bar.value = Math.round(100 * p.loaded / p.total); };
              xhr.onload = function () { document.open(); document.write(xhr.responseText); document.close(); };
              xhr.send(file.files[0]);
            });
          }
        })();
        """
}
