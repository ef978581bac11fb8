// The date range of a search (date_from, date_to: days, both in, an empty
// end open): the days a bar of the time chart stands for, the chip's text,
// and the form under the chart. searchd renders the same form, which works
// without this script (searchd/pages_dates.go).

import { h } from "./dom.js";

// period returns the first and last day of a chart's bucket: a year
// ("2023": 2023-01-01 to 2023-12-31) or a month ("2024-02": 2024-02-01 to
// 2024-02-29).
export function period(bucket) {
  const [y, m] = bucket.split("-").map(Number);
  if (!m) return { from: `${bucket}-01-01`, to: `${bucket}-12-31` };
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate(); // day 0 of the next month
  return { from: `${bucket}-01`, to: `${bucket}-${String(last).padStart(2, "0")}` };
}

// inRange reports whether any day of a bucket is in the range from..to.
export function inRange(bucket, from, to) {
  const p = period(bucket);
  return (!from || p.to >= from) && (!to || p.from <= to);
}

// barState returns the state a click on a bucket's bar goes to: the search
// narrowed to its year or month, from the first page, or, when the range
// is that bucket already, the search without a range (a second click
// undoes the first, as on a facet's value).
export function barState(state, bucket, clone) {
  const p = period(bucket);
  if (state.from === p.from && state.to === p.to) return clone(state, { from: "", to: "", page: 1 });
  return clone(state, { from: p.from, to: p.to, page: 1 });
}

// dateChip is the text of a range's chip: a year or a month when the range
// is one whole ("2023", "2023-06"), else its days ("2023-06-01 to
// 2024-01-31", "from 2023-06-01", "until 2024-01-31"). As searchd's
// dateChip.
export function dateChip(from, to) {
  if (!from) return "until " + to;
  if (!to) return "from " + from;
  for (const n of [4, 7]) {
    const p = period(from.slice(0, n));
    if (p.from === from && p.to === to) return from.slice(0, n);
  }
  if (from === to) return from;
  return from + " to " + to;
}

// rangeForm is the form under the chart: two day inputs and "Apply",
// which calls apply(from, to), and "Any date" (the link anyDate, when a
// range is set). As searchd's page renders it, less the hidden parameters
// it carries for a browser without the script.
export function rangeForm(state, apply, anyDate) {
  const input = (id, name, value) => h("input", { attrs: { id, name, type: "date", value: value || "" }, data: { key: id } });
  const from = input("date-from", "date_from", state.from);
  const to = input("date-to", "date_to", state.to);
  return h(
    "form",
    {
      class: "date-range",
      attrs: { action: "/search", method: "get", "aria-label": "Date range" },
      on: {
        submit: (ev) => {
          ev.preventDefault();
          apply(from.value.trim(), to.value.trim());
        },
      },
    },
    h("span", { class: "label", text: "Dates" }),
    " ",
    h("label", { attrs: { for: "date-from" }, text: "from" }),
    " ",
    from,
    " ",
    h("label", { attrs: { for: "date-to" }, text: "to" }),
    " ",
    to,
    " ",
    h("button", { attrs: { type: "submit" }, data: { key: "date-apply" }, text: "Apply" }),
    anyDate ? [" ", h("a", { class: "any-date", href: anyDate, attrs: { rel: "nofollow" }, text: "Any date" })] : null
  );
}
