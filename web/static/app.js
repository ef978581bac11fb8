// The search page, enhanced in place. searchd renders every page on the
// server and it works without this script; when it runs, the search page
// answers as you type from /api/search and renders the same structure with
// DOM calls (dom.js), keeping the whole state in the URL (state.js).
//
// History: the first search typed after any other change pushes one entry,
// the next keystrokes replace it; ticking a facet, sorting, paging and
// submitting push. Back and forward re-run the search of the URL.

import { h, fill, marked, plural, safeHref } from "./dom.js";
import { FACETS, LABELS, MAX_WINDOW, apiURL, clone, collapsed, effectiveSort, encode, hasFilters, isIntro, pageURL, parse, toggle, withAnswer } from "./state.js";
import { categoryChart, timeChart } from "./chart.js";
import { barState, dateChip, inRange, rangeForm } from "./dates.js";

const TYPE_DELAY = 150; // ms after the last keystroke before searching
const SLOW_DELAY = 300; // ms before "Searching…" shows
const FACET_SHOWN = 8; // values of a facet shown before "Show more"
// EXAMPLES are the example searches of the first visit, as searchd's page
// lists them (searchd.TestScriptConstantsMatchServer).
const EXAMPLES = ["lru cache", '"system design"', "amazon design hard", "kafka OR rabbitmq", "recursoin"];
// INFERRED_NOTE is the title of a difficulty the indexer inferred;
// SOURCE_LABEL and SOURCE_TITLE the difficulty facet's toggle of
// difficulty_source=stated. As searchd's page (inferredNote, sourceLabel,
// sourceTitle; searchd.TestScriptConstantsMatchServer).
const INFERRED_NOTE = "The post gives no difficulty: this is how the same problem is rated elsewhere";
const SOURCE_LABEL = "Only difficulties posts state";
const SOURCE_TITLE = "Count a question under a difficulty only when its post states one, not when it is inferred from the same problem elsewhere";
// STALE_CURSOR ends the 400 of a cursor that another search or another
// version of the index gave (index/engine.go decodeCursor); the browser
// test TestBrowserRestartsASearchWhoseCursorIsRefused checks it against the
// server's.
const STALE_CURSOR = "start again from the first page";

document.documentElement.classList.add("js");

const box = document.getElementById("q");
const form = document.getElementById("searchform");
const app = document.getElementById("app");

// "/" focuses the box from anywhere but a text field.
document.addEventListener("keydown", (ev) => {
  if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey || !box) return;
  const t = ev.target;
  if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  ev.preventDefault();
  box.focus();
  box.select();
});

// On a post, "Back to search" returns to the search it came from, with
// its state, when there is one.
const back = document.getElementById("back-to-search");
if (back) {
  back.addEventListener("click", (ev) => {
    try {
      const ref = new URL(document.referrer);
      if (ref.origin === location.origin && (ref.pathname === "/search" || ref.pathname === "/") && history.length > 1) {
        ev.preventDefault();
        history.back();
      }
    } catch {
      // no referrer: follow the link
    }
  });
}

if (app && box && form) startSearch();

