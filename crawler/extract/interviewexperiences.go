package extract

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/askedat/askedat"
)

// interviewExperiences extracts the format of interviewexperiences.in: a post
// shows its title, the company beside a logo, a "· Role · Status" line, the
// date and "N reads", then the sections "Summary", "Full Experience" and
// "Interview Questions (N)", where each question shows its number "N.", a
// title, a "Category · Difficulty" line and a description. A listing shows
// cards linking to posts, and pagination.
//
// It reads what a reader sees (the order of headings and lines of text), not
// class names, so other markup with the same visible text extracts the same.
type interviewExperiences struct{}

// ieHost is the site's host; a page whose canonical URL is on it is in this
// format whatever host served it.
const ieHost = "interviewexperiences.in"

func (interviewExperiences) Name() string { return "interviewexperiences" }

var (
	// The section headings, matched against a whole line of text.
	questionsHeadingRE = regexp.MustCompile(`(?i)^interview questions(?:\s*\(\s*(\d+)\s*\))?$`)
	summaryHeadingRE   = regexp.MustCompile(`(?i)^summary$`)
	fullHeadingRE      = regexp.MustCompile(`(?i)^full experience$`)
	// endHeadingRE matches what follows a post: its discussion, comments,
	// related posts, the site footer.
	endHeadingRE = regexp.MustCompile(`(?i)^(?:discussion|comments?|join the discussion|related (?:experiences|posts)|more experiences)(?:\s*\(\s*\d+\s*\))?$|^©`)

	// A question's number alone ("4.") or before its title ("4. Two Sum").
	numberRE      = regexp.MustCompile(`^(\d{1,4})\s*[.)]$`)
	numberTitleRE = regexp.MustCompile(`^(\d{1,4})[.)]\s+(\S.*)$`)

	readsRE = regexp.MustCompile(`(?i)^(\d[\d,]*(?:\.\d+)?)\s*(k)?\s+reads?$`)
)

