package sample

import (
	"bytes"
	"cmp"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/askedat/askedat"
)

// A Site serves the generated posts as the site interviewexperiences.in
// lays them out. It is an http.Handler; it is safe for concurrent use.
type Site struct {
	cfg       Config
	posts     []Post         // newest first
	byPath    map[string]int // post path → index in posts
	byCompany map[string][]int
	companyIx []int // indices into companies of those with posts, most posts first
	faults    FaultSet
	malformed []byte
	trapHits  atomic.Int64
}

// A FaultSet lists the hostile and broken cases of a site made with
// Config.Faults. All of them are linked from the first listing page
// (/experiences), in its "Trending" box.
type FaultSet struct {
	// NotFound are two post-like paths under /experience/ that answer 404.
	NotFound []string
	// Malformed is a post-like path under /experience/ that answers 200
	// text/html with an HTML prologue followed by random bytes (NULs,
	// invalid UTF-8, stray '<'): no title, no facts, no questions. An
	// extractor must report it as an error, not emit an experience or crash.
	Malformed string
	// Redirect is a path under /experience/ that answers 302 Found with
	// Location RedirectTo, the path of a real post that is also linked
	// directly: a crawler must emit that post once.
	Redirect, RedirectTo string
	// Duplicate is a link to a real post with a query string and a fragment
	// ("?utm_source=trending#discussion"); the page it serves has the same
	// canonical URL as the post's own path, and must be emitted once.
	Duplicate string
}

// Trap paths: robots.txt disallows /private/.
var trapPaths = []string{"/private/drafts", "/private/admin/export?format=csv"}

// NewSite generates the site cfg describes.
func NewSite(cfg Config) *Site {
	cfg = cfg.withDefaults()
	s := &Site{
		cfg:       cfg,
		posts:     Generate(cfg),
		byPath:    make(map[string]int),
		byCompany: make(map[string][]int),
	}
	counts := make([]int, len(companies))
	for i, p := range s.posts {
		s.byPath[p.Path] = i
		s.byCompany[p.companySlug] = append(s.byCompany[p.companySlug], i)
		counts[slices.Index(companySlugs, p.companySlug)]++
	}
	for ci, n := range counts {
		if n > 0 {
			s.companyIx = append(s.companyIx, ci)
		}
	}
	slices.SortStableFunc(s.companyIx, func(a, b int) int { return cmp.Compare(counts[b], counts[a]) })
	if cfg.Faults {
		top := companySlugs[0]
		s.faults = FaultSet{
			NotFound: []string{
				"/experience/" + top + "/removed-interview-experience-0",
				"/experience/archived/sde-intern-interview-questions-archived-0",
			},
			Malformed: "/experience/" + top + "/truncated-interview-experience-0",
		}
		if n := len(s.posts); n > 0 {
			newest := s.posts[0]
			s.faults.Redirect = "/experience/" + newest.companySlug + "/old-link-" + strconv.Itoa(newest.Number)
			s.faults.RedirectTo = newest.Path
			s.faults.Duplicate = s.posts[min(1, n-1)].Path + "?utm_source=trending#discussion"
		}
		s.malformed = malformedPage(cfg.Seed)
	}
	return s
}

// malformedPage returns the body of the Malformed fault: an HTML prologue
// and then garbage.
func malformedPage(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, pcgStream+1))
	b := []byte("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	for range 3000 {
		b = append(b, byte(r.UintN(256)))
	}
	return b
}

// Posts returns the posts of the site, newest first. The caller must not
// modify them.
func (s *Site) Posts() []Post { return s.posts }

// Experiences returns the ground truth for the site served at base (for
// example "http://127.0.0.1:34567"), newest first: each post's experience
// with URL base+Path and ID askedat.IDForURL(URL). It is what a correct
// crawler and extractor produce for the post pages. The *Raw fields are
// empty: the title spells each company as its canonical name.
func (s *Site) Experiences(base string) []askedat.Experience {
	base = strings.TrimRight(base, "/")
	out := make([]askedat.Experience, len(s.posts))
	for i, p := range s.posts {
		e := p.Experience
		e.URL = base + p.Path
		e.ID = askedat.IDForURL(e.URL)
		e.Questions = slices.Clone(e.Questions)
		out[i] = e
	}
	return out
}

