package extract

import (
	"regexp"
	"strings"
)

var (
	campusRE = regexp.MustCompile(`(?i)\b(on|off|pool)\s*[-–]?\s*campus\b`)
	sdetRE   = regexp.MustCompile(`(?i)\bSDET\b(?:\s*[-–]?\s*(III|II|I|3|2|1)\b)?|\bSDE\s*[-–]?\s*T\b`)
	sdeRE    = regexp.MustCompile(`(?i)\bSDE\b(?:\s*[-–]?\s*(III|II|I|3|2|1)\b)?|\bSDE(III|II|I|3|2|1)\b`)
	swRoleRE = regexp.MustCompile(`(?i)\b(?:software (?:development|developer|dev) engineer|software engineer|software developer|swe)\b`)
	// anyRoleRE is a job title: up to three capitalised words before a
	// word that ends job titles ("Application Engineer", "Data Scientist").
	anyRoleRE = regexp.MustCompile(`\b((?:[A-Z][A-Za-z+#./-]*\s+){0,3}(?:Engineer|Developer|Analyst|Scientist|Manager|Architect|Consultant|Designer|Tester|Programmer|Administrator|Specialist|Associate|Trainee))\b`)
	internRE  = regexp.MustCompile(`(?i)\bintern(?:ship)?s?\b`)
	// fullTimeRE is a title that speaks of a full-time job: with an
	// internship ("for Internship and Full-Time") it names no one level.
	fullTimeRE = regexp.MustCompile(`(?i)\bfull[- ]?time\b|\bFTEs?\b|\bpermanent\b`)
	gradRE     = regexp.MustCompile(`(?i)\bnew[- ]?grad(?:uate)?\b|\bfresher\b`)
	seniorRE   = regexp.MustCompile(`(?i)\b(senior|sr\.?|staff|principal|lead)\s+(?:software|sde|engineer|developer)`)
	expRE      = regexp.MustCompile(`(?i)\bexperienced\b|\b\d+(?:\.\d+)?\s*\+?\s*(?:years?|yrs?|months?)\b`)
)

// titleFacts reads what a post's title says about the job: the role ("SDE"
// or "Application Engineer", normalised later), the level ("SDE-2",
// "Intern", "Experienced") and whether hiring was on or off campus.
func titleFacts(title string) (role, level, campus string) {
	if m := campusRE.FindStringSubmatch(title); m != nil {
		if strings.EqualFold(m[1], "off") {
			campus = "Off-Campus"
		} else {
			campus = "On-Campus"
		}
	}
	switch {
	case sdetRE.MatchString(title):
		role = "SDET"
		if m := sdetRE.FindStringSubmatch(title); m[1] != "" {
			level = "SDET-" + levelNumber(m[1])
		}
	case sdeRE.MatchString(title):
		role = "SDE"
		m := sdeRE.FindStringSubmatch(title)
		if n := m[1] + m[2]; n != "" {
			level = "SDE-" + levelNumber(n)
		}
	case swRoleRE.MatchString(title):
		role = swRoleRE.FindString(title)
	default:
		if m := anyRoleRE.FindStringSubmatch(title); m != nil {
			role = strings.TrimSpace(m[1])
			for again := true; again; {
				again = false
				for _, w := range []string{"For ", "At ", "As ", "An ", "A ", "The ", "My ", "Our "} {
					if r, ok := strings.CutPrefix(role, w); ok {
						role, again = r, true
					}
				}
			}
		}
	}
	if level == "" {
		switch {
		case internRE.MatchString(title) && fullTimeRE.MatchString(title):
			// an internship and a full-time job: no one level
		case internRE.MatchString(title):
			level = "Intern"
		case gradRE.MatchString(title):
			level = "New Grad"
		case seniorRE.MatchString(title):
			level = titleCase(strings.TrimSuffix(seniorRE.FindStringSubmatch(title)[1], "."))
			if level == "Sr" {
				level = "Senior"
			}
		case expRE.MatchString(title):
			level = "Experienced"
		}
	}
	return role, level, campus
}

// withoutCompany cuts the company's name off the front of a role read from
// a title ("Stripe Backend Engineer" at Stripe is "Backend Engineer").
func withoutCompany(role, company string) string {
	if company == "" {
		return role
	}
	if r, ok := strings.CutPrefix(strings.ToLower(role), strings.ToLower(company)+" "); ok && r != "" {
		return strings.TrimSpace(role[len(role)-len(r):])
	}
	return role
}

// levelNumber turns "II" or "2" into "2".
func levelNumber(s string) string {
	switch strings.ToUpper(s) {
	case "I", "1":
		return "1"
	case "II", "2":
		return "2"
	case "III", "3":
		return "3"
	}
	return s
}
