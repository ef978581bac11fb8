package cli

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// mapEnv is an environment for tests.
type mapEnv map[string]string

func (e mapEnv) Lookup(name string) (string, bool) { v, ok := e[name]; return v, ok }

func (e mapEnv) Names() []string {
	var names []string
	for k := range e {
		names = append(names, k)
	}
	return names
}

// testSettings are the flags of the config tests' program.
type testSettings struct {
	Addr    string
	Poll    time.Duration
	Workers int
	Watch   bool
	Ratio   float64
	Hosts   listValue
}

// listValue is a repeatable flag, as the crawler's -seed.
type listValue []string

func (l *listValue) String() string     { return strings.Join(*l, ",") }
func (l *listValue) Set(s string) error { *l = append(*l, s); return nil }

func configFlagSet(stderr *bytes.Buffer) (*flag.FlagSet, *testSettings) {
	fs := flag.NewFlagSet("prog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var s testSettings
	fs.StringVar(&s.Addr, "addr", "127.0.0.1:8080", "address")
	fs.DurationVar(&s.Poll, "poll", 5*time.Second, "poll")
	fs.IntVar(&s.Workers, "max-workers", 4, "workers")
	fs.BoolVar(&s.Watch, "watch", true, "watch")
	fs.Float64Var(&s.Ratio, "min-ratio", 0.5, "ratio")
	fs.Var(&s.Hosts, "allow-host", "hosts (repeatable)")
	return fs, &s
}

func writeFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "prog.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestConfigPrecedence: a flag wins over the environment, which wins over
// the file, which wins over the default, one setting at a time.
func TestConfigPrecedence(t *testing.T) {
	file := writeFile(t, `
addr = "10.0.0.1:1"
poll = "1m"
max-workers = 7
watch = false
min-ratio = 0.25
allow-host = ["a.example", "b.example"]
`)
	tests := []struct {
		name string
		args []string
		env  mapEnv
		want testSettings
	}{
		{name: "defaults", want: testSettings{Addr: "127.0.0.1:8080", Poll: 5 * time.Second, Workers: 4, Watch: true, Ratio: 0.5}},
		{name: "the file", args: []string{"-config", file},
			want: testSettings{Addr: "10.0.0.1:1", Poll: time.Minute, Workers: 7, Watch: false, Ratio: 0.25, Hosts: listValue{"a.example", "b.example"}}},
		{name: "the file named by ASKEDAT_CONFIG", env: mapEnv{"ASKEDAT_CONFIG": file},
			want: testSettings{Addr: "10.0.0.1:1", Poll: time.Minute, Workers: 7, Watch: false, Ratio: 0.25, Hosts: listValue{"a.example", "b.example"}}},
		{name: "the environment over the file", args: []string{"-config", file},
			env:  mapEnv{"ASKEDAT_ADDR": "127.0.0.1:9090", "ASKEDAT_MAX_WORKERS": "9", "ASKEDAT_WATCH": "true", "ASKEDAT_ALLOW_HOST": "c.example"},
			want: testSettings{Addr: "127.0.0.1:9090", Poll: time.Minute, Workers: 9, Watch: true, Ratio: 0.25, Hosts: listValue{"c.example"}}},
		{name: "flags over the environment and the file", args: []string{"-config", file, "-addr", ":1", "-allow-host", "d.example", "-watch=false"},
			env:  mapEnv{"ASKEDAT_ADDR": "127.0.0.1:9090", "ASKEDAT_POLL": "2s", "ASKEDAT_WATCH": "true"},
			want: testSettings{Addr: ":1", Poll: 2 * time.Second, Workers: 7, Watch: false, Ratio: 0.25, Hosts: listValue{"d.example"}}},
		{name: "an empty variable is unset", env: mapEnv{"ASKEDAT_ADDR": "", "ASKEDAT_POLL": ""},
			want: testSettings{Addr: "127.0.0.1:8080", Poll: 5 * time.Second, Workers: 4, Watch: true, Ratio: 0.5}},
		{name: "another program's variable is no error", env: mapEnv{"ASKEDAT_DOCS": "x.jsonl", "ASKEDAT_VERSION": "1"},
			want: testSettings{Addr: "127.0.0.1:8080", Poll: 5 * time.Second, Workers: 4, Watch: true, Ratio: 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			fs, got := configFlagSet(&stderr)
			if err := parseConfigured(fs, tt.args, &stdout, func() error { return nil }, tt.env); err != nil {
				t.Fatalf("parseConfigured: %v\n%s", err, stderr.String())
			}
			if diff := cmp.Diff(tt.want, *got); diff != "" {
				t.Errorf("settings (-want +got):\n%s", diff)
			}
		})
	}
}

// TestConfigErrors: what is wrong in the file or the environment is a usage
// error (exit 2) naming where it came from.
func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		file string // written to a file given with -config, unless empty
		args []string
		env  mapEnv
		want []string // lines of stderr
	}{
		{name: "a key that is no flag, close to one", file: "adr = \"x\"\n",
			want: []string{`prog: config file FILE: unknown setting "adr": prog has no flag -adr (did you mean addr?); run 'prog -help' for usage`}},
		{name: "a key that is no flag", file: "colour = \"blue\"\n",
			want: []string{`prog: config file FILE: unknown setting "colour": prog has no flag -colour (run 'prog -help' for them); run 'prog -help' for usage`}},
		{name: "a command-line flag in the file", file: "print-config = true\n",
			want: []string{`prog: config file FILE: print-config is given on the command line only; run 'prog -help' for usage`}},
		{name: "a value that does not parse", file: "poll = \"soon\"\n",
			want: []string{`prog: config file FILE: poll: "soon": invalid value for -poll: parse error (want a duration such as 30s, 5m or 1h); run 'prog -help' for usage`}},
		{name: "a number for a duration", file: "poll = 5\n",
			want: []string{`prog: config file FILE: poll: "5": invalid value for -poll: parse error (want a duration such as 30s, 5m or 1h); run 'prog -help' for usage`}},
		{name: "a table", file: "[server]\naddr = \"x\"\n",
			want: []string{`prog: config file FILE: unknown setting "server": prog has no flag -server (run 'prog -help' for them); run 'prog -help' for usage`}},
		{name: "a date", file: "addr = 2024-01-01\n",
			want: []string{`prog: config file FILE: addr: is a TOML date or time; give a string, a number, true or false; run 'prog -help' for usage`}},
		{name: "not TOML", file: "addr = \"x\"\nmax-workers = = 3\n",
			want: []string{`prog: config file FILE: line 2: expected value but found '=' instead (not TOML); run 'prog -help' for usage`}},
		{name: "no such file", args: []string{"-config", "/nonexistent/prog.toml"},
			want: []string{`prog: config file: open /nonexistent/prog.toml: no such file or directory; run 'prog -help' for usage`}},
		{name: "an environment value that does not parse", env: mapEnv{"ASKEDAT_MAX_WORKERS": "many"},
			want: []string{`prog: environment ASKEDAT_MAX_WORKERS="many": invalid value for -max-workers: parse error (want a whole number); run 'prog -help' for usage`}},
		{name: "several at once, a line each", file: "adr = \"x\"\n", env: mapEnv{"ASKEDAT_WATCH": "maybe"},
			want: []string{
				`prog: config file FILE: unknown setting "adr": prog has no flag -adr (did you mean addr?)`,
				`prog: environment ASKEDAT_WATCH="maybe": invalid value for -watch: parse error (want true or false)`,
				`prog: run 'prog -help' for usage`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args, file := tt.args, ""
			if tt.file != "" {
				file = writeFile(t, tt.file)
				args = append([]string{"-config", file}, args...)
			}
			var stdout, stderr bytes.Buffer
			fs, _ := configFlagSet(&stderr)
			err := parseConfigured(fs, args, &stdout, func() error { return nil }, tt.env)
			var ue *UsageError
			if !errors.As(err, &ue) || ExitCode(err) != 2 {
				t.Fatalf("parseConfigured = %v, want a usage error (exit 2)", err)
			}
			out := stderr.String()
			if file != "" {
				out = strings.ReplaceAll(out, file, "FILE")
			}
			got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPrintConfig: -print-config prints each setting as TOML with its
// source, which reads back as a config file to the same settings; a URL's
// password is masked, and variables no flag reads are named.
func TestPrintConfig(t *testing.T) {
	file := writeFile(t, "poll = \"1m\"\nmin-ratio = 0.25\n")
	env := mapEnv{"ASKEDAT_MAX_WORKERS": "9", "ASKEDAT_ALLOW_HOST": "nats://user:secret@n1:4222,nats://n2:4222", "ASKEDAT_ADRR": "typo", "HOME": "/root"}
	var stdout, stderr bytes.Buffer
	fs, _ := configFlagSet(&stderr)
	err := parseConfigured(fs, []string{"-config", file, "-print-config", "-watch=false"}, &stdout, func() error { return nil }, env)
	if !errors.Is(err, ErrConfigPrinted) || ExitCode(err) != 0 {
		t.Fatalf("parseConfigured = %v, want ErrConfigPrinted (exit 0)", err)
	}
	want := `# prog: each setting, its value and where it came from.
# A flag wins over its ASKEDAT_* variable, which wins over the -config file, which wins over the default.
# The file is FILE (flag -config).
addr = "127.0.0.1:8080"                           # default
allow-host = "nats://user:xxxxx@n1:4222,nats://n2:4222"  # env ASKEDAT_ALLOW_HOST
max-workers = 9                                   # env ASKEDAT_MAX_WORKERS
min-ratio = 0.25                                  # file FILE
poll = "1m0s"                                     # file FILE
watch = false                                     # flag -watch
# ASKEDAT_ADRR is set, but no flag of prog reads it
`
	if diff := cmp.Diff(want, strings.ReplaceAll(stdout.String(), file, "FILE")); diff != "" {
		t.Errorf("-print-config (-want +got):\n%s", diff)
	}

	// What it printed, as a file, gives the same settings (the masked
	// password aside).
	printed := writeFile(t, strings.ReplaceAll(stdout.String(), "xxxxx", "secret"))
	fs2, got := configFlagSet(&stderr)
	if err := parseConfigured(fs2, []string{"-config", printed}, &stdout, func() error { return nil }, mapEnv{}); err != nil {
		t.Fatalf("reading the printed configuration: %v\n%s", err, stderr.String())
	}
	wantSettings := testSettings{Addr: "127.0.0.1:8080", Poll: time.Minute, Workers: 9, Watch: false, Ratio: 0.25,
		Hosts: listValue{"nats://user:secret@n1:4222,nats://n2:4222"}}
	if diff := cmp.Diff(wantSettings, *got); diff != "" {
		t.Errorf("settings read back (-want +got):\n%s", diff)
	}
}

// TestPrintConfigChecks: -print-config prints, then reports what the
// program's check finds, as a usage error.
func TestPrintConfigChecks(t *testing.T) {
	var stdout, stderr bytes.Buffer
	fs, _ := configFlagSet(&stderr)
	err := parseConfigured(fs, []string{"-print-config"}, &stdout, func() error { return errors.New("give -data") }, mapEnv{})
	if ExitCode(err) != 2 {
		t.Fatalf("parseConfigured = %v, want a usage error", err)
	}
	if !strings.Contains(stdout.String(), `addr = "127.0.0.1:8080"`) {
		t.Errorf("stdout %q does not print the settings", stdout.String())
	}
	if got, want := stderr.String(), "prog: give -data; run 'prog -help' for usage\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
}

func TestEnvName(t *testing.T) {
	for _, tt := range []struct{ flag, want string }{
		{"addr", "ASKEDAT_ADDR"},
		{"max-searches-per-client", "ASKEDAT_MAX_SEARCHES_PER_CLIENT"},
		{"v", "ASKEDAT_V"},
	} {
		if got := EnvName(tt.flag); got != tt.want {
			t.Errorf("EnvName(%q) = %q, want %q", tt.flag, got, tt.want)
		}
	}
}

// TestParseConfiguredReadsTheProcessEnvironment: the exported function
// reads os.Environ, as a program run by systemd gets it.
func TestParseConfiguredReadsTheProcessEnvironment(t *testing.T) {
	t.Setenv("ASKEDAT_ADDR", "127.0.0.1:9090")
	var stdout, stderr bytes.Buffer
	fs, got := configFlagSet(&stderr)
	if err := ParseConfigured(fs, nil, &stdout, func() error { return nil }); err != nil {
		t.Fatal(err)
	}
	if got.Addr != "127.0.0.1:9090" {
		t.Errorf("addr %q, want ASKEDAT_ADDR's 127.0.0.1:9090", got.Addr)
	}
	if !slices.Contains(osEnv{}.Names(), "ASKEDAT_ADDR") {
		t.Errorf("osEnv.Names() lacks ASKEDAT_ADDR")
	}
}

// TestCommandLineOnly: a flag named line-only is set by the command line
// alone; the environment's and the file's are not read (and a file that
// names it is wrong).
func TestCommandLineOnly(t *testing.T) {
	newFS := func(stderr *bytes.Buffer) (*flag.FlagSet, *string) {
		fs, _ := configFlagSet(stderr)
		return fs, fs.String("data", "", "the old name of -crawl-dir")
	}
	var stdout, stderr bytes.Buffer
	fs, data := newFS(&stderr)
	err := parseConfigured(fs, []string{"-print-config"}, &stdout, func() error { return nil }, mapEnv{"ASKEDAT_DATA": "/var/lib/askedat/index"}, "data")
	if !errors.Is(err, ErrConfigPrinted) || *data != "" {
		t.Fatalf("parseConfigured = %v with -data %q; want the environment's not read", err, *data)
	}
	if out := stdout.String(); strings.Contains(out, "data =") || !strings.Contains(out, "# ASKEDAT_DATA is set, but no flag of prog reads it") {
		t.Errorf("-print-config:\n%s\nwant no data setting, and ASKEDAT_DATA named as not read", out)
	}
	fs, data = newFS(&stderr)
	if err := parseConfigured(fs, []string{"-data", "crawl"}, &stdout, func() error { return nil }, mapEnv{}, "data"); err != nil || *data != "crawl" {
		t.Errorf("-data crawl: %v, %q", err, *data)
	}
	stderr.Reset()
	fs, _ = newFS(&stderr)
	err = parseConfigured(fs, []string{"-config", writeFile(t, "data = \"x\"\n")}, &stdout, func() error { return nil }, mapEnv{}, "data")
	if ExitCode(err) != 2 || !strings.Contains(stderr.String(), "data is given on the command line only") {
		t.Errorf("data in the file: %v, stderr %q", err, stderr.String())
	}
}
