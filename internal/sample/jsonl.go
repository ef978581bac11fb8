package sample

import (
	"io"

	"github.com/askedat/askedat/index"
)

// WriteJSONL writes exps to w as JSON Lines, one experience a line, with
// index.Encoder.
func WriteJSONL(w io.Writer, exps []index.Experience) error {
	enc := index.NewEncoder(w)
	for i := range exps {
		if err := enc.Encode(&exps[i]); err != nil {
			return err
		}
	}
	return enc.Flush()
}
