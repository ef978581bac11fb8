package main

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
)

// dictionaryFiles are the -synonyms and -companies flags of a build and a
// reindex: the tables the version is built with, in place of the built-in
// ones. An update keeps its base's (they are in the index it copies), since
// another companies table would spell its new documents otherwise than the
// old.
type dictionaryFiles struct {
	Synonyms  string // "" for the built-in synonyms
	Companies string // "" for the built-in companies table
}

// Flags binds d to fs.
func (d *dictionaryFiles) Flags(fs *flag.FlagSet) {
	fs.StringVar(&d.Synonyms, "synonyms", "", "build with the synonyms of this `file` (lines \"word | phrase | phrase\"; default: the built-in ones); the version carries them")
	fs.StringVar(&d.Companies, "companies", "", "spell companies by the table of this `file` (lines \"Name | spelling | spelling\"; default: the built-in one); the version carries it")
}

// dictionaries are the tables a build writes and what the version records
// of them.
type dictionaries struct {
	index.Dictionaries
	synonyms, companies *datadir.Table
}

// load reads and checks the files: an error names the file and the line.
func (d dictionaryFiles) load() (dictionaries, error) {
	out := dictionaries{Dictionaries: index.DefaultDictionaries()}
	out.synonyms = builtIn(out.Synonyms.SHA256())
	out.companies = builtIn(out.Companies.SHA256())
	if d.Synonyms != "" {
		txt, t, err := readTable(d.Synonyms)
		if err != nil {
			return out, fmt.Errorf("-synonyms: %w", err)
		}
		if out.Synonyms, err = index.ParseSynonyms(txt); err != nil {
			return out, fmt.Errorf("-synonyms %s: %w", d.Synonyms, err)
		}
		out.synonyms = t
	}
	if d.Companies != "" {
		txt, t, err := readTable(d.Companies)
		if err != nil {
			return out, fmt.Errorf("-companies: %w", err)
		}
		if out.Companies, err = askedat.ParseCompanyAliases(txt); err != nil {
			return out, fmt.Errorf("-companies %s: %w", d.Companies, err)
		}
		out.companies = t
	}
	return out, nil
}

func builtIn(sum string) *datadir.Table { return &datadir.Table{File: datadir.BuiltIn, SHA256: sum} }

// readTable reads a table file, refusing one too big to be a table before
// reading it whole.
func readTable(name string) (string, *datadir.Table, error) {
	st, err := os.Stat(name)
	if err != nil {
		return "", nil, err
	}
	if st.Size() > askedat.MaxAliasFileBytes {
		return "", nil, fmt.Errorf("%s: %d bytes; at most %d", name, st.Size(), askedat.MaxAliasFileBytes)
	}
	raw, err := os.ReadFile(name)
	if err != nil {
		return "", nil, err
	}
	sum := sha256.Sum256(raw)
	return string(raw), &datadir.Table{File: name, Bytes: int64(len(raw)), SHA256: hex.EncodeToString(sum[:])}, nil
}
