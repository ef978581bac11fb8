package main

import (
	"fmt"
	"net/http"

	"github.com/klauspost/compress/gzhttp"
)

// compress answers in gzip or zstd when the request's Accept-Encoding
// takes one (klauspost/compress's gzhttp, decision 132): the JSON API, the
// pages and the static files alike. An answer under gzhttp's 1 KiB stays
// as it is (compressing it gains a few bytes and costs the CPU), as does
// one already encoded or of a compressed type. On a tie, as in curl
// --compressed's or a browser's list, gzip is chosen: every client decodes
// it; a client that ranks zstd higher (zstd, gzip;q=0.5) gets zstd. Every
// answer says Vary: Accept-Encoding. /metrics is left to promhttp, which
// negotiates its own encoding. No route streams (every answer is written
// whole from a buffer), so nothing here needs flushing.
func compress(next http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(gzhttp.DefaultMinSize), gzhttp.PreferZstd(false))
	if err != nil {
		// The options are constants: an error is a bug here.
		panic(fmt.Sprintf("gzhttp: %v", err))
	}
	compressed := wrap(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/metrics" {
			next.ServeHTTP(w, r)
			return
		}
		compressed.ServeHTTP(w, r)
	})
}
