package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
)

// The pages below are written for these tests. Each shows a reader the same
// post in other markup; all must extract to wantPost.

const pageURL = "http://127.0.0.1:8080/experience/acme/sde-interview"

func wantPost() *askedat.Experience {
	e := &askedat.Experience{
		ID:        askedat.IDForURL(pageURL),
		URL:       pageURL,
		Source:    "interviewexperiences",
		Extractor: "interviewexperiences",
		Title:     "SDE Interview Experience — Acme Corp",
		Company:   "Acme Corp",
		Role:      "Software Engineer",
		Status:    "Offer",
		Date:      "2024-03-05",
		Reads:     1234,
		Summary:   "Three rounds & a lot of <code>.",
		Body:      "First paragraph.\n\nSecond paragraph with <script>alert(1)</script> as text.",
		Questions: []askedat.Question{
			{Ordinal: 1, Title: "Tell Me About Yourself", Category: "Behavioral", Body: "Introduce yourself."},
			{Ordinal: 2, Title: "Two Sum", Category: "Data Structures & Algorithms", Difficulty: "Easy",
				Body: "Find two numbers that add up to a target.\n\n1. Use a hash map."},
			{Ordinal: 3, Title: "Design a URL Shortener", Category: "System Design", Difficulty: "Hard",
				Body: "Scale it to a billion links."},
		},
	}
	askedat.Normalize(e)
	return e
}

// corpusLike follows the markup of the corpus page: sections, <h2>
// headings, an <ol> of cards with a number <div>, spans for the facts.
const corpusLike = `<!DOCTYPE html><html><head><title>SDE Interview Experience — Acme Corp | Interview Experiences</title></head>
<body><header><a href="/">Interview Experiences</a><nav><a href="/companies">Companies</a></nav></header>
<main><article>
<header>
  <h1>SDE Interview Experience — Acme Corp</h1>
  <div><img src="/logos/acme.png" alt="acme logo"> <a href="/companies/acme">acme corp</a></div>
  <div><span>· Software Engineer</span>
       <span>· Offer</span></div>
  <div><time datetime="2024-03-05">March 5, 2024</time> <span>·</span> <span>1,234 reads</span></div>
</header>
<section><h2>Summary</h2><p>Three rounds &amp; a lot of &lt;code&gt;.</p></section>
<section><h2>Full Experience</h2><p>First paragraph.</p><script>var hidden = "not text";</script>
<p>Second paragraph with &lt;script&gt;alert(1)&lt;/script&gt; as text.</p></section>
<section><h2>Interview Questions (3)</h2><ol>
<li><div>1.</div><div><h3>Tell Me About Yourself</h3><div><span>Behavioral</span></div><p>Introduce yourself.</p></div></li>
<li><div>2.</div><div><h3>Two Sum</h3><div><span>Data Structures &amp; Algorithms</span><span>·</span><span>Easy</span></div>
  <p>Find two numbers that add up to a target.</p><p>1. Use a hash map.</p></div></li>
<li><div>3.</div><div><h3>Design a URL Shortener</h3><div><span>System Design</span><span>·</span><span>Hard</span></div><p>Scale it to a billion links.</p></div></li>
</ol></section>
</article>
<section><h2>Discussion (1)</h2><p>Great post!</p></section></main>
<footer><p>© Interview Experiences</p></footer></body></html>`

