package tone

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Profile describes a community's tone: which signals it rewards and
// penalises, how strongly, and where its labels start. A Profile is
// immutable once loaded and safe for concurrent use. The zero value has no
// signals and scores every post at 0.5; load profiles with Load or Parse.
type Profile struct {
	Name        string
	Description string
	// Bias is the score's starting point on the logistic scale: 0 means
	// 0.5 before any signal.
	Bias float64
	// Fits and Off are the label thresholds: score >= Fits is "fits",
	// score < Off is "off", anything between is "neutral".
	Fits, Off float64
	signals   []signalSpec
	// lexicon indexes every lexicon term of every signal by its first
	// byte, longest first, so one pass over a post finds them all.
	lexicon [256][]lexRef
	// lexiconRune holds the buckets of lexicon for lead bytes beyond ASCII
	// split by first character, in the same order: at a Chinese character
	// only the terms that start with it are tried. Nil when some term does
	// not start with a valid character (then lexicon alone is used).
	lexiconRune map[rune][]lexRef
	// lexiconFirst holds the keys of lexiconRune below 0x10000.
	lexiconFirst *runeSet
	// weightsByLang holds, for each language some signal weighs apart,
	// the weight of every signal in it (signalSpec.weight); the others
	// take defaultWeights.
	weightsByLang  map[string][]float64
	defaultWeights []float64
}

type lexRef struct {
	signal, term int
}

type signalSpec struct {
	name    string
	weights map[string]float64 // by primary language subtag; "default" for the rest
	terms   []term             // for lexicon signals, longest first
}

type term struct {
	text string // lower-cased
	lang string
	word bool // needs word boundaries (starts or ends with an ASCII letter)
}

// Builtin names the signals computed from the text's shape or from rule
// matches rather than from a lexicon. A profile may weigh them but gives
// them no terms.
var Builtin = []string{
	"detail", "question", "shouting", "punctuation_flood", "emoji_flood", "hashtag_stuffing",
	"repetition", "hostility", "group_contempt", "dismissive_emoji", "positive_valence", "negative_valence",
}

// Signals returns the names of the profile's signals, in file order.
func (p *Profile) Signals() []string {
	out := make([]string, len(p.signals))
	for i, s := range p.signals {
		out[i] = s.name
	}
	return out
}

// Weight returns the weight of signal name for text in lang, and whether
// the profile has that signal.
func (p *Profile) Weight(name, lang string) (float64, bool) {
	for _, s := range p.signals {
		if s.name == name {
			return s.weight(lang), true
		}
	}
	return 0, false
}

// signalWeights returns the weight of every signal for text in lang.
func (p *Profile) signalWeights(lang string) []float64 {
	base, _, _ := strings.Cut(lang, "-")
	if ws, ok := p.weightsByLang[base]; ok {
		return ws
	}
	return p.defaultWeights
}

// indexWeights fills weightsByLang and defaultWeights.
func (p *Profile) indexWeights() {
	p.weightsByLang = map[string][]float64{}
	p.defaultWeights = make([]float64, len(p.signals))
	for i := range p.signals {
		p.defaultWeights[i] = p.signals[i].weight("default")
		for lang := range p.signals[i].weights {
			if p.weightsByLang[lang] != nil {
				continue
			}
			ws := make([]float64, len(p.signals))
			for j := range p.signals {
				ws[j] = p.signals[j].weight(lang)
			}
			p.weightsByLang[lang] = ws
		}
	}
}

func (s *signalSpec) weight(lang string) float64 {
	base, _, _ := strings.Cut(lang, "-")
	if w, ok := s.weights[base]; ok {
		return w
	}
	return s.weights["default"]
}

//go:embed profiles/*.yaml
var embedded embed.FS

var builtinProfiles = sync.OnceValues(func() (map[string]*Profile, error) {
	names, err := embedded.ReadDir("profiles")
	if err != nil {
		return nil, err
	}
	out := map[string]*Profile{}
	for _, n := range names {
		data, err := embedded.ReadFile(path.Join("profiles", n.Name()))
		if err != nil {
			return nil, err
		}
		p, err := Parse("embedded:"+n.Name(), data)
		if err != nil {
			return nil, err
		}
		out[p.Name] = p
	}
	return out, nil
})

// DefaultName is the profile used when none is chosen.
const DefaultName = "lifestyle"

// Names lists the embedded profiles.
func Names() []string {
	ps, err := builtinProfiles()
	if err != nil {
		return nil
	}
	return slices.Sorted(maps.Keys(ps))
}