// dot splits the parts of a facts line: "· Back-End Developer · Ongoing",
// "System Design · Hard".
func dotParts(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == '·' || r == '•' })
	var out []string
	for _, p := range f {
		if p = askedat.CleanSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (ie interviewExperiences) Extract(d *Doc) (Result, error) {
	bs := d.text()
	qi := -1
	for i, b := range bs {
		if questionsHeadingRE.MatchString(b.text) {
			qi = i
			break
		}
	}
	onSite := hostIs(d.Canonical.Hostname(), ieHost)
	if qi >= 0 || onSite && strings.HasPrefix(d.Canonical.Path, "/experience/") || hasLine(bs, fullHeadingRE) {
		e, err := ie.post(d, bs, qi)
		if err != nil {
			return Result{}, err
		}
		return Result{Kind: Post, Experiences: []*askedat.Experience{e}}, nil
	}
	if links := ie.listingLinks(d); len(links) > 0 {
		return Result{Kind: Listing, Links: links}, nil
	}
	return Result{Kind: Other}, nil
}

// post extracts the experience from a page that looks like a post. qi is
// the index in bs of the "Interview Questions" heading, or -1.
func (ie interviewExperiences) post(d *Doc, bs []block, qi int) (*askedat.Experience, error) {
	if qi < 0 {
		return nil, errors.New(`post has no "Interview Questions" heading`)
	}
	title, ti := pageTitle(d, bs[:qi])
	if title == "" {
		return nil, errors.New("post has no title")
	}
	// The sections before the questions, and where the header ends.
	si, fi := -1, -1
	for i := ti + 1; i < qi; i++ {
		switch {
		case si < 0 && summaryHeadingRE.MatchString(bs[i].text):
			si = i
		case fi < 0 && fullHeadingRE.MatchString(bs[i].text):
			fi = i
		}
	}
	headerEnd := qi
	for _, i := range []int{si, fi} {
		if i >= 0 && i < headerEnd {
			headerEnd = i
		}
	}
	e := &askedat.Experience{
		URL:    d.Canonical.String(),
		Source: ie.Name(),
		Title:  title,
	}
	e.ID = askedat.IDForURL(e.URL)
	if err := headerFacts(e, d, bs[ti+1:headerEnd], ti >= 0); err != nil {
		return nil, err
	}
	e.Summary = paragraphs(section(bs, si, si, fi, qi))
	e.Body = paragraphs(section(bs, fi, si, fi, qi))

	end := len(bs)
	for i := qi + 1; i < len(bs); i++ {
		if endHeadingRE.MatchString(bs[i].text) {
			end = i
			break
		}
	}
	want := -1
	if m := questionsHeadingRE.FindStringSubmatch(bs[qi].text); m[1] != "" {
		want, _ = strconv.Atoi(m[1])
	}
	qs, err := questions(bs[qi+1:end], want)
	if err != nil {
		return nil, err
	}
	if want >= 0 && want != len(qs) {
		return nil, fmt.Errorf("heading %q promises %d questions, found %d", bs[qi].text, want, len(qs))
	}
	e.Questions = qs
	askedat.Normalize(e)
	if err := e.Validate(); err != nil {
		return nil, err
	}
	return e, nil
}

// section returns the blocks of the section whose heading is at i: those up
// to the next of the other section headings (si, fi, qi), or none when i < 0.
func section(bs []block, i, si, fi, qi int) []block {
	if i < 0 {
		return nil
	}
	end := qi
	for _, j := range []int{si, fi} {
		if j > i && j < end {
			end = j
		}
	}
	return bs[i+1 : end]
}

// pageTitle returns the post's title and the index in bs of the line that
// shows it (-1 when no line does). It is the first <h1>; else the page's
// og:title or <title> (without its " | Site" suffix), found as a line.
func pageTitle(d *Doc, bs []block) (string, int) {
	for i, b := range bs {
		if b.heading == 1 {
			return b.text, i
		}
	}
	for _, t := range []string{metaContent(d.HTML, "og:title"), titleElement(d)} {
		if t = askedat.CleanSpace(t); t == "" {
			continue
		}
		for i, b := range bs {
			if strings.EqualFold(b.text, t) {
				return b.text, i
			}
		}
		return t, -1
	}
	return "", -1
}

// titleElement returns the document's <title> without a trailing " | Site".
func titleElement(d *Doc) string {
	t := askedat.CleanSpace(d.HTML.Find("title").First().Text())
	if i := strings.LastIndex(t, " | "); i > 0 {
		t = t[:i]
	}
	return t
}

// headerFacts reads the lines between the title and the first section: the
// company (a line of its own, or the first part of a "company · role ·
// status" line), the "· Role · Status" line, and the "date · N reads" line.
// Without afterTitle the lines may include the site's chrome, and no line
// is taken for the company.
func headerFacts(e *askedat.Experience, d *Doc, bs []block, afterTitle bool) error {
	var facts []string
	var dateText string
	for _, b := range bs {
		parts := dotParts(b.text)
		var rest []string
		for _, p := range parts {
			switch {
			case readsRE.MatchString(p):
				n, err := parseReads(p)
				if err != nil {
					return err
				}
				e.Reads = n
			case visibleDate(p) != "":
				if dateText == "" {
					dateText = visibleDate(p)
				}
			default:
				rest = append(rest, p)
			}
		}
		if e.Date == "" {
			for _, t := range b.times {
				if v := isoDate(t); v != "" {
					e.Date = v
					break
				}
			}
		}
		switch {
		case len(rest) == 0:
		case strings.HasPrefix(strings.TrimSpace(b.text), "·") || strings.HasPrefix(strings.TrimSpace(b.text), "•"):
			facts = append(facts, rest...)
		case e.Company == "" && afterTitle:
			e.Company = rest[0]
			facts = append(facts, rest[1:]...)
		}
	}
	switch len(facts) {
	case 0:
	case 1:
		if knownStatus(facts[0]) {
			e.Status = facts[0]
		} else {
			e.Role = facts[0]
		}
	default:
		e.Role, e.Status = facts[0], facts[1]
	}
	if e.Company == "" {
		// The site's titles end "… — Company".
		if i := strings.LastIndex(e.Title, " — "); i >= 0 {
			e.Company = e.Title[i+len(" — "):]
		}
	}
	e.Company = spellingIn(e.Title, e.Company)
	if e.Date == "" {
		e.Date = isoDate(metaContent(d.HTML, "article:published_time"))
	}
	if e.Date == "" {
		e.Date = dateText
	}
	return nil
}

// knownStatus reports whether s is an outcome ("Offer", "Ongoing", …).
func knownStatus(s string) bool {
	switch askedat.NormalizeStatus(s) {
	case "Offer", "Rejected", "Ongoing", "Declined":
		return true
	}
	return false
}

// spellingIn returns name as text spells it when text holds it as a whole
// word in another case ("nxtwave" in "… — NxtWave" gives "NxtWave"), else
// name.
func spellingIn(text, name string) string {
	if name == "" || len(strings.ToLower(text)) != len(text) {
		return name
	}
	i := wordIndex(text, name)
	if i < 0 {
		return name
	}
	return text[i : i+len(strings.ToLower(name))]
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// parseReads parses "72 reads", "1,234 reads" or "1.2k reads".
func parseReads(s string) (int, error) {
	m := readsRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("%q is not a read count", s)
	}
	num := strings.ReplaceAll(m[1], ",", "")
	if m[2] == "" {
		n, err := strconv.Atoi(num)
		if err != nil {
			return 0, fmt.Errorf("read count %q: %w", s, err)
		}
		return n, nil
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("read count %q: %w", s, err)
	}
	return int(f*1000 + 0.5), nil
}

// isoDate returns the date of a machine-readable timestamp ("2025-09-01",
// "2025-09-01T00:00:00+05:30") as YYYY-MM-DD, as the timestamp states it (no
// conversion to UTC), or "".
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse(askedat.DateLayout, s[:10]); err != nil {
		return ""
	}
	return s[:10]
}