// divsAndStrong uses <div>s only, <h3> section headings, the number and a
// <strong> title on one line, the category line as one text node, and the
// role and status in one <p>.
const divsAndStrong = `<html><head><meta property="og:title" content="SDE Interview Experience — Acme Corp"></head><body>
<div class="top"><a href="/">Interview Experiences</a></div>
<div class="post">
<h1 class="t">SDE Interview Experience — Acme Corp</h1>
<p class="c"><img src="/l.png"> <a href="/companies/acme">acme corp</a></p>
<p class="f">· Software Engineer · Offer</p>
<p class="s"><time datetime="2024-03-05T10:00:00+05:30">March 5, 2024</time> · 1,234 reads</p>
<div class="b"><h3>Summary</h3><p>Three rounds &amp; a lot of &lt;code&gt;.</p></div>
<div class="b"><h3>Full Experience</h3><p>First paragraph.</p><p>Second paragraph with &lt;script&gt;alert(1)&lt;/script&gt; as text.</p></div>
<div class="b"><h3>Interview Questions (3)</h3><dl>
<dt><span>1.</span> <strong>Tell Me About Yourself</strong></dt><dd><p>Behavioral</p><p>Introduce yourself.</p></dd>
<dt><span>2.</span> <strong>Two Sum</strong></dt><dd><p>Data Structures &amp; Algorithms · Easy</p><p>Find two numbers that add up to a target.</p><p>1. Use a hash map.</p></dd>
<dt><span>3.</span> <h4>Design a URL Shortener</h4></dt><dd><p>System Design · Hard</p><p>Scale it to a billion links.</p></dd>
</dl></div>
<div class="cm"><h3>Discussion (0)</h3><p>No comments yet</p></div>
</div><div class="foot">© Interview Experiences</div></body></html>`

// flat has no wrappers at all: every line is a sibling in <body>, the date
// is only visible text, and the company shares the facts line.
const flat = `<html><body>
<h1>SDE Interview Experience — Acme Corp</h1>
<p>acme corp · Software Engineer · Offer</p>
<p>March 5, 2024 · 1,234 reads</p>
<h2>Summary</h2>
<p>Three rounds &amp; a lot of &lt;code&gt;.</p>
<h2>Full Experience</h2>
<p>First paragraph.</p>
<p>Second paragraph with &lt;script&gt;alert(1)&lt;/script&gt; as text.</p>
<h2>Interview Questions (3)</h2>
<p>1.</p><p><b>Tell Me About Yourself</b></p><p>Behavioral</p><p>Introduce yourself.</p>
<p>2.</p><p><b>Two Sum</b></p><p>Data Structures &amp; Algorithms·Easy</p><p>Find two numbers that add up to a target.</p><p>1. Use a hash map.</p>
<p>3.</p><p><b>Design a URL Shortener</b></p><p>System Design · Hard</p><p>Scale it to a billion links.</p>
<h2>Discussion (2)</h2><p>Thanks!</p><p>Helpful.</p>
<div>© Interview Experiences</div>
</body></html>`

// olNumbers shows the numbers only through <ol>'s own numbering, and gives
// the date in a meta tag only.
const olNumbers = `<html><head><meta property="article:published_time" content="2024-03-05T00:00:00+05:30"></head><body>
<h1>SDE Interview Experience — Acme Corp</h1>
<div>acme corp</div>
<div>· Software Engineer · Offer</div>
<div>1,234 reads</div>
<h2>Summary</h2><div>Three rounds &amp; a lot of &lt;code&gt;.</div>
<h2>Full Experience</h2><div><p>First paragraph.</p><p>Second paragraph with &lt;script&gt;alert(1)&lt;/script&gt; as text.</p></div>
<h2>Interview Questions (3)</h2>
<ol>
<li><h3>Tell Me About Yourself</h3><p>Behavioral</p><p>Introduce yourself.</p></li>
<li><h3>Two Sum</h3><p>Data Structures &amp; Algorithms · Easy</p><p>Find two numbers that add up to a target.</p><p>1. Use a hash map.</p></li>
<li><h3>Design a URL Shortener</h3><p>System Design · Hard</p><p>Scale it to a billion links.</p></li>
</ol>
</body></html>`

