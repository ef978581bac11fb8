// The search state and its URL. The page URL is the whole state: a copied
// link reproduces the page, and the back button restores the state before.
// encode writes parameters in the order searchd's own links use
// (searchd/params.go params): q, the filters in facet order, date_from,
// date_to, difficulty_source, cluster, type, collapse, sort, size, page,
// leaving out defaults, so one state has one URL.

export const FACETS = ["company", "role", "category", "difficulty", "status"];

export const LABELS = {
  company: "Company",
  role: "Role",
  category: "Category",
  difficulty: "Difficulty",
  status: "Outcome",
};

// These mirror searchd and the index (DefaultSize, MaxSize, MaxWindow, the
// page's facet size); searchd.TestScriptConstantsMatchServer keeps them equal.
export const DEFAULT_SIZE = 10;
export const MAX_SIZE = 100;
export const MAX_WINDOW = 10000;

// FACET_SIZE is how many values of each facet the page asks for: enough
// that the search box of a long list filters the real list in the browser.
// The server renders the page with the same request, so the script's first
// search is answered from searchd's cache.
export const FACET_SIZE = 100;

function positive(s, def) {
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 ? n : def;
}

// parse reads a state from a URL's query string (location.search). It
// ignores parameters it does not know, and empty values: searchd's pages
// have already refused the unknown ones but tracking parameters (utm_*,
// fbclid, …; decision 402), which a shared link may carry.
export function parse(search) {
  const v = new URLSearchParams(search);
  const s = {
    q: (v.get("q") || "").trim(),
    filters: {},
    // source: the API's difficulty_source, which difficulties count in the
    // difficulty filter and facet: "stated" (only those posts state),
    // "inferred", or "" for every one. Kept as written until the answer
    // names it as the index reads it (withAnswer); a value the index does
    // not know is its error to show.
    source: (v.get("difficulty_source") || "").trim(),
    // from, to: the date range (date_from, date_to), both days in, an
    // empty end open. Kept as written until the answer gives the range as
    // days (withAnswer), as the filters are; a date the index cannot read
    // is its error to show.
    from: (v.get("date_from") || "").trim(),
    to: (v.get("date_to") || "").trim(),
    cluster: (v.get("cluster") || "").trim(),
    type: v.get("type") === "experience" ? "experience" : "question",
    // every: "Every post" (collapse=0) instead of one hit per question.
    every: v.get("collapse") === "0",
    sort: ["relevance", "date", "date_asc", "asked"].includes(v.get("sort")) ? v.get("sort") : "",
    page: positive(v.get("page"), 1),
    size: Math.min(positive(v.get("size"), DEFAULT_SIZE), MAX_SIZE),
  };
  for (const f of FACETS) {
    const vals = [];
    for (const raw of v.getAll(f)) {
      const val = raw.trim();
      if (val && !vals.includes(val)) vals.push(val);
    }
    if (vals.length) s.filters[f] = vals;
  }
  return s;
}

// defaultSort is the sort the index applies when none is asked for:
// relevance with a query, newest first without. As index.DefaultSort; the
// one copy of it on this side.
export function defaultSort(q) {
  return q ? "relevance" : "date";
}

// effectiveSort is the sort the index applies to s.
export function effectiveSort(s) {
  return s.sort || defaultSort(s.q);
}

// esc escapes a parameter value as Go's url.QueryEscape does (searchd
// writes the server's links with it): encodeURIComponent, then the five
// characters it leaves alone that Go escapes, and "+" for a space. One
// state then has one URL, whichever side wrote it.
function esc(x) {
  return encodeURIComponent(x)
    .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, "+");
}

// encode returns the query string of s (without "?").
export function encode(s) {
  const parts = [];
  const add = (k, v) => parts.push(k + "=" + esc(v));
  if (s.q) add("q", s.q);
  for (const f of FACETS) for (const v of (s.filters && s.filters[f]) || []) add(f, v);
  if (s.from) add("date_from", s.from);
  if (s.to) add("date_to", s.to);
  if (s.source) add("difficulty_source", s.source);
  if (s.cluster) add("cluster", s.cluster);
  if (s.type && s.type !== "question") add("type", s.type);
  if (s.every) add("collapse", "0");
  if (s.sort && s.sort !== defaultSort(s.q)) add("sort", s.sort);
  if (s.size && s.size !== DEFAULT_SIZE) add("size", String(s.size));
  if (s.page > 1) add("page", String(s.page));
  return parts.join("&");
}

// pageURL is the address of the search page showing s.
export function pageURL(s) {
  const q = encode(s);
  return q ? "/search?" + q : "/search";
}

// collapsed reports whether the page of s shows one hit per question
// cluster: on the questions tab, unless every post is asked for, and not
// inside one cluster (whose page lists every time it was asked). As
// searchParams.collapsed in searchd/pages.go.
export function collapsed(s) {
  return !s.every && s.type !== "experience" && !s.cluster;
}

// apiURL is the /api/search request for s: the page's parameters (but
// collapse=0, which is the page's), collapse=cluster where the page
// collapses, and the facet size. searchd renders the page with the same
// request, so the first one is answered from its cache.
export function apiURL(s) {
  const q = encode(clone(s, { every: false }));
  return "/api/search?" + (q ? q + "&" : "") + (collapsed(s) ? "collapse=cluster&" : "") + "facet_size=" + FACET_SIZE;
}

// clone returns a deep copy of s with changes applied.
export function clone(s, changes = {}) {
  const c = { ...s, filters: {} };
  for (const [f, vs] of Object.entries(s.filters || {})) c.filters[f] = [...vs];
  return Object.assign(c, changes);
}

// toggle returns s with value ticked or unticked in facet f, on page 1.
export function toggle(s, f, value) {
  const c = clone(s, { page: 1 });
  const vs = c.filters[f] || [];
  c.filters[f] = vs.includes(value) ? vs.filter((v) => v !== value) : [...vs, value];
  if (!c.filters[f].length) delete c.filters[f];
  return c;
}

// withAnswer returns s as an /api/search answer read it: its "filters"
// (the values as the index spells them; kept as they are when the answer
// has none), its "difficulty_source" (absent for every difficulty, so
// "Stated" becomes "stated" and "any" nothing) and its "date_range" (days;
// absent without a range, so date_from=2023 becomes 2023-01-01).
export function withAnswer(s, body) {
  const range = body.date_range && typeof body.date_range === "object" ? body.date_range : {};
  const day = (d) => (typeof d === "string" ? d : "");
  const c = clone(s, { source: typeof body.difficulty_source === "string" ? body.difficulty_source : "", from: day(range.from), to: day(range.to) });
  const filters = body.filters;
  if (!filters || typeof filters !== "object") return c;
  c.filters = {};
  for (const f of FACETS) if (Array.isArray(filters[f]) && filters[f].length) c.filters[f] = [...filters[f]];
  return c;
}

// hasFilters reports whether s narrows the search by a facet, a date
// range, the difficulty source or a cluster.
export function hasFilters(s) {
  return Boolean(s.cluster) || Boolean(s.source) || Boolean(s.from) || Boolean(s.to) || FACETS.some((f) => (s.filters[f] || []).length > 0);
}

// isIntro reports whether s is the first visit: nothing asked yet.
export function isIntro(s) {
  return !s.q && !hasFilters(s) && s.page === 1;
}
