package moderation

import (
	"encoding/json"
	"fmt"

	"github.com/feedguard/feedguard/moderation/tone"
	"github.com/feedguard/feedguard/rules"
)

// Action is what a feed should do with a post. Actions are ordered: each
// is stronger than the one before.
type Action int

const (
	// Allow shows the post normally.
	Allow Action = iota
	// Label shows the post with a notice (for example "may read as an
	// insult to Chinese readers").
	Label
	// Limit keeps the post up but reduces its reach.
	Limit
	// Review holds the post for a human moderator.
	Review
	// Block removes the post.
	Block
)

var actionNames = [...]string{"allow", "label", "limit", "review", "block"}

// String returns the action's name: "allow", "label", "limit", "review" or
// "block".
func (a Action) String() string {
	if a >= Allow && a <= Block {
		return actionNames[a]
	}
	return fmt.Sprintf("Action(%d)", int(a))
}

// ParseAction parses an action's name.
func ParseAction(s string) (Action, error) {
	for i, n := range actionNames {
		if s == n {
			return Action(i), nil
		}
	}
	return 0, fmt.Errorf("moderation: unknown action %q (want allow, label, limit, review or block)", s)
}

// MarshalText encodes the action as its name.
func (a Action) MarshalText() ([]byte, error) {
	if a < Allow || a > Block {
		return nil, fmt.Errorf("moderation: invalid action %d", int(a))
	}
	return []byte(a.String()), nil
}

// UnmarshalText decodes an action's name.
func (a *Action) UnmarshalText(b []byte) error {
	v, err := ParseAction(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Post is what Moderate judges: a main text and, optionally, other fields
// judged with it (a note's title and tags, a comment, the author's name).
type Post struct {
	// ID is the caller's identifier; it is not used by the judgement.
	ID string
	// Text is the post's main text (its body).
	Text string
	// Fields are the post's other texts, each with a name ("title",
	// "tags", "comment", "username"). Matches in them carry the field's
	// name and offsets into its text; the policy may weigh them
	// differently. Names must be non-empty and distinct.
	Fields []Field
}

// Field is one named text of a post.
type Field struct {
	Name string
	Text string
}

// LanguageSpan is a run of the post in one language. Start and End are
// byte offsets into the post's text.
type LanguageSpan struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Language string `json:"language"`
}

// Verdict is the judgement on one post, with everything needed to explain
// it. Its JSON form is the one the feedguard CLI prints.
type Verdict struct {
	Action Action `json:"action"`
	// Language is the post's primary language as a BCP 47 tag ("en",
	// "zh-Hans", "zh-Hant", ..., or "und" when it cannot be told).
	Language           string         `json:"language"`
	LanguageConfidence float64        `json:"language_confidence"`
	LanguageSpans      []LanguageSpan `json:"language_spans"`
	// Categories lists, sorted, the categories of the matches.
	Categories []string `json:"categories"`
	// Matches are the rule matches, in text order; offsets refer to the
	// post's text as given (up to the size cap).
	Matches []rules.Match `json:"matches"`
	Tone    tone.Result   `json:"tone"`
	// Reasons explain the action in plain words.
	Reasons []string `json:"reasons"`
	// Profile names the tone profile used, Policy the policy.
	Profile string `json:"profile"`
	Policy  string `json:"policy,omitempty"`
	// Shadow is set when the policy runs in shadow mode: Action is then
	// always allow, and ShadowAction is what the policy would have done.
	Shadow       bool   `json:"shadow,omitempty"`
	ShadowAction Action `json:"shadow_action,omitempty"`
	// Masked is the text with every matched span replaced by "*" per
	// character, when the policy asks for it.
	Masked string `json:"masked,omitempty"`
	// RulesVersion identifies the rule set that judged the post.
	RulesVersion string `json:"rules_version"`
	// Truncated is set when the text was longer than the size cap and only
	// its first part was judged.
	Truncated bool `json:"truncated,omitempty"`
}

// String renders the verdict as JSON.
func (v Verdict) String() string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("moderation: %v", err)
	}
	return string(b)
}