function startSearch() {
  const els = {
    facets: document.getElementById("facets"),
    status: document.getElementById("status"),
    controls: document.getElementById("controls"),
    chips: document.getElementById("chips"),
    notice: document.getElementById("notice"),
    charts: document.getElementById("charts"),
    dates: document.getElementById("dates"),
    hits: document.getElementById("hits"),
    pager: document.getElementById("pager"),
  };
  const small = window.matchMedia("(max-width: 720px)");
  // ui is what the page remembers between renders that is not search
  // state: which facet lists are expanded, what their boxes hold.
  const ui = { expanded: {}, filter: {}, extra: {}, chartsOpen: !small.matches };
  let state = parse(location.search);
  let last = null; // the last answer rendered
  let inflight = null; // AbortController of the running search
  let typingEntry = false; // the current history entry was pushed by typing
  let typeTimer = 0;
  let slowTimer = 0;
  // cursor is the cursor the page was opened with (a link made from an
  // answer's next_cursor): the first search asks for it, the next ones,
  // being other states, do not. During a roll-out of a new index version
  // the replicas behind the load balancer serve two versions, and one
  // refuses another's cursor with a 400 that says to start again: then
  // the search runs again from its first page, once, and shows no error.
  let cursor = new URLSearchParams(location.search).get("cursor") || "";

  // The filters toggle, for small screens (CSS hides it on wide ones).
  const toggleBtn = h(
    "button",
    {
      class: "filters-toggle",
      attrs: { type: "button", "aria-expanded": "false", "aria-controls": "facets" },
      on: {
        click: () => showFilters(!els.facets.classList.contains("open")),
      },
    },
    "Filters",
  );
  app.prepend(toggleBtn);

  // labelToggle writes the filters toggle's label: what a click does, and
  // how many filters are on.
  function labelToggle() {
    const n = hasFilters(state) ? Object.values(state.filters).flat().length + (state.source ? 1 : 0) + (state.cluster ? 1 : 0) + (state.from || state.to ? 1 : 0) : 0;
    const open = els.facets.classList.contains("open");
    fill(toggleBtn, open ? "Hide filters" : "Filters", n ? h("span", { class: "badge", text: String(n) }) : null);
  }

  // showFilters opens or closes the facets on a small screen.
  function showFilters(open) {
    els.facets.classList.toggle("open", open);
    toggleBtn.setAttribute("aria-expanded", String(open));
    labelToggle();
    if (!open) els.status.scrollIntoView({ block: "nearest" });
  }

  box.addEventListener("input", () => {
    clearTimeout(typeTimer);
    typeTimer = setTimeout(() => {
      const q = box.value.trim();
      if (q === state.q) return;
      const mode = typingEntry ? "replace" : "push";
      typingEntry = true;
      go(clone(state, { q, page: 1 }), mode);
    }, TYPE_DELAY);
  });

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    clearTimeout(typeTimer);
    const q = box.value.trim();
    const mode = typingEntry || q === state.q ? "replace" : "push";
    typingEntry = false;
    go(clone(state, { q, page: 1 }), mode);
    if (window.matchMedia("(pointer: coarse)").matches) box.blur();
  });

  window.addEventListener("popstate", () => {
    clearTimeout(typeTimer);
    typingEntry = false;
    const next = parse(location.search);
    box.value = next.q;
    go(next, "none");
  });

  // Links to searches inside the page change the state in place; with a
  // modifier key (new tab) they are ordinary links. The chart's bars are
  // SVG links, whose href and target are no strings: the attributes are
  // read.
  app.addEventListener("click", (ev) => {
    const a = ev.target instanceof Element && ev.target.closest("a[href]");
    if (!a || ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const u = new URL(a.getAttribute("href"), location.href);
    if (u.origin !== location.origin || (u.pathname !== "/search" && u.pathname !== "/") || a.getAttribute("target")) return;
    ev.preventDefault();
    typingEntry = false;
    const next = parse(u.search);
    if (next.q !== box.value.trim()) box.value = next.q;
    const paging = next.page !== state.page && encode(clone(next, { page: 1 })) === encode(clone(state, { page: 1 }));
    go(next, "push").then(() => {
      if (paging) els.status.scrollIntoView({ block: "nearest" });
    });
  });

  // Arrow keys move through the results; Enter opens the focused one (it
  // is a link). Up from the first result goes back to the box.
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    const links = [...els.hits.querySelectorAll("a.hit-link")];
    if (!links.length) return;
    const t = document.activeElement;
    if (t === box) {
      if (ev.key === "ArrowDown") {
        ev.preventDefault();
        links[0].focus();
      }
      return;
    }
    const hit = t instanceof Element && t.closest(".hit");
    if (!hit || !els.hits.contains(hit)) return;
    const i = links.indexOf(hit.querySelector("a.hit-link"));
    ev.preventDefault();
    if (ev.key === "ArrowDown" && i < links.length - 1) links[i + 1].focus();
    if (ev.key === "ArrowUp") (i > 0 ? links[i - 1] : box).focus();
  });

  // The server rendered this state; render it again from the API so that
  // facets get their checkboxes and the charts their data.
  if (!box.value && isIntro(state) && window.matchMedia("(pointer: fine)").matches) box.focus();
  go(state, "none");

  // go shows state next: it updates the URL (push, replace or none), asks
  // the API, cancelling the search before, and renders the answer.
  async function go(next, mode) {
    state = next;
    const url = pageURL(state);
    // Pushing the state the page is at would only add a step to go back.
    // States are compared, not addresses: a link the server wrote may
    // spell the same state otherwise.
    const here = location.pathname === "/search" || location.pathname === "/";
    if (mode === "push" && here && encode(parse(location.search)) === encode(state)) mode = "replace";
    if (mode === "push") history.pushState(null, "", url);
    else if (mode === "replace") history.replaceState(null, "", url);
    document.title = (state.q ? state.q + " · " : "") + "askedat: interview questions search";
    if (inflight) inflight.abort();
    const ctl = new AbortController();
    inflight = ctl;
    clearTimeout(slowTimer);
    slowTimer = setTimeout(() => setBusy(true), SLOW_DELAY);
    const sent = cursor;
    cursor = "";
    try {
      const resp = await fetch(apiURL(state) + (sent ? "&cursor=" + encodeURIComponent(sent) : ""), { signal: ctl.signal, headers: { Accept: "application/json" } });
      let body = null;
      try {
        body = await resp.json();
      } catch {
        // not JSON: a proxy's error page
      }
      if (ctl !== inflight) return;
      if (sent && resp.status === 400 && body && typeof body.error === "string" && body.error.endsWith(STALE_CURSOR)) {
        // The cursor is not this version's: the same search, from the
        // first page, at an address without the cursor.
        return go(clone(state, { page: 1 }), "replace");
      }
      if (!resp.ok || !body || !Array.isArray(body.hits)) {
        showError(resp.status, body && body.error);
        return;
      }
      // The answer names the filters as the index spells them ("amazon"
      // in the URL is Amazon), and the difficulty source as it reads it:
      // the facets tick, and links carry, those.
      state = withAnswer(state, body);
      last = body;
      render(body);
    } catch (err) {
      if (err.name === "AbortError" || ctl !== inflight) return;
      showError(0, "");
    } finally {
      if (ctl === inflight) {
        clearTimeout(slowTimer);
        setBusy(false);
        inflight = null;
        // What the page shows now: the answer for this URL, and how many
        // answers it has shown (tests wait for them).
        app.dataset.rendered = location.search;
        app.dataset.renders = String(Number(app.dataset.renders || 0) + 1);
      }
    }
  }

  function setBusy(on) {
    app.classList.toggle("busy", on);
    app.setAttribute("aria-busy", String(on));
    if (on) fill(els.status, h("span", { class: "searching" }, "Searching…"));
  }

  function noun() {
    return state.type === "experience" ? "experience" : "question";
  }

  // grouped reports whether res has one hit per question cluster; shown
  // is how many hits its pages run over: the distinct questions, else the
  // matches.
  function grouped(res) {
    return collapsed(state) && typeof res.groups === "number";
  }
  function shown(res) {
    return grouped(res) ? res.groups : res.total;
  }

  // showError says what happened, in words, keeping the box and filters.
  function showError(status, msg) {
    last = null;
    labelToggle();
    let title;
    let text;
    if (status === 0) {
      title = "Could not reach the search server";
      text = "Check your connection; the search will run again when you retry.";
    } else if (status === 400) {
      title = "That search could not run";
      text = msg || "The query could not be read.";
    } else if (status === 503) {
      title = "The search took too long";
      text = msg || "Try a more specific query.";
    } else {
      title = "The search failed";
      text = `The server answered ${status}${msg ? ": " + msg : ""}. Try again in a moment.`;
    }
    fill(els.status, "Search failed");
    fill(
      els.notice,
      h(
        "div",
        { class: "notice error", attrs: { role: "alert" } },
        h("h2", { text: title }),
        h("p", { text }),
        status === 400 ? null : h("button", { class: "retry", attrs: { type: "button" }, on: { click: () => go(state, "none") } }, "Try again")
      )
    );
    fill(els.charts);
    renderDates();
    fill(els.hits);
    fill(els.pager);
  }

  // render shows an answer of /api/search for state.
  function render(res) {
    if (!res) return;
    const focusKey = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.key : "";
    renderStatus(res);
    renderControls();
    renderChips(res);
    renderNotice(res);
    renderCharts(res);
    renderDates();
    renderHits(res);
    renderPager(res);
    renderFacets(res);
    labelToggle();
    if (focusKey) {
      // Keep the focus on the control that was used; if it is gone (a
      // removed chip), on the count, so the next Tab starts from there.
      const el = [...app.querySelectorAll("[data-key]")].find((e) => e.dataset.key === focusKey);
      (el || els.status).focus();
    }
  }

  function renderStatus(res) {
    const from = (state.page - 1) * state.size + 1;
    const n = shown(res);
    fill(
      els.status,
      h("strong", { text: n.toLocaleString("en") }),
      (grouped(res) ? " distinct question" : " " + noun()) + (n === 1 ? "" : "s"),
      grouped(res) && res.total > n ? [" ", h("span", { class: "all", text: `(${res.total.toLocaleString("en")} in all)` })] : null,
      state.q ? [" for ", h("q", { text: state.q })] : null,
      state.page > 1 && res.hits.length ? ` · ${from}–${from + res.hits.length - 1}` : null,
      " ",
      h("span", { class: "took", text: "in " + formatMS(res.took_ms) })
    );
  }

  function renderControls() {
    const sort = effectiveSort(state);
    const sorts = [
      ["Relevance", "relevance"],
      ["Newest", "date"],
      ["Oldest", "date_asc"],
    ];
    if (state.type === "question") sorts.push(["Most asked", "asked"]);
    const seg = (label, items) =>
      h(
        "span",
        { class: "seg", attrs: { role: "group", "aria-label": label } },
        items.map(([text, href, sel]) => h("a", { href, class: sel ? "selected" : undefined, attrs: { "aria-current": sel ? "true" : undefined, rel: "nofollow" }, text }))
      );
    fill(
      els.controls,
      seg(
        "Sort",
        sorts.map(([text, v]) => [text, pageURL(clone(state, { sort: v, page: 1 })), sort === v])
      ),
      seg("Show", [
        ["Questions", pageURL(clone(state, { type: "question", page: 1 })), state.type === "question"],
        ["Experiences", pageURL(clone(state, { type: "experience", sort: state.sort === "asked" ? "" : state.sort, page: 1 })), state.type === "experience"],
      ]),
      // One hit per question or every post, where it applies (as the
      // server's page: questions, not inside one cluster).
      state.type === "question" && !state.cluster
        ? seg("Repeated questions", [
            ["One per question", pageURL(clone(state, { every: false, page: 1 })), !state.every],
            ["Every post", pageURL(clone(state, { every: true, page: 1 })), state.every],
          ])
        : null
    );
  }

  function renderChips(res) {
    const chips = [];
    for (const f of FACETS) {
      for (const v of state.filters[f] || []) {
        chips.push(chip(LABELS[f], v, toggle(state, f, v), `f:${f}:${v}`));
      }
    }
    if (state.from || state.to) chips.push(chip("Dates", dateChip(state.from, state.to), clone(state, { from: "", to: "", page: 1 }), "dates"));
    if (state.source) chips.push(chip("Difficulties", sourceChip(state.source), clone(state, { source: "", page: 1 }), "source"));
    if (state.cluster) {
      const title = (res.hits[0] && res.hits[0].cluster_title) || state.cluster;
      chips.push(chip("Same question as", title, clone(state, { cluster: "", page: 1 }), "cluster"));
    }
    if (!chips.length) {
      fill(els.chips);
      return;
    }
    const all = h("a", { class: "clear", href: pageURL(clone(state, { filters: {}, from: "", to: "", source: "", cluster: "", page: 1 })), attrs: { rel: "nofollow" }, text: "Clear all" });
    fill(els.chips, h("ul", { class: "chips", attrs: { "aria-label": "Active filters" } }, chips, h("li", {}, all)));
  }

  function chip(label, value, without, key) {
    return h(
      "li",
      {},
      h(
        "a",
        { class: "chip", href: pageURL(without), attrs: { rel: "nofollow", "aria-label": `Remove filter ${label} ${value}` }, data: { key: "chip:" + key } },
        `${label}: ${value} `,
        h("span", { class: "x", attrs: { "aria-hidden": "true" }, text: "×" })
      )
    );
  }

  function renderNotice(res) {
    if (res.total === 0) {
      const filtered = hasFilters(state);
      fill(
        els.notice,
        h(
          "div",
          { class: "notice empty" },
          h("h2", {}, `No ${noun()}s match`, state.q ? [" ", h("q", { text: state.q })] : null, filtered ? " with these filters" : null),
          res.suggestion
            ? h("p", { class: "suggestion" }, "Did you mean ", h("a", { href: pageURL(clone(state, { q: res.suggestion, page: 1 })), text: res.suggestion }), "?")
            : null,
          h(
            "p",
            {},
            "Try fewer or other words",
            filtered ? [", or ", h("a", { href: pageURL(clone(state, { filters: {}, from: "", to: "", source: "", cluster: "", page: 1 })), text: "remove the filters" })] : null,
            "."
          )
        )
      );
      return;
    }
    if (res.relaxed && res.relaxed.length) {
      // The query found too little with every word: its least informative
      // words were made optional (the API's "relaxed").
      const only = res.hits[0] && res.hits[0].tier > 0;
      fill(
        els.notice,
        h(
          "div",
          { class: "notice relaxed" },
          h(
            "p",
            {},
            only ? `No ${noun()} has every word: showing results` : "Also showing results, below those with every word,",
            res.relaxed.length > 1 ? " without some of " : " without ",
            res.relaxed.map((w, i) => [i ? ", " : "", h("em", { text: w })]),
            "."
          )
        )
      );
      return;
    }
    if (state.cluster && res.hits[0]) {
      const hit = res.hits[0];
      fill(
        els.notice,
        h(
          "div",
          { class: "notice cluster" },
          h("h2", {}, h("q", { text: hit.cluster_title || hit.title })),
          h("p", {
            text:
              `Asked at ${companies(hit.asked_at || 1)}; ` +
              (state.q || state.from || state.to || FACETS.some((f) => (state.filters[f] || []).length) ? `here are the ${res.total.toLocaleString("en")} times that match this search` : `here are all ${res.total.toLocaleString("en")} times`) +
              ", in each one's own words.",
          })
        )
      );
      return;
    }
    if (isIntro(state) && state.type === "question") {
      fill(
        els.notice,
        h(
          "div",
          { class: "notice intro" },
          h("h2", { text: `Search ${plural(res.total, "interview question")}` }),
          h(
            "p",
            {},
            "Results appear as you type; narrow them by company, role, category and difficulty. Try ",
            EXAMPLES.map((q, i) => [i ? ", " : "", h("a", { href: pageURL({ q, filters: {}, page: 1 }) }, h("code", { text: q }))]),
            "."
          )
        )
      );
      return;
    }
    fill(els.notice);
  }

  function renderCharts(res) {
    // A range that finds nothing still shows the chart: its other years
    // are a click away.
    const ranged = Boolean(state.from || state.to);
    if (!res.total && !(ranged && res.dates && res.dates.length)) {
      fill(els.charts);
      return;
    }
    const bars = {
      ranged,
      selected: (bucket) => inRange(bucket, state.from, state.to),
      href: (bucket) => pageURL(barState(state, bucket, clone)),
    };
    const details = h(
      "details",
      { class: "charts", attrs: { open: ui.chartsOpen } },
      h("summary", {}, "Over time and by category"),
      h(
        "div",
        { class: "chart-row" },
        timeChart(res.dates || [], res.date_interval, noun(), bars),
        categoryChart((res.facets && res.facets.category) || [], state.filters.category || [], noun())
      )
    );
    details.addEventListener("toggle", () => {
      ui.chartsOpen = details.open;
    });
    fill(els.charts, details);
  }

  // renderDates draws the date range's form under the chart, from the
  // state (as the answer read it): "Apply" narrows to its days, from the
  // first page.
  function renderDates() {
    const anyDate = state.from || state.to ? pageURL(clone(state, { from: "", to: "", page: 1 })) : "";
    const apply = (from, to) => {
      typingEntry = false;
      go(clone(state, { from, to, page: 1 }), "push");
    };
    fill(els.dates, rangeForm(state, apply, anyDate));
  }

  function renderHits(res) {
    const from = (state.page - 1) * state.size + 1;
    els.hits.setAttribute("start", String(from));
    fill(els.hits, res.hits.map(hitView));
  }

  function hitView(hit) {
    let post = "/experiences/" + encodeURIComponent(hit.experience_id);
    if (hit.type === "question" && hit.ordinal > 0) post += "#q-" + hit.ordinal;
    const title = hit.highlights && hit.highlights.title && hit.highlights.title[0];
    const status = /^[a-z]+$/i.test(hit.status || "") ? "status-" + hit.status.toLowerCase() : undefined;
    const src = safeHref(hit.url);
    const asked = hit.cluster && hit.asked_at > 1 && hit.cluster !== state.cluster;
    // A hit standing for several matching questions links to them: this
    // search inside its cluster.
    const times = hit.collapsed > 1 && hit.cluster ? pageURL(clone(state, { cluster: hit.cluster, page: 1 })) : "";
    return h(
      "li",
      { class: "hit" },
      h("h3", {}, h("a", { class: "hit-link", href: post }, title ? marked(title) : hit.title)),
      h(
        "p",
        { class: "meta" },
        hit.company ? h("a", { class: "company", href: pageURL({ filters: { company: [hit.company] }, page: 1 }), text: hit.company }) : null,
        hit.role ? h("span", { class: "role", text: hit.role }) : null,
        hit.round ? h("span", { class: "round", text: hit.round }) : null,
        hit.category ? h("span", { class: "tag cat", text: hit.category }) : null,
        hit.difficulty ? difficultyTag(hit.difficulty, hit.difficulty_source) : null,
        hit.status ? h("span", { class: status, text: hit.status }) : null,
        hit.date ? h("time", { attrs: { datetime: hit.date }, text: hit.date }) : null
      ),
      hit.snippet ? h("p", { class: "snippet" }, marked(hit.snippet)) : null,
      times || asked || (src && !src.startsWith("/"))
        ? h(
            "p",
            { class: "links" },
            times ? h("a", { class: "times", href: times, text: `Asked ${hit.collapsed.toLocaleString("en")} times` }) : null,
            asked ? h("a", { class: "asked", href: pageURL({ cluster: hit.cluster, filters: {}, page: 1 }), text: `Asked at ${hit.asked_at} companies` }) : null,
            src && !src.startsWith("/") ? h("a", { class: "src", href: src, attrs: { rel: "nofollow noopener noreferrer", target: "_blank" }, text: "Original post ↗" }) : null
          )
        : null
    );
  }

  // difficultyTag is the tag of a hit's or question's difficulty: one the
  // indexer inferred (source "inferred") is marked so, in words and by its
  // border, and its title says where it comes from.
  function difficultyTag(difficulty, source) {
    const diff = /^(easy|medium|hard)$/i.test(difficulty) ? " diff-" + difficulty.toLowerCase() : "";
    if (source !== "inferred") return h("span", { class: "tag diff" + diff, text: difficulty });
    return h("span", { class: "tag diff" + diff + " inferred", attrs: { title: INFERRED_NOTE } }, difficulty, " ", h("span", { class: "how", text: "(inferred)" }));
  }

  function renderPager(res) {
    const pages = Math.max(1, Math.ceil(Math.min(shown(res), MAX_WINDOW) / state.size));
    if (pages <= 1) {
      fill(els.pager);
      return;
    }
    const link = (p, text, rel) =>
      p >= 1 && p <= pages ? h("a", { href: pageURL(clone(state, { page: p })), attrs: { rel }, text }) : h("span", { class: "off", text });
    fill(els.pager, link(state.page - 1, "← Previous", "prev"), h("span", { class: "pos", text: `Page ${state.page} of ${pages.toLocaleString("en")}` }), link(state.page + 1, "Next →", "next"));
  }

  function renderFacets(res) {
    const done = h(
      "button",
      { class: "facets-done", attrs: { type: "button" }, data: { key: "facets-done" }, on: { click: () => showFilters(false) } },
      `Show ${plural(shown(res), noun())}`
    );
    els.facets.replaceChildren(...FACETS.map((f) => facetView(f, res)), done);
  }

  // facetView is one facet's panel: checkboxes with counts, a box to
  // search long lists, and "Show more".
  function facetView(f, res) {
    const selected = state.filters[f] || [];
    const values = [...((res.facets && res.facets[f]) || [])];
    for (const v of selected) if (!values.some((x) => x.value === v)) values.push({ value: v, count: 0 });
    for (const v of ui.extra[f] || []) if (!values.some((x) => x.value === v.value)) values.push(v);
    const other = (res.facet_other && res.facet_other[f]) || 0;
    const searchable = values.length > FACET_SHOWN || other > 0;
    const list = h("ul", { attrs: { "aria-labelledby": "facet-" + f } });
    const none = h("p", { class: "none", text: values.length ? "No value matches" : "none" });
    const more = h("button", { class: "more", attrs: { type: "button" }, data: { key: "more:" + f } });
    const section = h("section", { class: "facet", data: { field: f } }, h("h2", { attrs: { id: "facet-" + f }, text: LABELS[f] }));

    const draw = () => {
      const needle = (ui.filter[f] || "").trim().toLowerCase();
      const matching = values.filter((v) => !needle || v.value.toLowerCase().includes(needle));
      const shown = needle || ui.expanded[f] ? matching : matching.filter((v, i) => i < FACET_SHOWN || selected.includes(v.value));
      list.replaceChildren(...shown.map((v) => valueView(f, v, selected.includes(v.value), needle)));
      none.hidden = shown.length > 0;
      const hiddenCount = matching.length - shown.length;
      more.hidden = needle !== "" || (hiddenCount === 0 && !ui.expanded[f]) || matching.length <= FACET_SHOWN;
      more.textContent = ui.expanded[f] ? "Show fewer" : `Show ${hiddenCount} more`;
      more.setAttribute("aria-expanded", String(Boolean(ui.expanded[f])));
    };
    more.addEventListener("click", () => {
      ui.expanded[f] = !ui.expanded[f];
      draw();
    });

    if (searchable) {
      const input = h("input", {
        class: "facet-filter",
        attrs: { type: "search", placeholder: `Search ${LABELS[f].toLowerCase()}…`, "aria-label": `Search ${LABELS[f]} values`, autocomplete: "off", value: ui.filter[f] || "" },
        data: { key: "filter:" + f },
      });
      let timer = 0;
      let ctl = null;
      input.addEventListener("input", () => {
        ui.filter[f] = input.value;
        draw();
        // Values beyond the list (facet_other > 0) come from /api/suggest:
        // the index's values of the field starting so, without counts for
        // this search.
        clearTimeout(timer);
        if (!other || !input.value.trim()) return;
        timer = setTimeout(async () => {
          if (ctl) ctl.abort();
          ctl = new AbortController();
          try {
            const r = await fetch(`/api/suggest?field=${f}&prefix=${encodeURIComponent(input.value.trim())}&size=10`, { signal: ctl.signal });
            if (!r.ok) return;
            const body = await r.json();
            let added = false;
            for (const v of body.values || []) {
              if (!values.some((x) => x.value === v.value)) {
                values.push({ value: v.value, count: null });
                (ui.extra[f] = ui.extra[f] || []).push({ value: v.value, count: null });
                added = true;
              }
            }
            if (added) draw();
          } catch {
            // aborted, or offline: the list stays as it is
          }
        }, TYPE_DELAY);
      });
      section.append(input);
    }
    section.append(list, none, more);
    if (f === "difficulty") {
      const toggleSource = sourceView(values);
      if (toggleSource) section.append(toggleSource);
    }
    draw();
    return section;
  }

  // sourceView is the difficulty facet's toggle "Only difficulties posts
  // state" (difficulty_source=stated), as the server's page offers it:
  // when some difficulty counted is inferred, or a source is chosen.
  function sourceView(values) {
    if (!state.source && !values.some((v) => v.inferred > 0)) return null;
    const on = state.source === "stated";
    const input = h("input", {
      attrs: { type: "checkbox", checked: on },
      data: { key: "source" },
      on: {
        change: () => {
          typingEntry = false;
          go(clone(state, { source: on ? "" : "stated", page: 1 }), "push");
        },
      },
    });
    return h("p", { class: "facet-source" }, h("label", { class: "fv" + (on ? " selected" : ""), attrs: { title: SOURCE_TITLE } }, input, h("span", { class: "label", text: SOURCE_LABEL })));
  }

  function valueView(f, v, checked, needle) {
    const input = h("input", {
      attrs: { type: "checkbox", checked, value: v.value },
      data: { key: `f:${f}:${v.value}`, field: f },
      on: {
        change: () => {
          typingEntry = false;
          go(toggle(state, f, v.value), "push");
        },
      },
    });
    return h(
      "li",
      {},
      h(
        "label",
        { class: "fv" + (checked ? " selected" : "") },
        input,
        h("span", { class: "val", attrs: { title: v.value } }, withMatch(v.value, needle)),
        v.inferred > 0 && v.count !== null
          ? h("span", { class: "inf", attrs: { title: inferredCountNote(v.inferred, v.count) }, text: `${v.inferred.toLocaleString("en")} inferred` })
          : null,
        v.count === null ? null : h("span", { class: "count", text: v.count.toLocaleString("en") })
      )
    );
  }
}

// withMatch returns text with the first case-insensitive match of needle
// in <mark>.
function withMatch(text, needle) {
  const i = needle ? text.toLowerCase().indexOf(needle) : -1;
  if (i < 0) return text;
  return [text.slice(0, i), h("mark", { text: text.slice(i, i + needle.length) }), text.slice(i + needle.length)];
}

// inferredCountNote is the title of a difficulty's inferred count, as
// searchd's inferredCountNote.
function inferredCountNote(inferred, count) {
  return `${inferred} of these ${count} have no difficulty in their post: it is inferred from how the same problem is rated elsewhere`;
}

// sourceChip is the chip's text for a difficulty source, as searchd's.
function sourceChip(source) {
  return source === "stated" ? "only stated" : source === "inferred" ? "only inferred" : source;
}

function companies(n) {
  return n.toLocaleString("en") + (n === 1 ? " company" : " companies");
}

function formatMS(ms) {
  if (typeof ms !== "number") return "";
  if (ms < 1) return ms.toFixed(2) + " ms";
  if (ms < 100) return ms.toFixed(1) + " ms";
  return Math.round(ms) + " ms";
}
