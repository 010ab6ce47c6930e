package moderation

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/feedguard/feedguard/moderation/tone"
	"github.com/feedguard/feedguard/rules"
)

// Thresholds turn a category's score — the sum of the severities of its
// matches in a post — into an action: the strongest action whose threshold
// the score reaches. A zero threshold never fires.
type Thresholds struct {
	Label  int `yaml:"label,omitempty" json:"label,omitempty"`
	Limit  int `yaml:"limit,omitempty" json:"limit,omitempty"`
	Review int `yaml:"review,omitempty" json:"review,omitempty"`
	Block  int `yaml:"block,omitempty" json:"block,omitempty"`
}

func (t Thresholds) action(score float64) (Action, int) {
	for _, c := range []struct {
		a Action
		n int
	}{{Block, t.Block}, {Review, t.Review}, {Limit, t.Limit}, {Label, t.Label}} {
		if c.n > 0 && score >= float64(c.n)-1e-9 {
			return c.a, c.n
		}
	}
	return Allow, 0
}

// LanguagePolicy overrides parts of a Policy for posts in one language.
type LanguagePolicy struct {
	// Categories overrides thresholds, as Policy.Categories does.
	Categories map[string]Thresholds
	// ToneOff and ToneNeutral, when set, override the tone actions.
	ToneOff, ToneNeutral *Action
}

// FieldPolicy weighs the matches found in one field of a post.
type FieldPolicy struct {
	// Weight multiplies the severity of the field's matches (0 means 1).
	Weight float64
}

// Policy decides a post's action from its rule matches and tone, the way
// an anomaly-scoring WAF does: rules only detect, each match adds its
// severity to its category's score, and thresholds per category decide.
// The tone label adds its own action. The post gets the strongest action.
// A Policy is a plain value; the zero value allows everything.
type Policy struct {
	// Name identifies the policy in verdicts.
	Name string
	// Categories holds thresholds per category. A category without an
	// entry uses its parent's ("harassment" for "harassment/threatening"),
	// else Default.
	Categories map[string]Thresholds
	Default    Thresholds
	// ToneOff and ToneNeutral are the actions for posts whose tone is
	// "off" or "neutral".
	ToneOff     Action
	ToneNeutral Action
	// Languages overrides thresholds and tone actions per language (keys
	// are primary BCP 47 subtags: "zh", "en").
	Languages map[string]LanguagePolicy
	// Fields weighs matches by the post field they are in ("title",
	// "tags", "comment", "username"); the main text weighs 1.
	Fields map[string]FieldPolicy
	// Paranoia is the level of rules that count (1 to 4; 0 means 1): a
	// match of a rule with a higher paranoia level is reported, not
	// scored, so strict rules can be rolled out without acting.
	Paranoia int
	// QuotedSeverity is what a quoted match counts for (0 means 1): a term
	// between quotation marks is more likely mentioned than used.
	QuotedSeverity int
	// Shadow computes the action without taking it: verdicts allow every
	// post and carry the would-be action in ShadowAction.
	Shadow bool
	// Mask asks for a copy of the text with matched spans masked.
	Mask bool
}

//go:embed policies/default.yaml
var defaultPolicyYAML []byte

var defaultPolicy = sync.OnceValues(func() (Policy, error) {
	return ParsePolicy("embedded:default.yaml", defaultPolicyYAML)
})

// DefaultPolicy returns the policy used when none is given, from the
// embedded policies/default.yaml. Severities are 1 (note) to 5 (critical).
//
//   - A critical match blocks in most categories (threats, slurs,
//     extremist slogans); sexual content involving minors always blocks.
//   - Insults, hate and scams go to review; two strong ones block.
//   - Self-harm goes to review, never blocks: the writer may need help.
//   - Swearing, engagement bait and undisclosed ads are labelled; more of
//     them limits reach. Off-platform diversion limits reach.
//   - Posts whose tone is "off" for the community have their reach limited.
//   - A quoted match counts as severity 1, once per rule (sb and 傻逼
//     explained side by side are one mention), and is not hostility for
//     tone; a match in a username counts double.
func DefaultPolicy() Policy {
	p, err := defaultPolicy()
	if err != nil {
		panic(err) // the embedded file is checked by the tests
	}
	return p.clone()
}

