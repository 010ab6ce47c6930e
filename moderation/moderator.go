package moderation

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/feedguard/feedguard/langdetect"
	"github.com/feedguard/feedguard/moderation/tone"
	"github.com/feedguard/feedguard/rules"
)

// DefaultMaxTextBytes is the default size cap: text beyond it is not
// judged, and the verdict says it was cut. Posts in a lifestyle community
// are a few hundred bytes; the cap keeps a 10 MB paste from costing more
// than a long post.
const DefaultMaxTextBytes = 64 << 10

// MaxFields bounds the fields of a post besides its main text; with the
// size cap on each text, it bounds the work one post can cost.
const MaxFields = 32

// Moderator judges posts. It is safe for concurrent use by multiple
// goroutines; its rule set can be replaced under load with SetRules. The
// zero value is not usable: create a Moderator with New.
type Moderator struct {
	rules    atomic.Pointer[rules.Set]
	detector *langdetect.Detector
	profile  *tone.Profile
	policy   Policy
	maxBytes int
}

type config struct {
	packs       []*rules.Pack
	set         *rules.Set
	noDefaults  bool
	languages   []string
	detector    *langdetect.Detector
	profile     *tone.Profile
	profileName string
	policy      *Policy
	maxBytes    int
	shadow      bool
	errs        []error
}

// Option configures New. Options compose; later options override earlier
// ones where they set the same thing.
type Option func(*config)

// WithPacks adds rule packs to the embedded defaults (or to nothing, with
// WithoutDefaultRules).
func WithPacks(packs ...*rules.Pack) Option {
	packs = slices.Clone(packs)
	return func(c *config) { c.packs = append(c.packs, packs...) }
}

// WithRuleSet uses an already compiled rule set instead of compiling packs;
// it overrides WithPacks and the defaults.
func WithRuleSet(s *rules.Set) Option {
	return func(c *config) {
		if s == nil {
			c.errs = append(c.errs, errors.New("moderation: WithRuleSet: nil rule set"))
		}
		c.set = s
	}
}

// WithoutDefaultRules leaves the embedded rule packs out.
func WithoutDefaultRules() Option { return func(c *config) { c.noDefaults = true } }

// WithLanguages sets the languages the detector chooses among (BCP 47
// tags); the default is langdetect.DefaultLanguages.
func WithLanguages(tags ...string) Option {
	tags = slices.Clone(tags)
	return func(c *config) { c.languages = tags }
}

// WithDetector shares an existing language detector, for example between
// several moderators; it overrides WithLanguages.
func WithDetector(d *langdetect.Detector) Option {
	return func(c *config) {
		if d == nil {
			c.errs = append(c.errs, errors.New("moderation: WithDetector: nil detector"))
		}
		c.detector = d
	}
}

// WithProfile sets the tone profile.
func WithProfile(p *tone.Profile) Option {
	return func(c *config) {
		if p == nil {
			c.errs = append(c.errs, errors.New("moderation: WithProfile: nil profile"))
		}
		c.profile, c.profileName = p, ""
	}
}

// WithProfileName sets the tone profile by the name of an embedded profile
// ("lifestyle", the default, or "entertainment") or the path of a profile
// file.
func WithProfileName(nameOrPath string) Option {
	return func(c *config) { c.profile, c.profileName = nil, nameOrPath }
}

// WithPolicy sets the policy that turns matches and tone into an action.
func WithPolicy(p Policy) Option { return func(c *config) { c.policy = &p } }

// WithPolicyFile reads the policy from a file (see ParsePolicy).
func WithPolicyFile(path string) Option {
	return func(c *config) {
		p, err := LoadPolicy(path)
		if err != nil {
			c.errs = append(c.errs, err)
			return
		}
		c.policy = &p
	}
}

// WithShadow runs the policy in shadow mode: every verdict allows the post
// and carries the would-be action in ShadowAction.
func WithShadow() Option { return func(c *config) { c.shadow = true } }

// WithMaxTextBytes sets the size cap (see DefaultMaxTextBytes).
func WithMaxTextBytes(n int) Option {
	return func(c *config) {
		if n <= 0 {
			c.errs = append(c.errs, fmt.Errorf("moderation: WithMaxTextBytes: %d is not positive", n))
		}
		c.maxBytes = n
	}
}