// visibleDateLayouts are the ways a page spells a date for readers.
var visibleDateLayouts = []string{
	"January 2, 2006", "Jan 2, 2006", "January 2 2006", "Jan 2 2006",
	"2 January 2006", "2 Jan 2006", "2 January, 2006", "2006-01-02",
}

// visibleDate returns the date a reader sees in s ("September 1, 2025") as
// YYYY-MM-DD, or "".
func visibleDate(s string) string {
	s = askedat.CleanSpace(s)
	for _, layout := range visibleDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(askedat.DateLayout)
		}
	}
	return ""
}

// questions reads the questions from the lines of the questions section.
// Each starts with its number, alone ("4.") or before the title ("4. Two
// Sum"); then come the title, the category line and the description. Only
// the next number in sequence starts a new question, so a description line
// such as "1. Use a queue" stays in its question. A list whose numbers come
// from an <ol> and are not in the text is read by its items instead. want
// is the count the heading promises, or -1.
func questions(bs []block, want int) ([]askedat.Question, error) {
	qs, err := parseQuestions(bs, true)
	if err != nil && want == 0 {
		return nil, nil // "Interview Questions (0)", and none
	}
	if err == nil && (want < 0 || len(qs) == want) || listItems(bs) == 0 {
		return qs, err
	}
	byItem, err2 := parseQuestions(bs, false)
	if err2 == nil && (want < 0 && len(byItem) > len(qs) || len(byItem) == want) {
		return byItem, nil
	}
	return qs, err
}

// listItems returns the number of <ol> items the lines of bs are in.
func listItems(bs []block) int {
	n, last := 0, 0
	for _, b := range bs {
		if b.item > 0 && b.item != last {
			n++
		}
		last = b.item
	}
	return n
}

