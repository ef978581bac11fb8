package main

// The web box during a roll-out: two replicas behind a load balancer serve
// two versions of the index, and a cursor from one is refused by the other
// with the "start again" 400. The box runs the search again from its first
// page, once, and shows no error. In headless Chromium, with the helpers of
// browser_test.go.

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/client"
	"github.com/askedat/askedat/web"
)

func TestBrowserRestartsASearchWhoseCursorIsRefused(t *testing.T) {
	env := browserFixture(t)
	idx, closeIdx, err := buildBrowserIndex(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeIdx)
	ui, err := web.New()
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	// The replica on the version the page came from, and one on the next
	// version (other documents, so other cursors).
	oldReplica := (&Server{Index: idx, UI: ui, Logger: logger}).Handler()
	newReplica := (&Server{Index: newIndexOf(t, browserExperiences()), UI: ui, Logger: logger}).Handler()
	// The balancer sends every search with a cursor to the new replica,
	// everything else to the old one, and counts the searches.
	var withCursor, searches atomic.Int32
	lb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/search" {
			searches.Add(1)
			if r.URL.Query().Get("cursor") != "" {
				withCursor.Add(1)
				newReplica.ServeHTTP(w, r)
				return
			}
		}
		oldReplica.ServeHTTP(w, r)
	}))
	t.Cleanup(lb.Close)

	// The cursor of the second page, from the old version, of every post
	// (collapse=0 on the page; a collapsed answer pages by number only).
	api, err := client.New(lb.URL)
	if err != nil {
		t.Fatal(err)
	}
	req := askedat.Request{Query: "cache", FacetSize: 100}
	first, err := api.Search(context.Background(), req)
	if err != nil || first.NextCursor == "" {
		t.Fatalf("no next_cursor for q=cache (%v): the test needs a second page", err)
	}
	// The new version's refusal is the one the script knows.
	req.Cursor = first.NextCursor
	_, err = api.Search(context.Background(), req)
	var refusal *client.Error
	if !errors.As(err, &refusal) || refusal.Status != http.StatusBadRequest || !strings.HasSuffix(refusal.Message, "start again from the first page") {
		t.Fatalf("a cursor of another version = %v, want a 400 ending as web/static/app.js's STALE_CURSOR", err)
	}
	want := pageAPISearch(t, lb, "q=cache&collapse=0")

	// The shared Chromium, its tabs opened on the balancer.
	b := &browser{ctx: env.ctx, base: lb.URL, shots: env.shots}

	t.Run("ACursorOfAnotherVersion", func(t *testing.T) {
		searches.Store(0)
		withCursor.Store(0)
		tb := b.tab(t)
		tb.open("/search?q=cache&collapse=0&cursor=" + url.QueryEscape(first.NextCursor))
		tb.waitFor("the search to run again without the cursor", `location.search === "?q=cache&collapse=0"`)
		tb.waitRendered()
		if n := tb.num(`document.querySelectorAll("#notice .error").length`); n != 0 {
			t.Errorf("the page shows an error: %q", tb.str(`document.getElementById("notice").textContent`))
		}
		var hrefs []string
		tb.eval(jsHitHrefs, &hrefs)
		if wantHrefs := want.hitLinks(); !slices.Equal(hrefs, wantHrefs) {
			t.Errorf("hit links = %q, want the first page's %q", hrefs, wantHrefs)
		}
		if c, s := withCursor.Load(), searches.Load(); c != 1 || s != 2 {
			t.Errorf("the script made %d searches, %d with the cursor; want 2, 1 (one retry, from the first page)", s, c)
		}
		tb.shot("cursor-of-another-version")
	})

	t.Run("AnotherBadRequestIsShown", func(t *testing.T) {
		searches.Store(0)
		withCursor.Store(0)
		tb := b.tab(t)
		tb.open("/search?q=cache&collapse=0&cursor=garbage")
		tb.waitFor("the refusal", `document.querySelector("#notice .error")`)
		if got := tb.str(`document.getElementById("notice").textContent`); !strings.Contains(got, "is not one this server gave") {
			t.Errorf("notice = %q, want the server's reason", got)
		}
		if c, s := withCursor.Load(), searches.Load(); c != 1 || s != 1 {
			t.Errorf("the script made %d searches, %d with the cursor; want 1, 1 (no retry of another 400)", s, c)
		}
	})
}
