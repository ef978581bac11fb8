package main

import (
	"context"
	"fmt"
	"io"

	"github.com/askedat/askedat/bench/internal/corpus"
)

// ConvertConfig is what "benchrun convert" is told.
type ConvertConfig struct {
	In, Out string
}

// ParseConvert reads convert's flags.
func ParseConvert(args []string, stderr io.Writer) (ConvertConfig, error) {
	var c ConvertConfig
	fs := newFlagSet("convert", stderr, "convert -in FLAT.jsonl -out CORPUS.jsonl")
	fs.StringVar(&c.In, "in", "", "a flat corpus, one question a line (id, company, role, category, difficulty, date, title, body), as gen_corpus.py writes it")
	fs.StringVar(&c.Out, "out", "", "write it here as JSON Lines of experiences, the corpus the engines build from")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	if c.In == "" || c.Out == "" {
		return c, usagef("-in and -out are required")
	}
	return c, nil
}

func cmdConvert(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := ParseConvert(args, stderr)
	if err != nil {
		return err
	}
	n, err := corpus.ConvertFlatFile(c.In, c.Out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "convert: %d questions from %s to %s\n", n, c.In, c.Out)
	return nil
}
