package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStoredDictFrozen fails when the dictionary of packing 1 changes: the
// indexes packed with it could no longer be read. A new dictionary is a
// new file under a new packing byte.
func TestStoredDictFrozen(t *testing.T) {
	sum := sha256.Sum256(storedDict1)
	got, want := hex.EncodeToString(sum[:]), "3f44b7ef581fa53078172b30289e5aeb17fbd07d19d11a899d84726465d8cd73"
	if got != want {
		t.Errorf("sha256(data/stored-dict-1.txt) = %s, want %s: the dictionary of stored text is frozen", got, want)
	}
}

func TestPackTextRoundTrip(t *testing.T) {
	long := strings.Repeat("Given an array of integers, return the indices of the two numbers that add up to the target. ", 40)
	for _, tt := range []struct {
		name, text string
		packed     bool // smaller than the text
	}{
		{"empty", "", false},
		{"a word", "Hi", false},
		{"a sentence", "Reverse a linked list in place and return the new head.", false},
		{"long", long, true},
		{"starts with the packing bytes", "\x00\x01\x02 binary", false},
		{"not UTF-8", "caf\xe9 \xff\xfe", false},
		{"at the field limit", capText(strings.Repeat("word ", MaxFieldBytes)), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := packText(tt.text)
			got, err := unpackText([]byte(p))
			if err != nil {
				t.Fatalf("unpackText(packText(%.20q)): %v", tt.text, err)
			}
			if got != tt.text {
				t.Errorf("unpackText(packText(%.20q)) = %.20q", tt.text, got)
			}
			if tt.packed && len(p) >= len(tt.text) {
				t.Errorf("packText(%.20q) is %d bytes for %d: want fewer", tt.text, len(p), len(tt.text))
			}
			if len(p) > len(tt.text)+1 {
				t.Errorf("packText(%.20q) is %d bytes for %d: want at most one more", tt.text, len(p), len(tt.text))
			}
		})
	}
}

func TestUnpackTextRefusesBadBytes(t *testing.T) {
	for _, b := range []string{"\x01not zstd", "\x07what", string(packText(strings.Repeat("abc ", 100))[:20])} {
		if got, err := unpackText([]byte(b)); err == nil {
			t.Errorf("unpackText(%q) = %.20q, nil; want an error", b, got)
		}
	}
}

// TestExperienceStoredOnce checks that an experience comes back whole
// although its questions' bodies are stored in their own documents only:
// bodies short and long, empty, one past MaxFieldBytes (which its
// document cuts, so _source keeps it), on an index on disk reopened.
func TestExperienceStoredOnce(t *testing.T) {
	huge := strings.Repeat("a long body of many words ", MaxFieldBytes/20)
	e := Experience{
		ID: "e1", URL: "https://example.com/e1", Title: "Amazon SDE-1 interview", Company: "Amazon", Role: "Software Engineer",
		Date: "2024-03-01", Summary: "Three rounds.", Body: "The first round was online.\n\nThen two interviews.",
		Questions: []Question{
			{Ordinal: 1, Title: "Two Sum", Body: "Given an array and a target, return two indices that add up to it.", Category: "Data Structures & Algorithms"},
			{Ordinal: 2, Title: "Tell me about yourself", Category: "Behavioral"},
			{Ordinal: 3, Title: "Explain this huge thing", Body: huge, Category: "Other"},
		},
	}
	Normalize(&e)
	idx := buildTestIndex(t, []Experience{e})
	ctx := context.Background()
	got, err := idx.Experience(ctx, "e1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&e, got); diff != "" {
		t.Errorf("Experience(e1) (-want +got):\n%s", diff)
	}

	// Stored once: _source holds no body its question's document keeps.
	doc, err := idx.bi.Document("e1")
	if err != nil {
		t.Fatal(err)
	}
	src, err := experienceOf(doc, "e1")
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range src.Questions {
		if want := map[int]string{3: e.Questions[2].Body}[q.Ordinal]; q.Body != want {
			t.Errorf("_source question %d body is %d bytes, want %d (the body's own document keeps it)", q.Ordinal, len(q.Body), len(want))
		}
		if q.Title != e.Questions[i].Title {
			t.Errorf("_source question %d title %q, want %q (an experience hit shows it)", q.Ordinal, q.Title, e.Questions[i].Title)
		}
	}

	// Hits show the stored text: a question's body, an experience's text.
	for _, tt := range []struct {
		typ, query, wantTitle, wantSnippet string
	}{
		{TypeQuestion, "indices", "Two Sum", "return two"},
		{TypeExperience, "online", "Amazon SDE-1 interview", "first round"},
	} {
		res, err := idx.Search(ctx, Request{Type: tt.typ, Query: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 {
			t.Fatalf("Search(%s, %q): %d hits, want 1", tt.typ, tt.query, len(res.Hits))
		}
		h := res.Hits[0]
		if h.Title != tt.wantTitle || !strings.Contains(h.Snippet, tt.wantSnippet) {
			t.Errorf("Search(%s, %q) hit: title %q, snippet %q; want %q and a snippet with %q", tt.typ, tt.query, h.Title, h.Snippet, tt.wantTitle, tt.wantSnippet)
		}
	}
}

// BenchmarkUnpackText is the cost a hit pays for its stored body: a body
// of about a kilobyte (go test -bench UnpackText ./index).
func BenchmarkUnpackText(b *testing.B) {
	p := []byte(packText(strings.Repeat("Find the length of the longest substring without repeating characters, then code it. ", 12)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := unpackText(p); err != nil {
			b.Fatal(err)
		}
	}
}