// parseQuestions reads questions by their visible numbers (byNum), or by
// the <ol> items the lines are in.
func parseQuestions(bs []block, byNum bool) ([]askedat.Question, error) {
	type state int
	const (
		wantTitle state = iota
		wantMeta
		inBody
	)
	var (
		qs   []askedat.Question
		body [][]block
		st   state
		item int // the <ol> item of the last question, when !byNum
	)
	// starts reports whether b begins the next question, and with what
	// number and (when on the same line) title.
	starts := func(b block) (n int, title string, ok bool) {
		if !byNum {
			return b.item, "", b.item > 0 && b.item != item
		}
		if m := numberRE.FindStringSubmatch(b.text); m != nil {
			n, _ = strconv.Atoi(m[1])
		} else if m := numberTitleRE.FindStringSubmatch(b.text); m != nil && (len(qs) == 0 || st != wantTitle) {
			n, _ = strconv.Atoi(m[1])
			title = m[2]
		}
		return n, title, n > 0 && (len(qs) == 0 || n == qs[len(qs)-1].Ordinal+1)
	}
	for i, b := range bs {
		if n, title, ok := starts(b); ok {
			st = wantMeta
			switch {
			case !byNum:
				title = b.text // an item's first line is its title
			case title == "":
				st = wantTitle
			}
			item = b.item
			qs = append(qs, askedat.Question{Ordinal: n, Title: title})
			body = append(body, nil)
			continue
		}
		if len(qs) == 0 {
			continue // text before the first question
		}
		q := &qs[len(qs)-1]
		switch st {
		case wantTitle:
			q.Title = b.text
			st = wantMeta
			continue
		case wantMeta:
			st = inBody
			_, _, next := starts(bs[min(i+1, len(bs)-1)])
			more := i+1 < len(bs) && !next
			if cat, diff, ok := metaLine(b.text, more); ok {
				q.Category, q.Difficulty = cat, diff
				continue
			}
		}
		body[len(body)-1] = append(body[len(body)-1], b)
	}
	if len(qs) == 0 {
		return nil, errors.New("no numbered questions under the questions heading")
	}
	for i := range qs {
		if qs[i].Title == "" {
			return nil, fmt.Errorf("question %d has no title", qs[i].Ordinal)
		}
		qs[i].Body = paragraphs(body[i])
	}
	return qs, nil
}

// metaLine parses a question's "Category · Difficulty" line. A line is taken
// for one when it has the separator, or when it names a known category or
// difficulty, or when it is a short label (a few words, no sentence
// punctuation) with the description still to follow.
func metaLine(s string, more bool) (category, difficulty string, ok bool) {
	parts := dotParts(s)
	if len(parts) == 0 || len(parts) > 2 {
		return "", "", false
	}
	for _, p := range parts {
		if len([]rune(p)) > 40 || strings.ContainsAny(p[len(p)-1:], ".?!:") {
			return "", "", false
		}
	}
	if len(parts) == 2 {
		return parts[0], parts[1], true
	}
	p := parts[0]
	switch {
	case knownDifficulty(p):
		return "", p, true
	case knownCategory(p), strings.ContainsAny(s, "·•"):
		return p, "", true
	case more && len(strings.Fields(p)) <= 4:
		return p, "", true
	}
	return "", "", false
}

func knownDifficulty(s string) bool {
	switch askedat.NormalizeDifficulty(s) {
	case askedat.DifficultyEasy, askedat.DifficultyMedium, askedat.DifficultyHard:
		return true
	}
	return false
}

func knownCategory(s string) bool {
	switch askedat.NormalizeCategory(s) {
	case askedat.CategoryBehavioral, askedat.CategoryDSA, askedat.CategorySystemDesign, askedat.CategoryOther, "Aptitude":
		return true
	}
	return false
}

// hasLine reports whether some line of bs matches re.
func hasLine(bs []block, re *regexp.Regexp) bool {
	for _, b := range bs {
		if re.MatchString(b.text) {
			return true
		}
	}
	return false
}

// hostIs reports whether host is domain or a subdomain of it.
func hostIs(host, domain string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return host == domain || strings.HasSuffix(host, "."+domain)
}
