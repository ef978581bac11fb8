package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
)

// A versionLister is a source with more than one version (a data
// directory): one of them can be served when current is damaged.
type versionLister interface {
	// Versions returns the ids of the published versions, oldest first.
	Versions() ([]string, error)
	// Damage returns an error (a *datadir.CorruptError) when version id's
	// files are not those of its manifest: their sizes only, unless full.
	Damage(id string, full bool) error
}

func (s dataSource) Versions() ([]string, error) { return s.dd.Versions() }

func (s dataSource) Damage(id string, full bool) error {
	if full {
		return s.dd.Verify(id)
	}
	return s.dd.VerifySizes(id)
}

// describe says why version id is not served, from the error of its load:
// "version X is damaged: FILE: PROBLEM (…)", or that it failed its checks.
func describe(id string, err error) string {
	var ce *datadir.CorruptError
	if errors.As(err, &ce) {
		return ce.Error()
	}
	msg := err.Error()
	if strings.Contains(msg, id) {
		return "version " + id + " cannot be served: " + msg
	}
	return fmt.Sprintf("version %s cannot be served: %v", id, err)
}

// openFallback opens the newest version of src, other than current and
// skip, that loads (its files match its manifest and it passes the checks
// of Load), for serving in place of current.
func openFallback(ctx context.Context, src source, current, skip string, cacheSize int) (*version, error) {
	vl, ok := src.(versionLister)
	if !ok {
		return nil, errors.New("there is no other version to serve")
	}
	ids, err := vl.Versions()
	if err != nil {
		return nil, fmt.Errorf("list the other versions: %w", err)
	}
	var tried []string
	for _, id := range slices.Backward(ids) {
		if id == current || id == skip {
			continue
		}
		idx, err := src.Load(ctx, id)
		if err != nil {
			tried = append(tried, describe(id, err))
			continue
		}
		v, err := newVersion(id, idx, cacheSize)
		if err != nil {
			idx.Close()
			return nil, err
		}
		return v, nil
	}
	if len(tried) == 0 {
		return nil, errors.New("there is no other version to serve")
	}
	return nil, fmt.Errorf("no other version can be served either: %s", strings.Join(tried, "; "))
}

// servedDamage checks the version served, cur: the sizes of its files at
// every reload (a stat each, so a truncation is seen within one poll), and
// every byte after a read of it faulted. It returns nil when it is intact
// or src cannot tell.
func (h *holder) servedDamage(src source, cur string) error {
	vl, ok := src.(versionLister)
	full := h.suspect.Swap(false)
	if !ok {
		return nil
	}
	return vl.Damage(cur, full)
}

// fallBack serves the newest intact version in place of the version served,
// cur, which is damaged (why); pointer is the version the pointer names.
// The pointer's version is not tried again until the pointer changes (or
// SIGHUP), as a refused one. With no intact version, the damaged one goes
// on serving what it can.
func (h *holder) fallBack(ctx context.Context, src source, pointer, cur string, why error) {
	h.logger.Error("the version served is damaged: looking for an intact one", "version", cur, "err", why)
	v, err := openFallback(ctx, src, cur, "", h.cacheSize)
	if ctx.Err() != nil {
		if v != nil {
			v.release()
		}
		return
	}
	if err != nil {
		h.logger.Error("no intact version to fall back to: still serving the damaged one", "version", cur, "err", err)
		return
	}
	if pointer == cur {
		h.refuse(cur, why)
	} else {
		h.mu.Lock()
		h.fallback = "served version " + describe(cur, why)
		h.mu.Unlock()
	}
	h.swapIn(v)
	h.logger.Error("serving an older intact version in place of the damaged one", "version", v.id, "current", pointer, "damaged", cur, "err", why)
}

// guard makes a memory fault while reading version v an error, not the
// end of the process: bleve maps segment files, and one truncated under
// the mapping gives SIGBUS. It sets debug.SetPanicOnFault on the calling
// goroutine (the request's; the search workers set their own, in package
// index) for the time of the read; deferred, the function it returns
// recovers the fault. Any fault or panic reading v makes it suspect: the
// next reload, asked for at once, hashes its files and falls back when they
// are damaged. A panic that is not a fault goes on to recoverPanics.
//
//	defer h.guard(v, &err)()
func (h *holder) guard(v *version, err *error) func() {
	restore := setPanicOnFault(true)
	return func() {
		restore()
		p := recover()
		if p == nil && (*err == nil || !errors.Is(*err, index.ErrFault)) {
			return
		}
		h.suspect.Store(true)
		select {
		case h.recheck <- struct{}{}:
		default:
		}
		if p != nil && !index.IsFault(p) {
			panic(p)
		}
		cause := *err
		if p != nil {
			cause = index.FaultError(p)
		}
		h.logger.Error("memory fault reading the version served: its files changed under it; checking it", "version", v.id, "err", cause)
		*err = &httpError{Status: http.StatusInternalServerError,
			Msg: "the index version served is damaged (its files changed under it); searchd is switching to an intact version: try again in a moment",
			Err: cause}
	}
}
