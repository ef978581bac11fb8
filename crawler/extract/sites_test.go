package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
)

// The pages in testdata/pages are written for these tests, in the shapes
// of the site formats (another company, another year) and of pages that
// must not become experiences.

func readPage(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// onePost extracts body fetched from u and returns its one post, failing
// the test unless the page is one post by the extractor named.
func onePost(t *testing.T, u string, body []byte, extractor string) *askedat.Experience {
	t.Helper()
	res, err := Page(mustURL(t, u), body)
	if err != nil {
		t.Fatalf("Page(%s) error: %v", u, err)
	}
	if res.Kind != Post || res.Extractor != extractor || len(res.Experiences) != 1 {
		t.Fatalf("Page(%s) = %v by %q with %d experiences, want one post by %s", u, res.Kind, res.Extractor, len(res.Experiences), extractor)
	}
	return res.Experiences[0]
}

// q is a question's facts: what the tests below check of each question.
type q struct {
	Title, Round, URL string
}

func questionsOf(e *askedat.Experience) []q {
	var out []q
	for i, x := range e.Questions {
		if x.Ordinal != i+1 {
			return append(out, q{Title: "ordinal out of order"})
		}
		out = append(out, q{x.Title, x.Round, x.URL})
	}
	return out
}

func TestGeeksforGeeksPage(t *testing.T) {
	const canonical = "http://www.geeksforgeeks.org/microsoft-interview-experience-set-12-off-campus-sde/"
	// Served from a copy on loopback: the canonical link decides.
	e := onePost(t, "http://127.0.0.1:8080/microsoft-12.html", readPage(t, "gfg-microsoft-set-12.html"), "geeksforgeeks")
	checkFields(t, []field{
		{"id", e.ID, askedat.IDForURL(canonical)},
		{"url", e.URL, canonical},
		{"source", e.Source, "geeksforgeeks"},
		{"extractor", e.Extractor, "geeksforgeeks"},
		{"title", e.Title, "Microsoft Interview Experience | Set 12 (Off-Campus for SDE)"},
		{"company", e.Company, "Microsoft"},
		{"date", e.Date, "2019-03-08"},
		{"role", e.Role, "Software Engineer"},
		{"role_raw", e.RoleRaw, "SDE"},
		{"level", e.Level, ""},
		{"campus", e.Campus, "Off-Campus"},
		{"summary", e.Summary, "I applied through a referral and had four rounds in one day at the Hyderabad office."},
	})
	if diff := cmp.Diff([]string{"Interview Experiences", "Microsoft"}, e.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	want := []q{
		{"Return the length of the longest run of equal values in an array.", "Round 1 (Online Test)", ""},
		{"Given the root of a binary tree, list the values level by level, right to left.", "Round 1 (Online Test)", ""},
		{"How would you detect a loop in a singly linked list?", "Round 2: Face to face with an SDE-2", ""},
		{"Merge k sorted lists into one sorted list.", "Round 2: Face to face with an SDE-2", ""},
		{"Design a rate limiter for a public web API.", "Round 3 (Design)", ""},
		{"Explain the difference between a process and a thread.", "Round 3 (Design)", ""},
		{"Tell me about a time you disagreed with a teammate.", "Hiring Manager Round", ""},
		{"Why do you want to join Microsoft?", "Hiring Manager Round", ""},
	}
	if diff := cmp.Diff(want, questionsOf(e)); diff != "" {
		t.Errorf("questions (-want +got):\n%s", diff)
	}
	// The rest of a question, its follow-ups and sub-points, is its body;
	// the tips are not questions.
	if got := e.Questions[2].Body; got != "He wanted constant extra space." {
		t.Errorf("question 3 body = %q", got)
	}
	if got := e.Questions[3].Body; got != "Follow up: what if the lists do not fit in memory?" {
		t.Errorf("question 4 body = %q", got)
	}
	if got := e.Questions[4].Body; got != "Where does the state live?\n\nWhat happens when a node fails?" {
		t.Errorf("question 5 body = %q", got)
	}
}

// TestSiteSkip checks that a page a site extractor knows as its site's,
// but which is no experience, ends the search there: Skip by that
// extractor, no experiences and nothing to follow; never the generic
// extractor, which would take a question bank with numbered questions for
// a post.
func TestSiteSkip(t *testing.T) {
	// An article of today's layout whose text is a picture.
	empty := regexp.MustCompile(`(?s)<div class="text">.*?</div>`).ReplaceAll(readPage(t, "gfg-2024-article.html"),
		[]byte(`<div class="text"><p><img src="/wp-content/uploads/rounds.png" alt="rounds"></p></div>`))
	for _, tc := range []struct {
		name, url, page, extractor string
		body                       []byte
	}{
		{"algorithm article", "http://www.geeksforgeeks.org/rotate-a-matrix-by-90-degrees/", "gfg-algorithm-article.html", "geeksforgeeks", nil},
		{"question bank", "http://127.0.0.1:8080/java-questions.html", "gfg-question-bank.html", "geeksforgeeks", nil},
		{"empty article", "http://127.0.0.1:8080/empty.html", "", "geeksforgeeks", empty},
		{"glassdoor overview", "http://127.0.0.1:8080/Overview/acme.htm", "glassdoor-overview.html", "glassdoor", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := tc.body
			if body == nil {
				body = readPage(t, tc.page)
			}
			res, err := Page(mustURL(t, tc.url), body)
			if err != nil {
				t.Fatalf("Page(%s) error: %v", tc.page, err)
			}
			if res.Kind != Skip || res.Extractor != tc.extractor {
				t.Errorf("Page(%s) = %v by %q, want skip by %q", tc.page, res.Kind, res.Extractor, tc.extractor)
			}
			if len(res.Experiences) != 0 || len(res.Links) != 0 || len(res.SiteLinks) != 0 {
				t.Errorf("Page(%s) gives %d experiences, %d links, %d site links; want none",
					tc.page, len(res.Experiences), len(res.Links), len(res.SiteLinks))
			}
		})
	}
}

// TestGeeksforGeeksToday reads an article in the site's current layout:
// the title in .article-title h1, the text in div.text, the date in
// JSON-LD (a reader sees "Last Updated"), the tags in a strip of links to
// the site's tag pages, and "Similar Reads" after the article.
func TestGeeksforGeeksToday(t *testing.T) {
	const canonical = "https://www.geeksforgeeks.org/interview-experience-at-flipkart-for-sde-1-off-campus-2024/"
	page := readPage(t, "gfg-2024-article.html")
	e := onePost(t, "http://127.0.0.1:8080/flipkart.html", page, "geeksforgeeks")
	checkFields(t, []field{
		{"id", e.ID, askedat.IDForURL(canonical)},
		{"url", e.URL, canonical},
		{"title", e.Title, "Interview Experience at Flipkart for SDE-1 (Off-Campus) 2024"},
		{"company", e.Company, "Flipkart"},
		{"date", e.Date, "2024-02-19"},
		{"role", e.Role, "Software Engineer"},
		{"level", e.Level, "SDE-1"},
		{"campus", e.Campus, "Off-Campus"},
		{"summary", e.Summary, "I applied on the careers site in January 2024 and heard back two weeks later. There were three rounds, all online."},
	})
	if diff := cmp.Diff([]string{"Interview Experiences", "Flipkart", "Off-Campus"}, e.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	want := []q{
		{"Given an array of integers and a number k, find the length of the longest subarray whose sum is at most k.", "Round 1: Online Assessment (90 minutes)", ""},
		{"Count the islands in a grid of 0s and 1s.", "Round 1: Online Assessment (90 minutes)", ""},
		{"Find the lowest common ancestor of two nodes in a binary search tree.", "Round 2: Problem Solving", ""},
		{"How would you check that a linked list is a palindrome with constant extra space?", "Round 2: Problem Solving", ""},
		{"Tell me about a project you are proud of.", "Round 3: Hiring Manager", ""},
		{"Why do you want to leave your current team?", "Round 3: Hiring Manager", ""},
	}
	if diff := cmp.Diff(want, questionsOf(e)); diff != "" {
		t.Errorf("questions (-want +got):\n%s", diff)
	}
	for _, not := range []string{"Similar Reads", "Article Tags", "Last Updated"} {
		if strings.Contains(e.Body, not) {
			t.Errorf("body holds %q, which is not the post's text", not)
		}
	}

	// Without JSON-LD, the date is the one a reader sees.
	noLD := regexp.MustCompile(`(?s)<script type="application/ld\+json">.*?</script>`).ReplaceAll(page, nil)
	if got := onePost(t, canonical, noLD, "geeksforgeeks").Date; got != "2024-03-01" {
		t.Errorf("date without JSON-LD = %q, want the Last Updated date 2024-03-01", got)
	}
}

// TestGeeksforGeeksTodayListing reads a tag page of today's layout, whose
// cards are boxes with a title link, a date and a summary (no <article>),
// beside a header and a side menu full of links.
func TestGeeksforGeeksTodayListing(t *testing.T) {
	res, err := Page(mustURL(t, "http://127.0.0.1:8080/tag/flipkart/page/2/"), readPage(t, "gfg-2024-tag-listing.html"))
	if err != nil {
		t.Fatalf("Page error: %v", err)
	}
	got := factsOf(res)
	want := facts{Kind: "listing", Links: []string{
		"post https://www.geeksforgeeks.org/interview-experience-at-flipkart-for-sde-1-off-campus-2024/",
		"post http://127.0.0.1:8080/flipkart-interview-experience-for-sde-2-2023/",
		"other https://www.geeksforgeeks.org/sort-an-array-of-0s-1s-and-2s/",
		"listing https://www.geeksforgeeks.org/tag/flipkart/",
		"listing https://www.geeksforgeeks.org/tag/flipkart/page/3/",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Page listing (-want +got):\n%s", diff)
	}
}

func TestCompanyFrom(t *testing.T) {
	for _, tc := range []struct {
		title string
		tags  []string
		want  string
	}{
		{"Amazon Interview Experience | Set 130 (SDE-1 Campus)", []string{"Amazon"}, "Amazon"},
		{"Interview Experience at Google for SDE-1", nil, "Google"},
		{"My Interview Experience at Goldman Sachs (Off-Campus) 2023", nil, "Goldman Sachs"},
		{"Interview Experience at Zeta SDE Intern", nil, "Zeta"},
		{"Interview Experience at Flipkart for SDE-1", []string{"Off-Campus", "Flipkart"}, "Flipkart"},
		// The tag the title names as the company wins over a tag it
		// names as the job.
		{"Acme Interview Experience for Marketing Role", []string{"Marketing", "Acme"}, "Acme"},
		{"Interview Experience for a Marketing Role at Acme", []string{"Marketing", "Acme"}, "Acme"},
		{"Walmart Labs Interview Experience", nil, "Walmart Labs"},
		{"How I prepared for interviews", nil, ""},
	} {
		if got := companyFrom(tc.title, tc.tags); got != tc.want {
			t.Errorf("companyFrom(%q, %q) = %q, want %q", tc.title, tc.tags, got, tc.want)
		}
	}
}

func TestGeeksforGeeksListing(t *testing.T) {
	res, err := Page(mustURL(t, "http://127.0.0.1:8080/tag/microsoft/page/3/"), readPage(t, "gfg-tag-listing.html"))
	if err != nil {
		t.Fatalf("Page error: %v", err)
	}
	got := factsOf(res)
	want := facts{Kind: "listing", Links: []string{
		"post http://www.geeksforgeeks.org/microsoft-interview-experience-set-12-off-campus-sde/",
		"post http://127.0.0.1:8080/microsoft-interview-experience-set-11-for-internship/",
		// An algorithm article tagged with the company is not promised
		// as a post.
		"other http://www.geeksforgeeks.org/rotate-a-matrix-by-90-degrees/",
		"listing http://www.geeksforgeeks.org/tag/microsoft/",
		"listing http://www.geeksforgeeks.org/tag/microsoft/page/2/",
		"listing http://www.geeksforgeeks.org/tag/microsoft/page/4/",
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Page listing (-want +got):\n%s", diff)
	}
}

func TestGlassdoorPage(t *testing.T) {
	res, err := Page(mustURL(t, "http://127.0.0.1:8080/Interview/Acme-Robotics-Interview-Questions-E99999_P2.htm"), readPage(t, "glassdoor-acme-robotics.html"))
	if err != nil {
		t.Fatalf("Page error: %v", err)
	}
	if res.Kind != Post || res.Extractor != "glassdoor" {
		t.Fatalf("Page = %v by %q, want post by glassdoor", res.Kind, res.Extractor)
	}
	const r1, r2 = "https://www.glassdoor.com/Interview/Acme-Robotics-Interview-RVW111.htm", "https://www.glassdoor.com/Interview/Acme-Robotics-Interview-RVW112.htm"
	want := []*askedat.Experience{{
		ID: askedat.IDForURL(r1), URL: r1, Source: "glassdoor", Extractor: "glassdoor",
		Title: "Firmware Engineer Interview at Acme Robotics", Company: "Acme Robotics",
		Role: "Firmware Engineer", RoleRaw: "Firmware Engineer Interview",
		Status: "Offer", StatusRaw: "Accepted Offer", Date: "2023-11-04", Location: "Austin, TX",
		Difficulty: "Hard", DifficultyRaw: "Difficult Interview", Sentiment: "Neutral",
		Summary: "I applied online. The process took 3 weeks.",
		Body:    "A recruiter call, then a take-home exercise, then four hours on site with the motor-control team.",
		Questions: []askedat.Question{
			{Ordinal: 1, Title: "Write an interrupt handler that debounces a push button.", URL: "https://www.glassdoor.com/Interview/debounce-QTN_501.htm"},
			{Ordinal: 2, Title: "How would you find a stack overflow on a microcontroller without a debugger?", URL: "https://www.glassdoor.com/Interview/stack-QTN_502.htm"},
		},
	}, {
		ID: askedat.IDForURL(r2), URL: r2, Source: "glassdoor", Extractor: "glassdoor",
		Title: "Test Engineer Interview at Acme Robotics", Company: "Acme Robotics",
		Role: "Test Engineer", RoleRaw: "Test Engineer Interview",
		Status: "Rejected", StatusRaw: "No Offer", Date: "2023-10-30",
		Difficulty: "Easy", DifficultyRaw: "Easy Interview", Sentiment: "Negative",
		Body: "One phone screen. They never wrote back.",
		Questions: []askedat.Question{
			{Ordinal: 1, Title: "Why do you want to leave your current job?", URL: "https://www.glassdoor.com/Interview/leave-QTN_503.htm"},
		},
	}}
	if diff := cmp.Diff(want, res.Experiences); diff != "" {
		t.Errorf("Page experiences (-want +got):\n%s", diff)
	}
	// The further pages of reviews, not this one; the FAQ is no review.
	wantLinks := []string{
		"listing http://127.0.0.1:8080/Interview/Acme-Robotics-Interview-Questions-E99999.htm",
		"listing http://127.0.0.1:8080/Interview/Acme-Robotics-Interview-Questions-E99999_P3.htm",
	}
	if diff := cmp.Diff(wantLinks, factsOf(res).Links); diff != "" {
		t.Errorf("Page links (-want +got):\n%s", diff)
	}
}

// TestGlassdoorCompanyAnyCase reads the company from headings and titles
// in the site's lower case ("Initech interview questions").
func TestGlassdoorCompanyAnyCase(t *testing.T) {
	const review = `<div data-test="Interview5Container"><h2 data-test="Interview5Title"><a href="/Interview/Initech-Interview-RVW5.htm">Support Engineer Interview</a></h2>
<time datetime="2025-2-3">Feb 3, 2025</time><span>No Offer</span></div>`
	for _, tc := range []struct{ name, head, body string }{
		{"heading", `<title>Reviews | Glassdoor</title>`, `<h1>Initech interview questions</h1>`},
		{"title", `<title>Initech interview questions | Glassdoor</title>`, ``},
		{"title with a count", `<title>1,204 Initech interviews | Glassdoor</title>`, ``},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html><head>` + tc.head + `<meta property="og:site_name" content="Glassdoor"></head><body>` + tc.body + review + `</body></html>`
			res, err := Page(mustURL(t, "https://www.glassdoor.com/Interview/Initech-Interview-Questions-E7.htm"), []byte(page))
			if err != nil || len(res.Experiences) != 1 {
				t.Fatalf("Page = %v with %d experiences, %v; want one review", res.Kind, len(res.Experiences), err)
			}
			if got := res.Experiences[0].Company; got != "Initech" {
				t.Errorf("company = %q, want %q", got, "Initech")
			}
		})
	}
}

// TestGlassdoorWithoutHooks reads a review page whose markup has none of
// the site's test hooks: reviews are found by their own links, facts by
// their words.
func TestGlassdoorWithoutHooks(t *testing.T) {
	res, err := Page(mustURL(t, "http://127.0.0.1:8080/globex.html"), readPage(t, "glassdoor-no-hooks.html"))
	if err != nil {
		t.Fatalf("Page error: %v", err)
	}
	var got []facts
	for _, e := range res.Experiences {
		got = append(got, facts{Kind: "post", ExpFacts: expFactsOf(e)})
	}
	r1 := "https://www.glassdoor.co.uk/Interview/Globex-Interview-RVW9001.htm"
	r2 := "https://www.glassdoor.co.uk/Interview/Globex-Interview-RVW9002.htm"
	want := []facts{
		{Kind: "post", ExpFacts: ExpFacts{ID: askedat.IDForURL(r1), URL: r1, Source: "glassdoor", Extractor: "glassdoor",
			Title: "Data Analyst Interview at Globex", Company: "Globex", Role: "Data Analyst", RoleRaw: "Data Analyst Interview",
			Status: "Declined", StatusRaw: "Declined Offer", Sentiment: "Positive", Difficulty: "Medium", DifficultyRaw: "Average Interview",
			Date: "2022-01-09", Location: "Leeds", SummarySHA256: sha("A recruiter found me."), BodySHA256: sha("Two video calls and a SQL exercise."),
			QuestionCount: 1, Questions: []questionFacts{{Ordinal: 1, Title: "Write a query for the second highest salary.", URL: "https://www.glassdoor.co.uk/Interview/q-QTN_77.htm"}}}},
		{Kind: "post", ExpFacts: ExpFacts{ID: askedat.IDForURL(r2), URL: r2, Source: "glassdoor", Extractor: "glassdoor",
			Title: "Data Analyst Interview at Globex", Company: "Globex", Role: "Data Analyst", RoleRaw: "Data Analyst Interview",
			Status: "Rejected", StatusRaw: "No Offer", Date: "2022-01-02", BodySHA256: sha("A single panel.")}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Page experiences (-want +got):\n%s", diff)
	}
}

func TestGenericPage(t *testing.T) {
	e := onePost(t, "https://devnotes.example.org/posts/stripe-backend-interview/", readPage(t, "blog-interview-experience.html"), "generic")
	checkFields(t, []field{
		{"source", e.Source, "devnotes.example.org"},
		{"extractor", e.Extractor, "generic"},
		{"title", e.Title, "My Stripe Backend Engineer Interview Experience (2022)"},
		{"company", e.Company, "Stripe"},
		{"date", e.Date, "2022-06-14"},
		{"role", e.Role, "Back-End Developer"},
	})
	want := []q{
		{"Implement an LRU cache with get and put in constant time.", "Phone screen", ""},
		{"How would you make it safe for concurrent use?", "Phone screen", ""},
		{"Parse a log file and report the top ten endpoints by p99 latency.", "Onsite round 1: Coding", ""},
		{"Given a list of payments, find pairs that refund each other.", "Onsite round 1: Coding", ""},
		{"Design an idempotent payments API.", "Onsite round 2: System design", ""},
	}
	if diff := cmp.Diff(want, questionsOf(e)); diff != "" {
		t.Errorf("questions (-want +got):\n%s", diff)
	}
}

// TestGenericNotExperience checks that pages which only mention interviews
// or list questions without any round are not experiences.
func TestGenericNotExperience(t *testing.T) {
	for _, name := range []string{"blog-not-interview.html", "blog-question-bank.html"} {
		t.Run(name, func(t *testing.T) {
			res, err := Page(mustURL(t, "https://devnotes.example.org/"+name), readPage(t, name))
			if err != nil {
				t.Fatalf("Page error: %v", err)
			}
			if res.Kind != Other || len(res.Experiences) != 0 {
				t.Errorf("Page = %v with %d experiences, want other", res.Kind, len(res.Experiences))
			}
		})
	}
}

// TestGenericDiscussTitle reads a forum post titled the way candidates
// title them ("Company | Level | Place | Onsite [Offer]").
func TestGenericDiscussTitle(t *testing.T) {
	const page = `<html><head><title>Initech | L4 | Zurich | Onsite [Offer] - Forum</title>
<meta property="og:site_name" content="Forum"><meta property="article:published_time" content="2024-09-30T12:00:00Z"></head>
<body><main><h1>Initech | L4 | Zurich | Onsite [Offer]</h1>
<h3>Phone screen</h3><p>1. Merge overlapping intervals.</p>
<h3>Onsite round 2</h3><p>1. Design a URL shortener.</p><p>2. Tell me about a conflict with your manager.</p>
</main></body></html>`
	res, err := Page(mustURL(t, "https://forum.example.com/t/12345"), []byte(page))
	if err != nil {
		t.Fatalf("Page error: %v", err)
	}
	if res.Kind != Post || len(res.Experiences) != 1 {
		t.Fatalf("Page = %v with %d experiences, want one post", res.Kind, len(res.Experiences))
	}
	e := res.Experiences[0]
	checkFields(t, []field{
		{"title", e.Title, "Initech | L4 | Zurich | Onsite [Offer]"},
		{"company", e.Company, "Initech"},
		{"source", e.Source, "forum.example.com"},
		{"date", e.Date, "2024-09-30"},
		{"extractor", e.Extractor, "generic"},
	})
	want := []q{
		{"Merge overlapping intervals.", "Phone screen", ""},
		{"Design a URL shortener.", "Onsite round 2", ""},
		{"Tell me about a conflict with your manager.", "Onsite round 2", ""},
	}
	if diff := cmp.Diff(want, questionsOf(e)); diff != "" {
		t.Errorf("questions (-want +got):\n%s", diff)
	}
}
