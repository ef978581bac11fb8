// DOM helpers. Everything the page shows from the index goes through these:
// text becomes text nodes, never markup; links are checked; handlers are
// added with addEventListener, never as attributes. Nothing here parses
// HTML, so crawled text cannot become an element, let alone a script.

// h creates an element. props: class, text, href (checked by safeHref),
// attrs (name → value, set as plain attributes; never on* names), data
// (dataset), on (event → handler). Children are nodes, strings (text) or
// arrays of them; null and false are skipped.
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  append(el, children);
  return el;
}

const SVG = "http://www.w3.org/2000/svg";

// s creates an SVG element, with the same props as h.
export function s(tag, props = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  setProps(el, props);
  append(el, children);
  return el;
}

function setProps(el, props) {
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    switch (k) {
      case "class":
        el.setAttribute("class", v);
        break;
      case "text":
        el.textContent = v;
        break;
      case "href": {
        const u = safeHref(v);
        if (u) el.setAttribute("href", u);
        break;
      }
      case "attrs":
        for (const [name, val] of Object.entries(v)) {
          if (val === undefined || val === null || val === false) continue;
          if (/^on/i.test(name) || name === "style" || name === "href" || name === "src") {
            throw new Error("h: attribute " + name + " is not allowed");
          }
          el.setAttribute(name, val === true ? "" : String(val));
        }
        break;
      case "data":
        for (const [name, val] of Object.entries(v)) el.dataset[name] = String(val);
        break;
      case "on":
        for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
        break;
      default:
        throw new Error("h: unknown property " + k);
    }
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

// safeHref returns u if it is a path on this site ("/…", not "//…") or an
// absolute http(s) URL, else "" (javascript:, data:, and anything odd).
export function safeHref(u) {
  u = String(u || "").trim();
  if (u.startsWith("/") && !u.startsWith("//") && !u.startsWith("/\\")) return u;
  try {
    const p = new URL(u);
    if ((p.protocol === "http:" || p.protocol === "https:") && p.host) return p.href;
  } catch {
    // not a URL
  }
  return "";
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

// decodeEntities undoes the escaping of Go's html.EscapeString (and any
// numeric reference), for text that is then inserted as text.
export function decodeEntities(t) {
  return t.replace(/&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, (m, e) => {
    if (e[0] === "#") {
      const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

// marked turns the index's highlighted fragments (escaped text with
// <mark> around matched words) into nodes: text nodes and <mark> elements
// holding text, nothing else. The string is never parsed as HTML: any other
// tag, even if the index let one through, would show as literal text.
export function marked(html) {
  const frag = document.createDocumentFragment();
  let inMark = false;
  for (const part of String(html || "").split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") inMark = true;
    else if (part === "</mark>") inMark = false;
    else if (part) {
      const text = document.createTextNode(decodeEntities(part));
      frag.append(inMark ? h("mark", {}, text) : text);
    }
  }
  return frag;
}

// plural returns "1 question", "2 questions", with the number grouped.
export function plural(n, noun) {
  return n.toLocaleString("en") + " " + noun + (n === 1 ? "" : "s");
}

// replaceChildren empties el and appends children.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
