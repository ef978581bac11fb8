package state

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
)

func urlsOf(us []URL) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.URL)
	}
	return out
}

func queued(t *testing.T, s *Store) []string {
	t.Helper()
	q, err := s.Queued()
	if err != nil {
		t.Fatal(err)
	}
	return urlsOf(q)
}

func passOf(t *testing.T, s *Store) uint64 {
	t.Helper()
	c, err := s.Count()
	if err != nil {
		t.Fatal(err)
	}
	return c.Pass
}

func docIDs(t *testing.T, s *Store) []string {
	t.Helper()
	var ids []string
	if err := s.Docs(func(d Doc) error {
		ids = append(ids, d.Experience.ID+"@"+d.URL)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return ids
}

func exp(id string) *askedat.Experience { return &askedat.Experience{ID: id, Title: "t " + id} }

func TestPassesAndQueue(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if pending, err := s.Pending(); err != nil || pending {
		t.Fatalf("Pending on a new state = %v, %v; want false", pending, err)
	}
	if err := s.StartPass(); err != nil || passOf(t, s) != 1 {
		t.Fatalf("StartPass on a new state = %v, pass %d; want a first pass", err, passOf(t, s))
	}
	for _, u := range []string{"http://a/1", "http://a/2", "http://a/1", "http://a/3"} {
		s.Enqueue(URL{URL: u, Scope: "a"})
	}
	if diff := cmp.Diff([]string{"http://a/1", "http://a/2", "http://a/3"}, queued(t, s)); diff != "" {
		t.Errorf("queue (-want +got):\n%s", diff)
	}
	// A pass with URLs queued goes on.
	if pending, err := s.Pending(); err != nil || !pending {
		t.Errorf("Pending with URLs queued = %v, %v; want true", pending, err)
	}
	if s.StartPass(); passOf(t, s) != 1 {
		t.Errorf("StartPass with URLs queued started pass %d", passOf(t, s))
	}

	// /1 is a post; /2 leads to /4 and redirected to /2b, a post too; /3 is gone.
	fetched := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	if _, _, err := s.Finish([]Result{{URL: "http://a/1", Status: Done, Fetched: fetched, ETag: `"e1"`, Docs: []*askedat.Experience{exp("x1")}}}, nil); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Finish([]Result{{URL: "http://a/2", Status: Done}, {URL: "http://a/2b", Status: Done, Fetched: fetched, Docs: []*askedat.Experience{exp("x2")}}},
		[]URL{{URL: "http://a/4", Scope: "a"}, {URL: "http://a/1", Scope: "a"}}); err != nil {
		t.Fatal(err)
	}
	s.Retry("http://a/3", 1, fetched.Add(time.Minute), "status 503")
	if u, _, _ := s.Get("http://a/3"); u.Tries != 1 || !u.NextAt.Equal(fetched.Add(time.Minute)) || u.Status != Queued {
		t.Errorf("after Retry: %+v", u)
	}
	s.Finish([]Result{{URL: "http://a/3", Status: Failed, Err: "status 404"}}, nil)
	if diff := cmp.Diff([]string{"http://a/4"}, queued(t, s)); diff != "" {
		t.Errorf("queue after finishing (-want +got):\n%s", diff)
	}
	s.Finish([]Result{{URL: "http://a/4", Status: Skipped, Err: "robots"}}, nil)
	c, _ := s.Count()
	if want := (Counts{Pass: 1, Done: 3, Failed: 1, Skipped: 1, Docs: 2}); c != want {
		t.Errorf("Count = %+v, want %+v", c, want)
	}
	s.Close()

	// Reopened: the state is all there; the pass is over, so a new one
	// queues every URL known, in the order first met, validators kept.
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if pending, err := s.Pending(); err != nil || pending {
		t.Fatalf("Pending after a finished pass = %v, %v; want false", pending, err)
	}
	if err := s.StartPass(); err != nil || passOf(t, s) != 2 {
		t.Fatalf("StartPass after a finished pass = %v, pass %d; want pass 2", err, passOf(t, s))
	}
	if diff := cmp.Diff([]string{"http://a/1", "http://a/2", "http://a/3", "http://a/2b", "http://a/4"}, queued(t, s)); diff != "" {
		t.Errorf("second pass queue (-want +got):\n%s", diff)
	}
	u, _, _ := s.Get("http://a/1")
	if u.ETag != `"e1"` || !u.Fetched.Equal(fetched) || u.Pass != 2 || u.Status != Queued || len(u.Docs) != 1 {
		t.Errorf("http://a/1 in pass 2 = %+v; want queued with its validators and document", u)
	}
	if diff := cmp.Diff([]string{"x1@http://a/1", "x2@http://a/2b"}, docIDs(t, s)); diff != "" {
		t.Errorf("docs (-want +got):\n%s", diff)
	}

	// 304: the document stays. 404: it goes.
	s.Finish([]Result{{URL: "http://a/1", Status: Done, Fetched: fetched, ETag: `"e1"`, KeepDocs: true}}, nil)
	s.Finish([]Result{{URL: "http://a/2b", Status: Failed, Err: "status 404"}}, nil)
	if diff := cmp.Diff([]string{"x1@http://a/1"}, docIDs(t, s)); diff != "" {
		t.Errorf("docs after a 304 and a 404 (-want +got):\n%s", diff)
	}
}

func TestDuplicates(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.StartPass()
	s.Enqueue(URL{URL: "http://a/p"})
	s.Enqueue(URL{URL: "http://a/p-copy"})
	s.Finish([]Result{{URL: "http://a/p", Status: Done, Docs: []*askedat.Experience{exp("x")}}}, nil)
	_, n, err := s.Finish([]Result{{URL: "http://a/p-copy", Status: Done, Docs: []*askedat.Experience{exp("x")}}}, nil)
	if err != nil || n != 1 {
		t.Errorf("Finish of a copy = %d, %v; want 1 duplicate", n, err)
	}
	if diff := cmp.Diff([]string{"x@http://a/p"}, docIDs(t, s)); diff != "" {
		t.Errorf("docs (-want +got):\n%s", diff)
	}
	// The copy going away does not take the original's document.
	s.StartPass()
	s.Finish([]Result{{URL: "http://a/p-copy", Status: Failed}}, nil)
	if diff := cmp.Diff([]string{"x@http://a/p"}, docIDs(t, s)); diff != "" {
		t.Errorf("docs after the copy failed (-want +got):\n%s", diff)
	}
}

func TestFinishUnknown(t *testing.T) {
	s, _ := Open(t.TempDir())
	defer s.Close()
	s.StartPass()
	if _, _, err := s.Finish([]Result{{URL: "http://a/never", Status: Done}}, nil); err == nil {
		t.Errorf("Finish of a URL never queued succeeded")
	}
}

func TestLocked(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := Open(dir); !errors.Is(err, ErrLocked) {
		t.Errorf("second Open = %v, want %v", err, ErrLocked)
	}
}

func TestPausedHosts(t *testing.T) {
	s, _ := Open(t.TempDir())
	defer s.Close()
	now := time.Now()
	s.PauseHost("a:80", now.Add(time.Hour))
	s.PauseHost("b:80", now.Add(-time.Hour))
	got, err := s.Paused(now)
	if err != nil || len(got) != 1 || !got["a:80"].Equal(now.Add(time.Hour)) {
		t.Errorf("Paused = %v, %v; want a:80 for an hour", got, err)
	}
}

// TestDepth: a URL keeps the depth it was queued at, takes a smaller one
// when met again nearer a seed while queued, passes it to the URLs it
// stands for, and keeps it into the next pass.
func TestDepth(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.StartPass()
	depth := func(raw string) int {
		t.Helper()
		u, ok, err := s.Get(raw)
		if err != nil || !ok {
			t.Fatalf("Get(%s) = %v, %v", raw, ok, err)
		}
		return u.Depth
	}
	s.Enqueue(URL{URL: "http://a/seed", Seed: true})
	if _, _, err := s.Finish([]Result{{URL: "http://a/seed", Status: Done}},
		[]URL{{URL: "http://a/menu", Depth: 2}, {URL: "http://a/list", Depth: 1}}); err != nil {
		t.Fatal(err)
	}
	s.Enqueue(URL{URL: "http://a/menu", Depth: 1}) // met again, nearer
	s.Enqueue(URL{URL: "http://a/list", Depth: 2}) // met again, further: kept
	if got := []int{depth("http://a/menu"), depth("http://a/list")}; got[0] != 1 || got[1] != 1 {
		t.Errorf("depths of /menu, /list = %v, want [1 1]", got)
	}
	// /list redirected to /list2: the target is as deep as the page.
	s.Finish([]Result{{URL: "http://a/list", Status: Done}, {URL: "http://a/list2", Status: Done}}, nil)
	if d := depth("http://a/list2"); d != 1 {
		t.Errorf("depth of the redirect target = %d, want 1", d)
	}
	s.Finish([]Result{{URL: "http://a/menu", Status: Done}}, nil)
	s.StartPass()
	if got := []int{depth("http://a/seed"), depth("http://a/menu"), depth("http://a/list2")}; got[0] != 0 || got[1] != 1 || got[2] != 1 {
		t.Errorf("depths in the next pass = %v, want [0 1 1]", got)
	}
}
