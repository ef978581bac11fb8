// Package extract turns a fetched page into what the crawler needs from it:
// posts (askedat.Experience: one for a post, one a review for a page of
// reviews), a listing (links to posts and to further listing pages), or
// nothing. Extraction is a pure function of the page's
// URL and bytes, so a reindex can run it again over archived pages with no
// network.
//
// Each site format is an Extractor. Page tries them in order and the first
// that recognises the page wins (also when it finds nothing to emit there:
// a site's algorithm article is no one else's experience); which one applies is decided from the page
// itself (its canonical URL and what it shows), never from the host it was
// fetched from, so a copy of a site served elsewhere extracts the same.
// Extractors read what a reader sees, the headings and lines of text in
// reading order, rather than class names, which change with every redesign.
//
//	res, err := extract.Page(u, body)
//	switch {
//	case err != nil: // a page in a known format, but broken: report it
//	case res.Kind == extract.Post: // res.Experiences, normalised (and res.Links)
//	case res.Kind == extract.Listing: // res.Links to follow
//	case res.Kind == extract.Skip: // a site's page with nothing in it for us
//	}
package extract
