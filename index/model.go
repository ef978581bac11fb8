package index

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
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

	CompanyRaw string `json:"company_raw,omitempty"`
	RoleRaw    string `json:"role_raw,omitempty"`
	StatusRaw  string `json:"status_raw,omitempty"`
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

	CategoryRaw   string `json:"category_raw,omitempty"`
	DifficultyRaw string `json:"difficulty_raw,omitempty"`

	// The same question asked elsewhere, in other words: set by the
	// indexer, which groups the questions of all experiences. Cluster is
	// the group's id, ClusterTitle its canonical title, AskedAt the number
	// of companies that asked it.
	Cluster      string `json:"cluster,omitempty"`
	ClusterTitle string `json:"cluster_title,omitempty"`
	AskedAt      int    `json:"asked_at,omitempty"`
}

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

// Validate reports what makes e unfit for the index, or nil. It is called on
// normalised experiences.
func (e *Experience) Validate() error {
	if e.ID == "" {
		return fmt.Errorf("experience has no id")
	}
	if strings.ContainsAny(e.ID, "/?#% ") {
		return fmt.Errorf("experience id %q has a character that is not allowed in ids (/?#%% or space)", e.ID)
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
	}
	return nil
}
