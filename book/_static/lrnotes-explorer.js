/* lrnotes explorer without a kernel (lrnotes/widgets.py, static_html).
 *
 * Every div.lrnotes-explorer holds a script.lrnotes-explorer-data (JSON): the lr curve,
 * computed by torch when the notebook ran, at every point of a grid over the sliders'
 * values. This script shows the sliders (input[type=range], one stop per grid value),
 * draws the curve of the chosen point as an SVG step curve with axis ticks, fills the
 * table, and redraws when a slider moves. No network, no libraries; works from file://.
 * Without JavaScript the output reads as a note and the table of the starting values.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var CSS = [
    ".lrnotes-explorer{margin:0.5rem 0 1rem}",
    ".lrnotes-explorer-controls{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:0 1.5rem}",
    ".lrnotes-explorer-slider{display:grid;grid-template-columns:1fr auto;grid-template-areas:'name value' 'range range';",
    "align-items:end;column-gap:0.6rem;margin:0.25rem 0 0}",
    ".lrnotes-explorer-name{grid-area:name;font-family:var(--pst-font-family-monospace,monospace);font-size:0.9em;",
    "overflow-wrap:anywhere}",
    ".lrnotes-explorer-value{grid-area:value;font-variant-numeric:tabular-nums;font-weight:600}",
    ".lrnotes-explorer-slider input[type=range]{grid-area:range;width:100%;height:2.75rem;margin:0;background:transparent;",
    "-webkit-appearance:none;appearance:none;touch-action:pan-y;cursor:pointer}",
    ".lrnotes-explorer-slider input[type=range]::-webkit-slider-runnable-track{height:0.4rem;border-radius:0.2rem;",
    "background:var(--pst-color-border,#ccc)}",
    ".lrnotes-explorer-slider input[type=range]::-moz-range-track{height:0.4rem;border-radius:0.2rem;",
    "background:var(--pst-color-border,#ccc)}",
    ".lrnotes-explorer-slider input[type=range]::-webkit-slider-thumb{-webkit-appearance:none;appearance:none;",
    "width:1.6rem;height:1.6rem;margin-top:-0.6rem;border-radius:50%;border:0;",
    "background:var(--pst-color-primary,#0072B2)}",
    ".lrnotes-explorer-slider input[type=range]::-moz-range-thumb{width:1.6rem;height:1.6rem;border-radius:50%;",
    "border:0;background:var(--pst-color-primary,#0072B2)}",
    ".lrnotes-explorer-slider input[type=range]:focus-visible{outline:2px solid var(--pst-color-primary,#0072B2);",
    "outline-offset:2px}",
    ".lrnotes-explorer-slider input[type=range]:disabled{opacity:0.4;cursor:default}",
    ".lrnotes-explorer-chart svg{display:block;width:100%;height:auto;overflow:visible}",
    ".lrnotes-explorer-table-wrap{overflow-x:auto}",
    ".lrnotes-explorer-table{font-variant-numeric:tabular-nums;margin:0.25rem 0}",
    ".lrnotes-explorer-table caption{caption-side:top;text-align:left;",
    "font-family:var(--pst-font-family-monospace,monospace);font-size:0.9em}",
    ".lrnotes-explorer-table th,.lrnotes-explorer-table td{padding:0.15rem 0.6rem;text-align:right;white-space:nowrap}",
  ].join("");

  function addStyle() {
    if (document.querySelector("style[data-lrnotes-explorer]")) return;
    var style = document.createElement("style");
    style.setAttribute("data-lrnotes-explorer", "");
    style.textContent = CSS;
    document.head.appendChild(style);
  }

  /* [v, [v, n], ...] -> the lrs: [v, n] stands for n equal lrs in a row. */
  function decode(encoded) {
    var out = [];
    for (var i = 0; i < encoded.length; i++) {
      var item = encoded[i];
      if (Array.isArray(item)) {
        for (var k = 0; k < item[1]; k++) out.push(item[0]);
      } else {
        out.push(item);
      }
    }
    return out;
  }

  /* 4 significant digits, no trailing zeros (the same text as widgets._short). */
  function short(x) {
    if (x === 0) return "0";
    var text = x.toPrecision(4);
    var at = text.indexOf("e");
    var mantissa = at < 0 ? text : text.slice(0, at);
    if (mantissa.indexOf(".") >= 0) mantissa = mantissa.replace(/0+$/, "").replace(/\.$/, "");
    return at < 0 ? mantissa : mantissa + text.slice(at);
  }

  /* About `count` round tick values from lo to hi (1, 2 or 5 times a power of ten apart). */
  function ticks(lo, hi, count) {
    var span = hi - lo;
    if (!(span > 0)) return [lo];
    var raw = span / count;
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = power;
    [1, 2, 5, 10].some(function (base) {
      step = base * power;
      return step >= raw;
    });
    var out = [];
    for (var v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
      out.push(Number(v.toPrecision(12)));
    }
    return out;
  }

  function make(tag, attributes, parent) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    if (parent) parent.appendChild(node);
    return node;
  }

  function text(parent, x, y, content, anchor, extra) {
    var node = make("text", Object.assign({ x: x, y: y, "text-anchor": anchor, fill: "currentColor" }, extra || {}), parent);
    node.textContent = content;
    return node;
  }

  function setup(root) {
    if (root.hasAttribute("data-lrnotes-ready")) return;
    var script = root.querySelector("script.lrnotes-explorer-data");
    var data;
    try {
      data = JSON.parse(script.textContent);
    } catch (error) {
      return; // keep the note and the table
    }
    var inputs = data.sliders.map(function (slider) {
      return root.querySelector('input[data-lrnotes-slider="' + slider.name + '"]');
    });
    if (inputs.indexOf(null) >= 0) return;
    root.setAttribute("data-lrnotes-ready", "");
    var controls = root.querySelector(".lrnotes-explorer-controls");
    var chart = root.querySelector(".lrnotes-explorer-chart");
    var table = root.querySelector(".lrnotes-explorer-table");
    var note = root.querySelector(".lrnotes-explorer-static");
    var per = data.batches_per_epoch;
    var epochs = data.steps / per;

    function point() {
      // The grid index of the sliders' positions: row-major, the last slider fastest.
      var index = 0;
      data.sliders.forEach(function (slider, k) {
        var position = Math.round(Number(inputs[k].value));
        position = Math.max(0, Math.min(slider.values.length - 1, isNaN(position) ? slider.start : position));
        inputs[k].value = String(position); // snap to a precomputed grid value
        index = index * slider.values.length + position;
      });
      return index;
    }

    function caption() {
      return data.scheduler + "(" + data.sliders.map(function (slider, k) {
        return slider.name + "=" + String(slider.values[Number(inputs[k].value)]);
      }).join(", ") + ")";
    }

    function drawChart(curve, label) {
      var width = Math.max(240, Math.round(chart.clientWidth || root.clientWidth || 600));
      var height = Math.round(Math.max(200, Math.min(340, width * 0.55)));
      var left = 62, right = 14, top = 10, bottom = 40;
      var plotW = width - left - right, plotH = height - top - bottom;
      var ymax = data.ymax > 0 ? data.ymax : 1;
      var yTicks = ticks(0, ymax, 5);
      var ytop = Math.max(ymax, yTicks[yTicks.length - 1]);
      var xTicks = ticks(0, epochs, Math.max(3, Math.min(10, Math.floor(plotW / 70))));
      function X(epoch) { return left + (epoch / epochs) * plotW; }
      function Y(lr) { return top + plotH - (lr / ytop) * plotH; }
      var svg = make("svg", {
        viewBox: "0 0 " + width + " " + height, width: width, height: height,
        role: "img", "aria-label": label, "font-size": 12,
      });
      var axes = make("g", { stroke: "currentColor", "stroke-opacity": "0.25" }, svg);
      yTicks.forEach(function (t) {
        make("line", { x1: left, x2: left + plotW, y1: Y(t), y2: Y(t) }, axes);
        text(svg, left - 6, Y(t) + 4, short(t), "end");
      });
      xTicks.forEach(function (t) {
        make("line", { x1: X(t), x2: X(t), y1: top + plotH, y2: top + plotH + 5 }, axes);
        text(svg, X(t), top + plotH + 18, short(t), "middle");
      });
      make("rect", { x: left, y: top, width: plotW, height: plotH, fill: "none", stroke: "currentColor",
        "stroke-opacity": "0.5" }, svg);
      text(svg, left + plotW / 2, height - 4, data.text.x, "middle");
      text(svg, 12, top + plotH / 2, data.text.y, "middle",
        { transform: "rotate(-90 12 " + (top + plotH / 2) + ")" });
      var colors = ["var(--pst-color-primary,#0072B2)", "#D55E00", "#009E73", "#CC79A7"];
      (curve || []).forEach(function (group, g) {
        var lrs = decode(group);
        var d = "";
        for (var i = 0; i < lrs.length; i++) {
          var x0 = X((i * data.stride) / per), x1 = X(Math.min(data.steps, (i + 1) * data.stride) / per);
          d += (i === 0 ? "M" + x0.toFixed(1) + " " : "V") + Y(lrs[i]).toFixed(1) + "H" + x1.toFixed(1);
        }
        make("path", { d: d, fill: "none", "stroke-width": 2, style: "stroke:" + colors[g % colors.length] }, svg);
      });
      chart.textContent = "";
      chart.appendChild(svg);
    }

    function fillTable(curve, label) {
      var groups = (curve || []).map(decode);
      table.querySelector("caption").textContent = label;
      for (var g = 0; g < data.groups; g++) {
        var row = table.querySelector('tr[data-lrnotes-row="' + (data.groups === 1 ? "lr" : "lr[" + g + "]") + '"]');
        if (!row) continue;
        var cells = row.querySelectorAll("td");
        data.table.forEach(function (step, k) {
          var lrs = groups[g];
          if (cells[k]) cells[k].textContent = lrs ? short(lrs[step / data.stride]) : "-";
        });
      }
    }

    function redraw() {
      var curve = data.curves[point()];
      var label = caption();
      data.sliders.forEach(function (slider, k) {
        var shown = String(slider.values[Number(inputs[k].value)]);
        var output = inputs[k].parentNode.querySelector("output");
        if (output) output.textContent = shown;
        inputs[k].setAttribute("aria-valuetext", shown);
      });
      drawChart(curve, label);
      fillTable(curve, label);
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", redraw);
      input.addEventListener("change", redraw);
    });
    var width = 0;
    window.addEventListener("resize", function () {
      if (chart.clientWidth !== width) {
        width = chart.clientWidth;
        window.requestAnimationFrame(redraw);
      }
    });
    if (note) note.hidden = true;
    controls.hidden = false;
    chart.hidden = false;
    width = chart.clientWidth;
    redraw();
  }

  function start() {
    addStyle();
    Array.prototype.forEach.call(document.querySelectorAll("div.lrnotes-explorer"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
