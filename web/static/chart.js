// Small charts of the current search, drawn as SVG with DOM calls: the
// matching questions over time (the API's `dates`) and by category (its
// category facet). Each chart's text alternative is a table beside it, for
// screen readers; the SVG itself is hidden from them.

import { h, s } from "./dom.js";

// fillGaps returns the buckets from the first to the last with the missing
// ones at zero, so a year with nothing shows as an empty bar.
export function fillGaps(dates, interval) {
  if (!dates || dates.length === 0) return [];
  const have = new Map(dates.map((d) => [d.value, d.count]));
  const out = [];
  if (interval === "month") {
    let [y, m] = dates[0].value.split("-").map(Number);
    const [ly, lm] = dates[dates.length - 1].value.split("-").map(Number);
    for (let i = 0; i < 600 && (y < ly || (y === ly && m <= lm)); i++) {
      const key = y + "-" + String(m).padStart(2, "0");
      out.push({ value: key, count: have.get(key) || 0 });
      if (++m > 12) [y, m] = [y + 1, 1];
    }
    return out;
  }
  const first = Number(dates[0].value);
  const last = Number(dates[dates.length - 1].value);
  if (!Number.isInteger(first) || !Number.isInteger(last) || last - first > 200) return dates;
  for (let y = first; y <= last; y++) out.push({ value: String(y), count: have.get(String(y)) || 0 });
  return out;
}

function table(caption, head, rows) {
  return h(
    "table",
    { class: "visually-hidden" },
    h("caption", { text: caption }),
    h("thead", {}, h("tr", {}, head.map((t) => h("th", { attrs: { scope: "col" }, text: t })))),
    h(
      "tbody",
      {},
      rows.map(([a, b]) => h("tr", {}, h("th", { attrs: { scope: "row" }, text: a }), h("td", { text: String(b) })))
    )
  );
}

// timeChart draws one bar per year (or month). With bars, each bar that
// counts something is a link, bars.href(bucket), that narrows the search
// to its period (or, on the range's own bar, undoes it), and when
// bars.ranged (a date range is set) the bars in the range, bars.selected,
// are drawn in the accent colour and the others greyed: the chart counts
// every period the other filters allow (the API's dates ignore the date
// range, as a facet ignores its own filter), so another period is a click
// away. The bars' links are for the pointer (tabindex -1, inside the
// chart hidden from screen readers); the date inputs under the chart are
// the keyboard's and screen readers' way.
export function timeChart(dates, interval, noun, bars) {
  const data = fillGaps(dates, interval);
  const W = 320;
  const H = 132;
  const top = 16;
  const bottom = 20;
  const max = Math.max(1, ...data.map((d) => d.count));
  const n = Math.max(1, data.length);
  const step = W / n;
  const bw = Math.max(2, Math.min(34, step * 0.72));
  const everyLabel = Math.ceil(n / 8);
  const svg = s("svg", {
    class: "chart-svg",
    attrs: { viewBox: `0 0 ${W} ${H}`, "aria-hidden": "true", focusable: "false", preserveAspectRatio: "xMidYMid meet" },
  });
  svg.append(s("line", { class: "axis", attrs: { x1: 0, x2: W, y1: H - bottom + 0.5, y2: H - bottom + 0.5 } }));
  data.forEach((d, i) => {
    const bh = Math.round(((H - top - bottom) * d.count) / max);
    const x = i * step + (step - bw) / 2;
    const y = H - bottom - bh;
    const cls = bars && bars.ranged ? (bars.selected(d.value) ? " sel" : " out") : "";
    const g = s("g", { class: "bar" + cls, data: { bucket: d.value } });
    g.append(
      s("title", { text: `${d.value}: ${d.count.toLocaleString("en")} ${noun}s` }),
      s("rect", { attrs: { x: x.toFixed(1), y, width: bw.toFixed(1), height: Math.max(bh, d.count ? 1 : 0), rx: 2 } })
    );
    if (n <= 12 && d.count > 0) {
      g.append(s("text", { class: "val", attrs: { x: (x + bw / 2).toFixed(1), y: y - 4, "text-anchor": "middle" }, text: short(d.count) }));
    }
    if (i % everyLabel === 0) {
      const label = interval === "month" && n > 12 ? d.value.slice(0, 4) : d.value;
      g.append(s("text", { class: "lbl", attrs: { x: (x + bw / 2).toFixed(1), y: H - 5, "text-anchor": "middle" }, text: label }));
    }
    if (bars && d.count > 0) {
      svg.append(s("a", { href: bars.href(d.value), attrs: { tabindex: "-1" } }, g));
    } else {
      svg.append(g);
    }
  });
  const caption = `Matching ${noun}s by ${interval === "month" ? "month" : "year"}`;
  return h(
    "figure",
    { class: "chart", attrs: { "data-chart": "time" } },
    h("figcaption", { text: interval === "month" ? "Over time (by month)" : "Over time" }),
    svg,
    table(caption, [interval === "month" ? "Month" : "Year", noun[0].toUpperCase() + noun.slice(1) + "s"], data.map((d) => [d.value, d.count]))
  );
}

// categoryChart draws one horizontal bar per category; selected ones are
// drawn in the accent colour.
export function categoryChart(values, selected, noun) {
  const rows = values.slice(0, 8);
  const W = 340;
  const row = 20;
  const H = Math.max(row, rows.length * row) + 4;
  const labelW = 156;
  const countW = 40;
  const max = Math.max(1, ...rows.map((v) => v.count));
  const svg = s("svg", {
    class: "chart-svg",
    attrs: { viewBox: `0 0 ${W} ${H}`, "aria-hidden": "true", focusable: "false", preserveAspectRatio: "xMidYMid meet" },
  });
  rows.forEach((v, i) => {
    const y = i * row + 2;
    const bw = Math.max(v.count ? 2 : 0, Math.round(((W - labelW - countW) * v.count) / max));
    const g = s("g", { class: "bar" + (selected.includes(v.value) ? " sel" : "") });
    g.append(
      s("title", { text: `${v.value}: ${v.count.toLocaleString("en")} ${noun}s` }),
      s("text", { class: "lbl", attrs: { x: labelW - 6, y: y + row / 2 + 4, "text-anchor": "end" }, text: clip(v.value, 28) }),
      s("rect", { attrs: { x: labelW, y: y + 3, width: bw, height: row - 8, rx: 2 } }),
      s("text", { class: "val", attrs: { x: labelW + bw + 4, y: y + row / 2 + 4 }, text: short(v.count) })
    );
    svg.append(g);
  });
  return h(
    "figure",
    { class: "chart", attrs: { "data-chart": "category" } },
    h("figcaption", { text: "By category" }),
    svg,
    table(`Matching ${noun}s by category`, ["Category", noun[0].toUpperCase() + noun.slice(1) + "s"], rows.map((v) => [v.value, v.count]))
  );
}

function short(n) {
  if (n >= 10000) return Math.round(n / 1000) + "k";
  if (n >= 1000) return (n / 1000).toFixed(1).replace(/\.0$/, "") + "k";
  return String(n);
}

function clip(t, n) {
  return t.length > n ? t.slice(0, n - 1) + "…" : t;
}
