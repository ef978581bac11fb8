package main

import (
	"github.com/askedat/askedat"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// pageParams are the parameters of the search page at query (a URL's query
// string) as handleSearchPage gives them to the view builders when the
// index read them as written: the page's request, with defaults.
func pageParams(t *testing.T, query string) searchParams {
	t.Helper()
	v, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseSearchParams(v, false)
	if err != nil {
		t.Fatalf("parseSearchParams(%q): %v", query, err)
	}
	p.Req = p.pageRequest()
	return p.withPageDefaults()
}

func TestAsRead(t *testing.T) {
	tests := []struct {
		name        string
		query       string
		res         *askedat.Result
		wantFilters map[string][]string
		wantSource  string
	}{
		{"the index's spellings replace the URL's", "company=amazon&difficulty=hard&difficulty_source=Stated",
			&askedat.Result{Filters: map[string][]string{"company": {"Amazon"}, "difficulty": {"Hard"}}, DifficultySource: "stated"},
			map[string][]string{"company": {"Amazon"}, "difficulty": {"Hard"}}, "stated"},
		{"no filters read keeps the URL's", "company=Amazon",
			&askedat.Result{}, map[string][]string{"company": {"Amazon"}}, ""},
		{"a source read as none", "difficulty_source=any",
			&askedat.Result{Filters: map[string][]string{}}, map[string][]string{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pageParams(t, tt.query).asRead(tt.res)
			if diff := cmp.Diff(tt.wantFilters, got.Req.Filters); diff != "" {
				t.Errorf("asRead(%q).Req.Filters mismatch (-want +got):\n%s", tt.query, diff)
			}
			if got.Req.DifficultySource != tt.wantSource {
				t.Errorf("asRead(%q).Req.DifficultySource = %q, want %q", tt.query, got.Req.DifficultySource, tt.wantSource)
			}
		})
	}
	// The result is shared by the cache: the page's filters are a copy.
	res := &askedat.Result{Filters: map[string][]string{"company": {"Amazon"}}}
	p := pageParams(t, "company=amazon").asRead(res)
	p.Req.Filters["company"][0] = "changed"
	if res.Filters["company"][0] != "Amazon" {
		t.Errorf("asRead shares the result's filters: changing the page's changed the result's to %q", res.Filters["company"][0])
	}
}

func TestWithPageDefaults(t *testing.T) {
	tests := []struct {
		req              askedat.Request
		wantType, wantBy string
	}{
		{askedat.Request{}, askedat.TypeQuestion, "date"},
		{askedat.Request{Query: "cache"}, askedat.TypeQuestion, "relevance"},
		{askedat.Request{Query: "cache", Type: askedat.TypeExperience, Sort: "date"}, askedat.TypeExperience, "date"},
		{askedat.Request{Sort: "asked"}, askedat.TypeQuestion, "asked"},
	}
	for _, tt := range tests {
		got := searchParams{Req: tt.req}.withPageDefaults()
		if got.Req.Type != tt.wantType || got.Req.Sort != tt.wantBy {
			t.Errorf("withPageDefaults(%+v) = type %q, sort %q; want %q, %q", tt.req, got.Req.Type, got.Req.Sort, tt.wantType, tt.wantBy)
		}
	}
}

func TestCountLineOf(t *testing.T) {
	hits := func(n int) []askedat.Hit { return make([]askedat.Hit, n) }
	tests := []struct {
		name   string
		query  string
		res    *askedat.Result
		failed bool
		want   countLine
	}{
		{"one per question", "q=cache", &askedat.Result{Total: 12, Groups: 7, Took: 450 * time.Microsecond, Hits: hits(7)}, false,
			countLine{Type: "question", Noun: "question", Total: 12, Collapsed: true, Groups: 7, Took: "0.45 ms", From: 1, To: 7}},
		{"every post, page 2", "q=cache&collapse=0&page=2", &askedat.Result{Total: 12, Took: 12300 * time.Microsecond, Hits: hits(2)}, false,
			countLine{Type: "question", Noun: "question", Total: 12, Took: "12.3 ms", From: 11, To: 12}},
		{"experiences", "type=experience", &askedat.Result{Total: 3, Took: 140 * time.Millisecond, Hits: hits(3)}, false,
			countLine{Type: "experience", Noun: "experience", Total: 3, Took: "140 ms", From: 1, To: 3}},
		{"no hits", "q=nothing", &askedat.Result{}, false,
			countLine{Type: "question", Noun: "question", Collapsed: true, Took: "0.00 ms"}},
		{"a refused search is not collapsed", "q=cache", &askedat.Result{}, true,
			countLine{Type: "question", Noun: "question", Took: "0.00 ms"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := countLineOf(pageParams(t, tt.query), tt.res, tt.failed)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("countLineOf(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestIntroOf(t *testing.T) {
	var wantExamples []option
	for _, q := range examples {
		wantExamples = append(wantExamples, option{Label: q, Link: "/search?q=" + url.QueryEscape(q)})
	}
	tests := []struct {
		query     string
		failed    bool
		wantIntro bool
	}{
		{"", false, true},
		{"sort=asked&collapse=0&size=20", false, true}, // how it is shown is no search
		{"", true, false},
		{"q=cache", false, false},
		{"company=Amazon", false, false},
		{"difficulty_source=stated", false, false},
		{"cluster=two-sum", false, false},
		{"page=2", false, false},
		{"type=experience", false, false},
	}
	for _, tt := range tests {
		gotIntro, gotExamples := introOf(pageParams(t, tt.query), tt.failed)
		var want []option
		if tt.wantIntro {
			want = wantExamples
		}
		if gotIntro != tt.wantIntro {
			t.Errorf("introOf(%q, failed %v) = %v, want %v", tt.query, tt.failed, gotIntro, tt.wantIntro)
		}
		if diff := cmp.Diff(want, gotExamples); diff != "" {
			t.Errorf("introOf(%q, failed %v) examples mismatch (-want +got):\n%s", tt.query, tt.failed, diff)
		}
	}
	if wantExamples[1].Link != "/search?q=%22system+design%22" {
		t.Errorf("example link = %q, want the query escaped", wantExamples[1].Link)
	}
}

func TestDidYouMean(t *testing.T) {
	tests := []struct {
		query, suggestion  string
		wantText, wantLink string
	}{
		{"q=recursoin", "", "", ""},
		{"q=recursoin", "recursion", "recursion", "/search?q=recursion"},
		// The filters, source and view stay; the page starts again.
		{"q=recursoin&company=Amazon&difficulty_source=stated&type=experience&sort=date&page=3", "recursion",
			"recursion", "/search?q=recursion&company=Amazon&difficulty_source=stated&type=experience&sort=date"},
	}
	for _, tt := range tests {
		gotText, gotLink := didYouMean(pageParams(t, tt.query), tt.suggestion)
		if gotText != tt.wantText || gotLink != tt.wantLink {
			t.Errorf("didYouMean(%q, %q) = %q, %q; want %q, %q", tt.query, tt.suggestion, gotText, gotLink, tt.wantText, tt.wantLink)
		}
	}
}

func TestRelaxedOf(t *testing.T) {
	tests := []struct {
		name      string
		res       *askedat.Result
		wantWords []string
		wantOnly  bool
	}{
		{"nothing relaxed", &askedat.Result{Hits: []askedat.Hit{{}}}, nil, false},
		{"below those with every word", &askedat.Result{Relaxed: []string{"quokka"}, Hits: []askedat.Hit{{}, {Tier: 1}}}, []string{"quokka"}, false},
		{"no hit has every word", &askedat.Result{Relaxed: []string{"zebra", "quokka"}, Hits: []askedat.Hit{{Tier: 1}, {Tier: 2}}}, []string{"zebra", "quokka"}, true},
		{"no hits", &askedat.Result{Relaxed: []string{"quokka"}}, []string{"quokka"}, false},
	}
	for _, tt := range tests {
		gotWords, gotOnly := relaxedOf(tt.res)
		if diff := cmp.Diff(tt.wantWords, gotWords); diff != "" || gotOnly != tt.wantOnly {
			t.Errorf("relaxedOf(%s) = %q, %v; want %q, %v", tt.name, gotWords, gotOnly, tt.wantWords, tt.wantOnly)
		}
	}
}

func TestHitViews(t *testing.T) {
	question := askedat.Hit{
		ID: "e1-1", Type: askedat.TypeQuestion, ExperienceID: "e 1", Ordinal: 2, Company: "Goldman Sachs", URL: " https://example.test/e1 ",
		Cluster: "lru-cache", AskedAt: 3, Collapsed: 4, DifficultySource: askedat.DifficultyInferred,
		Highlights: map[string][]string{"title": {"Design an <mark>LRU</mark> cache", "second"}},
	}
	tests := []struct {
		name  string
		query string
		hits  []askedat.Hit
		want  []hitView
	}{
		{"no hits", "q=cache", nil, nil},
		{"a question standing for several", "q=cache&difficulty=Hard&page=2", []askedat.Hit{question}, []hitView{{
			Hit: question, TitleHTML: "Design an <mark>LRU</mark> cache", PostLink: "/experiences/e%201#q-2",
			CompanyLink: "/search?company=Goldman+Sachs", SourceLink: "https://example.test/e1",
			ClusterLink: "/search?cluster=lru-cache", TimesLink: "/search?q=cache&difficulty=Hard&cluster=lru-cache",
			DifficultyNote: inferredNote,
		}}},
		// Inside its own cluster: no link to it again.
		{"inside its cluster", "cluster=lru-cache", []askedat.Hit{{Type: askedat.TypeQuestion, ExperienceID: "e1", Ordinal: 1, Cluster: "lru-cache", AskedAt: 3, Collapsed: 1}},
			[]hitView{{Hit: askedat.Hit{Type: askedat.TypeQuestion, ExperienceID: "e1", Ordinal: 1, Cluster: "lru-cache", AskedAt: 3, Collapsed: 1}, PostLink: "/experiences/e1#q-1"}}},
		// A post: no question anchor; an untrusted URL is no link; asked
		// once is no cluster link.
		{"an experience", "type=experience", []askedat.Hit{{Type: askedat.TypeExperience, ExperienceID: "e2", URL: "javascript:alert(1)", Cluster: "c", AskedAt: 1}},
			[]hitView{{Hit: askedat.Hit{Type: askedat.TypeExperience, ExperienceID: "e2", URL: "javascript:alert(1)", Cluster: "c", AskedAt: 1}, PostLink: "/experiences/e2"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hitViews(pageParams(t, tt.query), tt.hits)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("hitViews(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestFacetValues(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		field   string
		counted []askedat.FacetValue
		want    []facetValueView
	}{
		{"none", "q=cache", "company", nil, nil},
		{"tick and untick", "q=cache&company=Amazon&page=2", "company", []askedat.FacetValue{{Value: "Amazon", Count: 5}, {Value: "Google", Count: 3}}, []facetValueView{
			{Value: "Amazon", Count: 5, Selected: true, Link: "/search?q=cache"},
			{Value: "Google", Count: 3, Link: "/search?q=cache&company=Amazon&company=Google"},
		}},
		// A ticked value the facet does not count is listed after, with 0.
		{"ticked, not counted", "company=Nowhere&company=Amazon", "company", []askedat.FacetValue{{Value: "Amazon", Count: 5}}, []facetValueView{
			{Value: "Amazon", Count: 5, Selected: true, Link: "/search?company=Nowhere"},
			{Value: "Nowhere", Count: 0, Selected: true, Link: "/search?company=Amazon"},
		}},
		{"inferred counts", "q=okapi", "difficulty", []askedat.FacetValue{{Value: "Medium", Count: 2, Inferred: 1}, {Value: "Hard", Count: 1}}, []facetValueView{
			{Value: "Medium", Count: 2, Link: "/search?q=okapi&difficulty=Medium", Inferred: 1, InferredNote: inferredCountNote(1, 2)},
			{Value: "Hard", Count: 1, Link: "/search?q=okapi&difficulty=Hard"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := facetValues(pageParams(t, tt.query), tt.field, tt.counted)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("facetValues(%q, %s) mismatch (-want +got):\n%s", tt.query, tt.field, diff)
			}
		})
	}
	if got, want := inferredCountNote(1, 2), "1 of these 2 have no difficulty in their post: it is inferred from how the same problem is rated elsewhere"; got != want {
		t.Errorf("inferredCountNote(1, 2) = %q, want %q", got, want)
	}
}

func TestFoldFacet(t *testing.T) {
	values := func(names string, selected string) []facetValueView {
		var out []facetValueView
		for _, n := range strings.Fields(names) {
			out = append(out, facetValueView{Value: n, Selected: strings.Contains(" "+selected+" ", " "+n+" ")})
		}
		return out
	}
	tests := []struct {
		name                string
		in                  []facetValueView
		wantShown, wantMore []facetValueView
	}{
		{"none", nil, nil, nil},
		{"ten", values("a b c d e f g h i j", ""), values("a b c d e f g h i j", ""), nil},
		{"twelve", values("a b c d e f g h i j k l", ""), values("a b c d e f g h i j", ""), values("k l", "")},
		// A ticked value is never folded.
		{"twelve, the last ticked", values("a b c d e f g h i j k l", "l"), values("a b c d e f g h i j l", "l"), values("k", "")},
	}
	for _, tt := range tests {
		gotShown, gotMore := foldFacet(tt.in)
		if diff := cmp.Diff(tt.wantShown, gotShown); diff != "" {
			t.Errorf("foldFacet(%s) shown mismatch (-want +got):\n%s", tt.name, diff)
		}
		if diff := cmp.Diff(tt.wantMore, gotMore); diff != "" {
			t.Errorf("foldFacet(%s) more mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestSourceToggle(t *testing.T) {
	inferred := []askedat.FacetValue{{Value: "Medium", Count: 2, Inferred: 1}}
	stated := []askedat.FacetValue{{Value: "Medium", Count: 2}}
	tests := []struct {
		name    string
		query   string
		counted []askedat.FacetValue
		want    *option
	}{
		{"every difficulty stated", "q=okapi", stated, nil},
		{"none counted", "q=okapi", nil, nil},
		{"some inferred: offer it", "q=okapi&difficulty=Medium&page=2", inferred,
			&option{Label: sourceLabel, Link: "/search?q=okapi&difficulty=Medium&difficulty_source=stated", Title: sourceTitle}},
		{"chosen: ticked, its link removes it", "q=okapi&difficulty_source=stated", stated,
			&option{Label: sourceLabel, Link: "/search?q=okapi", Selected: true, Title: sourceTitle}},
		// Another source chosen: shown, not ticked, and it asks for stated.
		{"inferred chosen", "q=okapi&difficulty_source=inferred", stated,
			&option{Label: sourceLabel, Link: "/search?q=okapi&difficulty_source=stated", Title: sourceTitle}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sourceToggle(pageParams(t, tt.query), tt.counted)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("sourceToggle(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestFacetViews(t *testing.T) {
	res := &askedat.Result{
		Facets: map[string][]askedat.FacetValue{
			"company":    {{Value: "Amazon", Count: 2}},
			"difficulty": {{Value: "Medium", Count: 2, Inferred: 1}},
		},
		FacetOther: map[string]int{"company": 4},
	}
	got := facetViews(pageParams(t, "q=x"), res)
	want := []facetView{
		{Field: "company", Label: "Company", Values: []facetValueView{{Value: "Amazon", Count: 2, Link: "/search?q=x&company=Amazon"}}, Other: 4},
		{Field: "role", Label: "Role"},
		{Field: "category", Label: "Category"},
		{Field: "difficulty", Label: "Difficulty",
			Values: []facetValueView{{Value: "Medium", Count: 2, Link: "/search?q=x&difficulty=Medium", Inferred: 1, InferredNote: inferredCountNote(1, 2)}},
			Source: &option{Label: sourceLabel, Link: "/search?q=x&difficulty_source=stated", Title: sourceTitle}},
		{Field: "status", Label: "Outcome"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facetViews mismatch (-want +got):\n%s", diff)
	}
	// Twelve companies: ten shown, two folded, the rest counted apart.
	res = &askedat.Result{Facets: map[string][]askedat.FacetValue{}}
	for _, c := range strings.Fields("a b c d e f g h i j k l") {
		res.Facets["company"] = append(res.Facets["company"], askedat.FacetValue{Value: c, Count: 1})
	}
	company := facetViews(pageParams(t, ""), res)[0]
	if len(company.Values) != pageFacetShown || len(company.More) != 2 || company.More[0].Value != "k" {
		t.Errorf("facetViews of 12 companies: %d shown, more %+v; want 10 shown, k and l folded", len(company.Values), company.More)
	}
}

func TestActiveFilters(t *testing.T) {
	clusterHit := &askedat.Result{Hits: []askedat.Hit{{ClusterTitle: "Design an LRU cache"}}}
	tests := []struct {
		name  string
		query string
		res   *askedat.Result
		want  []activeFilter
	}{
		{"none", "q=cache&sort=date", &askedat.Result{}, nil},
		// In facet order, whatever the URL's; each removes itself only.
		{"filters", "q=cache&difficulty=Hard&company=Amazon&company=Google&page=3", &askedat.Result{}, []activeFilter{
			{Field: "company", Label: "Company", Value: "Amazon", Remove: "/search?q=cache&company=Google&difficulty=Hard"},
			{Field: "company", Label: "Company", Value: "Google", Remove: "/search?q=cache&company=Amazon&difficulty=Hard"},
			{Field: "difficulty", Label: "Difficulty", Value: "Hard", Remove: "/search?q=cache&company=Amazon&company=Google"},
		}},
		{"the difficulty source", "difficulty=Medium&difficulty_source=stated", &askedat.Result{}, []activeFilter{
			{Field: "difficulty", Label: "Difficulty", Value: "Medium", Remove: "/search?difficulty_source=stated"},
			{Field: "difficulty_source", Label: "Difficulties", Value: "only stated", Remove: "/search?difficulty=Medium"},
		}},
		{"inferred only", "difficulty_source=inferred", &askedat.Result{}, []activeFilter{
			{Field: "difficulty_source", Label: "Difficulties", Value: "only inferred", Remove: "/search"},
		}},
		{"a cluster, named by its hits", "q=cache&cluster=lru-1a2b", clusterHit, []activeFilter{
			{Field: "cluster", Label: "Same question as", Value: "Design an LRU cache", Remove: "/search?q=cache"},
		}},
		{"a cluster without hits, by its id", "cluster=lru-1a2b&collapse=0", &askedat.Result{}, []activeFilter{
			{Field: "cluster", Label: "Same question as", Value: "lru-1a2b", Remove: "/search?collapse=0"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := activeFilters(pageParams(t, tt.query), tt.res)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("activeFilters(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestClearAllLink(t *testing.T) {
	tests := []struct{ query, want string }{
		{"company=Amazon", "/search"},
		// The query and how it is shown stay.
		{"q=cache&company=Amazon&difficulty=Hard&difficulty_source=stated&cluster=c1&type=experience&collapse=0&sort=date&size=20&page=4",
			"/search?q=cache&type=experience&collapse=0&sort=date&size=20"},
	}
	for _, tt := range tests {
		if got := clearAllLink(pageParams(t, tt.query)); got != tt.want {
			t.Errorf("clearAllLink(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestClusterNoticeOf(t *testing.T) {
	hit := func(title string, askedAt int) *askedat.Result {
		return &askedat.Result{Hits: []askedat.Hit{{ClusterTitle: title, AskedAt: askedAt}, {ClusterTitle: "not this"}}}
	}
	tests := []struct {
		query string
		res   *askedat.Result
		want  clusterNotice
	}{
		{"q=cache", hit("Design a cache", 3), clusterNotice{}},
		{"cluster=c1", &askedat.Result{}, clusterNotice{}},
		{"cluster=c1", hit("", 3), clusterNotice{}},
		{"cluster=c1", hit("Design a cache", 3), clusterNotice{ClusterTitle: "Design a cache", AskedAt: 3}},
		{"cluster=c1", hit("Design a cache", 0), clusterNotice{ClusterTitle: "Design a cache", AskedAt: 1}},
		{"cluster=c1&q=lru", hit("Design a cache", 3), clusterNotice{ClusterTitle: "Design a cache", AskedAt: 3, ClusterNarrowed: true}},
		{"cluster=c1&company=Amazon", hit("Design a cache", 3), clusterNotice{ClusterTitle: "Design a cache", AskedAt: 3, ClusterNarrowed: true}},
		// How the times are shown narrows nothing.
		{"cluster=c1&sort=date&collapse=0", hit("Design a cache", 3), clusterNotice{ClusterTitle: "Design a cache", AskedAt: 3}},
	}
	for _, tt := range tests {
		if got := clusterNoticeOf(pageParams(t, tt.query), tt.res); got != tt.want {
			t.Errorf("clusterNoticeOf(%q) = %+v, want %+v", tt.query, got, tt.want)
		}
	}
}

func TestHiddenParams(t *testing.T) {
	tests := []struct {
		query, explicitSort string
		want                []param
	}{
		{"q=cache", "", nil},
		// A sort the URL does not give (the default) is left to the new query.
		{"q=cache&page=3&size=20", "", nil},
		{"q=cache&status=Offer&company=Amazon&difficulty_source=stated&cluster=c1&type=experience&collapse=0&sort=date", "date", []param{
			{"company", "Amazon"}, {"status", "Offer"}, {"difficulty_source", "stated"}, {"cluster", "c1"},
			{"type", "experience"}, {"collapse", "0"}, {"sort", "date"},
		}},
		{"sort=relevance", "relevance", []param{{"sort", "relevance"}}},
	}
	for _, tt := range tests {
		got := hiddenParams(pageParams(t, tt.query), tt.explicitSort)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("hiddenParams(%q, %q) mismatch (-want +got):\n%s", tt.query, tt.explicitSort, diff)
		}
	}
}

func TestSortOptions(t *testing.T) {
	tests := []struct {
		query string
		want  []option
	}{
		{"q=cache&page=2", []option{
			{Label: "Relevance", Link: "/search?q=cache", Selected: true},
			{Label: "Newest", Link: "/search?q=cache&sort=date"},
			{Label: "Oldest", Link: "/search?q=cache&sort=date_asc"},
			{Label: "Most asked", Link: "/search?q=cache&sort=asked"},
		}},
		{"company=Amazon", []option{
			{Label: "Relevance", Link: "/search?company=Amazon&sort=relevance"},
			{Label: "Newest", Link: "/search?company=Amazon", Selected: true},
			{Label: "Oldest", Link: "/search?company=Amazon&sort=date_asc"},
			{Label: "Most asked", Link: "/search?company=Amazon&sort=asked"},
		}},
		// Experiences are not asked: no such sort.
		{"type=experience&q=cache&sort=date", []option{
			{Label: "Relevance", Link: "/search?q=cache&type=experience"},
			{Label: "Newest", Link: "/search?q=cache&type=experience&sort=date", Selected: true},
			{Label: "Oldest", Link: "/search?q=cache&type=experience&sort=date_asc"},
		}},
		{"sort=date_asc&date_from=2023-01-01", []option{
			{Label: "Relevance", Link: "/search?date_from=2023-01-01&sort=relevance"},
			{Label: "Newest", Link: "/search?date_from=2023-01-01"},
			{Label: "Oldest", Link: "/search?date_from=2023-01-01&sort=date_asc", Selected: true},
			{Label: "Most asked", Link: "/search?date_from=2023-01-01&sort=asked"},
		}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, sortOptions(pageParams(t, tt.query))); diff != "" {
			t.Errorf("sortOptions(%q) mismatch (-want +got):\n%s", tt.query, diff)
		}
	}
}

func TestTypeOptions(t *testing.T) {
	tests := []struct {
		query string
		want  []option
	}{
		{"q=cache&collapse=0&page=2", []option{
			{Label: "Questions", Link: "/search?q=cache&collapse=0", Selected: true},
			{Label: "Experiences", Link: "/search?q=cache&type=experience&collapse=0"},
		}},
		// "Most asked" does not go along to the experiences.
		{"q=cache&sort=asked", []option{
			{Label: "Questions", Link: "/search?q=cache&sort=asked", Selected: true},
			{Label: "Experiences", Link: "/search?q=cache&type=experience"},
		}},
		{"type=experience&sort=date", []option{
			{Label: "Questions", Link: "/search"},
			{Label: "Experiences", Link: "/search?type=experience", Selected: true},
		}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, typeOptions(pageParams(t, tt.query))); diff != "" {
			t.Errorf("typeOptions(%q) mismatch (-want +got):\n%s", tt.query, diff)
		}
	}
}

func TestCollapseOptions(t *testing.T) {
	tests := []struct {
		query string
		want  []option
	}{
		{"q=design&page=2", []option{
			{Label: "One per question", Link: "/search?q=design", Selected: true},
			{Label: "Every post", Link: "/search?q=design&collapse=0"},
		}},
		{"q=design&collapse=0", []option{
			{Label: "One per question", Link: "/search?q=design"},
			{Label: "Every post", Link: "/search?q=design&collapse=0", Selected: true},
		}},
		{"type=experience", nil},
		{"cluster=c1", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, collapseOptions(pageParams(t, tt.query))); diff != "" {
			t.Errorf("collapseOptions(%q) mismatch (-want +got):\n%s", tt.query, diff)
		}
	}
}

func TestPagerOf(t *testing.T) {
	tests := []struct {
		name  string
		query string
		res   *askedat.Result
		want  pager
	}{
		{"nothing found", "q=x", &askedat.Result{}, pager{Page: 1, Pages: 1}},
		{"one page", "q=x&collapse=0", &askedat.Result{Total: 10}, pager{Page: 1, Pages: 1}},
		{"first of two", "q=x&collapse=0", &askedat.Result{Total: 11}, pager{Page: 1, Pages: 2, Next: "/search?q=x&collapse=0&page=2"}},
		// One per question: the pages run over the groups.
		{"groups", "q=x&sort=date&page=2", &askedat.Result{Total: 95, Groups: 25}, pager{Page: 2, Pages: 3,
			Prev: "/search?q=x&sort=date", Next: "/search?q=x&sort=date&page=3"}},
		{"last", "q=x&difficulty=Hard&size=20&page=3&collapse=0", &askedat.Result{Total: 41}, pager{Page: 3, Pages: 3,
			Prev: "/search?q=x&difficulty=Hard&collapse=0&size=20&page=2"}},
		// Results beyond askedat.MaxWindow cannot be paged to.
		{"deep", "type=experience&page=1000", &askedat.Result{Total: 50000}, pager{Page: 1000, Pages: 1000,
			Prev: "/search?type=experience&page=999"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pagerOf(pageParams(t, tt.query), tt.res); got != tt.want {
				t.Errorf("pagerOf(%q) = %+v, want %+v", tt.query, got, tt.want)
			}
		})
	}
}

// TestNewSearchPage checks how the pieces are put together: which builder
// fills which part, "Clear all" only with chips, and a refused search.
func TestNewSearchPage(t *testing.T) {
	ignoreParts := cmpopts.IgnoreFields(searchPage{}, "Facets", "Dates", "Sorts", "Types", "Collapse", "Hits")
	p := pageParams(t, "q=recursoin&company=Amazon&sort=date")
	res := &askedat.Result{Total: 0, Suggestion: "recursion", Facets: map[string][]askedat.FacetValue{}}
	got := newSearchPage(p, res, "", "date")
	want := searchPage{
		Query:          "recursoin",
		countLine:      countLineOf(p, res, false),
		Active:         activeFilters(p, res),
		ClearAll:       "/search?q=recursoin&sort=date",
		pager:          pager{Page: 1, Pages: 1},
		Hidden:         []param{{"company", "Amazon"}, {"sort", "date"}},
		Suggestion:     "recursion",
		SuggestionLink: "/search?q=recursion&company=Amazon&sort=date",
	}
	if diff := cmp.Diff(want, got, ignoreParts, cmp.AllowUnexported(searchPage{})); diff != "" {
		t.Errorf("newSearchPage(zero results with a filter) mismatch (-want +got):\n%s", diff)
	}
	for _, part := range []struct {
		name      string
		got, want any
	}{
		{"Facets", got.Facets, facetViews(p, res)},
		{"Dates", got.Dates, dateRangeOf(p)},
		{"Sorts", got.Sorts, sortOptions(p)},
		{"Types", got.Types, typeOptions(p)},
		{"Collapse", got.Collapse, collapseOptions(p)},
		{"Hits", got.Hits, hitViews(p, res.Hits)},
	} {
		if diff := cmp.Diff(part.want, part.got); diff != "" {
			t.Errorf("newSearchPage(…).%s mismatch (-want +got):\n%s", part.name, diff)
		}
	}

	// The first visit: the intro, no chips, so no "Clear all".
	p = pageParams(t, "")
	first := newSearchPage(p, &askedat.Result{Total: 300}, "", "")
	if !first.Intro || len(first.Examples) != len(examples) || first.ClearAll != "" || first.Active != nil {
		t.Errorf("newSearchPage(first visit): intro %v, %d examples, clear all %q, chips %v; want the intro, %d examples, no chips", first.Intro, len(first.Examples), first.ClearAll, first.Active, len(examples))
	}
	// Refused: the message, no intro, not collapsed.
	failed := newSearchPage(p, &askedat.Result{Facets: map[string][]askedat.FacetValue{}}, "the quote is not closed", "")
	if failed.Error != "the quote is not closed" || failed.Intro || failed.Collapsed {
		t.Errorf("newSearchPage(refused) = error %q, intro %v, collapsed %v; want the message, no intro, not collapsed", failed.Error, failed.Intro, failed.Collapsed)
	}
}