func (p Policy) clone() Policy {
	p.Categories = maps.Clone(p.Categories)
	p.Fields = maps.Clone(p.Fields)
	p.Languages = maps.Clone(p.Languages)
	return p
}

// LoadPolicy reads a policy file.
func LoadPolicy(path string) (Policy, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Policy{}, fmt.Errorf("moderation: %w", err)
	}
	return ParsePolicy(path, data)
}

// The policy file format.
type rawPolicy struct {
	Policy         string                `yaml:"policy"`
	Description    string                `yaml:"description"`
	Paranoia       yaml.Node             `yaml:"paranoia"`
	QuotedSeverity yaml.Node             `yaml:"quoted_severity"`
	Shadow         bool                  `yaml:"shadow"`
	Mask           bool                  `yaml:"mask"`
	Thresholds     yaml.Node             `yaml:"thresholds"`
	Tone           rawTone               `yaml:"tone"`
	Languages      map[string]rawLangPol `yaml:"languages"`
	Fields         yaml.Node             `yaml:"fields"`
}

type rawTone struct {
	Off     yaml.Node `yaml:"off"`
	Neutral yaml.Node `yaml:"neutral"`
}

type rawLangPol struct {
	Thresholds yaml.Node `yaml:"thresholds"`
	Tone       rawTone   `yaml:"tone"`
}

// ParsePolicy reads a policy file's content; name is used in error
// positions. Every problem is reported, each as file:line:col.
func ParsePolicy(name string, data []byte) (Policy, error) {
	var raw rawPolicy
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return Policy{}, fmt.Errorf("moderation: %s: empty policy", name)
		}
		return Policy{}, fmt.Errorf("moderation: %s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	var probs []string
	bad := func(n *yaml.Node, format string, args ...any) {
		probs = append(probs, fmt.Sprintf("%s:%d:%d: %s", name, n.Line, n.Column, fmt.Sprintf(format, args...)))
	}
	p := Policy{Name: raw.Policy, Shadow: raw.Shadow, Mask: raw.Mask, ToneOff: Allow, ToneNeutral: Allow}
	if p.Name == "" {
		probs = append(probs, name+": missing key \"policy\" (the policy's name)")
	}
	p.Paranoia = intIn(&raw.Paranoia, 1, 4, "paranoia", bad)
	p.QuotedSeverity = intIn(&raw.QuotedSeverity, 1, 5, "quoted_severity", bad)
	p.Categories = thresholdsMap(&raw.Thresholds, bad)
	if t, ok := p.Categories["default"]; ok {
		p.Default = t
		delete(p.Categories, "default")
	}
	if a := actionNode(&raw.Tone.Off, bad); a != nil {
		p.ToneOff = *a
	}
	if a := actionNode(&raw.Tone.Neutral, bad); a != nil {
		p.ToneNeutral = *a
	}
	for _, lang := range slices.Sorted(maps.Keys(raw.Languages)) {
		rl := raw.Languages[lang]
		if strings.ContainsAny(lang, "-_") || lang == "" {
			probs = append(probs, fmt.Sprintf("%s: languages: %q: use a primary language subtag such as \"zh\" or \"en\"", name, lang))
		}
		lp := LanguagePolicy{Categories: thresholdsMap(&rl.Thresholds, bad), ToneOff: actionNode(&rl.Tone.Off, bad), ToneNeutral: actionNode(&rl.Tone.Neutral, bad)}
		if _, ok := lp.Categories["default"]; ok {
			probs = append(probs, fmt.Sprintf("%s: languages: %s: thresholds: use categories here; \"default\" applies to every language", name, lang))
		}
		if p.Languages == nil {
			p.Languages = map[string]LanguagePolicy{}
		}
		p.Languages[lang] = lp
	}
	if f := &raw.Fields; f.Kind == yaml.MappingNode {
		p.Fields = map[string]FieldPolicy{}
		for i := 0; i+1 < len(f.Content); i += 2 {
			k, v := f.Content[i], f.Content[i+1]
			var fp struct {
				Weight float64 `yaml:"weight"`
			}
			if err := v.Decode(&fp); err != nil || fp.Weight <= 0 || math.IsInf(fp.Weight, 0) || math.IsNaN(fp.Weight) {
				bad(v, "field %q: weight must be a positive number", k.Value)
				continue
			}
			p.Fields[k.Value] = FieldPolicy{Weight: fp.Weight}
		}
	} else if f.Kind != 0 {
		bad(f, "fields must be a mapping of field name to {weight: N}")
	}
	if len(probs) > 0 {
		return Policy{}, fmt.Errorf("moderation: invalid policy:\n\t%s", strings.Join(probs, "\n\t"))
	}
	return p, nil
}

