package cluster

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
)

// Single returns the canonical title and ID a question with this title has
// when it is a cluster of its own: what Assign gives a question asked
// nowhere else. The indexer's updates give it to questions they find no
// cluster for.
func Single(title string) (canonical, id string) {
	canonical = cleanSpace(title)
	return canonical, clusterID(canonical)
}

// clusterID returns the ID of the cluster with the canonical title t.
func clusterID(t string) string {
	sum := sha1.Sum([]byte(t))
	h := hex.EncodeToString(sum[:4])
	s := slug(t, 60)
	if s == "" {
		return h
	}
	return s + "-" + h
}

// slug returns s in lower case with each run of characters other than ASCII
// letters and digits made one hyphen, at most max bytes, cut at a hyphen
// when it is longer.
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > max {
		out = out[:max]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}

// cleanSpace trims s and makes each run of white space one space. It
// returns s itself when s is clean.
func cleanSpace(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
		if sp && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace || s == "" {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}
