package cli

// Settings from outside the command line: every flag of a program that
// parses with ParseConfigured may also be set by an environment variable
// and by a TOML file, so that a systemd unit or a container need not carry
// a long command line. A flag given on the command line wins over the
// environment, which wins over the file, which wins over the default.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// EnvPrefix starts the name of every environment variable that sets a flag.
const EnvPrefix = "ASKEDAT_"

// The flags ParseConfigured defines.
const (
	configFlag      = "config"
	printConfigFlag = "print-config"
)

// ErrConfigPrinted is returned by ParseConfigured once it has printed the
// configuration for -print-config.
var ErrConfigPrinted = errors.New("configuration printed")

// EnvName returns the environment variable that sets the flag name:
// EnvPrefix and the name upper-cased, its dashes as underscores
// (-max-searches: ASKEDAT_MAX_SEARCHES).
func EnvName(name string) string {
	return EnvPrefix + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
}

// commandLineOnly are the flags that neither the environment nor a file
// sets: they ask for something to be printed instead of the program's work
// (a variable left in a unit's environment must not turn a server into one
// that prints its version and exits). indexer verify's own -version, a
// version id, is a command-line argument too.
var commandLineOnly = []string{"version", printConfigFlag}

// ParseConfigured is ParseChecked for a program whose flags may also come
// from the environment and a file. It defines -config FILE (a TOML file
// whose keys are flag names; ASKEDAT_CONFIG names it too) and
// -print-config on fs, parses args, then sets each flag the command line
// did not give from its environment variable (EnvName; an empty one counts
// as unset), else from the file, and checks the result. With -print-config
// it prints every setting, its value and its source to stdout, then checks,
// and returns ErrConfigPrinted (or the check's usage error). A key of the
// file that is no flag, a value that does not parse, or a file that is not
// TOML is a usage error naming where it came from. The flags named in
// lineOnly (besides -version and -print-config) are read from the command
// line alone: an old name whose meaning differs in another program (the
// crawler's -data), which a shared environment file must not set.
func ParseConfigured(fs *flag.FlagSet, args []string, stdout io.Writer, check func() error, lineOnly ...string) error {
	return parseConfigured(fs, args, stdout, check, osEnv{}, lineOnly...)
}

// environment is where ParseConfigured reads variables: the process's, or
// a test's.
type environment interface {
	Lookup(name string) (string, bool)
	Names() []string // every variable's name
}

type osEnv struct{}

func (osEnv) Lookup(name string) (string, bool) { return os.LookupEnv(name) }

func (osEnv) Names() []string {
	var names []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		names = append(names, name)
	}
	return names
}

func parseConfigured(fs *flag.FlagSet, args []string, stdout io.Writer, check func() error, env environment, lineOnly ...string) error {
	fs.String(configFlag, "", "read settings from this TOML `file`: each key a flag's name (addr = \"127.0.0.1:9090\"); a flag or an "+EnvPrefix+"* variable wins over it")
	print := fs.Bool(printConfigFlag, false, "print every setting with its value and where it came from (flag, environment, file or default), and exit")
	if err := Parse(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Bad(fs, fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	src, err := applySources(fs, env, append(slices.Clone(commandLineOnly), lineOnly...))
	if err != nil {
		return Bad(fs, err)
	}
	if *print {
		src.print(stdout)
	}
	if err := check(); err != nil {
		return Bad(fs, err)
	}
	if *print {
		return ErrConfigPrinted
	}
	return nil
}

// sources says where each flag's value came from.
type sources struct {
	fs       *flag.FlagSet
	from     map[string]string // flag name → "flag", "env NAME", "file PATH"; default when absent
	file     string            // the file read, or ""
	lineOnly []string          // the flags read from the command line alone
	// unread are the EnvPrefix variables set that no flag of fs reads (a
	// typo, or another program's setting in a shared environment file).
	unread []string
}

// applySources sets the flags of fs that the command line left alone from
// the environment and the file, and records where every value came from.
func applySources(fs *flag.FlagSet, env environment, lineOnly []string) (*sources, error) {
	src := &sources{fs: fs, from: map[string]string{}, lineOnly: lineOnly}
	fs.Visit(func(f *flag.Flag) { src.from[f.Name] = "flag -" + f.Name })
	if _, ok := src.from[configFlag]; !ok {
		if v, ok := env.Lookup(EnvName(configFlag)); ok && v != "" {
			fs.Set(configFlag, v) // a string flag: cannot fail
			src.from[configFlag] = "env " + EnvName(configFlag)
		}
	}
	src.file = fs.Lookup(configFlag).Value.String()
	var inFile map[string]any
	if src.file != "" {
		var err error
		if inFile, err = readConfigFile(src.file); err != nil {
			return nil, err
		}
	}
	var errs []error
	for _, key := range sortedKeys(inFile) {
		if f := fs.Lookup(key); f == nil || key == configFlag || slices.Contains(lineOnly, key) {
			errs = append(errs, src.unknownKey(key))
		}
	}
	fs.VisitAll(func(f *flag.Flag) {
		if _, ok := src.from[f.Name]; ok || f.Name == configFlag || slices.Contains(lineOnly, f.Name) {
			return
		}
		name := EnvName(f.Name)
		if v, ok := env.Lookup(name); ok && v != "" {
			src.from[f.Name] = "env " + name
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("environment %s=%q: %w", name, v, badValue(f, err)))
			}
			return
		}
		if v, ok := inFile[f.Name]; ok {
			src.from[f.Name] = "file " + src.file
			if err := setFromFile(fs, f, v); err != nil {
				errs = append(errs, fmt.Errorf("config file %s: %s: %w", src.file, f.Name, err))
			}
		}
	})
	read := map[string]bool{}
	fs.VisitAll(func(f *flag.Flag) { read[EnvName(f.Name)] = !slices.Contains(lineOnly, f.Name) })
	for _, name := range env.Names() {
		if v, _ := env.Lookup(name); strings.HasPrefix(name, EnvPrefix) && !read[name] && v != "" {
			src.unread = append(src.unread, name)
		}
	}
	slices.Sort(src.unread)
	return src, errors.Join(errs...)
}