// New returns a Moderator. With no options it uses the embedded rule
// packs, the default languages (models preloaded: about 0.3 s and 25 MiB),
// the "lifestyle" tone profile and DefaultPolicy. Bad configuration is an
// error, never a panic.
func New(opts ...Option) (*Moderator, error) {
	c := config{maxBytes: DefaultMaxTextBytes}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if err := errors.Join(c.errs...); err != nil {
		return nil, err
	}
	m := &Moderator{maxBytes: c.maxBytes, policy: DefaultPolicy(), profile: c.profile}
	if c.policy != nil {
		if err := c.policy.Validate(); err != nil {
			return nil, err
		}
		m.policy = *c.policy
	}
	if c.shadow {
		m.policy.Shadow = true
	}
	if m.profile == nil {
		name := c.profileName
		if name == "" {
			name = tone.DefaultName
		}
		p, err := tone.Load(name)
		if err != nil {
			return nil, fmt.Errorf("moderation: %w", err)
		}
		m.profile = p
	}
	set := c.set
	if set == nil {
		packs := slices.Clone(c.packs)
		if !c.noDefaults {
			defaults, err := rules.DefaultPacks()
			if err != nil {
				return nil, fmt.Errorf("moderation: embedded rule packs: %w", err)
			}
			packs = append(slices.Clone(defaults), packs...)
		}
		if len(packs) == 0 {
			return nil, errors.New("moderation: no rule packs: WithoutDefaultRules needs WithPacks or WithRuleSet")
		}
		var err error
		if set, err = rules.Compile(packs...); err != nil {
			return nil, fmt.Errorf("moderation: %w", err)
		}
	}
	m.rules.Store(set)
	m.detector = c.detector
	if m.detector == nil {
		var lopts []langdetect.Option
		if c.languages != nil {
			lopts = append(lopts, langdetect.WithLanguages(c.languages...))
		}
		d, err := langdetect.New(lopts...)
		if err != nil {
			return nil, fmt.Errorf("moderation: %w", err)
		}
		m.detector = d
	}
	return m, nil
}

// Rules returns the rule set currently in use.
func (m *Moderator) Rules() *rules.Set { return m.rules.Load() }

// SetRules replaces the rule set atomically: each post is judged entirely
// by one rule set, the old or the new. To reload packs safely, compile
// them first and call SetRules only if that succeeded; see ReloadRules.
func (m *Moderator) SetRules(s *rules.Set) error {
	if s == nil {
		return errors.New("moderation: SetRules: nil rule set")
	}
	m.rules.Store(s)
	return nil
}

// ReloadRules compiles packs and, if that succeeds, makes them the rule
// set. On error the old rule set stays in use.
func (m *Moderator) ReloadRules(packs ...*rules.Pack) error {
	s, err := rules.Compile(packs...)
	if err != nil {
		return fmt.Errorf("moderation: %w", err)
	}
	return m.SetRules(s)
}

// Policy returns the policy in use.
func (m *Moderator) Policy() Policy { return m.policy.clone() }

// Profile returns the tone profile in use.
func (m *Moderator) Profile() *tone.Profile { return m.profile }

// Detector returns the language detector in use.
func (m *Moderator) Detector() *langdetect.Detector { return m.detector }

// hostileCategories count against tone when matched.
var hostileCategories = []string{"harassment", "hate", "violence", "extremism", "profanity"}

func isHostile(category string) bool {
	base, _, _ := strings.Cut(category, "/")
	return slices.Contains(hostileCategories, base)
}