func TestPagePostMarkups(t *testing.T) {
	tests := []struct {
		name, page string
	}{
		{"corpus-like", corpusLike},
		{"divs and strong", divsAndStrong},
		{"flat", flat},
		{"ol numbers", olNumbers},
	}
	want := wantPost()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Page(mustURL(t, pageURL), []byte(tt.page))
			if err != nil {
				t.Fatalf("Page error: %v", err)
			}
			if res.Kind != Post {
				t.Fatalf("Page kind = %v, want post", res.Kind)
			}
			if diff := cmp.Diff(want, post(res)); diff != "" {
				t.Errorf("Page experience (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPageCanonical checks the id and url come from the canonical link,
// resolved against the page, and that the fetched host does not choose the
// extractor.
func TestPageCanonical(t *testing.T) {
	tests := []struct {
		name, canonical, fetched, wantURL string
	}{
		{"absolute", `https://interviewexperiences.in/experience/acme/sde`, "http://127.0.0.1:9/x", "https://interviewexperiences.in/experience/acme/sde"},
		{"relative", `/experience/acme/sde#top`, "http://127.0.0.1:9/x/y", "http://127.0.0.1:9/experience/acme/sde"},
		{"not http", `javascript:alert(1)`, "http://127.0.0.1:9/x", "http://127.0.0.1:9/x"},
		{"none", ``, "http://example.com/a?b=c#d", "http://example.com/a?b=c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := corpusLike
			if tt.canonical != "" {
				page = strings.Replace(page, "<head>", `<head><link rel="canonical" href="`+tt.canonical+`">`, 1)
			}
			res, err := Page(mustURL(t, tt.fetched), []byte(page))
			if err != nil {
				t.Fatalf("Page error: %v", err)
			}
			e := post(res)
			if e.URL != tt.wantURL || e.ID != askedat.IDForURL(tt.wantURL) {
				t.Errorf("Page url, id = %q, %q, want %q, %q", e.URL, e.ID, tt.wantURL, askedat.IDForURL(tt.wantURL))
			}
		})
	}
}

func TestPageBroken(t *testing.T) {
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7919 + i/13)
	}
	tests := []struct {
		name     string
		url      string
		page     string
		wantKind Kind
		wantErr  string // a part of the error, or "" for none
	}{
		{name: "garbage bytes", page: string(garbage), wantKind: Other},
		{name: "html prologue then garbage", page: "<!DOCTYPE html><html><head><meta charset=utf-8>" + string(garbage), wantKind: Other},
		{name: "empty", page: "", wantKind: Other},
		{name: "plain page", page: "<html><body><h1>Hello</h1><p>Nothing to see.</p></body></html>", wantKind: Other},
		{
			name:    "no questions heading",
			page:    strings.Replace(corpusLike, "Interview Questions (3)", "Questions I remember", 1),
			wantErr: `no "Interview Questions" heading`,
		},
		{
			name:    "site post without questions",
			url:     "https://interviewexperiences.in/experience/acme/x",
			page:    "<html><body><h1>Draft</h1><p>Coming soon.</p></body></html>",
			wantErr: `no "Interview Questions" heading`,
		},
		{
			name:    "count mismatch",
			page:    strings.Replace(corpusLike, "Interview Questions (3)", "Interview Questions (4)", 1),
			wantErr: "promises 4 questions, found 3",
		},
		{
			name: "no title",
			page: strings.NewReplacer("<h1>SDE Interview Experience — Acme Corp</h1>", "",
				"<title>SDE Interview Experience — Acme Corp | Interview Experiences</title>", "").Replace(corpusLike),
			wantErr: "no title",
		},
		{
			name:    "heading without questions",
			page:    "<html><body><h1>T</h1><h2>Interview Questions (2)</h2><p>None here.</p></body></html>",
			wantErr: "no numbered questions",
		},
		{
			name:    "question without title",
			page:    "<html><body><h1>T</h1><h2>Interview Questions (1)</h2><div>1.</div></body></html>",
			wantErr: "question 1 has no title",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := tt.url
			if u == "" {
				u = pageURL
			}
			res, err := Page(mustURL(t, u), []byte(tt.page))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Page error = %v, want one saying %q", err, tt.wantErr)
				}
				if len(res.Experiences) > 0 {
					t.Errorf("Page returned an experience with its error")
				}
				return
			}
			if err != nil {
				t.Fatalf("Page error = %v, want none", err)
			}
			if res.Kind != tt.wantKind {
				t.Errorf("Page kind = %v, want %v", res.Kind, tt.wantKind)
			}
		})
	}
}