// readConfigFile reads the TOML file at path into its keys and values.
func readConfigFile(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config file: %w", err)
	}
	var m map[string]any
	if _, err := toml.Decode(string(b), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("config file %s: line %d: %s (not TOML)", path, pe.Position.Line, pe.Message)
		}
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	return m, nil
}

// setFromFile sets f from the file's value v: a string, number or boolean
// as it would be written on the command line; each element of an array
// in turn, as a repeated flag.
func setFromFile(fs *flag.FlagSet, f *flag.Flag, v any) error {
	vals := []any{v}
	if arr, ok := v.([]any); ok {
		vals = arr
	}
	for _, v := range vals {
		var s string
		switch v := v.(type) {
		case string:
			s = v
		case bool:
			s = strconv.FormatBool(v)
		case int64:
			s = strconv.FormatInt(v, 10)
		case float64:
			s = strconv.FormatFloat(v, 'g', -1, 64)
		case map[string]any:
			return errors.New("is a table; settings are keys at the top of the file, each named as a flag")
		case time.Time:
			return errors.New("is a TOML date or time; give a string, a number, true or false")
		default:
			return fmt.Errorf("%v is a %T; give a string, a number, true or false", v, v)
		}
		if err := fs.Set(f.Name, s); err != nil {
			return fmt.Errorf("%q: %w", s, badValue(f, err))
		}
	}
	return nil
}

// badValue explains a value f refused: the flag package says only "parse
// error" for a number or a duration, so what it wants is added.
func badValue(f *flag.Flag, err error) error {
	want := ""
	if g, ok := f.Value.(flag.Getter); ok {
		switch g.Get().(type) {
		case bool:
			want = "true or false"
		case int, int64, uint, uint64:
			want = "a whole number"
		case float64:
			want = "a number"
		case time.Duration:
			want = "a duration such as 30s, 5m or 1h"
		}
	}
	if want != "" {
		return fmt.Errorf("invalid value for -%s: %v (want %s)", f.Name, err, want)
	}
	return fmt.Errorf("invalid value for -%s: %w", f.Name, err)
}

// unknownKey is the error of a file's key that names no flag it may set,
// with the nearest flag's name when one is close.
func (s *sources) unknownKey(key string) error {
	fs, file := s.fs, s.file
	if key == configFlag || slices.Contains(s.lineOnly, key) {
		return fmt.Errorf("config file %s: %s is given on the command line only", file, key)
	}
	best, bestDist := "", 3 // at most two edits away
	fs.VisitAll(func(f *flag.Flag) {
		if d := editDistance(key, f.Name); d < bestDist && f.Name != configFlag && !slices.Contains(s.lineOnly, f.Name) {
			best, bestDist = f.Name, d
		}
	})
	if best != "" {
		return fmt.Errorf("config file %s: unknown setting %q: %s has no flag -%s (did you mean %s?)", file, key, fs.Name(), key, best)
	}
	return fmt.Errorf("config file %s: unknown setting %q: %s has no flag -%s (run '%s -help' for them)", file, key, fs.Name(), key, fs.Name())
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
