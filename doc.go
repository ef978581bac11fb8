// Package askedat holds what every program of askedat shares and no search
// engine: the document model (Experience and Question), its JSON Lines
// codec (Decoder, Encoder, ReadFile), the normalisation of facet values
// (Normalize, NormalizeCompany, FilterKey), and the wire types of a search
// (Request, Result, Hit, FacetValue) with the limits a Request is checked
// against (Request.Normalize).
//
// It imports nothing but the standard library, as zoekt's root api.go does,
// so that programs that only read or write documents, or talk to searchd
// over HTTP (the crawler, sitegen, loadtest), link no bleve; package index
// is the engine that indexes and searches these types.
//
// Typical use, writing documents:
//
//	enc := askedat.NewEncoder(w)
//	e := askedat.Experience{ID: askedat.IDForURL(u), URL: u, Title: title}
//	askedat.Normalize(&e)
//	if err := e.Validate(); err != nil { ... }
//	if err := enc.Encode(&e); err != nil { ... }
//	if err := enc.Flush(); err != nil { ... }
package askedat
