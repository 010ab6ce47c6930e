package moderation

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/feedguard/feedguard/moderation/tone"
	"github.com/feedguard/feedguard/rules"
)

func TestDefaultPolicyFile(t *testing.T) {
	p := DefaultPolicy()
	assert.Equal(t, "default", p.Name)
	assert.NoError(t, p.Validate())
	assert.Equal(t, Thresholds{Label: 2, Review: 3, Block: 5}, p.Default)
	assert.Equal(t, Thresholds{Block: 1}, p.Categories["sexual/minors"])
	assert.Equal(t, Thresholds{Review: 1}, p.Categories["self-harm"])
	assert.Equal(t, Limit, p.ToneOff)
	assert.Equal(t, 2.0, p.Fields["username"].Weight)
	// Callers get a copy they may change.
	p.Categories["hate"] = Thresholds{}
	assert.NotEqual(t, Thresholds{}, DefaultPolicy().Categories["hate"])
}

func TestParsePolicyErrors(t *testing.T) {
	src := `policy: strict
paranoia: 7
thresholds:
  default: {label: 1}
  rudeness: {block: 1}
  hate: {review: -1}
  spam: {blok: 2}
tone:
  off: delete
languages:
  en-US:
    thresholds:
      profanity: {label: 3}
fields:
  title: {weight: 0}
`
	_, err := ParsePolicy("p.yaml", []byte(src))
	require.Error(t, err)
	for _, want := range []string{
		"p.yaml:2:11: paranoia must be a whole number from 1 to 4",
		`p.yaml:5:3: unknown category "rudeness"`,
		"p.yaml:6:9: hate: thresholds must not be negative",
		"p.yaml:7:9: spam: field blok not found",
		`p.yaml:9:8: unknown action "delete"`,
		`languages: "en-US": use a primary language subtag`,
		`p.yaml:15:10: field "title": weight must be a positive number`,
	} {
		assert.Contains(t, err.Error(), want)
	}
	_, err = ParsePolicy("e.yaml", nil)
	assert.ErrorContains(t, err, "empty policy")
	_, err = ParsePolicy("u.yaml", []byte("policy: x\ncolour: red\n"))
	assert.ErrorContains(t, err, "colour")
	_, err = LoadPolicy(filepath.Join(t.TempDir(), "missing.yaml"))
	assert.ErrorContains(t, err, "moderation: ")
}

func match(cat string, sev rules.Severity) rules.Match {
	return rules.Match{RuleID: cat, Category: cat, Severity: sev, Paranoia: 1}
}

func TestPolicyDecide(t *testing.T) {
	p, err := ParsePolicy("p.yaml", []byte(`policy: test
paranoia: 2
thresholds:
  default: {label: 2, review: 3, block: 5}
  profanity: {label: 2, limit: 6}
tone: {off: limit}
languages:
  en:
    thresholds:
      profanity: {label: 4}
    tone: {off: label}
fields:
  username: {weight: 2}
`))
	require.NoError(t, err)
	neutral := tone.Result{Label: tone.LabelNeutral}
	off := tone.Result{Label: tone.LabelOff}
	tests := []struct {
		name    string
		matches []rules.Match
		tone    tone.Result
		lang    string
		want    Action
	}{
		{"nothing", nil, neutral, "zh-Hans", Allow},
		{"one medium", []rules.Match{match("hate", 3)}, neutral, "zh-Hans", Review},
		{"sum reaches block", []rules.Match{match("hate", 3), match("hate", 2)}, neutral, "zh-Hans", Block},
		{"parent category", []rules.Match{match("hate/threatening", 5)}, neutral, "zh-Hans", Block},
		{"language override", []rules.Match{match("profanity", 3)}, neutral, "en", Allow},
		{"no override elsewhere", []rules.Match{match("profanity", 3)}, neutral, "zh-Hans", Label},
		{"tone off", nil, off, "zh-Hans", Limit},
		{"language tone override", nil, off, "en", Label},
		{"quoted counts as one", []rules.Match{func() rules.Match { m := match("hate", 5); m.Quoted = true; return m }()}, neutral, "zh", Allow},
		{"username weighs double", []rules.Match{func() rules.Match { m := match("hate", 2); m.Field = "username"; return m }()}, neutral, "zh", Review},
		{"stricter rule only reported", []rules.Match{func() rules.Match { m := match("hate", 5); m.Paranoia = 3; return m }()}, neutral, "zh", Allow},
		{"rule at the policy's level counts", []rules.Match{func() rules.Match { m := match("hate", 5); m.Paranoia = 2; return m }()}, neutral, "zh", Block},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := p.decide(tt.matches, tt.tone, "lifestyle", tt.lang)
			assert.Equal(t, tt.want, d.action, strings.Join(d.reasons, "\n"))
		})
	}
	d := p.decide([]rules.Match{func() rules.Match { m := match("hate", 5); m.Paranoia = 3; return m }()}, neutral, "lifestyle", "zh")
	assert.Contains(t, strings.Join(d.reasons, "\n"), "reported only (policy paranoia level 2)")
}

