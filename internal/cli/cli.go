// Package cli holds what every askedat program does alike at its command
// line: parse the flags, answering -help with the full usage, -version with
// the build (package buildinfo), and a bad flag with one line and a hint
// rather than the whole usage; and make the log/slog logger that
// -log-format and -log-level ask for; and, for the programs that parse with
// ParseConfigured (searchd, indexer, crawler), take each flag from an
// ASKEDAT_* environment variable or a -config file when the command line
// does not give it (config.go).
//
// A program's main parses, then checks its config, then runs:
//
//	fs := flag.NewFlagSet("searchd", flag.ContinueOnError)
//	fs.SetOutput(stderr)
//	fs.Usage = func() { fmt.Fprint(fs.Output(), usage); fs.PrintDefaults() }
//	cfg.Flags(fs)
//	if err := cli.Parse(fs, args, stdout); err != nil {
//		return cli.ExitCode(err) // 0 after -help or -version, 2 after a bad flag
//	}
//	if err := cfg.Check(); err != nil {
//		return cli.ExitCode(cli.Bad(fs, err)) // "searchd: …; run 'searchd -help' for usage"
//	}
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/askedat/askedat/internal/buildinfo"
)

// ErrVersion is returned by Parse once it has printed the version for
// -version.
var ErrVersion = errors.New("version printed")

const versionUsage = "print the program's version, the commit it was built from and its Go version, and exit"

// A UsageError is a command line that makes no sense: a flag not defined, a
// value that does not parse, a check of the config that failed. Bad has
// printed it.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

// Parse parses args with fs, which must be made with flag.ContinueOnError;
// its Usage, if set, prints the full usage to fs.Output(). Parse defines
// -version on fs, unless fs has a flag of that name of its own already; it
// may be called again on fs, for the arguments after one that is not a
// flag (crawler import FILE -out X). It returns
// nil when the program is to go on, or, having printed what to print:
// flag.ErrHelp after -h or -help (the full usage, to fs.Output()),
// ErrVersion after -version (one line, to stdout), or a *UsageError for a
// bad flag (one line and a hint, to fs.Output(); see Bad).
func Parse(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	var version flag.Getter // nil when fs's own -version means something else
	switch f := fs.Lookup("version"); {
	case f == nil:
		fs.Bool("version", false, versionUsage)
		version = fs.Lookup("version").Value.(flag.Getter)
	case f.Usage == versionUsage: // defined by an earlier Parse of fs
		version = f.Value.(flag.Getter)
	}
	// The flag package prints the error and the whole usage for a bad
	// flag; here the error is printed alone, and the usage only for -help.
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		if usage != nil {
			usage()
		} else {
			fmt.Fprintf(out, "usage of %s:\n", fs.Name())
			fs.PrintDefaults()
		}
		return flag.ErrHelp
	case err != nil:
		return Bad(fs, err)
	case version != nil && version.Get() == true:
		fmt.Fprintln(stdout, buildinfo.Read().Line(fs.Name()))
		return ErrVersion
	}
	return nil
}

// Bad prints err to fs.Output() as a usage error of the program fs is
// named for, "NAME: ERR; run 'NAME -help' for usage", and returns it as a
// *UsageError. An error of several lines (errors.Join) gets NAME before
// each, and the hint on a line of its own.
func Bad(fs *flag.FlagSet, err error) error {
	name := fs.Name()
	hint := fmt.Sprintf("run '%s -help' for usage", name)
	lines := strings.Split(strings.TrimRight(err.Error(), "\n"), "\n")
	if len(lines) == 1 {
		fmt.Fprintf(fs.Output(), "%s: %s; %s\n", name, lines[0], hint)
	} else {
		for _, l := range lines {
			fmt.Fprintf(fs.Output(), "%s: %s\n", name, l)
		}
		fmt.Fprintf(fs.Output(), "%s: %s\n", name, hint)
	}
	return &UsageError{err}
}

// ExitCode returns the exit code of a program that stops at err, an error
// of Parse, ParseConfigured or Bad: 0 after -help, -version or
// -print-config (or for nil), 2 for bad usage.
func ExitCode(err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) || errors.Is(err, ErrVersion) || errors.Is(err, ErrConfigPrinted) {
		return 0
	}
	return 2
}

// ParseChecked is Parse for a program that takes only flags: it also
// refuses arguments left over and what check finds in the values parsed,
// each as a usage error (one line and a hint, see Bad).
func ParseChecked(fs *flag.FlagSet, args []string, stdout io.Writer, check func() error) error {
	if err := Parse(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return Bad(fs, fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	if err := check(); err != nil {
		return Bad(fs, err)
	}
	return nil
}
