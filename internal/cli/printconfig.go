package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// print writes every setting of s's flag set as a line of TOML, its source
// in a comment after it, so that what -print-config prints is itself a
// config file (with -config and the printing flags left out). A URL's
// password is masked: the output goes to terminals and tickets.
func (s *sources) print(w io.Writer) {
	fmt.Fprintf(w, "# %s: each setting, its value and where it came from.\n", s.fs.Name())
	fmt.Fprintf(w, "# A flag wins over its %s* variable, which wins over the -config file, which wins over the default.\n", EnvPrefix)
	if s.file != "" {
		fmt.Fprintf(w, "# The file is %s (%s).\n", s.file, s.from[configFlag])
	}
	type line struct{ setting, from string }
	var lines []line
	width := 0
	s.fs.VisitAll(func(f *flag.Flag) {
		if f.Name == configFlag || slices.Contains(s.lineOnly, f.Name) {
			return
		}
		from := s.from[f.Name]
		if from == "" {
			from = "default"
		}
		l := line{tomlSetting(f), from}
		width = max(width, len(l.setting))
		lines = append(lines, l)
	})
	width = min(width, 48)
	for _, l := range lines {
		fmt.Fprintf(w, "%-*s  # %s\n", width, l.setting, l.from)
	}
	for _, name := range s.unread {
		fmt.Fprintf(w, "# %s is set, but no flag of %s reads it\n", name, s.fs.Name())
	}
}

// tomlSetting returns "name = value" for f's value, typed as TOML types it
// (a string, a number or a boolean; a duration as its string).
func tomlSetting(f *flag.Flag) string {
	var v any = redactURLs(f.Value.String())
	if g, ok := f.Value.(flag.Getter); ok {
		switch gv := g.Get().(type) {
		case bool, int, int64, uint, uint64, float64:
			v = gv
		case time.Duration:
			v = gv.String()
		}
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(map[string]any{f.Name: v}); err != nil {
		return fmt.Sprintf("# %s: %v", f.Name, err)
	}
	return strings.TrimSpace(buf.String())
}

// redactURLs masks the password of each comma-separated part of s that is
// a URL with one (nats://user:secret@host).
func redactURLs(s string) string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		if u, err := url.Parse(strings.TrimSpace(p)); err == nil && u.User != nil {
			if _, has := u.User.Password(); has {
				parts[i] = u.Redacted()
			}
		}
	}
	return strings.Join(parts, ",")
}