// ListingPaths returns the paths of the listing pages: "/experiences",
// "/experiences?page=2", … Every post is linked from exactly one of them.
func (s *Site) ListingPaths() []string {
	out := make([]string, s.pageCount())
	for i := range out {
		out[i] = listingPath(i + 1)
	}
	return out
}

// TrapPaths returns paths that robots.txt disallows and the home page and
// the first listing page link to: a polite crawler never fetches them.
func (s *Site) TrapPaths() []string { return slices.Clone(trapPaths) }

// TrapHits returns how many requests the trap paths (anything under
// /private/) have had.
func (s *Site) TrapHits() int { return int(s.trapHits.Load()) }

// FaultPaths returns the hostile and broken cases of the site (see
// FaultSet), or the zero FaultSet when the site was made without
// Config.Faults.
func (s *Site) FaultPaths() FaultSet {
	f := s.faults
	f.NotFound = slices.Clone(f.NotFound)
	return f
}

func (s *Site) pageCount() int {
	return max(1, (len(s.posts)+s.cfg.PerListing-1)/s.cfg.PerListing)
}

func listingPath(page int) string {
	if page == 1 {
		return "/experiences"
	}
	return "/experiences?page=" + strconv.Itoa(page)
}

// ServeHTTP serves the site: /robots.txt, the home page /, the listings
// /experiences?page=N, the posts /experience/<company>/<slug>, the company
// pages /companies and /companies/<company>, logos, the trap under
// /private/, and with Faults the fault paths. Anything else is 404.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	host := r.Host
	if host == "" {
		host = "127.0.0.1"
	}
	pw := &pageWriter{site: s, base: "http://" + host}
	path := r.URL.Path
	switch {
	case path == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
		return
	case path == "/":
		pw.home()
	case path == "/experiences":
		page := 1
		if v := r.URL.Query().Get("page"); v != "" || r.URL.Query().Has("page") {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > s.pageCount() || v != strconv.Itoa(n) {
				s.notFound(w)
				return
			}
			if n == 1 {
				http.Redirect(w, r, "/experiences", http.StatusMovedPermanently)
				return
			}
			page = n
		}
		pw.listing(page)
	case path == "/companies":
		pw.companyIndex()
	case strings.HasPrefix(path, "/companies/"):
		ix, ok := s.byCompany[strings.TrimPrefix(path, "/companies/")]
		if !ok {
			s.notFound(w)
			return
		}
		pw.company(ix)
	case strings.HasPrefix(path, "/logos/"):
		slug, ok := strings.CutSuffix(strings.TrimPrefix(path, "/logos/"), ".png")
		if !ok || !slices.Contains(companySlugs, slug) {
			s.notFound(w)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Write(logoPNG)
		return
	case strings.HasPrefix(path, "/private/"):
		s.trapHits.Add(1)
		pw.trap(path)
	case s.cfg.Faults && path == s.faults.Malformed:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(s.malformed)
		return
	case s.cfg.Faults && s.faults.Redirect != "" && path == s.faults.Redirect:
		http.Redirect(w, r, s.faults.RedirectTo, http.StatusFound)
		return
	default:
		i, ok := s.byPath[path]
		if !ok {
			s.notFound(w)
			return
		}
		pw.post(i)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(pw.b.Len()))
	w.Write(pw.b.Bytes())
}

func (s *Site) notFound(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	w.Write([]byte("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Page not found | Interview Experiences</title></head>\n<body><h1>Page not found</h1><p><a href=\"/\">Back to the home page</a></p></body>\n</html>\n"))
}

// logoPNG is every company's logo: one grey pixel.
var logoPNG = func() []byte {
	img := image.NewGray(image.Rect(0, 0, 1, 1))
	img.SetGray(0, 0, color.Gray{Y: 0x80})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}()