func intIn(n *yaml.Node, lo, hi int, key string, bad func(*yaml.Node, string, ...any)) int {
	if n.Kind == 0 {
		return 0
	}
	var v int
	if err := n.Decode(&v); err != nil || v < lo || v > hi {
		bad(n, "%s must be a whole number from %d to %d, found %q", key, lo, hi, n.Value)
		return 0
	}
	return v
}

func actionNode(n *yaml.Node, bad func(*yaml.Node, string, ...any)) *Action {
	if n.Kind == 0 {
		return nil
	}
	a, err := ParseAction(n.Value)
	if err != nil {
		bad(n, "unknown action %q (want allow, label, limit, review or block)", n.Value)
		return nil
	}
	return &a
}

func thresholdsMap(n *yaml.Node, bad func(*yaml.Node, string, ...any)) map[string]Thresholds {
	if n.Kind == 0 {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		bad(n, "thresholds must be a mapping of category to {label, limit, review, block}")
		return nil
	}
	out := map[string]Thresholds{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value != "default" && !rules.KnownCategory(k.Value) {
			bad(k, "unknown category %q", k.Value)
			continue
		}
		if _, dup := out[k.Value]; dup {
			bad(k, "category %q appears twice", k.Value)
			continue
		}
		var t Thresholds
		dec := v
		if err := decodeStrict(dec, &t); err != nil {
			bad(v, "%s: %v", k.Value, err)
			continue
		}
		if t.Label < 0 || t.Limit < 0 || t.Review < 0 || t.Block < 0 {
			bad(v, "%s: thresholds must not be negative", k.Value)
			continue
		}
		out[k.Value] = t
	}
	return out
}

// decodeStrict decodes a mapping node into v, rejecting unknown keys.
func decodeStrict(n *yaml.Node, v any) error {
	b, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		msg := err.Error()
		if i := strings.LastIndex(msg, ": "); i >= 0 && strings.Contains(msg, "not found") {
			msg = msg[i+2:]
		}
		return errors.New(strings.TrimPrefix(msg, "yaml: "))
	}
	return nil
}

// Validate reports problems with a policy built in Go: unknown
// categories, negative thresholds or weights, invalid actions or levels.
func (p Policy) Validate() error {
	var probs []string
	check := func(name string, t Thresholds) {
		if t.Label < 0 || t.Limit < 0 || t.Review < 0 || t.Block < 0 {
			probs = append(probs, fmt.Sprintf("%s: thresholds must not be negative", name))
		}
	}
	check("default", p.Default)
	cats := func(where string, m map[string]Thresholds) {
		for _, c := range slices.Sorted(maps.Keys(m)) {
			if !rules.KnownCategory(c) {
				probs = append(probs, fmt.Sprintf("%sunknown category %q", where, c))
			}
			check(c, m[c])
		}
	}
	cats("", p.Categories)
	validAction := func(a Action) bool { return a >= Allow && a <= Block }
	for _, a := range []Action{p.ToneOff, p.ToneNeutral} {
		if !validAction(a) {
			probs = append(probs, fmt.Sprintf("invalid tone action %d", int(a)))
		}
	}
	for _, l := range slices.Sorted(maps.Keys(p.Languages)) {
		lp := p.Languages[l]
		cats("language "+l+": ", lp.Categories)
		for _, a := range []*Action{lp.ToneOff, lp.ToneNeutral} {
			if a != nil && !validAction(*a) {
				probs = append(probs, fmt.Sprintf("language %s: invalid tone action %d", l, int(*a)))
			}
		}
	}
	for _, f := range slices.Sorted(maps.Keys(p.Fields)) {
		if w := p.Fields[f].Weight; w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			probs = append(probs, fmt.Sprintf("field %s: weight must not be negative", f))
		}
	}
	if p.Paranoia < 0 || p.Paranoia > 4 {
		probs = append(probs, fmt.Sprintf("paranoia %d is not between 1 and 4", p.Paranoia))
	}
	if p.QuotedSeverity < 0 || p.QuotedSeverity > 5 {
		probs = append(probs, fmt.Sprintf("quoted severity %d is not between 1 and 5", p.QuotedSeverity))
	}
	if len(probs) > 0 {
		return fmt.Errorf("moderation: invalid policy: %s", strings.Join(probs, "; "))
	}
	return nil
}

