package moderation

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/feedguard/feedguard/moderation/tone"
	"github.com/feedguard/feedguard/rules"
)

// Thresholds turn a category's score — the sum of the severities of its
// matches in a post — into an action: the strongest action whose threshold
// the score reaches. A zero threshold never fires.
type Thresholds struct {
	Label  int `json:"label,omitempty"`
	Limit  int `json:"limit,omitempty"`
	Review int `json:"review,omitempty"`
	Block  int `json:"block,omitempty"`
}

func (t Thresholds) action(score int) (Action, int) {
	for _, c := range []struct {
		a Action
		n int
	}{{Block, t.Block}, {Review, t.Review}, {Limit, t.Limit}, {Label, t.Label}} {
		if c.n > 0 && score >= c.n {
			return c.a, c.n
		}
	}
	return Allow, 0
}

// Policy decides a post's action from its rule matches and tone, the way
// an anomaly-scoring WAF does: rules only detect, each match adds its
// severity to its category's score, and thresholds per category decide.
// The tone label adds its own action. The post gets the strongest action.
// A Policy is a plain value; the zero value allows everything.
type Policy struct {
	// Categories holds thresholds per category. A category without an
	// entry uses its parent's ("harassment" for "harassment/threatening"),
	// else Default.
	Categories map[string]Thresholds
	Default    Thresholds
	// ToneOff and ToneNeutral are the actions for posts whose tone is
	// "off" or "neutral".
	ToneOff     Action
	ToneNeutral Action
}

// DefaultPolicy returns the policy used when none is given. Severities are
// 1 (note) to 5 (critical); see the rules package.
//
//   - A critical match blocks in most categories (threats, slurs,
//     extremist slogans); sexual content involving minors always blocks.
//   - Insults, hate and scams go to review; two strong ones block.
//   - Self-harm goes to review, never blocks: the writer may need help.
//   - Swearing, engagement bait and undisclosed ads are labelled; more of
//     them limits reach. Off-platform diversion limits reach.
//   - Posts whose tone is "off" for the community have their reach limited.
//
// A quoted match ("sb", 「鬼佬」) counts as severity 1: the term is more
// likely mentioned than used.
func DefaultPolicy() Policy {
	return Policy{
		Default: Thresholds{Label: 2, Review: 3, Block: 5},
		Categories: map[string]Thresholds{
			"harassment":              {Label: 2, Review: 3, Block: 8},
			"harassment/threatening":  {Review: 3, Block: 5},
			"hate":                    {Label: 2, Review: 3, Block: 5},
			"violence":                {Review: 3, Block: 5},
			"self-harm":               {Review: 1},
			"sexual":                  {Label: 2, Review: 3, Block: 8},
			"sexual/minors":           {Block: 1},
			"profanity":               {Label: 2, Limit: 6, Review: 10},
			"spam":                    {Label: 2, Limit: 4, Review: 8},
			"scam":                    {Review: 3, Block: 8},
			"off-platform":            {Label: 2, Limit: 3, Review: 8},
			"personal-data":           {Label: 2, Review: 4},
			"advertising/undisclosed": {Label: 2, Limit: 4},
			"extremism":               {Review: 3, Block: 5},
		},
		ToneOff: Limit,
	}
}

// Validate reports problems with the policy: unknown categories, negative
// thresholds, invalid tone actions.
func (p Policy) Validate() error {
	var probs []string
	check := func(name string, t Thresholds) {
		if t.Label < 0 || t.Limit < 0 || t.Review < 0 || t.Block < 0 {
			probs = append(probs, fmt.Sprintf("%s: thresholds must not be negative", name))
		}
	}
	check("default", p.Default)
	for _, c := range slices.Sorted(maps.Keys(p.Categories)) {
		if !rules.KnownCategory(c) {
			probs = append(probs, fmt.Sprintf("unknown category %q", c))
		}
		check(c, p.Categories[c])
	}
	for _, a := range []Action{p.ToneOff, p.ToneNeutral} {
		if a < Allow || a > Block {
			probs = append(probs, fmt.Sprintf("invalid tone action %d", int(a)))
		}
	}
	if len(probs) > 0 {
		return fmt.Errorf("moderation: invalid policy: %s", strings.Join(probs, "; "))
	}
	return nil
}

func (p Policy) thresholds(category string) Thresholds {
	for c := category; ; {
		if t, ok := p.Categories[c]; ok {
			return t
		}
		i := strings.LastIndexByte(c, '/')
		if i < 0 {
			return p.Default
		}
		c = c[:i]
	}
}

// effectiveSeverity is what a match adds to its category's score: its
// severity, or 1 when the term is quoted — mentioned rather than used, as
// in a post explaining what a slur means.
func effectiveSeverity(m rules.Match) int {
	if m.Quoted {
		return 1
	}
	return int(m.Severity)
}

// decision is the policy's action and the reasons for it.
type decision struct {
	action  Action
	reasons []string
}

func (p Policy) decide(matches []rules.Match, tr tone.Result, profile string) decision {
	scores := map[string]int{}
	for _, m := range matches {
		scores[m.Category] += effectiveSeverity(m)
	}
	var d decision
	for _, c := range slices.Sorted(maps.Keys(scores)) {
		a, n := p.thresholds(c).action(scores[c])
		if a == Allow {
			continue
		}
		d.action = max(d.action, a)
		d.reasons = append(d.reasons, fmt.Sprintf("%s: %s score %d reached the %s threshold %d", a, c, scores[c], a, n))
	}
	var ta Action
	switch tr.Label {
	case tone.LabelOff:
		ta = p.ToneOff
	case tone.LabelNeutral:
		ta = p.ToneNeutral
	}
	if ta != Allow {
		d.action = max(d.action, ta)
		d.reasons = append(d.reasons, fmt.Sprintf("%s: tone is %s for the %s profile (score %.2f)", ta, tr.Label, profile, tr.Score))
	}
	return d
}
