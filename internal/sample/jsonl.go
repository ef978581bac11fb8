package sample

import (
	"io"

	"github.com/askedat/askedat"
)

// WriteJSONL writes exps to w as JSON Lines, one experience a line, with
// askedat.Encoder.
func WriteJSONL(w io.Writer, exps []askedat.Experience) error {
	enc := askedat.NewEncoder(w)
	for i := range exps {
		if err := enc.Encode(&exps[i]); err != nil {
			return err
		}
	}
	return enc.Flush()
}