func TestPageListing(t *testing.T) {
	const listing = `<html><head><link rel="canonical" href="https://interviewexperiences.in/experiences"></head><body>
<nav><a href="/companies">Companies</a></nav>
<h1>Latest</h1>
<p>Moderators: <a href="/private/drafts">drafts</a></p>
<ul>
<li><a href="/experience/acme/one"><h2>One</h2></a><div>acme · SDE · Offer</div><div>2 reads · 3 questions</div></li>
<li><a href="/experience/acme/one#discussion">again</a></li>
<li><a href="/posts/two"><h2>Two</h2></a><div>March 5, 2024 · 10 reads · 4 questions</div></li>
<li style="display: none"><a href="/experience/hidden/trap">hidden</a></li>
<li><a rel="nofollow" href="/experience/acme/nofollow">no</a></li>
<li><a href="https://elsewhere.example/experience/x/y">elsewhere</a></li>
</ul>
<nav><span>1</span><a href="/experiences?page=2">2</a><a rel="next" href="/experiences?page=2">Next »</a><a href="/experiences?page=9">Last</a></nav>
</body></html>`
	res, err := Page(mustURL(t, "http://127.0.0.1:8080/experiences"), []byte(listing))
	if err != nil {
		t.Fatalf("Page error: %v", err)
	}
	got := factsOf(res)
	want := facts{Kind: "listing", Links: []string{
		"post http://127.0.0.1:8080/experience/acme/one",
		"post http://127.0.0.1:8080/posts/two",
		"listing http://127.0.0.1:8080/experiences?page=2",
		"listing http://127.0.0.1:8080/experiences?page=9",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Page listing (-want +got):\n%s", diff)
	}
}

func TestReadsAndDates(t *testing.T) {
	reads := []struct {
		in   string
		want int
	}{
		{"72 reads", 72}, {"1,234 reads", 1234}, {"1 read", 1}, {"1.2k reads", 1200}, {"0 reads", 0},
	}
	for _, tt := range reads {
		if got, err := parseReads(tt.in); err != nil || got != tt.want {
			t.Errorf("parseReads(%q) = %d, %v, want %d", tt.in, got, err, tt.want)
		}
	}
	dates := []struct{ in, want string }{
		{"September 1, 2025", "2025-09-01"}, {"Sep 1, 2025", "2025-09-01"}, {"1 September 2025", "2025-09-01"},
		{"2025-09-01", "2025-09-01"}, {"72 reads", ""}, {"yesterday", ""},
	}
	for _, tt := range dates {
		if got := visibleDate(tt.in); got != tt.want {
			t.Errorf("visibleDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	iso := []struct{ in, want string }{
		{"2025-09-01", "2025-09-01"}, {"2025-09-01T00:00:00+05:30", "2025-09-01"}, {"2025-13-01", ""}, {"soon", ""},
	}
	for _, tt := range iso {
		if got := isoDate(tt.in); got != tt.want {
			t.Errorf("isoDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSpellingIn(t *testing.T) {
	tests := []struct{ text, name, want string }{
		{"Back-End Developer Interview Questions — NxtWave", "nxtwave", "NxtWave"},
		{"Metadata Engineer at META", "meta", "META"},
		{"Metadata Engineer", "meta", "meta"},
		{"Nothing here", "acme", "acme"},
		{"", "acme", "acme"},
	}
	for _, tt := range tests {
		if got := spellingIn(tt.text, tt.name); got != tt.want {
			t.Errorf("spellingIn(%q, %q) = %q, want %q", tt.text, tt.name, got, tt.want)
		}
	}
}

// TestPageNestedList checks that a list inside a question's description
// does not split the question: numbering by <ol> items is only a fallback.
func TestPageNestedList(t *testing.T) {
	page := strings.Replace(corpusLike, "<p>1. Use a hash map.</p>", "<ol><li>Use a hash map.</li><li>Or sort.</li></ol>", 1)
	res, err := Page(mustURL(t, pageURL), []byte(page))
	if err != nil {
		t.Fatalf("Page error: %v", err)
	}
	want := wantPost().Questions
	want[1].Body = "Find two numbers that add up to a target.\n\nUse a hash map.\n\nOr sort."
	if diff := cmp.Diff(want, post(res).Questions); diff != "" {
		t.Errorf("Page questions (-want +got):\n%s", diff)
	}
}

// post returns the one experience of a post's result, or nil.
func post(r Result) *askedat.Experience {
	if len(r.Experiences) != 1 {
		return nil
	}
	return r.Experiences[0]
}