// thresholds finds the thresholds for a category in a language: the
// language's override, else the policy's, walking up to the parent
// category, else Default.
func (p Policy) thresholds(category, lang string) Thresholds {
	base, _, _ := strings.Cut(lang, "-")
	lp, hasLang := p.Languages[base]
	for c := category; ; {
		if hasLang {
			if t, ok := lp.Categories[c]; ok {
				return t
			}
		}
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

func (p Policy) toneAction(label, lang string) Action {
	base, _, _ := strings.Cut(lang, "-")
	lp := p.Languages[base]
	switch label {
	case tone.LabelOff:
		if lp.ToneOff != nil {
			return *lp.ToneOff
		}
		return p.ToneOff
	case tone.LabelNeutral:
		if lp.ToneNeutral != nil {
			return *lp.ToneNeutral
		}
		return p.ToneNeutral
	}
	return Allow
}

// weight is what a match adds to its category's score, and whether it
// counts at all at the policy's paranoia level.
func (p Policy) weight(m rules.Match) (float64, bool) {
	if m.Paranoia > max(p.Paranoia, 1) {
		return 0, false
	}
	w := float64(m.Severity)
	if m.Quoted {
		w = float64(max(p.QuotedSeverity, 1))
	}
	if f, ok := p.Fields[m.Field]; ok && m.Field != "" && f.Weight > 0 {
		w *= f.Weight
	}
	return w, true
}

// Decide returns the action the policy takes on a post with these matches
// and this tone, in the given language (BCP 47), with the reasons in plain
// words. It ignores Shadow: the action returned is the would-be action.
// Tools that tune a policy use it to replay stored verdicts.
func (p Policy) Decide(matches []rules.Match, t tone.Result, language string) (Action, []string) {
	d := p.decide(matches, t, "", language)
	return d.action, d.reasons
}

// decision is the policy's action and the reasons for it.
type decision struct {
	action  Action
	reasons []string
}

func (p Policy) decide(matches []rules.Match, tr tone.Result, profile, lang string) decision {
	scores := map[string]float64{}
	reportOnly := 0
	var mentioned []string // rules already counted for a quoted match
	for _, m := range matches {
		w, counts := p.weight(m)
		if !counts {
			reportOnly++
			continue
		}
		if m.Quoted && m.Field == "" {
			// A term explained in several forms ("sb（傻逼的缩写）") is
			// one mention.
			if slices.Contains(mentioned, m.RuleID) {
				continue
			}
			mentioned = append(mentioned, m.RuleID)
		}
		scores[m.Category] += w
	}
	var d decision
	for _, c := range slices.Sorted(maps.Keys(scores)) {
		a, n := p.thresholds(c, lang).action(scores[c])
		if a == Allow {
			continue
		}
		d.action = max(d.action, a)
		d.reasons = append(d.reasons, fmt.Sprintf("%s: %s score %s reached the %s threshold %d", a, c, formatScore(scores[c]), a, n))
	}
	if ta := p.toneAction(tr.Label, lang); ta != Allow {
		d.action = max(d.action, ta)
		if profile != "" {
			d.reasons = append(d.reasons, fmt.Sprintf("%s: tone is %s for the %s profile (score %.2f)", ta, tr.Label, profile, tr.Score))
		} else {
			d.reasons = append(d.reasons, fmt.Sprintf("%s: tone is %s (score %.2f)", ta, tr.Label, tr.Score))
		}
	}
	if reportOnly > 0 {
		d.reasons = append(d.reasons, fmt.Sprintf("%d match(es) of stricter rules reported only (policy paranoia level %d)", reportOnly, max(p.Paranoia, 1)))
	}
	return d
}

func formatScore(x float64) string {
	if x == math.Trunc(x) {
		return fmt.Sprintf("%d", int(x))
	}
	return fmt.Sprintf("%.1f", x)
}
