// Package sample generates a sample interview-experience site of the
// project's own: N experience posts with listing pages, in the format of
// interviewexperiences.in, from vocabulary written for this project (the
// question bank is data/questions.txt; companies, roles and phrases are in
// vocab.go). The same Config gives a byte-identical site.
//
// It feeds the demo (command sitegen serves it on loopback), the crawler's
// tests, the end-to-end test and benchmarks: Site.Experiences is the ground
// truth a correct crawler and extractor must produce from the served pages.
//
// Typical use in a test:
//
//	site := sample.NewSite(sample.Config{Posts: 200, Seed: 1, Faults: true})
//	srv := httptest.NewServer(site)
//	defer srv.Close()
//	want := site.Experiences(srv.URL)
//	// crawl srv.URL, compare with want; never fetch site.TrapPaths()
//
// URL layout:
//
//	/robots.txt                      disallows /private/
//	/                                home: recent posts, /experiences, a trap link
//	/experiences, /experiences?page=N listings, newest first (page=1 redirects)
//	/experience/<company>/<slug>-<n> a post
//	/companies, /companies/<company> company index and company pages
//	/logos/<company>.png             a logo
//	/private/…                       the trap
//
// Post pages come in two markup variants (Post.Variant) that show a reader
// the same text: 0 follows the corpus page's markup, 1 uses other tags and
// class names.
package sample
