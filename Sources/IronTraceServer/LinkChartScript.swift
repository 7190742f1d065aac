import IronTracePresentation

/// The interactive link chart: our own small script (no library, no CDN), loaded only by pages that
/// draw a link chart. Without it the page keeps the server's static SVG; with it the figure gets a
/// chart to work in:
/// - drag an entity; click it (or Enter on it) to select it, click "Expand" to add its neighbours
///   (from `/api/v1/entities/REF/neighbours`, audited like the page);
/// - show or hide each kind of entity; a time bar (two sliders) keeps only the links dated within
///   the range (undated links, shared addresses and phones, always show);
/// - every entity labelled where its label fits (the busiest first), each with its full label on
///   hover; link kinds drawn as distinct dashes and named in the legend; kinds as colours and shapes;
/// - the selected entity's page and "find a path from here";
/// - the current view exported as SVG or PNG (drawn in the browser; nothing leaves it).
/// The words come from the figure's `data-` attributes, written by the server in the page's language.
enum LinkChartScript {
    static let js = #"""
        // IronTrace link chart: progressive; the static SVG stays when this does not run.
        (function () {
          "use strict";
          var NS = "http://www.w3.org/2000/svg";
          var KIND = {
            person: { color: "#1d4ed8", shape: "circle" },
            dealer: { color: "#a4161a", shape: "square" },
            firearm: { color: "#15803d", shape: "diamond" },
            recovery: { color: "#b45309", shape: "triangle" },
            event: { color: "#7c3aed", shape: "hexagon" },
            address: { color: "#6b7280", shape: "small" },
            phone: { color: "#0f766e", shape: "small" },
            "multiple-sale": { color: "#be185d", shape: "small" }
          };
          var DASH = {
            "bought-by": "", "bought-at": "6 3", "recovered-as": "2 3", "traced-to": "8 3 2 3",
            "possessed-by": "1 4", "recovered-at": "4 4", "shares-address": "10 4", "shares-phone": "10 4 2 4",
            "part-of-multiple-sale": "3 6", "same-gun": "12 3 3 3"
          };
          var W = 1100, H = 700;

          function el(name, attrs, parent) {
            var e = document.createElementNS(NS, name);
            for (var k in attrs) e.setAttribute(k, attrs[k]);
            if (parent) parent.appendChild(e);
            return e;
          }
          function html(name, attrs, parent, text) {
            var e = document.createElement(name);
            for (var k in attrs) e.setAttribute(k, attrs[k]);
            if (text !== undefined) e.textContent = text;
            if (parent) parent.appendChild(e);
            return e;
          }
          function dayOf(iso) { return iso ? Math.floor(Date.parse(iso + "T00:00:00Z") / 86400000) : null; }
          function isoOf(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }
          function getJSON(url) {
            return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } }).then(function (r) {
              if (!r.ok) throw new Error(url + ": " + r.status);
              return r.json();
            });
          }

          function LinkChart(figure) {
            this.figure = figure;
            this.words = JSON.parse(figure.getAttribute("data-words") || "{}");
            this.lang = figure.getAttribute("data-lang") || "en";
            this.nodes = {};
            this.order = [];
            this.edges = [];
            this.edgeKeys = {};
            this.hidden = {};
            this.selected = null;
            var self = this;
            // Start from the server's layout where the static chart drew an entity.
            this.start = {};
            var old = figure.querySelector("svg");
            if (old) {
              var vb = (old.getAttribute("viewBox") || "0 0 1100 760").split(/\s+/).map(Number);
              old.querySelectorAll("circle[data-id]").forEach(function (c) {
                self.start[c.getAttribute("data-id")] = {
                  x: (Number(c.getAttribute("cx")) / vb[2]) * W, y: (Number(c.getAttribute("cy")) / vb[3]) * H
                };
              });
            }
            getJSON(figure.getAttribute("data-graph")).then(function (g) {
              self.title = g.title || "";
              self.merge(g, null);
              self.build();
              self.layout(120);
              self.render();
              figure.classList.add("interactive");
            }).catch(function (e) { figure.setAttribute("data-error", String(e)); });
          }

          LinkChart.prototype.merge = function (g, around) {
            var self = this;
            var added = 0;
            (g.nodes || []).forEach(function (n) {
              if (self.nodes[n.id]) return;
              var p = self.start[n.id];
              var a = around ? self.nodes[around] : null;
              var angle = Math.random() * 2 * Math.PI;
              self.nodes[n.id] = {
                id: n.id, kind: n.kind, label: n.label || n.id, degree: n.degree || 0,
                x: p ? p.x : a ? a.x + 60 * Math.cos(angle) : W / 2 + (Math.random() - 0.5) * W * 0.6,
                y: p ? p.y : a ? a.y + 60 * Math.sin(angle) : H / 2 + (Math.random() - 0.5) * H * 0.6,
                fixed: false
              };
              self.order.push(n.id);
              added += 1;
            });
            (g.edges || []).forEach(function (e) {
              var key = [e.source, e.target].sort().join("|") + "|" + e.kind + "|" + (e.date || "");
              if (self.edgeKeys[key] || !self.nodes[e.source] || !self.nodes[e.target]) return;
              self.edgeKeys[key] = true;
              self.edges.push({ source: e.source, target: e.target, kind: e.kind, date: e.date, day: dayOf(e.date) });
            });
            return added;
          };

          // A few rounds of springs (links) and repulsion (everything), then a light pull to the middle.
          LinkChart.prototype.layout = function (rounds) {
            var ids = this.order, nodes = this.nodes, edges = this.edges;
            for (var r = 0; r < rounds; r++) {
              var t = 1 - r / rounds;
              var force = {};
              ids.forEach(function (id) { force[id] = { x: 0, y: 0 }; });
              for (var i = 0; i < ids.length; i++) {
                for (var j = i + 1; j < ids.length; j++) {
                  var a = nodes[ids[i]], b = nodes[ids[j]];
                  var dx = a.x - b.x, dy = a.y - b.y, d2 = dx * dx + dy * dy + 0.01;
                  if (d2 > 90000) continue;
                  var f = 450 / d2;
                  force[a.id].x += dx * f; force[a.id].y += dy * f;
                  force[b.id].x -= dx * f; force[b.id].y -= dy * f;
                }
              }
              edges.forEach(function (e) {
                var a = nodes[e.source], b = nodes[e.target];
                var dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
                var f = (d - 70) * 0.02;
                force[a.id].x += dx / d * f * d / 10; force[a.id].y += dy / d * f * d / 10;
                force[b.id].x -= dx / d * f * d / 10; force[b.id].y -= dy / d * f * d / 10;
              });
              ids.forEach(function (id) {
                var n = nodes[id];
                if (n.fixed) return;
                var fx = force[id].x + (W / 2 - n.x) * 0.01, fy = force[id].y + (H / 2 - n.y) * 0.012;
                var m = Math.sqrt(fx * fx + fy * fy), cap = 12 * t + 1;
                if (m > cap) { fx = fx / m * cap; fy = fy / m * cap; }
                n.x = Math.max(20, Math.min(W - 180, n.x + fx));
                n.y = Math.max(45, Math.min(H - 20, n.y + fy));
              });
            }
          };

          LinkChart.prototype.build = function () {
            var self = this, w = this.words, fig = this.figure;
            var old = fig.querySelector("svg");
            if (old) old.style.display = "none";
            var bar = html("div", { class: "lc-toolbar" });
            fig.insertBefore(bar, fig.firstChild);
            // Kinds: show or hide.
            var kinds = html("fieldset", { class: "lc-kinds" }, bar);
            html("legend", {}, kinds, w.kinds || "Show");
            this.kindBoxes = kinds;
            // The time bar.
            var time = html("fieldset", { class: "lc-time" }, bar);
            html("legend", {}, time, w.time || "Links dated");
            this.from = html("input", { type: "range", "aria-label": w.from || "from" }, time);
            this.to = html("input", { type: "range", "aria-label": w.to || "to" }, time);
            this.range = html("output", { class: "lc-range" }, time);
            this.from.addEventListener("input", function () { self.render(); });
            this.to.addEventListener("input", function () { self.render(); });
            // Export.
            var out = html("div", { class: "lc-actions" }, bar);
            var svgButton = html("button", { type: "button", class: "lc-export-svg" }, out, w.exportSVG || "Export SVG");
            var pngButton = html("button", { type: "button", class: "lc-export-png" }, out, w.exportPNG || "Export PNG");
            svgButton.addEventListener("click", function () { self.exportSVG(); });
            pngButton.addEventListener("click", function () { self.exportPNG(); });
            // The drawing and the selected entity.
            this.svg = el("svg", {
              viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", class: "lc-svg",
              "font-family": "Helvetica, Arial, sans-serif"
            });
            fig.insertBefore(this.svg, bar.nextSibling);
            this.panel = html("div", { class: "lc-panel", "aria-live": "polite" });
            fig.insertBefore(this.panel, this.svg.nextSibling);
            this.legend = html("div", { class: "lc-legend" });
            fig.insertBefore(this.legend, this.panel.nextSibling);
            this.updateControls();
            this.svg.addEventListener("pointermove", function (e) { self.drag(e); });
            this.svg.addEventListener("pointerup", function (e) { self.drop(e); });
            this.svg.addEventListener("pointerleave", function (e) { self.drop(e); });
          };

          // Kind boxes, the time bar's ends and the legend, for what the chart holds now.
          LinkChart.prototype.updateControls = function () {
            var self = this, w = this.words;
            var present = {};
            this.order.forEach(function (id) { present[self.nodes[id].kind] = true; });
            Object.keys(present).sort().forEach(function (k) {
              if (self.kindBoxes.querySelector("input[value='" + k + "']")) return;
              var label = html("label", {}, self.kindBoxes);
              var box = html("input", { type: "checkbox", value: k }, label);
              box.checked = !self.hidden[k];
              label.appendChild(document.createTextNode(" " + ((w.kindNames || {})[k] || k)));
              box.addEventListener("change", function () { self.hidden[k] = !box.checked; self.render(); });
            });
            var days = this.edges.map(function (e) { return e.day; }).filter(function (d) { return d !== null; });
            var lo = days.length ? Math.min.apply(null, days) : 0, hi = days.length ? Math.max.apply(null, days) : 0;
            // The range follows the data while the user has not narrowed it.
            var wasFull = !this.rangeSet || (this.from.value === this.from.min && this.to.value === this.to.max);
            [this.from, this.to].forEach(function (r) {
              r.max = hi; r.min = lo; r.max = hi; r.step = 1; r.disabled = !days.length;
            });
            if (wasFull) { this.from.value = lo; this.to.value = hi; this.rangeSet = true; }
            // Legend: kinds (colour and shape) and link kinds (dashes).
            this.legend.textContent = "";
            var lsvg = el("svg", { width: "100%", height: 46, class: "lc-legend-svg" }, this.legend);
            var x = 8;
            Object.keys(present).sort().forEach(function (k) {
              self.shape(lsvg, k, x + 6, 14);
              var t = el("text", { x: x + 16, y: 18, "font-size": 12, fill: "#222" }, lsvg);
              t.textContent = (w.kindNames || {})[k] || k;
              x += 26 + 7 * t.textContent.length;
            });
            x = 8;
            var linkKinds = {};
            this.edges.forEach(function (e) { linkKinds[e.kind] = true; });
            Object.keys(linkKinds).sort().forEach(function (k) {
              el("line", { x1: x, y1: 36, x2: x + 26, y2: 36, stroke: "#555", "stroke-width": 2, "stroke-dasharray": DASH[k] || "" }, lsvg);
              var t = el("text", { x: x + 32, y: 40, "font-size": 12, fill: "#222" }, lsvg);
              t.textContent = (w.linkNames || {})[k] || k;
              x += 44 + 7 * t.textContent.length;
            });
          };

          LinkChart.prototype.shape = function (parent, kind, x, y, attrs) {
            var k = KIND[kind] || { color: "#444", shape: "circle" }, s;
            var r = k.shape === "small" ? 4 : 7;
            if (k.shape === "square") s = el("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r }, parent);
            else if (k.shape === "diamond") s = el("polygon", { points: [x, y - r - 2, x + r + 2, y, x, y + r + 2, x - r - 2, y].join(" ") }, parent);
            else if (k.shape === "triangle") s = el("polygon", { points: [x, y - r - 2, x + r + 2, y + r, x - r - 2, y + r].join(" ") }, parent);
            else if (k.shape === "hexagon") {
              var pts = [];
              for (var i = 0; i < 6; i++) pts.push(x + (r + 1) * Math.cos(Math.PI / 3 * i), y + (r + 1) * Math.sin(Math.PI / 3 * i));
              s = el("polygon", { points: pts.join(" ") }, parent);
            } else s = el("circle", { cx: x, cy: y, r: r }, parent);
            s.setAttribute("fill", k.color);
            s.setAttribute("stroke", "#fff");
            for (var a in attrs || {}) s.setAttribute(a, attrs[a]);
            return s;
          };

          LinkChart.prototype.visibleEdge = function (e) {
            if (this.hidden[this.nodes[e.source].kind] || this.hidden[this.nodes[e.target].kind]) return false;
            if (e.day === null || this.from.disabled) return true;
            return e.day >= Number(this.from.value) && e.day <= Number(this.to.value);
          };

          LinkChart.prototype.render = function () {
            var self = this, svg = this.svg, w = this.words;
            while (svg.firstChild) svg.removeChild(svg.firstChild);
            el("rect", { width: W, height: H, fill: "#fff" }, svg);
            var title = el("text", { x: 12, y: 22, "font-size": 15, "font-weight": "bold", fill: "#111" }, svg);
            title.textContent = this.title;
            var lo = Math.min(Number(this.from.value), Number(this.to.value)), hi = Math.max(Number(this.from.value), Number(this.to.value));
            this.range.textContent = this.from.disabled ? (w.undated || "no dated links") : isoOf(lo) + " – " + isoOf(hi);
            var shownEdges = this.edges.filter(function (e) { return self.visibleEdge(e); });
            var edgeGroup = el("g", { class: "lc-edges" }, svg);
            shownEdges.forEach(function (e) {
              var a = self.nodes[e.source], b = self.nodes[e.target];
              var line = el("line", {
                x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: e.kind === "same-gun" ? "#7c3aed" : "#9ca3af",
                "stroke-width": 1.4, "stroke-dasharray": DASH[e.kind] || "", "data-kind": e.kind
              }, edgeGroup);
              var t = el("title", {}, line);
              t.textContent = ((w.linkNames || {})[e.kind] || e.kind) + (e.date ? " " + e.date : "");
            });
            // Labels where they fit: the most linked entities first, each label's box kept clear.
            var boxes = [];
            function fits(x, y, width) {
              for (var i = 0; i < boxes.length; i++) {
                var b = boxes[i];
                if (x < b.x + b.w && x + width > b.x && y - 11 < b.y && y > b.y - 11) return false;
              }
              return true;
            }
            var ids = this.order.filter(function (id) { return !self.hidden[self.nodes[id].kind]; });
            var byDegree = ids.slice().sort(function (p, q) { return self.nodes[q].degree - self.nodes[p].degree; });
            var nodeGroup = el("g", { class: "lc-nodes" }, svg);
            var labelGroup = el("g", { class: "lc-labels" }, svg);
            byDegree.forEach(function (id) {
              var n = self.nodes[id];
              var g = el("g", {
                class: "lc-node" + (self.selected === id ? " selected" : ""), tabindex: 0, "data-id": id, role: "button",
                "aria-label": n.label
              }, nodeGroup);
              var s = self.shape(g, n.kind, n.x, n.y);
              if (self.selected === id) { s.setAttribute("stroke", "#111"); s.setAttribute("stroke-width", 3); }
              var t = el("title", {}, g);
              t.textContent = n.label + " (" + ((w.kindNames || {})[n.kind] || n.kind) + ")";
              g.addEventListener("pointerdown", function (e) { self.grab(e, id); });
              g.addEventListener("keydown", function (e) {
                if (e.key === "Enter" || e.key === " ") { e.preventDefault(); self.select(id); }
              });
              var text = n.label.length > 26 ? n.label.slice(0, 25) + "…" : n.label;
              var width = 6.2 * text.length;
              if (fits(n.x + 10, n.y + 4, width)) {
                boxes.push({ x: n.x + 10, y: n.y + 4, w: width });
                var label = el("text", { x: n.x + 10, y: n.y + 4, "font-size": 11, fill: "#333", "pointer-events": "none" }, labelGroup);
                label.textContent = text;
              }
            });
            this.shownNodes = ids.length;
            this.shownEdges = shownEdges.length;
            svg.setAttribute("aria-label", this.title + ": " + ids.length + " / " + shownEdges.length);
          };

          LinkChart.prototype.point = function (e) {
            var m = this.svg.getScreenCTM();
            var p = this.svg.createSVGPoint();
            p.x = e.clientX; p.y = e.clientY;
            return m ? p.matrixTransform(m.inverse()) : p;
          };
          LinkChart.prototype.grab = function (e, id) {
            e.preventDefault();
            this.dragging = { id: id, moved: false, start: this.point(e) };
          };
          LinkChart.prototype.drag = function (e) {
            if (!this.dragging) return;
            var p = this.point(e), d = this.dragging;
            if (!d.moved && Math.abs(p.x - d.start.x) + Math.abs(p.y - d.start.y) < 3) return;
            d.moved = true;
            var n = this.nodes[d.id];
            n.x = Math.max(10, Math.min(W - 10, p.x));
            n.y = Math.max(10, Math.min(H - 10, p.y));
            n.fixed = true;
            this.render();
          };
          LinkChart.prototype.drop = function () {
            var d = this.dragging;
            this.dragging = null;
            if (d && !d.moved) this.select(d.id);
          };

          // The selected entity: what it is, its page, a path from it, and its neighbours on demand.
          LinkChart.prototype.select = function (id) {
            var self = this, w = this.words, n = this.nodes[id];
            this.selected = id;
            this.render();
            this.panel.textContent = "";
            html("strong", {}, this.panel, n.label);
            this.panel.appendChild(document.createTextNode(" (" + ((w.kindNames || {})[n.kind] || n.kind) + ") "));
            var expand = html("button", { type: "button", class: "lc-expand" }, this.panel, w.expand || "Expand");
            expand.addEventListener("click", function () { self.expand(id, expand); });
            this.panel.appendChild(document.createTextNode(" "));
            html("a", { href: "/network/entity/" + encodeURIComponent(id), class: "lc-open" }, this.panel, w.open || "Open page");
            this.panel.appendChild(document.createTextNode(" · "));
            html("a", { href: "/network/path?from=" + encodeURIComponent(id), class: "lc-path" }, this.panel, w.path || "Find a path from here");
          };
          LinkChart.prototype.expand = function (id, button) {
            var self = this;
            button.disabled = true;
            getJSON("/api/v1/entities/" + encodeURIComponent(id) + "/neighbours?lang=" + this.lang).then(function (g) {
              var added = self.merge(g, id);
              self.updateControls();
              self.layout(added > 0 ? 60 : 0);
              self.render();
              button.textContent = (self.words.added || "added") + ": " + added;
            }).catch(function (e) { button.textContent = String(e); });
          };

          LinkChart.prototype.serialized = function () {
            var copy = this.svg.cloneNode(true);
            copy.setAttribute("xmlns", NS);
            copy.setAttribute("width", W);
            copy.setAttribute("height", H);
            return new XMLSerializer().serializeToString(copy);
          };
          LinkChart.prototype.save = function (blob, name) {
            var a = html("a", { href: URL.createObjectURL(blob), download: name });
            document.body.appendChild(a);
            a.click();
            setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
          };
          LinkChart.prototype.exportSVG = function () {
            this.save(new Blob([this.serialized()], { type: "image/svg+xml" }), "link-chart.svg");
          };
          LinkChart.prototype.exportPNG = function () {
            var self = this;
            var url = URL.createObjectURL(new Blob([this.serialized()], { type: "image/svg+xml" }));
            var img = new Image();
            img.onload = function () {
              var canvas = document.createElement("canvas");
              canvas.width = W * 2; canvas.height = H * 2;
              var ctx = canvas.getContext("2d");
              ctx.scale(2, 2);
              ctx.drawImage(img, 0, 0, W, H);
              URL.revokeObjectURL(url);
              canvas.toBlob(function (b) { self.save(b, "link-chart.png"); }, "image/png");
            };
            img.src = url;
          };

          document.querySelectorAll("figure[data-graph]").forEach(function (f) { f.linkChart = new LinkChart(f); });
        })();
        """#
}