func TestShadowMaskAndFields(t *testing.T) {
	base := moderator(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "p.yaml")
	require.NoError(t, os.WriteFile(path, []byte("policy: shadowed\nmask: true\nthresholds:\n  default: {review: 3}\nfields:\n  title: {weight: 2}\n"), 0o644))
	m, err := New(WithDetector(base.Detector()), WithPolicyFile(path), WithShadow())
	require.NoError(t, err)
	v, err := m.Moderate(context.Background(), Post{ID: "p1", Text: "你是傻逼吗", Fields: []Field{{Name: "title", Text: "傻逼标题"}, {Name: "tags", Text: "#美食"}}})
	require.NoError(t, err)
	assert.Equal(t, Allow, v.Action, "shadow mode never acts")
	assert.True(t, v.Shadow)
	assert.Equal(t, Review, v.ShadowAction)
	assert.Equal(t, "shadowed", v.Policy)
	assert.Equal(t, "你是**吗", v.Masked)
	require.Len(t, v.Matches, 2)
	assert.Equal(t, "", v.Matches[0].Field)
	assert.Equal(t, "title", v.Matches[1].Field)
	assert.Equal(t, 0, v.Matches[1].Start)
	assert.Equal(t, "傻逼", v.Matches[1].Text)
	for _, r := range v.Reasons {
		assert.True(t, strings.HasPrefix(r, "shadow: "), r)
	}
	assert.Contains(t, strings.Join(v.Reasons, "\n"), "in title")

	_, err = m.Moderate(context.Background(), Post{Fields: []Field{{Name: "", Text: "x"}}})
	assert.ErrorContains(t, err, "has no name")
	_, err = m.Moderate(context.Background(), Post{Fields: []Field{{Name: "a", Text: "x"}, {Name: "a", Text: "y"}}})
	assert.ErrorContains(t, err, `two fields named "a"`)
	many := make([]Field, MaxFields+1)
	for i := range many {
		many[i] = Field{Name: fmt.Sprint("f", i), Text: "x"}
	}
	_, err = m.Moderate(context.Background(), Post{ID: "p", Fields: many})
	assert.ErrorContains(t, err, "more than the 32 allowed")

	// A post with only fields takes its language from them.
	v, err = m.Moderate(context.Background(), Post{Fields: []Field{{Name: "title", Text: "今天的晚饭做了红烧肉，特别好吃"}}})
	require.NoError(t, err)
	assert.Equal(t, "zh-Hans", v.Language)

	_, err = New(WithDetector(base.Detector()), WithPolicyFile(filepath.Join(dir, "none.yaml")))
	assert.Error(t, err)
}

func TestMask(t *testing.T) {
	ms := []rules.Match{{Start: 3, End: 9}, {Start: 10, End: 14, Field: "title"}}
	assert.Equal(t, "ab **cd fuck", Mask("ab 傻逼cd fuck", ms))
	assert.Equal(t, "\uFFFD*", Mask("\xffx", []rules.Match{{Start: 1, End: 2}}))
}

func TestAlsoLanguages(t *testing.T) {
	assert.Equal(t, []string{"en"}, alsoLanguages("asslick", "de"))
	assert.Nil(t, alsoLanguages("asslick", "en"), "English needs no second guess")
	assert.Nil(t, alsoLanguages("Das ist ein ziemlich langer deutscher Satz", "de"), "a long text's language is no guess")
	assert.Nil(t, alsoLanguages("傻逼", "zh-Hans"), "script-decided languages are no guess")
	assert.Nil(t, alsoLanguages("🙂 123", "und"))
}
