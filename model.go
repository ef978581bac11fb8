package askedat

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// DateLayout is the layout of every date in documents: YYYY-MM-DD.
const DateLayout = "2006-01-02"

// An Experience is one post: somebody's account of interviewing at a company
// for a role, with the questions they were asked.
//
// Facet values (Company, Role, Status, and each question's Category and
// Difficulty) are normalised by Normalize; the value as the page spelt it is
// kept beside each in the *Raw fields when it differs.
type Experience struct {
	ID        string     `json:"id"`
	URL       string     `json:"url"`
	Source    string     `json:"source"`
	Title     string     `json:"title"`
	Company   string     `json:"company"`
	Role      string     `json:"role"`
	Status    string     `json:"status"`
	Date      string     `json:"date"`
	Reads     int        `json:"reads"`
	Summary   string     `json:"summary"`
	Body      string     `json:"body"`
	Questions []Question `json:"questions"`

	// Level is the seniority the post was for ("SDE-2", "Intern",
	// "Senior"), when the page says.
	Level string `json:"level,omitempty"`
	// Campus is "On-Campus" or "Off-Campus" for hiring through a college,
	// when the page says.
	Campus string `json:"campus,omitempty"`
	// Location is where the candidate interviewed or applied from.
	Location string `json:"location,omitempty"`
	// Difficulty is the difficulty of the whole interview (Easy, Medium,
	// Hard), as review sites rate it; a question's own difficulty is in the
	// question.
	Difficulty string `json:"difficulty,omitempty"`
	// Sentiment is how the candidate felt about the interview: Positive,
	// Neutral or Negative.
	Sentiment string `json:"sentiment,omitempty"`
	// Tags are the page's own tags or topics.
	Tags []string `json:"tags,omitempty"`
	// Extractor names what made the document: the site extractor, "generic"
	// for the fallback that reads any page's metadata and headings (pages
	// that need an extractor of their own), or "import:<format>" for a
	// dataset import.
	Extractor string `json:"extractor,omitempty"`

	// Deleted marks a deletion, for indexer update: a line
	// {"id": "…", "deleted": true} removes the experience with that id and
	// its questions. Such a line has no other field; no experience in an
	// index is Deleted.
	Deleted bool `json:"deleted,omitempty"`

	CompanyRaw    string `json:"company_raw,omitempty"`
	RoleRaw       string `json:"role_raw,omitempty"`
	StatusRaw     string `json:"status_raw,omitempty"`
	DifficultyRaw string `json:"difficulty_raw,omitempty"`
}

// A Question is one question of an experience. In the index each question is
// its own document carrying its experience's company, role, status, date and
// url.
type Question struct {
	Ordinal    int    `json:"ordinal"`
	Title      string `json:"title"`
	Category   string `json:"category"`
	Difficulty string `json:"difficulty"`
	Body       string `json:"body"`

	// Round is the part of the interview the question came from ("Round 1",
	// "Online Assessment", "HR Round"), when the page says.
	Round string `json:"round,omitempty"`
	// URL links to the question itself where it has a page of its own (a
	// practice problem).
	URL string `json:"url,omitempty"`
	// Tags are the question's topics ("Array", "Hash Table").
	Tags []string `json:"tags,omitempty"`
	// CategoryInferred reports that the page gave no category and Category
	// was inferred from the question's text.
	CategoryInferred bool `json:"category_inferred,omitempty"`

	CategoryRaw   string `json:"category_raw,omitempty"`
	DifficultyRaw string `json:"difficulty_raw,omitempty"`

	// DifficultySource is DifficultyInferred when the page stated no
	// difficulty and the indexer gave the question the one its problem has
	// where it is rated (an imported list of known problems, or another
	// post); empty for a difficulty the page states. Set by the indexer.
	DifficultySource string `json:"difficulty_source,omitempty"`

	// The same question asked elsewhere, in other words: set by the
	// indexer, which groups the questions of all experiences. Cluster is
	// the group's id, ClusterTitle its canonical title, AskedAt the number
	// of companies that asked it.
	Cluster      string `json:"cluster,omitempty"`
	ClusterTitle string `json:"cluster_title,omitempty"`
	AskedAt      int    `json:"asked_at,omitempty"`
}

// DifficultyInferred is Question.DifficultySource for a difficulty the
// indexer inferred.
const DifficultyInferred = "inferred"

// IDForURL returns the stable experience id for a canonical URL: the first
// 16 hex digits of its SHA-1. The scheme and a trailing slash do not change
// it, so http and https copies of one post share an id.
func IDForURL(canonical string) string {
	u := strings.TrimSpace(canonical)
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	u = strings.TrimRight(u, "/")
	sum := sha1.Sum([]byte(strings.ToLower(u)))
	return hex.EncodeToString(sum[:8])
}