// BuiltinProfile returns an embedded profile by name: "lifestyle" (the default)
// or "entertainment".
func BuiltinProfile(name string) (*Profile, error) {
	ps, err := builtinProfiles()
	if err != nil {
		return nil, fmt.Errorf("tone: embedded profiles: %w", err)
	}
	p, ok := ps[name]
	if !ok {
		return nil, fmt.Errorf("tone: no profile named %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return p, nil
}

// Load returns the embedded profile called nameOrPath, or else reads the
// profile file at that path.
func Load(nameOrPath string) (*Profile, error) {
	if p, err := BuiltinProfile(nameOrPath); err == nil {
		return p, nil
	}
	data, err := os.ReadFile(nameOrPath)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(nameOrPath, "/.") {
			return nil, fmt.Errorf("tone: no profile named %q (have %s)", nameOrPath, strings.Join(Names(), ", "))
		}
		return nil, fmt.Errorf("tone: %w", err)
	}
	return Parse(nameOrPath, data)
}

// rawProfile is the file format.
type rawProfile struct {
	Profile     string  `yaml:"profile"`
	Description string  `yaml:"description"`
	Bias        float64 `yaml:"bias"`
	Thresholds  struct {
		Fits *float64 `yaml:"fits"`
		Off  *float64 `yaml:"off"`
	} `yaml:"thresholds"`
	Signals yaml.Node `yaml:"signals"`
}

type rawSignal struct {
	Weight yaml.Node           `yaml:"weight"`
	Terms  map[string][]string `yaml:"terms"`
}

// Parse reads a profile file. name is used in error messages. All problems
// found are reported together, each with its line and column.
func Parse(name string, data []byte) (*Profile, error) {
	var raw rawProfile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("tone: %s: empty profile", name)
		}
		return nil, fmt.Errorf("tone: %s: %w", name, err)
	}
	var problems []string
	bad := func(n *yaml.Node, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d:%d: %s", name, n.Line, n.Column, fmt.Sprintf(format, args...)))
	}
	p := &Profile{Name: raw.Profile, Description: strings.TrimSpace(raw.Description), Bias: raw.Bias, Fits: 0.6, Off: 0.4}
	if p.Name == "" {
		problems = append(problems, name+": missing key \"profile\" (the profile's name)")
	}
	if raw.Thresholds.Fits != nil {
		p.Fits = *raw.Thresholds.Fits
	}
	if raw.Thresholds.Off != nil {
		p.Off = *raw.Thresholds.Off
	}
	if !(0 <= p.Off && p.Off <= p.Fits && p.Fits <= 1) {
		problems = append(problems, fmt.Sprintf("%s: thresholds must satisfy 0 <= off (%g) <= fits (%g) <= 1", name, p.Off, p.Fits))
	}
	sig := &raw.Signals
	switch {
	case sig.Kind == 0:
		problems = append(problems, name+": missing key \"signals\"")
	case sig.Kind != yaml.MappingNode:
		bad(sig, "signals must be a mapping of signal names")
	}
	for i := 0; sig.Kind == yaml.MappingNode && i+1 < len(sig.Content); i += 2 {
		k, v := sig.Content[i], sig.Content[i+1]
		var rs rawSignal
		if err := v.Decode(&rs); err != nil {
			bad(v, "signal %q: %v", k.Value, strings.TrimPrefix(err.Error(), "yaml: "))
			continue
		}
		spec := signalSpec{name: k.Value, weights: map[string]float64{}}
		switch rs.Weight.Kind {
		case 0:
			bad(v, "signal %q has no weight", k.Value)
		case yaml.ScalarNode:
			w, err := strconv.ParseFloat(rs.Weight.Value, 64)
			if err != nil {
				bad(&rs.Weight, "signal %q: weight %q is not a number", k.Value, rs.Weight.Value)
			}
			spec.weights["default"] = w
		case yaml.MappingNode:
			if err := rs.Weight.Decode(&spec.weights); err != nil {
				bad(&rs.Weight, "signal %q: weight must be a number or a mapping of language to number", k.Value)
			}
		default:
			bad(&rs.Weight, "signal %q: weight must be a number or a mapping of language to number", k.Value)
		}
		builtin := slices.Contains(Builtin, k.Value)
		if builtin && len(rs.Terms) > 0 && k.Value != "question" {
			bad(v, "signal %q is computed from the text; it takes no terms", k.Value)
		}
		if !builtin && len(rs.Terms) == 0 {
			bad(v, "signal %q is not built in (%s), so it needs terms", k.Value, strings.Join(Builtin, ", "))
		}
		langs := slices.Sorted(maps.Keys(rs.Terms))
		for _, lang := range langs {
			for _, t := range rs.Terms[lang] {
				lt := strings.ToLower(strings.TrimSpace(t))
				if lt == "" {
					bad(v, "signal %q: empty term", k.Value)
					continue
				}
				spec.terms = append(spec.terms, term{text: lt, lang: lang, word: isASCIILetter(lt[0]) || isASCIILetter(lt[len(lt)-1])})
			}
		}
		// Longer terms first, so "thank you" is preferred to "thank".
		sort.SliceStable(spec.terms, func(i, j int) bool { return len(spec.terms[i].text) > len(spec.terms[j].text) })

		if slices.ContainsFunc(p.signals, func(s signalSpec) bool { return s.name == k.Value }) {
			bad(k, "signal %q appears twice", k.Value)
		}
		p.signals = append(p.signals, spec)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("tone: %d problem(s):\n\t%s", len(problems), strings.Join(problems, "\n\t"))
	}
	p.indexWeights()
	for si := range p.signals {
		for ti, t := range p.signals[si].terms {
			p.lexicon[t.text[0]] = append(p.lexicon[t.text[0]], lexRef{si, ti})
		}
	}
	for b := range p.lexicon {
		refs := p.lexicon[b]
		sort.SliceStable(refs, func(i, j int) bool {
			return len(p.signals[refs[i].signal].terms[refs[i].term].text) > len(p.signals[refs[j].signal].terms[refs[j].term].text)
		})
	}
	p.lexiconRune = map[rune][]lexRef{}
	for b := utf8.RuneSelf; b < len(p.lexicon); b++ {
		for _, ref := range p.lexicon[b] {
			r, size := utf8.DecodeRuneInString(p.signals[ref.signal].terms[ref.term].text)
			if r == utf8.RuneError && size <= 1 {
				p.lexiconRune = nil
				return p, nil
			}
			p.lexiconRune[r] = append(p.lexiconRune[r], ref)
		}
	}
	p.lexiconFirst = newRuneSet(func(r rune) bool { return p.lexiconRune[r] != nil })
	return p, nil
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
