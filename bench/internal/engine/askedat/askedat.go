// Package askedat runs askedat in the benchmark: its indexer builds the
// index, its searchd serves it, and searches go through the HTTP API on
// loopback, as a user's would.
package askedat

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/askedat/askedat/bench/internal/corpus"
	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/mix"
)

// Engine runs the askedat binaries in BinDir.
type Engine struct {
	// NameAs is the engine's name in reports when not "askedat": a variant
	// such as "askedat-cache" (searchd with its result cache on).
	NameAs string
	BinDir string
	// SearchdArgs are added to searchd's command line (for example to turn
	// a result cache off).
	SearchdArgs []string
	// ReadyTimeout bounds how long searchd may take to answer /readyz.
	ReadyTimeout time.Duration
}

var _ engine.Engine = (*Engine)(nil)

// Name returns "askedat", or NameAs.
func (e *Engine) Name() string {
	if e.NameAs != "" {
		return e.NameAs
	}
	return "askedat"
}

// Build runs indexer over docs into dir/index and measures its wall time,
// peak RSS and the index folder's size.
func (e *Engine) Build(ctx context.Context, docs, dir string, log io.Writer) (*engine.BuildStats, error) {
	n, err := corpus.Read(docs, func(*corpus.Question) error { return nil })
	if err != nil {
		return nil, err
	}
	if err := engine.ResetDir(dir); err != nil {
		return nil, err
	}
	idx := filepath.Join(dir, "index")
	cmd := exec.CommandContext(ctx, filepath.Join(e.BinDir, "indexer"), "-docs", docs, "-index", idx)
	cmd.Stdout, cmd.Stderr = log, log
	took, rss, err := engine.RunMeasured(cmd)
	if err != nil {
		return nil, err
	}
	size, err := engine.DirSize(idx)
	if err != nil {
		return nil, err
	}
	return &engine.BuildStats{Engine: e.Name(), Docs: n, Seconds: took.Seconds(), DocsPerSec: float64(n) / took.Seconds(),
		SizeBytes: size, PeakRSSBytes: rss, Note: "indexer wall time, reading JSON Lines included"}, nil
}

// Open starts searchd on a free loopback port and waits until it is ready.
func (e *Engine) Open(ctx context.Context, dir string, clients int, log io.Writer) (engine.Target, error) {
	port, err := engine.FreePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	srv, err := engine.StartServer(exec.Command(filepath.Join(e.BinDir, "searchd"), SearchdArgs(filepath.Join(dir, "index"), addr, clients, e.SearchdArgs)...), log)
	if err != nil {
		return nil, err
	}
	t := &target{
		srv:  srv,
		base: "http://" + addr,
		client: &http.Client{Transport: &http.Transport{
			MaxIdleConns: clients + 2, MaxIdleConnsPerHost: clients + 2, DisableCompression: true,
		}},
	}
	timeout := e.ReadyTimeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	if err := t.waitReady(ctx, timeout); err != nil {
		srv.Stop()
		return nil, err
	}
	return t, nil
}

// SearchdArgs returns searchd's command line for serving idx on addr to
// the benchmark's clients, then extra. All the clients come from one
// address, loopback, which searchd would hold to one client's share of its
// search slots (-max-searches-per-client, by default half of them) and
// answer 429 past it; so unless extra sets them, the share is every
// client, and the slots (-max-searches, by default 4 × GOMAXPROCS) are at
// least as many as the clients.
func SearchdArgs(idx, addr string, clients int, extra []string) []string {
	args := []string{"-index", idx, "-addr", addr}
	if !hasFlag(extra, "max-searches-per-client") {
		args = append(args, "-max-searches-per-client", strconv.Itoa(max(clients, 1)))
	}
	if !hasFlag(extra, "max-searches") && clients > 4*runtime.GOMAXPROCS(0) {
		args = append(args, "-max-searches", strconv.Itoa(clients))
	}
	return append(args, extra...)
}

// hasFlag reports whether args set the flag name (-name, --name, -name=…).
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		a = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

type target struct {
	srv    *engine.Server
	base   string
	client *http.Client
}

func (t *target) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", t.base+"/readyz", nil)
		resp, err := t.client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("searchd at %s not ready within %v (last: %v)", t.base, timeout, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.srv.Exited:
			return fmt.Errorf("searchd exited before it was ready (see its log)")
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// SearchURL returns the API URL that asks q: phrases keep their quotes.
func SearchURL(base string, q mix.Query) string {
	v := url.Values{}
	if len(q.Parts) > 0 {
		v.Set("q", QueryText(q))
	}
	for _, f := range q.Filters {
		v.Add(f.Field, f.Value)
	}
	v.Set("size", strconv.Itoa(engine.Size))
	v.Set("facet_size", strconv.Itoa(engine.FacetSize))
	return base + "/api/search?" + v.Encode()
}

// QueryText returns q's words and phrases as askedat's q parameter.
func QueryText(q mix.Query) string {
	parts := make([]string, len(q.Parts))
	for i, p := range q.Parts {
		parts[i] = strings.Join(p.Words, " ")
		if p.Phrase {
			parts[i] = `"` + parts[i] + `"`
		}
	}
	return strings.Join(parts, " ")
}

type apiResult struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		ID string `json:"id"`
	} `json:"hits"`
	Facets map[string][]engine.FacetValue `json:"facets"`
	Error  string                         `json:"error"`
}

func (t *target) Search(ctx context.Context, q mix.Query) (*engine.Result, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", SearchURL(t.base, q), nil)
	if err != nil {
		return nil, err
	}
	resp, err := t.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var r apiResult
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("HTTP %d: %v", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, r.Error)
	}
	out := &engine.Result{Total: int64(r.Total), Facets: map[string][]engine.FacetValue{}}
	for _, h := range r.Hits {
		out.IDs = append(out.IDs, h.ID)
	}
	for _, f := range engine.FacetFields {
		out.Facets[f] = r.Facets[f]
	}
	return out, nil
}

func (t *target) Memory() engine.Memory {
	m := engine.ProcMemory(t.srv.Cmd.Process.Pid)
	m.Note = "searchd"
	return m
}

func (t *target) Close() error {
	t.client.CloseIdleConnections()
	return t.srv.Stop()
}
