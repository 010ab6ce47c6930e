package rules

import (
	"fmt"
	"slices"
	"strings"
)

// Severity says how serious a rule's match is, from 1 (a note worth
// recording) to 5 (critical). In a pack it may be written as the number or
// as its name.
type Severity int

// The severities, weakest first. The moderation policy adds the severities
// of a post's matches per category and compares the sum with thresholds.
const (
	SeverityNote     Severity = 1
	SeverityLow      Severity = 2
	SeverityMedium   Severity = 3
	SeverityHigh     Severity = 4
	SeverityCritical Severity = 5
)

var severityNames = [...]string{"", "note", "low", "medium", "high", "critical"}

// String returns the severity's name.
func (s Severity) String() string {
	if s >= SeverityNote && s <= SeverityCritical {
		return severityNames[s]
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// ParseSeverity accepts a name ("high") or a number ("4").
func ParseSeverity(s string) (Severity, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	for i := SeverityNote; i <= SeverityCritical; i++ {
		if s == severityNames[i] || s == fmt.Sprint(int(i)) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("rules: severity %q is not one of 1-5 or note, low, medium, high, critical", s)
}

// MatchMode says where a term may match.
type MatchMode string

const (
	// MatchWord matches a term only as a whole word in scripts written with
	// spaces (Latin, Cyrillic, Greek, Arabic, Hangul, ...): the characters
	// before and after the match in the original text must not be letters
	// or digits. Han, kana and Thai have no word boundaries, so terms in
	// those scripts match wherever they occur. It is the default.
	MatchWord MatchMode = "word"
	// MatchSubstring matches a term anywhere, inside words too.
	MatchSubstring MatchMode = "substring"
	// MatchAlone matches a term only when it is all the text says, with
	// nothing but spaces, punctuation, symbols and emoji around it. A
	// put-down posted on its own ("crap", "loser!", "垃圾") is aimed at
	// someone; the same word in a sentence is a remark ("the battery is
	// crap", 垃圾分类).
	MatchAlone MatchMode = "alone"
)

// Categories lists the categories a rule may name. They follow the
// taxonomy of the common moderation APIs (OpenAI moderation, MLCommons
// hazards) and the platform categories feed services use.
var Categories = []string{
	"harassment",
	"harassment/threatening",
	"hate",
	"hate/threatening",
	"sexual",
	"sexual/minors",
	"violence",
	"violence/graphic",
	"self-harm",
	"self-harm/intent",
	"self-harm/instructions",
	"illicit",
	"illicit/violent",
	"extremism",
	"profanity",
	"spam",
	"spam/engagement-bait",
	"scam",
	"off-platform",
	"personal-data",
	"advertising/undisclosed",
}

// KnownCategory reports whether c is one of Categories.
func KnownCategory(c string) bool { return slices.Contains(Categories, c) }

// Rule is one detection rule: a set of terms that, when found in a post,
// report the rule's category and severity. Rules only detect; what to do
// about a match is the moderation policy's decision.
type Rule struct {
	// ID names the rule uniquely across every pack in a Set, for example
	// "zh.harassment.shabi".
	ID       string
	Category string
	Severity Severity
	// Gloss says what the terms mean, to whom, and how strong they are. It
	// is shown in verdict reasons.
	Gloss string
	// Terms are matched after normalisation (see the package doc).
	Terms []string
	// Languages, when not empty, limits the rule to text in those languages
	// (BCP 47 primary tags like "zh", "en"); NotLanguages excludes text in
	// those. The language of a match is that of the span it falls in, else
	// the post's.
	Languages    []string
	NotLanguages []string
	Match        MatchMode
	// Regex holds RE2 patterns (Go regexp syntax) for what a word list
	// cannot express: phone numbers, e-mail addresses, handles. They are
	// matched on the text after the per-character normalisation (NFKC,
	// lower-casing, diacritics, invisible characters), in linear time. A
	// rule may have terms, patterns or both.
	Regex []string
	// When gates the patterns: they run only on posts where one of these
	// literals occurs (matched like terms, anywhere, in any language).
	// WhenDigits gates them on posts with at least that many digits. With
	// neither, the patterns run on every post.
	When       []string
	WhenDigits int
	// Paranoia is the policy paranoia level from which the rule counts
	// (1 to 4; 0 means 1). Strict rules with a higher level are still
	// reported at lower levels, without adding to any score.
	Paranoia int
	// Pinyin asks for the romanised forms of the rule's Chinese terms to be
	// matched too: full pinyin without tones, joined and spaced ("shabi",
	// "sha bi"), and initials ("sb") for terms of two Han characters or
	// more. The romanised forms match as whole words and only in the
	// rule's languages, or in Chinese when the rule names none: "sb" means
	// "somebody" in English.
	Pinyin bool
	// Exceptions are innocent terms that contain a term of the rule
	// ("Scunthorpe", "操场"): a match lying inside an occurrence of an
	// exception is dropped.
	Exceptions []string
	// Examples are texts the rule must match and must not match; they are
	// the rule's own tests (see Set.Test).
	Examples Examples

	pos Position
}

// Examples are a rule's self-tests.
type Examples struct {
	Match   []string
	NoMatch []string
}

// Pos is where the rule is defined.
func (r *Rule) Pos() Position { return r.pos }

// Pack is a parsed rule-pack file: a named list of rules.
type Pack struct {
	Name        string
	Description string
	Rules       []*Rule
	// Source names where the pack came from (a file path, or "embedded:NAME").
	Source string
}

// TermKey returns the identity of a term as the matcher sees it: two terms
// with the same key match exactly the same texts. It is empty for a term
// that normalises to nothing. See the package doc for the normalisation.
func TermKey(term string) string { return termKey(term) }