// Moderate judges one post. It fails only when ctx is done or the post is
// malformed (a field without a name, two fields with one name, more than
// MaxFields fields). Text of
// any content — empty, invalid UTF-8, control characters, megabytes — gets
// a verdict; text beyond the size cap is not judged and the verdict is
// marked Truncated.
func (m *Moderator) Moderate(ctx context.Context, post Post) (Verdict, error) {
	if err := ctx.Err(); err != nil {
		return Verdict{}, fmt.Errorf("moderation: %w", err)
	}
	if len(post.Fields) > MaxFields {
		return Verdict{}, fmt.Errorf("moderation: post %q has %d fields, more than the %d allowed", post.ID, len(post.Fields), MaxFields)
	}
	for i, f := range post.Fields {
		if f.Name == "" {
			return Verdict{}, fmt.Errorf("moderation: field %d of post %q has no name", i, post.ID)
		}
		for _, g := range post.Fields[:i] {
			if g.Name == f.Name {
				return Verdict{}, fmt.Errorf("moderation: post %q has two fields named %q", post.ID, f.Name)
			}
		}
	}
	set := m.rules.Load()
	v := Verdict{RulesVersion: set.Version(), Profile: m.profile.Name, Policy: m.policy.Name}
	text := post.Text
	if len(text) > m.maxBytes {
		text = cutAtRune(text, m.maxBytes)
		v.Truncated = true
	}
	fields := make([]Field, len(post.Fields))
	for i, f := range post.Fields {
		if len(f.Text) > m.maxBytes {
			f.Text = cutAtRune(f.Text, m.maxBytes)
			v.Truncated = true
		}
		fields[i] = f
	}

	// The post's language comes from its main text, or from its fields
	// when it has none.
	langText := text
	if strings.TrimSpace(langText) == "" && len(fields) > 0 {
		parts := make([]string, len(fields))
		for i, f := range fields {
			parts[i] = f.Text
		}
		langText = strings.Join(parts, "\n")
	}
	lang := m.detector.Detect(langText)
	v.Language, v.LanguageConfidence = lang.Language, round3(lang.Confidence)
	v.LanguageSpans = []LanguageSpan{}
	var spans []rules.Span
	if langText == text {
		for _, s := range lang.Spans {
			v.LanguageSpans = append(v.LanguageSpans, LanguageSpan{Start: s.Start, End: s.End, Language: s.Language})
			spans = append(spans, rules.Span{Start: s.Start, End: s.End, Language: s.Language})
		}
	}

	opts := rules.FindOptions{Language: lang.Language, Spans: spans, Also: alsoLanguages(text, lang.Language)}
	v.Matches = set.Find(text, opts)
	for _, f := range fields {
		for _, mt := range set.Find(f.Text, rules.FindOptions{Language: lang.Language, Also: alsoLanguages(f.Text, lang.Language)}) {
			mt.Field = f.Name
			v.Matches = append(v.Matches, mt)
		}
	}
	if v.Matches == nil {
		v.Matches = []rules.Match{}
	}
	v.Categories = []string{}
	var hostile []tone.Hostile
	for _, mt := range v.Matches {
		if !slices.Contains(v.Categories, mt.Category) {
			v.Categories = append(v.Categories, mt.Category)
		}
		// Hostility counts what the policy counts, in the main text; a
		// note (everyday swearing such as "crap") is recorded, not hostile,
		// and a term mentioned rather than used (quoted, or named as a
		// word) is not aimed at anyone.
		if w, counts := m.policy.weight(mt); counts && !mt.Quoted && mt.Field == "" && mt.Severity > rules.SeverityNote && isHostile(mt.Category) {
			hostile = append(hostile, tone.Hostile{Start: mt.Start, End: mt.End, Severity: int(math.Round(w))})
		}
	}
	slices.Sort(v.Categories)

	v.Tone = m.profile.Score(tone.Input{Text: text, Language: lang.Language, Hostile: hostile})
	d := m.policy.decide(v.Matches, v.Tone, m.profile.Name, lang.Language)
	v.Action = d.action
	v.Reasons = d.reasons
	for _, mt := range v.Matches {
		v.Reasons = append(v.Reasons, matchReason(mt))
	}
	if v.Truncated {
		v.Reasons = append(v.Reasons, fmt.Sprintf("only the first %d bytes of each text were judged", m.maxBytes))
	}
	if m.policy.Shadow {
		v.Shadow, v.ShadowAction, v.Action = true, v.Action, Allow
		for i, r := range v.Reasons {
			v.Reasons[i] = "shadow: " + r
		}
	}
	if m.policy.Mask {
		v.Masked = Mask(text, v.Matches)
	}
	if v.Reasons == nil {
		v.Reasons = []string{}
	}
	return v, nil
}

// shortLatinPost is the most letters a Latin-script text may have for its
// detected language to count as a guess.
const shortLatinPost = 20

// alsoLanguages returns the languages a short Latin-script text may be in
// besides the detected one. One or two words give a detector little to go
// on ("asslick" reads as German), and English is the Latin-script language
// most posts in the community are written in, so rules scoped to English,
// or scoped away from the guessed language, still apply.
func alsoLanguages(text, lang string) []string {
	if lang == "en" || strings.HasPrefix(lang, "en-") {
		return nil
	}
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return nil
			}
			letters++
			if letters > shortLatinPost {
				return nil
			}
		}
	}
	if letters == 0 {
		return nil
	}
	return []string{"en"}
}

// Mask returns text with every byte range of a match in the main text
// (matches without a Field) replaced by one "*" per character.
func Mask(text string, matches []rules.Match) string {
	var b strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		masked := false
		for _, m := range matches {
			if m.Field == "" && m.Start <= i && i < m.End {
				masked = true
				break
			}
		}
		if masked {
			b.WriteByte('*')
		} else if r == utf8.RuneError && size == 1 {
			b.WriteString("\uFFFD")
		} else {
			b.WriteString(text[i : i+size])
		}
		i += size
	}
	return b.String()
}

// matchReason explains one match in plain words.
func matchReason(m rules.Match) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s, severity %s): %q", m.Category, m.RuleID, m.Severity, m.Text)
	if m.Term != "" && m.Text != m.Term && len(m.Steps) > 0 {
		fmt.Fprintf(&b, " read as %q after %s", m.Term, strings.Join(m.Steps, ", "))
	}
	if m.Field != "" {
		fmt.Fprintf(&b, " in %s", m.Field)
	}
	if m.Quoted {
		b.WriteString(" (quoted, so counted as mentioned rather than used)")
	}
	if m.Gloss != "" {
		b.WriteString(" — ")
		b.WriteString(m.Gloss)
	}
	return b.String()
}

// cutAtRune cuts s to at most n bytes without splitting a UTF-8 sequence.
func cutAtRune(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for i := n; i > 0 && i > n-utf8.UTFMax; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i]
		}
	}
	return s[:n]
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