// QuestionID returns the index document id of question ordinal n of the
// experience expID.
func QuestionID(expID string, n int) string {
	return fmt.Sprintf("%s-q%d", expID, n)
}

// isQuestionID reports whether id has the shape of a question's document
// id, QuestionID: it ends in "-q" and one or more digits. An experience with
// such an id would share it with a question of another experience.
func isQuestionID(id string) bool {
	_, ok := ExperienceOfQuestion(id)
	return ok
}

// ExperienceOfQuestion returns the experience id of a question's document
// id (QuestionID), and false for an id of another shape (an experience's).
func ExperienceOfQuestion(id string) (string, bool) {
	i := strings.LastIndex(id, "-q")
	if i < 0 || i+2 == len(id) {
		return "", false
	}
	for _, r := range id[i+2:] {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return id[:i], true
}

// maxQuotedURL bounds how much of a refused url an error quotes.
const maxQuotedURL = 80

// checkURL reports an error unless u is empty or an absolute http:// or
// https:// URL with a host. The API returns urls as they are and clients
// link them: javascript: or data: would run in a page that trusts it,
// //host takes the scheme of whatever page shows it, and a relative one
// points into the site that shows it. The crawler and the importers make
// only absolute http(s) links (extract.pageLink, urlnorm).
func checkURL(u string) error {
	if u == "" {
		return nil
	}
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" || pu.Opaque != "" {
		q := u
		if len(q) > maxQuotedURL {
			q = strings.ToValidUTF8(q[:maxQuotedURL], "") + "…"
		}
		return fmt.Errorf("url %q is not an absolute http:// or https:// URL", q)
	}
	return nil
}

// Validate reports what makes e unfit for the index, or nil. It is called on
// normalised experiences.
func (e *Experience) Validate() error {
	if e.ID == "" {
		return fmt.Errorf("experience has no id")
	}
	if e.Deleted {
		return fmt.Errorf("experience %s is a deletion (\"deleted\": true), which only indexer update applies", e.ID)
	}
	if strings.ContainsAny(e.ID, "/?#% ") {
		return fmt.Errorf("experience id %q has a character that is not allowed in ids (/?#%% or space)", e.ID)
	}
	if isQuestionID(e.ID) {
		return fmt.Errorf("experience id %q ends in -q and digits, which only question ids may: question n of experience x has the id x-qn", e.ID)
	}
	if strings.TrimSpace(e.Title) == "" {
		return fmt.Errorf("experience %s has no title", e.ID)
	}
	if e.Date != "" {
		if _, err := time.Parse(DateLayout, e.Date); err != nil {
			return fmt.Errorf("experience %s: date %q is not YYYY-MM-DD", e.ID, e.Date)
		}
	}
	if e.Reads < 0 {
		return fmt.Errorf("experience %s: reads %d is negative", e.ID, e.Reads)
	}
	if err := checkURL(e.URL); err != nil {
		return fmt.Errorf("experience %s: %w", e.ID, err)
	}
	seen := make(map[int]bool, len(e.Questions))
	for i, q := range e.Questions {
		if q.Ordinal <= 0 {
			return fmt.Errorf("experience %s: question %d has ordinal %d, want 1 or more", e.ID, i+1, q.Ordinal)
		}
		if seen[q.Ordinal] {
			return fmt.Errorf("experience %s: two questions have ordinal %d", e.ID, q.Ordinal)
		}
		seen[q.Ordinal] = true
		if strings.TrimSpace(q.Title) == "" {
			return fmt.Errorf("experience %s: question %d has no title", e.ID, q.Ordinal)
		}
		if err := checkURL(q.URL); err != nil {
			return fmt.Errorf("experience %s: question %d: %w", e.ID, q.Ordinal, err)
		}
		switch {
		case q.DifficultySource != "" && q.DifficultySource != DifficultyInferred:
			return fmt.Errorf("experience %s: question %d has difficulty_source %q; want %q or none (the indexer sets it)", e.ID, q.Ordinal, q.DifficultySource, DifficultyInferred)
		case q.DifficultySource != "" && q.Difficulty == "":
			return fmt.Errorf("experience %s: question %d has difficulty_source %q but no difficulty", e.ID, q.Ordinal, q.DifficultySource)
		}
	}
	return nil
}

// Ordinals returns the question ordinals of e, for index.Writer.AddReplacing.
func (e *Experience) Ordinals() []int {
	out := make([]int, len(e.Questions))
	for i, q := range e.Questions {
		out[i] = q.Ordinal
	}
	return out
}
